// Codings: a range of a document's text, a code and the coder who applied it, with a snapshot of the
// coded text. Applying the same code twice to the same range by the same coder is a no-op.
import { AccordError } from '../../../shared/api/errors';
import type { Coding, CodingId, DocumentId } from '../../../shared/model/types';
import { nowIso } from '../db/changes';
import type { Session } from '../session';
import { isLead, leadCoder, requireVisibleCoding } from './blind';
import { getCode } from './codebook';
import { documentText, getDocumentSummary } from './documents';
import { CODING_COLUMNS, toCoding, type CodingRow } from './rows';

export function listCodings(s: Session, documentId: DocumentId): Coding[] {
  getDocumentSummary(s, documentId);
  return (s.db.prepare(`SELECT ${CODING_COLUMNS} FROM codings WHERE document_id = ? ORDER BY start, "end", id`).all(documentId) as CodingRow[]).map(
    toCoding,
  );
}

export function getCoding(s: Session, id: number): Coding {
  const row = s.db.prepare(`SELECT ${CODING_COLUMNS} FROM codings WHERE id = ?`).get(id) as CodingRow | undefined;
  if (!row) throw new AccordError('NOT_FOUND', `no coding with id ${id}`);
  return toCoding(row);
}

/** Apply codes to [start, end) of a document as `coderId` (default: the session's coder). */
export function applyCodings(
  s: Session,
  input: { documentId: DocumentId; codeIds: number[]; start: number; end: number; coderId?: number },
): Coding[] {
  const doc = getDocumentSummary(s, input.documentId);
  const coderId = input.coderId ?? s.requireCoder().id;
  const text = documentText(s, input.documentId);
  if (!(input.end > input.start) || input.start < 0 || input.end > text.length) {
    throw new AccordError(
      'INVALID_INPUT',
      `the range ${input.start}–${input.end} is not inside "${doc.name}" (0–${text.length}) or is empty`,
    );
  }
  const codes = [...new Set(input.codeIds)].map((id) => getCode(s, id));
  const snippet = text.slice(input.start, input.end);
  const labels = codes.map((c) => c.label || c.name).join(', ');
  const exists = s.db.prepare('SELECT id FROM codings WHERE document_id = ? AND code_id = ? AND coder_id = ? AND start = ? AND "end" = ?');
  const ids = s.change('coding.apply', `code ${labels} in ${doc.name}`, (c) =>
    codes.map((code) => {
      const found = exists.get(input.documentId, code.id, coderId, input.start, input.end) as { id: number } | undefined;
      if (found) return found.id;
      return c.insert('codings', {
        document_id: input.documentId,
        code_id: code.id,
        coder_id: coderId,
        start: input.start,
        end: input.end,
        text: snippet,
        created_at: nowIso(),
      });
    }),
  );
  return ids.map((id) => getCoding(s, id));
}

/**
 * Remove one coding: the caller's own, or (the lead) anyone's; another coder's hidden coding is
 * answered "not found" (blind mode).
 */
/** Give a coding another code: same range, same coder, one undoable step (the picker's Shift+C). */
export function recodeCoding(s: Session, id: CodingId, codeId: number): Coding {
  const coding = getCoding(s, id);
  requireVisibleCoding(s, coding);
  if (coding.coderId !== s.coder?.id && !isLead(s)) {
    const owner = s.db.prepare('SELECT name FROM coders WHERE id = ?').get(coding.coderId) as { name: string } | undefined;
    throw new AccordError('FORBIDDEN', `this coding is ${owner?.name ?? 'another coder'}'s: only they or the lead (${leadCoder(s)?.name ?? 'unknown'}) can change it`);
  }
  const from = getCode(s, coding.codeId);
  const to = getCode(s, codeId);
  if (from.id === to.id) return coding;
  const clash = s.db
    .prepare('SELECT 1 FROM codings WHERE document_id = ? AND code_id = ? AND coder_id = ? AND start = ? AND "end" = ?')
    .get(coding.documentId, to.id, coding.coderId, coding.start, coding.end);
  if (clash) throw new AccordError('CONFLICT', `this passage is already coded ${to.label || to.name} by the same coder`);
  s.change('coding.recode', `recode ${from.label || from.name} as ${to.label || to.name}`, (c) => c.update('codings', id, { code_id: to.id }));
  return getCoding(s, id);
}

export function removeCoding(s: Session, id: CodingId): void {
  const coding = getCoding(s, id);
  requireVisibleCoding(s, coding);
  if (coding.coderId !== s.coder?.id && !isLead(s)) {
    const owner = s.db.prepare('SELECT name FROM coders WHERE id = ?').get(coding.coderId) as { name: string } | undefined;
    throw new AccordError('FORBIDDEN', `this coding is ${owner?.name ?? 'another coder'}'s: only they or the lead (${leadCoder(s)?.name ?? 'unknown'}) can remove it`);
  }
  const code = getCode(s, coding.codeId);
  s.change('coding.remove', `remove ${code.label || code.name} coding`, (c) => {
    for (const m of s.db.prepare('SELECT id FROM memos WHERE coding_id = ?').all(id) as { id: number }[]) c.delete('memos', m.id);
    c.delete('codings', id);
  });
}
