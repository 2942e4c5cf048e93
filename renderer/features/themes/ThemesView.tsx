// The themes view: build themes and subthemes, link codes, pick illustrative quotes from the codings
// of the linked codes, order them and give them lead-in labels; support counts and the quote-balance
// warning are shown for every theme, recomputed by the engine after each change.
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { QuoteCandidates, ThemeId, ThemeNode, ThemesOverview } from '../../../shared/api/reports';
import type { Code, CodeId, Coder, CoderId } from '../../../shared/model/types';
import { api, errorMessage } from '../../api/client';
import { useNotify } from '../../components/Notices';
import { formatClock } from '../../../shared/text/clock';
import './themes.css';

export interface ThemesViewProps {
  codes: Code[];
  coders: Coder[];
  /** Called after every change so the workbench can refresh undo/redo. */
  onChanged: () => void;
}

function find(overview: ThemesOverview | null, id: ThemeId | null): ThemeNode | null {
  if (!overview || id === null) return null;
  for (const t of overview.themes) {
    if (t.id === id) return t;
    const sub = t.subthemes.find((st) => st.id === id);
    if (sub) return sub;
  }
  return null;
}

function Support({ node }: { node: ThemeNode }) {
  const s = node.support;
  const who = s.participantIds.length ? s.participantIds.join(', ') : 'No participant yet: no coding of the linked codes in this layer and no quote.';
  return (
    <span
      className="theme-support"
      data-testid="theme-support"
      title={`${who}\nOf ${s.participantsCoded} participants (${s.documentsCoded} documents) coded in this layer; ${s.participantsTotal} participants and ${s.documentsTotal} documents in the project.`}
    >
      {s.participants} of {s.participantsCoded} coded participant{s.participantsCoded === 1 ? '' : 's'} · {s.documents} of {s.documentsCoded} coded document{s.documentsCoded === 1 ? '' : 's'}
    </span>
  );
}

type SupportLayer = 'default' | 'coders' | 'consensus' | number;

