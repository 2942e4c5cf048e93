// The disagreement explorer: for one code and document, the regions where coders applied the code,
// each coder's ranges side by side on the text, stepped through with the keyboard (j/k or arrows)
// and settled into the consensus layer with a rule and a rationale.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ConsensusDecision, ConsensusRegion, ConsensusRegions, ConsensusRule, Disagreement } from '../../../shared/api/agreement';
import type { Code, CodeId, CoderId, DocumentId, DocumentSummary, Span } from '../../../shared/model/types';
import { api, errorMessage } from '../../api/client';
import { useNotify } from '../../components/Notices';
import { plural } from '../../../shared/text/wording';
import { DisagreementList } from './DisagreementList';
import { firstRegion, pieces, step, windowOf } from './region-text';
import './consensus.css';

export interface ConsensusViewProps {
  documents: DocumentSummary[];
  codes: Code[];
  /** Called after a decision (codings, history and the audit log changed). */
  onChanged: () => void;
}

const RULE_NAMES: Record<ConsensusRule, string> = {
  accept: 'accepted one coder’s version',
  union: 'union',
  intersection: 'intersection',
  edit: 'hand-edited range',
  reject: 'not this code',
};

/** A decision in words, naming whose version was accepted. */
function decisionText(d: ConsensusDecision): string {
  if (d.rule !== 'accept') return RULE_NAMES[d.rule];
  const who = d.before.coders.find((c) => c.coderId === d.acceptedCoderId)?.name;
  return who ? `accepted ${who}’s version` : RULE_NAMES.accept;
}

function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && target.closest('input, textarea, select, [contenteditable="true"]') !== null;
}

function Lane({ text, window, ranges, title, color }: { text: string; window: Span; ranges: Span[]; title: string; color: string }) {
  return (
    <div className="consensus-lane" data-testid="consensus-lane">
      <div className="lane-head">
        <span className="swatch" style={{ background: color }} aria-hidden="true" /> {title}
        <span className="muted"> {ranges.length ? ranges.map((r) => `[${r.start}–${r.end})`).join(' ') : 'not coded'}</span>
      </div>
      <p className="lane-text">
        {window.start > 0 && '…'}
        {pieces(window.start, window.end, ranges).map((p) =>
          p.marked ? (
            <mark key={p.start} style={{ background: `${color}55`, borderBottom: `2px solid ${color}` }}>
              {text.slice(p.start, p.end)}
            </mark>
          ) : (
            <span key={p.start}>{text.slice(p.start, p.end)}</span>
          ),
        )}
        {window.end < text.length && '…'}
      </p>
    </div>
  );
}

interface SettlePanelProps {
  region: ConsensusRegion;
  text: string;
  onSettle: (rule: ConsensusRule, rationale: string, extra?: { coderId?: CoderId; ranges?: Span[] }) => Promise<void>;
}

/** The settle buttons, rationale and hand-edit form for one region (keyed by it, so state resets). */
function SettlePanel({ region, text, onSettle }: SettlePanelProps) {
  const [rationale, setRationale] = useState(region.decision?.rationale ?? '');
  const [edit, setEdit] = useState<{ start: string; end: string } | null>(null);
  const all = region.coders.flatMap((c) => c.ranges);
  const editStart = all.length ? Math.min(...all.map((r) => r.start)) : region.start;
  const editEnd = all.length ? Math.max(...all.map((r) => r.end)) : region.end;
  const settle = (rule: ConsensusRule, extra: { coderId?: CoderId; ranges?: Span[] } = {}) => void onSettle(rule, rationale, extra);
  return (
    <div className="settle">
      <label className="field">
        <span>Rationale</span>
        <textarea value={rationale} onChange={(e) => setRationale(e.target.value)} rows={2} placeholder="Why this decision (kept with the consensus layer and the audit log)" data-testid="rationale" />
      </label>
      <div className="settle-buttons">
        {region.coders.map((c) => (
          <button key={c.coderId} type="button" onClick={() => settle('accept', { coderId: c.coderId })} data-testid={`accept-${c.name}`}>
            Accept {c.name}
          </button>
        ))}
        <button type="button" onClick={() => settle('union')} data-testid="settle-union">
          Union
        </button>
        <button type="button" onClick={() => settle('intersection')} data-testid="settle-intersection">
          Intersection
        </button>
        <button type="button" onClick={() => setEdit({ start: String(editStart), end: String(editEnd) })} data-testid="settle-edit">
          Edit range…
        </button>
        <button type="button" className="danger" onClick={() => settle('reject')} data-testid="settle-reject">
          Not this code
        </button>
      </div>
      {edit && (
        <form
          className="edit-range"
          onSubmit={(e) => {
            e.preventDefault();
            settle('edit', { ranges: [{ start: Number(edit.start), end: Number(edit.end) }] });
          }}
        >
          <label className="field-inline">
            Start <input type="number" min={0} max={text.length} value={edit.start} onChange={(e) => setEdit({ ...edit, start: e.target.value })} />
          </label>
          <label className="field-inline">
            End <input type="number" min={0} max={text.length} value={edit.end} onChange={(e) => setEdit({ ...edit, end: e.target.value })} />
          </label>
          <span className="muted edit-preview">“{text.slice(Number(edit.start) || 0, Number(edit.end) || 0).slice(0, 160)}”</span>
          <button type="submit" className="primary">
            Save edited range
          </button>
          <button type="button" onClick={() => setEdit(null)}>
            Cancel
          </button>
        </form>
      )}
      {region.decision && (
        <p className="decision" data-testid="decision">
          Settled by {region.decision.author} on {new Date(region.decision.decidedAt).toLocaleString()}: {decisionText(region.decision)}
          {region.decision.rationale ? ` — “${region.decision.rationale}”` : ''}
        </p>
      )}
    </div>
  );
}

