// The agreement dashboard: codes (hierarchy indented) × measures with n units and coders, sortable,
// coloured by conventional bands, filtered by documents and coders, exported to CSV or Word; the
// comparison before vs. after consensus; and the team's blind-coding settings.
import { Fragment, useCallback, useEffect, useMemo, useState } from 'react';
import {
  AGREEMENT_UNITS,
  documentRows,
  type AgreementMeasures,
  type AgreementReport,
  type AgreementScope,
  type AgreementSettings,
  type AgreementUnit,
  type BeforeAfterReport,
  type CodeAgreement,
  type DocumentRow,
  type DomainsReport,
  type PairAgreement,
} from '../../../shared/api/agreement';
import type { Code, CodeId, Coder, CoderId, DocumentId, DocumentSummary } from '../../../shared/model/types';
import type { Group } from '../../../shared/api/study';
import { api, callFollowed, errorMessage } from '../../api/client';
import { AccordError } from '../../../shared/errors';
import { ReportProgress, useReportProgress } from '../../components/ReportProgress';
import { useNotify } from '../../components/Notices';
import { BAND_NOTE, NOT_APPLIED_HELP, band, cell, columnsFor, formatValue, reportCsv, sortRows, type Column, type SortKey } from './agreement-table';
import { CU_ALPHA_HELP, CU_ALPHA_TITLE, cuAlphaCell, domainColumn, globalCuAlphaCell, type DomainColumn } from './agreement-table';
import './agreement.css';
import { downloadFile, downloadText } from '../../components/download';
import { SegmentComparison } from './SegmentComparison';

export interface AgreementViewProps {
  documents: DocumentSummary[];
  codes: Code[];
  coders: Coder[];
  /** Called after a settings change (the audit log and history changed). */
  onChanged: () => void;
  /** Open the consensus view on a code's disagreements in one document. */
  onOpenDisagreements?: (target: { documentId: DocumentId; codeId: CodeId }) => void;
  /** Open a document in the coding view with [start, end) selected (the segment comparison's unmatched rows). */
  onOpenSegment?: (documentId: DocumentId, start: number, end: number) => void;
}

type Selection = { unit: AgreementUnit; scope: AgreementScope; coderIds?: CoderId[]; documentIds?: DocumentId[] };

const SCOPE_HELP: Record<AgreementScope, string> = {
  design: 'Each coder counts on the documents assigned to them (without assignments: those they coded); elsewhere missing, not “not coded”',
  all: 'Every coder counts on every selected document: text a coder did not code counts as “not coded” (NVivo-style)',
};

/** One breakdown row: a document or a coder pair, with the table's columns. */
function BreakdownRow({
  label,
  m,
  cols,
  action,
}: {
  label: string;
  m: AgreementMeasures | PairAgreement | DocumentRow;
  cols: Column[];
  action?: { title: string; run: () => void } | null;
}) {
  return (
    <tr className="breakdown" data-testid="agreement-breakdown-row">
      <th scope="row">
        {label}
        {action && (
          <button type="button" className="link disagreements" onClick={action.run} title={action.title} data-testid="open-disagreements">
            disagreements →
          </button>
        )}
      </th>
      {cols.map((c) => {
        const v = cell(m, c.key);
        const reason = v && 'reason' in v ? v.reason : undefined;
        return (
          <td key={c.key} className={c.banded ? `band-${band(v?.value ?? null)}` : undefined} title={reason ?? (v === null ? 'not computed for this breakdown' : undefined)}>
            {formatValue(c.key, v?.value)}
          </td>
        );
      })}
    </tr>
  );
}

