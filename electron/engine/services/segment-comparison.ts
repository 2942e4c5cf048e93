// MAXQDA's intercoder agreement for two coders on a project's codings: code existence and code
// frequency per document and segment agreement at a minimum overlap (shared/stats/segment-comparison,
// where the formulas and their sources are). Documents count by the same scope as the agreement
// report: in scope design, where both coders are assigned (a document without assignments: where both
// coded); in scope all, every selected document. Each document's codings of the two coders are read
// once, grouped by code, so cost grows with the number of codings.
import type { AgreementScope, SegmentComparisonCode, SegmentComparisonReport, UnmatchedSegmentRow } from '../../../shared/api/agreement';
import { AccordError } from '../../../shared/errors';
import type { Code, CodeId, DocumentId, Span } from '../../../shared/model/types';
import { compareSegments, DEFAULT_OVERLAP_PERCENT, type SegmentSlice } from '../../../shared/stats/segment-comparison';
import type { Session } from '../session';
import { codePaths } from './agreement';
import { listCodes } from './codebook';
import { toCoder, type CoderRow } from './rows';
import { plural } from '../../../shared/text/wording';

export interface SegmentComparisonSelection {
  coderIds: number[];
  codeIds?: number[];
  documentIds?: number[];
  scope?: AgreementScope;
  /** Minimum overlap in percent (default 90). */
  overlap?: number;
  /** At most this many unmatched segments, the first in reading order (default: all); all are counted. */
  limit?: number;
}

/** A coding as a segment. */
interface CodedSegment extends Span {
  id: number;
}

const EXCERPT = 160;

function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= EXCERPT ? flat : `${flat.slice(0, EXCERPT - 1).trimEnd()}…`;
}

/** The selected codes with every descendant (each compared as applied). */
function selectedCodes(all: readonly Code[], codeIds: number[] | undefined): Set<number> {
  if (!codeIds || codeIds.length === 0) return new Set(all.map((c) => c.id as number));
  const known = new Set(all.map((c) => c.id as number));
  for (const id of codeIds) if (!known.has(id)) throw new AccordError('NOT_FOUND', `no code with id ${id}`);
  const out = new Set<number>(codeIds);
  // listCodes is depth-first, so a parent comes before its children: one pass collects subtrees.
  for (const c of all) if (c.parentId !== null && out.has(c.parentId)) out.add(c.id);
  return out;
}

