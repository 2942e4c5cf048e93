// Evaluates a code query (see parse.ts) over the codings of one layer. The results are quotes:
// segments of documents with the codes and codings behind them.
import { AccordError } from '../errors';
import type { CoCoding } from '../stats/cooccurrence';
import { parseQuery, type QueryNode } from './parse';

/** One result quote. `codeIds` and `codingIds` are sorted ascending and hold no duplicates. */
export interface QuerySegment {
  documentId: number;
  start: number;
  end: number;
  codeIds: number[];
  codingIds: number[];
}

/**
 * Maps an operand to code ids; null when no code has that name (an error naming the column).
 * `quoted` tells whether the operand was written in quotes.
 */
export type CodeResolver = (name: string, quoted: boolean) => readonly number[] | null;

/** A code as the default resolver needs it. */
export interface ResolvableCode {
  id: number;
  label: string;
  name: string;
  parentId?: number | null;
}

/**
 * The default resolver: an operand matches a code's label exactly, else its name exactly, else the
 * label or name ignoring letter case; several codes matching at the same step all count (any of them).
 * With `includeDescendants`, a code stands for itself and its whole subtree.
 */
export function codeResolver(codes: readonly ResolvableCode[], options: { includeDescendants?: boolean } = {}): CodeResolver {
  const children = new Map<number, number[]>();
  for (const c of codes) {
    if (c.parentId === null || c.parentId === undefined) continue;
    const list = children.get(c.parentId) ?? [];
    list.push(c.id);
    children.set(c.parentId, list);
  }
  const subtree = (id: number): number[] => {
    const out: number[] = [];
    const seen = new Set<number>();
    const stack = [id];
    while (stack.length > 0) {
      const k = stack.pop()!;
      if (seen.has(k)) continue;
      seen.add(k);
      out.push(k);
      stack.push(...(children.get(k) ?? []));
    }
    return out;
  };
  const steps: ((c: ResolvableCode, name: string) => boolean)[] = [
    (c, name) => c.label === name,
    (c, name) => c.name === name,
    (c, name) => c.label.toLowerCase() === name.toLowerCase() || c.name.toLowerCase() === name.toLowerCase(),
  ];
  return (name) => {
    for (const step of steps) {
      const hits = codes.filter((c) => step(c, name));
      if (hits.length === 0) continue;
      const ids = options.includeDescendants ? hits.flatMap((c) => subtree(c.id)) : hits.map((c) => c.id);
      return [...new Set(ids)].sort((x, y) => x - y);
    }
    return null;
  };
}

/** A segment while evaluating, within one document. */
interface Seg {
  start: number;
  end: number;
  codeIds: number[];
  codingIds: number[];
}

type Value = Map<number, Seg[]>;

function bySpan(x: Seg, y: Seg): number {
  return x.start - y.start || x.end - y.end;
}

function mergeIds(a: readonly number[], b: readonly number[]): number[] {
  return [...new Set([...a, ...b])].sort((x, y) => x - y);
}

/**
 * `left AND right` (slack 0) and `left NEAR(n) right` (slack n + 1): the connected groups of left ∪
 * right segments (sharing a character, or at most n characters apart) that hold at least one of each
 * side. Each group becomes one quote spanning the whole group, so the quote reads in context and the
 * number of AND results equals n(A,B) of the overlap co-occurrence matrix.
 */
function groups(left: Seg[], right: Seg[], slack: number): Seg[] {
  const tagged = [...left.map((s) => ({ s, side: 0 })), ...right.map((s) => ({ s, side: 1 }))].sort((x, y) => bySpan(x.s, y.s));
  const out: Seg[] = [];
  let cur: Seg | null = null;
  let sides = 0;
  const close = () => {
    if (cur && sides === 3) out.push(cur);
  };
  for (const { s, side } of tagged) {
    if (cur && s.start < cur.end + slack) {
      if (s.end > cur.end) cur.end = s.end;
      cur.codeIds = mergeIds(cur.codeIds, s.codeIds);
      cur.codingIds = mergeIds(cur.codingIds, s.codingIds);
      sides |= 1 << side;
    } else {
      close();
      cur = { start: s.start, end: s.end, codeIds: s.codeIds.slice(), codingIds: s.codingIds.slice() };
      sides = 1 << side;
    }
  }
  close();
  return out;
}

/** `left NOT right`: left segments that share no character with any right segment. */
function without(left: Seg[], right: Seg[]): Seg[] {
  const covered = right.slice().sort(bySpan);
  // Prefix maximum of ends: some right segment starting before `x` reaches past `x` iff maxEnd > x.
  const maxEnd: number[] = [];
  for (const r of covered) maxEnd.push(Math.max(r.end, maxEnd[maxEnd.length - 1] ?? -Infinity));
  return left.filter((l) => {
    const k = lastStartingBefore(covered, l.end); // right segments with start < l.end
    return !(k >= 0 && maxEnd[k] > l.start);
  });
}

