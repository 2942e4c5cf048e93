// Choosing who is coding: pick an existing coder or type a new name (`coders:select`).
import { useEffect, useState, type FormEvent } from 'react';
import type { Coder } from '../../../shared/model/types';
import { api, errorMessage } from '../../api/client';
import { Dialog } from '../../components/Dialog';
import { useNotify } from '../../components/Notices';

export interface CoderSelectProps {
  current: Coder | null;
  onSelected: (coder: Coder) => void;
  onClose?: () => void;
}

export function CoderSelect({ current, onSelected, onClose }: CoderSelectProps) {
  const notify = useNotify();
  const [coders, setCoders] = useState<Coder[]>([]);
  const [name, setName] = useState('');

  useEffect(() => {
    api['coders:list']({}).then(
      (list) => setCoders(list.filter((c) => !c.isConsensus)),
      (err) => notify('error', errorMessage(err)),
    );
  }, [notify]);

  const select = async (coderName: string) => {
    try {
      onSelected(await api['coders:select']({ name: coderName }));
    } catch (err) {
      notify('error', errorMessage(err));
    }
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (name.trim()) void select(name.trim());
  };

  return (
    <Dialog title="Who is coding?" onClose={onClose ?? (() => undefined)} testId="coder-select">
      <p>Codings you make are recorded under this name. You can switch at any time.</p>
      {coders.length > 0 && (
        <ul className="coder-list">
          {coders.map((c) => (
            <li key={c.id}>
              <button type="button" onClick={() => void select(c.name)} aria-current={current?.id === c.id ? 'true' : undefined}>
                <span className="swatch" style={{ background: c.color }} aria-hidden="true" />
                {c.name}
              </button>
            </li>
          ))}
        </ul>
      )}
      <form className="form" onSubmit={submit}>
        <label className="field">
          <span>{coders.length > 0 ? 'Or a new coder' : 'Your name'}</span>
          <input value={name} onChange={(e) => setName(e.target.value)} autoFocus maxLength={80} data-testid="coder-name" />
        </label>
        <div className="form-actions">
          <button type="submit" className="primary" disabled={!name.trim()} data-testid="coder-submit">
            Start coding
          </button>
        </div>
      </form>
    </Dialog>
  );
}