export function segmentComparisonReport(s: Session, sel: SegmentComparisonSelection): SegmentComparisonReport {
  const scope = sel.scope ?? 'design';
  const threshold = sel.overlap ?? DEFAULT_OVERLAP_PERCENT;
  if (!(threshold > 0 && threshold <= 100)) throw new AccordError('INVALID_INPUT', `the minimum overlap is a percentage above 0 and at most 100, not ${threshold}`);
  const ids = [...new Set(sel.coderIds)];
  if (ids.length !== 2) {
    throw new AccordError('INVALID_INPUT', `segment comparison compares exactly two coders (as MAXQDA does); ${ids.length === 0 ? 'none was' : `${ids.length} were`} given`);
  }
  const getCoder = s.db.prepare('SELECT id, name, color, is_consensus FROM coders WHERE id = ?');
  const coders = ids.map((id) => {
    const row = getCoder.get(id) as CoderRow | undefined;
    if (!row) throw new AccordError('NOT_FOUND', `no coder with id ${id}`);
    return toCoder(row);
  });

  const getDoc = s.db.prepare('SELECT id, name FROM documents WHERE id = ?');
  const docs = (
    sel.documentIds && sel.documentIds.length > 0
      ? [...new Set(sel.documentIds)].map((id) => {
          const r = getDoc.get(id);
          if (!r) throw new AccordError('NOT_FOUND', `no document with id ${id}`);
          return r;
        })
      : s.db.prepare('SELECT id, name FROM documents ORDER BY ord, id').all()
  ) as { id: number; name: string }[];

  const allCodes = listCodes(s);
  const wanted = selectedCodes(allCodes, sel.codeIds);
  const codeById = new Map(allCodes.map((c) => [c.id as number, c]));

  // Scope design: per document, which of the two coders are assigned (undefined: no assignments at all).
  const assigned = new Map<number, Set<number>>();
  if (scope === 'design') {
    for (const [doc, coder] of s.db.prepare('SELECT document_id, coder_id FROM coder_assignments').raw().all() as [number, number][]) {
      let set = assigned.get(doc);
      if (!set) assigned.set(doc, (set = new Set()));
      set.add(coder);
    }
  }

  // Ids and offsets only (the unique index covers them, already in code, coder, start order); the
  // text is read afterwards for the unmatched segments alone.
  const read = s.db.prepare('SELECT id, code_id, coder_id, start, "end" FROM codings WHERE document_id = ? AND coder_id IN (?, ?) ORDER BY code_id, coder_id, start, "end"').raw();
  const compared: { id: DocumentId; name: string }[] = [];
  const leftOut: string[] = [];
  const slices: SegmentSlice<number, number>[] = [];
  const [first, second] = ids;
  for (const doc of docs) {
    const rows = read.all(doc.id, first, second) as [number, number, number, number, number][];
    let coded0 = false;
    let coded1 = false;
    for (const r of rows) {
      if (r[2] === first) coded0 = true;
      else coded1 = true;
    }
    const a = assigned.get(doc.id);
    const counts = (coder: number, coded: boolean) => scope === 'all' || (a ? a.has(coder) : coded);
    if (!counts(first, coded0) || !counts(second, coded1)) {
      leftOut.push(doc.name);
      continue;
    }
    compared.push({ id: doc.id as DocumentId, name: doc.name });
    let slice: SegmentSlice<number, number> | null = null;
    for (const [id, code, coder, start, end] of rows) {
      if (!wanted.has(code)) continue;
      if (!slice || slice.code !== code) slices.push((slice = { document: doc.id, code, a: [], b: [] }));
      ((coder === first ? slice.a : slice.b) as CodedSegment[]).push({ id, start, end });
    }
  }

  const result = compareSegments(slices, threshold);
  const paths = codePaths(allCodes);
  const order = new Map(allCodes.map((c, i) => [c.id as number, i]));
  const codes: SegmentComparisonCode[] = result.codes
    .map((row) => {
      const c = codeById.get(row.code)!;
      return { codeId: c.id, label: c.label, name: c.name, path: paths.get(c.id) ?? c.name, existence: row.existence, frequency: row.frequency, segments: row.segments };
    })
    .sort((x, y) => order.get(x.codeId)! - order.get(y.codeId)!);

  const docName = new Map(compared.map((d) => [d.id as number, d.name]));
  // The coded text of one document's segments, read once per document that has unmatched ones. The
  // ORDER BY keeps SQLite on the unique index, which filters the two coders before reading any row
  // (the (document, start) index would read every coder's rows).
  const textsIn = s.db
    .prepare('SELECT id, substr(text, 1, 400) FROM codings WHERE document_id = ? AND coder_id IN (?, ?) ORDER BY code_id, coder_id, start, "end"')
    .raw();
  let texts = new Map<number, string>();
  let textsDoc = -1;
  const textOf = (doc: number, id: number): string => {
    if (doc !== textsDoc) {
      texts = new Map(textsIn.all(doc, first, second) as [number, string][]);
      textsDoc = doc;
    }
    return texts.get(id) ?? '';
  };
  const labelOf = new Map<number, string>();
  // The slices come in document order, so the unmatched segments do too: each document's are put in
  // reading order (position, then code and coder) on their own.
  const unmatched: UnmatchedSegmentRow[] = [];
  const keys: number[][] = [];
  const flush = (from: number) => {
    const idx = keys.slice(from).map((_, i) => from + i);
    idx.sort((i, j) => keys[i][0] - keys[j][0] || keys[i][1] - keys[j][1] || keys[i][2] - keys[j][2] || keys[i][3] - keys[j][3]);
    const sorted = idx.map((i) => unmatched[i]);
    for (let i = 0; i < sorted.length; i++) unmatched[from + i] = sorted[i];
  };
  let docStart = 0;
  // With a limit, the rows stop at the end of the document that reaches it (its rows are sorted as a
  // whole): the rest is only counted, without reading its text or making its rows.
  let full = false;
  for (const u of result.unmatched) {
    if (unmatched.length > 0 && unmatched[unmatched.length - 1].documentId !== u.document) {
      flush(docStart);
      if (sel.limit !== undefined && unmatched.length >= sel.limit) {
        full = true;
        break;
      }
      docStart = unmatched.length;
    }
    const slice = slices[u.slice];
    const mine = (u.coder === 0 ? slice.a : slice.b)[u.index] as CodedSegment;
    const other = u.otherIndex >= 0 ? ((u.coder === 0 ? slice.b : slice.a)[u.otherIndex] as CodedSegment) : null;
    let code = labelOf.get(u.code);
    if (code === undefined) {
      const c = codeById.get(u.code)!;
      labelOf.set(u.code, (code = c.label || c.name));
    }
    keys.push([mine.start, mine.end, order.get(u.code)!, u.coder]);
    unmatched.push({
      documentId: u.document as DocumentId,
      document: docName.get(u.document)!,
      codeId: u.code as CodeId,
      code,
      codingId: mine.id,
      coder: coders[u.coder].name,
      start: mine.start,
      end: mine.end,
      text: excerpt(textOf(u.document, mine.id)),
      other: other ? { codingId: other.id, start: other.start, end: other.end, text: excerpt(textOf(u.document, other.id)) } : null,
      overlap: u.overlap,
    });
  }
  if (!full) flush(docStart);
  if (sel.limit !== undefined && unmatched.length > sel.limit) unmatched.length = sel.limit;

  const segments = result.total.segments.agree + result.total.segments.disagree;
  const how =
    scope === 'design'
      ? 'the documents both coders were assigned or, where a document had no assignments, both coded'
      : 'every selected document';
  const k = result.chance.codes;
  const sentence =
    `Segment agreement between ${coders[0].name} and ${coders[1].name} was computed on ${plural(compared.length, 'document')}, ` +
    `${plural(segments, 'coded segment')} and ${plural(k, 'code')} (scope: ${scope}, ${how}): two segments of the same code agreed when they ` +
    `overlapped by at least ${threshold} % of the text either coded, each coder's segments checked against the other's; ` +
    `κ in Brennan and Prediger's form with chance agreement 1/${k}.`;
  const notes: string[] = [];
  if (leftOut.length > 0) {
    notes.push(
      `${plural(leftOut.length, 'document')} where the two coders do not both count left out` +
        (scope === 'design' ? ' (scope: design; --scope all compares every selected document)' : '') +
        `: ${leftOut.slice(0, 20).join(', ')}${leftOut.length > 20 ? ', …' : ''}`,
    );
  }
  notes.push('existence and frequency count, per code, the documents where at least one of the two coders applied it; codes are compared as applied, without sub-codes');
  return {
    scope,
    sentence,
    coders: [
      { id: coders[0].id, name: coders[0].name },
      { id: coders[1].id, name: coders[1].name },
    ],
    documents: compared,
    overlapThreshold: threshold,
    chance: result.chance,
    codes,
    total: result.total,
    byDocument: result.documents.map((d) => ({
      documentId: d.document as DocumentId,
      name: docName.get(d.document)!,
      existence: d.existence,
      frequency: d.frequency,
      segments: d.segments,
    })),
    unmatched,
    unmatchedTotal: result.unmatched.length,
    notes,
  };
}
