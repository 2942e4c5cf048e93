// Which files of a dropped or named folder are documents to import: the command line and the
// documents panel pass over the same ones.

/**
 * Files a folder of transcripts often holds beside them that are not documents: hidden files
 * (".DS_Store"), Accord projects (the open one among them) with their SQLite companions and
 * backups, and Windows' thumbnail cache and folder settings. Naming one on its own still reports it.
 */
const PASSED_OVER = /^\.|\.accord(?:-wal|-shm|-journal)?$|^(?:Thumbs\.db|desktop\.ini)$/i;

/** True for a file a folder's import passes over (see PASSED_OVER). */
export function passedOver(name: string): boolean {
  return PASSED_OVER.test(name);
}

/** True for a project's media folder, `study.media/` beside `study.accord`: it holds the project's copies of recordings. */
export function isMediaFolder(name: string, siblings: readonly string[]): boolean {
  return name.endsWith('.media') && siblings.includes(`${name.slice(0, -'.media'.length)}.accord`);
}
