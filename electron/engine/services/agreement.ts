// Agreement between coders on a project's codings: per code (rolled up the hierarchy), per document,
// per coder pair and overall, on characters, speaker turns or documents. Builds on the pure measures
// in shared/stats; every step sweeps over ranges, so cost grows with the number of codings, not
// with the number of characters.
import type {
  AgreementMeasures,
  AgreementReport,
  AgreementUnit,
  BeforeAfterReport,
  CodeAgreement,
  DocumentAgreement,
  PairAgreement,
} from '../../../shared/api/agreement';
import { AccordError } from '../../../shared/api/errors';
import type { Code, CodeId, Coder, DocumentId, Span } from '../../../shared/model/types';
import type { Measure } from '../../../shared/stats/agreement';
import {
  ABSENT,
  PRESENT,
  agreementFromPatternCounts,
  characterPatternCounts,
  codeUnitizedCounts,
  emptyPatternCounts,
  poolPatternCounts,
  poolUnitizedCounts,
  turnUnits,
  unitizedAlphaFromCounts,
  unitsPatternCounts,
  type PatternCounts,
  type UnitizedCounts,
} from '../../../shared/stats/text-agreement';
import type { Session } from '../session';
import { listCodes } from './codebook';
import { toCoder, type CoderRow } from './rows';

export interface AgreementSelection {
  coderIds?: number[];
  codeIds?: number[];
  documentIds?: number[];
  unit?: AgreementUnit;
  /** Fill per-document and per-pair breakdowns (default true). */
  detail?: boolean;
}

interface DocInfo {
  id: DocumentId;
  name: string;
  /** Units the document offers: characters (UTF-16), turns or 1. */
  size: number;
  length: number;
  turns: Span[];
}

/** What every slice of one report shares. */
interface Ctx {
  unit: AgreementUnit;
  docs: ReadonlyMap<number, DocInfo>;
  /** Units over all selected documents. */
  totalSize: number;
  /** Characters over all selected documents (0 unless the unit is the character). */
  totalLength: number;
  m: number;
}

/** docId → ranges per coder (index into the selected coders). */
type ByDoc = Map<number, Span[][]>;

/** The counts of one slice, pooled, and per document. */
interface SliceCounts {
  pattern: PatternCounts;
  unitized: UnitizedCounts | null;
  perDoc: Map<number, { pattern: PatternCounts; unitized: UnitizedCounts | null }>;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en')} ${n === 1 ? one : many}`;
}

function selectedCoders(s: Session, coderIds: number[] | undefined, documentIds: number[] | null): Coder[] {
  if (coderIds && coderIds.length > 0) {
    const get = s.db.prepare('SELECT id, name, color, is_consensus FROM coders WHERE id = ?');
    return [...new Set(coderIds)].map((id) => {
      const row = get.get(id) as CoderRow | undefined;
      if (!row) throw new AccordError('NOT_FOUND', `no coder with id ${id}`);
      return toCoder(row);
    });
  }
  const docFilter = documentIds ? `AND k.document_id IN (${documentIds.map(() => '?').join(',')})` : '';
  const rows = s.db
    .prepare(
      `SELECT c.id, c.name, c.color, c.is_consensus FROM coders c
       WHERE c.is_consensus = 0 AND EXISTS (SELECT 1 FROM codings k WHERE k.coder_id = c.id ${docFilter})
       ORDER BY c.id`,
    )
    .all(...(documentIds ?? [])) as CoderRow[];
  return rows.map(toCoder);
}

