// Importing many files one call at a time: progress after each file, cancellation between files,
// and a per-file summary of what was imported and what failed (with the engine's message).
import { isMediaFolder, passedOver } from '../../../shared/text/folder-files';

export interface ImportOutcome {
  fileName: string;
  ok: boolean;
  message: string;
  /** For an imported document: who the participant is and where that was found, and the encoding. */
  participant?: string;
  encoding?: string;
  /** Problems that did not stop the import (bad bytes and their lines, empty PDF pages, ...). */
  warnings?: string[];
}

/** What importing one file reports back: a message, or a message with the document's details. */
export type ImportReply = string | Omit<ImportOutcome, 'fileName' | 'ok'>;

export interface ImportProgress {
  done: number;
  total: number;
  current: string | null;
}

export interface FileLike {
  name: string;
  arrayBuffer(): Promise<ArrayBuffer>;
}

/** Bytes to base64 in chunks, so large files do not overflow the argument list of fromCharCode. */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) {
    binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  }
  return btoa(binary);
}

/**
 * Import `files` in order with `importOne`; stops before the next file once `isCancelled()` is true.
 * Files not attempted because of cancellation are not in the result.
 */
export async function importFiles(
  files: readonly FileLike[],
  importOne: (fileName: string, dataBase64: string) => Promise<ImportReply>,
  onProgress: (p: ImportProgress) => void,
  isCancelled: () => boolean,
): Promise<ImportOutcome[]> {
  const outcomes: ImportOutcome[] = [];
  for (let i = 0; i < files.length; i++) {
    if (isCancelled()) break;
    const file = files[i];
    onProgress({ done: i, total: files.length, current: file.name });
    try {
      const data = bytesToBase64(new Uint8Array(await file.arrayBuffer()));
      const reply = await importOne(file.name, data);
      outcomes.push(typeof reply === 'string' ? { fileName: file.name, ok: true, message: reply } : { fileName: file.name, ok: true, ...reply });
    } catch (err) {
      outcomes.push({ fileName: file.name, ok: false, message: err instanceof Error ? err.message : String(err) });
    }
    onProgress({ done: i + 1, total: files.length, current: null });
  }
  return outcomes;
}

/**
 * Files of a dropped entry; a folder's files recursively, in name order, leaving out what a folder's
 * import passes over (hidden files, Accord's own, a project's media folder: shared/text/folder-files.ts).
 */
async function entryFiles(entry: FileSystemEntry, siblings: readonly string[] = []): Promise<File[]> {
  // Hidden files are left out wherever they are; Accord's own files only inside a dropped folder.
  if (entry.name.startsWith('.') || (siblings.length > 0 && (passedOver(entry.name) || (entry.isDirectory && isMediaFolder(entry.name, siblings))))) return [];
  if (entry.isFile) return [await new Promise<File>((ok, fail) => (entry as FileSystemFileEntry).file(ok, fail))];
  if (!entry.isDirectory) return [];
  const reader = (entry as FileSystemDirectoryEntry).createReader();
  const children: FileSystemEntry[] = [];
  // readEntries hands out a folder's entries in batches until it returns an empty one.
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((ok, fail) => reader.readEntries(ok, fail));
    if (batch.length === 0) break;
    children.push(...batch);
  }
  children.sort((a, b) => a.name.localeCompare(b.name, undefined, { numeric: true }));
  const out: File[] = [];
  const names = children.map((c) => c.name);
  for (const child of children) out.push(...(await entryFiles(child, names)));
  return out;
}

/**
 * The files of a drop, with dropped folders opened recursively. Entries must be taken from the
 * DataTransfer synchronously, inside the drop event; reading them may continue afterwards.
 */
export function droppedFiles(data: DataTransfer): Promise<File[]> {
  const entries = Array.from(data.items)
    .map((item) => item.webkitGetAsEntry())
    .filter((e): e is FileSystemEntry => e !== null);
  if (entries.length === 0) return Promise.resolve(Array.from(data.files));
  return Promise.all(entries.map((e) => entryFiles(e))).then((lists) => lists.flat());
}

/** REFI-QDA exchange files go to the exchange importer rather than the document importer. */
export function isRefiFile(name: string): boolean {
  return /\.(qdpx|qde|qdc)$/i.test(name);
}