export function ThemesView({ codes, coders, onChanged }: ThemesViewProps) {
  const notify = useNotify();
  const [overview, setOverview] = useState<ThemesOverview | null>(null);
  const [selected, setSelected] = useState<ThemeId | null>(null);
  const [newTheme, setNewTheme] = useState('');
  const [newSub, setNewSub] = useState('');
  const [candidates, setCandidates] = useState<QuoteCandidates | null>(null);
  const [layer, setLayer] = useState('default');
  const [supportLayer, setSupportLayer] = useState<SupportLayer>('default');

  const run = useCallback(
    async <T,>(p: Promise<T>): Promise<T | undefined> => {
      try {
        const value = await p;
        onChanged();
        return value;
      } catch (err) {
        notify('error', errorMessage(err));
        return undefined;
      }
    },
    [notify, onChanged],
  );

  const reload = useCallback(
    (): Promise<void> => api['themes:list']({ layer: supportLayer as never }).then(setOverview, (err) => notify('error', errorMessage(err))),
    [notify, supportLayer],
  );

  const loadCandidates = useCallback((): Promise<void> => {
    const coderId = layer === 'default' ? undefined : layer === 'all' ? null : (Number(layer) as CoderId);
    const next = selected === null ? Promise.resolve(null) : api['themes:candidates']({ themeId: selected, ...(coderId !== undefined ? { coderId } : {}) });
    return next.then(setCandidates, (err) => notify('error', errorMessage(err)));
  }, [selected, layer, notify]);

  useEffect(() => {
    void reload();
  }, [reload]);
  useEffect(() => {
    void loadCandidates();
  }, [loadCandidates]);

  const refresh = async () => {
    await reload();
    await loadCandidates();
  };

  const node = find(overview, selected);

  const createTheme = async (e: FormEvent) => {
    e.preventDefault();
    if (!newTheme.trim()) return;
    const t = await run(api['themes:create']({ name: newTheme.trim() }));
    if (t) {
      setNewTheme('');
      setSelected(t.id);
      await reload();
    }
  };

  const createSub = async (e: FormEvent) => {
    e.preventDefault();
    if (!node || node.parentId !== null || !newSub.trim()) return;
    const t = await run(api['themes:create']({ parentId: node.id, name: newSub.trim() }));
    if (t) {
      setNewSub('');
      setSelected(t.id);
      await reload();
    }
  };

  const move = async (t: ThemeNode, delta: number) => {
    if (await run(api['themes:move']({ id: t.id, index: Math.max(0, t.order + delta) }))) await reload();
  };

  const remove = async (t: ThemeNode) => {
    if (!window.confirm(`Delete "${t.name}" with its subthemes, code links and quotes? (Undo brings it back.)`)) return;
    if (await run(api['themes:delete']({ id: t.id }))) {
      setSelected(null);
      await reload();
    }
  };

  const renderItem = (t: ThemeNode, index: number, siblings: number) => (
    <div className={`theme-item${t.id === selected ? ' selected' : ''}`} data-testid={t.parentId === null ? 'theme-item' : 'subtheme-item'}>
      <button type="button" className="theme-open" onClick={() => setSelected(t.id)}>
        <span className="theme-name">{t.name}</span>
        <Support node={t} />
        {t.balance.warning && (
          <span className="theme-warning" data-testid="theme-warning" title={overview?.rule}>
            ⚠ {t.balance.warning}
          </span>
        )}
      </button>
      <span className="theme-actions">
        <button type="button" className="icon-button" aria-label={`Move ${t.name} up`} disabled={index === 0} onClick={() => void move(t, -1)}>
          ↑
        </button>
        <button type="button" className="icon-button" aria-label={`Move ${t.name} down`} disabled={index === siblings - 1} onClick={() => void move(t, 1)}>
          ↓
        </button>
      </span>
    </div>
  );

  return (
    <div className="themes-view" data-testid="themes-view">
      <section className="themes-list panel">
        <div className="panel-header">
          <h2>Themes</h2>
        </div>
        <form className="themes-new" onSubmit={(e) => void createTheme(e)}>
          <input value={newTheme} onChange={(e) => setNewTheme(e.target.value)} placeholder="New theme" aria-label="New theme name" data-testid="theme-new-name" />
          <button type="submit" className="primary" disabled={!newTheme.trim()} data-testid="theme-add">
            Add
          </button>
        </form>
        <div className="panel-scroll">
          {overview && overview.themes.length === 0 && <p className="empty">No themes yet. Name one above, then link codes and pick quotes.</p>}
          <ol className="themes-tree">
            {overview?.themes.map((t, i) => (
              <li key={t.id}>
                {renderItem(t, i, overview.themes.length)}
                {t.subthemes.length > 0 && (
                  <ol>
                    {t.subthemes.map((st, j) => (
                      <li key={st.id}>{renderItem(st, j, t.subthemes.length)}</li>
                    ))}
                  </ol>
                )}
              </li>
            ))}
          </ol>
          {overview && (
            <div className="themes-layer" data-testid="themes-layer">
              <label className="field">
                Support counts from
                <select
                  value={String(supportLayer)}
                  onChange={(e) => setSupportLayer(['default', 'coders', 'consensus'].includes(e.target.value) ? (e.target.value as SupportLayer) : Number(e.target.value))}
                  data-testid="themes-layer-select"
                >
                  <option value="default">Default</option>
                  <option value="coders">Every coder (not the consensus layer)</option>
                  {coders.some((c) => c.isConsensus) && <option value="consensus">Consensus layer</option>}
                  {coders
                    .filter((c) => !c.isConsensus)
                    .map((c) => (
                      <option key={c.id} value={c.id}>
                        {c.name}
                      </option>
                    ))}
                </select>
              </label>
              <p className="themes-note">Support counts use {overview.layer}.</p>
              {overview.layerNote && (
                <p className="themes-coverage" role="status" data-testid="themes-layer-note">
                  {overview.layerNote}{' '}
                  {overview.layerKind === 'consensus' ? (
                    <button type="button" onClick={() => setSupportLayer('coders')} data-testid="themes-use-coders">
                      Count every coder&apos;s codings
                    </button>
                  ) : (
                    'Support counts use the coders’ codings until the consensus covers them all.'
                  )}
                </p>
              )}
            </div>
          )}
        </div>
      </section>
      <section className="theme-detail">
        {!node ? (
          <div className="placeholder">
            <p>Choose a theme to link codes and pick quotes.</p>
          </div>
        ) : (
          <ThemeDetail
            key={node.id}
            node={node}
            codes={codes}
            coders={coders}
            candidates={candidates}
            layer={layer}
            onLayer={setLayer}
            newSub={newSub}
            onNewSub={setNewSub}
            onCreateSub={createSub}
            onDelete={() => void remove(node)}
            run={run}
            refresh={refresh}
          />
        )}
      </section>
    </div>
  );
}

