// f4/f5transkript time marks (`#00:01:23-4#` ending each paragraph, Dresing & Pehl's transcription
// rules): taken out of the text, each remembered where it stood; turns timed from the mark before
// them. Positions and times below are counted by hand from the literal strings.
import { describe, expect, it } from 'vitest';
import type { Turn } from '../../../shared/model/types';
import { stripTimeMarks, timeTurnsByMarks } from '../../../shared/text/time-marks';

describe('f4 time marks', () => {
  it('leave the text with the spaces before them, each remembered at the place it stood', () => {
    const r = stripTimeMarks('I: Wie? #00:00:05-2#\n\nB: Gut. #00:01:02-7#\n\nI: Und dann?#01:00:00#')!;
    // "I: Wie?" is 7 characters; "\n\nB: Gut." brings it to 7 + 9 = 16; "\n\nI: Und dann?" to 16 + 14 = 30.
    expect(r.text).toBe('I: Wie?\n\nB: Gut.\n\nI: Und dann?');
    expect(r.marks).toEqual([
      { at: 7, ms: 5_200 },
      { at: 16, ms: 62_700 },
      { at: 30, ms: 3_600_000 },
    ]);
  });

  it('read tenths, hundredths and milliseconds after a dash, dot or comma', () => {
    expect(stripTimeMarks('a #00:00:01-5# b #00:00:02.25# c #00:00:03,125#')!.marks.map((m) => m.ms)).toEqual([1_500, 2_250, 3_125]);
  });

  it('need two marks: one `#12:30:00#` is ordinary text', () => {
    expect(stripTimeMarks('Meeting at #12:30:00# in room 4.')).toBeNull();
    expect(stripTimeMarks('No marks at all.')).toBeNull();
    // Not a time: minutes or seconds past 59.
    expect(stripTimeMarks('#00:61:00-0# and #00:00:75-0#')).toBeNull();
  });

  it('time each turn from the last mark since the previous turn began; the first turn starts at 0', () => {
    // I: (0–7), B1: two paragraphs (9–40) with a mark after each, I: (42–49), B1: (51–60).
    const turns: Turn[] = [
      { speaker: 'I', start: 0, end: 7 },
      { speaker: 'B1', start: 9, end: 40 },
      { speaker: 'I', start: 42, end: 49 },
      { speaker: 'B1', start: 51, end: 60 },
    ];
    timeTurnsByMarks(turns, [
      { at: 7, ms: 5_200 },
      { at: 25, ms: 19_800 },
      { at: 40, ms: 31_000 },
      { at: 49, ms: 34_400 },
      { at: 60, ms: 41_700 },
    ]);
    expect(turns.map((t) => t.startMs)).toEqual([0, 5_200, 31_000, 34_400]);
  });

  it('a turn without a mark since the previous one stays untimed; a mark at a turn start times it', () => {
    const turns: Turn[] = [
      { speaker: 'I', start: 0, end: 5 },
      { speaker: 'B', start: 7, end: 12 },
      { speaker: 'I', start: 14, end: 20 },
    ];
    timeTurnsByMarks(turns, [
      { at: 0, ms: 1_000 },
      { at: 14, ms: 9_000 },
    ]);
    expect(turns.map((t) => t.startMs)).toEqual([1_000, null, 9_000]);
  });
});
