// Turn codings and codes into what the document view draws (marks) and what the picker lists.
import type { Code, Coding } from '../../../shared/model/types';
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

/** One mark per coding, coloured by its code; codings of unknown codes are drawn grey. */
export function codingsToMarks(codings: readonly Coding[], codes: readonly Code[]): MarkSpan[] {
  const byId = new Map(codes.map((c) => [c.id as number, c]));
  return codings.map((c) => {
    const code = byId.get(c.codeId);
    return {
      id: String(c.id),
      start: c.start,
      end: c.end,
      color: code?.color ?? '#999999',
      tag: String(c.codeId),
      tagLabel: code ? (code.label ? `${code.label} ${code.name}` : code.name) : `code ${c.codeId}`,
    };
  });
}

/** Codes in tree order (depth-first, siblings by order) for the picker. */
export function pickerItems(codes: readonly Code[]): PickerItem[] {
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
  return out;
}
