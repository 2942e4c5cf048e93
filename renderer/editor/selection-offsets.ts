// Map a DOM selection inside the read-only view to document offsets: each top-level paragraph
// element is paragraph i (its start offset is known), and the text from the paragraph's start to
// the selection point is measured with a DOM Range.
import type { Span } from '../../shared/model/types';

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
