// Shown when a project file fails SQLite's check: say so, and offer to copy what can still be read
// into a new project (the damaged file is never changed).
import { useState } from 'react';
import type { ProjectInfo } from '../../../shared/model/types';
import { api, errorMessage } from '../../api/client';
import { useNotify } from '../../components/Notices';

export interface RecoverPanelProps {
  /** The damaged file and the engine's message about it. */
  path: string;
  message: string;
  onOpened: (info: ProjectInfo) => void;
  onDismiss: () => void;
}

/** `/a/study.accord` → `/a/study-recovered.accord`. */
export function recoveredName(path: string): string {
  return path.replace(/(\.accord)?$/i, '-recovered.accord');
}

export function RecoverPanel({ path, message, onOpened, onDismiss }: RecoverPanelProps) {
  const notify = useNotify();
  const [to, setTo] = useState(recoveredName(path));
  const [busy, setBusy] = useState(false);
  const recover = async () => {
    setBusy(true);
    try {
      const r = await api['project:recover']({ path, to: to.trim() });
      const lost = r.recovery.tables.filter((t) => t.unreadable > 0 || t.dropped > 0).map((t) => t.table);
      notify('info', r.recovery.complete ? `Recovered every row into ${r.project.name}.` : `Recovered into ${r.project.name}; rows were lost in: ${lost.join(', ')}.`);
      onOpened(r.project);
    } catch (err) {
      notify('error', errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="recover" role="alert" data-testid="recover-panel">
      <p>{message}</p>
      <label className="field">
        <span>New project file</span>
        <input value={to} onChange={(e) => setTo(e.target.value)} spellCheck={false} data-testid="recover-path" />
      </label>
      <div className="form-actions">
        <button type="button" onClick={onDismiss} disabled={busy}>
          Cancel
        </button>
        <button type="button" className="primary" onClick={() => void recover()} disabled={busy || !to.trim()} data-testid="recover-run">
          Recover into a new project
        </button>
      </div>
    </section>
  );
}