function selectedDocuments(s: Session, documentIds: number[] | undefined, unit: AgreementUnit): DocInfo[] {
  const ids = documentIds && documentIds.length > 0 ? [...new Set(documentIds)] : null;
  // The text is read only for character units: its JavaScript length is the number of UTF-16 units.
  const cols = unit === 'character' ? 'id, name, text' : 'id, name';
  const rows = (
    ids
      ? ids.map((id) => {
          const r = s.db.prepare(`SELECT ${cols} FROM documents WHERE id = ?`).get(id);
          if (!r) throw new AccordError('NOT_FOUND', `no document with id ${id}`);
          return r;
        })
      : s.db.prepare(`SELECT ${cols} FROM documents ORDER BY ord, id`).all()
  ) as { id: number; name: string; text?: string }[];
  const turnsOf = new Map<number, Span[]>();
  if (unit === 'turn') {
    const all = s.db.prepare('SELECT document_id, start, "end" FROM turns ORDER BY document_id, ord').all() as {
      document_id: number;
      start: number;
      end: number;
    }[];
    for (const t of all) {
      const list = turnsOf.get(t.document_id) ?? [];
      list.push({ start: t.start, end: t.end });
      turnsOf.set(t.document_id, list);
    }
  }
  return rows.map((r) => {
    const length = r.text?.length ?? 0;
    const turns = turnsOf.get(r.id) ?? [];
    const size = unit === 'character' ? length : unit === 'turn' ? turns.length : 1;
    return { id: r.id as DocumentId, name: r.name, size, length, turns };
  });
}

/** Counts for one document's ranges (per coder) on the chosen unit. */
function docCounts(unit: AgreementUnit, doc: DocInfo, ranges: readonly Span[][], unitizedOnly = false): { pattern: PatternCounts; unitized: UnitizedCounts | null } {
  if (unit === 'character') {
    const pattern = unitizedOnly ? emptyPatternCounts(ranges.length) : characterPatternCounts(doc.length, ranges);
    return { pattern, unitized: codeUnitizedCounts(doc.length, ranges) };
  }
  if (unit === 'turn') return { pattern: unitsPatternCounts(turnUnits(doc.turns, ranges), ranges.length), unitized: null };
  const row = ranges.map((r) => (r.some((x) => x.end > x.start) ? PRESENT : ABSENT));
  return { pattern: unitsPatternCounts([row], ranges.length), unitized: null };
}

/**
 * Pooled counts over all selected documents for one slice (a code, or a set of codes as applied):
 * documents without any range add their units as all-absent in one step, so the work is linear in
 * the documents that carry ranges.
 */
function sliceCounts(ctx: Ctx, byDoc: ByDoc, subset?: number[]): SliceCounts {
  const { unit, docs, totalSize, totalLength, m } = ctx;
  const perDoc = new Map<number, { pattern: PatternCounts; unitized: UnitizedCounts | null }>();
  let covered = 0;
  let coveredLength = 0;
  for (const [docId, ranges] of byDoc) {
    const doc = docs.get(docId);
    if (!doc) continue;
    const picked = subset ? subset.map((i) => ranges[i]) : ranges;
    // A pair's subset is only ever needed for |uα (its pattern counts come from projecting the pool).
    perDoc.set(docId, docCounts(unit, doc, picked, subset !== undefined));
    covered += doc.size;
    coveredLength += doc.length;
  }
  const coders = subset ? subset.length : m;
  const blank = emptyPatternCounts(coders);
  if (totalSize - covered > 0) blank.counts.set(ABSENT.repeat(coders), totalSize - covered);
  const pattern = poolPatternCounts([blank, ...[...perDoc.values()].map((d) => d.pattern)]);
  let unitized: UnitizedCounts | null = null;
  if (unit === 'character') {
    // Unitized counts are linear in the continuum's length, so all empty documents are one continuum.
    const empty = codeUnitizedCounts(totalLength - coveredLength, Array.from({ length: coders }, () => []));
    unitized = poolUnitizedCounts([empty, ...[...perDoc.values()].map((d) => d.unitized as UnitizedCounts)]);
  }
  return { pattern, unitized, perDoc };
}

function measuresOf(pattern: PatternCounts, unitized: UnitizedCounts | null, names: string[]): AgreementMeasures {
  const a = agreementFromPatternCounts(pattern, { coderNames: names });
  return {
    units: a.units,
    percentAgreement: a.percentAgreement,
    cohenKappa: a.cohenKappa,
    pairwiseCohen: a.pairwiseCohen,
    fleissKappa: a.fleissKappa,
    krippendorffAlpha: a.krippendorffAlpha,
    alphaU: unitized ? unitizedAlphaFromCounts(unitized) : null,
  };
}

