// The search panel: words, "phrases" and prefix* over every document (or one group), hits in
// context, a click opens the document; "code all hits" codes each hit, its sentence or its turn.
import { plural } from '../../../shared/text/wording';
import { useEffect, useState, type FormEvent } from 'react';
import type { AutocodeUnit, Group, SearchResult } from '../../../shared/api/study';
import type { Code, DocumentId, GroupId } from '../../../shared/model/types';
import { api, errorMessage } from '../../api/client';
import { useNotify } from '../../components/Notices';

export interface SearchViewProps {
  codes: Code[];
  /** Open a document (the coding view) at a hit. */
  onOpen: (documentId: DocumentId, start: number, end: number) => void;
  /** Called after "code all hits" so the workbench refreshes undo state and counts. */
  onChanged: () => void;
}

export function SearchView({ codes, onOpen, onChanged }: SearchViewProps) {
  const notify = useNotify();
  const [query, setQuery] = useState('');
  const [groups, setGroups] = useState<Group[]>([]);
  const [groupId, setGroupId] = useState<GroupId | ''>('');
  const [result, setResult] = useState<SearchResult | null>(null);
  const [codeId, setCodeId] = useState<number | ''>('');
  const [unit, setUnit] = useState<AutocodeUnit>('hit');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    api['groups:list']({}).then(setGroups, (err) => notify('error', errorMessage(err)));
  }, [notify]);

  const run = async (e?: FormEvent) => {
    e?.preventDefault();
    if (!query.trim()) return;
    setBusy(true);
    try {
      setResult(await api['search:run']({ query, limit: 1000, groupId: groupId === '' ? undefined : groupId }));
    } catch (err) {
      notify('error', errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const codeAll = async () => {
    if (codeId === '' || !query.trim()) return;
    setBusy(true);
    try {
      const r = await api['search:autocode']({ query, codeId: codeId as Code['id'], unit, groupId: groupId === '' ? undefined : groupId });
      notify('info', `Coded ${plural(r.created, 'passage')} (${plural(r.hits, 'hit')}, ${plural(r.passages, 'passage')}); undo reverts them in one step`);
      onChanged();
    } catch (err) {
      notify('error', errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="search-view" data-testid="search-view" style={{ padding: '1rem', overflow: 'auto', height: '100%' }}>
      <form onSubmit={run} role="search" style={{ display: 'flex', gap: '0.5rem', flexWrap: 'wrap', alignItems: 'center' }}>
        <input
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          placeholder='words, "a phrase", prefix*, a OR b'
          aria-label="Search"
          style={{ flex: 1, minWidth: '16rem' }}
          data-testid="search-input"
        />
        <select value={groupId} onChange={(e) => setGroupId(e.target.value === '' ? '' : (Number(e.target.value) as GroupId))} aria-label="Limit to group">
          <option value="">All documents</option>
          {groups.map((g) => (
            <option key={g.id} value={g.id}>
              {g.name}
            </option>
          ))}
        </select>
        <button type="submit" className="primary" disabled={busy || !query.trim()} data-testid="search-run">
          Search
        </button>
      </form>
      {result && (
        <>
          <div style={{ display: 'flex', gap: '0.5rem', alignItems: 'center', margin: '0.75rem 0', flexWrap: 'wrap' }}>
            <strong data-testid="search-count">
              {result.truncated ? `${result.hits.length}+ hits` : plural(result.hits.length, 'hit')}
            </strong>
            <span>Code all hits with</span>
            <select value={codeId} onChange={(e) => setCodeId(e.target.value === '' ? '' : Number(e.target.value))} aria-label="Code for all hits">
              <option value="">choose a code…</option>
              {codes.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.label ? `${c.label} ` : ''}
                  {c.name}
                </option>
              ))}
            </select>
            <select value={unit} onChange={(e) => setUnit(e.target.value as AutocodeUnit)} aria-label="What to code">
              <option value="hit">the hit</option>
              <option value="sentence">its sentence</option>
              <option value="turn">its speaker turn</option>
            </select>
            <button type="button" onClick={() => void codeAll()} disabled={busy || codeId === '' || result.hits.length === 0} data-testid="search-autocode">
              Code all hits
            </button>
          </div>
          <ol className="search-hits" data-testid="search-hits" style={{ listStyle: 'none', padding: 0 }}>
            {result.hits.map((h, i) => (
              <li key={i} style={{ marginBottom: '0.4rem' }}>
                <button type="button" className="link" onClick={() => onOpen(h.documentId, h.start, h.end)} style={{ textAlign: 'left' }} data-testid="search-hit">
                  <strong>{h.document}</strong> · …{h.context.before.replace(/\s+/g, ' ')}
                  <mark>{h.text}</mark>
                  {h.context.after.replace(/\s+/g, ' ')}…
                </button>
              </li>
            ))}
          </ol>
        </>
      )}
    </div>
  );
}
