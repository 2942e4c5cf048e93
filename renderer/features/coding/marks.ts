// Turn codings and codes into what the document view draws (marks) and what the picker lists.
import type { Code, Coder, Coding } from '../../../shared/model/types';
import type { PickerItem } from '../../components/Picker';
import type { MarkSpan } from '../../editor/segments';

/** Uniform nesting in the picker without importing the codebook feature's internals. */
function depthOf(code: Code, byId: Map<number, Code>): number {
  let depth = 0;
  let cur = code.parentId === null ? undefined : byId.get(code.parentId);
  while (cur && depth < 50) {
    depth++;
    cur = cur.parentId === null ? undefined : byId.get(cur.parentId);
  }
  return depth;
}

/** A coder's initials for the margin: "Ana Kovač" → "AK", "ben" → "BE". */
export function initials(name: string): string {
  const words = name.trim().split(/[\s._-]+/).filter(Boolean);
  if (words.length === 0) return '?';
  if (words.length === 1) return words[0].slice(0, 2).toUpperCase();
  return (words[0][0] + words[words.length - 1][0]).toUpperCase();
}

/** The mark of one coding (see codingsToMarks). */
function codingToMark(c: Coding, byId: ReadonlyMap<number, Code>, coderById: ReadonlyMap<number, Coder> | null): MarkSpan {
  const code = byId.get(c.codeId);
  const label = code ? (code.label ? `${code.label} ${code.name}` : code.name) : `code ${c.codeId}`;
  const coder = coderById ? coderById.get(c.coderId) : undefined;
  return {
    id: String(c.id),
    start: c.start,
    end: c.end,
    color: code?.color ?? '#999999',
    tag: coderById ? `${c.codeId}:${c.coderId}` : String(c.codeId),
    tagLabel: label,
    ...(coderById ? { tagWho: coder ? initials(coder.name) : '?', tagTitle: `${label}, coded by ${coder?.name ?? `coder ${c.coderId}`}` } : {}),
  };
}

/**
 * One mark per coding, coloured by its code; codings of unknown codes are drawn grey. With `coders`,
 * the margin shows who coded what: one tag per code and coder, labelled with the coder's initials.
 */
export function codingsToMarks(codings: readonly Coding[], codes: readonly Code[], coders?: readonly Coder[]): MarkSpan[] {
  const byId = new Map(codes.map((c) => [c.id as number, c]));
  const coderById = coders ? new Map(coders.map((c) => [c.id as number, c])) : null;
  return codings.map((c) => codingToMark(c, byId, coderById));
}

/**
 * codingsToMarks that keeps each unchanged coding's mark object from one call to the next (same id,
 * range, code and coder, same codes and coders lists), so that the document view can tell the few
 * marks that changed from the thousands that did not by identity, and redraw only their paragraphs.
 */
export class MarkCache {
  private codes: readonly Code[] | null = null;
  private coders: readonly Coder[] | undefined = undefined;
  private byCoding = new Map<number, { coding: Coding; mark: MarkSpan; seen: number }>();
  private pass = 0;

  marks(codings: readonly Coding[], codes: readonly Code[], coders?: readonly Coder[]): MarkSpan[] {
    if (codes !== this.codes || coders !== this.coders) {
      this.codes = codes;
      this.coders = coders;
      this.byCoding = new Map();
    }
    let byId: Map<number, Code> | null = null;
    let coderById: Map<number, Coder> | null = null;
    const known = this.byCoding;
    const pass = ++this.pass;
    const out = codings.map((c) => {
      const hit = known.get(c.id);
      if (hit && (hit.coding === c || (hit.coding.start === c.start && hit.coding.end === c.end && hit.coding.codeId === c.codeId && hit.coding.coderId === c.coderId))) {
        hit.coding = c;
        hit.seen = pass;
        return hit.mark;
      }
      byId ??= new Map(codes.map((x) => [x.id as number, x]));
      if (coders) coderById ??= new Map(coders.map((x) => [x.id as number, x]));
      const mark = codingToMark(c, byId, coderById);
      known.set(c.id, { coding: c, mark, seen: pass });
      return mark;
    });
    // Forget codings that are gone (only when some are: the map is kept, not rebuilt, per call).
    if (known.size > codings.length) for (const [id, entry] of known) if (entry.seen !== pass) known.delete(id);
    return out;
  }
}

/**
 * Codes for the picker: the recently used ones first (most recent first, marked with the number key
 * that applies them), then the rest in tree order (depth-first, siblings by order).
 */
export function pickerItems(codes: readonly Code[], recent: readonly number[] = []): PickerItem[] {
  const byId = new Map(codes.map((c) => [c.id as number, c]));
  const children = new Map<number | null, Code[]>();
  for (const c of codes) {
    const key = c.parentId !== null && byId.has(c.parentId) ? c.parentId : null;
    children.set(key, [...(children.get(key) ?? []), c]);
  }
  const out: PickerItem[] = [];
  const seen = new Set<number>();
  const walk = (parent: number | null) => {
    for (const c of (children.get(parent) ?? []).sort((a, b) => a.order - b.order || a.id - b.id)) {
      if (seen.has(c.id)) continue;
      seen.add(c.id);
      out.push({ id: c.id, primary: c.label || c.name, secondary: c.label ? c.name : '', color: c.color, depth: depthOf(c, byId) });
      walk(c.id);
    }
  };
  walk(null);
  const byIdItem = new Map(out.map((i) => [i.id, i]));
  const first = recent.filter((id) => byIdItem.has(id)).slice(0, 9);
  if (first.length === 0) return out;
  const pinned = first.map((id, i) => ({ ...byIdItem.get(id)!, depth: 0, badge: String(i + 1) }));
  return [...pinned, ...out.filter((i) => !first.includes(i.id))];
}

/** Put `used` at the front of the recent-codes list (most recent first, at most nine). */
export function pushRecent(recent: readonly number[], used: readonly number[]): number[] {
  return [...new Set([...[...used].reverse(), ...recent])].slice(0, 9);
}
