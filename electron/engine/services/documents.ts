// Documents: import (one file, all-or-nothing), list, read, rename, delete. A document's text is
// fixed at import; its speaker turns and pages are stored as structure beside it.
import { readFileSync, statSync } from 'node:fs';
import { extname, basename } from 'node:path';
import type { DocumentImportResult, ImportSettings } from '../../../shared/api/contract';
import { AccordError } from '../../../shared/errors';
import type { Cue, DocumentFull, DocumentId, DocumentKind, DocumentSummary, Page, Turn } from '../../../shared/model/types';
import { idPatternProblem, knownIndex, type ParticipantRules } from '../../../shared/text/participant-id';
import { cached, nowIso, type ChangeSet } from '../db/changes';
import type { ExtractedDocument } from '../import/extract';
import { assertImportSize } from '../import/limits';
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
  const cues = (
    s.db.prepare('SELECT start, "end", start_ms, end_ms FROM cues WHERE document_id = ? ORDER BY ord').all(id) as {
      start: number;
      end: number;
      start_ms: number;
      end_ms: number | null;
    }[]
  ).map<Cue>((c) => ({ start: c.start, end: c.end, startMs: c.start_ms, endMs: c.end_ms }));
  const { duration_ms: durationMs } = s.db.prepare('SELECT duration_ms FROM documents WHERE id = ?').get(id) as { duration_ms: number | null };
  return { ...summary, text: documentText(s, id), turns, pages, cues, durationMs };
}

/** The project's import settings (one row; absent means the defaults). */
export function getImportSettings(s: Session): ImportSettings {
  const row = cached(s.db, 'SELECT id_pattern FROM import_settings WHERE id = 1').get() as { id_pattern: string | null } | undefined;
  return { idPattern: row?.id_pattern ?? null };
}

/**
 * Sets the project's participant-ID pattern (null: the built-in patterns). The pattern is checked
 * first (a valid regular expression that cannot match nothing); existing documents keep their
 * participants, the pattern applies to the next imports.
 */
export function setImportSettings(s: Session, settings: ImportSettings): ImportSettings {
  const pattern = settings.idPattern === null ? null : settings.idPattern.trim();
  if (pattern !== null) {
    const problem = idPatternProblem(pattern);
    if (problem) throw new AccordError('INVALID_INPUT', `${problem}: ${pattern}`);
  }
  const exists = cached(s.db, 'SELECT 1 FROM import_settings WHERE id = 1').get();
  s.change('import.settings', pattern === null ? 'use the built-in participant-ID patterns' : `participant-ID pattern ${pattern}`, (c) => {
    if (exists) c.update('import_settings', 1, { id_pattern: pattern });
    else c.insert('import_settings', { id: 1, id_pattern: pattern });
  });
  return getImportSettings(s);
}

/**
 * The participants' IDs as an import looks them up, kept per connection from one import to the next:
 * reading every participant for every file made a 2,000-file import read two million rows. `state`
 * is the database's state they were read in (or brought up to date with); any other change since,
 * by this connection (total_changes) or another (data_version), makes the next import read them again.
 */
interface KnownParticipants {
  state: string;
  index: Map<string, string>;
}
const knownParticipants = new WeakMap<Session['db'], KnownParticipants>();

function dbState(s: Session): string {
  // Both re-evaluated on every run of the cached statements (unlike a pragma that sets a value).
  const version = cached(s.db, 'PRAGMA data_version').get() as { data_version: number };
  const changes = cached(s.db, 'SELECT total_changes() AS n').get() as { n: number };
  return `${version.data_version}:${changes.n}`;
}

