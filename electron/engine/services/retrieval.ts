// Retrieval of coded segments: every passage coded with the chosen codes (and their descendants),
// narrowed by layer, coders, documents, groups and participant attributes, with who said it, their
// attributes and the passage's time in the recording. One query, then filters and sorting in memory.
import type { RetrievalFile, RetrievalFormat, RetrievalQuery, RetrievalResult, RetrievedSegment } from '../../../shared/api/retrieval';
import { AccordError } from '../../../shared/errors';
import { depthFirst, subtree } from '../../../shared/codebook/tree';
import type { CodeId, CoderId, CodingId, DocumentId } from '../../../shared/model/types';
import { retrievalQuoteTable, retrievalRows, retrievalSummary, sortSegments } from '../../../shared/reports/retrieval';
import { toCsvRows } from '../export/csv';
import { renderTable } from '../export';
import { toXlsx } from '../export/xlsx';
import type { Session } from '../session';
import { progress } from '../progress';
import { listCodes } from './codebook';
import { interviewStarts, intoInterview } from './spoken-times';

interface SegmentRow {
  id: number;
  document_id: number;
  code_id: number;
  coder_id: number;
  start: number;
  end: number;
  text: string;
  document: string;
  participant_id: number | null;
  pid: string | null;
  coder: string;
  time_ms: number | null;
}

export function retrieve(s: Session, q: RetrievalQuery): RetrievalResult {
  const codes = listCodes(s);
  const byId = new Map(codes.map((c) => [c.id as number, c]));
  for (const id of q.codeIds) if (!byId.has(id)) throw new AccordError('NOT_FOUND', `no code with id ${id}`);
  const wanted = new Set<number>(q.codeIds);
  if (q.descendants) for (const id of q.codeIds) for (const c of subtree(codes, id)) wanted.add(c.id);
  const searched = depthFirst(codes)
    .map((n) => n.node)
    .filter((c) => wanted.has(c.id));

  const attributeNames = (s.db.prepare('SELECT name FROM attributes ORDER BY ord, id').all() as { name: string }[]).map((r) => r.name);
  const conditions = q.where.map((w) => {
    const name = attributeNames.find((n) => n.toLowerCase() === w.attribute.toLowerCase());
    if (!name) throw new AccordError('NOT_FOUND', `no participant attribute "${w.attribute}"${attributeNames.length ? ` (there are: ${attributeNames.join(', ')})` : ''}`);
    return { name, values: new Set(w.values.map((v) => v.trim().toLowerCase())) };
  });

  const rows = s.db
    .prepare(
      `SELECT c.id, c.document_id, c.code_id, c.coder_id, c.start, c.end, c.text,
              d.name AS document, d.participant_id, p.pid, r.name AS coder,
              (SELECT t.start_ms FROM turns t WHERE t.document_id = c.document_id AND t.start <= c.start AND t.end > c.start
                 ORDER BY t.start DESC LIMIT 1) AS time_ms
         FROM codings c
         JOIN documents d ON d.id = c.document_id
         JOIN coders r ON r.id = c.coder_id
         LEFT JOIN participants p ON p.id = d.participant_id
        WHERE c.code_id IN (SELECT value FROM json_each(@codes))
          AND r.is_consensus = @consensus
          AND (@coders = '[]' OR c.coder_id IN (SELECT value FROM json_each(@coders)))
          AND (@documents = '[]' OR c.document_id IN (SELECT value FROM json_each(@documents)))
          AND (@groups = '[]' OR EXISTS (SELECT 1 FROM document_groups g WHERE g.document_id = c.document_id
                                     AND g.group_id IN (SELECT value FROM json_each(@groups))))`,
    )
    .all({
      codes: JSON.stringify([...wanted]),
      consensus: q.layer === 'consensus' ? 1 : 0,
      coders: JSON.stringify(q.layer === 'consensus' ? [] : q.coderIds),
      documents: JSON.stringify(q.documentIds),
      groups: JSON.stringify(q.groupIds),
    }) as SegmentRow[];

  const attributes = new Map<number, Record<string, string>>();
  const participantIds = [...new Set(rows.map((r) => r.participant_id).filter((id): id is number => id !== null))];
  if (participantIds.length > 0) {
    const values = s.db
      .prepare(
        `SELECT pa.participant_id, a.name, pa.value FROM participant_attributes pa JOIN attributes a ON a.id = pa.attribute_id
          WHERE pa.participant_id IN (SELECT value FROM json_each(?)) AND pa.value <> '' ORDER BY a.ord, a.id`,
      )
      .all(JSON.stringify(participantIds)) as { participant_id: number; name: string; value: string }[];
    for (const v of values) {
      const rec = attributes.get(v.participant_id) ?? {};
      rec[v.name] = v.value;
      attributes.set(v.participant_id, rec);
    }
  }

  const segments: RetrievedSegment[] = [];
  // Times count from each interview's start (see interviewStarts).
  const startOf = interviewStarts(s);
  for (const [i, r] of rows.entries()) {
    progress(i, rows.length, 'segments');
    const attrs = r.participant_id === null ? {} : (attributes.get(r.participant_id) ?? {});
    if (!conditions.every((c) => c.values.has((attrs[c.name] ?? '').trim().toLowerCase()))) continue;
    const code = byId.get(r.code_id)!;
    segments.push({
      codingId: r.id as CodingId,
      documentId: r.document_id as DocumentId,
      document: r.document,
      participant: r.pid,
      attributes: attrs,
      codeId: r.code_id as CodeId,
      codeLabel: code.label || code.name,
      codeName: code.name,
      coderId: r.coder_id as CoderId,
      coder: r.coder,
      start: r.start,
      end: r.end,
      text: r.text,
      timeMs: intoInterview(r.time_ms, startOf(r.document_id)),
    });
  }
  const order = new Map((s.db.prepare('SELECT id, ord FROM documents').all() as { id: number; ord: number }[]).map((d) => [d.id, d.ord]));
  const sorted = sortSegments(segments, q.sort, order);
  const present = new Set(sorted.flatMap((x) => Object.keys(x.attributes)));

  const chosen = q.codeIds.map((id) => byId.get(id)!).map((c) => c.label || c.name);
  let layer = 'every coder';
  if (q.layer === 'consensus') layer = 'the consensus layer';
  else if (q.coderIds.length > 0) {
    const names = s.db.prepare('SELECT name FROM coders WHERE id IN (SELECT value FROM json_each(?)) ORDER BY name').all(JSON.stringify(q.coderIds)) as { name: string }[];
    layer = names.map((n) => n.name).join(' and ') || 'no coder';
  }
  const filters = conditions.map((c) => `${c.name} is ${[...q.where.find((w) => w.attribute.toLowerCase() === c.name.toLowerCase())!.values].join(' or ')}`);
  if (q.groupIds.length > 0) filters.push(`the documents are in ${q.groupIds.length === 1 ? 'the chosen group' : `${q.groupIds.length} chosen groups`}`);
  if (q.documentIds.length > 0) filters.push(`${q.documentIds.length === 1 ? 'one chosen document' : `${q.documentIds.length} chosen documents`}`);

  return {
    segments: sorted,
    codes: searched.map((c) => ({ id: c.id, label: c.label, name: c.name })),
    attributes: attributeNames.filter((n) => present.has(n)),
    documents: new Set(sorted.map((x) => x.documentId)).size,
    participants: new Set(sorted.filter((x) => x.participant !== null).map((x) => x.participant)).size,
    summary: retrievalSummary(sorted, { codes: chosen, descendants: searched.length - new Set(q.codeIds).size, layer, filters }),
  };
}