export function ConsensusView({ documents, codes, onChanged }: ConsensusViewProps) {
  const notify = useNotify();
  const [chosenDocument, setDocumentId] = useState<DocumentId | null>(null);
  const [chosenCode, setCodeId] = useState<CodeId | null>(null);
  // Until the user picks: the first coded document, and the first code its coders applied (the lists
  // may arrive after the first render).
  const documentId = chosenDocument ?? (documents.find((d) => d.codingCount > 0) ?? documents[0])?.id ?? null;
  const [usedCodes, setUsedCodes] = useState<Set<number>>(new Set());
  useEffect(() => {
    if (documentId === null) return;
    let live = true;
    api['codings:list']({ documentId }).then(
      (list) => live && setUsedCodes(new Set(list.map((c) => c.codeId as number))),
      () => live && setUsedCodes(new Set()),
    );
    return () => {
      live = false;
    };
  }, [documentId]);
  const codeId = chosenCode ?? (codes.find((c) => usedCodes.has(c.id)) ?? codes[0])?.id ?? null;
  const [data, setData] = useState<ConsensusRegions | null>(null);
  const [text, setText] = useState('');
  const [current, setCurrent] = useState(-1);
  const [onlyDisagreements, setOnlyDisagreements] = useState(true);
  const [problem, setProblem] = useState<string | null>(null);
  // The list of every disagreement (this document or the project), and the region a row asked to open.
  const [listScope, setListScope] = useState<'document' | 'project' | null>('project');
  const [listVersion, setListVersion] = useState(0);
  const [target, setTarget] = useState<number | null>(null);

  const targetRef = useRef(0);
  const show = useCallback((r: ConsensusRegions, keep: number | 'reset' | 'target') => {
    setData(r);
    setProblem(null);
    if (keep === 'reset') setCurrent(firstRegion(r.regions, true));
    else if (keep === 'target') setCurrent(Math.max(0, r.regions.findIndex((x) => x.start <= targetRef.current && targetRef.current < x.end)));
    else {
      // After settling, go on to the next open disagreement, else stay.
      const next = r.regions.findIndex((x, i) => i > keep && !x.agreed && x.decision === null);
      setCurrent(next >= 0 ? next : Math.min(keep, r.regions.length - 1));
    }
  }, []);
  const fail = useCallback((err: unknown) => {
    setData(null);
    setProblem(errorMessage(err));
  }, []);

  const load = useCallback(
    async (keep: number | 'reset') => {
      if (documentId === null || codeId === null) return;
      try {
        show(await api['consensus:regions']({ documentId, codeId }), keep);
      } catch (err) {
        fail(err);
      }
    },
    [documentId, codeId, show, fail],
  );

  useEffect(() => {
    if (documentId === null || codeId === null) return;
    let live = true;
    api['consensus:regions']({ documentId, codeId }).then(
      (r) => live && show(r, target !== null ? 'target' : 'reset'),
      (err) => live && fail(err),
    );
    return () => {
      live = false;
    };
  }, [documentId, codeId, show, fail, target]);

  const openDisagreement = (d: Disagreement) => {
    targetRef.current = d.start;
    setTarget(d.start);
    setDocumentId(d.documentId);
    setCodeId(d.codeId);
  };

  useEffect(() => {
    if (documentId === null) return;
    let live = true;
    api['documents:get']({ id: documentId }).then(
      (d) => live && setText(d.text),
      (err) => notify('error', errorMessage(err)),
    );
    return () => {
      live = false;
    };
  }, [documentId, notify]);

  const region = data && current >= 0 ? data.regions[current] : null;

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!data || isTyping(e.target) || e.ctrlKey || e.metaKey || e.altKey || document.querySelector('dialog[open]')) return;
      let dir: 1 | -1 | 0 = 0;
      if (e.key === 'j' || e.key === 'ArrowDown' || e.key === 'ArrowRight') dir = 1;
      if (e.key === 'k' || e.key === 'ArrowUp' || e.key === 'ArrowLeft') dir = -1;
      if (dir === 0) return;
      e.preventDefault();
      setCurrent((cur) => step(data.regions, cur, dir as 1 | -1, onlyDisagreements));
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [data, onlyDisagreements]);

  const settle = async (rule: ConsensusRule, rationale: string, extra: { coderId?: CoderId; ranges?: Span[] } = {}) => {
    if (!region || documentId === null || codeId === null) return;
    try {
      await api['consensus:settle']({ documentId, codeId, start: region.start, end: region.end, rule, rationale, ...extra });
      onChanged();
      setListVersion((v) => v + 1);
      await load(current);
    } catch (err) {
      notify('error', errorMessage(err));
    }
  };

  const acceptAgreed = async () => {
    if (documentId === null || codeId === null) return;
    try {
      const made = await api['consensus:acceptAgreed']({ documentId, codeId });
      notify('info', made.length ? `Copied ${plural(made.length, 'agreed region')} into the consensus layer` : 'No agreed region is left to copy');
      onChanged();
      await load('reset');
    } catch (err) {
      notify('error', errorMessage(err));
    }
  };

  const shown = useMemo(() => (data ? data.regions.filter((r) => !onlyDisagreements || !r.agreed) : []), [data, onlyDisagreements]);
  const win = region ? windowOf(region, text.length) : null;
  const colorOf = (id: number) => data?.coders.find((c) => c.id === id)?.color ?? '#888888';

  return (
    <div className="consensus-view" data-testid="consensus-view">
      <div className="consensus-controls">
        <h2>Consensus</h2>
        <label className="field-inline">
          Document
          <select value={documentId ?? ''} onChange={(e) => {
              setDocumentId(Number(e.target.value) as DocumentId);
              setCodeId(null);
              setTarget(null);
            }}
            data-testid="consensus-document"
          >
            {documents.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field-inline">
          Code
          <select value={codeId ?? ''} onChange={(e) => {
              setCodeId(Number(e.target.value) as CodeId);
              setTarget(null);
            }}
            data-testid="consensus-code"
          >
            {codes.map((c) => (
              <option key={c.id} value={c.id}>
                {[c.label, c.name].filter(Boolean).join(' ')}
                {usedCodes.has(c.id) ? ' ●' : ''}
              </option>
            ))}
          </select>
        </label>
        <label className="toggle">
          <input type="checkbox" checked={onlyDisagreements} onChange={(e) => setOnlyDisagreements(e.target.checked)} /> Only disagreements
        </label>
        {data && (
          <span className="muted" data-testid="consensus-summary">
            {plural(data.disagreements, 'disagreement')}, {data.settled} settled · {data.coders.map((c) => c.name).join(', ')}
          </span>
        )}
        <span className="spacer" />
        <label className="field-inline">
          List
          <select value={listScope ?? ''} onChange={(e) => setListScope((e.target.value || null) as 'document' | 'project' | null)} data-testid="disagreement-scope">
            <option value="project">every disagreement in the project</option>
            <option value="document">this document’s disagreements</option>
            <option value="">no list</option>
          </select>
        </label>
        <button type="button" onClick={() => void acceptAgreed()} disabled={!data} title="Copy every region where all coders agree into the consensus layer">
          Accept all agreed
        </button>
      </div>
      {listScope && <DisagreementList documentId={listScope === 'document' ? documentId : null} version={listVersion} onOpen={openDisagreement} />}
      {problem && <p className="empty">{problem}</p>}
      {data && (
        <div className="consensus-body">
          <ol className="region-list" aria-label="Regions">
            {shown.length === 0 && <li className="muted">{data.regions.length ? 'No disagreements: the coders agree.' : 'No coder applied this code here.'}</li>}
            {shown.map((r) => (
              <li key={r.index}>
                <button
                  type="button"
                  className={`region-item${r.index === current ? ' selected' : ''}`}
                  aria-current={r.index === current}
                  onClick={() => setCurrent(r.index)}
                  data-testid="region-item"
                >
                  <span>
                    [{r.start}–{r.end})
                  </span>
                  <span className={r.decision ? 'status settled' : r.agreed ? 'status agreed' : 'status open'}>
                    {r.decision ? decisionText(r.decision) : r.agreed ? 'agreed' : 'disagree'}
                  </span>
                </button>
              </li>
            ))}
          </ol>
          <div className="region-detail">
            {region && win ? (
              <>
                <p className="muted">
                  Region {current + 1} of {data.regions.length} · characters {region.start}–{region.end} · <kbd>j</kbd>/<kbd>k</kbd> or arrows to step
                </p>
                <div className="lanes" data-testid="lanes">
                  {region.coders.map((c) => (
                    <Lane key={c.coderId} text={text} window={win} ranges={c.ranges} title={c.name} color={colorOf(c.coderId)} />
                  ))}
                  <Lane text={text} window={win} ranges={region.consensus} title="Consensus (now)" color="#333333" />
                </div>
                <SettlePanel key={`${region.start}:${region.end}:${region.decision?.id ?? ''}`} region={region} text={text} onSettle={settle} />
              </>
            ) : (
              <p className="placeholder">Choose a region.</p>
            )}
          </div>
        </div>
      )}
    </div>
  );
}
