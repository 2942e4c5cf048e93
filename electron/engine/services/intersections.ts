// Intersection reports over one coding layer: the co-occurrence matrix and the quotes behind each
// cell, codes × participant attribute, the saturation curve, and code queries (run, save, rerun, code
// the results). The counting lives in shared/stats/cooccurrence.ts and shared/query; this file loads
// the layer's codings with the filters applied and turns results into quotes.
import { spokenAt } from './spoken-times';
import { randomUUID } from 'node:crypto';
import { AccordError } from '../../../shared/api/errors';
import type {
  AttributeMatrix,
  Condition,
  EvidenceResult,
  ExportedTable,
  Filters,
  IntersectionQuote,
  Layer,
  MatrixCode,
  MatrixResult,
  QueryResult,
  SaturationCurve,
  SaturationPoint,
  SavedQuery,
  SavedQueryId,
  Scope,
} from '../../../shared/api/intersections';
import { depthFirst } from '../../../shared/codebook/tree';
import { paletteColor } from '../../../shared/model/colors';
import type { Code, CodeId, CoderId, DocumentId } from '../../../shared/model/types';
import { codeResolver, evaluateQuery, type QuerySegment } from '../../../shared/query/evaluate';
import { parseQuery } from '../../../shared/query/parse';
import type { ReportTable } from '../../../shared/reports/table';
import { textCell } from '../../../shared/reports/table';
import {
  COOCCURRENCE_DEFINITIONS,
  cooccurrence,
  cooccurrenceEvidence,
  rollUpColumns,
  rollUpToAncestors,
  type CoCoding,
  type CoCodingColumns,
  type CoDocument,
  type CooccurrenceMode,
} from '../../../shared/stats/cooccurrence';
import { nowIso } from '../db/changes';
import { renderTable } from '../export';
import type { Session } from '../session';
import { listCodes } from './codebook';

/** A document in scope, as the reports need it. */
interface ScopeDoc {
  id: number;
  name: string;
  kind: string;
  length: number;
  ord: number;
  participantId: number | null;
  participant: string | null;
}

/** A coding of the layer with its coder (kept for the quotes' "coded by"). */
interface LayerCoding extends CoCoding {
  coderId: number;
}

/** The layer's codings within the filtered documents, and the scope in words. */
interface Loaded {
  docs: ScopeDoc[];
  codings: LayerCoding[];
  scope: Scope;
  coderNames: Map<number, string>;
}

const label = (c: { label: string; name: string }): string => c.label || c.name;

/** `overlap`, `chars:N`, `turn` or `document` → the algorithm's mode. */
export function parseMode(text: string): CooccurrenceMode {
  const t = text.trim().toLowerCase();
  if (t === 'overlap' || t === 'turn' || t === 'document') return { kind: t };
  const m = /^chars:(\d{1,9})$/.exec(t);
  if (m) return { kind: 'chars', n: Number(m[1]) };
  throw new AccordError('INVALID_INPUT', `unknown mode "${text}": use overlap, chars:N (e.g. chars:100), turn or document`);
}

/** `Role=Clinician` or `Role!=Clinician` → a condition. */
export function parseWhere(text: string): Condition {
  const m = /^\s*([^=!]+?)\s*(!=|=)\s*(.*?)\s*$/.exec(text);
  if (!m || m[3] === '') {
    throw new AccordError('INVALID_INPUT', `the condition "${text}" should read ATTRIBUTE=VALUE or ATTRIBUTE!=VALUE, e.g. Role=Clinician`);
  }
  return { attribute: m[1], op: m[2] as '=' | '!=', value: m[3] };
}

/** A layer as the CLI writes it: `all`, `consensus`, or a coder's name. */
export function layerFromText(s: Session, text: string): Layer {
  const t = text.trim();
  if (t.toLowerCase() === 'all' || t.toLowerCase() === 'consensus') return t.toLowerCase() as 'all' | 'consensus';
  const row = s.db.prepare('SELECT id FROM coders WHERE name = ?').get(t) as { id: number } | undefined;
  if (!row) {
    const names = (s.db.prepare('SELECT name FROM coders ORDER BY id').all() as { name: string }[]).map((r) => r.name);
    throw new AccordError('NOT_FOUND', `no coder called "${t}" (coders: ${names.join(', ') || 'none'}; or use all or consensus)`);
  }
  return row.id as CoderId;
}

