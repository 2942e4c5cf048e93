// The query builder: a code query with syntax help, its results as quotes, saved queries (save,
// rerun, delete) and "code the results as…" a new code in one undoable step.
import { useCallback, useEffect, useState } from 'react';
import type { QueryResult, SavedQuery } from '../../../shared/api/intersections';
import type { DocumentId } from '../../../shared/model/types';
import { api, callFollowed, errorMessage } from '../../api/client';
import { useNotify } from '../../components/Notices';
import { toFilters, type FilterState } from './filters';
import { Quotes } from './quotes';
import { TableExport } from './table-export';

export interface QueryPanelProps {
  filters: FilterState;
  onFiltersChange: (next: FilterState) => void;
  onOpen: (documentId: DocumentId, start: number, end: number) => void;
  /** After the results were coded: the codebook and codings changed. */
  onCoded: () => void;
}

export function QueryPanel({ filters, onFiltersChange, onOpen, onCoded }: QueryPanelProps) {
  const notify = useNotify();
  const [query, setQuery] = useState('');
  const [descendants, setDescendants] = useState(false);
  const [result, setResult] = useState<QueryResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<SavedQuery[]>([]);
  const [name, setName] = useState('');
  const [codeLabel, setCodeLabel] = useState('');
  const [codeName, setCodeName] = useState('');

  const loadSaved = useCallback(() => api['queries:list']({}).then(setSaved, (err) => notify('error', errorMessage(err))), [notify]);
  useEffect(() => {
    void loadSaved();
  }, [loadSaved]);

  const run = async () => {
    try {
      // A report (every coding of the codes it names), beside the window's other calls.
      setResult(await callFollowed('queries:run', { ...toFilters(filters), query, includeDescendants: descendants }, {}));
      setError(null);
    } catch (err) {
      setResult(null);
      setError(errorMessage(err));
    }
  };

  const save = async () => {
    try {
      const existing = saved.find((q) => q.name.toLowerCase() === name.trim().toLowerCase());
      await api['queries:save']({ ...(existing ? { id: existing.id } : {}), name, query, filters: { ...toFilters(filters), includeDescendants: descendants } });
      notify('info', `Saved the query “${name.trim()}”.`);
      void loadSaved();
    } catch (err) {
      notify('error', errorMessage(err));
    }
  };

  const rerun = async (q: SavedQuery) => {
    setQuery(q.query);
    setName(q.name);
    setDescendants(q.filters.includeDescendants);
    onFiltersChange({ layer: q.filters.layer, documentIds: q.filters.documentIds ?? [], groupIds: q.filters.groupIds ?? [], where: (q.filters.where ?? []).map((w) => (typeof w === 'string' ? parseCondition(w) : w)) });
    try {
      setResult(await callFollowed('queries:rerun', { id: q.id }, {}));
      setError(null);
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  const remove = async (q: SavedQuery) => {
    try {
      await api['queries:delete']({ id: q.id });
      void loadSaved();
    } catch (err) {
      notify('error', errorMessage(err));
    }
  };

  const codeResults = async () => {
    try {
      const r = await api['queries:codeResults']({ ...toFilters(filters), query, includeDescendants: descendants, label: codeLabel, name: codeName });
      notify('info', `Coded ${r.codings} ${r.codings === 1 ? 'result' : 'results'} with ${r.code.label ? `${r.code.label} ` : ''}${r.code.name}.`);
      setCodeLabel('');
      setCodeName('');
      onCoded();
    } catch (err) {
      notify('error', errorMessage(err));
    }
  };

  return (
    <div className="ix-panel ix-query" data-testid="ix-query">
      <form
        className="ix-controls"
        onSubmit={(e) => {
          e.preventDefault();
          void run();
        }}
      >
        <label className="field ix-query-text">
          Query
          <input value={query} onChange={(e) => setQuery(e.target.value)} placeholder='10a AND (30a OR "Data sharing") NOT 100' spellCheck={false} data-testid="ix-query-input" />
        </label>
        <label className="toggle">
          <input type="checkbox" checked={descendants} onChange={(e) => setDescendants(e.target.checked)} />
          A code includes its sub-codes
        </label>
        <button type="submit" className="primary" disabled={!query.trim()} data-testid="ix-query-run">
          Run
        </button>
      </form>
      <details className="ix-definitions">
        <summary>Query syntax</summary>
        <ul>
          <li><code>A AND B</code>: passages where codings of A and B overlap (chained, as in the matrix); the quote spans the whole group.</li>
          <li><code>A OR B</code>: every coding of A or of B.</li>
          <li><code>A NOT B</code>: codings of A that share no character with B.</li>
          <li><code>A WITHIN B</code>: codings of A lying inside one coding of B.</li>
          <li><code>A NEAR(50) B</code>: A and B at most 50 characters apart.</li>
          <li>Codes by label (<code>10a</code>) or name; quote names with spaces (<code>"Data sharing"</code>); group with parentheses. NOT, WITHIN and NEAR bind tightest, then AND, then OR.</li>
        </ul>
      </details>
      {error && (
        <p className="ix-error" role="alert" data-testid="ix-query-error">
          {error}
        </p>
      )}
      {result && (
        <section>
          <h3 data-testid="ix-query-count">
            {result.quotes.length} {result.quotes.length === 1 ? 'result' : 'results'} <small>({result.scope.layer})</small>
          </h3>
          {result.scope.warning && (
            <p className="ix-warning" role="alert" data-testid="ix-pooled-warning">
              {result.scope.warning}
            </p>
          )}
          <div className="ix-controls">
            <TableExport
              table={() => ({
                title: `Query ${result.query}`,
                caption: result.scope.layer,
                columns: ['Document', 'Participant', 'Start', 'End', 'Codes', 'Quote'],
                rows: result.quotes.map((q) => [q.document, q.participant ?? '', String(q.start), String(q.end), q.codes.join(', '), q.text]),
              })}
            />
            <input value={codeLabel} onChange={(e) => setCodeLabel(e.target.value)} placeholder="label" aria-label="New code label" style={{ width: '5em' }} data-testid="ix-code-label" />
            <input value={codeName} onChange={(e) => setCodeName(e.target.value)} placeholder="new code name" aria-label="New code name" data-testid="ix-code-name" />
            <button type="button" disabled={!codeName.trim() || result.quotes.length === 0} onClick={() => void codeResults()} data-testid="ix-code-results">
              Code results as…
            </button>
          </div>
          <Quotes quotes={result.quotes} onOpen={onOpen} empty="No passages match." />
        </section>
      )}
      <section className="ix-saved">
        <h3>Saved queries</h3>
        <div className="ix-controls">
          <input value={name} onChange={(e) => setName(e.target.value)} placeholder="name" aria-label="Query name" data-testid="ix-save-name" />
          <button type="button" disabled={!name.trim() || !query.trim()} onClick={() => void save()} data-testid="ix-save">
            Save query
          </button>
        </div>
        {saved.length === 0 ? (
          <p className="ix-note">None yet.</p>
        ) : (
          <ul className="ix-saved-list">
            {saved.map((q) => (
              <li key={q.id} data-testid="ix-saved-query">
                <strong>{q.name}</strong> <code>{q.query}</code>
                <button type="button" onClick={() => void rerun(q)}>
                  Rerun
                </button>
                <button type="button" className="danger" onClick={() => void remove(q)}>
                  Delete
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

/** `Role=Clinician` / `Role!=Clinician` as saved from the command line. */
function parseCondition(text: string): { attribute: string; op: '=' | '!='; value: string } {
  const m = /^\s*([^=!]+?)\s*(!=|=)\s*(.*?)\s*$/.exec(text);
  return m ? { attribute: m[1], op: m[2] as '=' | '!=', value: m[3] } : { attribute: text, op: '=', value: '' };
}
