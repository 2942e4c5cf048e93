// The memo panel: every memo of the project (on the project, documents, codes, codings and themes),
// filtered by kind and author and searched in full text, newest first; the chosen memo opens beside
// the list for editing; a memo about a document opens the document.
import { useCallback, useEffect, useMemo, useState, type FormEvent } from 'react';
import type { DocumentId, Memo, MemoTarget } from '../../../shared/model/types';
import { plural } from '../../../shared/text/wording';
import { api, errorMessage } from '../../api/client';
import { useNotify } from '../../components/Notices';

export interface MemosViewProps {
  /** Open a document in the coding view. */
  onOpenDocument: (documentId: DocumentId) => void;
  /** Called after a save or delete so the workbench refreshes undo state. */
  onChanged: () => void;
}

const KINDS: [MemoTarget | '', string][] = [
  ['', 'All memos'],
  ['project', 'Project'],
  ['document', 'Documents'],
  ['code', 'Codes'],
  ['coding', 'Codings'],
  ['theme', 'Themes'],
];
const KIND_NAME: Record<MemoTarget, string> = { project: 'Project memo', document: 'Document', code: 'Code', coding: 'Coding', theme: 'Theme' };

function when(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
}

export function MemosView({ onOpenDocument, onChanged }: MemosViewProps) {
  const notify = useNotify();
  const [memos, setMemos] = useState<Memo[]>([]);
  const [kind, setKind] = useState<MemoTarget | ''>('');
  const [author, setAuthor] = useState('');
  const [query, setQuery] = useState('');
  const [applied, setApplied] = useState('');
  const [selected, setSelected] = useState<Memo | 'new' | null>(null);
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');

  const [reloads, setReloads] = useState(0);
  const load = useCallback(() => setReloads((n) => n + 1), []);
  useEffect(() => {
    let live = true;
    api['memos:list']({
      ...(kind ? { target: kind } : {}),
      ...(author ? { author } : {}),
      ...(applied.trim() ? { query: applied.trim() } : {}),
    }).then(
      (list) => live && setMemos(list),
      (err) => live && notify('error', errorMessage(err)),
    );
    return () => {
      live = false;
    };
  }, [kind, author, applied, reloads, notify]);

  const authors = useMemo(() => [...new Set(memos.map((m) => m.author))].sort(), [memos]);
  const open = (m: Memo | 'new') => {
    setSelected(m);
    setTitle(m === 'new' ? '' : m.title);
    setBody(m === 'new' ? '' : m.body);
  };
  const search = (e: FormEvent) => {
    e.preventDefault();
    setApplied(query);
  };
  const save = async () => {
    try {
      const saved = await api['memos:save'](selected === 'new' || selected === null ? { title, body } : { id: selected.id, title, body });
      notify('info', 'Memo saved');
      onChanged();
      setSelected(saved);
      load();
    } catch (err) {
      notify('error', errorMessage(err));
    }
  };
  const remove = async (m: Memo) => {
    try {
      await api['memos:delete']({ id: m.id });
      notify('info', 'Memo deleted; Undo brings it back');
      setSelected(null);
      onChanged();
      load();
    } catch (err) {
      notify('error', errorMessage(err));
    }
  };

  return (
    <div className="memos-view" data-testid="memos-view">
      <section className="memos-list" aria-label="Memos">
        <form className="memos-filters" onSubmit={search} role="search">
          <input value={query} onChange={(e) => setQuery(e.target.value)} placeholder='search memos: words, "a phrase", prefix*' aria-label="Search memos" data-testid="memos-search" />
          <button type="submit">Search</button>
          <select value={kind} onChange={(e) => setKind(e.target.value as MemoTarget | '')} aria-label="Kind of memo" data-testid="memos-kind">
            {KINDS.map(([k, label]) => (
              <option key={k} value={k}>
                {label}
              </option>
            ))}
          </select>
          <select value={author} onChange={(e) => setAuthor(e.target.value)} aria-label="Author">
            <option value="">Any author</option>
            {authors.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
          <button type="button" className="primary" onClick={() => open('new')} data-testid="memo-new">
            New project memo
          </button>
        </form>
        <p className="muted" data-testid="memos-count">
          {plural(memos.length, 'memo')}
          {applied.trim() ? ` matching “${applied.trim()}”` : ''}
        </p>
        <ol className="memo-items">
          {memos.map((m) => (
            <li key={m.id} aria-current={selected !== 'new' && selected?.id === m.id ? 'true' : undefined}>
              <button type="button" className="memo-item" onClick={() => open(m)} data-testid="memo-item">
                <span className="memo-kind">{KIND_NAME[m.target]}</span>
                {m.subject && <span className="memo-subject">{m.subject}</span>}
                <strong>{m.title || m.body.split('\n')[0].slice(0, 80) || '(empty)'}</strong>
                <span className="muted">
                  {m.author} · {when(m.updatedAt)}
                </span>
              </button>
            </li>
          ))}
        </ol>
      </section>
      <section className="memo-editor" aria-label="Memo">
        {selected === null ? (
          <p className="placeholder">Choose a memo, or write a new project memo.</p>
        ) : (
          <>
            <header>
              <span className="memo-kind">{selected === 'new' ? 'New project memo' : KIND_NAME[selected.target]}</span>
              {selected !== 'new' && selected.documentId !== null && (
                <button type="button" className="link" onClick={() => onOpenDocument(selected.documentId!)} data-testid="memo-open-document">
                  {selected.subject}
                </button>
              )}
              {selected !== 'new' && selected.documentId === null && selected.subject && <span>{selected.subject}</span>}
              {selected !== 'new' && (
                <span className="muted">
                  by {selected.author}, written {when(selected.createdAt)}, last changed {when(selected.updatedAt)}
                </span>
              )}
            </header>
            <label className="field">
              <span>Title</span>
              <input value={title} onChange={(e) => setTitle(e.target.value)} data-testid="memo-title" />
            </label>
            <label className="field memo-body">
              <span>Memo</span>
              <textarea value={body} onChange={(e) => setBody(e.target.value)} rows={14} data-testid="memo-body" />
            </label>
            <div className="memo-actions">
              <button type="button" className="primary" onClick={() => void save()} disabled={!body.trim() && !title.trim()} data-testid="memo-save">
                Save memo
              </button>
              {selected !== 'new' && (
                <button type="button" onClick={() => void remove(selected)} data-testid="memo-delete">
                  Delete
                </button>
              )}
            </div>
          </>
        )}
      </section>
    </div>
  );
}
