// Document groups (e.g. the study's six archival domains): create, rename, delete, membership.
// Every later view can be limited to a group; deleting a group leaves its documents alone.
import { AccordError } from '../../../shared/errors';
import type { Group } from '../../../shared/api/study';
import type { DocumentId, GroupId } from '../../../shared/model/types';
import { nowIso, type ChangeSet } from '../db/changes';
import type { Session } from '../session';

interface GroupRow {
  id: number;
  name: string;
  ord: number;
}

/** Every group in order, each with its documents (in document order). */
export function listGroups(s: Session): Group[] {
  const groups = s.db.prepare('SELECT id, name, ord FROM groups ORDER BY ord, id').all() as GroupRow[];
  const links = s.db
    .prepare('SELECT dg.group_id AS g, dg.document_id AS d FROM document_groups dg JOIN documents d ON d.id = dg.document_id ORDER BY d.ord, d.id')
    .all() as { g: number; d: number }[];
  return groups.map((g) => ({
    id: g.id as GroupId,
    name: g.name,
    order: g.ord,
    documentIds: links.filter((l) => l.g === g.id).map((l) => l.d as DocumentId),
  }));
}

export function getGroup(s: Session, id: number): Group {
  const g = listGroups(s).find((x) => x.id === id);
  if (!g) throw new AccordError('NOT_FOUND', `no group with id ${id}`);
  return g;
}

/** The id of the group with this name (case-insensitive), created inside `c` if new. */
export function ensureGroup(s: Session, c: ChangeSet, name: string): number {
  const row = s.db.prepare('SELECT id FROM groups WHERE name = ?').get(name.trim()) as { id: number } | undefined;
  if (row) return row.id;
  const ord = (s.db.prepare('SELECT coalesce(max(ord) + 1, 0) AS n FROM groups').get() as { n: number }).n;
  return c.insert('groups', { name: name.trim(), ord, created_at: nowIso() });
}

export function createGroup(s: Session, name: string): Group {
  if (s.db.prepare('SELECT 1 FROM groups WHERE name = ?').get(name)) throw new AccordError('CONFLICT', `a group named "${name}" already exists`);
  const id = s.change('group.create', `create group ${name}`, (c) => ensureGroup(s, c, name));
  return getGroup(s, id);
}

export function renameGroup(s: Session, id: GroupId, name: string): Group {
  const g = getGroup(s, id);
  if (s.db.prepare('SELECT 1 FROM groups WHERE name = ? AND id != ?').get(name, id)) {
    throw new AccordError('CONFLICT', `a group named "${name}" already exists`);
  }
  s.change('group.rename', `rename group ${g.name} to ${name}`, (c) => c.update('groups', id, { name }));
  return getGroup(s, id);
}

/** Delete a group and its memberships (undoable); the documents stay. */
export function deleteGroup(s: Session, id: GroupId): void {
  const g = getGroup(s, id);
  s.change('group.delete', `delete group ${g.name}`, (c) => {
    for (const r of s.db.prepare('SELECT id FROM document_groups WHERE group_id = ?').all(id) as { id: number }[]) c.delete('document_groups', r.id);
    c.delete('groups', id);
  });
}

/** Add documents to a group, or take them out; documents already (or not) there are left as they are. */
export function setGroupMembers(s: Session, groupId: GroupId, documentIds: DocumentId[], member: boolean): Group {
  const g = getGroup(s, groupId);
  const exists = s.db.prepare('SELECT 1 FROM documents WHERE id = ?');
  for (const d of documentIds) if (!exists.get(d)) throw new AccordError('NOT_FOUND', `no document with id ${d}`);
  const link = s.db.prepare('SELECT id FROM document_groups WHERE document_id = ? AND group_id = ?');
  const label = `${member ? 'add' : 'remove'} ${documentIds.length} document${documentIds.length === 1 ? '' : 's'} ${member ? 'to' : 'from'} ${g.name}`;
  s.change('group.members', label, (c) => {
    for (const d of new Set(documentIds)) {
      const row = link.get(d, groupId) as { id: number } | undefined;
      if (member && !row) c.insert('document_groups', { document_id: d, group_id: groupId });
      if (!member && row) c.delete('document_groups', row.id);
    }
  });
  return getGroup(s, groupId);
}

/** Ids of a group's documents, for filtering; throws NOT_FOUND for an unknown group. */
export function groupDocumentIds(s: Session, groupId: number): Set<number> {
  return new Set(getGroup(s, groupId).documentIds);
}
