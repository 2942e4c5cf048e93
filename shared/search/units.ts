// The passage "code all hits" codes for a hit: the hit itself, its sentence, or its speaker turn.
// Sentences come from Intl.Segmenter within the hit's paragraph; a turn's speaker label is left out
// of the sentence that starts the turn.
import type { Span, Turn } from '../model/types';

export type PassageUnit = 'hit' | 'sentence' | 'turn';

/** The paragraph (line, since transcripts put one paragraph per line) around [start, end). */
export function paragraphAround(text: string, start: number, end: number): Span {
  const from = text.lastIndexOf('\n', start - 1) + 1;
  const nl = text.indexOf('\n', Math.max(end - 1, start));
  return { start: from, end: nl === -1 ? text.length : nl };
}

/**
 * The text shown around a search hit: up to `context` characters either side of [start, end), kept
 * inside its paragraph (line) and cut at a space. Only those characters are looked at, never the
 * whole paragraph: a document that is one long line (a PDF's text, a transcript without line breaks)
 * with many hits would otherwise be scanned once per hit.
 */
export function hitContext(text: string, start: number, end: number, context = 80): { from: number; to: number } {
  // Before: the paragraph starts after the last newline within reach; if there is none (and the text
  // does not start within reach), the context starts at the first space within reach.
  const lo = Math.max(0, start - context);
  // From one before the reach: a newline just outside it still starts the paragraph at its edge.
  const b0 = Math.max(0, lo - 1);
  const nl = text.slice(b0, start).lastIndexOf('\n');
  let from = nl === -1 ? lo : Math.max(lo, b0 + nl + 1);
  if (nl === -1 && lo > 0) {
    const sp = text.slice(lo, start).indexOf(' ');
    if (sp !== -1) from = lo + sp + 1;
  }
  // After: the paragraph ends at the first newline from the hit's last character within reach; if
  // there is none (and the text goes on), the context ends at the last space within reach (or just past it).
  const hi = Math.min(text.length, end + context);
  const base = Math.max(end - 1, start);
  // To one past the reach: a newline just outside it still ends the paragraph at its edge.
  const next = text.slice(base, hi + 1).indexOf('\n');
  let to = next === -1 ? hi : Math.min(hi, base + next);
  if (next === -1 && hi < text.length) {
    const sp = text.slice(end + 1, to + 1).lastIndexOf(' ');
    if (sp !== -1) to = end + 1 + sp;
  }
  return { from, to };
}

/** Shrinks a span to exclude surrounding whitespace (never below one character). */
function trimSpan(text: string, s: Span): Span {
  let { start, end } = s;
  while (start < end - 1 && /\s/.test(text[start])) start++;
  while (end > start + 1 && /\s/.test(text[end - 1])) end--;
  return { start, end };
}

const segmenters = new Map<string, Intl.Segmenter>();
function segmenter(locale: string): Intl.Segmenter {
  let s = segmenters.get(locale);
  if (!s) segmenters.set(locale, (s = new Intl.Segmenter(locale, { granularity: 'sentence' })));
  return s;
}

/** The turn holding offset `at`, if any. */
export function turnAt(turns: readonly Turn[], at: number): Turn | undefined {
  return turns.find((t) => t.start <= at && at < t.end);
}

/**
 * The sentence(s) covering [start, end): from the start of the sentence holding `start` to the end
 * of the one holding `end - 1`, inside the hit's paragraph, trimmed. When the sentence begins a
 * turn, the `Speaker:` label is not part of it.
 */
export function sentenceAround(text: string, hit: Span, turns: readonly Turn[] = [], locale = 'en'): Span {
  const para = paragraphAround(text, hit.start, hit.end);
  let from = para.start;
  let to = para.end;
  for (const seg of segmenter(locale).segment(text.slice(para.start, para.end))) {
    const s = para.start + seg.index;
    const e = s + seg.segment.length;
    if (s <= hit.start && hit.start < e) from = s;
    if (s < hit.end && hit.end <= e) to = e;
  }
  return sentencePassage(text, hit, from, to, turns);
}

/** The sentence(s) [from, to) around a hit as coded: a turn's `Speaker:` label left out, whitespace trimmed. */
function sentencePassage(text: string, hit: Span, from: number, to: number, turns: readonly Turn[]): Span {
  const turn = turnAt(turns, hit.start);
  if (turn && from === turn.start) {
    const label = /^[^\n:]{1,60}:[ \t]+/.exec(text.slice(turn.start, hit.start));
    if (label) from += label[0].length;
  }
  return trimSpan(text, { start: from, end: Math.max(to, hit.end) });
}

