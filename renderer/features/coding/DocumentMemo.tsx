// The document's memos beside its text: the caller's own memo, editable, and (outside blind mode)
// teammates' memos on the same document, read-only. Saved with memos:save (one memo per author and
// document), so they also appear in the Memos view and its search.
import { useEffect, useState } from 'react';
import type { DocumentId, Memo } from '../../../shared/model/types';
import { api, errorMessage } from '../../api/client';
import { useNotify } from '../../components/Notices';

export interface DocumentMemoProps {
  documentId: DocumentId;
  /** The caller's name as memos record it (their coder), or null before one is chosen. */
  author: string | null;
  onChanged: () => void;
}

export function DocumentMemo({ documentId, author, onChanged }: DocumentMemoProps) {
  const notify = useNotify();
  const [memos, setMemos] = useState<Memo[] | null>(null);
  const [draft, setDraft] = useState<string | null>(null);
  const [reloads, setReloads] = useState(0);

  useEffect(() => {
    let live = true;
    api['memos:list']({ documentId, target: 'document' }).then(
      (list) => live && setMemos(list),
      (err) => live && notify('error', errorMessage(err)),
    );
    return () => {
      live = false;
    };
  }, [documentId, reloads, notify]);

  const mine = memos?.find((m) => m.author === author) ?? null;
  const others = memos?.filter((m) => m !== mine) ?? [];
  const text = draft ?? mine?.body ?? '';
  const save = async () => {
    try {
      await api['memos:save']({ documentId, body: text, title: mine?.title ?? '' });
      setDraft(null);
      setReloads((n) => n + 1);
      onChanged();
      notify('info', 'Memo saved');
    } catch (err) {
      notify('error', errorMessage(err));
    }
  };

  return (
    <aside className="doc-memo" aria-label="Document memo" data-testid="document-memo">
      <h3>Memo on this document</h3>
      <textarea value={text} onChange={(e) => setDraft(e.target.value)} rows={10} placeholder="What stands out in this interview, questions, links to other material…" data-testid="document-memo-body" />
      <button type="button" className="primary" onClick={() => void save()} disabled={draft === null || !author} data-testid="document-memo-save">
        Save memo
      </button>
      {others.map((m) => (
        <section key={m.id} className="doc-memo-other">
          <h4>
            {m.author}
            {m.title ? `: ${m.title}` : ''}
          </h4>
          <p>{m.body}</p>
        </section>
      ))}
    </aside>
  );
}
