// Applying one coding without redoing the document's whole index: the marks index updated in place,
// marks kept by identity across lists, the view's codings updated from its own calls' answers and the
// change events of those calls told from everyone else's. Expected values are worked out by hand.
import { describe, expect, it } from 'vitest';
import type { ChangeEvent } from '../../shared/api/events';
import type { Code, CodeId, CoderId, Coding, CodingId, DocumentId } from '../../shared/model/types';
import { marksByParagraph, splitParagraphs, updateMarksByParagraph, type MarkSpan } from '../../renderer/editor/segments';
import { isProvisional, OwnChanges, provisionalCodings, withCodings, withoutCodings } from '../../renderer/features/coding/codings-state';
import { codingsToMarks, MarkCache } from '../../renderer/features/coding/marks';

const mark = (id: string, start: number, end: number): MarkSpan => ({ id, start, end, color: '#112233', tag: id, tagLabel: `code ${id}` });

describe('updateMarksByParagraph', () => {
  // Paragraphs: "aaaa" [0,4), "bbbb" [5,9), "cccc" [10,14).
  const text = 'aaaa\nbbbb\ncccc';
  const paras = splitParagraphs(text);
  const m1 = mark('1', 1, 3);
  const m2 = mark('2', 2, 12);
  const m3 = mark('3', 11, 13);

  it('adds a mark to the paragraphs it touches and reports only those', () => {
    const byPara = marksByParagraph(paras, [m1]);
    const changed = updateMarksByParagraph(paras, byPara, [m1], [m1, m3]);
    expect([...changed!]).toEqual([2]);
    expect(byPara).toEqual(marksByParagraph(paras, [m1, m3]));
  });

  it('removes a mark spanning paragraphs from each of them, dropping emptied entries', () => {
    const byPara = marksByParagraph(paras, [m1, m2, m3]);
    const changed = updateMarksByParagraph(paras, byPara, [m1, m2, m3], [m1, m3]);
    expect([...changed!].sort()).toEqual([0, 1, 2]);
    expect(byPara).toEqual(marksByParagraph(paras, [m1, m3]));
    expect(byPara.has(1)).toBe(false);
  });

  it('compares marks by identity: an equal copy counts as a replacement of its paragraph, the same object as unchanged', () => {
    const byPara = marksByParagraph(paras, [m1, m3]);
    expect([...updateMarksByParagraph(paras, byPara, [m1, m3], [m1, m3])!]).toEqual([]);
    const changed = updateMarksByParagraph(paras, byPara, [m1, m3], [{ ...m1 }, m3]);
    expect([...changed!]).toEqual([0]);
    expect(byPara.get(0)).toEqual([m1]);
  });

  it('asks for a full rebuild when much changed (more than 64 marks and an eighth of the list)', () => {
    const many = Array.from({ length: 100 }, (_, i) => mark(String(i), i % 14, (i % 14) + 1));
    expect(updateMarksByParagraph(paras, marksByParagraph(paras, []), [], many)).toBeNull();
    expect(updateMarksByParagraph(paras, marksByParagraph(paras, many), many, many.slice(0, 99))).not.toBeNull();
  });
});

const code = (id: number): Code => ({ id: id as CodeId, guid: `g${id}`, parentId: null, label: String(id * 10), name: `Code ${id}`, definition: '', color: '#00000' + id, order: id });
const codes = [code(1), code(2)];
const coders = [{ id: 1 as CoderId, name: 'Ana Kovač', color: '#111111', isConsensus: false }];
const coding = (id: number, start: number, end: number, codeId = 1, coderId = 1): Coding => ({
  id: id as CodingId,
  documentId: 5 as DocumentId,
  codeId: codeId as CodeId,
  coderId: coderId as CoderId,
  start,
  end,
  text: '',
  createdAt: '',
});

describe('MarkCache', () => {
  it('draws what codingsToMarks draws, keeping the mark object of each unchanged coding', () => {
    const cache = new MarkCache();
    const a = [coding(1, 0, 4), coding(2, 5, 9)];
    const first = cache.marks(a, codes, coders);
    expect(first).toEqual(codingsToMarks(a, codes, coders));
    // A reloaded list: new objects with the same content, one recoded, one new.
    const b = [coding(1, 0, 4), coding(2, 5, 9, 2), coding(3, 1, 2)];
    const second = cache.marks(b, codes, coders);
    expect(second).toEqual(codingsToMarks(b, codes, coders));
    expect(second[0]).toBe(first[0]);
    expect(second[1]).not.toBe(first[1]);
    expect(second[1].color).toBe('#000002');
  });

  it('draws every mark anew when the codes change (a renamed code relabels its tags)', () => {
    const cache = new MarkCache();
    const a = [coding(1, 0, 4)];
    const first = cache.marks(a, codes, coders);
    const renamed = [{ ...code(1), name: 'Renamed' }, code(2)];
    const second = cache.marks(a, renamed, coders);
    expect(second[0]).not.toBe(first[0]);
    expect(second[0].tagLabel).toBe('10 Renamed');
  });
});

