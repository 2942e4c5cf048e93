// The state the windowed document view keeps outside React: the paragraphs, which of them are drawn
// with highlights and with which marks, and the margin's tags; with the helpers that fill a paragraph
// and read that state. Shared by the view's pieces (streamed text, windowed highlights, margin).
import { $createTextNode, type ElementNode } from 'lexical';
import type { Span } from '../../shared/model/types';
import { $createCodingMarkNode } from './coding-mark-node';
import { paragraphPieces, paragraphSignature, paragraphTags, type MarkSpan, type ParagraphTag } from './segments';

/** Plain paragraphs in the first paint, then per task while the rest streams in. */
export const FIRST_PARAGRAPHS = 60;
export const BATCH_PARAGRAPHS = 150;
/** Highlights are drawn at once from WANT_ABOVE screens above the viewport to WANT_BELOW below it. */
export const WANT_ABOVE = 1;
export const WANT_BELOW = 1.5;
/** Decorated paragraphs up to KEEP screens away are brought up to date at once when marks change. */
export const KEEP = 3;
/** The margin lists the codes of paragraphs up to MARGIN screens away. */
export const MARGIN = 3;
/** Rebuilds per frame; the visible paragraphs go first and the rest follow in the next frames. */
export const REBUILDS_PER_FRAME = 24;
/** Paragraphs given their highlights per idle callback, if at least FILL_MIN_IDLE_MS are free. */
export const FILL_PER_CALL = 12;
export const FILL_MIN_IDLE_MS = 8;
/** Scrolling faster than a screen per this many ms defers highlights until it slows down. */
export const FAST_SCREEN_MS = 200;

/** Run every cleanup, last registered first. */
export function mergeRegister(...cleanups: (() => void)[]): () => void {
  return () => cleanups.reverse().forEach((f) => f());
}

export type Tag = ParagraphTag;

export interface ViewState {
  text: string;
  paras: Span[];
  keys: string[];
  rendered: number;
  /** The marks byPara was built from (kept to tell which marks a new list adds or drops). */
  marks: readonly MarkSpan[];
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

/** Asks the windowed highlighting for a pass: at the next frame, or `now` (in a task of its own, before that frame). */
export type Schedule = (now?: boolean) => void;

export interface MarginEntry {
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
export function later(f: () => void): void {
  const scheduler = (globalThis as { scheduler?: TaskScheduler }).scheduler;
  if (scheduler) void scheduler.postTask(f, { priority: 'background' });
  else setTimeout(f, 0);
}

/**
 * Run `f` in a task of its own as soon as possible (before the next frame, normally). A task rather
 * than a microtask of the input event that caused it: a selection set while the browser is still
 * handling an input event is synced to the browser at once, and Chromium then counts the selection's
 * offset from the start of the document's text — 20–25 ms deep into a 100,000-word document (traced).
 */
export function soon(f: () => void): void {
  const scheduler = (globalThis as { scheduler?: TaskScheduler }).scheduler;
  if (scheduler) void scheduler.postTask(f, { priority: 'user-blocking' });
  else setTimeout(f, 0);
}

export function $fillParagraph(p: ElementNode, text: string, para: Span, marks: readonly MarkSpan[]): void {
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

export function sigOf(st: ViewState, i: number): string {
  let sig = st.sigs.get(i);
  if (sig === undefined) {
    sig = paragraphSignature(st.byPara.get(i));
    st.sigs.set(i, sig);
  }
  return sig;
}

export function tagsOf(st: ViewState, i: number): Tag[] {
  let tags = st.tags.get(i);
  if (tags === undefined) {
    tags = paragraphTags(st.byPara.get(i) ?? []);
    st.tags.set(i, tags);
  }
  return tags;
}

/** Index of the top-level paragraph element holding `node`, or -1. */
export function paragraphIndexOf(root: HTMLElement, node: Node | null): number {
  let cur = node;
  while (cur && cur.parentNode !== root) cur = cur.parentNode;
  return cur ? (Array.prototype.indexOf.call(root.children, cur) as number) : -1;
}

export function sameEntries(a: readonly MarginEntry[], b: readonly MarginEntry[]): boolean {
  return a.length === b.length && a.every((e, i) => e.para === b[i].para && e.top === b[i].top && e.tags === b[i].tags);
}