/** A code's drill-down: its documents (asked for when opened) and its coder pairs. */
function CodeDrillDown({
  row,
  selection,
  cols,
  onOpenDisagreements,
}: {
  row: CodeAgreement;
  selection: Selection;
  cols: Column[];
  onOpenDisagreements?: AgreementViewProps['onOpenDisagreements'];
}) {
  const [docs, setDocs] = useState<DocumentRow[] | null>(null);
  useEffect(() => {
    let live = true;
    // Closing the row (or a new selection) cancels the call.
    const abort = new AbortController();
    callFollowed('agreement:report', { ...selection, codeIds: [row.codeId], detail: true }, { signal: abort.signal }).then(
      (r) => {
        const code = r.codes.find((c) => c.codeId === row.codeId);
        if (live) setDocs(code ? documentRows(code.byDocument, r.documents) : []);
      },
      () => live && setDocs([]),
    );
    return () => {
      live = false;
      abort.abort();
    };
  }, [row.codeId, selection]);
  const span = cols.length + 1;
  return (
    <>
      <tr className="breakdown-head">
        <td colSpan={span}>{docs === null ? 'Per document: computing…' : `Per document (${docs.length} where a counting coder applied the code)`}</td>
      </tr>
      {docs?.map((d) => {
        const poor = band(d.krippendorffAlpha.value) === 'poor' || (d.percentAgreement.value ?? 1) < 1;
        return (
          <BreakdownRow
            key={`d${d.documentId}`}
            label={d.name}
            m={d}
            cols={cols}
            action={
              onOpenDisagreements && poor
                ? { title: `Open the disagreements on ${row.label || row.name} in ${d.name}`, run: () => onOpenDisagreements({ documentId: d.documentId, codeId: row.codeId }) }
                : null
            }
          />
        );
      })}
      <tr className="breakdown-head">
        <td colSpan={span}>Per coder pair (units both coders count on)</td>
      </tr>
      {row.byPair.map((p) => (
        <BreakdownRow key={`p${p.coderA}|${p.coderB}`} label={`${p.coderA} × ${p.coderB}`} m={p} cols={cols} />
      ))}
    </>
  );
}



const UNIT_NAMES: Record<AgreementUnit, string> = { character: 'Characters', turn: 'Speaker turns', document: 'Documents' };

