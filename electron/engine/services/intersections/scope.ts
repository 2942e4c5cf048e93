// What every intersection report reads: the layer (a coder, the consensus layer or all coders pooled),
// the documents the filters select, and that layer's codings in them (cached per connection).
import { AccordError } from '../../../../shared/errors';
import type { Condition, Filters, Layer, Scope } from '../../../../shared/api/intersections';
import { depthFirst } from '../../../../shared/codebook/tree';
import type { Code, CoderId } from '../../../../shared/model/types';
import { rollUpToAncestors, type CoCoding, type CoCodingColumns } from '../../../../shared/stats/cooccurrence';
import type { Session } from '../../session';
import { listCodes } from '../codebook';
import { chooseDefaultLayer, codingsPerDocument, decidedDocuments, listLayerCoders, type CodingsPerDocument } from '../layers';

/** A document in scope, as the reports need it. */
export interface ScopeDoc {
  id: number;
  name: string;
  kind: string;
  length: number;
  ord: number;
  participantId: number | null;
  participant: string | null;
}

/** A coding of the layer with its coder (kept for the quotes' "coded by"). */
export interface LayerCoding extends CoCoding {
  coderId: number;
}

/** The layer's codings within the filtered documents, and the scope in words. */
export interface Loaded {
  docs: ScopeDoc[];
  codings: LayerCoding[];
  scope: Scope;
  coderNames: Map<number, string>;
}

export const label = (c: { label: string; name: string }): string => c.label || c.name;

/** `Role=Clinician` or `Role!=Clinician` → a condition. */
export function parseWhere(text: string): Condition {
  const m = /^\s*([^=!]+?)\s*(!=|=)\s*(.*?)\s*$/.exec(text);
  if (!m || m[3] === '') {
    throw new AccordError('INVALID_INPUT', `the condition "${text}" should read ATTRIBUTE=VALUE or ATTRIBUTE!=VALUE, e.g. Role=Clinician`);
  }
  return { attribute: m[1], op: m[2] as '=' | '!=', value: m[3] };
}

/** A layer as the CLI writes it: `auto` (or `default`), `all` (or `pooled`), `consensus`, or a coder's name. */
export function layerFromText(s: Session, text: string): Layer {
  const t = text.trim();
  const lower = t.toLowerCase();
  if (lower === 'auto' || lower === 'default') return 'auto';
  if (lower === 'all' || lower === 'pooled') return 'all';
  if (lower === 'consensus') return 'consensus';
  const row = s.db.prepare('SELECT id FROM coders WHERE name = ?').get(t) as { id: number } | undefined;
  if (!row) {
    const names = (s.db.prepare('SELECT name FROM coders ORDER BY id').all() as { name: string }[]).map((r) => r.name);
    throw new AccordError('NOT_FOUND', `no coder called "${t}" (coders: ${names.join(', ') || 'none'}; or use auto, all or consensus)`);
  }
  return row.id as CoderId;
}

/** The layer a report reads, resolved: its coders, its name and why it was chosen. */
export interface ResolvedLayer {
  coderIds: number[];
  text: string;
  kind: Scope['layerKind'];
  coders: string[];
  /** Why this layer, when it is the default rather than the user's choice. */
  reason: string | null;
  message: string | null;
}

/** What pooling coders does to co-occurrence, said wherever pooled counts are shown. */
export function pooledWarning(names: string[]): string {
  const who = names.length >= 2 ? `${names[0]} and ${names[1]}` : 'two coders';
  return (
    `Coders pooled (${names.join(', ')}): a disagreement between coders counts as a co-occurrence — where ${who} ` +
    'applied different codes to the same passage, those codes are counted as occurring together. Choose one coder or the consensus layer to count associations within one reading.'
  );
}