describe('the view’s own codings', () => {
  it('replaces codings by id in place and appends new ones', () => {
    const list = [coding(1, 0, 4), coding(2, 5, 9)];
    expect(withCodings(list, [coding(2, 5, 9, 2), coding(3, 1, 2)]).map((c) => `${c.id}:${c.codeId}`)).toEqual(['1:1', '2:2', '3:1']);
    expect(withCodings(list, [])).toBe(list);
    expect(withoutCodings(list, new Set([1])).map((c) => c.id)).toEqual([2]);
  });

  it('draws one provisional coding per new code, leaving out codes already applied to exactly this range', () => {
    const list = [coding(1, 0, 4, 1)];
    const drawn = provisionalCodings(list, { codeIds: [1, 2, 2], documentId: 5 as DocumentId, coderId: 1 as CoderId, start: 0, end: 4, text: 'aaaa' });
    expect(drawn.map((c) => [c.codeId, c.start, c.end, c.text, isProvisional(c)])).toEqual([[2, 0, 4, 'aaaa', true]]);
    // Another coder's coding of the same range does not count as done.
    expect(provisionalCodings([coding(1, 0, 4, 1, 2)], { codeIds: [1], documentId: 5 as DocumentId, coderId: 1 as CoderId, start: 0, end: 4, text: '' })).toHaveLength(1);
  });
});

const event = (action: string, ids: number[] | null, documentId = 5): ChangeEvent => ({
  batch: 1,
  at: '',
  actor: 'Ana',
  action,
  tables: { codings: ids },
  codings: [{ documentId, coderId: 1 }],
});

describe('OwnChanges', () => {
  it('skips the event of a call whose answer was applied, once', () => {
    const own = new OwnChanges(5);
    own.begin();
    expect(own.end([7, 8])).toBe(false);
    expect(own.needsReload(event('coding.apply', [7, 8]))).toBe(false);
    // The same ids again (e.g. the lead removing them) are someone else's change.
    expect(own.needsReload(event('coding.remove', [7]))).toBe(true);
  });

  it('reloads for anyone else’s change, for undo and for changes too large to list', () => {
    const own = new OwnChanges(5);
    own.begin();
    own.end([7]);
    expect(own.needsReload(event('coding.apply', [9]))).toBe(true);
    expect(own.needsReload(event('coding.apply', [7, 9]))).toBe(true);
    expect(own.needsReload(event('undo', [7]))).toBe(true);
    expect(own.needsReload(event('coding.apply', null))).toBe(true);
  });

  it('ignores changes on other documents', () => {
    expect(new OwnChanges(5).needsReload(event('coding.apply', [1], 6))).toBe(false);
  });

  it('holds an event that arrives before its call answers, and decides when the call has answered', () => {
    const own = new OwnChanges(5);
    own.begin();
    expect(own.needsReload(event('coding.apply', [7]))).toBe(false);
    expect(own.end([7])).toBe(false);

    own.begin();
    expect(own.needsReload(event('coding.apply', [9]))).toBe(false);
    // The call made 10: the held event (9) was someone else's, so the list reloads.
    expect(own.end([10])).toBe(true);

    own.begin();
    expect(own.needsReload(event('coding.remove', [11]))).toBe(false);
    // The call failed: nothing of the held event was ours.
    expect(own.end()).toBe(true);
  });

  it('counts answered calls, so that a list fetched before one answered is fetched again', () => {
    const own = new OwnChanges(5);
    const before = own.settled;
    own.begin();
    own.end([1]);
    expect(own.settled).toBe(before + 1);
  });
});

describe('updateMarksByParagraph on reordered lists', () => {
  it('tells moved marks from new ones: a list in another order changes nothing', () => {
    const paras = splitParagraphs('aaaa\nbbbb\ncccc');
    const marks = [mark('1', 1, 3), mark('2', 6, 8), mark('3', 11, 13), mark('4', 0, 14)];
    const byPara = marksByParagraph(paras, marks);
    const reordered = [marks[3], marks[1], marks[0], marks[2]];
    expect([...updateMarksByParagraph(paras, byPara, marks, reordered)!]).toEqual([]);
    const changed = updateMarksByParagraph(paras, byPara, reordered, [marks[3], marks[0], mark('5', 6, 7), marks[2]]);
    expect([...changed!]).toEqual([1]);
    expect(byPara.get(1)!.map((m) => m.id).sort()).toEqual(['4', '5']);
  });
});
