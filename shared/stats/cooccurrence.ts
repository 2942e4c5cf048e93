// Co-occurrence (intersection reports) of codes within one coding layer: counts, ATLAS.ti's
// c-coefficient, character Jaccard, conditional shares, who it occurs for, and the evidence
// (groups of codings) behind every number so the UI can show the quotes.
import type { Span } from '../model/types';
import { AccordError } from '../errors';
import { union } from '../spans/spans';

/** One coding of the chosen layer. Offsets are UTF-16 code units, half-open [start, end). */
export interface CoCoding {
  id: number;
  documentId: number;
  codeId: number;
  start: number;
  end: number;
}

/**
 * The same codings stored column-wise: coding i is (id[i], documentId[i], codeId[i], start[i], end[i])
 * for i < length. Large layers are passed this way (typed arrays) so that no object per coding is made.
 */
export interface CoCodingColumns {
  length: number;
  id: ArrayLike<number>;
  documentId: ArrayLike<number>;
  codeId: ArrayLike<number>;
  start: ArrayLike<number>;
  end: ArrayLike<number>;
}

/** Codings as objects or as columns; every function here gives the same result for either. */
export type CoCodings = readonly CoCoding[] | CoCodingColumns;

function isColumns(codings: CoCodings): codings is CoCodingColumns {
  return !Array.isArray(codings);
}

/** Codings as columns: columns pass through unchanged, objects are copied into typed arrays. */
export function toColumns(codings: CoCodings): CoCodingColumns {
  if (isColumns(codings)) return codings;
  const list = codings as readonly CoCoding[];
  const n = list.length;
  const cols = {
    length: n,
    id: new Float64Array(n),
    documentId: new Float64Array(n),
    codeId: new Float64Array(n),
    start: new Float64Array(n),
    end: new Float64Array(n),
  };
  for (let i = 0; i < n; i++) {
    const c = list[i];
    cols.id[i] = c.id;
    cols.documentId[i] = c.documentId;
    cols.codeId[i] = c.codeId;
    cols.start[i] = c.start;
    cols.end[i] = c.end;
  }
  return cols;
}

/** A document as co-occurrence needs it. `turns` (speaker turns) are only used by the turn mode. */
export interface CoDocument {
  id: number;
  length: number;
  participant: string | null;
  turns?: readonly Span[];
}

/** How two codings are "connected". See {@link COOCCURRENCE_DEFINITIONS}. */
export type CooccurrenceMode =
  | { kind: 'overlap' }
  | { kind: 'chars'; n: number }
  | { kind: 'turn' }
  | { kind: 'document' };

/** One cell of the matrix, for the ordered pair (a, b). The diagonal (a = b) describes code a alone. */
export interface CooccurrenceCell {
  a: number;
  b: number;
  /** n(A,B): number of co-occurrence groups (documents in same-document mode); n(A) on the diagonal. */
  n: number;
  /** c = n(A,B) / (n(A) + n(B) − n(A,B)), always within [0, 1]. */
  c: number;
  /** Characters coded by both A and B / characters coded by either (documents, in same-document mode). */
  jaccard: number;
  /** P(B|A): share of A's codings that take part in a co-occurrence with B (of A's documents, in same-document mode). */
  pBGivenA: number;
  /** Documents in which A and B co-occur. */
  documents: number;
  /** Distinct participants (of documents that name one) in which A and B co-occur. */
  participants: number;
}

/** Per-code totals: n(A), characters coded, and where the code occurs. */
export interface CodeTotal {
  codeId: number;
  /** n(A) in the mode's unit: codings, or documents in same-document mode. */
  n: number;
  /** Codings of the code, whatever the mode. */
  codings: number;
  characters: number;
  documents: number;
  participants: number;
}

export interface CooccurrenceResult {
  mode: CooccurrenceMode;
  /** The codes of the matrix, in the caller's order. */
  codes: number[];
  totals: CodeTotal[];
  /** One cell per ordered pair with n > 0, row-major in `codes` order; the diagonal carries n(A). */
  cells: CooccurrenceCell[];
}

/** One co-occurrence: a connected group of A- and B-codings holding at least one of each. */
export interface CooccurrenceGroup {
  documentId: number;
  /** Extent of the group: from the first coding's start to the last coding's end. */
  start: number;
  end: number;
  aCodingIds: number[];
  bCodingIds: number[];
}

/** Plain-language definitions for the UI and for exported tables. */
export const COOCCURRENCE_DEFINITIONS = {
  overlap:
    'Overlap: codings of A and B that share at least one character are connected, and connections chain ' +
    '(A1 overlaps B1 overlaps A2 makes one group). Only A- and B-codings chain; other codes never link them. ' +
    'Each group holding at least one A-coding and one B-coding is one co-occurrence. Ranges that only touch ' +
    '(one ends where the next starts) do not overlap.',
  chars:
    'Within N characters: as overlap, but two codings are connected when at most N characters lie between ' +
    'them (touching ranges are 0 characters apart).',
  turn:
    'Same speaker turn: as overlap, but two codings are connected when they overlap each other or both have ' +
    'text in the same speaker turn. Documents without turns fall back to overlap.',
  document:
    'Same document: each document that holds both codes is one co-occurrence. Every number then counts ' +
    'documents: n(A) is the documents holding A, c = Jaccard = documents with both / documents with either, ' +
    'P(B|A) = documents with both / documents with A.',
  n: 'n(A,B) counts co-occurrences (groups; documents in same-document mode); on the diagonal, n(A) counts the codings of A (its documents in same-document mode).',
  c:
    'c-coefficient (as in ATLAS.ti): n(A,B) / (n(A) + n(B) − n(A,B)). It lies between 0 (never together) and ' +
    '1 (every coding of each code is in a co-occurrence, one-to-one).',
  jaccard: 'Jaccard: characters coded with both A and B divided by characters coded with A or B.',
  pBGivenA: 'P(B|A): the share of A\'s codings that belong to a co-occurrence with B.',
  documents: 'Documents: the number of documents in which A and B co-occur.',
  participants: 'Participants: the number of distinct participants in whose documents A and B co-occur.',
  rollUp:
    'Parent codes: when rolled up, a parent code also holds a copy of every coding of its descendants, so it ' +
    'stands for the union of its children.',
} as const;

