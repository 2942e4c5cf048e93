// Text offset ↔ time helpers (shared/text/times.ts), on a hand-built timed document.
import { describe, expect, it } from 'vitest';
import type { Cue, Turn } from '../../../shared/model/types';
import { citeQuote, cueAtTime, formatTimestamp, timeAtOffset, turnAtOffset } from '../../../shared/text/times';

// "Ana: one. two.\n\nID21: three.\n\nAna: untimed"
//  0    5    10   15   20   25   30   35   40
const text = 'Ana: one. two.\n\nID21: three.\n\nAna: untimed';
const turns: Turn[] = [
  { speaker: 'Ana', start: 0, end: 14, startMs: 1000, endMs: 9000 },
  { speaker: 'ID21', start: 16, end: 28, startMs: 723_000, endMs: 725_000 },
  { speaker: 'Ana', start: 30, end: text.length, startMs: null, endMs: null },
];
const cues: Cue[] = [
  { start: 0, end: 9, startMs: 1000, endMs: 5000 }, // "Ana: one."
  { start: 10, end: 14, startMs: 5000, endMs: 9000 }, // "two."
  { start: 16, end: 28, startMs: 723_000, endMs: 725_000 },
];
const doc = { turns, cues };

describe('timeAtOffset', () => {
  it('gives the start of the cue holding the offset', () => {
    expect(text.slice(10, 14)).toBe('two.');
    expect(timeAtOffset(doc, 0)).toBe(1000);
    expect(timeAtOffset(doc, 5)).toBe(1000);
    expect(timeAtOffset(doc, 10)).toBe(5000);
    expect(timeAtOffset(doc, 22)).toBe(723_000);
  });
  it('between two cues of one turn, takes the earlier cue; outside timed turns, null', () => {
    expect(timeAtOffset(doc, 9)).toBe(1000); // the space between "one." and "two."
    expect(timeAtOffset(doc, 15)).toBeNull(); // the blank line between turns
    expect(timeAtOffset(doc, 35)).toBeNull(); // an untimed turn
    expect(timeAtOffset({ turns, cues: [] }, 5)).toBe(1000); // turns alone still give their start
    expect(timeAtOffset({ turns: [], cues: [] }, 0)).toBeNull();
  });
});

describe('cueAtTime and turnAtOffset', () => {
  it('finds the cue playing at a time, none before the first or after the last end', () => {
    expect(cueAtTime(cues, 0)).toBe(-1);
    expect(cueAtTime(cues, 1000)).toBe(0);
    expect(cueAtTime(cues, 6000)).toBe(1);
    expect(cueAtTime(cues, 100_000)).toBe(1); // a pause between cues: the last one started
    expect(cueAtTime(cues, 724_999)).toBe(2);
    expect(cueAtTime(cues, 725_000)).toBe(-1);
  });
  it('finds the turn holding an offset', () => {
    expect(turnAtOffset(turns, 0)).toBe(0);
    expect(turnAtOffset(turns, 15)).toBe(-1);
    expect(turnAtOffset(turns, 16)).toBe(1);
    expect(turnAtOffset(turns, text.length - 1)).toBe(2);
  });
});

describe('formatTimestamp and citeQuote', () => {
  it('writes hh:mm:ss as transcription services do', () => {
    expect(formatTimestamp(723_000)).toBe('00:12:03'); // 12 × 60 + 3 = 723 s
    expect(formatTimestamp(723_999)).toBe('00:12:03');
    expect(formatTimestamp(3_723_500)).toBe('01:02:03');
    expect(formatTimestamp(0)).toBe('00:00:00');
  });
  it('cites a quote as "ID21, 00:12:03", or just the label when untimed', () => {
    expect(citeQuote('ID21', doc, text.indexOf('three'))).toBe('ID21, 00:12:03');
    expect(citeQuote('Ana', doc, text.indexOf('untimed'))).toBe('Ana');
  });
});
