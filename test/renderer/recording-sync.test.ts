// The text ↔ time helpers behind click-to-seek and following the recording (issue #12).
import { describe, expect, it } from 'vitest';
import { formatClock, timeAtOffset, turnAtTime } from '../../renderer/features/coding/recording-sync';

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
});