function resolveLayer(s: Session, layer: Layer): { coderIds: number[]; text: string; message: string | null } {
  const coders = s.db.prepare('SELECT id, name, is_consensus FROM coders ORDER BY id').all() as { id: number; name: string; is_consensus: number }[];
  if (layer === 'all') {
    const own = coders.filter((c) => c.is_consensus === 0);
    return {
      coderIds: own.map((c) => c.id),
      text: `all coders pooled (${own.map((c) => c.name).join(', ') || 'none'}; the consensus layer not included)`,
      message: own.length === 0 ? 'This project has no coders yet.' : null,
    };
  }
  if (layer === 'consensus') {
    const c = coders.find((x) => x.is_consensus === 1);
    if (!c) return { coderIds: [], text: 'the consensus layer', message: 'This project has no consensus layer yet: build it in the Consensus view, or choose a coder or all coders.' };
    return { coderIds: [c.id], text: `the consensus layer (${c.name})`, message: null };
  }
  const c = coders.find((x) => x.id === layer);
  if (!c) throw new AccordError('NOT_FOUND', `no coder with id ${layer}`);
  return { coderIds: [c.id], text: c.is_consensus ? `the consensus layer (${c.name})` : `coder ${c.name}`, message: null };
}

function hasTable(s: Session, name: string): boolean {
  return s.db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?").get(name) !== undefined;
}

/** Documents after the document, group and participant-attribute filters, in import order. */
function scopeDocuments(s: Session, f: Filters): { docs: ScopeDoc[]; total: number; words: string[] } {
  let docs = s.db
    .prepare(
      `SELECT d.id, d.name, d.kind, d.length, d.ord, d.participant_id AS participantId, p.pid AS participant
       FROM documents d LEFT JOIN participants p ON p.id = d.participant_id ORDER BY d.ord, d.id`,
    )
    .all() as ScopeDoc[];
  const total = docs.length;
  const words: string[] = [];
  if (f.documentIds) {
    const wanted = new Set<number>(f.documentIds);
    const known = new Set(docs.map((d) => d.id));
    const missing = [...wanted].filter((id) => !known.has(id));
    if (missing.length) throw new AccordError('NOT_FOUND', `no document with id ${missing.join(', ')}`);
    docs = docs.filter((d) => wanted.has(d.id));
    words.push(`${wanted.size} chosen document${wanted.size === 1 ? '' : 's'}`);
  }
  if (f.groupIds && f.groupIds.length > 0) {
    if (!hasTable(s, 'groups') || !hasTable(s, 'document_groups')) {
      throw new AccordError('INVALID_INPUT', 'this project has no document groups, so the group filter cannot be applied');
    }
    const names: string[] = [];
    const members = new Set<number>();
    for (const g of f.groupIds) {
      const row = s.db.prepare('SELECT name FROM groups WHERE id = ?').get(g) as { name: string } | undefined;
      if (!row) throw new AccordError('NOT_FOUND', `no document group with id ${g}`);
      names.push(row.name);
      for (const r of s.db.prepare('SELECT document_id FROM document_groups WHERE group_id = ?').all(g) as { document_id: number }[]) members.add(r.document_id);
    }
    docs = docs.filter((d) => members.has(d.id));
    words.push(`group${names.length > 1 ? 's' : ''} ${names.join(' or ')}`);
  }
  for (const w of f.where ?? []) {
    const cond = typeof w === 'string' ? parseWhere(w) : w;
    const attr = s.db.prepare('SELECT id, name FROM attributes WHERE name = ?').get(cond.attribute) as { id: number; name: string } | undefined;
    if (!attr) {
      const known = (s.db.prepare('SELECT name FROM attributes ORDER BY ord, id').all() as { name: string }[]).map((r) => r.name);
      throw new AccordError('INVALID_INPUT', `no participant attribute called "${cond.attribute}" (attributes: ${known.join(', ') || 'none'})`);
    }
    const values = s.db.prepare('SELECT participant_id AS p, value FROM participant_attributes WHERE attribute_id = ?').all(attr.id) as { p: number; value: string }[];
    const v = cond.value.toLowerCase();
    const matching = new Set(values.filter((r) => r.value.trim().toLowerCase() === v).map((r) => r.p));
    if (matching.size === 0) {
      const known = [...new Set(values.map((r) => r.value.trim()))].sort(natural);
      throw new AccordError('INVALID_INPUT', `no participant has ${attr.name} = ${cond.value} (values: ${known.join(', ') || 'none'})`);
    }
    docs = docs.filter((d) => d.participantId !== null && matching.has(d.participantId) === (cond.op === '='));
    words.push(`${attr.name} ${cond.op === '=' ? '=' : '≠'} ${cond.value}`);
  }
  return { docs, total, words };
}

