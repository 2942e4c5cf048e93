// Windowed highlighting: once per frame after a scroll, a resize, a batch of text or new marks, the
// paragraphs near the viewport get their highlights and their margin entries; the rest of the
// document gets its highlights in idle time. Reads a few dozen rects, never the whole document's.
import { $createTextNode, $getNodeByKey, $isElementNode, type LexicalEditor } from 'lexical';
import { useEffect, type RefObject } from 'react';
import { flushSync } from 'react-dom';
import { selectPoints, selectionPoints } from './selection-offsets';
import {
  $fillParagraph,
  FAST_SCREEN_MS,
  FILL_MIN_IDLE_MS,
  FILL_PER_CALL,
  KEEP,
  MARGIN,
  REBUILDS_PER_FRAME,
  WANT_ABOVE,
  WANT_BELOW,
  paragraphIndexOf,
  sameEntries,
  soon,
  sigOf,
  tagsOf,
  type MarginEntry,
  type Schedule,
  type ViewState,
} from './view-state';
import { paragraphsInBand, planFill, planNear, type Rebuild } from './windowing';

/**
 * Keeps highlights and margin in step with the viewport. `scheduleRef.current` is set to a function
 * that asks for a new pass (after new text or marks); `onLayout` receives the margin entries.
 */
export function useWindowedHighlights(
  editor: LexicalEditor,
  stateRef: RefObject<ViewState | null>,
  scrollRef: RefObject<HTMLDivElement | null>,
  scheduleRef: RefObject<Schedule>,
  onLayout: (entries: MarginEntry[]) => void,
): void {
  // Once per frame after a scroll, a resize, a batch or new marks: find the paragraphs near the
  // viewport, place their margin entries and give them their highlights; the rest of the document
  // gets its highlights when the page is idle. Reads a few dozen rects, never the whole document's.
  useEffect(() => {
    let frame = 0;
    let syncSoon = false;
    let disposed = false;
    let idle = 0;
    let settle: ReturnType<typeof setTimeout> | undefined;
    let lastSync = { t: -Infinity, y: 0 };
    let pointerDown = false;
    let lastEntries: MarginEntry[] = [];
    let marginBand: { from: number; to: number } | null = null;
    let marginDirty = true;

    /** Where the paragraphs are relative to the scroll position (rects read lazily, once each). */
    const measure = (st: ViewState, scroller: HTMLElement, root: HTMLElement) => {
      const n = st.rendered;
      const rects = new Map<number, DOMRect>();
      const y0 = scroller.getBoundingClientRect().top - scroller.scrollTop;
      const rect = (i: number) => {
        let r = rects.get(i);
        if (!r) {
          const el = editor.getElementByKey(st.keys[i]) ?? root.children[i];
          r = el ? el.getBoundingClientRect() : new DOMRect();
          rects.set(i, r);
        }
        return r;
      };
      const top = (i: number) => rect(i).top - y0;
      const bottom = (i: number) => rect(i).bottom - y0;
      const vh = scroller.clientHeight || 800;
      const y = scroller.scrollTop;
      return {
        y0,
        top,
        bottom,
        visible: paragraphsInBand(n, top, bottom, y, y + vh),
        want: paragraphsInBand(n, top, bottom, y - WANT_ABOVE * vh, y + (1 + WANT_BELOW) * vh),
        keep: paragraphsInBand(n, top, bottom, y - KEEP * vh, y + (1 + KEEP) * vh),
      };
    };

    /**
     * The user's selection inside the view, by offsets and by the paragraphs holding its ends.
     * Rebuilding a paragraph replaces its DOM nodes, which drops a selection ending in it: while the
     * mouse button is down (a drag in progress) those paragraphs are pinned and wait; otherwise the
     * selection is put back by offsets after the rebuild.
     */
    const userSelection = (st: ViewState, root: HTMLElement) => {
      const selection = document.getSelection();
      const points = selectionPoints(root, st.paras, selection);
      if (!selection || !points) return null;
      const ends = new Set([paragraphIndexOf(root, selection.anchorNode), paragraphIndexOf(root, selection.focusNode)]);
      return { selection, points, ends, pinned: pointerDown ? ends : new Set<number>() };
    };

    const rebuild = (st: ViewState, root: HTMLElement, rebuilds: Rebuild[], sel: ReturnType<typeof userSelection>) => {
      editor.update(
        () => {
          for (const { index, sig } of rebuilds) {
            const p = $getNodeByKey(st.keys[index]);
            if (!$isElementNode(p)) continue;
            p.clear();
            const para = st.paras[index];
            if (sig === '') {
              if (para.end > para.start) p.append($createTextNode(st.text.slice(para.start, para.end)));
              st.shown.delete(index);
            } else {
              $fillParagraph(p, st.text, para, st.byPara.get(index) ?? []);
              st.shown.set(index, sig);
            }
          }
        },
        { discrete: true, tag: 'historic' },
      );
      if (sel && rebuilds.some((r) => sel.ends.has(r.index))) selectPoints(root, st.paras, sel.points, sel.selection);
    };

    /** In idle time, give the rest of the document its highlights, nearest to the viewport first. */
    const fill = (deadline: IdleDeadline) => {
      idle = 0;
      const st = stateRef.current;
      const scroller = scrollRef.current;
      const root = editor.getRootElement();
      if (!st || st.cancelled || !scroller || !root || st.rendered === 0) return;
      if (deadline.timeRemaining() < FILL_MIN_IDLE_MS) {
        idle = requestIdleCallback(fill);
        return;
      }
      const { visible } = measure(st, scroller, root);
      const sel = userSelection(st, root);
      const { rebuilds, more } = planFill({
        shown: st.shown,
        count: st.rendered,
        around: visible,
        sigOf: (i) => sigOf(st, i),
        pinned: sel?.pinned,
        limit: FILL_PER_CALL,
      });
      if (rebuilds.length > 0) rebuild(st, root, rebuilds, sel);
      if (more) idle = requestIdleCallback(fill);
    };

    const sync = () => {
      frame = 0;
      syncSoon = false;
      if (disposed) return;
      const st = stateRef.current;
      const scroller = scrollRef.current;
      const root = editor.getRootElement();
      if (!st || st.cancelled || !scroller || !root || st.rendered === 0) return;
      const vh = scroller.clientHeight || 800;
      const y = scroller.scrollTop;
      // While the view flies past faster than a screen per FAST_SCREEN_MS nobody can read it:
      // leave highlights and margin until it slows down, so that those frames only paint.
      const now = performance.now();
      const fast = now - lastSync.t < 2 * FAST_SCREEN_MS && Math.abs(y - lastSync.y) * FAST_SCREEN_MS > vh * (now - lastSync.t);
      lastSync = { t: now, y };
      clearTimeout(settle);
      if (fast && !st.marksChanged && !marginDirty) {
        settle = setTimeout(schedule, FAST_SCREEN_MS / 2);
        return;
      }
      const { y0, top, bottom, visible, want, keep } = measure(st, scroller, root);

      // The margin covers a wider band than the highlights and is redone only when the viewport
      // nears its edge (or marks or sizes change), so most frames leave it alone. Highlights do not
      // change a paragraph's height, so it is placed from the rects read before the rebuild.
      let entries: MarginEntry[] | null = null;
      if (marginDirty || !marginBand || y - WANT_ABOVE * vh < marginBand.from || y + (1 + WANT_BELOW) * vh > marginBand.to) {
        marginDirty = false;
        marginBand = { from: y - MARGIN * vh, to: y + (1 + MARGIN) * vh };
        const band = paragraphsInBand(st.rendered, top, bottom, marginBand.from, marginBand.to);
        const marginEl = scroller.querySelector('.doc-margin');
        const base = marginEl ? marginEl.getBoundingClientRect().top - y0 : 0;
        entries = [];
        for (let i = band.from; i < band.to; i++) {
          if (st.byPara.has(i)) entries.push({ para: i, top: Math.round(top(i) - base), tags: tagsOf(st, i) });
        }
      }

      const sel = userSelection(st, root);
      const { rebuilds, more } = planNear({
        shown: st.shown,
        want,
        keep,
        first: visible,
        sigOf: (i) => sigOf(st, i),
        pinned: sel?.pinned,
        limit: REBUILDS_PER_FRAME,
      });
      if (rebuilds.length > 0) rebuild(st, root, rebuilds, sel);
      if (more) frame = requestAnimationFrame(sync);
      else st.marksChanged = false;
      if (idle === 0) idle = requestIdleCallback(fill);

      if (entries && !sameEntries(entries, lastEntries)) {
        const next = entries;
        lastEntries = next;
        // Commit the margin in this frame, so that it is laid out and painted with the text.
        flushSync(() => onLayout(next));
      }
    };
    const schedule = () => {
      if (frame === 0) frame = requestAnimationFrame(sync);
    };
    /** Something other than the scroll position changed: marks, sizes or the text. */
    const invalidate: Schedule = (now) => {
      marginDirty = true;
      if (!now) return schedule();
      if (syncSoon) return;
      syncSoon = true;
      cancelAnimationFrame(frame);
      frame = 0;
      // With the user's selection in the view, the pass puts it back after redrawing its paragraph:
      // in a task of its own (see soon); otherwise in a microtask, before the current task ends.
      const selection = document.getSelection();
      const root = editor.getRootElement();
      if (root && selection && selection.rangeCount > 0 && root.contains(selection.anchorNode)) soon(sync);
      else queueMicrotask(sync);
    };
    scheduleRef.current = invalidate;
    const scroller = scrollRef.current;
    scroller?.addEventListener('scroll', schedule, { passive: true });
    const observer = new ResizeObserver(() => invalidate());
    const onPointerDown = () => {
      pointerDown = true;
    };
    // A drag has ended: the paragraphs pinned under its ends can now be rebuilt.
    const onPointerUp = () => {
      if (!pointerDown) return;
      pointerDown = false;
      schedule();
    };
    const unregisterRoot = editor.registerRootListener((root, prev) => {
      if (prev) observer.unobserve(prev);
      if (root) observer.observe(root);
    });
    // Anywhere: a drag may start beside the text and end inside it.
    window.addEventListener('pointerdown', onPointerDown, true);
    window.addEventListener('pointerup', onPointerUp);
    window.addEventListener('pointercancel', onPointerUp);
    return () => {
      cancelAnimationFrame(frame);
      disposed = true;
      cancelIdleCallback(idle);
      clearTimeout(settle);
      window.removeEventListener('pointerdown', onPointerDown, true);
      window.removeEventListener('pointerup', onPointerUp);
      window.removeEventListener('pointercancel', onPointerUp);
      scroller?.removeEventListener('scroll', schedule);
      observer.disconnect();
      unregisterRoot();
      scheduleRef.current = () => {};
    };
  }, [editor, onLayout, scrollRef, stateRef, scheduleRef]);

}
