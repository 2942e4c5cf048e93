// The read-only document view: a Lexical editor (editable: false) with one paragraph per line, a
// margin listing the codes beside each paragraph, and selection → offset mapping. Every paragraph
// goes in as plain text first (streamed in batches); paragraphs near the viewport get their
// CodingMarkNodes at once and the rest in idle time, and the margin covers a band around the
// viewport, so a long, densely coded document opens and scrolls without long tasks. When marks
// change only the paragraphs whose marks changed are rebuilt.
import { LexicalComposer } from '@lexical/react/LexicalComposer';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { ContentEditable } from '@lexical/react/LexicalContentEditable';
import {
  $createParagraphNode,
  $createTextNode,
  $getNodeByKey,
  $getRoot,
  $isElementNode,
  COMMAND_PRIORITY_EDITOR,
  type ElementNode,
  type LexicalEditor,
} from 'lexical';
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import type { Span } from '../../shared/model/types';
import { $createCodingMarkNode, CodingMarkNode } from './coding-mark-node';
import { APPLY_CODE_COMMAND, OPEN_CODE_PICKER_COMMAND, SHOW_CODINGS_COMMAND } from './commands';
import {
  marksByParagraph,
  paragraphPieces,
  paragraphSignature,
  paragraphTags,
  splitParagraphs,
  type MarkSpan,
} from './segments';
import { selectPoints, selectionPoints, selectionToOffsets } from './selection-offsets';
import { paragraphsInBand, planFill, planNear, type Rebuild } from './windowing';

/** Plain paragraphs in the first paint, then per task while the rest streams in. */
export const FIRST_PARAGRAPHS = 60;
export const BATCH_PARAGRAPHS = 150;
/** Highlights are drawn at once from WANT_ABOVE screens above the viewport to WANT_BELOW below it. */
const WANT_ABOVE = 1;
const WANT_BELOW = 1.5;
/** Decorated paragraphs up to KEEP screens away are brought up to date at once when marks change. */
const KEEP = 3;
/** The margin lists the codes of paragraphs up to MARGIN screens away. */
const MARGIN = 3;
/** Rebuilds per frame; the visible paragraphs go first and the rest follow in the next frames. */
const REBUILDS_PER_FRAME = 24;
/** Paragraphs given their highlights per idle callback, if at least FILL_MIN_IDLE_MS are free. */
const FILL_PER_CALL = 12;
const FILL_MIN_IDLE_MS = 8;
/** Scrolling faster than a screen per this many ms defers highlights until it slows down. */
const FAST_SCREEN_MS = 200;

export interface DocumentEditorProps {
  text: string;
  marks: MarkSpan[];
  onSelectionChange: (range: Span | null) => void;
  onRequestCode: (range: Span) => void;
  onApplyCodes: (codeIds: number[], range: Span) => void;
  onMarkClick: (ids: string[], x: number, y: number) => void;
  onReady?: (editor: LexicalEditor) => void;
}

/** Run every cleanup, last registered first. */
function mergeRegister(...cleanups: (() => void)[]): () => void {
  return () => cleanups.reverse().forEach((f) => f());
}

type Tag = { tag: string; label: string; color: string; title?: string };

interface ViewState {
  text: string;
  paras: Span[];
  keys: string[];
  rendered: number;
  byPara: Map<number, MarkSpan[]>;
  /** Signatures and margin tags of byPara, filled on demand. */
  sigs: Map<number, string>;
  tags: Map<number, Tag[]>;
  /** Paragraphs currently drawn with highlights, and the signature they show (absent = plain). */
  shown: Map<number, string>;
  /** Marks changed and the paragraphs near the viewport are not all rebuilt yet. */
  marksChanged: boolean;
  cancelled: boolean;
}

interface MarginEntry {
  para: number;
  top: number;
  tags: Tag[];
}

interface TaskScheduler {
  postTask(callback: () => void, options: { priority: 'user-blocking' | 'user-visible' | 'background' }): Promise<unknown>;
}

/**
 * Run `f` in a later task of background priority where the browser has one, so the rest of a long
 * document streams in without delaying other tasks: the codings' response body is read on the main
 * thread chunk by chunk, and behind setTimeout(0) batches it arrived ~300 ms later (measured).
 */
