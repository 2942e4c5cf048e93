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

/** A transcript whose first time is an hour or more in is taken to be written in clock times. */
const CLOCK_TIMES_FROM_MS = 3600 * 1000;

/**
 * Where a recording starts on its transcript's clock when it is linked (see `Recording.startsAtMs`):
 * 0 when the transcript's first time can be a time into the recording, else that first time, to the
 * second. A first time past the recording's end (known for WAV files) or an hour or more in is a
 * clock time: Zoom's saved transcript writes `[Jane Doe] 14:05:12`. The user corrects it when the
 * recording was started before the first line was spoken.
 */
export function guessRecordingStart(firstTimedMs: number | null, durationMs: number | null): number {
  if (firstTimedMs === null || firstTimedMs <= 0) return 0;
  const clockTimes = durationMs !== null ? firstTimedMs >= durationMs : firstTimedMs >= CLOCK_TIMES_FROM_MS;
  return clockTimes ? Math.floor(firstTimedMs / 1000) * 1000 : 0;
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
