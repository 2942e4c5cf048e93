// Merging coders' copies of a project into the open one, losslessly: documents matched by content
// hash, codes by GUID then by code path, coders by name, participants by ID, groups by name (members
// unioned). New rows are added, identical codings are not duplicated, and differences are listed as
// conflicts (the target's value is kept). Sources are read-only; the target is backed up first; one transaction.
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { GroupMergeReport, MergeConflict, MergeCounts, MergeReport, MergeSourceReport } from '../../../shared/api/exchange';
import { AccordError } from '../../../shared/api/errors';
import { nowIso, type ChangeSet } from '../db/changes';
import { checkProjectFile } from '../db/connection';
import type { Session } from '../session';
import { attributeFor, coderFor, insertCode, matchCode, participantFor } from './exchange';
import { ensureGroup } from './groups';
import type { MemoRow } from './rows';

/**
 * What a merge did with a source's document groups. Membership is additive, so a group in both
 * projects with other members is their union, never a conflict.
 */
interface SourceData {
  path: string;
  coders: { id: number; name: string; color: string; is_consensus: number }[];
  codes: { id: number; guid: string; parent_id: number | null; label: string; name: string; definition: string; color: string; ord: number; created_at: string }[];
  participants: { id: number; pid: string }[];
  attributes: { id: number; name: string; type: string }[];
  values: { participant_id: number; attribute_id: number; value: string }[];
  documents: {
    id: number;
    name: string;
    kind: string;
    text: string;
    source_name: string;
    format: string;
    content_hash: string;
    imported_at: string;
    participant_id: number | null;
    duration_ms: number | null;
  }[];
  turns: { document_id: number; ord: number; speaker: string; start: number; end: number; start_ms: number | null; end_ms: number | null }[];
  pages: { document_id: number; number: number; start: number; end: number }[];
  codings: { id: number; document_id: number; code_id: number; coder_id: number; start: number; end: number; created_at: string }[];
  memos: Omit<MemoRow, 'id'>[];
  groups: { id: number; name: string }[];
  groupMembers: { group_id: number; document_id: number }[];
  notMerged: string[];
}

/** Tables of later features whose rows a merge does not carry over; listed in the report when non-empty. */
const NOT_MERGED: Record<string, string> = {
  consensus_decisions: 'consensus decisions',
  themes: 'themes',
  coder_assignments: 'coder assignments',
  coreq_answers: 'COREQ answers',
};

