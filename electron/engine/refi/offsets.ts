// Offset conversion between REFI-QDA files and Accord. Files count positions in the raw source text
// under some reading (UTF-16 units or code points; CRLF as 2 or as 1); Accord counts UTF-16 units in
// the normalised text (LF only, no BOM). This module maps between them and guesses a file's reading.

import type { OffsetReading } from './model';

/** The readings tried, in the order ties are broken when nothing else decides. */
export const READINGS: readonly OffsetReading[] = [
  { unit: 'codepoint', crlf: 2 },
  { unit: 'utf16', crlf: 2 },
  { unit: 'codepoint', crlf: 1 },
  { unit: 'utf16', crlf: 1 },
];

/** A human label for a reading, used in report lines. */
export function readingLabel(r: OffsetReading): string {
  const unit = r.unit === 'utf16' ? 'UTF-16 code units' : 'code points';
  return `${unit}, CRLF counted as ${r.crlf}`;
}

/** Accord's form of a document text: line endings unified to LF. `raw` must already be without BOM. */
export function normaliseText(raw: string): string {
  return raw.replace(/\r\n?/g, '\n');
}

/** Maps offsets in a raw text (under one reading) to offsets in its normalised text. */
export interface OffsetMap {
  /** Number of positions in the raw text under the reading (the largest valid offset). */
  readonly rawLength: number;
  /** The normalised offset for a raw offset, or null when it lies outside the text. */
  toNorm(raw: number): number | null;
}

const isHigh = (c: number): boolean => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number): boolean => c >= 0xdc00 && c <= 0xdfff;

/**
 * Build the raw→normalised offset table for `raw` (no BOM) under `reading`. A position between the
 * CR and LF of a pair maps to just before the LF; a position inside a surrogate pair (UTF-16 reading)
 * maps to the same place inside the pair.
 */
export function buildOffsetMap(raw: string, reading: OffsetReading): OffsetMap {
  const map = new Int32Array(raw.length + 1);
  let r = 0;
  let n = 0;
  let i = 0;
  while (i < raw.length) {
    const c = raw.charCodeAt(i);
    if (c === 13 && raw.charCodeAt(i + 1) === 10) {
      map[r++] = n;
      if (reading.crlf === 2) map[r++] = n;
      n += 1;
      i += 2;
    } else if (isHigh(c) && isLow(raw.charCodeAt(i + 1))) {
      map[r++] = n;
      if (reading.unit === 'utf16') map[r++] = n + 1;
      n += 2;
      i += 2;
    } else {
      map[r++] = n;
      n += 1;
      i += 1;
    }
  }
  map[r] = n;
  const rawLength = r;
  return {
    rawLength,
    toNorm: (off: number) => (Number.isInteger(off) && off >= 0 && off <= rawLength ? map[off] : null),
  };
}

/**
 * For writing: a function from UTF-16 offsets in `text` to code-point offsets. An offset inside a
 * surrogate pair counts only the code points wholly before it.
 */
export function codePointCounter(text: string): (utf16Offset: number) => number {
  const prefix = new Int32Array(text.length + 1);
  let cp = 0;
  let i = 0;
  while (i < text.length) {
    prefix[i] = cp;
    if (isHigh(text.charCodeAt(i)) && isLow(text.charCodeAt(i + 1))) {
      prefix[i + 1] = cp;
      i += 2;
    } else {
      i += 1;
    }
    cp += 1;
  }
  prefix[text.length] = cp;
  return (off: number) => prefix[Math.max(0, Math.min(text.length, off))];
}

const WORD = /[\p{L}\p{N}\p{M}_]/u;

function charBefore(t: string, p: number): string {
  const c = t.charCodeAt(p - 1);
  return isLow(c) && p >= 2 && isHigh(t.charCodeAt(p - 2)) ? t.slice(p - 2, p) : t.charAt(p - 1);
}

/** True when `p` does not fall between two word characters of `t` (letters, digits, marks, _). */
export function isWordBoundary(t: string, p: number): boolean {
  if (p <= 0 || p >= t.length) return true;
  const after = String.fromCodePoint(t.codePointAt(p) ?? 0);
  return !(WORD.test(charBefore(t, p)) && WORD.test(after));
}

const squash = (s: string): string => s.replace(/\s+/g, ' ').trim();

/** Whether a selection's `name` (often the quoted text, maybe cut short with an ellipsis) fits `slice`. */
export function nameMatches(name: string, slice: string): boolean {
  const n = squash(name);
  const s = squash(slice);
  const cut = /(…|\.\.\.)$/.exec(n);
  if (cut) {
    const head = n.slice(0, n.length - cut[0].length).trimEnd();
    if (head.length > 0 && s.startsWith(head)) return true;
  }
  return n === s;
}

export interface DetectSelection {
  start: number;
  end: number;
  name?: string;
}

export interface DetectInput {
  /** The source text as the file holds it, without BOM. */
  raw: string;
  selections: DetectSelection[];
}

export interface ReadingScore {
  reading: OffsetReading;
  total: number;
  inRange: number;
  onBoundaries: number;
  namesChecked: number;
  namesMatched: number;
}

