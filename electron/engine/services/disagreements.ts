// Every disagreement in a document or the whole project: for each document at least two coders
// coded and each code they applied there, the regions where their ranges differ (from the same
// region logic the consensus explorer steps through), with who coded what and how large it is.
import type { Disagreement, DisagreementList } from '../../../shared/api/agreement';
import { compareLabels } from '../../../shared/codebook/tree';
import { coveredLength, intersect, union } from '../../../shared/spans/spans';
import type { CodeId, DocumentId } from '../../../shared/model/types';
import type { Session } from '../session';
import { consensusRegions } from './consensus';

export function listDisagreements(s: Session, filter: { documentId?: number; codeId?: number; coderIds?: number[] }): DisagreementList {
  const pairs = s.db
    .prepare(
      `SELECT k.document_id, k.code_id, d.name AS document, d.ord, c.label, c.name
         FROM codings k JOIN coders r ON r.id = k.coder_id AND r.is_consensus = 0
         JOIN documents d ON d.id = k.document_id JOIN codes c ON c.id = k.code_id
        WHERE (@documentId IS NULL OR k.document_id = @documentId) AND (@codeId IS NULL OR k.code_id = @codeId)
          AND k.document_id IN (SELECT document_id FROM codings k2 JOIN coders r2 ON r2.id = k2.coder_id AND r2.is_consensus = 0
                                 GROUP BY document_id HAVING count(DISTINCT k2.coder_id) >= 2)
        GROUP BY k.document_id, k.code_id
        ORDER BY d.ord, d.id`,
    )
    .all({ documentId: filter.documentId ?? null, codeId: filter.codeId ?? null }) as {
    document_id: number;
    code_id: number;
    document: string;
    ord: number;
    label: string;
    name: string;
  }[];
  // Within a document, codes in label order (10, 10a, 10b, 100), as the codebook shows them.
  pairs.sort((a, b) => a.ord - b.ord || a.document_id - b.document_id || compareLabels(a.label, b.label) || a.code_id - b.code_id);
  const items: Disagreement[] = [];
  for (const p of pairs) {
    const r = consensusRegions(s, p.document_id, p.code_id, filter.coderIds);
    if (r.coders.length < 2) continue;
    for (const region of r.regions) {
      if (region.agreed) continue;
      // What every coder coded is agreed; the rest of the region is the disagreement's size.
      let common = union(region.coders[0].ranges);
      for (const c of region.coders.slice(1)) common = intersect(common, union(c.ranges));
      const size = coveredLength(union(region.coders.flatMap((c) => c.ranges))) - coveredLength(common);
      items.push({
        documentId: p.document_id as DocumentId,
        document: p.document,
        codeId: p.code_id as CodeId,
        code: p.label || p.name,
        start: region.start,
        end: region.end,
        size,
        coders: region.coders,
        kind: region.coders.some((c) => c.ranges.length === 0) ? 'missing' : 'boundaries',
        settled: region.decision !== null,
      });
    }
  }
  return {
    items,
    documents: new Set(pairs.map((p) => p.document_id)).size,
    pairs: pairs.length,
    settled: items.filter((i) => i.settled).length,
  };
}
