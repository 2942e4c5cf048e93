// Layout of the document view: paragraphs, marks per paragraph and pieces at mark boundaries.
// Expected values are worked out by hand from the small strings in each test.
import { describe, expect, it } from 'vitest';
import {
  marksByParagraph,
  paragraphAt,
  paragraphPieces,
  paragraphSignature,
  paragraphTags,
  splitParagraphs,
  type MarkSpan,
} from '../../renderer/editor/segments';

const mark = (id: string, start: number, end: number, tag = id, color = '#112233'): MarkSpan => ({
  id,
  start,
  end,
  color,
  tag,
  tagLabel: `code ${tag}`,
});

describe('splitParagraphs', () => {
  it('gives one span per line without the newline, keeping empty lines', () => {
    // "ab\n\ncde" → "ab" [0,2), "" [3,3), "cde" [4,7)
    expect(splitParagraphs('ab\n\ncde')).toEqual([
      { start: 0, end: 2 },
      { start: 3, end: 3 },
      { start: 4, end: 7 },
    ]);
  });
  it('leaves a carriage return out of the paragraph but keeps offsets in the original text', () => {
    // "ab\r\ncd": "ab" [0,2), then "cd" starts after \r\n at 4
    expect(splitParagraphs('ab\r\ncd')).toEqual([
      { start: 0, end: 2 },
      { start: 4, end: 6 },
    ]);
  });
  it('counts UTF-16 code units (an emoji is two)', () => {
    expect(splitParagraphs('😀x\ny')).toEqual([
      { start: 0, end: 3 },
      { start: 4, end: 5 },
    ]);
  });
});

describe('paragraphAt / marksByParagraph', () => {
  const paras = splitParagraphs('aaaa\nbbbb\ncccc'); // [0,4) [5,9) [10,14)
  it('finds the paragraph of an offset', () => {
    expect([0, 4, 5, 9, 10, 13].map((o) => paragraphAt(paras, o))).toEqual([0, 0, 1, 1, 2, 2]);
  });
  it('lists a mark under every paragraph it covers, and not under one it only touches at a newline', () => {
    const byPara = marksByParagraph(paras, [mark('x', 2, 12), mark('y', 4, 5), mark('z', 6, 7)]);
    expect(byPara.get(0)?.map((m) => m.id)).toEqual(['x']);
    expect(byPara.get(1)?.map((m) => m.id)).toEqual(['x', 'z']);
    expect(byPara.get(2)?.map((m) => m.id)).toEqual(['x']);
  });
});

describe('paragraphPieces', () => {
  it('splits at every boundary and gives each piece all marks covering it', () => {
    // paragraph [10,20); a = [12,16), b = [14,25) (runs past the paragraph end)
    const a = mark('a', 12, 16);
    const b = mark('b', 14, 25);
    const pieces = paragraphPieces({ start: 10, end: 20 }, [a, b]);
    expect(pieces.map((p) => [p.start, p.end, p.marks.map((m) => m.id)])).toEqual([
      [10, 12, []],
      [12, 14, ['a']],
      [14, 16, ['a', 'b']],
      [16, 20, ['b']],
    ]);
  });
  it('returns no pieces for an empty paragraph', () => {
    expect(paragraphPieces({ start: 3, end: 3 }, [mark('a', 0, 9)])).toEqual([]);
  });
});

describe('paragraphSignature and paragraphTags', () => {
  it('does not depend on mark order but changes with offsets or colour', () => {
    const a = mark('a', 1, 2);
    const b = mark('b', 3, 4);
    expect(paragraphSignature([a, b])).toBe(paragraphSignature([b, a]));
    expect(paragraphSignature([a])).not.toBe(paragraphSignature([{ ...a, end: 3 }]));
    expect(paragraphSignature([a])).not.toBe(paragraphSignature([{ ...a, color: '#000000' }]));
    expect(paragraphSignature(undefined)).toBe('');
  });
  it('lists each tag once, in text order', () => {
    const tags = paragraphTags([mark('1', 5, 9, 'B'), mark('2', 0, 3, 'A'), mark('3', 6, 7, 'B')]);
    expect(tags.map((t) => t.tag)).toEqual(['A', 'B']);
  });
});