/** Pattern counts restricted to coders i and j (summing over the others' values). */
function projectPair(counts: PatternCounts, i: number, j: number): PatternCounts {
  const out = emptyPatternCounts(2);
  for (const [key, n] of counts.counts) {
    const k = key[i] + key[j];
    out.counts.set(k, (out.counts.get(k) ?? 0) + n);
  }
  return out;
}

function pairsOf(ctx: Ctx, coders: Coder[], pooled: PatternCounts, byDocs: ByDoc[]): PairAgreement[] {
  const out: PairAgreement[] = [];
  for (let i = 0; i < coders.length; i++) {
    for (let j = i + 1; j < coders.length; j++) {
      const a = agreementFromPatternCounts(projectPair(pooled, i, j), { coderNames: [coders[i].name, coders[j].name] });
      let alphaU: Measure | null = null;
      if (ctx.unit === 'character') {
        // |uα depends on unit boundaries, which pattern counts do not keep: recount for the pair.
        const parts = byDocs.map((b) => sliceCounts(ctx, b, [i, j]).unitized as UnitizedCounts);
        alphaU = unitizedAlphaFromCounts(poolUnitizedCounts([codeUnitizedCounts(0, [[], []]), ...parts]));
      }
      out.push({
        coderA: coders[i].name,
        coderB: coders[j].name,
        units: a.units,
        percentAgreement: a.percentAgreement,
        cohenKappa: a.cohenKappa,
        krippendorffAlpha: a.krippendorffAlpha,
        alphaU,
      });
    }
  }
  return out;
}

/** `10 Features of the innovation > 10a Adaptation` for every code. */
export function codePaths(codes: readonly Code[]): Map<number, string> {
  const byId = new Map(codes.map((c) => [c.id as number, c]));
  const out = new Map<number, string>();
  const pathOf = (id: number): string => {
    const known = out.get(id);
    if (known !== undefined) return known;
    const c = byId.get(id)!;
    const own = [c.label, c.name].filter(Boolean).join(' ');
    const parent = c.parentId !== null && byId.has(c.parentId) ? byId.get(c.parentId)! : null;
    const p = parent ? `${pathOf(parent.id)} > ${own}` : own;
    out.set(id, p);
    return p;
  };
  for (const c of codes) pathOf(c.id);
  return out;
}

function depthOf(code: Code, byId: ReadonlyMap<number, Code>): number {
  let d = 0;
  let cur = code.parentId;
  while (cur !== null && d <= byId.size) {
    d++;
    cur = byId.get(cur)?.parentId ?? null;
  }
  return d;
}

function addRange(map: Map<number, ByDoc>, code: number, doc: number, coder: number, m: number, span: Span): void {
  let byDoc = map.get(code);
  if (!byDoc) map.set(code, (byDoc = new Map()));
  let ranges = byDoc.get(doc);
  if (!ranges) byDoc.set(doc, (ranges = Array.from({ length: m }, () => [])));
  ranges[coder].push(span);
}

/**
 * The agreement report. Coders default to every non-consensus coder with codings, codes to the
 * whole codebook, documents to all. A parent code's row counts the union of its own and its
 * descendants' ranges; the overall figures pool the codes as applied (no roll-up), so each coding
 * counts once.
 */
