// Codebook tree helpers: building the hierarchy and turning drops / keyboard moves into
// `codebook:move` arguments. Expected values are worked out by hand from the small codebook below.
import { describe, expect, it } from 'vitest';
import type { Code, CodeId } from '../../shared/model/types';
import { buildTree, dropTarget, flattenTree, isWithin, keyboardTarget } from '../../renderer/features/codebook/code-tree';

const code = (id: number, parentId: number | null, order: number, label: string): Code => ({
  id: id as CodeId,
  guid: `g${id}`,
  parentId: parentId as CodeId | null,
  label,
  name: `name ${label}`,
  definition: '',
  color: '#4e79a7',
  order,
});

// 10 ─ 10a, 10b ; 11 ─ 11a   (ids: 1=10, 2=10a, 3=10b, 4=11, 5=11a), given out of order on purpose
const codes = [code(3, 1, 1, '10b'), code(4, null, 1, '11'), code(1, null, 0, '10'), code(5, 4, 0, '11a'), code(2, 1, 0, '10a')];
const id = (n: number) => n as CodeId;

describe('buildTree / flattenTree', () => {
  it('nests children under parents in sibling order', () => {
    const tree = buildTree(codes);
    expect(tree.map((n) => n.data.label)).toEqual(['10', '11']);
    expect(tree[0].children.map((n) => n.data.label)).toEqual(['10a', '10b']);
    expect(flattenTree(codes).map((x) => `${x.depth}:${x.code.label}`)).toEqual(['0:10', '1:10a', '1:10b', '0:11', '1:11a']);
  });
  it('shows a code whose parent is missing at the top level', () => {
    expect(buildTree([code(9, 77, 0, 'orphan')]).map((n) => n.data.label)).toEqual(['orphan']);
  });
});

describe('dropTarget', () => {
  it('drops inside a code as its last child', () => {
    expect(dropTarget(codes, id(2), id(4), 'inside')).toEqual({ parentId: 4, index: 1 });
  });
  it('drops before / after a sibling counting positions without the moved code', () => {
    // moving 10a after 10b: siblings without 10a are [10b], so after 10b is index 1
    expect(dropTarget(codes, id(2), id(3), 'after')).toEqual({ parentId: 1, index: 1 });
    // moving 11a before 10 (top level [10, 11]) → index 0 at the top level
    expect(dropTarget(codes, id(5), id(1), 'before')).toEqual({ parentId: null, index: 0 });
  });
  it('refuses to drop a code inside its own descendant', () => {
    expect(dropTarget(codes, id(1), id(2), 'inside')).toBeNull();
    expect(isWithin(codes, id(2), id(1))).toBe(true);
    expect(isWithin(codes, id(5), id(1))).toBe(false);
  });
});

describe('keyboardTarget', () => {
  it('moves up and down among siblings, not past the ends', () => {
    expect(keyboardTarget(codes, id(3), 'up')).toEqual({ parentId: 1, index: 0 });
    expect(keyboardTarget(codes, id(2), 'up')).toBeNull();
    expect(keyboardTarget(codes, id(3), 'down')).toBeNull();
  });
  it('indents under the previous sibling and outdents to just after the parent', () => {
    expect(keyboardTarget(codes, id(3), 'indent')).toEqual({ parentId: 2, index: 0 });
    expect(keyboardTarget(codes, id(4), 'indent')).toEqual({ parentId: 1, index: 2 });
    expect(keyboardTarget(codes, id(2), 'outdent')).toEqual({ parentId: null, index: 1 });
    expect(keyboardTarget(codes, id(1), 'outdent')).toBeNull();
  });
});
