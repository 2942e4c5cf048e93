// The transcript's recording above its text: a player (audio or video), or a way to link the file,
// or — when the file has moved or changed — a message and a way to relink it. Keys while the view is
// open: Alt+P play/pause, Alt+B back 5 s, Alt+[ slower, Alt+] faster. For a timed transcript, "Sync"
// says where the recording starts on the transcript's clock (a Zoom saved transcript has clock times).
import { useCallback, useEffect, useState, type RefObject } from 'react';
import { RECORDING_EXTENSIONS, type Recording } from '../../../shared/api/exchange';
import type { DocumentId } from '../../../shared/model/types';
import { touches } from '../../../shared/api/events';
import { api, errorMessage, mediaUrl } from '../../api/client';
import { useChanges } from '../../api/events';
import { useNotify } from '../../components/Notices';
import { parseTimestamp } from '../../../shared/text/turns';
import { formatClock } from './recording-sync';

export interface RecordingPlayerProps {
  documentId: DocumentId;
  /** The media element, for click-to-seek and following the text. */
  mediaRef: RefObject<HTMLMediaElement | null>;
  /** Whether the transcript has timed turns: only then can it be synced with its recording. */
  timed: boolean;
  /**
   * Called with where the recording starts on the transcript's clock when it becomes playable (or is
   * synced anew), and with null when it stops being playable, so the view can link text and time.
   */
  onPlayable?: (startsAtMs: number | null) => void;
}

const RATES = [0.5, 0.75, 1, 1.25, 1.5, 1.75, 2];

async function toBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let out = '';
  for (let i = 0; i < bytes.length; i += 0x8000) out += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(out);
}

