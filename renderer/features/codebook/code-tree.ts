// Pure codebook tree helpers for the UI: build the hierarchy from the flat list and turn a drop or
// a keyboard move into the `codebook:move` arguments (parent + final index among siblings).
import type { Code, CodeId } from '../../../shared/model/types';
import type { DropPosition, TreeNode } from '../../components/Tree';

export interface MoveTarget {
  parentId: CodeId | null;
  /** Position among the new siblings once the moved code has left its old place. */
  index: number;
}

/** Children of `parentId`, in their order. */
export function siblingsOf(codes: readonly Code[], parentId: CodeId | null): Code[] {
  return codes.filter((c) => c.parentId === parentId).sort((a, b) => a.order - b.order || a.id - b.id);
}

/** The codebook as a tree, siblings in order. */
export function buildTree(codes: readonly Code[]): TreeNode<Code>[] {
  const byParent = new Map<CodeId | null, Code[]>();
  for (const c of codes) {
    const key = c.parentId !== null && codes.some((p) => p.id === c.parentId) ? c.parentId : null;
    const list = byParent.get(key) ?? [];
    list.push(c);
    byParent.set(key, list);
  }
  const make = (parentId: CodeId | null, seen: Set<number>): TreeNode<Code>[] =>
    (byParent.get(parentId) ?? [])
      .sort((a, b) => a.order - b.order || a.id - b.id)
      .filter((c) => !seen.has(c.id))
      .map((c) => ({ id: c.id, data: c, children: make(c.id, new Set([...seen, c.id])) }));
  return make(null, new Set());
}

/** Codes in tree order with their depth: for pickers and lists. */
export function flattenTree(codes: readonly Code[]): { code: Code; depth: number }[] {
  const out: { code: Code; depth: number }[] = [];
  const walk = (nodes: TreeNode<Code>[], depth: number) => {
    for (const n of nodes) {
      out.push({ code: n.data, depth });
      walk(n.children, depth + 1);
    }
  };
  walk(buildTree(codes), 0);
  return out;
}

/** True when `id` is `ancestorId` or lies below it. */
export function isWithin(codes: readonly Code[], id: CodeId | null, ancestorId: CodeId): boolean {
  const byId = new Map(codes.map((c) => [c.id, c]));
  let cur = id;
  for (let guard = 0; cur !== null && guard <= codes.length; guard++) {
    if (cur === ancestorId) return true;
    cur = byId.get(cur)?.parentId ?? null;
  }
  return false;
}

/** Where a dragged code lands when dropped before, after or inside `targetId`; null if not allowed. */
export function dropTarget(codes: readonly Code[], dragId: CodeId, targetId: CodeId, pos: DropPosition): MoveTarget | null {
  const target = codes.find((c) => c.id === targetId);
  if (!target || isWithin(codes, targetId, dragId)) return null;
  if (pos === 'inside') {
    return { parentId: target.id, index: siblingsOf(codes, target.id).filter((c) => c.id !== dragId).length };
  }
  const siblings = siblingsOf(codes, target.parentId).filter((c) => c.id !== dragId);
  const at = siblings.findIndex((c) => c.id === targetId);
  return { parentId: target.parentId, index: pos === 'before' ? at : at + 1 };
}

export type KeyboardMove = 'up' | 'down' | 'indent' | 'outdent';

/** The move for an accessible command: up/down among siblings, indent under the previous sibling, outdent after the parent. */
export function keyboardTarget(codes: readonly Code[], id: CodeId, move: KeyboardMove): MoveTarget | null {
  const code = codes.find((c) => c.id === id);
  if (!code) return null;
  const siblings = siblingsOf(codes, code.parentId);
  const at = siblings.findIndex((c) => c.id === id);
  switch (move) {
    case 'up':
      return at > 0 ? { parentId: code.parentId, index: at - 1 } : null;
    case 'down':
      return at < siblings.length - 1 ? { parentId: code.parentId, index: at + 1 } : null;
    case 'indent': {
      if (at <= 0) return null;
      const newParent = siblings[at - 1];
      return { parentId: newParent.id, index: siblingsOf(codes, newParent.id).length };
    }
    case 'outdent': {
      if (code.parentId === null) return null;
      const parent = codes.find((c) => c.id === code.parentId);
      if (!parent) return null;
      const parentSiblings = siblingsOf(codes, parent.parentId);
      return { parentId: parent.parentId, index: parentSiblings.findIndex((c) => c.id === parent.id) + 1 };
    }
  }
}

/** "10a Adaptation" or just the name when the code has no label. */
export function codeTitle(code: Pick<Code, 'label' | 'name'>): string {
  return code.label ? `${code.label} ${code.name}` : code.name;
}
