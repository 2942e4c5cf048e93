// Memos: free text attached to the project, a document, a code or a coding.
import type { ParsedInput } from '../../../shared/api/contract';
import type { Memo } from '../../../shared/model/types';
import { nowIso } from '../db/changes';
import type { Session } from '../session';
import { toMemo, type MemoRow } from './rows';

const MEMO_COLUMNS = 'id, document_id, code_id, coding_id, title, body, author, created_at, updated_at';

export function listMemos(s: Session, filter: { documentId?: number; codeId?: number }): Memo[] {
  const rows = s.db
    .prepare(
      `SELECT ${MEMO_COLUMNS} FROM memos
       WHERE (?1 IS NULL OR document_id = ?1) AND (?2 IS NULL OR code_id = ?2) ORDER BY updated_at DESC`,
    )
    .all(filter.documentId ?? null, filter.codeId ?? null) as MemoRow[];
  return rows.map(toMemo);
}

/** Save the memo of a target: one memo per document, code or coding (replaced when it exists). */
export function saveMemo(s: Session, input: ParsedInput<'memos:save'>): Memo {
  const existing = s.db
    .prepare(`SELECT id FROM memos WHERE document_id IS ? AND code_id IS ? AND coding_id IS ?`)
    .get(input.documentId, input.codeId, input.codingId) as { id: number } | undefined;
  const id = s.change('memo.save', 'edit memo', (c) => {
    if (existing) {
      c.update('memos', existing.id, { title: input.title, body: input.body, author: s.actor, updated_at: nowIso() });
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