/**
 * Two codings x (later `s`) and y are connected when x.s < y.e + slack: 0 for overlap (and turn, on
 * widened spans), N + 1 for "within N characters" (offsets are integers), Infinity for document.
 */
function slackOf(mode: CooccurrenceMode): number {
  switch (mode.kind) {
    case 'overlap':
    case 'turn':
      return 0;
    case 'chars':
      if (!Number.isInteger(mode.n) || mode.n < 0) {
        throw new AccordError('INVALID_INPUT', `co-occurrence distance must be a whole number of characters ≥ 0, got ${mode.n}`);
      }
      return mode.n + 1;
    case 'document':
      return Infinity;
    default:
      throw new AccordError('INVALID_INPUT', `unknown co-occurrence mode ${JSON.stringify(mode)}`);
  }
}

function indexDocuments(documents: readonly CoDocument[]): Map<number, CoDocument> {
  const byId = new Map<number, CoDocument>();
  for (const d of documents) {
    if (byId.has(d.id)) throw new AccordError('INVALID_INPUT', `document ${d.id} is listed twice`);
    byId.set(d.id, d);
  }
  return byId;
}

/** Sorted, merged (overlapping only) turns, so that a coding's widened span is a single interval. */
function normaliseTurns(turns: readonly Span[] | undefined): Span[] {
  return turns && turns.length > 0 ? union(turns, false) : [];
}

/** Widen [start, end) to cover every turn it shares a character with; returns the widened start, end. */
function widenToTurns(turns: Span[], start: number, end: number): [number, number] {
  let lo = 0;
  let hi = turns.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (turns[mid].end <= start) lo = mid + 1;
    else hi = mid;
  }
  let s = start;
  let e = end;
  for (let k = lo; k < turns.length && turns[k].start < end; k++) {
    if (turns[k].start < s) s = turns[k].start;
    if (turns[k].end > e) e = turns[k].end;
  }
  return [s, e];
}

/**
 * The codings of the wanted codes, validated and stored column-wise (typed arrays, no object per
 * coding: with millions of codings, objects cost more in allocation and cache misses than the work).
 * Document slot d holds indices offset[d] .. offset[d+1]−1; `s`/`e` decide connection (widened to
 * turns in turn mode, otherwise the same arrays as `start`/`end`), `start`/`end` are the real range
 * and `src` is the coding's index in the input.
 */
interface Layout {
  docIds: number[];
  offset: Int32Array;
  src: Int32Array;
  code: Int32Array;
  start: Float64Array;
  end: Float64Array;
  s: Float64Array;
  e: Float64Array;
}

/** Largest code id looked up through a dense table rather than a Map (4 bytes per id). */
const DENSE_CODE_IDS = 1 << 22;

/** Validate the codings of the codes in `codeIndex` and lay them out by document (first-seen order). */
function layout(
  C: CoCodingColumns,
  docs: Map<number, CoDocument>,
  codeIndex: Map<number, number>,
  mode: CooccurrenceMode,
): Layout {
  // Code ids are usually small database ids: a dense table is much faster than a Map per coding.
  let maxId = -1;
  let dense = true;
  for (const id of codeIndex.keys()) {
    if (!Number.isInteger(id) || id < 0 || id >= DENSE_CODE_IDS) dense = false;
    else if (id > maxId) maxId = id;
  }
  const table = dense ? new Int32Array(maxId + 1).fill(-1) : null;
  if (table) for (const [id, k] of codeIndex) table[id] = k;

  const total = C.length;
  const kOf = new Int32Array(total);
  const slots = new Int32Array(total).fill(-1);
  const slotOf = new Map<number, number>();
  const docIds: number[] = [];
  const counts: number[] = [];
  let lastDoc = NaN;
  let lastSlot = -1;
  let length = 0;
  for (let i = 0; i < total; i++) {
    const codeId = C.codeId[i];
    const k = table ? (codeId >= 0 && codeId <= maxId && Number.isInteger(codeId) ? table[codeId] : -1) : (codeIndex.get(codeId) ?? -1);
    if (k < 0) continue;
    const documentId = C.documentId[i];
    if (documentId !== lastDoc) {
      const doc = docs.get(documentId);
      if (!doc) throw new AccordError('INVALID_INPUT', `coding ${C.id[i]} refers to document ${documentId}, which is not in the list of documents`);
      let slot = slotOf.get(documentId);
      if (slot === undefined) {
        slot = docIds.length;
        slotOf.set(documentId, slot);
        docIds.push(documentId);
        counts.push(0);
      }
      lastDoc = documentId;
      lastSlot = slot;
      length = doc.length;
    }
    const start = C.start[i];
    const end = C.end[i];
    if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end <= start || end > length) {
      throw new AccordError('INVALID_INPUT', `coding ${C.id[i]} has range [${start}, ${end}), which is empty or outside document ${documentId} (length ${length})`);
    }
    kOf[i] = k;
    slots[i] = lastSlot;
    counts[lastSlot]++;
  }
  const offset = new Int32Array(docIds.length + 1);
  for (let d = 0; d < docIds.length; d++) offset[d + 1] = offset[d] + counts[d];
  const n = offset[docIds.length];
  const L: Layout = {
    docIds,
    offset,
    src: new Int32Array(n),
    code: new Int32Array(n),
    start: new Float64Array(n),
    end: new Float64Array(n),
    s: new Float64Array(0),
    e: new Float64Array(0),
  };
  const fill = offset.slice(0, docIds.length);
  for (let i = 0; i < total; i++) {
    if (slots[i] < 0) continue;
    const k = fill[slots[i]]++;
    L.src[k] = i;
    L.code[k] = kOf[i];
    L.start[k] = C.start[i];
    L.end[k] = C.end[i];
  }
  L.s = L.start;
  L.e = L.end;
  if (mode.kind === 'turn') {
    L.s = L.start.slice();
    L.e = L.end.slice();
    for (let d = 0; d < docIds.length; d++) {
      const turns = normaliseTurns(docs.get(docIds[d])!.turns);
      if (turns.length === 0) continue;
      for (let k = offset[d]; k < offset[d + 1]; k++) [L.s[k], L.e[k]] = widenToTurns(turns, L.start[k], L.end[k]);
    }
  }
  return L;
}