export function RecordingPlayer({ documentId, mediaRef, timed, onPlayable }: RecordingPlayerProps) {
  const notify = useNotify();
  const [recording, setRecording] = useState<Recording | null | undefined>(undefined);
  const [rate, setRate] = useState(1);
  const [busy, setBusy] = useState(false);

  // Read again after any change to recordings (an undo of a sync, a relink from the command line).
  const [changes, setChanges] = useState(0);
  useChanges((e) => {
    if (touches(e, 'recordings')) setChanges((n) => n + 1);
  });
  useEffect(() => {
    let live = true;
    api['recordings:get']({ documentId }).then(
      (r) => live && setRecording(r),
      (err) => notify('error', errorMessage(err)),
    );
    return () => {
      live = false;
    };
  }, [documentId, notify, changes]);

  const playable = recording?.status === 'ok';
  const startsAtMs = playable ? recording.startsAtMs : null;
  useEffect(() => onPlayable?.(startsAtMs), [startsAtMs, onPlayable]);
  // The sync form's text while it is open.
  const [syncing, setSyncing] = useState<string | null>(null);

  const saveStart = async () => {
    const ms = parseTimestamp(syncing ?? '');
    if (ms === null) return notify('error', `"${syncing}" is not a time: give it as h:mm:ss or m:ss.`);
    try {
      const r = await api['recordings:sync']({ documentId, startsAtMs: ms });
      setRecording(r);
      setSyncing(null);
      notify('info', `The recording now starts at ${formatClock(r.startsAtMs)} of the transcript's times.`);
    } catch (err) {
      notify('error', errorMessage(err));
    }
  };

  const link = async (file: File | undefined) => {
    if (!file) return;
    setBusy(true);
    try {
      const r = await api['recordings:link']({ documentId, fileName: file.name, dataBase64: await toBase64(file) });
      setRecording(r);
      const clock = r.startsAtMs > 0 ? ` The transcript's times are clock times: the recording is taken to start at ${formatClock(r.startsAtMs)} (Sync… to correct it).` : '';
      notify('info', `Linked ${r.fileName}; copied to ${r.path}.${clock}`);
    } catch (err) {
      notify('error', errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const changeRate = useCallback(
    (step: number) => {
      const el = mediaRef.current;
      if (!el) return;
      const i = RATES.indexOf(el.playbackRate);
      const next = RATES[Math.min(RATES.length - 1, Math.max(0, (i < 0 ? 2 : i) + step))];
      el.playbackRate = next;
      setRate(next);
    },
    [mediaRef],
  );

  useEffect(() => {
    if (!playable) return;
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey || e.ctrlKey || e.metaKey) return;
      const target = e.target as HTMLElement | null;
      if (target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.isContentEditable)) return;
      const el = mediaRef.current;
      if (!el) return;
      if (e.code === 'KeyP') {
        if (el.paused) void el.play().catch(() => undefined);
        else el.pause();
      } else if (e.code === 'KeyB') el.currentTime = Math.max(0, el.currentTime - 5);
      else if (e.code === 'BracketLeft') changeRate(-1);
      else if (e.code === 'BracketRight') changeRate(1);
      else return;
      e.preventDefault();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [playable, mediaRef, changeRate]);

  if (recording === undefined) return null;
  const picker = (label: string) => (
    <label className={`button recording-link${busy ? ' disabled' : ''}`}>
      {busy ? 'Copying…' : label}
      <input
        type="file"
        accept={RECORDING_EXTENSIONS.map((e) => `.${e}`).join(',')}
        hidden
        disabled={busy}
        onChange={(e) => void link(e.target.files?.[0])}
        data-testid="recording-file"
      />
    </label>
  );
  if (recording === null) {
    return <div className="recording-bar" data-testid="recording-bar">{picker('Link recording…')}</div>;
  }
  if (!playable) {
    return (
      <div className="recording-bar problem" role="alert" data-testid="recording-bar">
        <span>
          The recording {recording.fileName} is {recording.status === 'missing' ? 'missing' : 'not the file that was linked'} (expected at {recording.path}).
        </span>
        {picker('Relink…')}
      </div>
    );
  }
  const src = mediaUrl(documentId, recording.sha256);
  return (
    <div className="recording-bar" data-testid="recording-bar">
      {recording.kind === 'video' ? (
        <video ref={(el) => void (mediaRef.current = el)} src={src} controls preload="metadata" className="recording-media video" data-testid="recording-player" />
      ) : (
        <audio ref={(el) => void (mediaRef.current = el)} src={src} controls preload="metadata" className="recording-media" data-testid="recording-player" />
      )}
      <span className="recording-info">
        {recording.fileName}
        {recording.durationMs !== null ? ` · ${formatClock(recording.durationMs)}` : ''} · {rate}×
        {recording.startsAtMs > 0 ? (
          <span data-testid="recording-start" title="Where the recording starts on the transcript's clock: a turn timed 14:07:30 plays 2:18 into a recording starting at 14:05:12.">
            {` · starts at ${formatClock(recording.startsAtMs)} of the transcript`}
          </span>
        ) : null}
      </span>
      {timed && syncing === null ? (
        <button type="button" className="link" onClick={() => setSyncing(formatClock(recording.startsAtMs))} data-testid="recording-sync">
          Sync…
        </button>
      ) : null}
      {syncing !== null ? (
        <form
          className="recording-sync"
          onSubmit={(e) => {
            e.preventDefault();
            void saveStart();
          }}
        >
          <label title="0:00 when the transcript's times count from the start of the recording. A Zoom saved transcript writes clock times: give the clock time at which the recording began.">
            Recording starts at transcript time{' '}
            <input value={syncing} onChange={(e) => setSyncing(e.target.value)} size={8} placeholder="h:mm:ss" autoFocus data-testid="recording-start-input" />
          </label>
          <button type="submit" data-testid="recording-start-save">
            Save
          </button>
          <button type="button" className="link" onClick={() => setSyncing(null)}>
            Cancel
          </button>
        </form>
      ) : null}
      <span className="recording-keys" title="Keyboard: Alt+P play/pause, Alt+B back 5 s, Alt+[ slower, Alt+] faster">
        <kbd>Alt+P</kbd> <kbd>Alt+B</kbd> <kbd>Alt+[</kbd> <kbd>Alt+]</kbd>
      </span>
    </div>
  );
}
