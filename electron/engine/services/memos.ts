// Memos: free text attached to the project, a document, a code or a coding.
import type { ParsedInput } from '../../../shared/api/contract';
import type { Memo } from '../../../shared/model/types';
import { nowIso } from '../db/changes';
import type { Session } from '../session';
import { codingFilter, requireVisibleCoding } from './blind';
import { getCoding } from './codings';
import { toMemo, type MemoRow } from './rows';

const MEMO_COLUMNS = 'id, document_id, code_id, coding_id, title, body, author, created_at, updated_at';

/**
 * Memos on a document or code, newest first. Every member sees every memo, except in blind mode: a
 * blind caller sees their own memos, and others' only on documents revealed to them (a memo on a
 * coding follows that coding's visibility).
 */
export function listMemos(s: Session, filter: { documentId?: number; codeId?: number }): Memo[] {
  const rows = s.db
    .prepare(
      `SELECT ${MEMO_COLUMNS} FROM memos
       WHERE (@doc IS NULL OR document_id = @doc) AND (@code IS NULL OR code_id = @code) ORDER BY updated_at DESC`,
    )
    .all({ doc: filter.documentId ?? null, code: filter.codeId ?? null }) as MemoRow[];
  const visible = codingFilter(s);
  if (!visible) return rows.map(toMemo);
  const me = s.actor;
  const coding = s.db.prepare('SELECT document_id, coder_id FROM codings WHERE id = ?');
  return rows
    .filter((r) => {
      if (r.coding_id !== null) {
        const c = coding.get(r.coding_id) as { document_id: number; coder_id: number } | undefined;
        return c !== undefined && visible(c.document_id, c.coder_id);
      }
      return r.author === me || (r.document_id !== null && visible(r.document_id, null));
    })
    .map(toMemo);
}

/**
 * Save the caller's memo on a target: each author has one memo per document, code or coding
 * (replaced when it exists), so one coder's memo never overwrites another's.
 */
export function saveMemo(s: Session, input: ParsedInput<'memos:save'>): Memo {
  if (input.codingId !== null) requireVisibleCoding(s, getCoding(s, input.codingId));
  const existing = s.db
    .prepare(`SELECT id FROM memos WHERE document_id IS ? AND code_id IS ? AND coding_id IS ? AND author = ?`)
    .get(input.documentId, input.codeId, input.codingId, s.actor) as { id: number } | undefined;
  const id = s.change('memo.save', 'edit memo', (c) => {
    if (existing) {
      c.update('memos', existing.id, { title: input.title, body: input.body, updated_at: nowIso() });
      return existing.id;
    }
    return c.insert('memos', {
      document_id: input.documentId,
      code_id: input.codeId,
      coding_id: input.codingId,
      title: input.title,
      body: input.body,
      author: s.actor,
      created_at: nowIso(),
      updated_at: nowIso(),
    });
  });
  return toMemo(s.db.prepare(`SELECT ${MEMO_COLUMNS} FROM memos WHERE id = ?`).get(id) as MemoRow);
}