/**
 * Per-document working view, reused across documents. `order` lists the document's codings sorted
 * by `s` (ties in input order). With buckets, `bucket` lists them grouped by code, each group sorted
 * by `s`: code k's group is bucket[from[k] .. to[k]), and `bs`/`be` hold the `s`/`e` of bucket[i] at
 * i, so that a pair's sweep reads contiguous memory. `present` lists the codes that occur.
 */
class DocView {
  order = new Int32Array(0);
  bucket = new Int32Array(0);
  bs = new Float64Array(0);
  be = new Float64Array(0);
  from: Int32Array;
  to: Int32Array;
  present: number[] = [];
  private keys = new Float64Array(0);
  private startOrder = new Int32Array(0);
  private o = 0;
  private n = 0;

  constructor(
    private readonly L: Layout,
    codes: number,
  ) {
    this.from = new Int32Array(codes);
    this.to = new Int32Array(codes);
  }

  load(slot: number, buckets: boolean): void {
    const { L } = this;
    const o = L.offset[slot];
    const n = L.offset[slot + 1] - o;
    this.o = o;
    this.n = n;
    if (this.order.length < n) {
      const size = n * 2;
      this.order = new Int32Array(size);
      this.keys = new Float64Array(size);
      if (L.s !== L.start) this.startOrder = new Int32Array(size);
    }
    this.sortBy(L.s, o, n, this.order);
    if (!buckets) return;
    if (this.bucket.length < n) {
      this.bucket = new Int32Array(n * 2);
      this.bs = new Float64Array(n * 2);
      this.be = new Float64Array(n * 2);
    }
    for (const k of this.present) this.to[k] = 0;
    this.present.length = 0;
    for (let i = 0; i < n; i++) {
      const k = L.code[o + i];
      if (this.to[k] === 0) this.present.push(k);
      this.to[k]++;
    }
    let at = 0;
    for (const k of this.present) {
      this.from[k] = at;
      at += this.to[k];
      this.to[k] = this.from[k];
    }
    for (let i = 0; i < n; i++) {
      const x = this.order[i];
      const q = this.to[L.code[x]]++;
      this.bucket[q] = x;
      this.bs[q] = L.s[x];
      this.be[q] = L.e[x];
    }
  }

  /** The loaded document's codings sorted by their real start (`order` itself unless in turn mode). */
  byStart(): Int32Array {
    if (this.L.s === this.L.start) return this.order;
    this.sortBy(this.L.start, this.o, this.n, this.startOrder);
    return this.startOrder;
  }

  /** Indices o .. o+n−1 sorted by `key` (ties by index) into `out`. */
  private sortBy(key: Float64Array, o: number, n: number, out: Int32Array): void {
    // Sort packed numeric keys (key · 2^k + local index): a native typed-array sort, much faster
    // than a comparator, and stable because the index breaks ties.
    const scale = 2 ** Math.ceil(Math.log2(n + 1));
    let max = 0;
    for (let i = 0; i < n; i++) if (key[o + i] > max) max = key[o + i];
    if (max * scale < Number.MAX_SAFE_INTEGER) {
      const keys = this.keys.subarray(0, n);
      for (let i = 0; i < n; i++) keys[i] = key[o + i] * scale + i;
      keys.sort();
      for (let i = 0; i < n; i++) out[i] = o + (keys[i] % scale);
    } else {
      const idx = Array.from({ length: n }, (_, i) => o + i).sort((x, y) => key[x] - key[y] || x - y);
      out.set(idx);
    }
  }
}

/**
 * Merge-sweep two groups of a {@link DocView} (positions a0..a1−1 and b0..b1−1, each sorted by `s`)
 * into connected components of A ∪ B, and pass each component holding both codes (as positions) to
 * `emit`. The matrix counts the same components without listing them (see {@link Tally}).
 */
