// A keyboard- and drag-friendly tree (role="tree"): arrows move focus, Left/Right collapse and
// expand, other keys go to the owner; items can be dropped before, after or inside another item.
import { useState, type KeyboardEvent, type ReactNode } from 'react';

export interface TreeNode<T> {
  id: number;
  data: T;
  children: TreeNode<T>[];
}

export type DropPosition = 'before' | 'after' | 'inside';

export interface TreeProps<T> {
  nodes: TreeNode<T>[];
  label: string;
  renderItem: (node: TreeNode<T>) => ReactNode;
  selectedId: number | null;
  onSelect: (id: number) => void;
  onDrop: (dragId: number, targetId: number, position: DropPosition) => void;
  onItemKeyDown?: (id: number, e: KeyboardEvent) => void;
}

/** Depth-first list of the nodes a user can see (children of collapsed nodes are hidden). */
function visibleIds<T>(nodes: TreeNode<T>[], collapsed: Set<number>, out: number[] = []): number[] {
  for (const n of nodes) {
    out.push(n.id);
    if (!collapsed.has(n.id)) visibleIds(n.children, collapsed, out);
  }
  return out;
}

function dropPosition(e: React.DragEvent<HTMLElement>): DropPosition {
  const rect = e.currentTarget.getBoundingClientRect();
  const y = (e.clientY - rect.top) / Math.max(1, rect.height);
  return y < 0.3 ? 'before' : y > 0.7 ? 'after' : 'inside';
}

export function Tree<T>({ nodes, label, renderItem, selectedId, onSelect, onDrop, onItemKeyDown }: TreeProps<T>) {
  const [collapsed, setCollapsed] = useState<Set<number>>(new Set());
  const [dragId, setDragId] = useState<number | null>(null);
  const [over, setOver] = useState<{ id: number; pos: DropPosition } | null>(null);

  const focusItem = (id: number) => {
    onSelect(id);
    document.querySelector<HTMLElement>(`[data-tree-id="${id}"]`)?.focus();
  };
  const setOpen = (id: number, open: boolean) =>
    setCollapsed((c) => {
      const next = new Set(c);
      if (open) next.delete(id);
      else next.add(id);
      return next;
    });

  const onKeyDown = (node: TreeNode<T>, e: KeyboardEvent) => {
    if (e.target !== e.currentTarget) return;
    onItemKeyDown?.(node.id, e);
    if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey) return;
    const ids = visibleIds(nodes, collapsed);
    const i = ids.indexOf(node.id);
    if (e.key === 'ArrowDown' && i < ids.length - 1) focusItem(ids[i + 1]);
    else if (e.key === 'ArrowUp' && i > 0) focusItem(ids[i - 1]);
    else if (e.key === 'ArrowRight' && node.children.length > 0) setOpen(node.id, true);
    else if (e.key === 'ArrowLeft' && node.children.length > 0) setOpen(node.id, false);
    else return;
    e.preventDefault();
  };

  const renderNodes = (list: TreeNode<T>[], depth: number): ReactNode =>
    list.map((node) => {
      const open = !collapsed.has(node.id);
      const hasChildren = node.children.length > 0;
      const cls = ['tree-item'];
      if (node.id === selectedId) cls.push('selected');
      if (over?.id === node.id) cls.push(`drop-${over.pos}`);
      return (
        <li key={node.id} role="none">
          <div
            role="treeitem"
            aria-level={depth + 1}
            aria-expanded={hasChildren ? open : undefined}
            aria-selected={node.id === selectedId}
            tabIndex={node.id === selectedId || (selectedId === null && depth === 0 && node === nodes[0]) ? 0 : -1}
            data-tree-id={node.id}
            className={cls.join(' ')}
            style={{ paddingLeft: `${depth * 1.1 + 0.25}rem` }}
            draggable
            onClick={() => onSelect(node.id)}
            onKeyDown={(e) => onKeyDown(node, e)}
            onDragStart={(e) => {
              setDragId(node.id);
              e.dataTransfer.effectAllowed = 'move';
              e.dataTransfer.setData('text/plain', String(node.id));
            }}
            onDragEnd={() => {
              setDragId(null);
              setOver(null);
            }}
            onDragOver={(e) => {
              if (dragId === null || dragId === node.id) return;
              e.preventDefault();
              const pos = dropPosition(e);
              if (over?.id !== node.id || over.pos !== pos) setOver({ id: node.id, pos });
            }}
            onDragLeave={() => setOver((o) => (o?.id === node.id ? null : o))}
            onDrop={(e) => {
              e.preventDefault();
              const pos = dropPosition(e);
              if (dragId !== null && dragId !== node.id) onDrop(dragId, node.id, pos);
              setDragId(null);
              setOver(null);
            }}
          >
            <button
              type="button"
              className="tree-toggle"
              tabIndex={-1}
              aria-hidden="true"
              style={{ visibility: hasChildren ? 'visible' : 'hidden' }}
              onClick={(e) => {
                e.stopPropagation();
                setOpen(node.id, !open);
              }}
            >
              {open ? '▾' : '▸'}
            </button>
            {renderItem(node)}
          </div>
          {hasChildren && open && <ul role="group">{renderNodes(node.children, depth + 1)}</ul>}
        </li>
      );
    });

  return (
    <ul className="tree" role="tree" aria-label={label}>
      {renderNodes(nodes, 0)}
    </ul>
  );
}
