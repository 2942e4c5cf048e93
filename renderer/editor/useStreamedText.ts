// The document's text in the view: on a new text every paragraph goes in as plain text, the first
// ones at once and the rest in batches per background task; on new marks the marks are indexed per
// paragraph and a pass of the windowed highlighting is asked for.
import { $createParagraphNode, $createTextNode, $getRoot, type LexicalEditor } from 'lexical';
import { useEffect, useLayoutEffect, type RefObject } from 'react';
import { marksByParagraph, splitParagraphs, updateMarksByParagraph, type MarkSpan } from './segments';
import { BATCH_PARAGRAPHS, FIRST_PARAGRAPHS, later, type Schedule, type ViewState } from './view-state';

export function useStreamedText(
  editor: LexicalEditor,
  text: string,
  marks: MarkSpan[],
  marksRef: RefObject<MarkSpan[]>,
  stateRef: RefObject<ViewState | null>,
  scheduleRef: RefObject<Schedule>,
): void {
  // A new text: rebuild from scratch as plain paragraphs, the first ones now and the rest in
  // batches per background task; the sync above adds the highlights.
  useEffect(() => {
    const paras = splitParagraphs(text);
    const st: ViewState = {
      text,
      paras,
      keys: [],
      rendered: 0,
      marks: marksRef.current,
      byPara: marksByParagraph(paras, marksRef.current),
      sigs: new Map(),
      tags: new Map(),
      shown: new Map(),
      marksChanged: false,
      cancelled: false,
    };
    stateRef.current = st;
    const renderBatch = (from: number, to: number) => {
      editor.update(
        () => {
          const root = $getRoot();
          if (from === 0) root.clear();
          for (let i = from; i < to; i++) {
            const p = $createParagraphNode();
            const para = paras[i];
            if (para.end > para.start) p.append($createTextNode(text.slice(para.start, para.end)));
            root.append(p);
            st.keys[i] = p.getKey();
          }
        },
        { tag: 'historic' },
      );
      st.rendered = to;
      scheduleRef.current();
    };
    renderBatch(0, Math.min(paras.length, FIRST_PARAGRAPHS));
    const next = () => {
      if (st.cancelled || st.rendered >= paras.length) return;
      renderBatch(st.rendered, Math.min(paras.length, st.rendered + BATCH_PARAGRAPHS));
      later(next);
    };
    later(next);
    return () => {
      st.cancelled = true;
    };
  }, [editor, text, marksRef, stateRef, scheduleRef]);

  // New marks: index them per paragraph; the next sync rebuilds the paragraphs near the viewport
  // whose marks changed, and idle time the rest. A few changed marks (a coding applied, recoded,
  // removed, or a teammate's) update the index and forget the signatures and tags of their
  // paragraphs only, so the frame after a coding redraws one paragraph, not the document's index.
  // A few changed marks are drawn right after this commit (useWindowedHighlights' invalidate with
  // `now`), not in the next frame's callbacks: the frame that follows only lays out and paints them.
  useLayoutEffect(() => {
    const st = stateRef.current;
    if (!st || st.marks === marks) return;
    const changed = updateMarksByParagraph(st.paras, st.byPara, st.marks, marks);
    st.marks = marks;
    if (changed === null) {
      st.byPara = marksByParagraph(st.paras, marks);
      st.sigs = new Map();
      st.tags = new Map();
    } else {
      if (changed.size === 0) return;
      for (const i of changed) {
        st.sigs.delete(i);
        st.tags.delete(i);
      }
    }
    st.marksChanged = true;
    scheduleRef.current(changed !== null);
  }, [marks, stateRef, scheduleRef]);

}
