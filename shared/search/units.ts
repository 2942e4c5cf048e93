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
  const turn = turnAt(turns, hit.start);
  if (turn && from === turn.start) {
    const label = /^[^\n:]{1,60}:[ \t]+/.exec(text.slice(turn.start, hit.start));
    if (label) from += label[0].length;
  }
  return trimSpan(text, { start: from, end: Math.max(to, hit.end) });
}

/** The passage to code for a hit, by unit. A hit outside any turn codes its paragraph for 'turn'. */
export function passageFor(text: string, hit: Span, unit: PassageUnit, turns: readonly Turn[] = []): Span {
  if (unit === 'hit') return { start: hit.start, end: hit.end };
  if (unit === 'sentence') return sentenceAround(text, hit, turns);
  const turn = turnAt(turns, hit.start);
  if (turn) return { start: turn.start, end: Math.max(turn.end, hit.end) };
  return trimSpan(text, paragraphAround(text, hit.start, hit.end));
}
