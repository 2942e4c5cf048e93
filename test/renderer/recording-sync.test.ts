// The text ↔ time helpers behind click-to-seek and following the recording (issue #12).
import { describe, expect, it } from 'vitest';
import { formatClock, timeAtOffset, turnAtTime } from '../../renderer/features/coding/recording-sync';
import { guessRecordingStart } from '../../shared/text/clock';

const turns = [
  { speaker: 'Interviewer', start: 0, end: 49, startMs: 0, endMs: 2000 },
  { speaker: 'ID21', start: 51, end: 108, startMs: 2000, endMs: 4000 },
  { speaker: 'ID21', start: 110, end: 130, startMs: null, endMs: null },
  { speaker: 'Interviewer', start: 132, end: 181, startMs: 12_003_000, endMs: null },
];

describe('recording sync', () => {
  it('an offset is spoken at its turn start; an untimed turn borrows the previous timed one', () => {
    expect(timeAtOffset(turns, 0)).toBe(0);
    expect(timeAtOffset(turns, 60)).toBe(2000);
    expect(timeAtOffset(turns, 50)).toBe(0);
    expect(timeAtOffset(turns, 115)).toBe(2000);
    expect(timeAtOffset(turns, 140)).toBe(12_003_000);
    expect(timeAtOffset([{ speaker: '', start: 0, end: 5, startMs: null, endMs: null }], 3)).toBeNull();
    expect(timeAtOffset([], 3)).toBeNull();
  });
  it('the turn played at a time is the last timed turn started by then', () => {
    expect(turnAtTime(turns, 0)).toBe(0);
    expect(turnAtTime(turns, 1999)).toBe(0);
    expect(turnAtTime(turns, 2000)).toBe(1);
    expect(turnAtTime(turns, 9_000_000)).toBe(1);
    expect(turnAtTime(turns, 12_003_000)).toBe(3);
    expect(turnAtTime(turns.slice(1), 100)).toBe(-1);
  });
  it('clocks read as transcripts cite them', () => {
    expect(formatClock(0)).toBe('0:00');
    expect(formatClock(62_999)).toBe('1:02');
    expect(formatClock(12_003_000)).toBe('3:20:03');
    expect(formatClock(723_000)).toBe('12:03');
  });
  it("a recording starts at 0 unless its transcript's first time is a clock time, then at that time to the second", () => {
    // Times into the recording: subtitles, Otter, Teams; a transcript of the second half of a recording.
    expect(guessRecordingStart(0, null)).toBe(0);
    expect(guessRecordingStart(12_000, 200_000)).toBe(0);
    expect(guessRecordingStart(3_599_999, null)).toBe(0);
    expect(guessRecordingStart(4_000_000, 5_400_000)).toBe(0);
    expect(guessRecordingStart(null, 200_000)).toBe(0);
    // Zoom's saved transcript, `[Jane Doe] 14:05:12.400`: past the end of a 3:20 WAV, or an hour or more
    // in when the length is unknown (MP3, M4A, MP4).
    expect(guessRecordingStart(50_712_400, 200_000)).toBe(50_712_000);
    expect(guessRecordingStart(200_000, 200_000)).toBe(200_000);
    expect(guessRecordingStart(3_600_000, null)).toBe(3_600_000);
    expect(guessRecordingStart(50_712_400, null)).toBe(50_712_000);
  });
});