function natural(a: string, b: string): number {
  return a.localeCompare(b, undefined, { numeric: true, sensitivity: 'base' });
}

/**
 * Every coding of the project as columns (typed arrays, in (document, code, coder, start, end) order),
 * cached per connection until the data changes: with millions of codings, reading them costs seconds,
 * and the views ask again for every cell, mode or filter. The key changes with any write on this
 * connection (total_changes) or another one (data_version). Objects are made only when asked for.
 */
interface CodingTable extends CoCodingColumns {
  id: Float64Array;
  documentId: Float64Array;
  codeId: Float64Array;
  coderId: Float64Array;
  start: Float64Array;
  end: Float64Array;
}

const codingCache = new WeakMap<Session['db'], { key: string; table: CodingTable; rows?: LayerCoding[] }>();

/**
 * Read every coding's integer columns into typed arrays in one scan. better-sqlite3 makes a JS array
 * or object per row, which costs far more than the reading itself, so SQLite gathers each document's
 * values into JSON arrays (one row per document, the aggregates fed the rows in the same order, so
 * the arrays line up) and JSON.parse turns them into numbers natively.
 */
function readCodings(db: Session['db']): CodingTable {
  const total = (db.prepare('SELECT count(*) FROM codings').pluck().get() as number) ?? 0;
  const table: CodingTable = {
    length: total,
    id: new Float64Array(total),
    documentId: new Float64Array(total),
    codeId: new Float64Array(total),
    coderId: new Float64Array(total),
    start: new Float64Array(total),
    end: new Float64Array(total),
  };
  const rows = db
    .prepare(
      `SELECT document_id, json_group_array(id), json_group_array(code_id), json_group_array(coder_id), json_group_array(start), json_group_array("end")
       FROM codings GROUP BY document_id`,
    )
    .raw()
    .iterate() as IterableIterator<[number, string, string, string, string, string]>;
  let at = 0;
  for (const [documentId, id, codeId, coderId, start, end] of rows) {
    const ids = JSON.parse(id) as number[];
    // A write between the count and the scan (from another connection) is not expected to happen,
    // as both run in one read; guard anyway rather than write past the end.
    if (at + ids.length > total) throw new AccordError('BAD_FILE', 'the codings table changed while it was being read; try again');
    table.id.set(ids, at);
    table.documentId.fill(documentId, at, at + ids.length);
    table.codeId.set(JSON.parse(codeId) as number[], at);
    table.coderId.set(JSON.parse(coderId) as number[], at);
    table.start.set(JSON.parse(start) as number[], at);
    table.end.set(JSON.parse(end) as number[], at);
    at += ids.length;
  }
  if (at !== total) throw new AccordError('BAD_FILE', 'the codings table changed while it was being read; try again');
  return table;
}

function cachedCodings(s: Session): { key: string; table: CodingTable; rows?: LayerCoding[] } {
  const key = `${String(s.db.pragma('data_version', { simple: true }))}:${(s.db.prepare('SELECT total_changes() AS n').get() as { n: number }).n}`;
  const hit = codingCache.get(s.db);
  if (hit && hit.key === key) return hit;
  const entry = { key, table: s.db.transaction(readCodings)(s.db) };
  codingCache.set(s.db, entry);
  return entry;
}

/** Every coding of the project as objects (made once per cached read). */
function allCodings(s: Session): LayerCoding[] {
  const entry = cachedCodings(s);
  if (!entry.rows) {
    const t = entry.table;
    const rows = new Array<LayerCoding>(t.length);
    for (let i = 0; i < t.length; i++) {
      rows[i] = { id: t.id[i], documentId: t.documentId[i], codeId: t.codeId[i], coderId: t.coderId[i], start: t.start[i], end: t.end[i] };
    }
    entry.rows = rows;
  }
  return entry.rows;
}

/** The layer and the documents the filters select. */
interface Selection {
  docs: ScopeDoc[];
  total: number;
  words: string[];
  layer: ReturnType<typeof resolveLayer>;
  inScope: Set<number>;
  allDocs: boolean;
  coders: Set<number>;
}

function select(s: Session, f: Filters): Selection {
  const layer = resolveLayer(s, f.layer);
  const { docs, total, words } = scopeDocuments(s, f);
  const inScope = new Set(docs.map((d) => d.id));
  return { docs, total, words, layer, inScope, allDocs: inScope.size === total, coders: new Set(layer.coderIds) };
}

