// The read-only document view: a Lexical editor (editable: false) with one paragraph per line and
// CodingMarkNodes for codings, a margin listing the codes beside each paragraph, and selection →
// offset mapping. Long documents render the first paragraphs at once and the rest in batches;
// when marks change only the paragraphs whose marks changed are rebuilt.
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
import { selectionToOffsets } from './selection-offsets';

/** Paragraphs rendered in the first paint, then per batch (measured in stack.md). */
export const FIRST_PARAGRAPHS = 60;
export const BATCH_PARAGRAPHS = 200;
const MEASURE_EVERY_MS = 250;

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

interface ViewState {
  paras: Span[];
  keys: string[];
  sigs: string[];
  rendered: number;
  byPara: Map<number, MarkSpan[]>;
  cancelled: boolean;
}

interface MarginEntry {
  para: number;
  top: number;
  tags: { tag: string; label: string; color: string }[];
}

function $fillParagraph(p: ElementNode, text: string, para: Span, marks: MarkSpan[]): void {
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

function CodingsPlugin(props: DocumentEditorProps & { onLayout: (entries: MarginEntry[]) => void; scrollRef: React.RefObject<HTMLDivElement | null> }) {
  const { text, marks, onLayout, scrollRef } = props;
  const [editor] = useLexicalComposerContext();
  const stateRef = useRef<ViewState | null>(null);
  const marksRef = useRef(marks);
  const callbacks = useRef(props);
  // Latest values for long-lived listeners; layout effects run before the effects that read them.
  useLayoutEffect(() => {
    marksRef.current = marks;
    callbacks.current = props;
  });

  // Margin: measure where each coded paragraph sits after updates. Measuring forces a layout of
  // the whole document, so while batches stream in it runs at most every MEASURE_EVERY_MS.
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let last = 0;
    const measure = () => {
      timer = undefined;
      last = performance.now();
      const st = stateRef.current;
      const scroller = scrollRef.current;
      if (!st || !scroller) return;
      const base = scroller.querySelector('.doc-margin')?.getBoundingClientRect().top ?? 0;
      const entries: MarginEntry[] = [];
      for (const [para, list] of [...st.byPara.entries()].sort((a, b) => a[0] - b[0])) {
        if (para >= st.rendered) continue;
        const el = editor.getElementByKey(st.keys[para]);
        if (!el) continue;
        entries.push({ para, top: el.getBoundingClientRect().top - base, tags: paragraphTags(list) });
      }
      onLayout(entries);
    };
    const schedule = () => {
      if (timer !== undefined) return;
      timer = setTimeout(measure, Math.max(0, last + MEASURE_EVERY_MS - performance.now()));
    };
    const root = editor.getRootElement();
    const observer = new ResizeObserver(schedule);
    if (root) observer.observe(root);
    const unregister = editor.registerUpdateListener(schedule);
    return () => {
      clearTimeout(timer);
      observer.disconnect();
      unregister();
    };
  }, [editor, onLayout, scrollRef]);

  // A new text: rebuild from scratch, the first paragraphs now and the rest in batches per task.
  useEffect(() => {
    const paras = splitParagraphs(text);
    const st: ViewState = { paras, keys: [], sigs: [], rendered: 0, byPara: marksByParagraph(paras, marksRef.current), cancelled: false };
    stateRef.current = st;
    const renderBatch = (from: number, to: number) => {
      editor.update(
        () => {
          const root = $getRoot();
          if (from === 0) root.clear();
          for (let i = from; i < to; i++) {
            const p = $createParagraphNode();
            const list = st.byPara.get(i) ?? [];
            $fillParagraph(p, text, paras[i], list);
            root.append(p);
            st.keys[i] = p.getKey();
            st.sigs[i] = paragraphSignature(list);
          }
        },
        { tag: 'historic' },
      );
      st.rendered = to;
    };
    renderBatch(0, Math.min(paras.length, FIRST_PARAGRAPHS));
    let timer: ReturnType<typeof setTimeout> | undefined;
    const next = () => {
      if (st.cancelled || st.rendered >= paras.length) return;
      renderBatch(st.rendered, Math.min(paras.length, st.rendered + BATCH_PARAGRAPHS));
      timer = setTimeout(next, 0);
    };
    timer = setTimeout(next, 0);
    return () => {
      st.cancelled = true;
      clearTimeout(timer);
    };
  }, [editor, text]);

  // New marks: rebuild only the rendered paragraphs whose marks changed; later batches read byPara.
  useEffect(() => {
    const st = stateRef.current;
    if (!st) return;
    st.byPara = marksByParagraph(st.paras, marks);
    const touched: number[] = [];
    for (let i = 0; i < st.rendered; i++) {
      if (paragraphSignature(st.byPara.get(i)) !== st.sigs[i]) touched.push(i);
    }
    if (touched.length === 0) return;
    editor.update(
      () => {
        for (const i of touched) {
          const p = $getNodeByKey(st.keys[i]);
          if (!$isElementNode(p)) continue;
          const list = st.byPara.get(i) ?? [];
          p.clear();
          $fillParagraph(p, text, st.paras[i], list);
          st.sigs[i] = paragraphSignature(list);
        }
      },
      { tag: 'historic' },
    );
  }, [editor, marks, text]);

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
                  <li key={t.tag} className="margin-tag" data-testid="margin-tag">
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
