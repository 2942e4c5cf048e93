// Agreement between coders on a project's codings: per code (rolled up the hierarchy), per document,
// per coder pair and overall, on characters, speaker turns or documents. Builds on the pure measures
// in shared/stats; the codings are read once in (document, code, coder, start) order and each
// (code, document) is swept once for all coders, so cost grows with the number of codings (times
// coders), never with the number of characters; pairs and pooled figures derive from those sweeps.
import type {
  AgreementMeasures,
  AgreementReport,
  AgreementScope,
  AgreementUnit,
  BeforeAfterReport,
  CodeAgreement,
  DocumentAgreement,
  PairAgreement,
} from '../../../shared/api/agreement';
import { AccordError } from '../../../shared/errors';
import type { Code, CodeId, Coder, DocumentId, Span } from '../../../shared/model/types';
import {
  addCoverage,
  addPattern,
  addUncoded,
  agreementFromCoverage,
  AgreementRows,
  clearCoverage,
  coverageUnitizedAlpha,
  emptyCoverage,
  mergeUnits,
  PRESENT,
  sweepCoverage,
  turnUnits,
  unitsOfSorted,
  type CoverageCounts,
  type SliceCoverage,
} from '../../../shared/stats/text-agreement';
import type { Session } from '../session';
import { progress } from '../progress';
import { listCodes } from './codebook';
import { consensusRegions } from './consensus';
import { toCoder, type CoderRow } from './rows';
import { plural } from '../../../shared/text/wording';

export interface AgreementSelection {
  coderIds?: number[];
  codeIds?: number[];
  documentIds?: number[];
  unit?: AgreementUnit;
  /** Who counts where (default design: see agreementReport). */
  scope?: AgreementScope;
  /** Fill per-document and per-pair breakdowns (default true). */
  detail?: boolean;
  /**
   * With `detail`, also fill each code's per-document rows (default true). They number codes ×
   * documents (a million on 500 codes × 2,000 documents, each with every measure), so a large
   * project's view asks for them per code, with `codeIds`, when a code is opened.
   */
  codeDocuments?: boolean;
  /**
   * Only these (code → documents) slices are material: each listed code on its own documents, as
   * applied (no roll-up), and no breakdowns. Used to compare on the slices consensus settled.
   */
  material?: ReadonlyMap<number, ReadonlySet<number>>;
  /** Coders (by id) who count on every selected document whatever the scope (the consensus layer). */
  alwaysCounts?: readonly number[];
}

export interface DocInfo {
  id: DocumentId;
  name: string;
  /** Position in the report's document order. */
  pos: number;
  /** Units the document offers: characters (UTF-16), turns or 1. */
  size: number;
  /** Characters when the unit is the character, else 0 (no continuum for |uα). */
  length: number;
  turns: Span[];
  /** The coders who count on the document (bit c = coder c), by the report's scope. */
  counting: number;
}

/** A code's rolled-up counts pooled over the documents it occurs in, and per document for the detail. */
interface CodePool {
  cov: CoverageCounts;
  /** [cov], allocated once. */
  targets: CoverageCounts[];
  /** Units and characters of the documents where the code was applied, per counting group. */
  applied: Map<number, Extent>;
  /**
   * The code's group in the report's per-document rows (its position among the rows): each (code,
   * document) slice's measures are taken as soon as it is swept and the slice dropped, so a large
   * project never holds a million slices at once (only their results, as numbers).
   */
  group: number;
}