export function agreementReport(s: Session, sel: AgreementSelection = {}): AgreementReport {
  const unit = sel.unit ?? 'character';
  const detail = sel.detail ?? true;
  const docList = selectedDocuments(s, sel.documentIds, unit);
  const docIds = sel.documentIds && sel.documentIds.length > 0 ? docList.map((d) => d.id as number) : null;
  const coders = selectedCoders(s, sel.coderIds, docIds);
  if (coders.length < 2) {
    throw new AccordError(
      'INVALID_INPUT',
      `agreement needs at least two coders; ${coders.length === 0 ? 'no coder has' : `only ${coders[0].name} has`} codings${docIds ? ' in the selected documents' : ''}`,
    );
  }
  const m = coders.length;
  const names = coders.map((c) => c.name);
  const docs = new Map(docList.map((d) => [d.id as number, d]));
  const totalSize = docList.reduce((n, d) => n + d.size, 0);
  const ctx: Ctx = { unit, docs, totalSize, totalLength: docList.reduce((n, d) => n + d.length, 0), m };

  const allCodes = listCodes(s);
  const byId = new Map(allCodes.map((c) => [c.id as number, c]));
  const rowIds = sel.codeIds && sel.codeIds.length > 0 ? new Set(sel.codeIds as number[]) : new Set(byId.keys());
  for (const id of rowIds) if (!byId.has(id)) throw new AccordError('NOT_FOUND', `no code with id ${id}`);
  const rows = allCodes.filter((c) => rowIds.has(c.id));
  // The codes pooled overall: every code in the reported codes' subtrees, each with its own ranges.
  const pooledIds = new Set<number>();
  for (const c of allCodes) {
    let cur: number | null = c.id;
    let steps = 0;
    while (cur !== null && steps++ <= byId.size) {
      if (rowIds.has(cur)) {
        pooledIds.add(c.id);
        break;
      }
      cur = byId.get(cur)?.parentId ?? null;
    }
  }
  const hasChildren = new Set(allCodes.map((c) => c.parentId).filter((p): p is CodeId => p !== null));

  // One pass over the codings: each range goes to its own code and to every reported ancestor.
  const coderIndex = new Map(coders.map((c, i) => [c.id as number, i]));
  const own = new Map<number, ByDoc>();
  const rolled = new Map<number, ByDoc>();
  const coderFilter = coders.map(() => '?').join(',');
  const codings = s.db
    .prepare(`SELECT document_id, code_id, coder_id, start, "end" FROM codings WHERE coder_id IN (${coderFilter})`)
    .iterate(...coders.map((c) => c.id)) as IterableIterator<{ document_id: number; code_id: number; coder_id: number; start: number; end: number }>;
  for (const k of codings) {
    if (!docs.has(k.document_id) || !pooledIds.has(k.code_id)) continue;
    const ci = coderIndex.get(k.coder_id)!;
    const span = { start: k.start, end: k.end };
    addRange(own, k.code_id, k.document_id, ci, m, span);
    let cur: number | null = k.code_id;
    let steps = 0;
    while (cur !== null && steps++ <= byId.size) {
      if (rowIds.has(cur)) addRange(rolled, cur, k.document_id, ci, m, span);
      cur = byId.get(cur)?.parentId ?? null;
    }
  }

  const paths = codePaths(allCodes);
  const empty: ByDoc = new Map();
  const codeRows: CodeAgreement[] = rows.map((code) => {
    const byDoc = rolled.get(code.id) ?? empty;
    const slice = sliceCounts(ctx, byDoc);
    const row: CodeAgreement = {
      codeId: code.id,
      parentId: code.parentId,
      label: code.label,
      name: code.name,
      path: paths.get(code.id) ?? code.name,
      depth: depthOf(code, byId),
      rolledUp: hasChildren.has(code.id),
      ...measuresOf(slice.pattern, slice.unitized, names),
      byDocument: [],
      byPair: [],
    };
    if (detail) {
      row.byDocument = docList
        .filter((d) => slice.perDoc.has(d.id))
        .map((d) => {
          const c = slice.perDoc.get(d.id)!;
          return { documentId: d.id, name: d.name, ...measuresOf(c.pattern, c.unitized, names) };
        });
      row.byPair = pairsOf(ctx, coders, slice.pattern, [byDoc]);
    }
    return row;
  });

  // Overall and per-document figures pool every (code, unit) pair of the codes as applied.
  const pooledCodes = [...pooledIds];
  const slices = pooledCodes.map((id) => sliceCounts(ctx, own.get(id) ?? empty));
  const overallPattern = poolPatternCounts([emptyPatternCounts(m), ...slices.map((x) => x.pattern)]);
  const overallUnitized =
    unit === 'character'
      ? poolUnitizedCounts([codeUnitizedCounts(0, Array.from({ length: m }, () => [])), ...slices.map((x) => x.unitized as UnitizedCounts)])
      : null;
  const unitName = unit === 'character' ? 'character' : unit === 'turn' ? 'speaker turn' : 'document';
  const pooling =
    `pooled over ${plural(pooledCodes.length, 'code')} × ${plural(totalSize, unitName)} of ${plural(docList.length, 'document')}: ` +
    `each (code, ${unitName}) pair is one unit; codes counted as applied, without roll-up`;
  const overall = { pooling, ...measuresOf(overallPattern, overallUnitized, names) };

  let byDocument: DocumentAgreement[] = [];
  let byPair: PairAgreement[] = [];
  if (detail) {
    byDocument = docList.map((d) => {
      const parts = slices.map((x) => x.perDoc.get(d.id));
      const absentCodes = parts.filter((p) => !p).length;
      const blank = emptyPatternCounts(m);
      if (absentCodes * d.size > 0) blank.counts.set(ABSENT.repeat(m), absentCodes * d.size);
      const present = parts.filter((p) => p !== undefined);
      const pattern = poolPatternCounts([blank, ...present.map((p) => p.pattern)]);
      const unitized =
        unit === 'character'
          ? poolUnitizedCounts([
              codeUnitizedCounts(absentCodes * d.length, Array.from({ length: m }, () => [])),
              ...present.map((p) => p.unitized as UnitizedCounts),
            ])
          : null;
      return { documentId: d.id, name: d.name, ...measuresOf(pattern, unitized, names) };
    });
    byPair = pairsOf(ctx, coders, overallPattern, pooledCodes.map((id) => own.get(id) ?? empty));
  }

  const notes: string[] = [];
  if (unit === 'turn') {
    const noTurns = docList.filter((d) => d.turns.length === 0);
    if (noTurns.length > 0) notes.push(`${plural(noTurns.length, 'document')} without speaker turns left out: ${noTurns.map((d) => d.name).join(', ')}`);
  }
  return {
    unit,
    coders: coders.map((c) => ({ id: c.id, name: c.name })),
    documents: docList.map((d) => ({ id: d.id, name: d.name })),
    codes: codeRows,
    byDocument,
    byPair,
    overall,
    notes,
  };
}