function sweepPair(
  bs: Float64Array,
  be: Float64Array,
  a0: number,
  a1: number,
  b0: number,
  b1: number,
  slack: number,
  emit: (a: number[], b: number[]) => void,
): void {
  let i = a0;
  let j = b0;
  let reach = -Infinity;
  let ga: number[] = [];
  let gb: number[] = [];
  while (i < a1 || j < b1) {
    const fromA = j >= b1 || (i < a1 && bs[i] <= bs[j]);
    const x = fromA ? i++ : j++;
    // `reach + slack` is NaN only at the very start (−∞ + ∞), which correctly opens a group.
    if (!(bs[x] < reach + slack)) {
      if (ga.length > 0 && gb.length > 0) emit(ga, gb);
      ga = [];
      gb = [];
      reach = -Infinity;
    }
    if (fromA) ga.push(x);
    else gb.push(x);
    if (be[x] > reach) reach = be[x];
  }
  if (ga.length > 0 && gb.length > 0) emit(ga, gb);
}

/** Int32 fields of a {@link PairSet} entry, for the pair (lo, hi) of matrix indices lo < hi. */
const P_EDGES = 0; // connections between a lo-run and a hi-run
const P_RUNS_LO = 1; // distinct lo-runs with a connection
const P_RUNS_HI = 2;
const P_PART_LO = 3; // lo-codings in those runs
const P_PART_HI = 4;
const P_LAST_LO = 5; // the last lo-run counted (edges of one run arrive together, see Tally.connect)
const P_LAST_HI = 6;
const P_FIELDS = 8;

/**
 * One document's co-occurring code pairs: an open-addressing map from key (lo·K + hi) to an entry
 * index, with each entry's counters in `rec` (P_FIELDS Int32s) and characters shared in `shared`.
 * Small enough to stay in the CPU cache, and cleared in time proportional to its content.
 */
class PairSet {
  keys = new Int32Array(1024);
  rec = new Int32Array(1024 * P_FIELDS);
  shared = new Float64Array(1024);
  size = 0;
  /** Table slot of each entry, so clearing touches only used slots. */
  private where = new Int32Array(1024);
  private tableKey = new Int32Array(4096).fill(-1);
  private tableEntry = new Int32Array(4096);
  private bits = 12;

  /** The entry of `key`, made (with zero counters) if new. */
  entry(key: number): number {
    const mask = this.tableKey.length - 1;
    let h = Math.imul(key, 0x9e3779b1) >>> (32 - this.bits);
    for (;;) {
      const k = this.tableKey[h];
      if (k === key) return this.tableEntry[h];
      if (k === -1) break;
      h = (h + 1) & mask;
    }
    if (this.size === this.keys.length) this.grow();
    const e = this.size++;
    this.tableKey[h] = key;
    this.tableEntry[h] = e;
    this.keys[e] = key;
    this.where[e] = h;
    // Field by field: a call to fill() per new pair costs more than these stores.
    const rec = this.rec;
    const r = e * P_FIELDS;
    rec[r + P_EDGES] = 0;
    rec[r + P_RUNS_LO] = 0;
    rec[r + P_RUNS_HI] = 0;
    rec[r + P_PART_LO] = 0;
    rec[r + P_PART_HI] = 0;
    rec[r + P_LAST_LO] = -1;
    rec[r + P_LAST_HI] = -1;
    this.shared[e] = 0;
    if (this.size * 2 > this.tableKey.length) this.rehash();
    return e;
  }

  clear(): void {
    for (let i = 0; i < this.size; i++) this.tableKey[this.where[i]] = -1;
    this.size = 0;
  }

  private grow(): void {
    const n = this.keys.length * 2;
    const keys = new Int32Array(n);
    keys.set(this.keys);
    this.keys = keys;
    const where = new Int32Array(n);
    where.set(this.where);
    this.where = where;
    const rec = new Int32Array(n * P_FIELDS);
    rec.set(this.rec);
    this.rec = rec;
    const shared = new Float64Array(n);
    shared.set(this.shared);
    this.shared = shared;
  }

  private rehash(): void {
    this.bits++;
    this.tableKey = new Int32Array(1 << this.bits).fill(-1);
    this.tableEntry = new Int32Array(1 << this.bits);
    const mask = this.tableKey.length - 1;
    for (let i = 0; i < this.size; i++) {
      let h = Math.imul(this.keys[i], 0x9e3779b1) >>> (32 - this.bits);
      while (this.tableKey[h] !== -1) h = (h + 1) & mask;
      this.tableKey[h] = this.keys[i];
      this.tableEntry[h] = i;
      this.where[i] = h;
    }
  }
}

/** Fields of a pair record: A = the pair's lower matrix index, B = the higher. */
const F_N = 0;
const F_PART_LO = 1; // A-codings taking part in a co-occurrence with B
const F_PART_HI = 2; // B-codings taking part in a co-occurrence with A
const F_DOCS = 3;
const F_PEOPLE = 4;
const F_LAST_PERSON = 5;
const PAIR_FIELDS = 8; // Int32 slots per record: 32 bytes
const F_SHARED_F64 = 3; // characters coded by both: the record's last 8 bytes, as a Float64

/** Document slots ordered by participant, so one participant's documents are consecutive (for distinct counts). */
function participantOrder(L: Layout, docs: Map<number, CoDocument>): { slot: number; p: number }[] {
  const pIndex = new Map<string, number>();
  const out = L.docIds.map((id, slot) => {
    const name = docs.get(id)!.participant;
    let p = -1;
    if (name !== null && name !== undefined) {
      p = pIndex.get(name) ?? pIndex.size;
      pIndex.set(name, p);
    }
    return { slot, p };
  });
  return out.sort((x, y) => x.p - y.p || L.docIds[x.slot] - L.docIds[y.slot]);
}