function scopeOf(sel: Selection, codings: number): Scope {
  let message = sel.layer.message;
  if (!message && sel.docs.length === 0) message = 'No documents match the filters.';
  else if (!message && codings === 0) message = `There are no codings in ${sel.layer.text} for these documents.`;
  return { layer: sel.layer.text, documents: sel.docs.length, documentsTotal: sel.total, codings, filters: sel.words, message };
}

/** The layer's codings in the filtered documents. */
function load(s: Session, f: Filters): Loaded {
  const sel = select(s, f);
  const codings: LayerCoding[] = [];
  if (sel.coders.size > 0 && sel.docs.length > 0) {
    for (const c of allCodings(s)) if (sel.coders.has(c.coderId) && (sel.allDocs || sel.inScope.has(c.documentId))) codings.push(c);
  }
  const coderNames = new Map((s.db.prepare('SELECT id, name FROM coders').all() as { id: number; name: string }[]).map((c) => [c.id, c.name]));
  return { docs: sel.docs, codings, coderNames, scope: scopeOf(sel, codings.length) };
}

/** {@link load} as columns, for the matrix: no object per coding, and no copy when nothing is filtered out. */
function loadColumns(s: Session, f: Filters): { docs: ScopeDoc[]; codings: CoCodingColumns; scope: Scope } {
  const sel = select(s, f);
  const empty: CoCodingColumns = { length: 0, id: [], documentId: [], codeId: [], start: [], end: [] };
  if (sel.coders.size === 0 || sel.docs.length === 0) return { docs: sel.docs, codings: empty, scope: scopeOf(sel, 0) };
  const t = cachedCodings(s).table;
  const keep = new Int32Array(t.length);
  let n = 0;
  let lastDoc = NaN;
  let docIn = false;
  for (let i = 0; i < t.length; i++) {
    // Rows come grouped by document, so the scope is looked up once per document.
    if (t.documentId[i] !== lastDoc) {
      lastDoc = t.documentId[i];
      docIn = sel.allDocs || sel.inScope.has(lastDoc);
    }
    if (docIn && sel.coders.has(t.coderId[i])) keep[n++] = i;
  }
  if (n === t.length) return { docs: sel.docs, codings: t, scope: scopeOf(sel, n) };
  const pick = (from: Float64Array): Float64Array => {
    const out = new Float64Array(n);
    for (let j = 0; j < n; j++) out[j] = from[keep[j]];
    return out;
  };
  const codings = { length: n, id: pick(t.id), documentId: pick(t.documentId), codeId: pick(t.codeId), start: pick(t.start), end: pick(t.end) };
  return { docs: sel.docs, codings, scope: scopeOf(sel, n) };
}

/** Documents as the co-occurrence algorithm needs them; speaker turns only in turn mode. */
function coDocuments(s: Session, docs: ScopeDoc[], mode: CooccurrenceMode): CoDocument[] {
  const out = docs.map<CoDocument>((d) => ({ id: d.id, length: d.length, participant: d.participant }));
  if (mode.kind === 'turn') {
    const byId = new Map(out.map((d) => [d.id, d]));
    const rows = s.db.prepare('SELECT document_id, start, "end" FROM turns ORDER BY document_id, ord').raw().all() as [number, number, number][];
    for (const [docId, start, end] of rows) {
      const d = byId.get(docId);
      if (!d || end <= start) continue;
      const turns = (d.turns ?? []) as { start: number; end: number }[];
      turns.push({ start, end });
      d.turns = turns;
    }
  }
  return out;
}

/** Codes in codebook order with depth, and a parent map for roll-up. */
function codeTree(s: Session): { codes: { code: Code; depth: number; hasChildren: boolean }[]; parentOf: Map<number, number | null> } {
  const all = listCodes(s);
  const parents = new Set(all.map((c) => c.parentId).filter((p) => p !== null));
  const codes = depthFirst(all).map(({ node, depth }) => ({ code: node, depth, hasChildren: parents.has(node.id) }));
  return { codes, parentOf: new Map(all.map((c) => [c.id as number, c.parentId as number | null])) };
}

function withRollUp(codings: LayerCoding[], rollUp: boolean, parentOf: Map<number, number | null>): CoCoding[] {
  return rollUp ? rollUpToAncestors(codings, parentOf) : codings;
}