function ReportTableView({
  report,
  selection,
  onOpenDisagreements,
  domains,
}: {
  report: AgreementReport;
  selection: Selection;
  onOpenDisagreements?: AgreementViewProps['onOpenDisagreements'];
  /** cu-α per code with sub-codes, and Cu-α overall (characters only). */
  domains?: DomainColumn | null;
}) {
  const [sort, setSort] = useState<{ key: SortKey; desc: boolean }>({ key: 'codebook', desc: false });
  const [open, setOpen] = useState<Set<number>>(new Set());
  const [overallOpen, setOverallOpen] = useState(false);
  const flip = (id: number) =>
    setOpen((o) => {
      const next = new Set(o);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const cols = columnsFor(report);
  const rows = sortRows(report.codes, sort.key, sort.desc);
  const byCodebook = sort.key === 'codebook';
  const header = (key: SortKey, title: string, help: string) => {
    const active = sort.key === key;
    return (
      <th key={key} title={help} aria-sort={active ? (sort.desc ? 'descending' : 'ascending') : 'none'}>
        <button type="button" className="link" onClick={() => setSort({ key, desc: active ? !sort.desc : key !== 'codebook' })} data-testid={`sort-${key}`}>
          {title}
          {active ? (sort.desc ? ' ▼' : ' ▲') : ''}
        </button>
      </th>
    );
  };
  return (
    <table className="agreement-table" data-testid="agreement-table">
      <thead>
        <tr>
          {header('codebook', 'Code', 'Codebook order (hierarchy); a parent counts its sub-codes’ ranges too')}
          {cols.map((c) => header(c.key, c.title, c.help))}
          {domains && <th title={CU_ALPHA_HELP}>{CU_ALPHA_TITLE}</th>}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <Fragment key={r.codeId}>
          <tr data-testid="agreement-row" className={!r.applied ? 'unapplied' : open.has(r.codeId) ? 'open' : undefined}>
            <th scope="row" style={{ paddingLeft: `${(byCodebook ? r.depth : 0) * 1.25 + 0.5}rem` }} title={r.path}>
              {r.applied ? (
                <button
                  type="button"
                  className="link expander"
                  aria-expanded={open.has(r.codeId)}
                  onClick={() => flip(r.codeId)}
                  title="Per document and per coder pair"
                  data-testid="agreement-expand"
                >
                  {open.has(r.codeId) ? '▾' : '▸'}
                </button>
              ) : (
                <span className="expander" aria-hidden="true" />
              )}
              {r.label && <span className="code-label">{r.label}</span>} {r.name}
              {r.rolledUp && <span className="muted" title="Includes the ranges of its sub-codes"> (+ sub-codes)</span>}
            </th>
            {!r.applied && (
              <td colSpan={cols.length} className="muted" title={NOT_APPLIED_HELP} data-testid="cell-not-applied">
                not applied
              </td>
            )}
            {r.applied && cols.map((c) => {
              const m = cell(r, c.key);
              const reason = m && 'reason' in m ? m.reason : undefined;
              return (
                <td key={c.key} className={c.banded ? `band-${band(m?.value ?? null)}` : undefined} title={reason ?? undefined} data-testid={`cell-${c.key}`}>
                  {formatValue(c.key, m?.value)}
                </td>
              );
            })}
            {domains &&
              (() => {
                const x = cuAlphaCell(domains.byParent.get(r.codeId));
                return (
                  <td className={x.band ? `band-${x.band}` : undefined} title={x.title} data-testid="cell-cuAlpha">
                    {x.text}
                  </td>
                );
              })()}
          </tr>
          {open.has(r.codeId) && <CodeDrillDown row={r} selection={selection} cols={cols} onOpenDisagreements={onOpenDisagreements} />}
          </Fragment>
        ))}
        <tr className="overall" data-testid="agreement-overall">
          <th scope="row" title={report.overall.pooling}>
            <button type="button" className="link expander" aria-expanded={overallOpen} onClick={() => setOverallOpen((o) => !o)} title="Per document and per coder pair">
              {overallOpen ? '▾' : '▸'}
            </button>
            Overall
          </th>
          {cols.map((c) => {
            const m = cell(report.overall, c.key);
            return (
              <td key={c.key} className={c.banded ? `band-${band(m?.value ?? null)}` : undefined} title={m && 'reason' in m ? m.reason : undefined}>
                {formatValue(c.key, m?.value)}
              </td>
            );
          })}
          {domains &&
            (() => {
              const x = globalCuAlphaCell(domains.global);
              return (
                <td className={x.band ? `band-${x.band}` : undefined} title={x.title} data-testid="cell-globalCuAlpha">
                  {x.text}
                </td>
              );
            })()}
        </tr>
        {overallOpen && (
          <>
            <tr className="breakdown-head">
              <td colSpan={cols.length + 1}>Overall per document</td>
            </tr>
            {report.byDocument.map((d) => (
              <BreakdownRow key={`d${d.documentId}`} label={d.name} m={d} cols={cols} />
            ))}
            <tr className="breakdown-head">
              <td colSpan={cols.length + 1}>Overall per coder pair</td>
            </tr>
            {report.byPair.map((p) => (
              <BreakdownRow key={`p${p.coderA}|${p.coderB}`} label={`${p.coderA} × ${p.coderB}`} m={p} cols={cols} />
            ))}
          </>
        )}
      </tbody>
    </table>
  );
}

