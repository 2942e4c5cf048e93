// The context shown around a search hit. Reference: the first form of it, which found the hit's whole
// paragraph (scanning it from the hit to its ends) and then cut to 80 characters at spaces. The
// bounded form must give the same context on any text, while looking only near the hit.
import { describe, expect, it } from 'vitest';
import { hitContext, paragraphAround } from '../../../shared/search/units';
import { rng } from '../../helpers/fixtures';

function reference(text: string, start: number, end: number, context = 80): { from: number; to: number } {
  const para = paragraphAround(text, start, end);
  let from = Math.max(para.start, start - context);
  let to = Math.min(para.end, end + context);
  if (from > para.start) {
    const sp = text.indexOf(' ', from);
    if (sp !== -1 && sp < start) from = sp + 1;
  }
  if (to < para.end) {
    const sp = text.lastIndexOf(' ', to);
    if (sp > end) to = sp;
  }
  return { from, to };
}

describe('hitContext', () => {
  it('keeps to the paragraph and cuts at spaces (worked example)', () => {
    const text = 'Interviewer: What helped?\nID21: We adapted the software to each locality and it worked.\nNext line.';
    const start = text.indexOf('software');
    const { from, to } = hitContext(text, start, start + 'software'.length, 10);
    // 10 characters back reach "apted the " (cut after its first space: "the "); 10 on reach
    // " to each l" (cut at the last space: " to each").
    expect(text.slice(from, to)).toBe('the software to each');
    // Within reach of a newline: the paragraph's own start and end.
    const s2 = text.indexOf('worked');
    expect(text.slice(...Object.values(hitContext(text, s2, s2 + 6, 10)) as [number, number])).toBe('and it worked.');
  });

  it('equals the whole-paragraph form on random texts, at every reach, newlines and spaces at the edges', () => {
    const random = rng(7);
    const alphabet = 'ab  \n';
    for (let round = 0; round < 400; round++) {
      const n = 1 + Math.floor(random() * 60);
      let text = '';
      for (let i = 0; i < n; i++) text += alphabet[Math.floor(random() * alphabet.length)];
      // A hit is a word: it holds no newline and starts with none.
      const start = Math.floor(random() * n);
      const end = Math.min(n, start + 1 + Math.floor(random() * 4));
      if (text.slice(start, end).includes('\n')) continue;
      const context = Math.floor(random() * 12);
      expect(hitContext(text, start, end, context), JSON.stringify({ text, start, end, context })).toEqual(reference(text, start, end, context));
    }
  });

  it('looks only near the hit in a document that is one long line', () => {
    const text = 'word '.repeat(400_000);
    // Far from both ends, whatever the line's length: up to 80 characters either side, cut at spaces
    // (80 back lands on a word's first letter, so that word is left out: 75).
    const start = 1_000_000;
    const { from, to } = hitContext(text, start, start + 4);
    expect([start - from, to - start - 4]).toEqual([75, 80]);
    expect(text.slice(from, start)).toBe('word '.repeat(15));
    expect(hitContext(text, start, start + 4)).toEqual(reference(text, start, start + 4));
  });
});