/** The co-occurrence matrix of every code (or the given codes) over the filtered layer. */
export function cooccurrenceMatrix(
  s: Session,
  input: Filters & { mode: string; rollUp: boolean; codeIds?: CodeId[] },
): MatrixResult {
  const mode = parseMode(input.mode);
  const { codes, parentOf } = codeTree(s);
  let chosen = codes;
  if (input.codeIds) {
    const wanted = new Set<number>(input.codeIds);
    const missing = [...wanted].filter((id) => !parentOf.has(id));
    if (missing.length) throw new AccordError('NOT_FOUND', `no code with id ${missing.join(', ')}`);
    chosen = codes.filter((c) => wanted.has(c.code.id));
  }
  const loaded = loadColumns(s, input);
  const result = cooccurrence(
    input.rollUp ? rollUpColumns(loaded.codings, parentOf) : loaded.codings,
    coDocuments(s, loaded.docs, mode),
    chosen.map((c) => c.code.id),
    mode,
  );
  const matrixCodes = chosen.map<MatrixCode>((c, k) => ({
    id: c.code.id,
    parentId: c.code.parentId,
    label: c.code.label,
    name: c.code.name,
    color: c.code.color,
    depth: c.depth,
    hasChildren: c.hasChildren,
    n: result.totals[k].n,
    characters: result.totals[k].characters,
    documents: result.totals[k].documents,
    participants: result.totals[k].participants,
  }));
  return { mode: input.mode.trim().toLowerCase(), rollUp: input.rollUp, codes: matrixCodes, cells: result.cells, scope: loaded.scope };
}

/** Turns groups of codings into quotes: text, context, codes and coders. */
function toQuotes(
  s: Session,
  loaded: Loaded,
  segments: { documentId: number; start: number; end: number; codingIds: number[] }[],
  context: number,
): IntersectionQuote[] {
  const docById = new Map(loaded.docs.map((d) => [d.id, d]));
  const codingById = new Map(loaded.codings.map((c) => [c.id, c]));
  const codeById = new Map(listCodes(s).map((c) => [c.id as number, c]));
  const texts = new Map<number, string>();
  const textOf = (id: number): string => {
    let t = texts.get(id);
    if (t === undefined) {
      t = (s.db.prepare('SELECT text FROM documents WHERE id = ?').get(id) as { text: string }).text;
      texts.set(id, t);
    }
    return t;
  };
  return segments.map((g) => {
    const d = docById.get(g.documentId)!;
    const text = textOf(g.documentId);
    const ids = [...new Set(g.codingIds)].sort((x, y) => x - y);
    const own = ids.map((id) => codingById.get(id)).filter((c): c is LayerCoding => c !== undefined);
    const codeIds = [...new Set(own.map((c) => c.codeId))];
    const coders = [...new Set(own.map((c) => c.coderId))].map((id) => loaded.coderNames.get(id) ?? `coder ${id}`);
    return {
      documentId: g.documentId as DocumentId,
      document: d.name,
      participant: d.participant,
      start: g.start,
      end: g.end,
      timeMs: spokenAt(s, g.documentId, g.start),
      text: text.slice(g.start, g.end),
      before: text.slice(Math.max(0, g.start - context), g.start),
      after: text.slice(g.end, g.end + context),
      codes: codeIds.map((id) => {
        const c = codeById.get(id);
        return c ? label(c) : `code ${id}`;
      }),
      codeIds: codeIds as CodeId[],
      coders,
      codingIds: ids,
    };
  });
}

/** The quotes behind one cell of the matrix (each co-occurrence group; on the diagonal, each coding). */
export function cellEvidence(
  s: Session,
  input: Filters & { mode: string; rollUp: boolean; a: CodeId; b: CodeId; context: number },
): EvidenceResult {
  const mode = parseMode(input.mode);
  const { parentOf } = codeTree(s);
  for (const id of [input.a, input.b]) if (!parentOf.has(id)) throw new AccordError('NOT_FOUND', `no code with id ${id}`);
  const loaded = load(s, input);
  const groups = cooccurrenceEvidence(withRollUp(loaded.codings, input.rollUp, parentOf), coDocuments(s, loaded.docs, mode), input.a, input.b, mode);
  const segments = groups.map((g) => ({ documentId: g.documentId, start: g.start, end: g.end, codingIds: [...g.aCodingIds, ...g.bCodingIds] }));
  return { a: input.a, b: input.b, quotes: toQuotes(s, loaded, segments, input.context), scope: loaded.scope };
}