/** Score one reading: how many selections fit the text, fall on word boundaries and match their names. */
export function scoreReading(inputs: DetectInput[], reading: OffsetReading): ReadingScore {
  const s: ReadingScore = { reading, total: 0, inRange: 0, onBoundaries: 0, namesChecked: 0, namesMatched: 0 };
  for (const input of inputs) {
    const map = buildOffsetMap(input.raw, reading);
    const text = normaliseText(input.raw);
    for (const sel of input.selections) {
      s.total += 1;
      const a = map.toNorm(sel.start);
      const b = map.toNorm(sel.end);
      if (a === null || b === null || a > b) continue;
      s.inRange += 1;
      if (isWordBoundary(text, a) && isWordBoundary(text, b)) s.onBoundaries += 1;
      if (sel.name && squash(sel.name) !== '') {
        s.namesChecked += 1;
        if (nameMatches(sel.name, text.slice(a, b))) s.namesMatched += 1;
      }
    }
  }
  return s;
}

/** The reading a producing program is known to use, from the file's `origin` attribute. */
export function readingFromOrigin(origin: string | null): { reading: OffsetReading; why: string } {
  const o = origin ?? '';
  if (/nvivo/i.test(o)) return { reading: { unit: 'utf16', crlf: 2 }, why: `origin '${o}' (NVivo writes UTF-16 units)` };
  if (/atlas\.?ti/i.test(o)) {
    return { reading: { unit: 'codepoint', crlf: 1 }, why: `origin '${o}' (ATLAS.ti counts a line break as 1)` };
  }
  if (/^accord\b/i.test(o) && /utf-?16/i.test(o)) {
    return { reading: { unit: 'utf16', crlf: 2 }, why: `origin '${o}' says UTF-16` };
  }
  const who = o ? `origin '${o}'` : 'no origin';
  return { reading: { unit: 'codepoint', crlf: 2 }, why: `${who}: the standard's code points` };
}

const sameReading = (a: OffsetReading, b: OffsetReading): boolean => a.unit === b.unit && a.crlf === b.crlf;

function describe(s: ReadingScore): string {
  const names = s.namesChecked > 0 ? `, ${s.namesMatched}/${s.namesChecked} names match` : '';
  return `${s.onBoundaries}/${s.total} on word boundaries, ${s.inRange}/${s.total} inside the text${names}`;
}

/**
 * Pick the reading that best explains a file's selections: most selection names matching the text,
 * then most selections inside the text, then most on word boundaries; the origin breaks ties.
 */
export function detectReading(origin: string | null, inputs: DetectInput[]): { reading: OffsetReading; reason: string } {
  const prior = readingFromOrigin(origin);
  const total = inputs.reduce((k, i) => k + i.selections.length, 0);
  if (total === 0) return { reading: prior.reading, reason: `no text selections; using ${readingLabel(prior.reading)} from ${prior.why}` };

  // Readings that differ only in something the texts lack (CRLF pairs, characters outside the BMP)
  // give identical offsets; keep the origin's choice for that part and say so.
  const hasCrlf = inputs.some((i) => i.raw.includes('\r\n'));
  const hasAstral = inputs.some((i) => /[\uD800-\uDBFF][\uDC00-\uDFFF]/.test(i.raw));
  const candidates = READINGS.filter((r) => (hasCrlf || r.crlf === prior.reading.crlf) && (hasAstral || r.unit === prior.reading.unit));
  const moot = [hasCrlf ? '' : 'no CRLF line breaks', hasAstral ? '' : 'no characters outside the BMP'].filter(Boolean);
  if (candidates.length === 1) {
    return { reading: prior.reading, reason: `the texts have ${moot.join(' and ')}, so every reading gives the same offsets; using ${readingLabel(prior.reading)} from ${prior.why}` };
  }
  const note = moot.length > 0 ? ` (the texts have ${moot.join(' and ')})` : '';
  const scores = candidates.map((r) => scoreReading(inputs, r));
  const key = (s: ReadingScore): number[] => [s.namesMatched, s.inRange, s.onBoundaries, sameReading(s.reading, prior.reading) ? 1 : 0];
  const cmp = (a: ReadingScore, b: ReadingScore): number => {
    const ka = key(a);
    const kb = key(b);
    for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return kb[i] - ka[i];
    return 0;
  };
  const ranked = [...scores].sort(cmp);
  const best = ranked[0];
  const runnerUp = ranked[1];
  const tied = key(best).slice(0, 3).join() === key(runnerUp).slice(0, 3).join();
  const evidence = `${readingLabel(best.reading)}: ${describe(best)}; next ${readingLabel(runnerUp.reading)}: ${describe(runnerUp)}`;
  const reason = tied
    ? `selections fit equally under several readings; ${prior.why} decides. ${evidence}`
    : `${evidence}${sameReading(best.reading, prior.reading) ? `; agrees with ${prior.why}` : `; overrides ${prior.why}`}`;
  return { reading: best.reading, reason: reason + note };
}