/** `left WITHIN right`: left segments contained in a single right segment. */
function within(left: Seg[], right: Seg[]): Seg[] {
  const outer = right.slice().sort(bySpan);
  const maxEnd: number[] = [];
  for (const r of outer) maxEnd.push(Math.max(r.end, maxEnd[maxEnd.length - 1] ?? -Infinity));
  return left.filter((l) => {
    const k = lastStartingBefore(outer, l.start + 1); // right segments with start ≤ l.start
    return k >= 0 && maxEnd[k] >= l.end;
  });
}

/** Index of the last segment (sorted by start) whose start is < `limit`, or −1. */
function lastStartingBefore(sorted: Seg[], limit: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid].start < limit) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/** `left OR right`: every quote of either side; quotes with the very same range become one. */
function either(left: Seg[], right: Seg[]): Seg[] {
  const all = [...left, ...right].sort(bySpan);
  const out: Seg[] = [];
  for (const s of all) {
    const last = out[out.length - 1];
    if (last && last.start === s.start && last.end === s.end) {
      last.codeIds = mergeIds(last.codeIds, s.codeIds);
      last.codingIds = mergeIds(last.codingIds, s.codingIds);
    } else {
      out.push({ ...s, codeIds: s.codeIds.slice(), codingIds: s.codingIds.slice() });
    }
  }
  return out;
}

/** Apply `op` per document: to the left side's documents only, or (for OR) to documents of either side. */
function combine(left: Value, right: Value, op: (l: Seg[], r: Seg[]) => Seg[], eitherSide: boolean): Value {
  const out: Value = new Map();
  const docIds = new Set([...left.keys(), ...(eitherSide ? right.keys() : [])]);
  for (const id of docIds) {
    const segs = op(left.get(id) ?? [], right.get(id) ?? []);
    if (segs.length > 0) out.set(id, segs);
  }
  return out;
}

/**
 * Evaluate a query (text or parsed AST) over codings. Operators:
 * - `A AND B`: groups of A- and B-quotes connected by overlap (chained, as in co-occurrence) that hold
 *   both; the quote is the group's whole extent, not just the intersection.
 * - `A NEAR(n) B`: the same with "at most n characters apart" instead of overlap.
 * - `A OR B`: every quote of A and of B (identical ranges become one quote).
 * - `A NOT B`: A-quotes that share no character with any B-quote.
 * - `A WITHIN B`: A-quotes contained in a single B-quote.
 * An operand's quotes are the codings of the code(s) it resolves to. Results are sorted by document,
 * start and end. An unknown code is an INVALID_INPUT error naming its column.
 */
export function evaluateQuery(query: string | QueryNode, codings: readonly CoCoding[], resolve: CodeResolver): QuerySegment[] {
  const ast = typeof query === 'string' ? parseQuery(query) : query;
  for (const c of codings) {
    if (!Number.isFinite(c.start) || !Number.isFinite(c.end) || c.end <= c.start) {
      throw new AccordError('INVALID_INPUT', `coding ${c.id} has the empty or invalid range [${c.start}, ${c.end})`);
    }
  }
  const byCode = new Map<number, CoCoding[]>();
  for (const c of codings) {
    const list = byCode.get(c.codeId) ?? [];
    list.push(c);
    byCode.set(c.codeId, list);
  }

  const evaluate = (node: QueryNode): Value => {
    switch (node.kind) {
      case 'code': {
        const ids = resolve(node.name, node.quoted);
        if (ids === null) {
          throw new AccordError('INVALID_INPUT', `no code called ${node.quoted ? `"${node.name}"` : node.name} (column ${node.column})`);
        }
        const out: Value = new Map();
        for (const id of new Set(ids)) {
          for (const c of byCode.get(id) ?? []) {
            const list = out.get(c.documentId) ?? [];
            list.push({ start: c.start, end: c.end, codeIds: [c.codeId], codingIds: [c.id] });
            out.set(c.documentId, list);
          }
        }
        for (const list of out.values()) list.sort(bySpan);
        return out;
      }
      case 'or':
        return combine(evaluate(node.left), evaluate(node.right), either, true);
      case 'and':
        return combine(evaluate(node.left), evaluate(node.right), (l, r) => groups(l, r, 0), false);
      case 'near':
        return combine(evaluate(node.left), evaluate(node.right), (l, r) => groups(l, r, node.n + 1), false);
      case 'not':
        return combine(evaluate(node.left), evaluate(node.right), without, false);
      case 'within':
        return combine(evaluate(node.left), evaluate(node.right), within, false);
    }
  };

  const result = evaluate(ast);
  const out: QuerySegment[] = [];
  for (const documentId of [...result.keys()].sort((x, y) => x - y)) {
    for (const s of result.get(documentId)!) out.push({ documentId, start: s.start, end: s.end, codeIds: s.codeIds, codingIds: s.codingIds });
  }
  return out;
}