export function resolveLayer(s: Session, layer: Layer, inScope: Set<number> | null = null): ResolvedLayer {
  const all = listLayerCoders(s);
  if (layer === 'auto') {
    const perDoc = codingsPerDocumentCached(s, inScope);
    const d = chooseDefaultLayer(all, perDoc, decidedDocuments(s), s.coder?.id ?? null);
    if (d.coderId === null) {
      return { coderIds: [], text: 'no layer', kind: 'none', coders: [], reason: d.reason, message: all.length === 0 ? 'This project has no coders yet.' : null };
    }
    const c = all.find((x) => x.id === d.coderId)!;
    return {
      coderIds: [c.id],
      text: c.isConsensus ? `the consensus layer (${c.name})` : `coder ${c.name}`,
      kind: c.isConsensus ? 'consensus' : 'coder',
      coders: [c.name],
      reason: d.reason,
      message: null,
    };
  }
  if (layer === 'all') {
    const own = all.filter((c) => !c.isConsensus);
    return {
      coderIds: own.map((c) => c.id),
      text: `all coders pooled (${own.map((c) => c.name).join(', ') || 'none'}; the consensus layer not included)`,
      kind: 'pooled',
      coders: own.map((c) => c.name),
      reason: null,
      message: own.length === 0 ? 'This project has no coders yet.' : null,
    };
  }
  if (layer === 'consensus') {
    const c = all.find((x) => x.isConsensus);
    if (!c) {
      return { coderIds: [], text: 'the consensus layer', kind: 'consensus', coders: [], reason: null, message: 'This project has no consensus layer yet: build it in the Consensus view, or choose a coder.' };
    }
    return { coderIds: [c.id], text: `the consensus layer (${c.name})`, kind: 'consensus', coders: [c.name], reason: null, message: null };
  }
  const c = all.find((x) => x.id === layer);
  if (!c) throw new AccordError('NOT_FOUND', `no coder with id ${layer}`);
  return { coderIds: [c.id], text: c.isConsensus ? `the consensus layer (${c.name})` : `coder ${c.name}`, kind: c.isConsensus ? 'consensus' : 'coder', coders: [c.name], reason: null, message: null };
}

export function hasTable(s: Session, name: string): boolean {
  return s.db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?").get(name) !== undefined;
}

