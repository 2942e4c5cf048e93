// The codebook: create, edit, move and delete codes (code lists in and out: codebook-lists.ts). Every change is one recorded,
// undoable batch.
import type { CodeUsage, ParsedInput } from '../../../shared/api/contract';
import { AccordError } from '../../../shared/errors';
import { depthFirst, isInSubtree, subtree } from '../../../shared/codebook/tree';
import { paletteColor } from '../../../shared/model/colors';
import type { Code, CodeId } from '../../../shared/model/types';
import type { ChangeSet } from '../db/changes';
import { nowIso } from '../db/changes';
import type { Session } from '../session';
import { codingFilter, requireOthersCodingsLead } from './blind';
import { CODE_COLUMNS, toCode, type CodeRow } from './rows';

export function listCodes(s: Session): Code[] {
  const rows = s.db.prepare(`SELECT ${CODE_COLUMNS} FROM codes`).all() as CodeRow[];
  return depthFirst(rows.map(toCode)).map(({ node }) => node);
}

export function getCode(s: Session, id: number): Code {
  const row = s.db.prepare(`SELECT ${CODE_COLUMNS} FROM codes WHERE id = ?`).get(id) as CodeRow | undefined;
  if (!row) throw new AccordError('NOT_FOUND', `no code with id ${id}`);
  return toCode(row);
}

function nextOrder(s: Session, parentId: number | null): number {
  const r = s.db.prepare('SELECT coalesce(max(ord) + 1, 0) AS n FROM codes WHERE parent_id IS ?').get(parentId) as { n: number };
  return r.n;
}

function nextColor(s: Session): string {
  const r = s.db.prepare('SELECT count(*) AS n FROM codes').get() as { n: number };
  return paletteColor(r.n);
}

export function insertCode(
  s: Session,
  c: ChangeSet,
  d: { parentId: number | null; label: string; name: string; definition: string; color?: string; guid?: string },
): number {
  return c.insert('codes', {
    guid: d.guid ?? globalThis.crypto.randomUUID(),
    parent_id: d.parentId,
    label: d.label,
    name: d.name,
    definition: d.definition,
    color: d.color ?? nextColor(s),
    ord: nextOrder(s, d.parentId),
    created_at: nowIso(),
  });
}

export function createCode(s: Session, input: ParsedInput<'codebook:create'>): Code {
  if (input.parentId !== null) getCode(s, input.parentId);
  const id = s.change('code.create', `create code ${input.label ? input.label + ' ' : ''}${input.name}`, (c) =>
    insertCode(s, c, { ...input }),
  );
  return getCode(s, id);
}

export function updateCode(s: Session, input: ParsedInput<'codebook:update'>): Code {
  const before = getCode(s, input.id);
  const patch: Record<string, string | number> = {};
  if (input.label !== undefined) patch.label = input.label;
  if (input.name !== undefined) patch.name = input.name;
  if (input.definition !== undefined) patch.definition = input.definition;
  if (input.color !== undefined) {
    patch.color = input.color;
    patch.color_chosen = 1;
  }
  s.change('code.update', `edit code ${before.label || before.name}`, (c) => c.update('codes', input.id, patch));
  return getCode(s, input.id);
}

/** Renumber the siblings under `parentId` 0..n-1 in the given order. */
function renumber(c: ChangeSet, ids: number[]): void {
  ids.forEach((id, i) => c.update('codes', id, { ord: i }));
}

function siblingIds(s: Session, parentId: number | null, except: number): number[] {
  return (s.db.prepare('SELECT id FROM codes WHERE parent_id IS ? AND id != ? ORDER BY ord, id').all(parentId, except) as { id: number }[]).map(
    (r) => r.id,
  );
}

export function moveCode(s: Session, input: ParsedInput<'codebook:move'>): Code[] {
  const code = getCode(s, input.id);
  if (input.parentId !== null) getCode(s, input.parentId);
  const all = listCodes(s);
  if (input.parentId !== null && isInSubtree(all, input.id, input.parentId)) {
    throw new AccordError('INVALID_INPUT', `can't move ${code.label || code.name} under itself or one of its own sub-codes`);
  }
  s.change('code.move', `move code ${code.label || code.name}`, (c) => {
    const oldSiblings = siblingIds(s, code.parentId, input.id);
    const newSiblings = input.parentId === code.parentId ? oldSiblings : siblingIds(s, input.parentId, input.id);
    const index = Math.min(input.index, newSiblings.length);
    newSiblings.splice(index, 0, input.id);
    if (input.parentId !== code.parentId) {
      c.update('codes', input.id, { parent_id: input.parentId });
      renumber(c, oldSiblings);
    }
    renumber(c, newSiblings);
  });
  return listCodes(s);
}

function subtreeIds(s: Session, id: number): number[] {
  return subtree(listCodes(s), id).map((n) => n.id);
}

export function codeUsage(s: Session, id: CodeId): CodeUsage {
  getCode(s, id);
  const ids = subtreeIds(s, id);
  const placeholders = ids.map(() => '?').join(',');
  const visible = codingFilter(s);
  if (visible) {
    // A blind coder counts only what they may see.
    const rows = s.db.prepare(`SELECT document_id, coder_id FROM codings WHERE code_id IN (${placeholders})`).all(...ids) as { document_id: number; coder_id: number }[];
    return { codes: ids.length, codings: rows.filter((r) => visible(r.document_id, r.coder_id)).length };
  }
  const r = s.db.prepare(`SELECT count(*) AS n FROM codings WHERE code_id IN (${placeholders})`).get(...ids) as { n: number };
  return { codes: ids.length, codings: r.n };
}

export function deleteCode(s: Session, id: CodeId): CodeUsage {
  const code = getCode(s, id);
  const usage = codeUsage(s, id);
  const ids = subtreeIds(s, id);
  requireOthersCodingsLead(s, `delete code ${code.label || code.name}`, `code_id IN (${ids.map(() => '?').join(',')})`, ids);
  s.change('code.delete', `delete code ${code.label || code.name}`, (c) => {
    for (const cid of ids) {
      for (const m of s.db.prepare('SELECT id FROM memos WHERE code_id = ? OR coding_id IN (SELECT id FROM codings WHERE code_id = ?)').all(cid, cid) as { id: number }[]) {
        c.delete('memos', m.id);
      }
      for (const k of s.db.prepare('SELECT id FROM codings WHERE code_id = ?').all(cid) as { id: number }[]) c.delete('codings', k.id);
    }
    // Children before parents (the parent link is RESTRICT).
    for (const cid of ids.slice().reverse()) c.delete('codes', cid);
    renumber(c, siblingIds(s, code.parentId, id));
  });
  return usage;
}
