// A transcript's audio or video recording. The file is copied into the media folder beside the
// project (`NAME.media/`), and the project keeps its path relative to the project's folder and its
// SHA-256, so a project folder can move as a whole; a missing or replaced file is reported, and
// linking again relinks it. Every change is recorded like any other.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join, resolve, sep } from 'node:path';
import { RECORDING_EXTENSIONS, type Recording } from '../../../shared/api/exchange';
import { AccordError } from '../../../shared/api/errors';
import type { DocumentId } from '../../../shared/model/types';
import { formatClock, guessRecordingStart } from '../../../shared/text/clock';
import { nowIso, type ChangeSet } from '../db/changes';
import type { Session } from '../session';
import { getDocumentSummary } from './documents';
import { firstTurnTime } from './spoken-times';

type Ext = (typeof RECORDING_EXTENSIONS)[number];

const FORMATS: Record<Ext, { mime: string; kind: 'audio' | 'video'; label: string; sniff: (b: Uint8Array) => boolean }> = {
  mp3: { mime: 'audio/mpeg', kind: 'audio', label: 'MP3', sniff: (b) => ascii(b, 0, 3) === 'ID3' || (b[0] === 0xff && (b[1] & 0xe0) === 0xe0) },
  m4a: { mime: 'audio/mp4', kind: 'audio', label: 'M4A (MPEG-4 audio)', sniff: (b) => ascii(b, 4, 4) === 'ftyp' },
  wav: { mime: 'audio/wav', kind: 'audio', label: 'WAV', sniff: (b) => ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 4) === 'WAVE' },
  ogg: { mime: 'audio/ogg', kind: 'audio', label: 'Ogg', sniff: (b) => ascii(b, 0, 4) === 'OggS' },
  mp4: { mime: 'video/mp4', kind: 'video', label: 'MP4', sniff: (b) => ascii(b, 4, 4) === 'ftyp' },
  webm: { mime: 'video/webm', kind: 'video', label: 'WebM', sniff: (b) => b[0] === 0x1a && b[1] === 0x45 && b[2] === 0xdf && b[3] === 0xa3 },
};

function ascii(b: Uint8Array, at: number, n: number): string {
  return String.fromCharCode(...b.subarray(at, at + n));
}

interface RecordingRow {
  id: number;
  document_id: number;
  kind: 'audio' | 'video';
  path: string;
  file_name: string;
  mime: string;
  size: number;
  sha256: string;
  duration_ms: number | null;
  starts_at_ms: number;
}

const COLUMNS = 'id, document_id, kind, path, file_name, mime, size, sha256, duration_ms, starts_at_ms';

/** The folder holding the project file: recordings' paths are relative to it. */
function projectFolder(s: Session): string {
  return dirname(resolve(s.path));
}

/** A relative path stored in the project → the file on this machine (never outside the project's folder). */
function absolute(s: Session, rel: string): string {
  const root = projectFolder(s);
  const file = resolve(root, ...rel.split('/'));
  if (!file.startsWith(root + sep)) throw new AccordError('BAD_FILE', `recording path '${rel}' points outside the project's folder`);
  return file;
}

function toRecording(s: Session, r: RecordingRow): Recording {
  const file = absolute(s, r.path);
  let status: Recording['status'] = 'ok';
  if (!existsSync(file)) status = 'missing';
  else if (statSync(file).size !== r.size) status = 'changed';
  return {
    documentId: r.document_id as DocumentId,
    kind: r.kind,
    fileName: r.file_name,
    mime: r.mime,
    size: r.size,
    sha256: r.sha256,
    path: r.path,
    file,
    durationMs: r.duration_ms,
    startsAtMs: r.starts_at_ms,
    status,
  };
}

export function getRecording(s: Session, documentId: number): Recording | null {
  getDocumentSummary(s, documentId);
  const row = s.db.prepare(`SELECT ${COLUMNS} FROM recordings WHERE document_id = ?`).get(documentId) as RecordingRow | undefined;
  return row ? toRecording(s, row) : null;
}

export function listRecordings(s: Session): Recording[] {
  const columns = COLUMNS.split(', ').map((c) => `r.${c}`).join(', ');
  const rows = s.db.prepare(`SELECT ${columns} FROM recordings r JOIN documents d ON d.id = r.document_id ORDER BY d.ord, d.id`).all() as RecordingRow[];
  return rows.map((r) => toRecording(s, r));
}

/** Duration of a PCM WAV from its header (byte rate and data size); null when the header is unusual. */
export function wavDurationMs(b: Uint8Array): number | null {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  let byteRate = 0;
  for (let p = 12; p + 8 <= b.length; ) {
    const id = ascii(b, p, 4);
    const size = view.getUint32(p + 4, true);
    if (id === 'fmt ' && p + 16 <= b.length) byteRate = view.getUint32(p + 16, true);
    if (id === 'data') return byteRate > 0 ? Math.round((Math.min(size, b.length - p - 8) / byteRate) * 1000) : null;
    p += 8 + size + (size % 2);
  }
  return null;
}

/** Check that the bytes are the format the name says; a clear error naming the file otherwise. */
function formatOf(fileName: string, head: Uint8Array): (typeof FORMATS)[Ext] {
  const ext = extname(fileName).slice(1).toLowerCase();
  if (!(RECORDING_EXTENSIONS as readonly string[]).includes(ext)) {
    throw new AccordError('BAD_FILE', `${fileName}: not a recording Accord plays (use ${RECORDING_EXTENSIONS.join(', ')})`);
  }
  const f = FORMATS[ext as Ext];
  if (head.length < 12 || !f.sniff(head)) throw new AccordError('BAD_FILE', `${fileName}: not a ${f.label} file (its first bytes say otherwise)`);
  return f;
}