/** How many of the ascending `sorted` are at most `x` (binary search). */
function countAtMost(sorted: readonly number[], x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The passage to code for a hit, by unit. A hit outside any turn codes its paragraph for 'turn'. */
export function passageFor(text: string, hit: Span, unit: PassageUnit, turns: readonly Turn[] = []): Span {
  if (unit === 'hit') return { start: hit.start, end: hit.end };
  if (unit === 'sentence') return sentenceAround(text, hit, turns);
  const turn = turnAt(turns, hit.start);
  if (turn) return { start: turn.start, end: Math.max(turn.end, hit.end) };
  return trimSpan(text, paragraphAround(text, hit.start, hit.end));
}

/**
 * The sentences of `para` in `text` (their starts and ends), as Intl.Segmenter gives them for the
 * whole paragraph, found a window at a time: V8's segmenter slows down with the length of the text
 * it iterates (16,000 sentences in one string take seconds, a 4 KB window about a millisecond). Each
 * window keeps its sentences but the last (the window's edge may cut it) and the next starts there;
 * a window without such a start is doubled until it has one or reaches the paragraph's end.
 */
function sentencesOf(text: string, para: Span, locale: string, window: number): { starts: number[]; ends: number[] } {
  const starts: number[] = [];
  const ends: number[] = [];
  let at = para.start;
  let size = window;
  while (at < para.end) {
    const to = Math.min(para.end, at + size);
    const found: { start: number; end: number }[] = [];
    for (const seg of segmenter(locale).segment(text.slice(at, to))) found.push({ start: at + seg.index, end: at + seg.index + seg.segment.length });
    if (to === para.end) {
      for (const f of found) {
        starts.push(f.start);
        ends.push(f.end);
      }
      break;
    }
    // The sentence that starts the next window must hold a letter before the window's edge: a break
    // before it can depend on what follows up to the next letter (after "e.g. ", a lowercase one
    // means no break).
    const last = found[found.length - 1];
    if (found.length < 2 || !/\p{L}/u.test(text.slice(last.start, to))) {
      size *= 2;
      continue;
    }
    for (const f of found.slice(0, -1)) {
      starts.push(f.start);
      ends.push(f.end);
    }
    at = last.start;
    size = window;
  }
  return { starts, ends };
}

/**
 * `passageFor` for many hits of one text: each paragraph is found from the text's newlines (read once)
 * and split into sentences once, however many hits it holds, so coding every hit of a common word in
 * a long paragraph (a PDF's text, a transcript without line breaks) does not scan and split that
 * paragraph again for each hit. Gives the same passages as `passageFor`.
 */
export function passageFinder(text: string, unit: PassageUnit, turns: readonly Turn[] = [], locale = 'en', window = 4096): (hit: Span) => Span {
  if (unit !== 'sentence') return (hit) => passageFor(text, hit, unit, turns);
  const newlines: number[] = [];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) newlines.push(i);
  /** The first newline at or after `at` (its index in `newlines`). */
  const firstFrom = (at: number): number => countAtMost(newlines, at - 1);
  const paragraph = (start: number, end: number): Span => {
    // As paragraphAround: the last newline at or before start − 1 (position 0 when start is 0) …
    const before = firstFrom(Math.max(start - 1, 0) + 1) - 1;
    // … and the first at or after max(end − 1, start).
    const after = firstFrom(Math.max(end - 1, start));
    return { start: before >= 0 ? newlines[before] + 1 : 0, end: after < newlines.length ? newlines[after] : text.length };
  };
  const sentences = new Map<number, { starts: number[]; ends: number[] }>();
  /** The sentence (its index) holding position `at`, or −1. */
  const holding = (s: { starts: number[]; ends: number[] }, at: number): number => {
    const i = countAtMost(s.starts, at) - 1;
    return i >= 0 && at < s.ends[i] ? i : -1;
  };
  return (hit) => {
    const para = paragraph(hit.start, hit.end);
    const key = para.start * (text.length + 1) + para.end;
    let s = sentences.get(key);
    if (!s) {
      s = sentencesOf(text, para, locale, window);
      sentences.set(key, s);
    }
    const first = holding(s, hit.start);
    const last = hit.end > 0 ? holding(s, hit.end - 1) : -1;
    return sentencePassage(text, hit, first === -1 ? para.start : s.starts[first], last === -1 ? para.end : s.ends[last], turns);
  };
}
