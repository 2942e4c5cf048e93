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

/**
 * One mark per coding, coloured by its code; codings of unknown codes are drawn grey. With `coders`,
 * the margin shows who coded what: one tag per code and coder, labelled with the coder's initials.
 */
export function codingsToMarks(codings: readonly Coding[], codes: readonly Code[], coders?: readonly Coder[]): MarkSpan[] {
  const byId = new Map(codes.map((c) => [c.id as number, c]));
  const coderById = new Map((coders ?? []).map((c) => [c.id as number, c]));
  return codings.map((c) => {
    const code = byId.get(c.codeId);
    const label = code ? (code.label ? `${code.label} ${code.name}` : code.name) : `code ${c.codeId}`;
    const coder = coders ? coderById.get(c.coderId) : undefined;
    return {
      id: String(c.id),
      start: c.start,
      end: c.end,
      color: code?.color ?? '#999999',
      tag: coders ? `${c.codeId}:${c.coderId}` : String(c.codeId),
      tagLabel: label,
      ...(coders ? { tagWho: coder ? initials(coder.name) : '?', tagTitle: `${label}, coded by ${coder?.name ?? `coder ${c.coderId}`}` } : {}),
    };
  });
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
