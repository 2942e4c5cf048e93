// Counts and numbers as readers expect them (issue 14: "1 codings", "-0.00" for a κ near zero).
import { describe, expect, it } from 'vitest';
import { fixed, grouped, plural } from '../../../shared/text/wording';

describe('wording', () => {
  it('agrees the noun with its number and groups thousands', () => {
    expect(plural(0, 'coding')).toBe('0 codings');
    expect(plural(1, 'coding')).toBe('1 coding');
    expect(plural(2, 'subtheme')).toBe('2 subthemes');
    expect(plural(1204, 'coding')).toBe('1,204 codings');
    expect(plural(2_000_000, 'coding')).toBe('2,000,000 codings');
  });

  it('groups thousands as en-GB does, without loading the locale data for whole numbers', () => {
    for (const n of [0, 7, 999, 1000, 12_345, 123_456, 1_234_567, -1204, -999, 120_000_000, Number.MAX_SAFE_INTEGER]) {
      expect(grouped(n)).toBe(n.toLocaleString('en-GB'));
    }
    expect(grouped(1234.5)).toBe('1,234.5');
    expect(plural(1, 'match', 'matches')).toBe('1 match');
    expect(plural(3, 'match', 'matches')).toBe('3 matches');
  });
  it('never prints a negative zero', () => {
    expect(fixed(-0.0004)).toBe('0.00');
    expect(fixed(-0)).toBe('0.00');
    expect(fixed(-0.004, 2)).toBe('0.00');
    expect(fixed(-0.005, 2)).toBe('-0.01');
    expect(fixed(-0.2311, 3)).toBe('-0.231');
    expect(fixed(0.4736, 2)).toBe('0.47');
    expect(fixed(-0.00001, 0)).toBe('0');
  });
});
