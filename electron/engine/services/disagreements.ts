// Every disagreement in a document or the whole project: for each document at least two coders
// coded and each code they applied there, the regions where their ranges differ (from the same
// region logic the consensus explorer steps through), with who coded what and how large it is.
// A document's codings and decisions are read once for all its codes, and progress is reported
// per document: on a large project the list is a long report, which the window can cancel. Every
// disagreement is counted; the items kept are the first `limit` in the order asked, so a project
// with millions of them answers with a page, not all of them.
import type { Disagreement, DisagreementList } from '../../../shared/api/agreement';
import { compareLabels } from '../../../shared/codebook/tree';
import type { CodeId, Coder, DocumentId, Span } from '../../../shared/model/types';
import { coveredLength, intersect, union } from '../../../shared/spans/spans';
import { progress } from '../progress';
import type { Session } from '../session';
import { listCoders } from './coders';
import { comparedCoders, latestDecisions, listDecisions, regionsOf, requireVisible } from './consensus';

export interface DisagreementQuery {
  documentId?: number;
  codeId?: number;
  coderIds?: number[];
  sort?: 'place' | 'code' | 'size';
  openOnly?: boolean;
  limit?: number;
}

/** Orders other than place: by code label or largest first, ties in place order (`seq`). */
const ORDERS: Record<'code' | 'size', (a: Ranked, b: Ranked) => number> = {
  code: (a, b) => compareLabels(a.item.code, b.item.code) || a.seq - b.seq,
  size: (a, b) => b.item.size - a.item.size || a.seq - b.seq,
};

interface Ranked {
  item: Disagreement;
  /** Its place in document and region order. */
  seq: number;
}

export function listDisagreements(s: Session, filter: DisagreementQuery): DisagreementList {
  const sort = filter.sort ?? 'place';
  const limit = filter.limit ?? Infinity;
  const order = sort === 'place' ? null : ORDERS[sort];
  const allCoders = listCoders(s);
  const coderById = new Map(allCoders.map((c) => [c.id as number, c] as const));
  // The consensus layer's coder (the first listed: consensus coders come last, by id).
  const consensus = allCoders.find((c) => c.isConsensus) ?? null;
  // Coders chosen by the caller are checked once (the same errors as the explorer's).
  const chosen = filter.coderIds && filter.coderIds.length > 0 ? comparedCoders(s, 0, filter.coderIds) : null;
  const codes = new Map(
    (s.db.prepare('SELECT id, label, name FROM codes').all() as { id: number; label: string; name: string }[]).map((c) => [c.id, c] as const),
  );
  // Documents two or more coders (not the consensus layer) coded, with those coders, from the
  // coding counts kept per document and coder.
  const counted = s.db
    .prepare(
      `SELECT n.document_id AS d, d.name, n.coder_id AS c FROM coding_counts n
         JOIN coders r ON r.id = n.coder_id AND r.is_consensus = 0
         JOIN documents d ON d.id = n.document_id
        WHERE (@documentId IS NULL OR n.document_id = @documentId)
        ORDER BY d.ord, d.id, n.coder_id`,
    )
    .all({ documentId: filter.documentId ?? null }) as { d: number; name: string; c: number }[];
  const documents: { id: number; name: string; coders: number[] }[] = [];
  for (const r of counted) {
    const last = documents.at(-1);
    if (last?.id === r.d) last.coders.push(r.c);
    else documents.push({ id: r.d, name: r.name, coders: [r.c] });
  }
  const compared = documents.filter((d) => d.coders.length >= 2);

  const read = s.db
    .prepare(
      `SELECT code_id, coder_id, start, "end" FROM codings
        WHERE document_id = @documentId AND (@codeId IS NULL OR code_id = @codeId)
        ORDER BY code_id, coder_id, start, "end"`,
    )
    .raw();
  let kept: Ranked[] = [];
  let total = 0;
  let settled = 0;
  /** Keep `item` if it may be among the first `limit`; memory stays within twice the limit. */
  const offer = (item: Disagreement): void => {
    const seq = total++;
    if (item.settled) settled++;
    if (filter.openOnly && item.settled) return;
    if (!order) {
      if (kept.length < limit) kept.push({ item, seq });
      return;
    }
    kept.push({ item, seq });
    if (kept.length >= 2 * limit) kept = kept.sort(order).slice(0, limit);
  };
  let pairs = 0;
  let documentsWithCodes = 0;
  for (const [i, doc] of compared.entries()) {
    progress(i, compared.length, 'documents');
    // Each code's ranges per coder, in the unique index's order (code, coder, start, end).
    const byCode = new Map<number, Map<number, Span[]>>();
    for (const [code, coder, start, end] of read.iterate({ documentId: doc.id, codeId: filter.codeId ?? null }) as IterableIterator<[number, number, number, number]>) {
      let perCoder = byCode.get(code);
      if (!perCoder) byCode.set(code, (perCoder = new Map()));
      let list = perCoder.get(coder);
      if (!list) perCoder.set(coder, (list = []));
      list.push({ start, end });
    }
    // The codes some coder (not the consensus layer) applied here, in label order (10, 10a, 10b, 100).
    const applied = [...byCode.entries()]
      .filter(([, perCoder]) => [...perCoder.keys()].some((c) => coderById.get(c)?.isConsensus === false))
      .map(([code]) => codes.get(code)!)
      .sort((a, b) => compareLabels(a.label, b.label) || a.id - b.id);
    if (applied.length === 0) continue;
    documentsWithCodes++;
    pairs += applied.length;
    requireVisible(s, doc.id, doc.name);
    const coders: Coder[] = chosen ?? doc.coders.map((id) => coderById.get(id)!);
    if (coders.length < 2) continue;
    const decisions = listDecisions(s, { documentId: doc.id, ...(filter.codeId !== undefined ? { codeId: filter.codeId } : {}) });
    for (const code of applied) {
      const perCoder = byCode.get(code.id)!;
      const regions = regionsOf(
        coders,
        coders.map((c) => perCoder.get(c.id) ?? []),
        consensus ? (perCoder.get(consensus.id) ?? []) : [],
        latestDecisions(decisions.filter((d) => d.codeId === code.id)),
      );
      for (const region of regions) {
        if (region.agreed) continue;
        // What every coder coded is agreed; the rest of the region is the disagreement's size.
        let common = union(region.coders[0].ranges);
        for (const c of region.coders.slice(1)) common = intersect(common, union(c.ranges));
        const size = coveredLength(union(region.coders.flatMap((c) => c.ranges))) - coveredLength(common);
        offer({
          documentId: doc.id as DocumentId,
          document: doc.name,
          codeId: code.id as CodeId,
          code: code.label || code.name,
          start: region.start,
          end: region.end,
          size,
          coders: region.coders,
          kind: region.coders.some((c) => c.ranges.length === 0) ? 'missing' : 'boundaries',
          settled: region.decision !== null,
        });
      }
    }
  }
  progress(compared.length, compared.length, 'documents');
  if (order) kept = kept.sort(order).slice(0, limit);
  return { items: kept.map((k) => k.item), total, documents: documentsWithCodes, pairs, settled };
}
