// Codebook tree operations on flat code lists (id, parentId, order): children, descendants,
// cycle checks, depth-first order and natural label order.
export interface TreeNode {
  id: number;
  parentId: number | null;
  order: number;
}

/** Children of each node (null key: top level), sorted by order. */
export function childrenMap<T extends TreeNode>(nodes: readonly T[]): Map<number | null, T[]> {
  const map = new Map<number | null, T[]>();
  for (const n of nodes) {
    const list = map.get(n.parentId) ?? [];
    list.push(n);
    map.set(n.parentId, list);
  }
  for (const list of map.values()) list.sort((a, b) => a.order - b.order || a.id - b.id);
  return map;
}

/** The node and all its descendants, parents before children. */
export function subtree<T extends TreeNode>(nodes: readonly T[], rootId: number): T[] {
  const kids = childrenMap(nodes);
  const root = nodes.find((n) => n.id === rootId);
  if (!root) return [];
  const out: T[] = [];
  const stack: T[] = [root];
  while (stack.length) {
    const n = stack.pop()!;
    out.push(n);
    const c = kids.get(n.id) ?? [];
    for (let i = c.length - 1; i >= 0; i--) stack.push(c[i]);
  }
  return out;
}

/** True when `candidate` is `ancestor` itself or lies below it: moving `ancestor` under it would make a cycle. */
export function isInSubtree(nodes: readonly TreeNode[], ancestor: number, candidate: number | null): boolean {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  let cur = candidate;
  const seen = new Set<number>();
  while (cur !== null) {
    if (cur === ancestor) return true;
    if (seen.has(cur)) return true;
    seen.add(cur);
    cur = byId.get(cur)?.parentId ?? null;
  }
  return false;
}

/** Depth-first order with each node's depth (0 = top level). */
export function depthFirst<T extends TreeNode>(nodes: readonly T[]): { node: T; depth: number }[] {
  const kids = childrenMap(nodes);
  const out: { node: T; depth: number }[] = [];
  const walk = (parent: number | null, depth: number) => {
    for (const n of kids.get(parent) ?? []) {
      out.push({ node: n, depth });
      walk(n.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

/** Ancestors of a node, nearest first. */
export function ancestors<T extends TreeNode>(nodes: readonly T[], id: number): T[] {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const out: T[] = [];
  let cur = byId.get(id)?.parentId ?? null;
  while (cur !== null && out.length <= nodes.length) {
    const n = byId.get(cur);
    if (!n) break;
    out.push(n);
    cur = n.parentId;
  }
  return out;
}

/** Natural order of code labels: 10 < 10a < 10b < 20 < 90 < 100 < 999; empty labels last. */
export function compareLabels(a: string, b: string): number {
  if (!a || !b) return a ? -1 : b ? 1 : 0;
  const ga = a.match(/\d+|\D+/g) ?? [];
  const gb = b.match(/\d+|\D+/g) ?? [];
  for (let i = 0; i < Math.min(ga.length, gb.length); i++) {
    const x = ga[i];
    const y = gb[i];
    const nx = /^\d/.test(x);
    const ny = /^\d/.test(y);
    if (nx && ny) {
      const d = Number(x) - Number(y);
      if (d) return d;
    } else if (nx !== ny) {
      return nx ? -1 : 1;
    } else {
      const d = x.localeCompare(y, 'en', { sensitivity: 'base' });
      if (d) return d;
    }
  }
  return ga.length - gb.length;
}