function consensusCoderRow(s: Session): Coder | null {
  const row = s.db.prepare('SELECT id, name, color, is_consensus FROM coders WHERE is_consensus = 1 ORDER BY id LIMIT 1').get() as CoderRow | undefined;
  return row ? toCoder(row) : null;
}

/**
 * Agreement before consensus (among the coders) and after (each coder against the consensus
 * layer), on the same documents: by default those where the consensus layer has codings.
 */
export function beforeAfterReport(s: Session, sel: AgreementSelection = {}): BeforeAfterReport {
  const consensus = consensusCoderRow(s);
  if (!consensus) throw new AccordError('NOT_FOUND', 'there is no consensus layer yet: settle a disagreement first');
  let documentIds = sel.documentIds;
  if (!documentIds || documentIds.length === 0) {
    documentIds = (
      s.db
        .prepare(
          `SELECT DISTINCT d.id FROM documents d
           WHERE EXISTS (SELECT 1 FROM codings k WHERE k.document_id = d.id AND k.coder_id = ?)
              OR EXISTS (SELECT 1 FROM consensus_decisions x WHERE x.document_id = d.id)
           ORDER BY d.ord, d.id`,
        )
        .all(consensus.id) as { id: number }[]
    ).map((r) => r.id);
    if (documentIds.length === 0) throw new AccordError('NOT_FOUND', 'the consensus layer has no codings yet');
  }
  const coderIds = (sel.coderIds ?? []).filter((id) => id !== consensus.id);
  const before = agreementReport(s, { ...sel, documentIds, coderIds, detail: false });
  const note = `compared on the ${plural(before.documents.length, 'document')} the consensus layer covers`;
  before.notes.push(note);
  const after = before.coders.map((c) => {
    const report = agreementReport(s, { ...sel, documentIds, coderIds: [c.id, consensus.id], detail: false });
    report.notes.push(note);
    return { coder: c.name, report };
  });
  return { before, after, consensusCoder: { id: consensus.id, name: consensus.name } };
}