/** Per code, participants and codings for each value of a participant attribute. */
export function codeAttributeMatrix(s: Session, input: Filters & { attribute: string; rollUp: boolean }): AttributeMatrix {
  const attr = s.db.prepare('SELECT id, name FROM attributes WHERE name = ?').get(input.attribute) as { id: number; name: string } | undefined;
  if (!attr) {
    const known = (s.db.prepare('SELECT name FROM attributes ORDER BY ord, id').all() as { name: string }[]).map((r) => r.name);
    throw new AccordError('INVALID_INPUT', `no participant attribute called "${input.attribute}" (attributes: ${known.join(', ') || 'none'})`);
  }
  const NONE = '(no value)';
  const valueOf = new Map(
    (s.db.prepare('SELECT participant_id AS p, value FROM participant_attributes WHERE attribute_id = ?').all(attr.id) as { p: number; value: string }[])
      .filter((r) => r.value.trim() !== '')
      .map((r) => [r.p, r.value.trim()]),
  );
  const { codes, parentOf } = codeTree(s);
  const loaded = load(s, input);
  const people = new Set(loaded.docs.map((d) => d.participantId).filter((p): p is number => p !== null));
  const present = [...new Set([...people].map((p) => valueOf.get(p) ?? NONE))];
  const values = present.filter((v) => v !== NONE).sort(natural);
  if (present.includes(NONE)) values.push(NONE);
  const col = new Map(values.map((v, i) => [v, i]));
  const participantsPerValue = values.map(() => 0);
  for (const p of people) participantsPerValue[col.get(valueOf.get(p) ?? NONE)!]++;

  const docPerson = new Map(loaded.docs.map((d) => [d.id, d.participantId]));
  const codeIndex = new Map(codes.map((c, k) => [c.code.id as number, k]));
  const codingCounts = codes.map(() => values.map(() => 0));
  const seen = codes.map(() => new Set<number>());
  for (const c of withRollUp(loaded.codings, input.rollUp, parentOf)) {
    const p = docPerson.get(c.documentId);
    const k = codeIndex.get(c.codeId);
    if (p === null || p === undefined || k === undefined) continue;
    codingCounts[k][col.get(valueOf.get(p) ?? NONE)!]++;
    seen[k].add(p);
  }
  const rows = codes.map((c, k) => {
    const participants = values.map(() => 0);
    for (const p of seen[k]) participants[col.get(valueOf.get(p) ?? NONE)!]++;
    return { codeId: c.code.id, label: c.code.label, name: c.code.name, depth: c.depth, participants, codings: codingCounts[k] };
  });
  return { attribute: attr.name, values, participantsPerValue, rows, scope: loaded.scope };
}

/** The saturation curve over the filtered transcripts: new codes per transcript, cumulative distinct codes. */
export function saturationCurve(s: Session, input: Filters & { orderBy?: string }): SaturationCurve {
  const loaded = load(s, input);
  const transcripts = loaded.docs.filter((d) => d.kind === 'transcript');
  let dateOf = new Map<number, string>();
  let orderBy: string | null = null;
  if (input.orderBy) {
    const attr = s.db.prepare('SELECT id, name FROM attributes WHERE name = ?').get(input.orderBy) as { id: number; name: string } | undefined;
    if (!attr) throw new AccordError('INVALID_INPUT', `no participant attribute called "${input.orderBy}" to order the transcripts by`);
    orderBy = attr.name;
    dateOf = new Map(
      (s.db.prepare('SELECT participant_id AS p, value FROM participant_attributes WHERE attribute_id = ?').all(attr.id) as { p: number; value: string }[])
        .filter((r) => r.value.trim() !== '')
        .map((r) => [r.p, r.value.trim()]),
    );
  }
  const date = (d: ScopeDoc): string | null => (d.participantId !== null ? (dateOf.get(d.participantId) ?? null) : null);
  if (orderBy) {
    // ISO dates sort as text; transcripts without a value keep import order after the dated ones.
    transcripts.sort((x, y) => {
      const a = date(x);
      const b = date(y);
      if (a !== b) return a === null ? 1 : b === null ? -1 : natural(a, b);
      return x.ord - y.ord || x.id - y.id;
    });
  }
  const codesIn = new Map<number, Set<number>>();
  const codingsIn = new Map<number, number>();
  for (const c of loaded.codings) {
    let set = codesIn.get(c.documentId);
    if (!set) codesIn.set(c.documentId, (set = new Set()));
    set.add(c.codeId);
    codingsIn.set(c.documentId, (codingsIn.get(c.documentId) ?? 0) + 1);
  }
  const codeById = new Map(listCodes(s).map((c) => [c.id as number, c]));
  const order = new Map([...codeById.keys()].map((id, i) => [id, i]));
  const seen = new Set<number>();
  const points: SaturationPoint[] = transcripts.map((d) => {
    const fresh = [...(codesIn.get(d.id) ?? [])].filter((id) => !seen.has(id)).sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
    for (const id of fresh) seen.add(id);
    return {
      documentId: d.id as DocumentId,
      document: d.name,
      participant: d.participant,
      date: orderBy ? date(d) : null,
      codings: codingsIn.get(d.id) ?? 0,
      newCodes: fresh.map((id) => ({ id: id as CodeId, label: codeById.get(id)?.label ?? '', name: codeById.get(id)?.name ?? `code ${id}` })),
      cumulative: seen.size,
    };
  });
  return { orderBy, points, totalCodes: seen.size, summary: saturationSummary(points, orderBy), scope: loaded.scope };
}