/**
 * Pair results are queued per block of 2^BLOCK_SHIFT records (128 KB, well within a CPU's L2 cache)
 * before they are added: with hundreds of codes the records are larger than the cache, and adding a
 * document's results directly would miss it once per pair.
 */
const BLOCK_SHIFT = 12;
/** Queued entries over all blocks at most (32 bytes each: 16 MB). */
const QUEUE_BUDGET = 1 << 19;
/** Fields of a queued entry (Int32s). */
const Q_T = 0; // the pair's record (triangle index)
const Q_N = 1;
const Q_PART_LO = 2;
const Q_PART_HI = 3;
const Q_PERSON = 4;
const Q_FIELDS = 8;
const Q_SHARED_F64 = 3; // the entry's last 8 bytes, as a Float64

/** `a` if it holds n items, else a new, larger array of the same type (contents not kept). */
function grown<T extends Int32Array | Float64Array>(a: T, n: number): T {
  if (a.length >= n) return a;
  return new (a.constructor as new (n: number) => T)(Math.max(n, a.length * 2));
}

/**
 * The matrix's counters and the per-document work that fills them.
 *
 * Per document and code, codings are merged into "runs": maximal chains of the code's codings, each
 * connected to the previous ones (taken in order of `s`). A run's codings are all connected to one
 * another, and two runs of one code are never directly connected. Two codings are connected exactly
 * when [s, e + slack) ranges overlap, and a run's range is the union of its codings' ranges, so runs
 * of different codes are connected exactly when some of their codings are. Hence the groups of (A, B)
 * are the connected components of the graph of A-runs and B-runs with an edge per connected pair,
 * and that graph is a forest: a cycle would need two B-runs spanning the same gap between two A-runs,
 * but B-runs do not overlap. So n(A,B) = (A-runs with an edge) + (B-runs with an edge) − edges, found
 * by one sweep over the runs, touching only pairs of codes that actually meet.
 *
 * Each step is its own small method so that the JIT optimises it as a whole.
 */
class Tally {
  // One 32-byte record per unordered pair a < b, stored as a triangle at rowBase[a] + b, so that a
  // pair's counters share a cache line: with hundreds of codes the matrix is larger than the CPU
  // cache. `pairs` views the record as Int32s, `pairShared` views its last 8 bytes as a Float64.
  readonly rowBase: Int32Array;
  readonly pairs: Int32Array;
  readonly pairShared: Float64Array;
  readonly codeN: Int32Array;
  readonly codeChars: Float64Array;
  readonly codeDocs: Int32Array;
  readonly codePeople: Int32Array;
  private readonly codeLastPerson: Int32Array;
  private readonly view: DocView;
  /** Codes present in the current document; `openRun[k]` is code k's latest run in it. */
  private present: number[] = [];
  private readonly seenIn: Int32Array;
  private readonly openRun: Int32Array;
  private readonly codeCount: Int32Array;
  private doc = 0;
  // Runs of the current document in order of start: range, code, number of codings.
  private runStart = new Float64Array(1024);
  private runEnd = new Float64Array(1024);
  private runCode = new Int32Array(1024);
  private runCount = new Int32Array(1024);
  private runs = 0;
  private active = new Int32Array(1024);
  private readonly set = new PairSet();
  // Results waiting to be added to the records, one queue per block of 2^BLOCK_SHIFT records: each
  // entry is Q_FIELDS Int32s, whose last two hold the shared characters as a Float64.
  private readonly queueInt: Int32Array[] = [];
  private readonly queueShared: Float64Array[] = [];
  private readonly queued: Int32Array;
  private readonly queueSize: number;
  /** Whether runs (by s, e + slack) also measure shared characters: only in overlap mode. */
  private readonly sameRuns: boolean;

  constructor(
    private readonly L: Layout,
    private readonly K: number,
    private readonly slack: number,
  ) {
    this.rowBase = new Int32Array(K);
    for (let a = 0; a < K; a++) this.rowBase[a] = a * K - (a * (a + 1)) / 2 - a - 1;
    const buffer = new ArrayBuffer(((K * (K - 1)) / 2) * PAIR_FIELDS * 4);
    this.pairs = new Int32Array(buffer);
    this.pairShared = new Float64Array(buffer);
    for (let r = F_LAST_PERSON; r < this.pairs.length; r += PAIR_FIELDS) this.pairs[r] = -1;
    this.codeN = new Int32Array(K);
    this.codeChars = new Float64Array(K);
    this.codeDocs = new Int32Array(K);
    this.codePeople = new Int32Array(K);
    this.codeLastPerson = new Int32Array(K).fill(-1);
    this.seenIn = new Int32Array(K).fill(-1);
    this.openRun = new Int32Array(K);
    this.codeCount = new Int32Array(K);
    this.view = new DocView(L, K);
    this.sameRuns = slack === 0 && L.s === L.start;
    const blocks = (((K * (K - 1)) / 2) >> BLOCK_SHIFT) + 1;
    this.queueSize = Math.max(1 << 10, Math.min(1 << 14, Math.floor(QUEUE_BUDGET / blocks)));
    this.queued = new Int32Array(blocks);
    for (let b = 0; b < blocks; b++) {
      const buffer = new ArrayBuffer(this.queueSize * Q_FIELDS * 4);
      this.queueInt.push(new Int32Array(buffer));
      this.queueShared.push(new Float64Array(buffer));
    }
  }