/** The rules an import detects participant IDs with: the project's pattern and its participants' IDs. */
function participantRules(s: Session): ParticipantRules {
  const state = dbState(s);
  let known = knownParticipants.get(s.db);
  if (known?.state !== state) {
    const pids = (cached(s.db, 'SELECT pid FROM participants').all() as { pid: string }[]).map((r) => r.pid);
    knownParticipants.set(s.db, (known = { state, index: knownIndex(pids) }));
  }
  return { pattern: getImportSettings(s).idPattern, knownIndex: known.index };
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

/**
 * SHA-256 (hex) of the text's UTF-8 bytes; one-shot, without a Hash object per document. node:crypto
 * is loaded on the first import, not with the engine (about 7 ms of every command's start-up).
 */
export function contentHash(text: string): string {
  return process.getBuiltinModule('node:crypto').hash('sha256', text, 'hex');
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

/** Connections whose checkpoint threshold an import raised, with the threshold to put back. */
const raisedCheckpoint = new WeakMap<Session['db'], number>();

/**
 * Runs one import with the larger checkpoint threshold. The connection's own threshold is put back
 * once the running burst of work is over (the next turn of the event loop): a run of imports made
 * back to back, as `accord import` makes them, sets the pragma once rather than three times a file,
 * and the deferred checkpoint happens at the next ordinary write or when the project closes.
 */
function withImportCheckpointing<T>(s: Session, fn: () => T): T {
  const db = s.db;
  if (!raisedCheckpoint.has(db)) {
    // db.pragma() each time, not a cached statement: SQLite applies this pragma (and reads its value)
    // when the statement is compiled, so a re-run prepared statement would neither set nor read it.
    const before = db.pragma('wal_autocheckpoint', { simple: true }) as number;
    if (before <= 0 || before >= IMPORT_WAL_AUTOCHECKPOINT) return fn();
    db.pragma(`wal_autocheckpoint = ${IMPORT_WAL_AUTOCHECKPOINT}`);
    raisedCheckpoint.set(db, before);
    setImmediate(() => {
      raisedCheckpoint.delete(db);
      if (db.open) db.pragma(`wal_autocheckpoint = ${before}`);
    }).unref();
  }
  return fn();
}

/** Turns written per multi-row INSERT: one statement call per 32 turns instead of one per turn. */
export const TURN_BATCH = 32;
export const TURN_COLUMNS = '(document_id, ord, speaker, start, "end", start_ms, end_ms)';

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
  return storeDocument(s, await readDocument(fileName, bytes, participantRules(s)), kind, options);
}

/** A file read and normalised, ready to be stored: no database access yet. */
export interface ReadDocument {
  fileName: string;
  extracted: ExtractedDocument;
  hash: string;
}

/**
 * Reads a file into normalised text and structure (the part of an import that can fail on bad input);
 * `rules` are the project's participant-ID pattern and known IDs.
 */
export async function readDocument(fileName: string, bytes: Uint8Array, rules: ParticipantRules = {}): Promise<ReadDocument> {
  // The readers (text, Word, PDF, subtitles, RTF) load with the first import, not with the engine.
  const { extractDocument } = await import('../import/extract');
  const extracted = await extractDocument(fileName, bytes, rules);
  // The hash is of the normalised text, so the same transcript saved as .docx and as .txt matches.
  return { fileName, extracted, hash: contentHash(extracted.text) };
}

/** Stores a read document in one transaction of its own (a savepoint inside a caller's transaction). */
export function storeDocument(s: Session, doc: ReadDocument, kind: DocumentKind = 'transcript', options: ImportOptions = {}): DocumentImportResult {
  const { fileName, extracted, hash } = doc;
  if ((options.duplicates ?? 'skip') === 'skip') {
    const same = cached(s.db, 'SELECT id, name FROM documents WHERE content_hash = ? ORDER BY id LIMIT 1').get(hash) as { id: number; name: string } | undefined;
    if (same) {
      const skipped = `same text as "${same.name}"`;
      return { document: getDocumentSummary(s, same.id), ...importReport(extracted), skipped };
    }
  }
  const known = knownParticipants.get(s.db);
  const knownIsCurrent = known?.state === dbState(s);
  let newParticipant: string | null = null;
  const id = withImportCheckpointing(s, () =>
    s.change(
      'document.import',
      `import ${basename(fileName)}`,
      (c) => {
        let participantId: number | null = null;
        if (extracted.participant && kind === 'transcript') {
          const rows = c.size;
          participantId = ensureParticipant(s, c, extracted.participant);
          if (c.size > rows) newParticipant = extracted.participant;
        }
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
        const cue = cached(s.db, 'INSERT INTO cues (document_id, ord, start, "end", start_ms, end_ms) VALUES (?, ?, ?, ?, ?, ?)');
        extracted.cues.forEach((q, i) => cue.run(docId, i, q.start, q.end, q.startMs, q.endMs));
        if (options.group) c.insert('document_groups', { document_id: docId, group_id: ensureGroup(s, c, options.group) });
        return docId;
      },
      false,
    ),
  );
  // The known IDs stay current across this import: it added at most this one participant.
  if (known && knownIsCurrent) {
    if (newParticipant !== null) knownIndex([newParticipant], known.index);
    known.state = dbState(s);
  }
  return { document: getDocumentSummary(s, id), ...importReport(extracted), skipped: null };
}

/** What the import summary shows of one file: structure found, participant and where, encoding, warnings. */
function importReport(x: ExtractedDocument): Omit<DocumentImportResult, 'document' | 'skipped'> {
  const speakers: string[] = [];
  for (const t of x.turns) if (t.speaker !== '' && !speakers.includes(t.speaker)) speakers.push(t.speaker);
  const firstMs = x.cues[0]?.startMs ?? null;
  const lastCue = x.cues[x.cues.length - 1];
  return {
    turns: x.turns.length,
    participant: x.participant,
    participantFound: x.participantMatch ? { source: x.participantMatch.source, evidence: x.participantMatch.evidence.slice(0, 160) } : null,
    speakers: speakers.slice(0, 20),
    cues: x.cues.length,
    timeSpan: firstMs === null ? null : { startMs: firstMs, endMs: x.durationMs ?? lastCue?.endMs ?? lastCue?.startMs ?? firstMs },
    pages: x.pages.length,
    encoding: x.encoding,
    warnings: x.warnings,
  };
}

/** Reads a file by path, its size checked before it is read; errors name the file. */
function readFileBytes(path: string, fileName: string): Uint8Array {
  try {
    const st = statSync(path);
    if (!st.isFile()) throw new AccordError('BAD_FILE', `${basename(path)}: is not a file`);
    assertImportSize(fileName, st.size);
    const bytes = readFileSync(path);
    return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  } catch (err) {
    if (err instanceof AccordError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw new AccordError(code === 'ENOENT' ? 'NOT_FOUND' : 'BAD_FILE', `${basename(path)}: ${code === 'ENOENT' ? 'no such file' : (err as Error).message}`);
  }
}

/**
 * Imports a file the engine reads itself, by path: the size is checked before the file is read, and the
 * bytes go straight to the reader (no copy through the caller, no base64).
 */
export async function importDocumentFile(
  s: Session,
  path: string,
  fileName: string = basename(path),
  kind: DocumentKind = 'transcript',
  options: ImportOptions = {},
): Promise<DocumentImportResult> {
  return importDocument(s, fileName, readFileBytes(path, fileName), kind, options);
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
    for (const q of ids('SELECT id FROM cues WHERE document_id = ?')) c.delete('cues', q);
    for (const p of ids('SELECT id FROM pages WHERE document_id = ?')) c.delete('pages', p);
    for (const g of ids('SELECT id FROM document_groups WHERE document_id = ?')) c.delete('document_groups', g);
    c.delete('documents', id);
  });
}
