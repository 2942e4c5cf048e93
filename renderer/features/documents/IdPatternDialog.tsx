// The project's participant-ID pattern: how imports recognise IDs in file names, speakers lines,
// speaker labels and first turns. Empty means the built-in patterns.
import { useEffect, useState, type FormEvent } from 'react';
import { api, errorMessage } from '../../api/client';
import { Dialog } from '../../components/Dialog';

export function IdPatternDialog({ onClose }: { onClose: () => void }) {
  const [pattern, setPattern] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api['documents:importSettings']({}).then((s) => setPattern(s.idPattern ?? ''), (err) => setError(errorMessage(err)));
  }, []);

  const save = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const value = (pattern ?? '').trim();
    try {
      await api['documents:setImportSettings']({ idPattern: value === '' ? null : value });
      onClose();
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  return (
    <Dialog title="Participant IDs" onClose={onClose} testId="id-pattern-dialog">
      <form className="form" onSubmit={save}>
        <label className="field">
          <span>ID pattern (a regular expression for one ID; empty: the built-in patterns)</span>
          <input
            value={pattern ?? ''}
            disabled={pattern === null}
            onChange={(e) => {
              setPattern(e.target.value);
              setError(null);
            }}
            placeholder="e.g. CH\d{3} for CH001, CH002, …"
            autoFocus
            spellCheck={false}
            data-testid="id-pattern-input"
          />
        </label>
        <p className="hint">
          Built in: ID21, P03, PID7, R12, S4, Participant 3 and capital-letter codes such as ABC01. IDs already in the participants table are
          always recognised. Imports look in the file name, a header or speakers line, the speaker labels and the first turn.
        </p>
        {error && (
          <p className="id-pattern-error" role="alert" data-testid="id-pattern-error">
            {error}
          </p>
        )}
        <div className="form-actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={pattern === null}>
            Save
          </button>
        </div>
      </form>
    </Dialog>
  );
}