  /** Count one document (layout slot) whose participant has index p (−1 for none). */
  addDocument(slot: number, p: number): void {
    const n = this.L.offset[slot + 1] - this.L.offset[slot];
    this.view.load(slot, false);
    this.runStart = grown(this.runStart, n);
    this.runEnd = grown(this.runEnd, n);
    this.runCode = grown(this.runCode, n);
    this.runCount = grown(this.runCount, n);
    this.active = grown(this.active, n);
    this.set.clear();
    this.doc++;
    this.present.length = 0;
    this.buildRuns(this.view.order, n, this.L.s, this.L.e, this.slack, true);
    this.connect(this.slack, true);
    // Shared characters need the real ranges merged where they overlap: other runs, unless the
    // connection runs are exactly those (overlap mode). Overlapping runs are always connected.
    if (!this.sameRuns) {
      this.buildRuns(this.view.byStart(), n, this.L.start, this.L.end, 0, false);
      this.connect(0, false);
    }
    this.codeTotals(p);
    this.queue(p);
  }

  /**
   * Merge the document's codings (given in order of `S`) into runs: a coding joins its code's latest
   * run when S < that run's end + slack. Counts codings per code when `count` is set.
   */
  private buildRuns(order: Int32Array, n: number, S: Float64Array, E: Float64Array, slack: number, count: boolean): void {
    const { runStart, runEnd, runCode, runCount, openRun, seenIn, codeCount, present, doc } = this;
    const code = this.L.code;
    let runs = 0;
    const stamp = count ? doc : -doc - 1;
    for (let i = 0; i < n; i++) {
      const x = order[i];
      const k = code[x];
      const s = S[x];
      const e = E[x];
      if (seenIn[k] !== stamp) {
        seenIn[k] = stamp;
        if (count) {
          present.push(k);
          codeCount[k] = 0;
        }
      } else {
        const r = openRun[k];
        if (s < runEnd[r] + slack) {
          if (e > runEnd[r]) runEnd[r] = e;
          runCount[r]++;
          if (count) codeCount[k]++;
          continue;
        }
      }
      runStart[runs] = s;
      runEnd[runs] = e;
      runCode[runs] = k;
      runCount[runs] = 1;
      openRun[k] = runs++;
      if (count) codeCount[k]++;
    }
    this.runs = runs;
  }

  /**
   * Sweep the runs by start, keeping those still within reach, and record each connection of runs of
   * two codes. With `groups`, count edges and distinct runs per pair (and, in overlap mode, shared
   * characters); otherwise only add the characters two overlapping runs share.
   */
  private connect(slack: number, groups: boolean): void {
    const { runStart, runEnd, runCode, runCount, active, set, K, sameRuns } = this;
    const runs = this.runs;
    let live = 0;
    for (let x = 0; x < runs; x++) {
      const xs = runStart[x];
      const xe = runEnd[x];
      const xc = runCode[x];
      let keep = 0;
      for (let q = 0; q < live; q++) {
        const y = active[q];
        const ye = runEnd[y];
        if (!(xs < ye + slack)) continue;
        active[keep++] = y;
        const yc = runCode[y];
        if (yc === xc) continue;
        const lo = yc < xc ? y : x;
        const hi = yc < xc ? x : y;
        const e = set.entry(runCode[lo] * K + runCode[hi]);
        if (groups) {
          const r = e * P_FIELDS;
          const rec = set.rec;
          rec[r + P_EDGES]++;
          if (rec[r + P_LAST_LO] !== lo) {
            rec[r + P_LAST_LO] = lo;
            rec[r + P_RUNS_LO]++;
            rec[r + P_PART_LO] += runCount[lo];
          }
          if (rec[r + P_LAST_HI] !== hi) {
            rec[r + P_LAST_HI] = hi;
            rec[r + P_RUNS_HI]++;
            rec[r + P_PART_HI] += runCount[hi];
          }
          if (!sameRuns) continue;
        }
        // y started no later than x, and they overlap: they share [xs, min(xe, ye)).
        set.shared[e] += (xe < ye ? xe : ye) - xs;
      }
      active[keep] = x;
      live = keep + 1;
    }
  }

  /** n(A), characters, documents and participants of each code present. */
  private codeTotals(p: number): void {
    const { present, codeCount, codeN, codeDocs, codePeople, codeLastPerson, codeChars, runStart, runEnd, runCode } = this;
    for (const k of present) {
      codeN[k] += codeCount[k];
      codeDocs[k]++;
      if (p >= 0 && codeLastPerson[k] !== p) {
        codePeople[k]++;
        codeLastPerson[k] = p;
      }
    }
    // The runs built last merge overlapping real ranges, so their lengths add up to characters coded.
    for (let r = 0; r < this.runs; r++) codeChars[runCode[r]] += runEnd[r] - runStart[r];
  }

  /** Queue the document's pairs for their block of records, applying a block's queue when it is full. */
  private queue(p: number): void {
    const { rowBase, K, queueInt, queueShared, queued, queueSize } = this;
    const { keys, rec, shared, size } = this.set;
    for (let c = 0; c < size; c++) {
      const key = keys[c];
      const lo = (key / K) | 0;
      const t = rowBase[lo] + key - lo * K;
      const q = c * P_FIELDS;
      const b = t >> BLOCK_SHIFT;
      const at = queued[b]++;
      const I = queueInt[b];
      const w = at * Q_FIELDS;
      I[w + Q_T] = t;
      I[w + Q_N] = rec[q + P_RUNS_LO] + rec[q + P_RUNS_HI] - rec[q + P_EDGES];
      I[w + Q_PART_LO] = rec[q + P_PART_LO];
      I[w + Q_PART_HI] = rec[q + P_PART_HI];
      I[w + Q_PERSON] = p;
      queueShared[b][at * (Q_FIELDS / 2) + Q_SHARED_F64] = shared[c];
      if (at + 1 === queueSize) this.applyBlock(b);
    }
  }

