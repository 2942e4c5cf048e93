// Memos: free text about the project, a document, a code, a coding or a theme. One memo per target
// and author (replaced when saved again), any number of project memos; searchable through FTS5 (migration 11).
import type { ParsedInput } from '../../../shared/api/contract';
import { AccordError } from '../../../shared/api/errors';
import { ftsExpression, parseQuery } from '../../../shared/search/query';
import type { Memo } from '../../../shared/model/types';
import { nowIso } from '../db/changes';
import type { Session } from '../session';
import { isBlind, isLead, requireVisibleCoding } from './blind';
import { getCoding } from './codings';
import { toMemo, type MemoRow } from './rows';

type Row = MemoRow & { theme_id: number | null; subject: string | null };

// The subject is read with the memo: the document's name, the code's label and name, the coded
// document for a coding, the theme's name.
const SELECT = `
  SELECT m.id, m.document_id, m.code_id, m.coding_id, m.theme_id, m.title, m.body, m.author, m.created_at, m.updated_at,
         COALESCE(d.name,
                  trim(k.label || ' ' || k.name),
                  (SELECT trim(ck.label || ' ' || ck.name) || ' in ' || cd.name FROM codings c
                     JOIN codes ck ON ck.id = c.code_id JOIN documents cd ON cd.id = c.document_id WHERE c.id = m.coding_id),
                  t.name) AS subject
    FROM memos m
    LEFT JOIN documents d ON d.id = m.document_id
    LEFT JOIN codes k ON k.id = m.code_id
    LEFT JOIN themes t ON t.id = m.theme_id`;

function toListed(r: Row): Memo {
  return { ...toMemo(r), subject: r.subject ?? '' };
}

export function getMemo(s: Session, id: number): Memo {
  const row = s.db.prepare(`${SELECT} WHERE m.id = ?`).get(id) as Row | undefined;
  if (!row || !visible(s, row)) throw new AccordError('NOT_FOUND', `no memo with id ${id}`);
  return toListed(row);
}

/** In blind mode a coder other than the lead sees only the memos they wrote. */
function visible(s: Session, row: { author: string }): boolean {
  return !isBlind(s) || isLead(s) || row.author === s.actor;
}

export function listMemos(s: Session, f: ParsedInput<'memos:list'>): Memo[] {
  const where: string[] = [];
  const args: Record<string, unknown> = {};
  const filter = (clause: string, name: string, value: unknown) => {
    if (value === undefined) return;
    where.push(clause);
    args[name] = value;
  };
  filter('m.document_id = @documentId', 'documentId', f.documentId);
  filter('m.code_id = @codeId', 'codeId', f.codeId);
  filter('m.coding_id = @codingId', 'codingId', f.codingId);
  filter('m.theme_id = @themeId', 'themeId', f.themeId);
  filter('m.author = @author COLLATE NOCASE', 'author', f.author);
  if (f.target !== undefined) {
    const column = { document: 'm.document_id', code: 'm.code_id', coding: 'm.coding_id', theme: 'm.theme_id' } as const;
    where.push(
      f.target === 'project'
        ? 'm.document_id IS NULL AND m.code_id IS NULL AND m.coding_id IS NULL AND m.theme_id IS NULL'
        : `${column[f.target]} IS NOT NULL`,
    );
  }
  if (f.query !== undefined && f.query !== '') {
    where.push('m.id IN (SELECT rowid FROM memos_fts WHERE memos_fts MATCH @match)');
    args.match = ftsExpression(parseQuery(f.query));
  }
  const sql = `${SELECT}${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY m.updated_at DESC, m.id DESC`;
  return (s.db.prepare(sql).all(args) as Row[]).filter((r) => visible(s, r)).map(toListed);
}

/** Save a memo: by id, else the target's memo (created or replaced), else a new project memo. */
export function saveMemo(s: Session, input: ParsedInput<'memos:save'>): Memo {
  const targets = [input.documentId, input.codeId, input.codingId, input.themeId].filter((v) => v !== null).length;
  if (targets > 1) throw new AccordError('INVALID_INPUT', 'a memo belongs to one document, code, coding or theme');
  let existing: { id: number } | undefined;
  if (input.codingId !== null) requireVisibleCoding(s, getCoding(s, input.codingId));
  if (input.id !== undefined) {
    existing = { id: requireOwn(s, getMemo(s, input.id)).id };
  } else if (targets === 1) {
    // Each author has their own memo on a target, so one coder's memo never replaces another's.
    existing = s.db
      .prepare(`SELECT id FROM memos WHERE document_id IS ? AND code_id IS ? AND coding_id IS ? AND theme_id IS ? AND author = ?`)
      .get(input.documentId, input.codeId, input.codingId, input.themeId, s.actor) as { id: number } | undefined;
  }
  const id = s.change('memo.save', existing ? 'edit memo' : 'write memo', (c) => {
    if (existing) {
      c.update('memos', existing.id, { title: input.title, body: input.body, author: s.actor, updated_at: nowIso() });
      return existing.id;
    }
    return c.insert('memos', {
      document_id: input.documentId,
      code_id: input.codeId,
      coding_id: input.codingId,
      theme_id: input.themeId,
      title: input.title,
      body: input.body,
      author: s.actor,
      created_at: nowIso(),
      updated_at: nowIso(),
    });
  });
  return getMemo(s, id);
}

/** Memos are their authors' own: another member's memo can be read (outside blind mode), not changed. */
function requireOwn(s: Session, memo: Memo): Memo {
  if (memo.author !== s.actor) throw new AccordError('FORBIDDEN', `this memo is ${memo.author}'s: only they can change it`);
  return memo;
}

export function deleteMemo(s: Session, id: number): void {
  const memo = requireOwn(s, getMemo(s, id));
  s.change('memo.delete', `delete memo${memo.title ? ` "${memo.title}"` : ''}`, (c) => c.delete('memos', memo.id));
}