/** One sentence describing the curve, for the COREQ answer and the methods text. */
export function saturationSummary(points: SaturationPoint[], orderBy: string | null): string {
  const coded = points.filter((p) => p.codings > 0);
  if (coded.length === 0) return 'No coded transcripts yet, so there is no saturation curve.';
  let last = -1;
  points.forEach((p, i) => {
    if (p.newCodes.length > 0) last = i;
  });
  const total = points[points.length - 1].cumulative;
  const after = points.length - 1 - last;
  const order = orderBy ? `ordered by ${orderBy}` : 'in interview (import) order';
  return (
    `Saturation curve over ${points.length} transcript${points.length === 1 ? '' : 's'} ${order}: ${total} distinct code${total === 1 ? '' : 's'}; ` +
    `the last new code appeared in transcript ${last + 1} (${points[last].document})` +
    (after > 0 ? `, and the last ${after} transcript${after === 1 ? '' : 's'} added no new codes.` : '.')
  );
}

/** Whether a saturation curve can be drawn: the project has transcripts with codings (for COREQ item 22). */
export function saturationAvailable(s: Session): boolean {
  return (
    s.db.prepare("SELECT 1 FROM codings c JOIN documents d ON d.id = c.document_id WHERE d.kind = 'transcript' LIMIT 1").get() !== undefined
  );
}

/** Evaluate a query over the filtered layer; codes are resolved by label, then name. */
function evaluate(s: Session, loaded: Loaded, query: string, includeDescendants: boolean): QuerySegment[] {
  const codes = listCodes(s);
  return evaluateQuery(query, loaded.codings, codeResolver(codes, { includeDescendants }));
}

/** Run a code query; the results are quotes in document order. */
export function runQuery(s: Session, input: Filters & { query: string; includeDescendants: boolean; context: number }): QueryResult {
  parseQuery(input.query);
  const loaded = load(s, input);
  const segments = evaluate(s, loaded, input.query, input.includeDescendants);
  return { query: input.query, quotes: toQuotes(s, loaded, segments, input.context), scope: loaded.scope };
}

interface SavedRow {
  id: number;
  name: string;
  query: string;
  filters: string;
  created_at: string;
  updated_at: string;
}