  /** Apply every queued result; call once after the last document. */
  flush(): void {
    for (let b = 0; b < this.queued.length; b++) if (this.queued[b] > 0) this.applyBlock(b);
  }

  /**
   * Add block b's queued results to its records, in queue order (so participants stay in order per
   * record). A block's records fit in the CPU's cache, so each is fetched from memory once per flush of
   * the block rather than once per update.
   */
  private applyBlock(b: number): void {
    const { pairs, pairShared } = this;
    const I = this.queueInt[b];
    const F = this.queueShared[b];
    const n = this.queued[b];
    for (let j = 0; j < n; j++) {
      const w = j * Q_FIELDS;
      const t = I[w + Q_T];
      const r = t * PAIR_FIELDS;
      pairs[r + F_N] += I[w + Q_N];
      pairs[r + F_PART_LO] += I[w + Q_PART_LO];
      pairs[r + F_PART_HI] += I[w + Q_PART_HI];
      pairs[r + F_DOCS]++;
      pairShared[t * 4 + F_SHARED_F64] += F[j * (Q_FIELDS / 2) + Q_SHARED_F64];
      const p = I[w + Q_PERSON];
      // Branch-free "a participant other than the last one counts once more"; p < 0 (none) counts nothing.
      const d = pairs[r + F_LAST_PERSON] ^ p;
      pairs[r + F_PEOPLE] += ((d | -d) >>> 31) & ~(p >> 31);
      if (p >= 0) pairs[r + F_LAST_PERSON] = p;
    }
    this.queued[b] = 0;
  }
}

/**
 * The co-occurrence matrix of `codeIds` over the codings of one layer (objects or columns).
 *
 * Groups for the pair (A, B) are the connected components of A's and B's codings alone (a C-coding
 * never links them), so they are computed per pair; per document only pairs with at least one direct
 * A–B connection are swept, found by one sweep over all codings of the document.
 *
 * Why c stays within [0, 1]: groups of one pair are disjoint and each co-occurrence holds at least one
 * A-coding and one B-coding, so n(A,B) ≤ min(n(A), n(B)); hence n(A) + n(B) − n(A,B) ≥ max(n(A), n(B))
 * ≥ n(A,B) > 0 for every reported cell.
 *
 * Memory is about 16 bytes × codeIds.length² (500 codes: 4 MB), up to 16 MB of queued pair results,
 * and about 50 bytes per coding (plus 40 when the codings are given as objects rather than columns).
 */
export function cooccurrence(
  codings: CoCodings,
  documents: readonly CoDocument[],
  codeIds: readonly number[],
  mode: CooccurrenceMode,
  /** Told after each document: `done` of `total` documents counted (for a host's progress). */
  onDocument?: (done: number, total: number) => void,
): CooccurrenceResult {
  const slack = slackOf(mode);
  const K = codeIds.length;
  const codeIndex = new Map<number, number>();
  codeIds.forEach((id, k) => {
    if (codeIndex.has(id)) throw new AccordError('INVALID_INPUT', `code ${id} is listed twice for the co-occurrence matrix`);
    codeIndex.set(id, k);
  });
  const docs = indexDocuments(documents);
  const L = layout(toColumns(codings), docs, codeIndex, mode);
  const tally = new Tally(L, K, slack);
  const order = participantOrder(L, docs);
  order.forEach(({ slot, p }, i) => {
    tally.addDocument(slot, p);
    onDocument?.(i + 1, order.length);
  });
  tally.flush();
  const { rowBase, pairs, pairShared, codeN, codeChars, codeDocs, codePeople } = tally;

  // In same-document mode every number counts documents: n(A) is the documents holding A, n(A,B)
  // those holding both, so c, Jaccard and P(B|A) are ratios of documents (c and Jaccard coincide).
  // Mixing a count of documents with counts of codings would make c depend on how finely A was coded.
  const byDocument = mode.kind === 'document';
  const cells: CooccurrenceCell[] = [];
  for (let a = 0; a < K; a++) {
    for (let b = 0; b < K; b++) {
      if (a === b) {
        if (codeN[a] === 0) continue;
        cells.push({
          a: codeIds[a],
          b: codeIds[a],
          n: byDocument ? codeDocs[a] : codeN[a],
          c: 1,
          jaccard: 1,
          pBGivenA: 1,
          documents: codeDocs[a],
          participants: codePeople[a],
        });
        continue;
      }
      const t = a < b ? rowBase[a] + b : rowBase[b] + a;
      const r = t * PAIR_FIELDS;
      const n = pairs[r + F_N];
      if (n === 0) continue;
      if (byDocument) {
        const docs = pairs[r + F_DOCS];
        const ratio = docs / (codeDocs[a] + codeDocs[b] - docs);
        cells.push({
          a: codeIds[a],
          b: codeIds[b],
          n: docs,
          c: ratio,
          jaccard: ratio,
          pBGivenA: docs / codeDocs[a],
          documents: docs,
          participants: pairs[r + F_PEOPLE],
        });
        continue;
      }
      const shared = pairShared[t * 4 + F_SHARED_F64];
      const either = codeChars[a] + codeChars[b] - shared;
      cells.push({
        a: codeIds[a],
        b: codeIds[b],
        n,
        c: n / (codeN[a] + codeN[b] - n),
        jaccard: either > 0 ? shared / either : 0,
        pBGivenA: pairs[r + (a < b ? F_PART_LO : F_PART_HI)] / codeN[a],
        documents: pairs[r + F_DOCS],
        participants: pairs[r + F_PEOPLE],
      });
    }
  }
  const totals: CodeTotal[] = codeIds.map((codeId, k) => ({
    codeId,
    n: byDocument ? codeDocs[k] : codeN[k],
    codings: codeN[k],
    characters: codeChars[k],
    documents: codeDocs[k],
    participants: codePeople[k],
  }));
  return { mode, codes: [...codeIds], totals, cells };
}