/** Read everything a merge needs from a project file opened read-only (never written, never migrated). */
export function readSource(path: string): SourceData {
  checkProjectFile(path);
  const binding = process.env.ACCORD_SQLITE_BINDING;
  const db = new Database(path, { readonly: true, fileMustExist: true, ...(binding ? { nativeBinding: binding } : {}) });
  try {
    const all = <T>(sql: string): T[] => db.prepare(sql).all() as T[];
    const has = (t: string): boolean => !!db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?").get(t);
    const notMerged: string[] = [];
    for (const [table, what] of Object.entries(NOT_MERGED)) {
      if (!has(table)) continue;
      const n = (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
      if (n > 0) notMerged.push(`${n} ${what}`);
    }
    return {
      path,
      coders: all('SELECT id, name, color, is_consensus FROM coders ORDER BY id'),
      // Parents before children: a parent's id is always smaller unless codes were moved, so sort by depth.
      codes: all(`WITH RECURSIVE t(id, depth) AS (SELECT id, 0 FROM codes WHERE parent_id IS NULL
                  UNION ALL SELECT c.id, t.depth + 1 FROM codes c JOIN t ON c.parent_id = t.id)
                  SELECT c.id, c.guid, c.parent_id, c.label, c.name, c.definition, c.color, c.ord, c.created_at
                  FROM codes c JOIN t ON t.id = c.id ORDER BY t.depth, c.ord, c.id`),
      participants: all('SELECT id, pid FROM participants ORDER BY id'),
      attributes: all('SELECT id, name, type FROM attributes ORDER BY ord, id'),
      values: all('SELECT participant_id, attribute_id, value FROM participant_attributes ORDER BY id'),
      documents: all(
        'SELECT id, name, kind, text, source_name, format, content_hash, imported_at, participant_id, duration_ms FROM documents ORDER BY ord, id',
      ),
      turns: all('SELECT document_id, ord, speaker, start, "end", start_ms, end_ms FROM turns ORDER BY document_id, ord'),
      pages: all('SELECT document_id, number, start, "end" FROM pages ORDER BY document_id, number'),
      codings: all('SELECT id, document_id, code_id, coder_id, start, "end", created_at FROM codings ORDER BY id'),
      // Themes are not merged, so neither are their memos (a source from before theme memos has none).
      memos: all(
        `SELECT document_id, code_id, coding_id, title, body, author, created_at, updated_at FROM memos${
          db.prepare("SELECT 1 FROM pragma_table_info('memos') WHERE name = 'theme_id'").get() ? ' WHERE theme_id IS NULL' : ''
        } ORDER BY id`,
      ),
      // A source is never migrated, so one written before groups existed has no such tables.
      groups: has('groups') ? all('SELECT id, name FROM groups ORDER BY ord, id') : [],
      groupMembers: has('document_groups') ? all('SELECT group_id, document_id FROM document_groups ORDER BY id') : [],
      notMerged,
    };
  } finally {
    db.close();
  }
}

const zero = (): MergeCounts => ({ coders: 0, codes: 0, documents: 0, participants: 0, attributes: 0, attributeValues: 0, codings: 0, memos: 0 });

function stamp(d: Date): string {
  return d.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
}

/**
 * Merge `sourcePaths` into the open project. With `backup`, first writes `TARGET.bak-<timestamp>`
 * through SQLite's backup API. All sources go in one transaction: a failure leaves the target as it was.
 */
export async function mergeProjects(s: Session, sourcePaths: string[], options: { backup?: boolean } = {}): Promise<MergeReport> {
  const target = resolve(s.path);
  const sources = sourcePaths.map((p) => {
    const abs = resolve(p);
    if (abs === target) throw new AccordError('INVALID_INPUT', `${basename(p)}: is the project being merged into`);
    if (!existsSync(abs)) throw new AccordError('NOT_FOUND', `${basename(p)}: no such file`);
    return readSource(abs);
  });
  let backup: string | null = null;
  if (options.backup ?? true) {
    backup = `${target}.bak-${stamp(new Date())}`;
    for (let i = 2; existsSync(backup); i++) backup = `${target}.bak-${stamp(new Date())}-${i}`;
    await s.db.backup(backup);
  }
  const reports: MergeSourceReport[] = [];
  let changed = false;
  s.change(
    'merge',
    `merge ${sources.map((src) => basename(src.path)).join(', ')}`,
    (c) => {
      for (const src of sources) reports.push(mergeOne(s, c, src));
      changed = c.size > 0;
    },
    false,
  );
  return { target, backup, sources: reports, unchanged: !changed };
}

function mergeOne(s: Session, c: ChangeSet, src: SourceData): MergeSourceReport {
  const added = zero();
  const matched = { ...zero(), codesByGuid: 0, codesByPath: 0 };
  const conflicts: MergeConflict[] = [];
  const conflict = (kind: MergeConflict['kind'], subject: string, field: string, t: string, v: string): void => {
    conflicts.push({ kind, subject, field, target: t, source: v });
  };

  const coders = new Map<number, number>();
  for (const k of src.coders) {
    const r = coderFor(s, c, k.name, k.color, k.is_consensus);
    coders.set(k.id, r.id);
    if (r.created) added.coders += 1;
    else matched.coders += 1;
  }

  const codes = new Map<number, number>();
  const fresh = new Set<number>();
  const srcCode = new Map(src.codes.map((k) => [k.id, k]));
  const pathOf = (row: { label: string; name: string }): string => [row.label, row.name].filter(Boolean).join(' ');
  for (const k of src.codes) {
    const parentId = k.parent_id !== null ? (codes.get(k.parent_id) ?? null) : null;
    const found = matchCode(s, k.guid, parentId, k.label, k.name, fresh);
    if (!found) {
      const id = insertCode(s, c, { guid: k.guid, parentId, label: k.label, name: k.name, definition: k.definition, color: k.color, createdAt: k.created_at });
      codes.set(k.id, id);
      fresh.add(id);
      added.codes += 1;
      continue;
    }
    codes.set(k.id, found.id);
    matched.codes += 1;
    if (found.by === 'path') {
      matched.codesByPath += 1;
      continue;
    }
    matched.codesByGuid += 1;
    const t = s.db.prepare('SELECT label, name, definition, parent_id FROM codes WHERE id = ?').get(found.id) as {
      label: string;
      name: string;
      definition: string;
      parent_id: number | null;
    };
    const subject = `code ${pathOf(t)} (${k.guid})`;
    if (t.label !== k.label) conflict('code', subject, 'label', t.label, k.label);
    if (t.name !== k.name) conflict('code', subject, 'name', t.name, k.name);
    if (t.definition !== k.definition) conflict('code', subject, 'definition', t.definition, k.definition);
    if (t.parent_id !== parentId) {
      const parentName = (id: number | null): string => {
        if (id === null) return '(top level)';
        const p = s.db.prepare('SELECT label, name FROM codes WHERE id = ?').get(id) as { label: string; name: string };
        return pathOf(p);
      };
      const srcParent = k.parent_id !== null ? srcCode.get(k.parent_id) : undefined;
      conflict('code', subject, 'parent', parentName(t.parent_id), srcParent ? pathOf(srcParent) : '(top level)');
    }
  }

  const participants = new Map<number, number>();
  for (const p of src.participants) {
    const r = participantFor(s, c, p.pid);
    participants.set(p.id, r.id);
    if (r.created) added.participants += 1;
    else matched.participants += 1;
  }
  const attributes = new Map<number, number>();
  for (const a of src.attributes) {
    const r = attributeFor(s, c, a.name, a.type as 'category' | 'number' | 'date' | 'text');
    attributes.set(a.id, r.id);
    if (r.created) added.attributes += 1;
    else {
      matched.attributes += 1;
      if (r.type !== a.type) conflict('attribute', `attribute ${a.name}`, 'type', r.type, a.type);
    }
  }
  const pidOf = new Map(src.participants.map((p) => [p.id, p.pid]));
  const attrName = new Map(src.attributes.map((a) => [a.id, a.name]));
  for (const v of src.values) {
    const pid = participants.get(v.participant_id)!;
    const aid = attributes.get(v.attribute_id)!;
    const row = s.db.prepare('SELECT value FROM participant_attributes WHERE participant_id = ? AND attribute_id = ?').get(pid, aid) as
      | { value: string }
      | undefined;
    if (!row) {
      c.insert('participant_attributes', { participant_id: pid, attribute_id: aid, value: v.value });
      added.attributeValues += 1;
    } else if (row.value === v.value) matched.attributeValues += 1;
    else conflict('participant', `participant ${pidOf.get(v.participant_id)}`, attrName.get(v.attribute_id)!, row.value, v.value);
  }

  const documents = new Map<number, number>();
  const docText = new Map<number, string>();
  for (const d of src.documents) {
    const participantId = d.participant_id !== null ? participants.get(d.participant_id)! : null;
    const same = s.db.prepare('SELECT id, name, participant_id FROM documents WHERE content_hash = ? ORDER BY id').get(d.content_hash) as
      | { id: number; name: string; participant_id: number | null }
      | undefined;
    if (same) {
      documents.set(d.id, same.id);
      docText.set(d.id, d.text);
      matched.documents += 1;
      if (participantId !== null && same.participant_id === null) c.update('documents', same.id, { participant_id: participantId });
      else if (participantId !== null && same.participant_id !== participantId) {
        const pid = (id: number): string => (s.db.prepare('SELECT pid FROM participants WHERE id = ?').get(id) as { pid: string }).pid;
        conflict('document', `document ${same.name}`, 'participant', pid(same.participant_id!), pid(participantId));
      }
      continue;
    }
    let name = d.name;
    const clash = s.db.prepare('SELECT name FROM documents WHERE name = ?').get(d.name) as { name: string } | undefined;
    if (clash) {
      const base = `${d.name} (${basename(src.path).replace(/\.accord$/i, '')})`;
      name = base;
      for (let i = 2; s.db.prepare('SELECT 1 FROM documents WHERE name = ?').get(name); i++) name = `${base} ${i}`;
      conflict('document', `document ${clash.name}`, 'text', 'the project\'s text', `a different text, added as "${name}"`);
    }
    const ord = (s.db.prepare('SELECT coalesce(max(ord) + 1, 0) AS n FROM documents').get() as { n: number }).n;
    const id = c.insert('documents', {
      name,
      kind: d.kind,
      text: d.text,
      source_name: d.source_name,
      format: d.format,
      content_hash: d.content_hash,
      imported_at: d.imported_at,
      participant_id: participantId,
      duration_ms: d.duration_ms,
      ord,
      length: d.text.length,
    });
    for (const t of src.turns) {
      if (t.document_id === d.id) c.insert('turns', { ...t, document_id: id });
    }
    for (const p of src.pages) if (p.document_id === d.id) c.insert('pages', { ...p, document_id: id });
    documents.set(d.id, id);
    docText.set(d.id, d.text);
    added.documents += 1;
  }

  const codings = new Map<number, number>();
  for (const k of src.codings) {
    const docId = documents.get(k.document_id)!;
    const codeId = codes.get(k.code_id)!;
    const coderId = coders.get(k.coder_id)!;
    const existing = s.db
      .prepare('SELECT id FROM codings WHERE document_id = ? AND code_id = ? AND coder_id = ? AND start = ? AND "end" = ?')
      .get(docId, codeId, coderId, k.start, k.end) as { id: number } | undefined;
    if (existing) {
      codings.set(k.id, existing.id);
      matched.codings += 1;
      continue;
    }
    const text = docText.get(k.document_id)!.slice(k.start, k.end);
    codings.set(k.id, c.insert('codings', { document_id: docId, code_id: codeId, coder_id: coderId, start: k.start, end: k.end, text, created_at: k.created_at }));
    added.codings += 1;
  }

  for (const m of src.memos) {
    const t = {
      document_id: m.document_id !== null ? documents.get(m.document_id)! : null,
      code_id: m.code_id !== null ? codes.get(m.code_id)! : null,
      coding_id: m.coding_id !== null ? codings.get(m.coding_id)! : null,
    };
    const same = s.db
      .prepare('SELECT id FROM memos WHERE document_id IS ? AND code_id IS ? AND coding_id IS ? AND title = ? AND body = ?')
      .get(t.document_id, t.code_id, t.coding_id, m.title, m.body);
    if (same) {
      matched.memos += 1;
      continue;
    }
    const targeted = t.document_id !== null || t.code_id !== null || t.coding_id !== null;
    const other = targeted
      ? (s.db.prepare('SELECT body FROM memos WHERE document_id IS ? AND code_id IS ? AND coding_id IS ? ORDER BY id').get(t.document_id, t.code_id, t.coding_id) as
          | { body: string }
          | undefined)
      : undefined;
    if (other) {
      conflict('memo', memoSubject(s, t), 'body', other.body, m.body);
      continue;
    }
    c.insert('memos', { ...t, title: m.title, body: m.body, author: m.author, created_at: m.created_at, updated_at: m.updated_at || nowIso() });
    added.memos += 1;
  }

  const groups = mergeGroups(s, c, src, documents);
  return { path: src.path, added, matched, conflicts, notMerged: src.notMerged, groups };
}

/** Groups by name (case-insensitive, the column's collation); each source membership added unless there. */
function mergeGroups(s: Session, c: ChangeSet, src: SourceData, documents: Map<number, number>): GroupMergeReport {
  const out: GroupMergeReport = { added: 0, matched: 0, addedMembers: [], matchedMembers: 0 };
  const link = s.db.prepare('SELECT 1 FROM document_groups WHERE document_id = ? AND group_id = ?');
  const docName = s.db.prepare('SELECT name FROM documents WHERE id = ?');
  for (const g of src.groups) {
    const existing = s.db.prepare('SELECT id, name FROM groups WHERE name = ?').get(g.name.trim()) as { id: number; name: string } | undefined;
    const groupId = existing ? existing.id : ensureGroup(s, c, g.name);
    if (existing) out.matched += 1;
    else out.added += 1;
    for (const m of src.groupMembers) {
      if (m.group_id !== g.id) continue;
      const docId = documents.get(m.document_id)!;
      if (link.get(docId, groupId)) {
        out.matchedMembers += 1;
        continue;
      }
      c.insert('document_groups', { document_id: docId, group_id: groupId });
      out.addedMembers.push({ group: existing ? existing.name : g.name.trim(), document: (docName.get(docId) as { name: string }).name });
    }
  }
  return out;
}

function memoSubject(s: Session, t: { document_id: number | null; code_id: number | null; coding_id: number | null }): string {
  if (t.document_id !== null) return `memo of document ${(s.db.prepare('SELECT name FROM documents WHERE id = ?').get(t.document_id) as { name: string }).name}`;
  if (t.code_id !== null) {
    const k = s.db.prepare('SELECT label, name FROM codes WHERE id = ?').get(t.code_id) as { label: string; name: string };
    return `memo of code ${[k.label, k.name].filter(Boolean).join(' ')}`;
  }
  return `memo of coding ${t.coding_id}`;
}
