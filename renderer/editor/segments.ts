// Pure layout of a document for the read-only view: paragraphs (one per line) with their start
// offsets, the marks that touch each paragraph, and the pieces a paragraph splits into at every
// mark boundary (each piece carries all marks covering it, so overlaps are one piece).
import type { Span } from '../../shared/model/types';

/** A highlight to show: one coding, with the colour and the margin tag it shows as. */
export interface MarkSpan extends Span {
  id: string;
  color: string;
  /** Groups marks in the margin (e.g. the code id); `tagLabel` is what the margin shows. */
  tag: string;
  tagLabel: string;
  /** A longer description of the tag for its tooltip (e.g. the coder's full name). */
  tagTitle?: string;
  /** Who the tag's codings are by, shown before the label (a coder's initials). */
  tagWho?: string;
}

export interface Piece extends Span {
  marks: MarkSpan[];
}

/** One paragraph per line: spans exclude the newline (and a preceding carriage return). */
export function splitParagraphs(text: string): Span[] {
  const out: Span[] = [];
  let start = 0;
  for (;;) {
    const nl = text.indexOf('\n', start);
    const lineEnd = nl === -1 ? text.length : nl;
    const end = lineEnd > start && text.charCodeAt(lineEnd - 1) === 13 ? lineEnd - 1 : lineEnd;
    out.push({ start, end });
    if (nl === -1) return out;
    start = nl + 1;
  }
}

/** Index of the paragraph containing `offset` (binary search on starts). */
export function paragraphAt(paras: readonly Span[], offset: number): number {
  let lo = 0;
  let hi = paras.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (paras[mid].start <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Marks per paragraph index; a mark spanning several paragraphs is listed under each it touches. */
export function marksByParagraph(paras: readonly Span[], marks: readonly MarkSpan[]): Map<number, MarkSpan[]> {
  const out = new Map<number, MarkSpan[]>();
  if (paras.length === 0) return out;
  for (const m of marks) {
    if (m.end <= m.start) continue;
    const first = paragraphAt(paras, m.start);
    const last = paragraphAt(paras, m.end - 1);
    for (let i = first; i <= last; i++) {
      const p = paras[i];
      if (Math.min(p.end, m.end) <= Math.max(p.start, m.start)) continue;
      const list = out.get(i);
      if (list) list.push(m);
      else out.set(i, [m]);
    }
  }
  return out;
}

/**
 * Bring `byPara` (built by marksByParagraph from `prev`) up to date with `next` in place, touching only
 * the paragraphs of the marks that came or went (marks are compared by identity: an unchanged mark is
 * the same object). Returns those paragraphs' indices, or null when so much changed that rebuilding
 * the index is as cheap (the caller then calls marksByParagraph).
 */
export function updateMarksByParagraph(paras: readonly Span[], byPara: Map<number, MarkSpan[]>, prev: readonly MarkSpan[], next: readonly MarkSpan[]): Set<number> | null {
  const changed = new Set<number>();
  if (prev === next || paras.length === 0) return changed;
  // Lists mostly keep their order (a coding appended, one replaced or dropped): compare the part
  // between their common beginning and end only.
  let head = 0;
  while (head < prev.length && head < next.length && prev[head] === next[head]) head++;
  let tail = 0;
  while (tail < prev.length - head && tail < next.length - head && prev[prev.length - 1 - tail] === next[next.length - 1 - tail]) tail++;
  const prevMid = prev.slice(head, prev.length - tail);
  const nextMid = next.slice(head, next.length - tail);
  const before = new Set(prevMid);
  const after = new Set(nextMid);
  const gone = prevMid.filter((m) => !after.has(m));
  const come = nextMid.filter((m) => !before.has(m));
  if (gone.length + come.length > Math.max(64, next.length / 8)) return null;
  const each = (m: MarkSpan, f: (i: number) => void) => {
    if (m.end <= m.start) return;
    const last = paragraphAt(paras, m.end - 1);
    for (let i = paragraphAt(paras, m.start); i <= last; i++) {
      const p = paras[i];
      if (Math.min(p.end, m.end) > Math.max(p.start, m.start)) f(i);
    }
  };
  const goneSet = new Set(gone);
  for (const m of gone) {
    each(m, (i) => {
      if (changed.has(i)) return;
      changed.add(i);
      const kept = (byPara.get(i) ?? []).filter((x) => !goneSet.has(x));
      if (kept.length > 0) byPara.set(i, kept);
      else byPara.delete(i);
    });
  }
  for (const m of come) {
    each(m, (i) => {
      changed.add(i);
      const list = byPara.get(i);
      // A fresh array: the old one may still be what a paragraph's signature was read from.
      byPara.set(i, list ? [...list, m] : [m]);
    });
  }
  return changed;
}

/** Split a paragraph at every mark boundary inside it; pieces cover the paragraph exactly. */
export function paragraphPieces(para: Span, marks: readonly MarkSpan[]): Piece[] {
  if (para.end <= para.start) return [];
  const cuts = new Set<number>([para.start, para.end]);
  for (const m of marks) {
    if (m.start > para.start && m.start < para.end) cuts.add(m.start);
    if (m.end > para.start && m.end < para.end) cuts.add(m.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const pieces: Piece[] = [];
  for (let i = 0; i < points.length - 1; i++) {
    const start = points[i];
    const end = points[i + 1];
    pieces.push({ start, end, marks: marks.filter((m) => m.start < end && m.end > start) });
  }
  return pieces;
}

/** A string that changes whenever what a paragraph shows changes; used to rebuild only touched paragraphs. */
export function paragraphSignature(marks: readonly MarkSpan[] | undefined): string {
  if (!marks || marks.length === 0) return '';
  return marks
    .map((m) => `${m.id}:${m.start}-${m.end}:${m.color}:${m.tagLabel}:${m.tagWho ?? ''}`)
    .sort()
    .join('|');
}

/** A margin tag: one code (and coder) in a paragraph, with the ids of its marks there. */
export interface ParagraphTag {
  tag: string;
  label: string;
  color: string;
  title?: string;
  who?: string;
  ids: string[];
}

/** Unique margin tags of a paragraph, in order of first appearance. */
export function paragraphTags(marks: readonly MarkSpan[]): ParagraphTag[] {
  const seen = new Map<string, ParagraphTag>();
  for (const m of [...marks].sort((a, b) => a.start - b.start || b.end - a.end)) {
    const known = seen.get(m.tag);
    if (known) known.ids.push(m.id);
    else seen.set(m.tag, { tag: m.tag, label: m.tagLabel, color: m.color, ...(m.tagTitle ? { title: m.tagTitle } : {}), ...(m.tagWho ? { who: m.tagWho } : {}), ids: [m.id] });
  }
  return [...seen.values()];
}