/**
 * The evidence behind one cell: every co-occurrence group of codes a and b, ordered by document and
 * position, with the ids of the codings in it (so the UI can show the quotes). On the diagonal
 * (a = b) each coding of a is its own group.
 */
export function cooccurrenceEvidence(
  codings: CoCodings,
  documents: readonly CoDocument[],
  a: number,
  b: number,
  mode: CooccurrenceMode,
): CooccurrenceGroup[] {
  const slack = slackOf(mode);
  const docs = indexDocuments(documents);
  const codeIndex = new Map<number, number>([[a, 0]]);
  if (b !== a) codeIndex.set(b, 1);
  const C = toColumns(codings);
  const L = layout(C, docs, codeIndex, mode);
  const idOf = (x: number): number => C.id[L.src[x]];
  const view = new DocView(L, 2);
  const groups: CooccurrenceGroup[] = [];
  const slots = L.docIds.map((_, slot) => slot).sort((x, y) => L.docIds[x] - L.docIds[y]);
  for (const slot of slots) {
    const documentId = L.docIds[slot];
    if (a === b) {
      const own = [];
      for (let k = L.offset[slot]; k < L.offset[slot + 1]; k++) own.push(k);
      own.sort((x, y) => L.start[x] - L.start[y] || L.end[x] - L.end[y]);
      for (const x of own) groups.push({ documentId, start: L.start[x], end: L.end[x], aCodingIds: [idOf(x)], bCodingIds: [idOf(x)] });
      continue;
    }
    view.load(slot, true);
    const { bucket } = view;
    sweepPair(view.bs, view.be, view.from[0], view.to[0], view.from[1], view.to[1], slack, (ga, gb) => {
      let start = Infinity;
      let end = -Infinity;
      for (const q of ga.concat(gb)) {
        const x = bucket[q];
        if (L.start[x] < start) start = L.start[x];
        if (L.end[x] > end) end = L.end[x];
      }
      groups.push({ documentId, start, end, aCodingIds: ga.map((q) => idOf(bucket[q])), bCodingIds: gb.map((q) => idOf(bucket[q])) });
    });
  }
  return groups;
}

/** Ancestors of each code, nearest first, memoised; a cycle is an INVALID_INPUT error. */
function ancestorChains(parentOf: ReadonlyMap<number, number | null>): (codeId: number) => number[] {
  const ancestors = new Map<number, number[]>();
  return (codeId: number): number[] => {
    const known = ancestors.get(codeId);
    if (known) return known;
    const out: number[] = [];
    const seen = new Set<number>([codeId]);
    let p = parentOf.get(codeId) ?? null;
    while (p !== null) {
      if (seen.has(p)) throw new AccordError('INVALID_INPUT', `the code tree has a cycle through code ${p}`);
      seen.add(p);
      out.push(p);
      p = parentOf.get(p) ?? null;
    }
    ancestors.set(codeId, out);
    return out;
  };
}

/**
 * Roll codings up the code tree: returns the codings plus, for each ancestor of a coding's code, a copy
 * under that ancestor (same id, so evidence still points at the real coding). A parent then counts
 * every coding of its subtree, i.e. it stands for the union of its children. `parentOf` gives a code's
 * parent id or null; a cycle is an INVALID_INPUT error.
 */
export function rollUpToAncestors(
  codings: readonly CoCoding[],
  parentOf: ReadonlyMap<number, number | null>,
): CoCoding[] {
  const chain = ancestorChains(parentOf);
  const out: CoCoding[] = [];
  for (const c of codings) {
    out.push(c);
    for (const anc of chain(c.codeId)) out.push({ ...c, codeId: anc });
  }
  return out;
}

/** {@link rollUpToAncestors} for columns: the same codings in the same order, as typed arrays. */
export function rollUpColumns(codings: CoCodingColumns, parentOf: ReadonlyMap<number, number | null>): CoCodingColumns {
  const chain = ancestorChains(parentOf);
  const n = codings.length;
  let total = n;
  for (let i = 0; i < n; i++) total += chain(codings.codeId[i]).length;
  const out = {
    length: total,
    id: new Float64Array(total),
    documentId: new Float64Array(total),
    codeId: new Float64Array(total),
    start: new Float64Array(total),
    end: new Float64Array(total),
  };
  let k = 0;
  for (let i = 0; i < n; i++) {
    const codeId = codings.codeId[i];
    const ancestors = chain(codeId);
    for (let j = -1; j < ancestors.length; j++) {
      out.id[k] = codings.id[i];
      out.documentId[k] = codings.documentId[i];
      out.codeId[k] = j < 0 ? codeId : ancestors[j];
      out.start[k] = codings.start[i];
      out.end[k++] = codings.end[i];
    }
  }
  return out;
}