const MIME: Record<RetrievalFormat, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  csv: 'text/csv',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  markdown: 'text/markdown',
  json: 'application/json',
};
const EXTENSION: Record<RetrievalFormat, string> = { docx: '.docx', csv: '.csv', xlsx: '.xlsx', markdown: '.md', json: '.json' };

/** The retrieval as a file: a quote table (Word, Markdown), flat rows (CSV, XLSX) or the result itself (JSON). */
export async function exportRetrieval(s: Session, q: RetrievalQuery, format: RetrievalFormat): Promise<RetrievalFile> {
  const result = retrieve(s, q);
  let bytes: Uint8Array;
  if (format === 'docx') bytes = await renderTable(retrievalQuoteTable(result), 'docx');
  else if (format === 'markdown') bytes = new TextEncoder().encode(await renderTable(retrievalQuoteTable(result), 'markdown'));
  else if (format === 'json') bytes = new TextEncoder().encode(JSON.stringify(result, null, 2) + '\n');
  else {
    const { header, rows } = retrievalRows(result);
    bytes = format === 'csv' ? new TextEncoder().encode(toCsvRows([header, ...rows])) : toXlsx('Segments', header, rows);
  }
  const base = `retrieved-${result.codes[0]?.label || 'segments'}`.replace(/[^\w.-]+/g, '-');
  return { fileName: `${base}${EXTENSION[format]}`, mimeType: MIME[format], dataBase64: Buffer.from(bytes).toString('base64') };
}
