// The create / edit form for one code: label, name, definition and colour.
import { useState, type FormEvent } from 'react';
import type { Code } from '../../../shared/model/types';
import { Dialog } from '../../components/Dialog';

export interface CodeDraftFields {
  label: string;
  name: string;
  definition: string;
  color: string;
}

export interface CodeEditorProps {
  title: string;
  initial: Partial<Code>;
  onSave: (fields: CodeDraftFields) => Promise<void>;
  onClose: () => void;
}

export function CodeEditor({ title, initial, onSave, onClose }: CodeEditorProps) {
  const [fields, setFields] = useState<CodeDraftFields>({
    label: initial.label ?? '',
    name: initial.name ?? '',
    definition: initial.definition ?? '',
    color: initial.color ?? '#4e79a7',
  });
  const [busy, setBusy] = useState(false);
  const set = (key: keyof CodeDraftFields) => (e: { target: { value: string } }) =>
    setFields((f) => ({ ...f, [key]: e.target.value }));
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      await onSave(fields);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog title={title} onClose={onClose} testId="code-editor">
      <form className="form" onSubmit={submit}>
        <label className="field">
          <span>Label</span>
          <input value={fields.label} onChange={set('label')} placeholder="e.g. 10a" data-testid="code-label" />
        </label>
        <label className="field">
          <span>Name</span>
          <input value={fields.name} onChange={set('name')} required autoFocus data-testid="code-name" />
        </label>
        <label className="field">
          <span>Definition</span>
          <textarea value={fields.definition} onChange={set('definition')} rows={4} />
        </label>
        <label className="field field-inline">
          <span>Colour</span>
          <input type="color" value={fields.color} onChange={set('color')} />
        </label>
        <div className="form-actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={busy || fields.name.trim() === ''}>
            Save
          </button>
        </div>
      </form>
    </Dialog>
  );
}
