// Documents: import (one file, all-or-nothing), list, read, rename, delete. A document's text is
// fixed at import; its speaker turns and pages are stored as structure beside it.
import { hash as digest } from 'node:crypto';
import { extname, basename } from 'node:path';
import type { DocumentImportResult } from '../../../shared/api/contract';
import { AccordError } from '../../../shared/api/errors';
import type { DocumentFull, DocumentId, DocumentKind, DocumentSummary, Page, Turn } from '../../../shared/model/types';
import { cached, nowIso, type ChangeSet } from '../db/changes';
import { extractDocument } from '../import/extract';
import type { Session } from '../session';
import { requireOthersCodingsLead } from './blind';
import { ensureGroup } from './groups';
import { DOCUMENT_SELECT, toDocumentSummary, type DocumentRow } from './rows';

/** All documents in import order; with `groupId`, only the members of that group. */
export function listDocuments(s: Session, groupId?: number): DocumentSummary[] {
  if (groupId !== undefined) {
    const sql = `${DOCUMENT_SELECT} WHERE d.id IN (SELECT document_id FROM document_groups WHERE group_id = ?) ORDER BY d.ord, d.id`;
    return (s.db.prepare(sql).all(groupId) as DocumentRow[]).map(toDocumentSummary);
  }
  return (s.db.prepare(`${DOCUMENT_SELECT} ORDER BY d.ord, d.id`).all() as DocumentRow[]).map(toDocumentSummary);
}

export function getDocumentSummary(s: Session, id: number): DocumentSummary {
  const row = cached(s.db, `${DOCUMENT_SELECT} WHERE d.id = ?`).get(id) as DocumentRow | undefined;
  if (!row) throw new AccordError('NOT_FOUND', `no document with id ${id}`);
  return toDocumentSummary(row);
}

export function findDocumentByName(s: Session, name: string): DocumentSummary {
  const row = s.db.prepare(`${DOCUMENT_SELECT} WHERE d.name = ?`).get(name) as DocumentRow | undefined;
  if (!row) throw new AccordError('NOT_FOUND', `no document named "${name}"`);
  return toDocumentSummary(row);
}

export function documentText(s: Session, id: number): string {
  const r = s.db.prepare('SELECT text FROM documents WHERE id = ?').get(id) as { text: string } | undefined;
  if (!r) throw new AccordError('NOT_FOUND', `no document with id ${id}`);
  return r.text;
}

export function getDocument(s: Session, id: DocumentId): DocumentFull {
  const summary = getDocumentSummary(s, id);
  const turns = (
    s.db.prepare('SELECT speaker, start, "end", start_ms, end_ms FROM turns WHERE document_id = ? ORDER BY ord').all(id) as {
      speaker: string;
      start: number;
      end: number;
      start_ms: number | null;
      end_ms: number | null;
    }[]
  ).map<Turn>((t) => ({ speaker: t.speaker, start: t.start, end: t.end, startMs: t.start_ms, endMs: t.end_ms }));
  const pages = s.db.prepare('SELECT number, start, "end" FROM pages WHERE document_id = ? ORDER BY number').all(id) as Page[];
  return { ...summary, text: documentText(s, id), turns, pages };
}

/** `ID21 interview.docx` → `ID21 interview`; a taken name gets a numbered suffix. */
function uniqueName(s: Session, fileName: string): string {
  const base = basename(fileName, extname(fileName)).trim() || basename(fileName);
  const taken = cached(s.db, 'SELECT 1 FROM documents WHERE name = ?');
  if (!taken.get(base)) return base;
  for (let i = 2; ; i++) {
    const candidate = `${base} (${i})`;
    if (!taken.get(candidate)) return candidate;
  }
}

/** Find or create the participant with this ID; returns its row id. */
export function ensureParticipant(s: Session, c: ChangeSet, pid: string): number {
  const row = cached(s.db, 'SELECT id FROM participants WHERE pid = ?').get(pid) as { id: number } | undefined;
  if (row) return row.id;
  return c.insert('participants', { pid, created_at: nowIso() });
}