function toSaved(r: SavedRow): SavedQuery {
  return {
    id: r.id as SavedQueryId,
    name: r.name,
    query: r.query,
    filters: JSON.parse(r.filters) as SavedQuery['filters'],
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export function listSavedQueries(s: Session): SavedQuery[] {
  return (s.db.prepare('SELECT id, name, query, filters, created_at, updated_at FROM saved_queries ORDER BY name COLLATE NOCASE, id').all() as SavedRow[]).map(toSaved);
}

function getSaved(s: Session, id: number): SavedQuery {
  const r = s.db.prepare('SELECT id, name, query, filters, created_at, updated_at FROM saved_queries WHERE id = ?').get(id) as SavedRow | undefined;
  if (!r) throw new AccordError('NOT_FOUND', `no saved query with id ${id}`);
  return toSaved(r);
}

/** Save a query (new, or `id` to replace one). The query must parse; names are unique. */
export function saveQuery(s: Session, input: { id?: number; name: string; query: string; filters: SavedQuery['filters'] }): SavedQuery {
  parseQuery(input.query);
  const clash = s.db.prepare('SELECT id FROM saved_queries WHERE name = ?').get(input.name) as { id: number } | undefined;
  if (clash && clash.id !== input.id) throw new AccordError('INVALID_INPUT', `a saved query is already called "${input.name}"`);
  const filters = JSON.stringify(input.filters);
  const now = nowIso();
  const id = s.change('query.save', `save query ${input.name}`, (c) => {
    if (input.id === undefined) return c.insert('saved_queries', { name: input.name, query: input.query, filters, created_at: now, updated_at: now });
    getSaved(s, input.id);
    c.update('saved_queries', input.id, { name: input.name, query: input.query, filters, updated_at: now });
    return input.id;
  });
  return getSaved(s, id);
}

export function deleteSavedQuery(s: Session, id: number): void {
  const q = getSaved(s, id);
  s.change('query.delete', `delete query ${q.name}`, (c) => c.delete('saved_queries', id));
}

/** Run a saved query again with its saved filters. */
export function rerunQuery(s: Session, id: number, context: number): QueryResult {
  const q = getSaved(s, id);
  return runQuery(s, { ...q.filters, query: q.query, context });
}

/**
 * Create a code and apply it to every result quote of a query as the current coder, all in one
 * recorded, undoable change (one undo removes the code and its codings).
 */
export function codeQueryResults(
  s: Session,
  input: Filters & { query: string; includeDescendants: boolean; parentId: CodeId | null; label: string; name: string; definition: string },
): { code: { id: CodeId; label: string; name: string }; codings: number } {
  const coder = s.requireCoder();
  if (input.parentId !== null && !s.db.prepare('SELECT 1 FROM codes WHERE id = ?').get(input.parentId)) {
    throw new AccordError('NOT_FOUND', `no code with id ${input.parentId}`);
  }
  const loaded = load(s, input);
  // Pooled coders can give the same range twice (e.g. `A WITHIN B`); a code holds a range once.
  const seen = new Set<string>();
  const segments = evaluate(s, loaded, input.query, input.includeDescendants).filter((g) => {
    const key = `${g.documentId}:${g.start}:${g.end}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const codeCount = (s.db.prepare('SELECT count(*) AS n FROM codes').get() as { n: number }).n;
  const ord = (s.db.prepare('SELECT coalesce(max(ord) + 1, 0) AS n FROM codes WHERE parent_id IS ?').get(input.parentId) as { n: number }).n;
  const texts = new Map<number, string>();
  const title = `${input.label ? `${input.label} ` : ''}${input.name}`;
  const id = s.change('query.code', `code ${segments.length} results of ${input.query} as ${title}`, (c) => {
    const now = nowIso();
    const codeId = c.insert('codes', {
      guid: randomUUID(),
      parent_id: input.parentId,
      label: input.label,
      name: input.name,
      definition: input.definition,
      color: paletteColor(codeCount),
      ord,
      created_at: now,
    });
    for (const g of segments) {
      let text = texts.get(g.documentId);
      if (text === undefined) {
        text = (s.db.prepare('SELECT text FROM documents WHERE id = ?').get(g.documentId) as { text: string }).text;
        texts.set(g.documentId, text);
      }
      c.insert('codings', {
        document_id: g.documentId,
        code_id: codeId,
        coder_id: coder.id,
        start: g.start,
        end: g.end,
        text: text.slice(g.start, g.end),
        created_at: now,
      });
    }
    return codeId;
  });
  return { code: { id: id as CodeId, label: input.label, name: input.name }, codings: segments.length };
}

/** A view's table as a CSV or Word file, through the engine's table writers. */
export async function exportTable(input: {
  format: 'csv' | 'docx';
  title: string;
  caption?: string;
  columns: string[];
  rows: string[][];
  notes?: string[];
}): Promise<ExportedTable> {
  const table: ReportTable = {
    title: input.title,
    ...(input.caption ? { caption: input.caption } : {}),
    columns: input.columns.map((c) => textCell(c)),
    rows: input.rows.map((r) => ({ cells: input.columns.map((_, i) => textCell(r[i] ?? '')) })),
    ...(input.notes?.length ? { notes: input.notes } : {}),
  };
  const slug = input.title.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-+|-+$/g, '') || 'table';
  if (input.format === 'docx') {
    const bytes = await renderTable(table, 'docx');
    return {
      fileName: `${slug}.docx`,
      mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      dataBase64: Buffer.from(bytes).toString('base64'),
    };
  }
  const text = await renderTable(table, 'csv');
  return { fileName: `${slug}.csv`, mimeType: 'text/csv', dataBase64: Buffer.from(text, 'utf8').toString('base64') };
}

/** The definitions shown beside the matrix and written under exported tables. */
export function definitions(): Record<string, string> {
  return {
    ...COOCCURRENCE_DEFINITIONS,
    layer: 'Layer: one coder, the consensus layer, or all coders pooled (every coder except the consensus layer). Counts never mix layers unless pooled.',
    where: 'Participant filters (e.g. Role = Clinician) keep documents whose participant has that value; several conditions must all hold; "≠" also keeps participants without a value. Documents without a participant are left out by any attribute filter.',
    saturation: 'Saturation: transcripts in interview order (import order, or a date attribute) with the cumulative number of distinct codes and the codes each transcript added first.',
  };
}
