// A long report's progress while it runs: a bar, "n of m documents" and Cancel. Domain-free: the
// caller runs the call (callFollowed) and hands this the latest progress; `useReportProgress` keeps
// the state and shows the line only for calls that take a moment (no flash for quick ones).
import { useCallback, useRef, useState } from 'react';
import type { CallOptions, Progress } from '../api/client';

/** Calls quicker than this show no progress line. */
const SHOW_AFTER_MS = 300;

export function ReportProgress({ label, progress, onCancel }: { label: string; progress: Progress | null; onCancel: () => void }) {
  return (
    <div className="import-progress report-progress" role="status" data-testid="report-progress">
      <span>{label}</span>
      <progress max={progress?.total || 1} value={progress?.done ?? 0} />
      <span data-testid="report-progress-count">
        {progress ? `${progress.done.toLocaleString('en')} of ${progress.total.toLocaleString('en')} ${progress.unit}` : 'starting…'}
      </span>
      <button type="button" onClick={onCancel} data-testid="report-progress-cancel">
        Cancel
      </button>
    </div>
  );
}

/**
 * State for one followed call at a time: `start()` gives the options for callFollowed (a fresh
 * signal and a progress listener) and cancels the previous call; `done()` ends it; `cancel()` stops
 * it. `shown` is the progress line's state once the call has run for a moment, else null.
 */
export function useReportProgress(): {
  shown: { progress: Progress | null } | null;
  start: () => CallOptions;
  /** The call ended; given its options, only if it is still the current one. */
  done: (call?: CallOptions) => void;
  cancel: () => void;
} {
  const [shown, setShown] = useState<{ progress: Progress | null } | null>(null);
  const current = useRef<{ abort: AbortController; timer: ReturnType<typeof setTimeout> } | null>(null);
  const end = useCallback(() => {
    if (current.current) clearTimeout(current.current.timer);
    current.current = null;
    setShown(null);
  }, []);
  const cancel = useCallback(() => {
    current.current?.abort.abort();
    end();
  }, [end]);
  const start = useCallback((): CallOptions => {
    cancel();
    const abort = new AbortController();
    const mine = { abort, timer: setTimeout(() => current.current === mine && setShown((s) => s ?? { progress: null }), SHOW_AFTER_MS) };
    current.current = mine;
    return {
      signal: abort.signal,
      onProgress: (p) => {
        if (current.current === mine) setShown((s) => (s ? { progress: p } : s));
      },
    };
  }, [cancel]);
  const done = useCallback(
    (call?: CallOptions) => {
      if (!call || current.current?.abort.signal === call.signal) end();
    },
    [end],
  );
  return { shown, start, done, cancel };
}
