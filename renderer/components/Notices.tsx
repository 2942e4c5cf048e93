// Visible, dismissable messages (errors and confirmations) for the whole window, so that no
// failure is silent. Domain-free: callers pass plain text.
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';

/** Confirmations fade on their own; errors stay until dismissed. */
const INFO_LIFETIME_MS = 5000;

export type NoticeKind = 'error' | 'info';

export interface Notice {
  id: number;
  kind: NoticeKind;
  text: string;
}

interface NoticeApi {
  notify(kind: NoticeKind, text: string): void;
}

const NoticeContext = createContext<NoticeApi>({ notify: () => undefined });

let nextId = 1;

/** Holds the notices and renders them above its children. */
export function NoticeProvider({ children }: { children: ReactNode }) {
  const [notices, setNotices] = useState<Notice[]>([]);
  const notify = useCallback((kind: NoticeKind, text: string) => {
    const id = nextId++;
    // Keep the last few only, so a burst of confirmations does not cover the window.
    setNotices((list) => [...list, { id, kind, text }].slice(-5));
    if (kind === 'info') setTimeout(() => setNotices((list) => list.filter((n) => n.id !== id)), INFO_LIFETIME_MS);
  }, []);
  const value = useMemo(() => ({ notify }), [notify]);
  const dismiss = (id: number) => setNotices((list) => list.filter((n) => n.id !== id));
  return (
    <NoticeContext.Provider value={value}>
      <div className="notices" aria-live="polite">
        {notices.map((n) => (
          <div key={n.id} className={`notice notice-${n.kind}`} role={n.kind === 'error' ? 'alert' : 'status'} data-testid={`notice-${n.kind}`}>
            <span className="notice-text">{n.text}</span>
            <button type="button" className="notice-dismiss" aria-label="Dismiss message" onClick={() => dismiss(n.id)}>
              ×
            </button>
          </div>
        ))}
      </div>
      {children}
    </NoticeContext.Provider>
  );
}

/** `notify('error', text)` from anywhere below the provider. */
export function useNotify(): NoticeApi['notify'] {
  return useContext(NoticeContext).notify;
}