/** A file name safe on every system, kept recognisable. */
function safeName(name: string): string {
  const cleaned = [...name.normalize('NFC')]
    .map((ch) => (ch.charCodeAt(0) < 32 || '\\/:*?"<>|'.includes(ch) ? '_' : ch))
    .join('')
    .replace(/^\.+/, '')
    .trim();
  return cleaned.slice(-120) || 'recording';
}

/**
 * Link (or relink) a recording to a document. The bytes come inline or from `path`; they are copied
 * into NAME.media/ (an identical file already there is reused) before the row is written in one change.
 */
export function linkRecording(s: Session, input: { documentId: number; fileName: string; dataBase64?: string; path?: string }): Recording {
  const doc = getDocumentSummary(s, input.documentId);
  let bytes: Uint8Array;
  if (input.path !== undefined) {
    if (!existsSync(input.path)) throw new AccordError('NOT_FOUND', `${basename(input.path)}: no such file`);
    bytes = readFileSync(input.path);
  } else {
    const buf = Buffer.from(input.dataBase64!, 'base64');
    bytes = new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
  }
  const relink = hasRecording(s, input.documentId);
  s.change('recording.link', `${relink ? 'relink' : 'link'} the recording of ${doc.name}`, (c) => {
    const { id, durationMs } = storeRecording(s, c, input.documentId, input.fileName, bytes);
    // A relinked file keeps the start it was given; a new one starts where the transcript's times say.
    if (!relink) {
      const startsAt = guessRecordingStart(firstTurnTime(s, input.documentId), durationMs);
      if (startsAt !== 0) c.update('recordings', id, { starts_at_ms: startsAt });
    }
  });
  return getRecording(s, input.documentId)!;
}

/** Set where a document's recording starts on its transcript's clock (see `Recording.startsAtMs`). */
export function syncRecording(s: Session, documentId: number, startsAtMs: number): Recording {
  const doc = getDocumentSummary(s, documentId);
  const row = s.db.prepare('SELECT id, starts_at_ms FROM recordings WHERE document_id = ?').get(documentId) as { id: number; starts_at_ms: number } | undefined;
  if (!row) throw new AccordError('NOT_FOUND', `${doc.name} has no recording`);
  if (row.starts_at_ms !== startsAtMs) {
    s.change('recording.sync', `start the recording of ${doc.name} at ${formatClock(startsAtMs)} of its transcript`, (c) =>
      c.update('recordings', row.id, { starts_at_ms: startsAtMs }),
    );
  }
  return getRecording(s, documentId)!;
}

function hasRecording(s: Session, documentId: number): boolean {
  return !!s.db.prepare('SELECT 1 FROM recordings WHERE document_id = ?').get(documentId);
}

/**
 * Inside a change: check the bytes, copy them into NAME.media/ (an identical file already there is
 * reused) and write the document's recording row; returns its id and the duration read. A file written
 * for a change that then fails stays in the media folder unreferenced; the project itself is unchanged.
 */
export function storeRecording(s: Session, c: ChangeSet, documentId: number, originalName: string, bytes: Uint8Array): { id: number; durationMs: number | null } {
  const fileName = basename(originalName);
  const format = formatOf(fileName, bytes.subarray(0, 64));
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const folderName = `${s.name}.media`;
  const folder = join(projectFolder(s), folderName);
  mkdirSync(folder, { recursive: true });
  let name = `${documentId}-${safeName(fileName)}`;
  for (let i = 2; existsSync(join(folder, name)) && !sameFile(join(folder, name), bytes.length, sha256); i++) {
    name = `${documentId}-${i}-${safeName(fileName)}`;
  }
  const target = join(folder, name);
  if (!existsSync(target)) writeFileSync(target, bytes, { flag: 'wx' });
  const row = {
    document_id: documentId,
    kind: format.kind,
    path: `${folderName}/${name}`,
    file_name: fileName,
    mime: format.mime,
    size: bytes.length,
    sha256,
    duration_ms: format.mime === 'audio/wav' ? wavDurationMs(bytes) : null,
    linked_at: nowIso(),
  };
  const existing = s.db.prepare('SELECT id FROM recordings WHERE document_id = ?').get(documentId) as { id: number } | undefined;
  const id = existing ? existing.id : c.insert('recordings', row);
  if (existing) c.update('recordings', existing.id, row);
  return { id, durationMs: row.duration_ms };
}

/** A linked recording's bytes for export, or null when its file is missing or changed. */
export function recordingBytes(s: Session, documentId: number): { recording: Recording; bytes: Uint8Array } | null {
  const r = getRecording(s, documentId);
  if (!r || r.status !== 'ok') return null;
  return { recording: r, bytes: readFileSync(r.file) };
}

function sameFile(path: string, size: number, sha256: string): boolean {
  if (statSync(path).size !== size) return false;
  return createHash('sha256').update(readFileSync(path)).digest('hex') === sha256;
}

export function unlinkRecording(s: Session, documentId: number): void {
  const doc = getDocumentSummary(s, documentId);
  const row = s.db.prepare('SELECT id FROM recordings WHERE document_id = ?').get(documentId) as { id: number } | undefined;
  if (!row) throw new AccordError('NOT_FOUND', `${doc.name} has no recording`);
  s.change('recording.unlink', `unlink the recording of ${doc.name}`, (c) => c.delete('recordings', row.id));
}