/** SHA-256 (hex) of the text's UTF-8 bytes; one-shot, without a Hash object per document. */
export function contentHash(text: string): string {
  return digest('sha256', text, 'hex');
}

/** How an import treats groups and files whose text is already in the project. */
export interface ImportOptions {
  /** Put the new document in this group (created if new). */
  group?: string;
  /** 'skip' (the default): a file whose normalised text equals an existing document's is not imported. */
  duplicates?: 'skip' | 'import';
}

/**
 * WAL frames an import may leave before SQLite checkpoints (the connection's default is 1,000, 4 MB).
 * A 10,000-word transcript writes ~50 pages, so the default would checkpoint, with two fsyncs, every
 * ~20 files of a study import. At 16,384 (64 MB) a 2,000-file import (bench/study-import.bench.ts)
 * checkpoints ~7 times instead of ~100, spends 5–10% less CPU and writes ~10% fewer bytes: pages
 * that successive imports rewrite (the FTS structure, b-tree interiors) reach the database once per
 * checkpoint rather than once per file.
 */
const IMPORT_WAL_AUTOCHECKPOINT = 16384;

/**
 * Runs one import with the larger checkpoint threshold and puts the connection's own back after, so
 * the deferred checkpoint happens at the next ordinary write or when the project closes.
 */
function withImportCheckpointing<T>(s: Session, fn: () => T): T {
  // db.pragma() each time, not a cached statement: SQLite applies this pragma (and reads its value)
  // when the statement is compiled, so a re-run prepared statement would neither set nor read it.
  const before = s.db.pragma('wal_autocheckpoint', { simple: true }) as number;
  if (before <= 0 || before >= IMPORT_WAL_AUTOCHECKPOINT) return fn();
  s.db.pragma(`wal_autocheckpoint = ${IMPORT_WAL_AUTOCHECKPOINT}`);
  try {
    return fn();
  } finally {
    s.db.pragma(`wal_autocheckpoint = ${before}`);
  }
}

/** Turns written per multi-row INSERT: one statement call per 32 turns instead of one per turn. */
const TURN_BATCH = 32;
const TURN_COLUMNS = '(document_id, ord, speaker, start, "end", start_ms, end_ms)';

/** Writes a document's speaker turns in order (`ord` = index), in batches of TURN_BATCH rows. */
function insertTurns(s: Session, docId: number, turns: readonly Turn[]): void {
  const batch = cached(s.db, `INSERT INTO turns ${TURN_COLUMNS} VALUES ${Array(TURN_BATCH).fill('(?, ?, ?, ?, ?, ?, ?)').join(', ')}`);
  const one = cached(s.db, `INSERT INTO turns ${TURN_COLUMNS} VALUES (?, ?, ?, ?, ?, ?, ?)`);
  const args: (string | number | null)[] = [];
  let i = 0;
  for (; i + TURN_BATCH <= turns.length; i += TURN_BATCH) {
    args.length = 0;
    for (let k = i; k < i + TURN_BATCH; k++) {
      const t = turns[k];
      args.push(docId, k, t.speaker, t.start, t.end, t.startMs ?? null, t.endMs ?? null);
    }
    batch.run(args);
  }
  for (; i < turns.length; i++) {
    const t = turns[i];
    one.run(docId, i, t.speaker, t.start, t.end, t.startMs ?? null, t.endMs ?? null);
  }
}

