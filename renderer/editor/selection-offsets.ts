// Map a DOM selection inside the read-only view to document offsets and back: each top-level
// paragraph element is paragraph i (its start offset is known), and the text from the paragraph's
// start to the selection point is measured with a DOM Range.
import type { Span } from '../../shared/model/types';
import { paragraphAt } from './segments';

function paragraphElement(root: HTMLElement, node: Node): HTMLElement | null {
  let cur: Node | null = node;
  while (cur && cur.parentNode !== root) cur = cur.parentNode;
  return cur instanceof HTMLElement ? cur : null;
}

function pointOffset(root: HTMLElement, paras: readonly Span[], node: Node, offset: number): number | null {
  if (node === root) {
    // A point between paragraphs: the start of paragraph `offset` (or the end of the text).
    const p = paras[offset];
    return p ? p.start : paras.length ? paras[paras.length - 1].end : 0;
  }
  const pEl = paragraphElement(root, node);
  if (!pEl) return null;
  const index = Array.prototype.indexOf.call(root.children, pEl) as number;
  const para = paras[index];
  if (!para) return null;
  const range = document.createRange();
  range.setStart(pEl, 0);
  range.setEnd(node, offset);
  return Math.min(para.end, para.start + range.toString().length);
}

/** The selection as [start, end) in document offsets, or null if it is empty or outside `root`. */
export function selectionToOffsets(root: HTMLElement, paras: readonly Span[], selection: Selection | null): Span | null {
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
  const range = selection.getRangeAt(0);
  if (!root.contains(range.startContainer) || !root.contains(range.endContainer)) return null;
  const start = pointOffset(root, paras, range.startContainer, range.startOffset);
  const end = pointOffset(root, paras, range.endContainer, range.endOffset);
  if (start === null || end === null || end <= start) return null;
  return { start, end };
}

/** The DOM point (text node and offset in it) showing document offset `offset`, or null. */
export function offsetToPoint(root: HTMLElement, paras: readonly Span[], offset: number): { node: Node; offset: number } | null {
  if (paras.length === 0) return null;
  const index = paragraphAt(paras, offset);
  const para = paras[index];
  const pEl = root.children[index];
  if (!pEl) return null;
  let rest = Math.max(0, Math.min(offset, para.end) - para.start);
  const walker = document.createTreeWalker(pEl, NodeFilter.SHOW_TEXT);
  let last: Text | null = null;
  for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null) {
    if (rest <= n.length) return { node: n, offset: rest };
    rest -= n.length;
    last = n;
  }
  return last ? { node: last, offset: last.length } : { node: pEl, offset: 0 };
}

/** Select [start, end) of the document in the DOM (e.g. a quote opened from a report). */
export function selectOffsets(root: HTMLElement, paras: readonly Span[], span: Span, selection: Selection | null): boolean {
  return selectPoints(root, paras, { anchor: span.start, focus: span.end }, selection);
}

/** A selection by document offsets, keeping its direction (the anchor may come after the focus). */
export interface SelectionPoints {
  anchor: number;
  focus: number;
}

/** The selection's anchor and focus as document offsets, or null if it is collapsed or outside `root`. */
export function selectionPoints(root: HTMLElement, paras: readonly Span[], selection: Selection | null): SelectionPoints | null {
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed || !selection.anchorNode || !selection.focusNode) return null;
  if (!root.contains(selection.anchorNode) || !root.contains(selection.focusNode)) return null;
  const anchor = pointOffset(root, paras, selection.anchorNode, selection.anchorOffset);
  const focus = pointOffset(root, paras, selection.focusNode, selection.focusOffset);
  return anchor === null || focus === null ? null : { anchor, focus };
}

/** Select from `anchor` to `focus` (document offsets): puts a selection back after its nodes were rebuilt. */
export function selectPoints(root: HTMLElement, paras: readonly Span[], points: SelectionPoints, selection: Selection | null): boolean {
  const a = offsetToPoint(root, paras, points.anchor);
  const b = offsetToPoint(root, paras, points.focus);
  if (!a || !b || !selection) return false;
  selection.setBaseAndExtent(a.node, a.offset, b.node, b.offset);
  return true;
}