/** Documents after the document, group and participant-attribute filters, in import order. */
export function scopeDocuments(s: Session, f: Filters): { docs: ScopeDoc[]; total: number; words: string[] } {
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

export function natural(a: string, b: string): number {
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

interface CacheEntry {
  key: string;
  /** Every coding, once a report needed them all. */
  table?: CodingTable;
  /**
   * One layer's codings (its coders' ids, sorted and joined), read alone while no report needed them
   * all: a co-occurrence matrix in one coder's layer, the default, reads an eighth of a project with
   * eight coders. A second layer reads them all, so switching layers is free from then on.
   */
  layer?: { coders: string; table: CodingTable };
  rows?: LayerCoding[];
  perDoc?: CodingsPerDocument;
}

const codingCache = new WeakMap<Session['db'], CacheEntry>();

/** Bits needed to hold every integer in [0, n]. */
function bitsFor(n: number): number {
  let b = 1;
  while (2 ** b <= n) b++;
  return b;
}

/**
 * Read every coding's integer columns into typed arrays in one scan. better-sqlite3 makes a JS array
 * or object per row, which costs far more than the reading itself, so SQLite gathers each document's
 * values into JSON arrays (one row per document, the aggregates fed the rows in the same order, so
 * the arrays line up) and JSON.parse turns them into numbers natively. Where code, coder and both
 * offsets fit in 53 bits (almost always), they come packed into one number per coding: one array to
 * format and parse instead of four, unpacked straight into the columns.
 */
function readCodings(db: Session['db'], coderIds: readonly number[] | null): CodingTable {
  // Bounds from the small tables (no scan of the codings): ids of codes and coders, the longest
  // document. Offsets are clamped below P − 1, past every document's end, so a coding out of its
  // document still shows as one (and is refused where that matters).
  const ids = (table: string) => db.prepare(`SELECT min(id), max(id) FROM ${table}`).raw().get() as [number | null, number | null];
  const [codeLo, codeHi] = ids('codes').map((v) => v ?? 0);
  const [coderLo, coderHi] = ids('coders').map((v) => v ?? 0);
  const maxLength = (db.prepare('SELECT max(length) FROM documents').pluck().get() as number | null) ?? 0;
  const C = 2 ** bitsFor(coderHi);
  const P = 2 ** bitsFor(maxLength + 1);
  const packed = codeLo >= 0 && coderLo >= 0 && bitsFor(codeHi) + Math.log2(C) + 2 * Math.log2(P) <= 53;
  // Only some coders: `+coder_id` keeps SQLite on the unique index, which covers every column read
  // here and gives each document's codings in the same order as an unfiltered read (its coder index
  // would look each coding up in the table instead, and need a sort).
  const where = coderIds ? `WHERE +coder_id IN (${coderIds.map(() => '?').join(', ')})` : '';
  const args = coderIds ?? [];
  // Each document's arrays as parsed, copied into the columns once their total is known.
  const parts: { documentId: number; ids: number[]; values: number[][] }[] = [];
  let total = 0;
  if (packed) {
    const rows = db
      .prepare(
        `SELECT document_id, json_group_array(id), json_group_array(((code_id * ${C} + coder_id) * ${P} + min(start, ${P - 1})) * ${P} + min("end", ${P - 1}))
         FROM codings ${where} GROUP BY document_id`,
      )
      .raw()
      .iterate(...args) as IterableIterator<[number, string, string]>;
    for (const [documentId, id, values] of rows) {
      const part = { documentId, ids: JSON.parse(id) as number[], values: [JSON.parse(values) as number[]] };
      parts.push(part);
      total += part.ids.length;
    }
  } else {
    const rows = db
      .prepare(
        `SELECT document_id, json_group_array(id), json_group_array(code_id), json_group_array(coder_id), json_group_array(start), json_group_array("end")
         FROM codings ${where} GROUP BY document_id`,
      )
      .raw()
      .iterate(...args) as IterableIterator<[number, string, string, string, string, string]>;
    for (const [documentId, id, ...columns] of rows) {
      const part = { documentId, ids: JSON.parse(id) as number[], values: columns.map((c) => JSON.parse(c) as number[]) };
      parts.push(part);
      total += part.ids.length;
    }
  }
  const table: CodingTable = {
    length: total,
    id: new Float64Array(total),
    documentId: new Float64Array(total),
    codeId: new Float64Array(total),
    coderId: new Float64Array(total),
    start: new Float64Array(total),
    end: new Float64Array(total),
  };
  let at = 0;
  for (const { documentId, ids: rowIds, values } of parts) {
    const n = rowIds.length;
    table.id.set(rowIds, at);
    table.documentId.fill(documentId, at, at + n);
    if (packed) {
      const vs = values[0];
      // Dividing by powers of two is exact; floor and multiply are much cheaper than % on doubles.
      for (let i = 0; i < n; i++) {
        const v = vs[i];
        const x = Math.floor(v / P);
        const y = Math.floor(x / P);
        const code = Math.floor(y / C);
        table.end[at + i] = v - x * P;
        table.start[at + i] = x - y * P;
        table.coderId[at + i] = y - code * C;
        table.codeId[at + i] = code;
      }
    } else {
      table.codeId.set(values[0], at);
      table.coderId.set(values[1], at);
      table.start.set(values[2], at);
      table.end.set(values[3], at);
    }
    at += n;
  }
  return table;
}

/** The cache entry for the data as it is now (an empty one when anything changed since). */
function cacheEntry(s: Session): CacheEntry {
  const key = `${String(s.db.pragma('data_version', { simple: true }))}:${(s.db.prepare('SELECT total_changes() AS n').get() as { n: number }).n}`;
  const hit = codingCache.get(s.db);
  if (hit && hit.key === key) return hit;
  const entry: CacheEntry = { key };
  codingCache.set(s.db, entry);
  return entry;
}

/** Every coding of the project, as columns (see CacheEntry). */
function everyCoding(s: Session, entry: CacheEntry): CodingTable {
  if (!entry.table) {
    entry.table = s.db.transaction(readCodings)(s.db, null);
    entry.layer = undefined;
  }
  return entry.table;
}

/** Columns holding at least the codings of `coders` (every coding when those are at hand already). */
function layerCodings(s: Session, coders: ReadonlySet<number>): CodingTable {
  const entry = cacheEntry(s);
  if (entry.table) return entry.table;
  const ids = [...coders].sort((a, b) => a - b);
  const key = ids.join(',');
  if (entry.layer?.coders === key) return entry.layer.table;
  if (entry.layer) return everyCoding(s, entry);
  const table = s.db.transaction(readCodings)(s.db, ids);
  entry.layer = { coders: key, table };
  return table;
}

/**
 * Codings per coder in each document (of `only`, or all), counted by SQLite from its (document, coder)
 * index without reading the codings, once per state of the data.
 */
function codingsPerDocumentCached(s: Session, only: Set<number> | null): CodingsPerDocument {
  const entry = cacheEntry(s);
  entry.perDoc ??= codingsPerDocument(s);
  if (!only) return entry.perDoc;
  return new Map([...entry.perDoc].filter(([d]) => only.has(d)));
}

/** Every coding of the project as objects (made once per cached read). */
export function allCodings(s: Session): LayerCoding[] {
  const entry = cacheEntry(s);
  const t = everyCoding(s, entry);
  if (!entry.rows) {
    const rows = new Array<LayerCoding>(t.length);
    for (let i = 0; i < t.length; i++) {
      rows[i] = { id: t.id[i], documentId: t.documentId[i], codeId: t.codeId[i], coderId: t.coderId[i], start: t.start[i], end: t.end[i] };
    }
    entry.rows = rows;
  }
  return entry.rows;
}

/** The layer and the documents the filters select. */
export interface Selection {
  docs: ScopeDoc[];
  total: number;
  words: string[];
  layer: ReturnType<typeof resolveLayer>;
  inScope: Set<number>;
  allDocs: boolean;
  coders: Set<number>;
}

export function select(s: Session, f: Filters): Selection {
  const { docs, total, words } = scopeDocuments(s, f);
  const inScope = new Set(docs.map((d) => d.id));
  const allDocs = inScope.size === total;
  const layer = resolveLayer(s, f.layer, allDocs ? null : inScope);
  return { docs, total, words, layer, inScope, allDocs, coders: new Set(layer.coderIds) };
}

/**
 * The scope in words and counts. `cooccurring` marks reports whose numbers put codes together
 * (matrix, evidence, queries): pooled coders there get the warning that disagreements count.
 */
export function scopeOf(sel: Selection, codings: number, cooccurring = false): Scope {
  let message = sel.layer.message;
  if (!message && sel.docs.length === 0) message = 'No documents match the filters.';
  else if (!message && codings === 0) message = `There are no codings in ${sel.layer.text} for these documents.`;
  return {
    layer: sel.layer.text,
    layerKind: sel.layer.kind,
    coders: sel.layer.coders,
    layerReason: sel.layer.reason,
    warning: cooccurring && sel.layer.kind === 'pooled' && sel.layer.coders.length > 1 ? pooledWarning(sel.layer.coders) : null,
    documents: sel.docs.length,
    documentsTotal: sel.total,
    codings,
    filters: sel.words,
    message,
  };
}

/** The layer's codings in the filtered documents. */
export function load(s: Session, f: Filters, cooccurring = false): Loaded {
  const sel = select(s, f);
  const codings: LayerCoding[] = [];
  if (sel.coders.size > 0 && sel.docs.length > 0) {
    for (const c of allCodings(s)) if (sel.coders.has(c.coderId) && (sel.allDocs || sel.inScope.has(c.documentId))) codings.push(c);
  }
  const coderNames = new Map((s.db.prepare('SELECT id, name FROM coders').all() as { id: number; name: string }[]).map((c) => [c.id, c.name]));
  return { docs: sel.docs, codings, coderNames, scope: scopeOf(sel, codings.length, cooccurring) };
}

/** {@link load} as columns, for the matrix: no object per coding, and no copy when nothing is filtered out. */
export function loadColumns(s: Session, f: Filters, cooccurring = false): { docs: ScopeDoc[]; codings: CoCodingColumns; scope: Scope } {
  const sel = select(s, f);
  const empty: CoCodingColumns = { length: 0, id: [], documentId: [], codeId: [], start: [], end: [] };
  if (sel.coders.size === 0 || sel.docs.length === 0) return { docs: sel.docs, codings: empty, scope: scopeOf(sel, 0, cooccurring) };
  const t = layerCodings(s, sel.coders);
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
  if (n === t.length) return { docs: sel.docs, codings: t, scope: scopeOf(sel, n, cooccurring) };
  const pick = (from: Float64Array): Float64Array => {
    const out = new Float64Array(n);
    for (let j = 0; j < n; j++) out[j] = from[keep[j]];
    return out;
  };
  const codings = { length: n, id: pick(t.id), documentId: pick(t.documentId), codeId: pick(t.codeId), start: pick(t.start), end: pick(t.end) };
  return { docs: sel.docs, codings, scope: scopeOf(sel, n, cooccurring) };
}

/** Codes in codebook order with depth, and a parent map for roll-up. */
export function codeTree(s: Session): { codes: { code: Code; depth: number; hasChildren: boolean }[]; parentOf: Map<number, number | null> } {
  const all = listCodes(s);
  const parents = new Set(all.map((c) => c.parentId).filter((p) => p !== null));
  const codes = depthFirst(all).map(({ node, depth }) => ({ code: node, depth, hasChildren: parents.has(node.id) }));
  return { codes, parentOf: new Map(all.map((c) => [c.id as number, c.parentId as number | null])) };
}

export function withRollUp(codings: LayerCoding[], rollUp: boolean, parentOf: Map<number, number | null>): CoCoding[] {
  return rollUp ? rollUpToAncestors(codings, parentOf) : codings;
}