function later(f: () => void): void {
  const scheduler = (globalThis as { scheduler?: TaskScheduler }).scheduler;
  if (scheduler) void scheduler.postTask(f, { priority: 'background' });
  else setTimeout(f, 0);
}

function $fillParagraph(p: ElementNode, text: string, para: Span, marks: readonly MarkSpan[]): void {
  for (const piece of paragraphPieces(para, marks)) {
    const t = $createTextNode(text.slice(piece.start, piece.end));
    if (piece.marks.length === 0) {
      p.append(t);
    } else {
      const m = $createCodingMarkNode(
        piece.marks.map((x) => x.id),
        piece.marks.map((x) => x.color),
      );
      m.append(t);
      p.append(m);
    }
  }
}

function sigOf(st: ViewState, i: number): string {
  let sig = st.sigs.get(i);
  if (sig === undefined) {
    sig = paragraphSignature(st.byPara.get(i));
    st.sigs.set(i, sig);
  }
  return sig;
}

function tagsOf(st: ViewState, i: number): Tag[] {
  let tags = st.tags.get(i);
  if (tags === undefined) {
    tags = paragraphTags(st.byPara.get(i) ?? []);
    st.tags.set(i, tags);
  }
  return tags;
}

/** Index of the top-level paragraph element holding `node`, or -1. */
function paragraphIndexOf(root: HTMLElement, node: Node | null): number {
  let cur = node;
  while (cur && cur.parentNode !== root) cur = cur.parentNode;
  return cur ? (Array.prototype.indexOf.call(root.children, cur) as number) : -1;
}

function sameEntries(a: readonly MarginEntry[], b: readonly MarginEntry[]): boolean {
  return a.length === b.length && a.every((e, i) => e.para === b[i].para && e.top === b[i].top && e.tags === b[i].tags);
}

function CodingsPlugin(props: DocumentEditorProps & { onLayout: (entries: MarginEntry[]) => void; scrollRef: React.RefObject<HTMLDivElement | null> }) {
  const { text, marks, onLayout, scrollRef } = props;
  const [editor] = useLexicalComposerContext();
  const stateRef = useRef<ViewState | null>(null);
  const marksRef = useRef(marks);
  const callbacks = useRef(props);
  const scheduleRef = useRef<() => void>(() => {});
  // Latest values for long-lived listeners; layout effects run before the effects that read them.
  useLayoutEffect(() => {
    marksRef.current = marks;
    callbacks.current = props;
  });

  // Once per frame after a scroll, a resize, a batch or new marks: find the paragraphs near the
  // viewport, place their margin entries and give them their highlights; the rest of the document
  // gets its highlights when the page is idle. Reads a few dozen rects, never the whole document's.
  useEffect(() => {
    let frame = 0;
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
    const invalidate = () => {
      marginDirty = true;
      schedule();
    };
    scheduleRef.current = invalidate;
    const scroller = scrollRef.current;
    scroller?.addEventListener('scroll', schedule, { passive: true });
    const observer = new ResizeObserver(invalidate);
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
  }, [editor, onLayout, scrollRef]);

  // A new text: rebuild from scratch as plain paragraphs, the first ones now and the rest in
  // batches per background task; the sync above adds the highlights.
  useEffect(() => {
    const paras = splitParagraphs(text);
    const st: ViewState = {
      text,
      paras,
      keys: [],
      rendered: 0,
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
  }, [editor, text]);

  // New marks: index them per paragraph; the next sync rebuilds the paragraphs near the viewport
  // whose marks changed, and idle time the rest.
  useEffect(() => {
    const st = stateRef.current;
    if (!st) return;
    st.byPara = marksByParagraph(st.paras, marks);
    st.sigs = new Map();
    st.tags = new Map();
    st.marksChanged = true;
    scheduleRef.current();
  }, [marks]);

  // Commands, selection tracking, the C key and clicks on highlights.
  useEffect(() => {
    const rangeNow = () => {
      const root = editor.getRootElement();
      const st = stateRef.current;
      return root && st ? selectionToOffsets(root, st.paras, document.getSelection()) : null;
    };
    const onSelectionChange = () => {
      const root = editor.getRootElement();
      const sel = document.getSelection();
      if (!root || !sel || sel.rangeCount === 0 || !root.contains(sel.anchorNode)) return;
      callbacks.current.onSelectionChange(rangeNow());
    };
    const onKeyDown = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (e.ctrlKey || e.metaKey || e.altKey || e.key.toLowerCase() !== 'c') return;
      if (target && (target.closest('input, textarea, select, dialog, [contenteditable="true"]') !== null)) return;
      const range = rangeNow();
      if (!range) return;
      e.preventDefault();
      editor.dispatchCommand(OPEN_CODE_PICKER_COMMAND, range);
    };
    const onClick = (e: MouseEvent) => {
      const sel = document.getSelection();
      if (sel && !sel.isCollapsed) return;
      const mark = (e.target as HTMLElement).closest<HTMLElement>('mark[data-coding-ids]');
      if (!mark) return;
      editor.dispatchCommand(SHOW_CODINGS_COMMAND, { ids: (mark.dataset.codingIds ?? '').split(','), x: e.clientX, y: e.clientY });
    };
    document.addEventListener('selectionchange', onSelectionChange);
    window.addEventListener('keydown', onKeyDown);
    const unregisterRoot = editor.registerRootListener((root, prev) => {
      prev?.removeEventListener('click', onClick);
      root?.addEventListener('click', onClick);
    });
    return mergeRegister(
      () => document.removeEventListener('selectionchange', onSelectionChange),
      () => window.removeEventListener('keydown', onKeyDown),
      unregisterRoot,
      editor.registerCommand(
        OPEN_CODE_PICKER_COMMAND,
        (range) => {
          callbacks.current.onRequestCode(range);
          return true;
        },
        COMMAND_PRIORITY_EDITOR,
      ),
      editor.registerCommand(
        APPLY_CODE_COMMAND,
        ({ codeIds, range }) => {
          callbacks.current.onApplyCodes(codeIds, range);
          return true;
        },
        COMMAND_PRIORITY_EDITOR,
      ),
      editor.registerCommand(
        SHOW_CODINGS_COMMAND,
        ({ ids, x, y }) => {
          callbacks.current.onMarkClick(ids, x, y);
          return true;
        },
        COMMAND_PRIORITY_EDITOR,
      ),
    );
  }, [editor]);

  useEffect(() => {
    callbacks.current.onReady?.(editor);
  }, [editor]);

  return null;
}

