// Co-occurrence (intersection reports) of codes within one coding layer: counts, ATLAS.ti's
// c-coefficient, character Jaccard, conditional shares, who it occurs for, and the evidence
// (groups of codings) behind every number so the UI can show the quotes.
import type { Span } from '../model/types';
import { AccordError } from '../api/errors';
import { union } from '../spans/spans';

/** One coding of the chosen layer. Offsets are UTF-16 code units, half-open [start, end). */
export interface CoCoding {
  id: number;
  documentId: number;
  codeId: number;
  start: number;
  end: number;
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
  /** n(A,B): number of co-occurrence groups; n(A) on the diagonal. */
  n: number;
  /** c = n(A,B) / (n(A) + n(B) − n(A,B)), always within [0, 1]. */
  c: number;
  /** Characters coded by both A and B / characters coded by either. */
  jaccard: number;
  /** P(B|A): share of A's codings that take part in a co-occurrence with B. */
  pBGivenA: number;
  /** Documents in which A and B co-occur. */
  documents: number;
  /** Distinct participants (of documents that name one) in which A and B co-occur. */
  participants: number;
}

/** Per-code totals: n(A), characters coded, and where the code occurs. */
export interface CodeTotal {
  codeId: number;
  n: number;
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
  document: 'Same document: each document that holds both codes is one co-occurrence.',
  n: 'n(A,B) counts co-occurrences (groups); on the diagonal, n(A) counts the codings of A.',
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
 * turns in turn mode), `start`/`end` are the real range.
 */
interface Layout {
  docIds: number[];
  offset: Int32Array;
  code: Int32Array;
  id: Float64Array;
  start: Float64Array;
  end: Float64Array;
  s: Float64Array;
  e: Float64Array;
}

/** Validate the codings of the codes in `codeIndex` and lay them out by document (first-seen order). */
function layout(
  codings: readonly CoCoding[],
  docs: Map<number, CoDocument>,
  codeIndex: Map<number, number>,
  mode: CooccurrenceMode,
): Layout {
  const slotOf = new Map<number, number>();
  const docIds: number[] = [];
  const counts: number[] = [];
  const slots = new Int32Array(codings.length).fill(-1);
  let lastDoc = NaN;
  let lastSlot = -1;
  let length = 0;
  for (let i = 0; i < codings.length; i++) {
    const c = codings[i];
    if (!codeIndex.has(c.codeId)) continue;
    if (c.documentId !== lastDoc) {
      const doc = docs.get(c.documentId);
      if (!doc) throw new AccordError('INVALID_INPUT', `coding ${c.id} refers to document ${c.documentId}, which is not in the list of documents`);
      let slot = slotOf.get(c.documentId);
      if (slot === undefined) {
        slot = docIds.length;
        slotOf.set(c.documentId, slot);
        docIds.push(c.documentId);
        counts.push(0);
      }
      lastDoc = c.documentId;
      lastSlot = slot;
      length = doc.length;
    }
    if (!Number.isInteger(c.start) || !Number.isInteger(c.end) || c.start < 0 || c.end <= c.start || c.end > length) {
      throw new AccordError('INVALID_INPUT', `coding ${c.id} has range [${c.start}, ${c.end}), which is empty or outside document ${c.documentId} (length ${length})`);
    }
    slots[i] = lastSlot;
    counts[lastSlot]++;
  }
  const offset = new Int32Array(docIds.length + 1);
  for (let d = 0; d < docIds.length; d++) offset[d + 1] = offset[d] + counts[d];
  const total = offset[docIds.length];
  const L: Layout = {
    docIds,
    offset,
    code: new Int32Array(total),
    id: new Float64Array(total),
    start: new Float64Array(total),
    end: new Float64Array(total),
    s: new Float64Array(total),
    e: new Float64Array(total),
  };
  const fill = offset.slice(0, docIds.length);
  for (let i = 0; i < codings.length; i++) {
    if (slots[i] < 0) continue;
    const c = codings[i];
    const k = fill[slots[i]]++;
    L.code[k] = codeIndex.get(c.codeId)!;
    L.id[k] = c.id;
    L.start[k] = L.s[k] = c.start;
    L.end[k] = L.e[k] = c.end;
  }
  if (mode.kind === 'turn') {
    for (let d = 0; d < docIds.length; d++) {
      const turns = normaliseTurns(docs.get(docIds[d])!.turns);
      if (turns.length === 0) continue;
      for (let k = offset[d]; k < offset[d + 1]; k++) [L.s[k], L.e[k]] = widenToTurns(turns, L.start[k], L.end[k]);
    }
  }
  return L;
}

