// f4transkript's and f5transkript's time marks (the transcription rules of Dresing & Pehl, also
// written by easytranscript): `#00:01:23-4#` at the end of each paragraph, the recording's time at
// that place (hours, minutes, seconds and tenths). MAXQDA, ATLAS.ti and f4's own analysis read them as
// the time of that place in the text. Accord takes them out of the text, so a quote never carries
// one, and times each speaker turn from the mark just before it: the mark ending the previous turn,
// or one at the turn's own start.
import type { Turn } from '../model/types';

const MARK = /#(\d{1,2}):([0-5]\d):([0-5]\d)(?:[-.,](\d{1,3}))?#/g;

/** A mark taken out of the text: where it stood in the text without marks, and its time. */
export interface TimeMark {
  at: number;
  ms: number;
}

/** Fewer marks than this are a stray `#12:30:00#`, not a time-marked transcript. */
const MIN_MARKS = 2;

/** The text without its time marks and where they stood, or null when it has fewer than two. */
export function stripTimeMarks(text: string): { text: string; marks: TimeMark[] } | null {
  // Most transcripts have no '#' at all: one scan for it, and no pattern run over their text.
  if (text.indexOf('#') === -1) return null;
  const found = [...text.matchAll(MARK)];
  if (found.length < MIN_MARKS) return null;
  const marks: TimeMark[] = [];
  let out = '';
  let from = 0;
  for (const m of found) {
    // The spaces before a mark go with it.
    let cut = m.index;
    while (cut > from && (text[cut - 1] === ' ' || text[cut - 1] === '\t')) cut--;
    out += text.slice(from, cut);
    const [, h, min, s, frac] = m;
    marks.push({ at: out.length, ms: ((Number(h) * 60 + Number(min)) * 60 + Number(s)) * 1000 + (frac ? Number(frac.padEnd(3, '0')) : 0) });
    from = m.index + m[0].length;
  }
  return { text: out + text.slice(from), marks };
}

/**
 * Times turns (in text order, none timed yet) from the marks: a turn starts at the last mark after
 * the previous turn's start and at or before its own, and the first turn, with no mark before it,
 * at 0, where the transcriber started. A turn with no such mark stays untimed.
 */
export function timeTurnsByMarks(turns: Turn[], marks: readonly TimeMark[]): void {
  let k = 0;
  for (let j = 0; j < turns.length; j++) {
    let ms: number | null = j === 0 ? 0 : null;
    while (k < marks.length && marks[k].at <= turns[j].start) ms = marks[k++].ms;
    turns[j].startMs = ms;
  }
}
