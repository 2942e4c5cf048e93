// How transcripts and papers write a time in a recording: `m:ss`, or `h:mm:ss` from one hour
// ("ID21, 12:03"). Pure, for the engine's tables and the renderer alike.

export function formatClock(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}