/** Import one file. Nothing is written unless the whole file reads cleanly. */
export async function importDocument(
  s: Session,
  fileName: string,
  bytes: Uint8Array,
  kind: DocumentKind = 'transcript',
  options: ImportOptions = {},
): Promise<DocumentImportResult> {
  const extracted = await extractDocument(fileName, bytes);
  // The hash is of the normalised text, so the same transcript saved as .docx and as .txt matches.
  const hash = contentHash(extracted.text);
  if ((options.duplicates ?? 'skip') === 'skip') {
    const same = cached(s.db, 'SELECT id, name FROM documents WHERE content_hash = ? ORDER BY id LIMIT 1').get(hash) as { id: number; name: string } | undefined;
    if (same) {
      const skipped = `same text as "${same.name}"`;
      return { document: getDocumentSummary(s, same.id), turns: extracted.turns.length, participant: extracted.participant, skipped };
    }
  }
  const id = withImportCheckpointing(s, () =>
    s.change(
      'document.import',
      `import ${basename(fileName)}`,
      (c) => {
        const participantId = extracted.participant && kind === 'transcript' ? ensureParticipant(s, c, extracted.participant) : null;
        const ord = (cached(s.db, 'SELECT coalesce(max(ord) + 1, 0) AS n FROM documents').get() as { n: number }).n;
        const docId = c.insert('documents', {
          name: uniqueName(s, fileName),
          kind,
          text: extracted.text,
          source_name: basename(fileName),
          format: extracted.format,
          content_hash: hash,
          imported_at: nowIso(),
          participant_id: participantId,
          duration_ms: extracted.durationMs ?? null,
          ord,
          length: extracted.text.length,
        });
        // Turns and pages derive from the text; an import is not undoable, so they are written without
        // per-row audit images (the document's own row is logged; a later delete logs them all).
        insertTurns(s, docId, extracted.turns);
        const page = cached(s.db, 'INSERT INTO pages (document_id, number, start, "end") VALUES (?, ?, ?, ?)');
        for (const p of extracted.pages) page.run(docId, p.number, p.start, p.end);
        if (options.group) c.insert('document_groups', { document_id: docId, group_id: ensureGroup(s, c, options.group) });
        return docId;
      },
      false,
    ),
  );
  return { document: getDocumentSummary(s, id), turns: extracted.turns.length, participant: extracted.participant, skipped: null };
}

export function renameDocument(s: Session, id: DocumentId, name: string): DocumentSummary {
  const doc = getDocumentSummary(s, id);
  const clash = s.db.prepare('SELECT id FROM documents WHERE name = ? AND id != ?').get(name, id);
  if (clash) throw new AccordError('CONFLICT', `a document named "${name}" already exists`);
  s.change('document.rename', `rename ${doc.name} to ${name}`, (c) => c.update('documents', id, { name }));
  return getDocumentSummary(s, id);
}

export function setDocumentKind(s: Session, id: DocumentId, kind: 'transcript' | 'archival'): DocumentSummary {
  const doc = getDocumentSummary(s, id);
  if (doc.kind !== kind) s.change('document.kind', `mark ${doc.name} as ${kind}`, (c) => c.update('documents', id, { kind }));
  return getDocumentSummary(s, id);
}

export function deleteDocument(s: Session, id: DocumentId): void {
  const doc = getDocumentSummary(s, id);
  requireOthersCodingsLead(s, `delete document ${doc.name}`, 'document_id = ?', [id]);
  s.change('document.delete', `delete document ${doc.name}`, (c) => {
    const ids = (sql: string) => (s.db.prepare(sql).all(id) as { id: number }[]).map((r) => r.id);
    // One `?` per query: better-sqlite3 refuses one value for a repeated `?1`.
    for (const m of ids('SELECT id FROM memos WHERE document_id = ?')) c.delete('memos', m);
    for (const m of ids('SELECT id FROM memos WHERE coding_id IN (SELECT id FROM codings WHERE document_id = ?)')) c.delete('memos', m);
    for (const k of ids('SELECT id FROM codings WHERE document_id = ?')) c.delete('codings', k);
    for (const t of ids('SELECT id FROM turns WHERE document_id = ?')) c.delete('turns', t);
    for (const p of ids('SELECT id FROM pages WHERE document_id = ?')) c.delete('pages', p);
    for (const g of ids('SELECT id FROM document_groups WHERE document_id = ?')) c.delete('document_groups', g);
    c.delete('documents', id);
  });
}