/**
 * Per-document working view, reused across documents: `bucket` lists the document's codings grouped
 * by code, each group sorted by `s` (ties in input order); code k's group is bucket[from[k] .. to[k]).
 * `order` lists all of them sorted by `s`. `present` lists the codes that occur.
 */
class DocView {
  order = new Int32Array(0);
  bucket = new Int32Array(0);
  from: Int32Array;
  to: Int32Array;
  present: number[] = [];
  private keys = new Float64Array(0);

  constructor(
    private readonly L: Layout,
    codes: number,
  ) {
    this.from = new Int32Array(codes);
    this.to = new Int32Array(codes);
  }

  load(slot: number): void {
    const { L } = this;
    const o = L.offset[slot];
    const n = L.offset[slot + 1] - o;
    if (this.order.length < n) {
      this.order = new Int32Array(n * 2);
      this.bucket = new Int32Array(n * 2);
      this.keys = new Float64Array(n * 2);
    }
    // Sort by packed numeric keys (s · 2^k + local index): a native typed-array sort, much faster
    // than a comparator, and stable because the index breaks ties.
    const scale = 2 ** Math.ceil(Math.log2(n + 1));
    let maxS = 0;
    for (let i = 0; i < n; i++) if (L.s[o + i] > maxS) maxS = L.s[o + i];
    if (maxS * scale < Number.MAX_SAFE_INTEGER) {
      const keys = this.keys.subarray(0, n);
      for (let i = 0; i < n; i++) keys[i] = L.s[o + i] * scale + i;
      keys.sort();
      for (let i = 0; i < n; i++) this.order[i] = o + (keys[i] % scale);
    } else {
      const idx = Array.from({ length: n }, (_, i) => o + i).sort((x, y) => L.s[x] - L.s[y] || x - y);
      this.order.set(idx);
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
      this.bucket[this.to[L.code[x]]++] = x;
    }
  }
}

/** Scratch results of {@link sweepPair}, kept module-level so the hot loop allocates nothing. */
let sweptN = 0;
let sweptA = 0;
let sweptB = 0;

/**
 * Merge-sweep two groups of `bucket` (each sorted by `s`) into connected components of A ∪ B; count
 * the components that hold both (sweptN) and the A- and B-codings inside them (sweptA, sweptB).
 * `emit` receives each such component (indices into the layout) when evidence is wanted.
 */
function sweepPair(
  L: Layout,
  bucket: Int32Array,
  a0: number,
  a1: number,
  b0: number,
  b1: number,
  slack: number,
  emit?: (a: number[], b: number[]) => void,
): void {
  const S = L.s;
  const E = L.e;
  let i = a0;
  let j = b0;
  let reach = -Infinity;
  let ca = 0;
  let cb = 0;
  let n = 0;
  let pa = 0;
  let pb = 0;
  let ga: number[] = [];
  let gb: number[] = [];
  while (i < a1 || j < b1) {
    const fromA = j >= b1 || (i < a1 && S[bucket[i]] <= S[bucket[j]]);
    const x = fromA ? bucket[i++] : bucket[j++];
    // `reach + slack` is NaN only at the very start (−∞ + ∞), which correctly opens a group.
    if (!(S[x] < reach + slack)) {
      if (ca > 0 && cb > 0) {
        n++;
        pa += ca;
        pb += cb;
        if (emit) emit(ga, gb);
      }
      ca = 0;
      cb = 0;
      reach = -Infinity;
      if (emit) {
        ga = [];
        gb = [];
      }
    }
    if (fromA) {
      ca++;
      if (emit) ga.push(x);
    } else {
      cb++;
      if (emit) gb.push(x);
    }
    if (E[x] > reach) reach = E[x];
  }
  if (ca > 0 && cb > 0) {
    n++;
    pa += ca;
    pb += cb;
    if (emit) emit(ga, gb);
  }
  sweptN = n;
  sweptA = pa;
  sweptB = pb;
}