function BeforeAfterView({ data }: { data: BeforeAfterReport }) {
  const fmt = (v: number | null | undefined) => (v === null || v === undefined ? '—' : v.toFixed(3));
  const settledOf = (codeId: number) => {
    const x = data.settled.find((k) => k.codeId === codeId);
    return x ? `${x.settled} of ${x.disagreements}` : '—';
  };
  const totalSettled = `${data.settled.reduce((n, x) => n + x.settled, 0)} of ${data.settled.reduce((n, x) => n + x.disagreements, 0)}`;
  const afterRow = (coder: string, codeId: number) => data.after.find((a) => a.coder === coder)?.report.codes.find((c) => c.codeId === codeId);
  return (
    <section className="agreement-section" data-testid="before-after">
      <h3>Before vs. after consensus (Krippendorff α)</h3>
      <p className="muted">{data.before.notes.join('; ')}</p>
      <table className="agreement-table">
        <thead>
          <tr>
            <th>Code</th>
            <th title="Disagreements (regions where coders differ) on the documents with decisions, and how many are settled">Settled</th>
            <th title="Agreement among the coders">Before: {data.before.coders.map((c) => c.name).join(' × ')}</th>
            {data.after.map((a) => (
              <th key={a.coder} title={`${a.coder} compared with the consensus layer`}>
                After: {a.coder} × {data.consensusCoder?.name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {data.before.codes.map((c) => (
            <tr key={c.codeId}>
              <th scope="row" style={{ paddingLeft: `${c.depth * 1.25 + 0.5}rem` }}>
                {c.label && <span className="code-label">{c.label}</span>} {c.name}
              </th>
              <td className="settled" data-testid="settled">{settledOf(c.codeId)}</td>
              <td className={`band-${band(c.krippendorffAlpha.value)}`} title={c.krippendorffAlpha.reason}>{fmt(c.krippendorffAlpha.value)}</td>
              {data.after.map((a) => {
                const v = afterRow(a.coder, c.codeId)?.krippendorffAlpha.value ?? null;
                return (
                  <td key={a.coder} className={`band-${band(v)}`} title={afterRow(a.coder, c.codeId)?.krippendorffAlpha.reason}>
                    {fmt(v)}
                  </td>
                );
              })}
            </tr>
          ))}
          <tr className="overall">
            <th scope="row">Overall</th>
            <td className="settled">{totalSettled}</td>
            <td className={`band-${band(data.before.overall.krippendorffAlpha.value)}`}>{fmt(data.before.overall.krippendorffAlpha.value)}</td>
            {data.after.map((a) => (
              <td key={a.coder} className={`band-${band(a.report.overall.krippendorffAlpha.value)}`}>
                {fmt(a.report.overall.krippendorffAlpha.value)}
              </td>
            ))}
          </tr>
        </tbody>
      </table>
    </section>
  );
}

function TeamPanel({ documents, coders, onChanged }: { documents: DocumentSummary[]; coders: Coder[]; onChanged: () => void }) {
  const notify = useNotify();
  const [settings, setSettings] = useState<AgreementSettings | null>(null);
  const load = useCallback(() => {
    api['agreement:settings']({}).then(setSettings, (err) => notify('error', errorMessage(err)));
  }, [notify]);
  useEffect(load, [load]);
  const act = async (p: Promise<AgreementSettings>) => {
    try {
      setSettings(await p);
      onChanged();
    } catch (err) {
      notify('error', errorMessage(err));
    }
  };
  if (!settings) return null;
  const people = coders.filter((c) => !c.isConsensus);
  const assigned = (d: DocumentId, c: CoderId) => settings.assignments.some((a) => a.documentId === d && a.coderId === c);
  const lead = settings.isLead;
  return (
    <details className="agreement-section team-panel" data-testid="team-panel">
      <summary>
        Team and blind coding — lead: <strong>{settings.lead?.name ?? 'none yet'}</strong>, blind mode {settings.blind ? 'on' : 'off'}
      </summary>
      {!lead && <p className="muted">Only the lead can change these settings.</p>}
      <div className="team-controls">
        <label className="toggle">
          <input type="checkbox" checked={settings.blind} disabled={!lead} onChange={(e) => void act(api['agreement:setBlind']({ blind: e.target.checked }))} data-testid="blind-mode" />
          Blind mode: coders see only their own codings on their assigned documents until revealed
        </label>
        <label className="field-inline">
          Lead
          <select value={settings.lead?.id ?? ''} disabled={!lead} onChange={(e) => void act(api['agreement:setLead']({ coderId: Number(e.target.value) as CoderId }))}>
            {people.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      <table className="assignments">
        <thead>
          <tr>
            <th>Document</th>
            {people.map((c) => (
              <th key={c.id}>{c.name}</th>
            ))}
            <th title="Everyone sees every coder's codings on this document">Revealed</th>
          </tr>
        </thead>
        <tbody>
          {documents.map((d) => {
            const revealed = settings.revealedDocumentIds.includes(d.id);
            return (
              <tr key={d.id}>
                <th scope="row">{d.name}</th>
                {people.map((c) => (
                  <td key={c.id}>
                    <input
                      type="checkbox"
                      aria-label={`Assign ${d.name} to ${c.name}`}
                      checked={assigned(d.id, c.id)}
                      disabled={!lead}
                      onChange={(e) => void act(api['agreement:assign']({ documentIds: [d.id], coderIds: [c.id], assigned: e.target.checked }))}
                    />
                  </td>
                ))}
                <td>
                  <input
                    type="checkbox"
                    aria-label={`Reveal codings of ${d.name}`}
                    checked={revealed}
                    disabled={!lead}
                    onChange={(e) => void act(api['agreement:reveal']({ documentIds: [d.id], revealed: e.target.checked }))}
                  />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </details>
  );
}

export function AgreementView({ documents, codes, coders, onChanged, onOpenDisagreements, onOpenSegment }: AgreementViewProps) {
  const notify = useNotify();
  const people = useMemo(() => coders.filter((c) => !c.isConsensus), [coders]);
  const [unit, setUnit] = useState<AgreementUnit>('character');
  const [scope, setScope] = useState<AgreementScope>('design');
  const [coderIds, setCoderIds] = useState<CoderId[] | null>(null);
  const [documentIds, setDocumentIds] = useState<DocumentId[] | null>(null);
  const [report, setReport] = useState<AgreementReport | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [beforeAfter, setBeforeAfter] = useState<BeforeAfterReport | null>(null);
  const [domains, setDomains] = useState<DomainsReport | null>(null);
  const [groups, setGroups] = useState<Group[]>([]);
  useEffect(() => {
    api['groups:list']({}).then(setGroups, () => setGroups([]));
  }, []);

  const selection = useMemo<Selection>(
    () => ({ unit, scope, ...(coderIds ? { coderIds } : {}), ...(documentIds ? { documentIds } : {}) }),
    [unit, scope, coderIds, documentIds],
  );

  const followed = useReportProgress();
  useEffect(() => {
    let live = true;
    // Pairs per code and overall per document and pair come with the report; each code's documents
    // when opened. A long one shows its progress with Cancel; a new selection cancels the old call.
    callFollowed('agreement:report', { ...selection, detail: true, codeDocuments: false }, followed.start()).then(
      (r) => {
        if (!live) return;
        followed.done();
        setReport(r);
        setProblem(null);
      },
      (err) => {
        if (!live) return;
        followed.done();
        setReport(null);
        setProblem(err instanceof AccordError && err.code === 'CANCELLED' ? 'The report was cancelled: change the selection to compute it again.' : errorMessage(err));
      },
    );
    // cu-α for every code with sub-codes (a semantic domain) and Cu-α across the outermost (top-level)
    // ones, on characters; without codes with sub-codes there is no column.
    // Both are cancelled with the report when the selection changes or the view closes, so that a
    // large project's engine is not left computing what nobody will see.
    const side = new AbortController();
    const who = { scope: selection.scope, coderIds: selection.coderIds, documentIds: selection.documentIds };
    callFollowed('agreement:domains', { ...who, parents: 'all' }, { signal: side.signal }).then(
      (r) => live && setDomains(r),
      () => live && setDomains(null),
    );
    // Before/after needs a consensus layer; without one there is nothing to show and no error.
    callFollowed('agreement:beforeAfter', selection, { signal: side.signal }).then(
      (r) => live && setBeforeAfter(r),
      () => live && setBeforeAfter(null),
    );
    return () => {
      live = false;
      followed.cancel();
      side.abort();
    };
    // `followed`'s functions are stable (useCallback): the effect reruns for the selection only.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [selection, codes]);

  const toggle = <T,>(list: T[] | null, all: T[], id: T): T[] | null => {
    const cur = list ?? all;
    const next = cur.includes(id) ? cur.filter((x) => x !== id) : [...cur, id];
    return next.length === all.length ? null : next;
  };

  // The segment comparison picks its two from the coders chosen above (from everyone when fewer than two are).
  const chosen = coderIds ? people.filter((c) => coderIds.includes(c.id)) : people;
  const segmentCoders = chosen.length >= 2 ? chosen : people;
  const domainCol = unit === 'character' ? domainColumn(domains) : null;

  const exportWord = async () => {
    try {
      // A report (the agreement table is computed again), beside the window's other calls.
      const file = await callFollowed('reports:export', { table: 'agreement', format: 'docx' }, {});
      downloadFile(file);
    } catch (err) {
      notify('error', errorMessage(err));
    }
  };

  return (
    <div className="agreement-view" data-testid="agreement-view">
      <div className="agreement-controls">
        <h2>Inter-coder agreement</h2>
        <label className="field-inline">
          Unit
          <select value={unit} onChange={(e) => setUnit(e.target.value as AgreementUnit)} data-testid="agreement-unit">
            {AGREEMENT_UNITS.map((u) => (
              <option key={u} value={u}>
                {UNIT_NAMES[u]}
              </option>
            ))}
          </select>
        </label>
        <label className="field-inline" title={SCOPE_HELP[scope]}>
          Scope
          <select value={scope} onChange={(e) => setScope(e.target.value as AgreementScope)} data-testid="agreement-scope">
            <option value="design">Study design (assigned coders)</option>
            <option value="all">All coders on all documents</option>
          </select>
        </label>
        <details className="filter">
          <summary>Coders ({coderIds ? coderIds.length : 'all'})</summary>
          <div className="filter-menu">
          {people.map((c) => (
            <label key={c.id} className="toggle">
              <input type="checkbox" checked={(coderIds ?? people.map((p) => p.id)).includes(c.id)} onChange={() => setCoderIds((l) => toggle(l, people.map((p) => p.id), c.id))} />
              <span className="swatch" style={{ background: c.color }} aria-hidden="true" /> {c.name}
            </label>
          ))}
          </div>
        </details>
        <details className="filter">
          <summary>Documents ({documentIds ? documentIds.length : 'all'})</summary>
          <div className="filter-menu">
          {groups.length > 0 && (
            <label className="field-inline">
              Group
              <select
                value=""
                onChange={(e) => {
                  const g = groups.find((x) => x.id === Number(e.target.value));
                  setDocumentIds(g ? g.documentIds.filter((id) => documents.some((d) => d.id === id)) : null);
                }}
                data-testid="agreement-group"
              >
                <option value="">Choose a group…</option>
                <option value="all">All documents</option>
                {groups.map((g) => (
                  <option key={g.id} value={g.id}>
                    {g.name} ({g.documentIds.length})
                  </option>
                ))}
              </select>
            </label>
          )}
          {documents.map((d) => (
            <label key={d.id} className="toggle">
              <input
                type="checkbox"
                checked={(documentIds ?? documents.map((x) => x.id)).includes(d.id)}
                onChange={() => setDocumentIds((l) => toggle(l, documents.map((x) => x.id), d.id))}
              />
              {d.name}
            </label>
          ))}
          </div>
        </details>
        <span className="spacer" />
        <button type="button" disabled={!report} onClick={() => report && downloadText('agreement.csv', reportCsv(report, domainCol), 'text/csv;charset=utf-8')} data-testid="agreement-csv">
          Export CSV
        </button>
        <button type="button" onClick={() => void exportWord()} title="The agreement table for the paper (all coders and documents, characters)">
          Word table…
        </button>
      </div>
      <div className="agreement-body">
        {followed.shown && <ReportProgress label="Computing agreement" progress={followed.shown.progress} onCancel={followed.cancel} />}
        {!report && !problem && !followed.shown && <p className="muted">Computing…</p>}
        {problem && !followed.shown && <p className="empty" data-testid="agreement-problem">{problem}</p>}
        {report && (
          <>
            <p className="agreement-sentence" data-testid="agreement-summary">
              {report.sentence}
              <button type="button" className="link" onClick={() => void navigator.clipboard?.writeText(report.sentence)} title="Copy the sentence for a methods section">
                Copy
              </button>
            </p>
            <ReportTableView report={report} selection={selection} onOpenDisagreements={onOpenDisagreements} domains={domainCol} />
            {domainCol?.global && <p className="note" data-testid="domain-sentence">{domainCol.global.domainSentence}</p>}
            <p className="note">Overall: {report.overall.pooling}.</p>
            {report.notes.map((n) => (
              <p key={n} className="note">
                {n}
              </p>
            ))}
            <p className="note">{BAND_NOTE}</p>
          </>
        )}
        {beforeAfter && <BeforeAfterView data={beforeAfter} />}
        <SegmentComparison
          coders={segmentCoders}
          scope={scope}
          documentIds={documentIds ?? undefined}
          onOpenSegment={onOpenSegment}
          onOpenDisagreements={onOpenDisagreements}
        />
        <TeamPanel documents={documents} coders={coders} onChanged={onChanged} />
      </div>
    </div>
  );
}
