// Recordings and their times, pure for the engine and the renderer alike: how transcripts and papers
// write a time (`m:ss`, or `h:mm:ss` from one hour: "ID21, 12:03"), and which transcript a recording
// imported beside it belongs to.

export function formatClock(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

const RECORDING = /\.(mp3|m4a|wav|ogg|mp4|webm)$/i;

/** True for a recording's file name (mp3, m4a, wav, ogg, mp4, webm). */
export function isRecordingFile(name: string): boolean {
  return RECORDING.test(name);
}

/**
 * The document a recording imported beside its transcript belongs to: the one named like the file
 * without its extension (`ID21 interview.m4a` → `ID21 interview`), compared case-insensitively.
 */
export function transcriptFor<T extends { name: string }>(recordingFile: string, documents: readonly T[]): T | undefined {
  const base = recordingFile.replace(/^.*[\\/]/, '').replace(RECORDING, '').trim().toLowerCase();
  return documents.find((d) => d.name.trim().toLowerCase() === base);
}