interface DetailProps {
  node: ThemeNode;
  codes: Code[];
  coders: Coder[];
  candidates: QuoteCandidates | null;
  layer: string;
  onLayer: (layer: string) => void;
  newSub: string;
  onNewSub: (v: string) => void;
  onCreateSub: (e: FormEvent) => void;
  onDelete: () => void;
  run: <T>(p: Promise<T>) => Promise<T | undefined>;
  refresh: () => Promise<void>;
}

function ThemeDetail({ node, codes, coders, candidates, layer, onLayer, newSub, onNewSub, onCreateSub, onDelete, run, refresh }: DetailProps) {
  const [name, setName] = useState(node.name);
  const [summary, setSummary] = useState(node.summary);
  const [linkId, setLinkId] = useState('');
  const linked = new Set(node.codes.map((c) => c.id));
  const codeTitle = (c: { label: string; name: string }) => (c.label ? `${c.label} ${c.name}` : c.name);

  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (await run(api['themes:update']({ id: node.id, name, summary }))) await refresh();
  };
  const link = async () => {
    if (!linkId) return;
    if (await run(api['themes:linkCode']({ themeId: node.id, codeId: Number(linkId) as CodeId }))) {
      setLinkId('');
      await refresh();
    }
  };
  const act = async <T,>(p: Promise<T>) => {
    if ((await run(p)) !== undefined) await refresh();
  };

  return (
    <div className="theme-detail-body">
      <form className="form theme-form" onSubmit={(e) => void save(e)}>
        <div className="field">
          <label htmlFor="theme-name">{node.parentId === null ? 'Theme' : 'Subtheme'}</label>
          <input id="theme-name" value={name} onChange={(e) => setName(e.target.value)} data-testid="theme-name" />
        </div>
        <div className="field">
          <label htmlFor="theme-summary">Summary (printed in Table 2)</label>
          <textarea id="theme-summary" rows={2} value={summary} onChange={(e) => setSummary(e.target.value)} data-testid="theme-summary" />
        </div>
        <div className="form-actions">
          <button type="button" className="danger" onClick={onDelete}>
            Delete
          </button>
          <button type="submit" disabled={!name.trim() || (name === node.name && summary === node.summary)}>
            Save
          </button>
        </div>
      </form>
      <p className="theme-meta">
        <Support node={node} />
        {node.balance.warning && <span className="theme-warning">⚠ {node.balance.warning}</span>}
      </p>

      {node.parentId === null && (
        <form className="themes-new" onSubmit={onCreateSub}>
          <input value={newSub} onChange={(e) => onNewSub(e.target.value)} placeholder="New subtheme" aria-label="New subtheme name" data-testid="subtheme-new-name" />
          <button type="submit" disabled={!newSub.trim()} data-testid="subtheme-add">
            Add subtheme
          </button>
        </form>
      )}

      <h3>Linked codes</h3>
      <ul className="chip-list">
        {node.codes.length === 0 && <li className="empty">No codes linked yet.</li>}
        {node.codes.map((c) => (
          <li key={c.id} className="chip" data-testid="linked-code">
            {codeTitle(c)}
            <button type="button" className="icon-button" aria-label={`Unlink ${codeTitle(c)}`} onClick={() => void act(api['themes:unlinkCode']({ themeId: node.id, codeId: c.id }))}>
              ×
            </button>
          </li>
        ))}
      </ul>
      <div className="themes-new">
        <select value={linkId} onChange={(e) => setLinkId(e.target.value)} aria-label="Code to link" data-testid="theme-link-code">
          <option value="">Link a code…</option>
          {codes
            .filter((c) => !linked.has(c.id))
            .map((c) => (
              <option key={c.id} value={c.id}>
                {codeTitle(c)}
              </option>
            ))}
        </select>
        <button type="button" disabled={!linkId} onClick={() => void link()} data-testid="theme-link">
          Link
        </button>
      </div>

      <h3>Quotes ({node.quotes.length})</h3>
      <ol className="quote-list">
        {node.quotes.length === 0 && <li className="empty">No quotes yet: add them from the codings below.</li>}
        {node.quotes.map((q, i) => (
          <QuoteItem
            key={q.id}
            quote={q}
            first={i === 0}
            last={i === node.quotes.length - 1}
            onLeadIn={(leadIn) => void act(api['themes:updateQuote']({ id: q.id, leadIn }))}
            onMove={(delta) => void act(api['themes:moveQuote']({ id: q.id, index: Math.max(0, i + delta) }))}
            onRemove={() => void act(api['themes:removeQuote']({ id: q.id }))}
          />
        ))}
      </ol>

      <h3>Pick quotes from the codings of the linked codes</h3>
      <label className="field field-inline">
        Layer
        <select value={layer} onChange={(e) => onLayer(e.target.value)} data-testid="candidate-layer">
          <option value="default">Default (consensus where it covers every coded document, else every coder)</option>
          <option value="all">Every coder and the consensus layer</option>
          {coders.map((c) => (
            <option key={c.id} value={String(c.id)}>
              {c.name}
            </option>
          ))}
        </select>
      </label>
      {candidates && <p className="themes-note">Showing {candidates.layer}.</p>}
      <ul className="candidate-list">
        {candidates && candidates.candidates.length === 0 && <li className="empty">No codings of the linked codes in this layer.</li>}
        {candidates?.candidates.map((c) => (
          <li key={c.codingId} className="candidate" data-testid="candidate">
            <blockquote>{c.text}</blockquote>
            <div className="candidate-meta">
              <span>{c.participant ?? 'no participant'}</span>
              <span>{c.document}</span>
              <span>{c.code}</span>
              <span>{c.coder}</span>
              <button
                type="button"
                disabled={c.quoted}
                onClick={() => void act(api['themes:addQuote']({ themeId: node.id, codingId: c.codingId }))}
                data-testid="candidate-add"
              >
                {c.quoted ? 'Quoted' : 'Add as quote'}
              </button>
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}

interface QuoteItemProps {
  quote: ThemeNode['quotes'][number];
  first: boolean;
  last: boolean;
  onLeadIn: (leadIn: string) => void;
  onMove: (delta: number) => void;
  onRemove: () => void;
}

function QuoteItem({ quote, first, last, onLeadIn, onMove, onRemove }: QuoteItemProps) {
  const [leadIn, setLeadIn] = useState(quote.leadIn);
  const commit = () => {
    if (leadIn.trim() !== quote.leadIn) onLeadIn(leadIn.trim());
  };
  return (
    <li className="quote" data-testid="quote-item">
      <div className="quote-head">
        <input
          value={leadIn}
          onChange={(e) => setLeadIn(e.target.value)}
          onBlur={commit}
          onKeyDown={(e) => e.key === 'Enter' && commit()}
          placeholder="Lead-in label (e.g. Clinician input)"
          aria-label="Lead-in label"
          data-testid="quote-leadin"
        />
        <button type="button" className="icon-button" aria-label="Move quote up" disabled={first} onClick={() => onMove(-1)} data-testid="quote-up">
          ↑
        </button>
        <button type="button" className="icon-button" aria-label="Move quote down" disabled={last} onClick={() => onMove(1)} data-testid="quote-down">
          ↓
        </button>
        <button type="button" className="icon-button" aria-label="Remove quote" onClick={onRemove} data-testid="quote-remove">
          ×
        </button>
      </div>
      <blockquote>
        {quote.text} <strong>{quote.participant || '(no participant ID)'}</strong>
        {typeof quote.timeMs === 'number' && <span data-testid="quote-time">, {formatClock(quote.timeMs)}</span>}
      </blockquote>
      <div className="candidate-meta">
        <span>{quote.document}</span>
        {!quote.codingExists && <span className="theme-warning">source coding removed; text kept</span>}
      </div>
    </li>
  );
}