const theme = { paragraph: 'doc-paragraph', mark: 'mark', markOverlap: 'mark-overlap' };

/** Stack margin labels so that neighbouring paragraphs' labels do not overlap. */
function stackEntries(entries: MarginEntry[], rowHeight = 22): (MarginEntry & { y: number })[] {
  let bottom = -Infinity;
  return entries.map((e) => {
    const y = Math.max(e.top, bottom);
    bottom = y + e.tags.length * rowHeight + 4;
    return { ...e, y };
  });
}

export function DocumentEditor(props: DocumentEditorProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const [entries, setEntries] = useState<MarginEntry[]>([]);
  const onLayout: (next: MarginEntry[]) => void = setEntries;
  useLayoutEffect(() => {
    scrollRef.current?.scrollTo({ top: 0 });
  }, [props.text]);
  const stacked = stackEntries(entries);
  return (
    <LexicalComposer
      initialConfig={{
        namespace: 'accord-document',
        editable: false,
        nodes: [CodingMarkNode],
        theme,
        onError: (error: Error) => {
          throw error;
        },
      }}
    >
      <div className="doc-scroll" ref={scrollRef} data-testid="document-scroll">
        <div className="doc-content">
          <div className="doc-text">
            <ContentEditable className="doc-editor" aria-label="Document text" data-testid="document-text" />
          </div>
          <aside className="doc-margin" aria-label="Codes in the margin" data-testid="document-margin">
            {stacked.map((e) => (
              <ul key={e.para} className="margin-entry" style={{ top: e.y }}>
                {e.tags.map((t) => (
                  <li key={t.tag} className="margin-tag" data-testid="margin-tag" title={t.title ?? t.label}>
                    <span className="swatch" style={{ background: t.color }} aria-hidden="true" />
                    {t.label}
                  </li>
                ))}
              </ul>
            ))}
          </aside>
        </div>
      </div>
      <CodingsPlugin {...props} onLayout={onLayout} scrollRef={scrollRef} />
    </LexicalComposer>
  );
}