/**
 * A set of non-negative integer keys (open addressing), small enough to stay in the CPU cache and
 * cleared in time proportional to its content; `keys` lists the members in insertion order.
 */
class KeySet {
  keys = new Int32Array(1024);
  size = 0;
  /** Table slot of each member, so clearing touches only used slots. */
  private slots = new Int32Array(1024);
  private table = new Int32Array(4096).fill(-1);
  private bits = 12;

  add(key: number): void {
    const mask = this.table.length - 1;
    let h = Math.imul(key, 0x9e3779b1) >>> (32 - this.bits);
    for (;;) {
      const k = this.table[h];
      if (k === key) return;
      if (k === -1) break;
      h = (h + 1) & mask;
    }
    this.table[h] = key;
    if (this.size === this.keys.length) {
      const keys = new Int32Array(this.size * 2);
      keys.set(this.keys);
      this.keys = keys;
      const slots = new Int32Array(this.size * 2);
      slots.set(this.slots);
      this.slots = slots;
    }
    this.keys[this.size] = key;
    this.slots[this.size++] = h;
    if (this.size * 2 > this.table.length) this.rehash();
  }

  clear(): void {
    for (let i = 0; i < this.size; i++) this.table[this.slots[i]] = -1;
    this.size = 0;
  }

  private rehash(): void {
    this.bits++;
    this.table = new Int32Array(1 << this.bits).fill(-1);
    const mask = this.table.length - 1;
    for (let i = 0; i < this.size; i++) {
      let h = Math.imul(this.keys[i], 0x9e3779b1) >>> (32 - this.bits);
      while (this.table[h] !== -1) h = (h + 1) & mask;
      this.table[h] = this.keys[i];
      this.slots[i] = h;
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
 * The co-occurrence matrix of `codeIds` over the codings of one layer.
 *
 * Groups for the pair (A, B) are the connected components of A's and B's codings alone (a C-coding
 * never links them), so they are computed per pair; per document only pairs with at least one direct
 * A–B connection are swept, found by one sweep over all codings of the document.
 *
 * Why c stays within [0, 1]: groups of one pair are disjoint and each co-occurrence holds at least one
 * A-coding and one B-coding, so n(A,B) ≤ min(n(A), n(B)); hence n(A) + n(B) − n(A,B) ≥ max(n(A), n(B))
 * ≥ n(A,B) > 0 for every reported cell.
 *
 * Memory is about 20 bytes × codeIds.length² (500 codes: 5 MB) plus 50 bytes per coding.
 */
export function cooccurrence(
  codings: readonly CoCoding[],
  documents: readonly CoDocument[],
  codeIds: readonly number[],
  mode: CooccurrenceMode,
): CooccurrenceResult {
  const slack = slackOf(mode);
  const K = codeIds.length;
  const codeIndex = new Map<number, number>();
  codeIds.forEach((id, k) => {
    if (codeIndex.has(id)) throw new AccordError('INVALID_INPUT', `code ${id} is listed twice for the co-occurrence matrix`);
    codeIndex.set(id, k);
  });
  const docs = indexDocuments(documents);
  const L = layout(codings, docs, codeIndex, mode);

  // One 32-byte record per unordered pair a < b, stored as a triangle at rowBase[a] + b, so that a
  // pair's counters share a cache line: with hundreds of codes the matrix is larger than the CPU
  // cache, and these random accesses dominate the run time. `pairs` views the record as Int32s,
  // `pairShared` views its last 8 bytes as a Float64.
  const rowBase = codeIds.map((_, a) => a * K - (a * (a + 1)) / 2 - a - 1);
  const pairCount = (K * (K - 1)) / 2;
  const buffer = new ArrayBuffer(pairCount * PAIR_FIELDS * 4);
  const pairs = new Int32Array(buffer);
  const pairShared = new Float64Array(buffer);
  for (let r = F_LAST_PERSON; r < pairs.length; r += PAIR_FIELDS) pairs[r] = -1;
  const codeN = new Int32Array(K);
  const codeChars = new Float64Array(K);
  const codeDocs = new Int32Array(K);
  const codePeople = new Int32Array(K);
  const codeLastPerson = new Int32Array(K).fill(-1);

  const view = new DocView(L, K);
  // Per-document union of each present code's ranges, as flat runs: code k's runs are
  // [runStart[i], runEnd[i]) for i in runFrom[k] .. runTo[k]−1.
  let runStart = new Float64Array(1024);
  let runEnd = new Float64Array(1024);
  const runFrom = new Int32Array(K);
  const runTo = new Int32Array(K);
  const candidates = new KeySet();
  let active = new Int32Array(1024);

  for (const { slot, p } of participantOrder(L, docs)) {
    view.load(slot);
    const { bucket, from, to, present, order } = view;
    const n = L.offset[slot + 1] - L.offset[slot];
    if (runStart.length < n) {
      runStart = new Float64Array(n * 2);
      runEnd = new Float64Array(n * 2);
      active = new Int32Array(n * 2);
    }
    let runs = 0;
    for (const k of present) {
      codeN[k] += to[k] - from[k];
      codeDocs[k]++;
      if (p >= 0 && codeLastPerson[k] !== p) {
        codePeople[k]++;
        codeLastPerson[k] = p;
      }
      // Union of the code's ranges. Groups are sorted by `s`, which is the start except in turn mode.
      let idx: ArrayLike<number> = bucket.subarray(from[k], to[k]);
      if (mode.kind === 'turn') idx = Array.from(idx).sort((x, y) => L.start[x] - L.start[y]);
      runFrom[k] = runs;
      for (let q = 0; q < idx.length; q++) {
        const x = idx[q];
        if (runs > runFrom[k] && L.start[x] <= runEnd[runs - 1]) {
          if (L.end[x] > runEnd[runs - 1]) runEnd[runs - 1] = L.end[x];
        } else {
          runStart[runs] = L.start[x];
          runEnd[runs++] = L.end[x];
        }
      }
      runTo[k] = runs;
      for (let r = runFrom[k]; r < runs; r++) codeChars[k] += runEnd[r] - runStart[r];
    }

    // Candidate pairs (as min*K+max): every pair present in document mode; otherwise pairs with at
    // least one direct connection, since a component holding both codes must contain such an edge.
    candidates.clear();
    if (slack === Infinity) {
      for (let x = 0; x < present.length; x++) {
        for (let y = x + 1; y < present.length; y++) {
          const a = present[x];
          const b = present[y];
          candidates.add(a < b ? a * K + b : b * K + a);
        }
      }
    } else {
      let live = 0;
      for (let i = 0; i < n; i++) {
        const x = order[i];
        const xs = L.s[x];
        const xc = L.code[x];
        let keep = 0;
        for (let q = 0; q < live; q++) {
          const y = active[q];
          if (!(xs < L.e[y] + slack)) continue;
          active[keep++] = y;
          const yc = L.code[y];
          if (yc !== xc) candidates.add(yc < xc ? yc * K + xc : xc * K + yc);
        }
        active[keep] = x;
        live = keep + 1;
      }
    }

    for (let c = 0; c < candidates.size; c++) {
      const key = candidates.keys[c];
      const a = (key / K) | 0;
      const b = key - a * K;
      if (to[a] - from[a] === 1 && to[b] - from[b] === 1) {
        // Common case: a candidate pair is directly connected, so two single codings form one group.
        sweptN = sweptA = sweptB = 1;
      } else {
        sweepPair(L, bucket, from[a], to[a], from[b], to[b], slack);
      }
      const t = rowBase[a] + b;
      const r = t * PAIR_FIELDS;
      pairs[r + F_N] += sweptN;
      pairs[r + F_PART_LO] += sweptA;
      pairs[r + F_PART_HI] += sweptB;
      pairs[r + F_DOCS]++;
      if (p >= 0 && pairs[r + F_LAST_PERSON] !== p) {
        pairs[r + F_LAST_PERSON] = p;
        pairs[r + F_PEOPLE]++;
      }
      // Characters coded by both: intersect the two codes' runs.
      let i = runFrom[a];
      let j = runFrom[b];
      let shared = 0;
      while (i < runTo[a] && j < runTo[b]) {
        const lo = runStart[i] > runStart[j] ? runStart[i] : runStart[j];
        const hi = runEnd[i] < runEnd[j] ? runEnd[i] : runEnd[j];
        if (lo < hi) shared += hi - lo;
        if (runEnd[i] < runEnd[j]) i++;
        else j++;
      }
      pairShared[t * 4 + F_SHARED_F64] += shared;
    }
  }

  const cells: CooccurrenceCell[] = [];
  for (let a = 0; a < K; a++) {
    for (let b = 0; b < K; b++) {
      if (a === b) {
        if (codeN[a] === 0) continue;
        cells.push({
          a: codeIds[a],
          b: codeIds[a],
          n: codeN[a],
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
    n: codeN[k],
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
  codings: readonly CoCoding[],
  documents: readonly CoDocument[],
  a: number,
  b: number,
  mode: CooccurrenceMode,
): CooccurrenceGroup[] {
  const slack = slackOf(mode);
  const docs = indexDocuments(documents);
  const codeIndex = new Map<number, number>([[a, 0]]);
  if (b !== a) codeIndex.set(b, 1);
  const L = layout(codings, docs, codeIndex, mode);
  const view = new DocView(L, 2);
  const groups: CooccurrenceGroup[] = [];
  const slots = L.docIds.map((_, slot) => slot).sort((x, y) => L.docIds[x] - L.docIds[y]);
  for (const slot of slots) {
    const documentId = L.docIds[slot];
    if (a === b) {
      const own = [];
      for (let k = L.offset[slot]; k < L.offset[slot + 1]; k++) own.push(k);
      own.sort((x, y) => L.start[x] - L.start[y] || L.end[x] - L.end[y]);
      for (const x of own) groups.push({ documentId, start: L.start[x], end: L.end[x], aCodingIds: [L.id[x]], bCodingIds: [L.id[x]] });
      continue;
    }
    view.load(slot);
    sweepPair(L, view.bucket, view.from[0], view.to[0], view.from[1], view.to[1], slack, (ga, gb) => {
      let start = Infinity;
      let end = -Infinity;
      for (const x of ga.concat(gb)) {
        if (L.start[x] < start) start = L.start[x];
        if (L.end[x] > end) end = L.end[x];
      }
      groups.push({ documentId, start, end, aCodingIds: ga.map((x) => L.id[x]), bCodingIds: gb.map((x) => L.id[x]) });
    });
  }
  return groups;
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
  const ancestors = new Map<number, number[]>();
  const chain = (codeId: number): number[] => {
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
  const out: CoCoding[] = [];
  for (const c of codings) {
    out.push(c);
    for (const anc of chain(c.codeId)) out.push({ ...c, codeId: anc });
  }
  return out;
}
