// Pure planning for the document view: every paragraph is in the editor as plain text first;
// paragraphs near the viewport get their highlights at once, the rest in idle time. These helpers
// find the paragraphs at a scroll position and decide which to rebuild, without touching the DOM.

/** A half-open range of paragraph indices [from, to). */
export interface IndexRange {
  from: number;
  to: number;
}

/** One paragraph to rebuild and the signature it will show ('' = plain text, no highlights). */
export interface Rebuild {
  index: number;
  sig: string;
}

/**
 * The first index in [0, n) for which `pred` holds, or n if none; `pred` must be false then true
 * along the indices (binary search, so ~log2(n) calls — each may read the layout).
 */
export function firstIndex(n: number, pred: (i: number) => boolean): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (pred(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * Paragraphs overlapping the vertical band [y0, y1) given each paragraph's top and bottom
 * (tops ascending): from the first whose bottom is below y0 to the last whose top is above y1.
 */
export function paragraphsInBand(n: number, top: (i: number) => number, bottom: (i: number) => number, y0: number, y1: number): IndexRange {
  const from = firstIndex(n, (i) => bottom(i) > y0);
  const to = Math.max(from, firstIndex(n, (i) => top(i) >= y1));
  return { from, to };
}

function inRange(r: IndexRange, i: number): boolean {
  return i >= r.from && i < r.to;
}

/**
 * Which paragraphs to rebuild near the viewport: those in `want` whose shown signature differs
 * from what they should show (the `first` ones, i.e. the visible ones, before the rest), then
 * decorated paragraphs inside `keep` whose marks changed. Paragraphs in `pinned` (e.g. holding the
 * ends of the user's selection) are left alone, since rebuilding replaces their DOM nodes. At most
 * `limit` rebuilds; `more` says that some were left for the next call.
 */
export function planNear(opts: {
  shown: ReadonlyMap<number, string>;
  want: IndexRange;
  keep: IndexRange;
  first?: IndexRange;
  sigOf: (i: number) => string;
  pinned?: ReadonlySet<number>;
  limit?: number;
}): { rebuilds: Rebuild[]; more: boolean } {
  const { shown, want, keep, sigOf, pinned } = opts;
  const first = opts.first ?? want;
  const limit = opts.limit ?? Infinity;
  const rebuilds: Rebuild[] = [];
  let more = false;
  const consider = (i: number, sig: string) => {
    if (pinned?.has(i) || (shown.get(i) ?? '') === sig) return;
    if (rebuilds.length >= limit) more = true;
    else rebuilds.push({ index: i, sig });
  };
  for (let i = Math.max(first.from, want.from); i < Math.min(first.to, want.to); i++) consider(i, sigOf(i));
  for (let i = want.from; i < want.to; i++) if (!inRange(first, i)) consider(i, sigOf(i));
  // Decorated paragraphs just outside `want` stay decorated (and up to date) while inside `keep`,
  // so that scrolling back and forth a little rebuilds nothing.
  for (const i of [...shown.keys()].sort((a, b) => a - b)) {
    if (!inRange(want, i) && inRange(keep, i)) consider(i, sigOf(i));
  }
  return { rebuilds, more };
}

/**
 * Paragraphs still to bring up to date (shown signature differs from the wanted one), nearest to
 * `around` first, alternating below and above it: done when the page is idle, so that once the
 * whole document carries its highlights scrolling rebuilds nothing. Pinned ones wait.
 */
export function planFill(opts: {
  shown: ReadonlyMap<number, string>;
  count: number;
  around: IndexRange;
  sigOf: (i: number) => string;
  pinned?: ReadonlySet<number>;
  limit: number;
}): { rebuilds: Rebuild[]; more: boolean } {
  const { shown, count, around, sigOf, pinned, limit } = opts;
  const rebuilds: Rebuild[] = [];
  const stale = (i: number) => !pinned?.has(i) && (shown.get(i) ?? '') !== sigOf(i);
  const take = (i: number): boolean => {
    if (!stale(i)) return false;
    if (rebuilds.length >= limit) return true;
    rebuilds.push({ index: i, sig: sigOf(i) });
    return false;
  };
  for (let i = Math.max(0, around.from); i < Math.min(count, around.to); i++) if (take(i)) return { rebuilds, more: true };
  let below = around.to;
  let above = around.from - 1;
  while (below < count || above >= 0) {
    if (below < count && take(below++)) return { rebuilds, more: true };
    if (above >= 0 && take(above--)) return { rebuilds, more: true };
  }
  return { rebuilds, more: false };
}
