// Codings → marks for the view and codes → picker items; filtering in the picker.
import { describe, expect, it } from 'vitest';
import type { Code, CodeId, CoderId, Coding, CodingId, DocumentId } from '../../shared/model/types';
import { codingsToMarks, initials, pickerItems, pushRecent } from '../../renderer/features/coding/marks';
import { filterItems } from '../../renderer/components/Picker';

const code = (id: number, parentId: number | null, order: number, label: string, name: string): Code => ({
  id: id as CodeId,
  guid: `g${id}`,
  parentId: parentId as CodeId | null,
  label,
  name,
  definition: '',
  color: `#00000${id}`,
  order,
});
const codes = [code(2, 1, 0, '10a', 'Adaptation'), code(1, null, 0, '10', 'Features of the innovation'), code(3, null, 1, '', 'Other')];

describe('codingsToMarks', () => {
  it('colours each coding by its code and labels the margin with label + name', () => {
    const coding: Coding = {
      id: 7 as CodingId,
      documentId: 1 as DocumentId,
      codeId: 2 as CodeId,
      coderId: 1 as CoderId,
      start: 5,
      end: 9,
      text: 'abcd',
      createdAt: '',
    };
    expect(codingsToMarks([coding, { ...coding, id: 8 as CodingId, codeId: 99 as CodeId }], codes)).toEqual([
      { id: '7', start: 5, end: 9, color: '#000002', tag: '2', tagLabel: '10a Adaptation' },
      { id: '8', start: 5, end: 9, color: '#999999', tag: '99', tagLabel: 'code 99' },
    ]);
  });
});

describe('who coded what in the margin (issue 14)', () => {
  it('labels one margin tag per code and coder with the coder initials', () => {
    const base: Coding = { id: 7 as CodingId, documentId: 1 as DocumentId, codeId: 2 as CodeId, coderId: 1 as CoderId, start: 5, end: 9, text: 'abcd', createdAt: '' };
    const coders = [
      { id: 1 as CoderId, name: 'Ana Kovač', color: '#111111', isConsensus: false },
      { id: 2 as CoderId, name: 'ben', color: '#222222', isConsensus: false },
    ];
    const marks = codingsToMarks([base, { ...base, id: 8 as CodingId, coderId: 2 as CoderId }], codes, coders);
    expect(marks.map((m) => [m.tag, m.tagWho, m.tagLabel, m.tagTitle])).toEqual([
      ['2:1', 'AK', '10a Adaptation', '10a Adaptation, coded by Ana Kovač'],
      ['2:2', 'BE', '10a Adaptation', '10a Adaptation, coded by ben'],
    ]);
    expect(initials('Mary-Jane Smith')).toBe('MS');
    expect(initials('  ')).toBe('?');
  });
});

describe('recent codes (issue 14)', () => {
  it('puts the codes used last first, at most nine, and pins them in the picker with their number key', () => {
    expect(pushRecent([3, 1], [2])).toEqual([2, 3, 1]);
    expect(pushRecent([3, 1, 2], [1])).toEqual([1, 3, 2]);
    expect(pushRecent([1, 2, 3, 4, 5, 6, 7, 8, 9], [10])).toEqual([10, 1, 2, 3, 4, 5, 6, 7, 8]);
    const items = pickerItems(codes, [3, 2, 99]);
    expect(items.map((i) => `${i.badge ?? '-'}:${i.depth}:${i.primary}`)).toEqual(['1:0:Other', '2:0:10a', '-:0:10']);
  });
});

describe('pickerItems and filterItems', () => {
  it('lists codes depth-first with their depth', () => {
    expect(pickerItems(codes).map((i) => `${i.depth}:${i.primary}`)).toEqual(['0:10', '1:10a', '0:Other']);
  });
  it('matches every word against label or name, ignoring case', () => {
    const items = pickerItems(codes);
    expect(filterItems(items, 'adapt').map((i) => i.id)).toEqual([2]);
    expect(filterItems(items, '10A').map((i) => i.id)).toEqual([2]);
    expect(filterItems(items, 'innovation 10').map((i) => i.id)).toEqual([1]);
    expect(filterItems(items, '  ').length).toBe(3);
  });
});
