// The quote-balance rule: hand-counted cases on either side of each limit (40% for one participant,
// 60% for the top two, applied from 4 identified quotes; all of ≥2 quotes from one participant).
import { describe, expect, it } from 'vitest';
import { quoteBalance } from '../../../shared/reports/quote-balance';

describe('quoteBalance', () => {
  it('counts quotes per participant, most-quoted first, and sets unidentified quotes apart', () => {
    const b = quoteBalance(['ID5', 'ID12', 'ID5', '', 'ID20', ' ']);
    expect(b.identified).toBe(4);
    expect(b.unidentified).toBe(2);
    expect(b.byParticipant).toEqual([
      { participant: 'ID5', quotes: 2 },
      { participant: 'ID12', quotes: 1 },
      { participant: 'ID20', quotes: 1 },
    ]);
    // 2 of 4 = 50% > 40%.
    expect(b.warning).toBe('ID5 supplies 2 of 4 quotes (50%, over 40%)');
  });

  it('accepts exactly 40% for one and 60% for two (the limits are "more than")', () => {
    // 2/5 = 40% for ID1; ID1 + ID2 = 3/5 = 60%.
    expect(quoteBalance(['ID1', 'ID1', 'ID2', 'ID3', 'ID4']).warning).toBeNull();
  });

  it('warns when the top two exceed 60% although none exceeds 40%', () => {
    // ID1 3/7 = 43% would trip the first rule, so use 10 quotes: ID1 4 (40%), ID2 3 → 7/10 = 70%.
    const q = ['ID1', 'ID1', 'ID1', 'ID1', 'ID2', 'ID2', 'ID2', 'ID3', 'ID4', 'ID5'];
    expect(quoteBalance(q).warning).toBe('ID1 and ID2 supply 7 of 10 quotes (70%, over 60%)');
  });

  it('does not apply the shares to fewer than 4 quotes, except when all come from one participant', () => {
    expect(quoteBalance(['ID1', 'ID2', 'ID3']).warning).toBeNull();
    expect(quoteBalance(['ID1', 'ID1', 'ID2']).warning).toBeNull();
    expect(quoteBalance(['ID7']).warning).toBeNull();
    expect(quoteBalance(['ID7', 'ID7']).warning).toBe('All 2 quotes come from ID7');
    expect(quoteBalance([]).warning).toBeNull();
  });
});