export function selectedCoders(s: Session, coderIds: number[] | undefined, documentIds: number[] | null): Coder[] {
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

export function selectedDocuments(s: Session, documentIds: number[] | undefined, unit: AgreementUnit): DocInfo[] {
  const ids = documentIds && documentIds.length > 0 ? [...new Set(documentIds)] : null;
  // The stored length is the text's JavaScript length (UTF-16 units), so the text itself is not read.
  const get = s.db.prepare('SELECT id, name, length FROM documents WHERE id = ?');
  const rows = (
    ids
      ? ids.map((id) => {
          const r = get.get(id);
          if (!r) throw new AccordError('NOT_FOUND', `no document with id ${id}`);
          return r;
        })
      : s.db.prepare('SELECT id, name, length FROM documents ORDER BY ord, id').all()
  ) as { id: number; name: string; length: number }[];
  const turnsOf = new Map<number, Span[]>();
  if (unit === 'turn') {
    const all = s.db.prepare('SELECT document_id, start, "end" FROM turns ORDER BY document_id, ord').raw().all() as [number, number, number][];
    for (const [doc, start, end] of all) {
      let list = turnsOf.get(doc);
      if (!list) turnsOf.set(doc, (list = []));
      list.push({ start, end });
    }
  }
  return rows.map((r, pos) => {
    const length = unit === 'character' ? r.length : 0;
    const turns = turnsOf.get(r.id) ?? [];
    const size = unit === 'character' ? length : unit === 'turn' ? turns.length : 1;
    return { id: r.id as DocumentId, name: r.name, pos, size, length, turns, counting: 0 };
  });
}

/** Add the coverage of one (code, document) on the chosen unit, from each coder's units there, to every target. */
function addSlice(unit: AgreementUnit, doc: DocInfo, units: readonly (readonly Span[])[], targets: readonly CoverageCounts[], lean?: SliceCoverage | null): void {
  if (unit === 'character') {
    sweepCoverage(doc.length, units, targets, doc.counting, lean ?? undefined);
    return;
  }
  const slice = emptyCoverage(units.length);
  if (unit === 'turn') {
    for (const row of turnUnits(doc.turns, units)) addPattern(slice, row.reduce((mask, v, c) => (v === PRESENT ? mask + 2 ** c : mask), 0), 1, doc.counting);
  } else {
    addPattern(slice, units.reduce((mask, u, c) => (u.length > 0 ? mask + 2 ** c : mask), 0), 1, doc.counting);
  }
  for (const t of targets) addCoverage(t, slice);
}

/** The shared empty range list (never written to). */
const NONE: Span[] = [];

function bits(n: number): number {
  let b = 1;
  while (2 ** b <= n) b++;
  return b;
}

/**
 * Reads one document's codings (of the given codes, or all) as (code, coder, start, end), sorted
 * by code, coder, start and end (the unique index's order). When ids and offsets fit in 53 bits the
 * four numbers come packed in one integer column: one number per row instead of a row array reads
 * a large project's codings in about a third of the time. Otherwise four columns.
 */
function codingReader(s: Session, codeIds: number[] | null): (documentId: number, visit: (code: number, coder: number, start: number, end: number) => void) => void {
  const ids = (table: string) => s.db.prepare(`SELECT min(id) AS lo, max(id) AS hi FROM ${table}`).get() as { lo: number | null; hi: number | null };
  const codes = ids('codes');
  const coders = ids('coders');
  const maxLength = (s.db.prepare('SELECT max(length) AS n FROM documents').get() as { n: number | null }).n ?? 0;
  // Offsets are clamped below P − 1, which is past every document's end, so a coding out of its
  // document still shows as one (and character units refuse it).
  const P = 2 ** bits(maxLength + 1);
  const C = 2 ** bits(coders.hi ?? 0);
  const packed = (codes.lo ?? 0) >= 0 && (coders.lo ?? 0) >= 0 && bits(codes.hi ?? 0) + Math.log2(C) + 2 * Math.log2(P) <= 53;
  const filter = codeIds ? `AND code_id IN (${codeIds.map(() => '?').join(',')})` : '';
  const where = `FROM codings WHERE document_id = ? ${filter} ORDER BY code_id, coder_id, start, "end"`;
  const args = codeIds ?? [];
  if (packed) {
    const stmt = s.db.prepare(`SELECT ((code_id * ${C} + coder_id) * ${P} + min(start, ${P - 1})) * ${P} + min("end", ${P - 1}) ${where}`).pluck();
    return (documentId, visit) => {
      for (const v of stmt.all(documentId, ...args) as number[]) {
        const end = v % P;
        let x = (v - end) / P;
        const start = x % P;
        x = (x - start) / P;
        const coder = x % C;
        visit((x - coder) / C, coder, start, end);
      }
    };
  }
  const stmt = s.db.prepare(`SELECT code_id, coder_id, start, "end" ${where}`).raw();
  return (documentId, visit) => {
    for (const [code, coder, start, end] of stmt.all(documentId, ...args) as number[][]) visit(code, coder, start, end);
  };
}

/** The measures of a pool; `pairwise` false leaves its pair list empty (rows whose pairs are reported apart). */
function measuresOf(cov: CoverageCounts, unit: AgreementUnit, names: string[], pairwise = true): AgreementMeasures {
  const a = agreementFromCoverage(cov, { coderNames: names, pairwise });
  return {
    units: a.units,
    percentAgreement: a.percentAgreement,
    percentAllAgree: a.percentAllAgree,
    cohenKappa: a.cohenKappa,
    pairwiseCohen: a.pairwiseCohen,
    fleissKappa: a.fleissKappa,
    krippendorffAlpha: a.krippendorffAlpha,
    alphaU: unit === 'character' ? coverageUnitizedAlpha(cov) : null,
  };
}

/** Append a code's row for one document (keyed by its position in the report), measured from its coverage. */
function appendDocumentRow(rows: AgreementRows, group: number, doc: DocInfo, cov: CoverageCounts, unit: AgreementUnit, names: string[]): void {
  rows.add(group, doc.pos, agreementFromCoverage(cov, { coderNames: names, pairwise: false }), unit === 'character' ? coverageUnitizedAlpha(cov) : null);
}

/** Every coder pair's measures, projected from the slice's coverage (no re-sweep per pair). */
function pairsOf(cov: CoverageCounts, unit: AgreementUnit, coders: Coder[]): PairAgreement[] {
  const out: PairAgreement[] = [];
  for (let i = 0; i < coders.length; i++) {
    for (let j = i + 1; j < coders.length; j++) {
      const a = agreementFromCoverage(cov, { coderNames: [coders[i].name, coders[j].name], subset: [i, j] });
      out.push({
        coderA: coders[i].name,
        coderB: coders[j].name,
        units: a.units,
        percentAgreement: a.percentAgreement,
        percentAllAgree: a.percentAllAgree,
        cohenKappa: a.cohenKappa,
        krippendorffAlpha: a.krippendorffAlpha,
        alphaU: unit === 'character' ? coverageUnitizedAlpha(cov, [i, j]) : null,
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

/**
 * Which coders count on each document (bit c = coder c), by the report's scope: the assigned
 * coders; null where a document has no assignments in scope design (then the coders who coded
 * there count, found while its codings are read), and `always` is added there later.
 */
export function countingMasks(
  s: Session,
  scope: AgreementScope,
  coders: readonly Coder[],
  docs: readonly DocInfo[],
  alwaysCounts: readonly number[] = [],
): { masks: Map<number, number | null>; always: number } {
  const all = 2 ** coders.length - 1;
  const out = new Map<number, number | null>();
  if (scope === 'all') {
    for (const d of docs) out.set(d.id, all);
    return { masks: out, always: 0 };
  }
  const index = new Map(coders.map((c, i) => [c.id as number, i]));
  let always = 0;
  for (const id of alwaysCounts) if (index.has(id)) always += 2 ** index.get(id)!;
  const assigned = new Map<number, number>();
  for (const [doc, coder] of s.db.prepare('SELECT document_id, coder_id FROM coder_assignments').raw().all() as [number, number][]) {
    const i = index.get(coder);
    // A document assigned only to coders outside the selection is still "assigned": nobody selected counts there.
    assigned.set(doc, (assigned.get(doc) ?? 0) + (i === undefined ? 0 : 2 ** i));
  }
  for (const d of docs) out.set(d.id, assigned.has(d.id) ? withBits(assigned.get(d.id)!, always, coders.length) : null);
  return { masks: out, always };
}

/** a | b on masks of up to 52 bits (beyond the 32 of JavaScript's bitwise operators). */
export function withBits(a: number, b: number, m: number): number {
  let extra = 0;
  for (let c = 0; c < m; c++) if (Math.floor(b / 2 ** c) % 2 === 1 && Math.floor(a / 2 ** c) % 2 === 0) extra += 2 ** c;
  return a + extra;
}

export function popcount(mask: number, m: number): number {
  let n = 0;
  for (let c = 0; c < m; c++) if (Math.floor(mask / 2 ** c) % 2 === 1) n++;
  return n;
}

function listWords(words: readonly string[]): string {
  return words.length <= 1 ? words.join('') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

const UNIT_NAMES: Record<AgreementUnit, string> = { character: 'character', turn: 'speaker turn', document: 'document' };

/** Units and characters of the documents in one counting group. */
interface Extent {
  size: number;
  length: number;
}

function addExtent(map: Map<number, Extent>, mask: number, size: number, length: number): void {
  const e = map.get(mask);
  if (e) {
    e.size += size;
    e.length += length;
  } else map.set(mask, { size, length });
}

/**
 * The report's one-sentence description for a methods section: scope, unit, coders, documents and
 * the number of units.
 */
export function scopeSentence(scope: AgreementScope, unit: AgreementUnit, coders: readonly string[], documents: number, units: number): string {
  const u = UNIT_NAMES[unit];
  const how =
    scope === 'design'
      ? 'each coder counted only on the documents assigned to them (or, where a document had no assignments, on those they coded), with other documents treated as missing rather than as not coded'
      : 'every coder counted on every selected document, with text a coder did not code treated as not coded';
  return (
    `Agreement between ${listWords(coders)} was computed per code on ${plural(units, u)} of ${plural(documents, 'document')} ` +
    `(unit: ${u}; scope: ${scope}, ${how}).`
  );
}

/**
 * The agreement report. Coders default to every non-consensus coder with codings, codes to the
 * whole codebook, documents to all. A parent code's row counts the union of its own and its
 * descendants' ranges; the overall figures pool the codes as applied (no roll-up), so each coding
 * counts once, and only the codes some selected coder applied in scope.
 *
 * Scope `design` (default): a coder counts on a document assigned to them, or, on a document without
 * assignments, when they applied any code there; elsewhere their values are missing. Units with
 * fewer than two counting coders are not pairable and drop out; documents where fewer than two
 * selected coders count are left out of every denominator. Scope `all`: every coder counts on every
 * selected document (uncoded text = absent).
 */
export function agreementReport(s: Session, sel: AgreementSelection = {}): AgreementReport {
  const unit = sel.unit ?? 'character';
  const scope = sel.scope ?? 'design';
  const material = sel.material ?? null;
  const detail = !material && (sel.detail ?? true);
  const codeDocuments = detail && (sel.codeDocuments ?? true);
  const selectedDocs = selectedDocuments(s, sel.documentIds, unit);
  const docIds = sel.documentIds && sel.documentIds.length > 0 ? selectedDocs.map((d) => d.id as number) : null;
  const coders = selectedCoders(s, sel.coderIds, docIds);
  if (coders.length < 2) {
    throw new AccordError(
      'INVALID_INPUT',
      `agreement needs at least two coders; ${coders.length === 0 ? 'no coder has' : `only ${coders[0].name} has`} codings${docIds ? ' in the selected documents' : ''}`,
    );
  }
  const m = coders.length;
  const names = coders.map((c) => c.name);
  const { masks, always } = countingMasks(s, scope, coders, selectedDocs, sel.alwaysCounts);
  // Filled as the documents are read: those where two or more coders count, and the others.
  const docList: DocInfo[] = [];
  const leftOut: string[] = [];
  // Units and characters per counting group: the denominators of every code.
  const totals = new Map<number, Extent>();

  const allCodes = listCodes(s);
  const byId = new Map(allCodes.map((c) => [c.id as number, c]));
  const rowIds = material ? new Set(material.keys()) : sel.codeIds && sel.codeIds.length > 0 ? new Set(sel.codeIds as number[]) : new Set(byId.keys());
  for (const id of rowIds) if (!byId.has(id)) throw new AccordError('NOT_FOUND', `no code with id ${id}`);
  const rows = allCodes.filter((c) => rowIds.has(c.id));
  // The codes pooled overall: every code in the reported codes' subtrees, each with its own ranges.
  const pooledIds = new Set<number>();
  for (const c of allCodes) {
    if (material) {
      // Material slices are codes as applied: no descendants.
      if (rowIds.has(c.id)) pooledIds.add(c.id);
      continue;
    }
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
  // Codes whose rows roll up sub-codes (in material mode there is no roll-up).
  const hasChildren = new Set<number>(
    allCodes.filter((c) => pooledIds.has(c.id)).map((c) => c.parentId).filter((p): p is CodeId => p !== null && pooledIds.has(p)),
  );
  // Roll-up runs inside the pooled codes: a reported code's parent outside them gets nothing.
  const pooledParent = new Map<number, number>();
  const depth = new Map<number, number>();
  for (const id of pooledIds) {
    const code = byId.get(id)!;
    depth.set(id, depthOf(code, byId));
    if (code.parentId !== null && pooledIds.has(code.parentId)) pooledParent.set(id, code.parentId);
  }

  let maxDepth = 0;
  for (const d of depth.values()) maxDepth = Math.max(maxDepth, d);
  const perCode = new Map<number, CodePool>(
    rows.map((c, group) => {
      const cov = emptyCoverage(m);
      return [c.id as number, { cov, targets: [cov], applied: new Map(), group }];
    }),
  );
  /** Every code's per-document rows, side by side in the order swept (grouped by code at the end). */
  const documentRows = new AgreementRows(unit === 'character');
  const overall = emptyCoverage(m);
  const overallApplied = new Map<number, Extent>();
  /** The codes some selected coder applied in scope: the overall figures pool these. */
  const appliedCodes = new Set<number>();
  const perDoc = new Map<number, { cov: CoverageCounts; codes: number }>();

  /** The lean slice of every (code, document) on characters, refilled by each sweep (see addDocument). */
  const leanSlice: SliceCoverage = { coders: m, counting: 0, length: 0, masks: [], counts: [], squares: [], covered: [] };
  // Each (code, document) slice lives only while its document is swept: the empty ones are reused.
  const spare: CoverageCounts[] = [];
  const takeSlice = (): CoverageCounts => {
    const c = spare.pop();
    if (!c) return emptyCoverage(m);
    clearCoverage(c);
    return c;
  };

  /** One document's codings (own ranges per code and coder, sorted by start) into every pool. */
  const addDocument = (doc: DocInfo, own: Map<number, Span[][]>): void => {
    const docPool = detail ? emptyCoverage(m) : null;
    /** This document's slice of each reported code, measured once the document is swept. */
    const slices: { pool: CodePool; cov: CoverageCounts }[] = [];
    if (docPool) perDoc.set(doc.id, { cov: docPool, codes: own.size });
    for (const code of own.keys()) appliedCodes.add(code);
    addExtent(overallApplied, doc.counting, own.size * doc.size, own.size * doc.length);
    const base = docPool ? [overall, docPool] : [overall];
    // Roll-up, children before parents (deepest codes first): a parent's units merge its own with its children's.
    const touched = new Set<number>();
    const byDepth: number[][] = Array.from({ length: maxDepth + 1 }, () => []);
    for (const code of own.keys()) {
      for (let cur: number | undefined = code; cur !== undefined && !touched.has(cur); cur = pooledParent.get(cur)) {
        touched.add(cur);
        byDepth[depth.get(cur)!].push(cur);
      }
    }
    const fromChildren = new Map<number, (readonly Span[])[][]>();
    for (let level = maxDepth; level >= 0; level--) {
      for (const code of byDepth[level]) {
        const ranges = own.get(code);
        const mine = ranges ? ranges.map(unitsOfSorted) : null;
        const children = fromChildren.get(code);
        const pool = perCode.get(code);
        // The code's slice for its row's per-document detail (rows only). On characters the slice
        // comes straight from its one sweep, in arrays, and is measured as soon as the code is swept
        // (the arrays are then reused); other units pool into coverage, measured once the document is swept.
        const lean = pool && codeDocuments && unit === 'character' ? leanSlice : null;
        const slice = pool && codeDocuments && !lean ? takeSlice() : null;
        if (pool) {
          addExtent(pool.applied, doc.counting, doc.size, doc.length);
          if (slice) slices.push({ pool, cov: slice });
        }
        const rowTargets = !pool ? [] : slice ? [pool.cov, slice] : pool.targets;
        // The code as applied feeds the overall pools; without children here it is also its own roll-up.
        // A reported code without children anywhere pools only its own ranges: its pool joins the
        // overall figures once at the end instead of every slice twice.
        if (mine && pool && !hasChildren.has(code)) addSlice(unit, doc, mine, docPool ? [...rowTargets, docPool] : rowTargets, lean);
        else if (mine) addSlice(unit, doc, mine, children || !pool ? base : base.concat(rowTargets), children || !pool ? null : lean);
        let units = mine!;
        if (children) {
          const lists = mine ? [mine, ...children] : children;
          units = lists.length === 1 ? lists[0] : Array.from({ length: m }, (_, c) => mergeUnits(lists.map((l) => l[c])));
          if (rowTargets.length > 0) addSlice(unit, doc, units, rowTargets, lean);
        }
        // One of the sweeps above (exactly one, with the code's whole units) filled the lean slice.
        if (lean && pool) documentRows.addSlice(pool.group, doc.pos, lean, names);
        const parent = pooledParent.get(code);
        if (parent !== undefined) {
          const list = fromChildren.get(parent);
          if (list) list.push(units);
          else fromChildren.set(parent, [units]);
        }
      }
    }
    for (const { pool, cov } of slices) {
      appendDocumentRow(documentRows, pool.group, doc, cov, unit, names);
      spare.push(cov);
    }
  };

  // Each document's codings in index order (document, code, coder, start, end): they arrive grouped
  // by code and coder and sorted, so nothing is sorted here, and memory stays per document.
  const coderIndex = new Map(coders.map((c, i) => [c.id as number, i]));
  const filtered = pooledIds.size < byId.size;
  const read = codingReader(s, filtered ? [...pooledIds] : null);
  // Which coders coded a document at all (any code), for documents without assignments: from its
  // codings as read when every code is read, else asked for (its part of the unique index).
  const codersIn = s.db.prepare('SELECT DISTINCT coder_id FROM codings WHERE document_id = ?').pluck();
  for (const [i, selected] of selectedDocs.entries()) {
    progress(i, selectedDocs.length, 'documents');
    const doc: DocInfo = { ...selected, pos: docList.length };
    const own = new Map<number, Span[][]>();
    let code = -1;
    let ranges: Span[][] = [];
    let coded = 0;
    read(doc.id, (k, coder, start, end) => {
      const ci = coderIndex.get(coder);
      if (ci === undefined || !pooledIds.has(k) || (material && !material.get(k)!.has(doc.id))) return;
      if (unit === 'character' && end > doc.length) {
        throw new AccordError('INVALID_INPUT', `document "${doc.name}": a coding of code ${k} ends past the text's ${doc.length} characters`);
      }
      if (k !== code) {
        code = k;
        // Coders without ranges share one empty list: most (code, document) pairs have few coders.
        ranges = new Array<Span[]>(m).fill(NONE);
        own.set(k, ranges);
      }
      if (ranges[ci] === NONE) {
        ranges[ci] = [];
        if (Math.floor(coded / 2 ** ci) % 2 === 0) coded += 2 ** ci;
      }
      ranges[ci].push({ start, end });
    });
    let counting = masks.get(doc.id);
    if (counting === null || counting === undefined) {
      if (filtered || material) {
        coded = 0;
        for (const id of codersIn.all(doc.id) as number[]) {
          const ci = coderIndex.get(id);
          if (ci !== undefined) coded += 2 ** ci;
        }
      }
      counting = withBits(coded, always, m);
    }
    if (popcount(counting, m) < 2) {
      leftOut.push(doc.name);
      continue;
    }
    doc.counting = counting;
    docList.push(doc);
    addExtent(totals, counting, doc.size, doc.length);
    if (counting !== 2 ** m - 1) {
      // Codings of a coder who does not count here are missing data, not part of the comparison.
      for (const [k, list] of own) {
        let any = false;
        for (let c = 0; c < m; c++) {
          if (list[c] === NONE) continue;
          if (Math.floor(counting / 2 ** c) % 2 === 0) list[c] = NONE;
          else any = true;
        }
        if (!any) own.delete(k);
      }
    }
    if (own.size > 0) addDocument(doc, own);
  }

  for (const [id, pool] of perCode) if (!hasChildren.has(id)) addCoverage(overall, pool.cov);

  const paths = codePaths(allCodes);
  /** The denominators of one code: every document, or in material mode the code's own documents. */
  const totalsOf = (code: number): Map<number, Extent> => {
    if (!material) return totals;
    const own = new Map<number, Extent>();
    const docs = material.get(code)!;
    for (const d of docList) if (docs.has(d.id)) addExtent(own, d.counting, d.size, d.length);
    return own;
  };
  const rowsByCode = documentRows.columnsByGroup(rows.length);
  const codeRows: CodeAgreement[] = rows.map((c, group) => {
    const pool = perCode.get(c.id)!;
    // Documents without this code's ranges add their units as uncoded by everyone counting there, in one step per group.
    for (const [mask, t] of totalsOf(c.id)) {
      const a = pool.applied.get(mask);
      addUncoded(pool.cov, t.size - (a?.size ?? 0), t.length - (a?.length ?? 0), mask);
    }
    const row: CodeAgreement = {
      codeId: c.id,
      parentId: c.parentId,
      label: c.label,
      name: c.name,
      path: paths.get(c.id) ?? c.name,
      depth: depth.get(c.id) ?? depthOf(c, byId),
      rolledUp: hasChildren.has(c.id),
      applied: pool.applied.size > 0,
      ...measuresOf(pool.cov, unit, names),
      byDocument: rowsByCode[group],
      byPair: [],
    };
    if (detail) {
      row.byPair = pairsOf(pool.cov, unit, coders);
    }
    return row;
  });

  // Overall and per-document figures pool every (code, unit) pair of the codes applied in scope, as applied.
  const pooledCount = appliedCodes.size;
  const pooledTotals = new Map<number, Extent>();
  if (material) for (const code of appliedCodes) for (const [mask, t] of totalsOf(code)) addExtent(pooledTotals, mask, t.size, t.length);
  else for (const [mask, t] of totals) addExtent(pooledTotals, mask, pooledCount * t.size, pooledCount * t.length);
  for (const [mask, t] of pooledTotals) {
    const a = overallApplied.get(mask);
    addUncoded(overall, t.size - (a?.size ?? 0), t.length - (a?.length ?? 0), mask);
  }
  const totalSize = docList.reduce((n, d) => n + d.size, 0);
  const unitName = UNIT_NAMES[unit];
  const unused = pooledIds.size - pooledCount;
  const pooling =
    `pooled over the ${plural(pooledCount, 'code')} applied in scope × ${plural(totalSize, unitName)} of ${plural(docList.length, 'document')}: ` +
    `each (code, ${unitName}) pair is one unit; codes counted as applied, without roll-up` +
    (unused > 0 ? `; ${plural(unused, 'code')} that no selected coder applied directly in scope left out` : '');
  const overallRow = { pooling, ...measuresOf(overall, unit, names) };

  let byDocument: DocumentAgreement[] = [];
  let byPair: PairAgreement[] = [];
  if (detail) {
    byDocument = docList.map((d) => {
      const found = perDoc.get(d.id);
      const cov = found?.cov ?? emptyCoverage(m);
      const absent = pooledCount - (found?.codes ?? 0);
      addUncoded(cov, absent * d.size, absent * d.length, d.counting);
      // Each document's pair list would repeat what byPair gives pooled (28 pairs × 2,000 documents for 8 coders).
      return { documentId: d.id, name: d.name, ...measuresOf(cov, unit, names, false) };
    });
    byPair = pairsOf(overall, unit, coders);
  }

  const notes: string[] = [];
  if (leftOut.length > 0) {
    notes.push(
      `${plural(leftOut.length, 'document')} where fewer than two of the selected coders count left out` +
        (scope === 'design' ? ' (scope: design; --scope all counts every coder everywhere)' : '') +
        `: ${leftOut.slice(0, 20).join(', ')}${leftOut.length > 20 ? ', …' : ''}`,
    );
  }
  if (unit === 'turn') {
    const noTurns = docList.filter((d) => d.turns.length === 0);
    if (noTurns.length > 0) notes.push(`${plural(noTurns.length, 'document')} without speaker turns left out: ${noTurns.map((d) => d.name).join(', ')}`);
  }
  return {
    unit,
    scope,
    sentence: scopeSentence(scope, unit, names, docList.length, totalSize),
    coders: coders.map((c) => ({ id: c.id, name: c.name })),
    documents: docList.map((d) => ({ id: d.id, name: d.name })),
    codes: codeRows,
    byDocument,
    byPair,
    overall: overallRow,
    notes,
  };
}

function consensusCoderRow(s: Session): Coder | null {
  const row = s.db.prepare('SELECT id, name, color, is_consensus FROM coders WHERE is_consensus = 1 ORDER BY id LIMIT 1').get() as CoderRow | undefined;
  return row ? toCoder(row) : null;
}

/**
 * Agreement before consensus (among the coders) and after (each coder against the consensus
 * layer), on the same slices: each code on the documents where it has consensus decisions (codes as
 * applied, no roll-up), so that settling one code never compares it with codes nobody settled. The
 * consensus layer counts on every such document; the coders count by the scope. Each code says how
 * many of its disagreements are settled.
 */
export function beforeAfterReport(s: Session, sel: AgreementSelection = {}): BeforeAfterReport {
  const consensus = consensusCoderRow(s);
  if (!consensus) throw new AccordError('NOT_FOUND', 'there is no consensus layer yet: settle a disagreement first');
  const wantDocs = sel.documentIds && sel.documentIds.length > 0 ? new Set(sel.documentIds) : null;
  const wantCodes = sel.codeIds && sel.codeIds.length > 0 ? new Set(sel.codeIds) : null;
  const material = new Map<number, Set<number>>();
  const decided = s.db
    .prepare('SELECT DISTINCT x.code_id, x.document_id FROM consensus_decisions x JOIN documents d ON d.id = x.document_id ORDER BY d.ord, d.id')
    .raw()
    .all() as [number, number][];
  for (const [code, doc] of decided) {
    if ((wantDocs && !wantDocs.has(doc)) || (wantCodes && !wantCodes.has(code))) continue;
    let docs = material.get(code);
    if (!docs) material.set(code, (docs = new Set()));
    docs.add(doc);
  }
  if (material.size === 0) throw new AccordError('NOT_FOUND', 'no consensus decisions yet on the selected codes and documents');
  const documentIds = [...new Set(decided.map(([, doc]) => doc))].filter((d) => [...material.values()].some((docs) => docs.has(d)));
  const coderIds = (sel.coderIds ?? []).filter((id) => id !== consensus.id);
  const base = { ...sel, documentIds, material, detail: false };
  const before = agreementReport(s, { ...base, coderIds });
  const note = `compared on the ${plural(material.size, 'code')} with consensus decisions, each on the documents where it has them (${plural(documentIds.length, 'document')} in all)`;
  before.notes.push(note);
  const after = before.coders.map((c) => {
    const report = agreementReport(s, { ...base, coderIds: [c.id, consensus.id], alwaysCounts: [consensus.id] });
    report.notes.push(note);
    return { coder: c.name, report };
  });
  const coderIdList = before.coders.map((c) => c.id as number);
  const settled = [...material].map(([codeId, docs]) => {
    let disagreements = 0;
    let done = 0;
    for (const doc of docs) {
      const r = consensusRegions(s, doc, codeId, coderIdList);
      disagreements += r.disagreements;
      done += r.settled;
    }
    return { codeId: codeId as CodeId, documents: docs.size, disagreements, settled: done };
  });
  return { before, after, consensusCoder: { id: consensus.id, name: consensus.name }, settled };
}
