// Retrieval of coded segments: choose codes (with their subcodes), coders or the consensus layer,
// groups and participant attributes; every passage with its code, coder, document, participant,
// attributes and timestamp; a click opens it in place; export to Word, CSV, XLSX or Markdown.
import { useEffect, useMemo, useState } from 'react';
import type { RetrievalFormat, RetrievalResult, RetrievalSort } from '../../../shared/api/retrieval';
import type { Group } from '../../../shared/api/study';
import { depthFirst } from '../../../shared/codebook/tree';
import type { Code, CodeId, Coder, CoderId, DocumentId, GroupId, Participant } from '../../../shared/model/types';
import { formatTimestamp } from '../../../shared/reports/retrieval';
import { plural } from '../../../shared/text/wording';
import { api, callFollowed, errorMessage } from '../../api/client';
import { AccordError } from '../../../shared/errors';
import { ReportProgress, useReportProgress } from '../../components/ReportProgress';
import { downloadFile } from '../../components/download';
import { useNotify } from '../../components/Notices';

export interface RetrievalViewProps {
  codes: Code[];
  coders: Coder[];
  /** Open a document (the coding view) at a passage. */
  onOpen: (documentId: DocumentId, start: number, end: number) => void;
}

const EXPORTS: [RetrievalFormat, string][] = [
  ['docx', 'Word'],
  ['csv', 'CSV'],
  ['xlsx', 'Excel'],
  ['markdown', 'Markdown'],
];

export function RetrievalView({ codes, coders, onOpen }: RetrievalViewProps) {
  const notify = useNotify();
  const [chosen, setChosen] = useState<CodeId[]>([]);
  const [filter, setFilter] = useState('');
  const [descendants, setDescendants] = useState(true);
  const [layer, setLayer] = useState<'coders' | 'consensus'>('coders');
  const [coderIds, setCoderIds] = useState<CoderId[]>([]);
  const [groups, setGroups] = useState<Group[]>([]);
  const [groupId, setGroupId] = useState<GroupId | ''>('');
  const [participants, setParticipants] = useState<Participant[]>([]);
  const [attribute, setAttribute] = useState('');
  const [values, setValues] = useState<string[]>([]);
  const [sort, setSort] = useState<RetrievalSort>('document');
  const [result, setResult] = useState<RetrievalResult | null>(null);

  useEffect(() => {
    api['groups:list']({}).then(setGroups, (err) => notify('error', errorMessage(err)));
    api['participants:list']({}).then(setParticipants, (err) => notify('error', errorMessage(err)));
  }, [notify]);

  const tree = useMemo(() => depthFirst(codes), [codes]);
  const shown = useMemo(() => {
    const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
    return tree.filter(({ node }) => words.every((w) => `${node.label} ${node.name}`.toLowerCase().includes(w)));
  }, [tree, filter]);
  const attributeNames = useMemo(() => [...new Set(participants.flatMap((p) => Object.keys(p.attributes)))], [participants]);
  const attributeValues = useMemo(
    () => [...new Set(participants.map((p) => p.attributes[attribute]).filter((v): v is string => !!v))].sort((a, b) => a.localeCompare(b)),
    [participants, attribute],
  );
  const humanCoders = coders.filter((c) => !c.isConsensus);

  const query = useMemo(
    () => ({
      codeIds: chosen,
      descendants,
      layer,
      coderIds: layer === 'coders' ? coderIds : [],
      groupIds: groupId === '' ? [] : [groupId],
      where: attribute && values.length > 0 ? [{ attribute, values }] : [],
      sort,
    }),
    [chosen, descendants, layer, coderIds, groupId, attribute, values, sort],
  );

  useEffect(() => {
    if (query.codeIds.length === 0) return;
    let live = true;
    // A report (beside the window's other calls), cancelled when the query changes or the view closes.
    const abort = new AbortController();
    callFollowed('retrieval:run', query, { signal: abort.signal }).then(
      (r) => live && setResult(r),
      (err) => live && notify('error', errorMessage(err)),
    );
    return () => {
      live = false;
      abort.abort();
    };
  }, [query, notify]);

  const toggle = <T,>(list: T[], item: T) => (list.includes(item) ? list.filter((x) => x !== item) : [...list, item]);
  // An export of many segments shows its progress with Cancel.
  const followed = useReportProgress();
  const exportAs = async (format: RetrievalFormat) => {
    const call = followed.start();
    try {
      downloadFile(await callFollowed('retrieval:export', { ...query, format }, call));
    } catch (err) {
      if (err instanceof AccordError && err.code === 'CANCELLED') notify('info', 'The export was cancelled.');
      else notify('error', errorMessage(err));
    } finally {
      followed.done(call);
    }
  };

  return (
    <div className="retrieval-view" data-testid="retrieval-view">
      <aside className="retrieval-filters" aria-label="What to retrieve">
        <h2>Retrieve coded segments</h2>
        <label className="field">
          <span>Codes</span>
          <input value={filter} onChange={(e) => setFilter(e.target.value)} placeholder="filter codes" aria-label="Filter codes" data-testid="retrieval-code-filter" />
        </label>
        <ul className="retrieval-codes" data-testid="retrieval-codes">
          {shown.map(({ node, depth }) => (
            <li key={node.id} style={{ paddingLeft: `${depth * 0.9}rem` }}>
              <label title={node.definition || undefined}>
                <input type="checkbox" checked={chosen.includes(node.id)} onChange={() => setChosen((c) => toggle(c, node.id))} data-testid={`retrieval-code-${node.label || node.id}`} />
                <span className="swatch" style={{ background: node.color }} aria-hidden="true" />
                {node.label ? <strong>{node.label}</strong> : null} {node.name}
              </label>
            </li>
          ))}
        </ul>
        <label className="toggle">
          <input type="checkbox" checked={descendants} onChange={(e) => setDescendants(e.target.checked)} data-testid="retrieval-descendants" />
          Include subcodes
        </label>
        <label className="field">
          <span>Layer</span>
          <select value={layer} onChange={(e) => setLayer(e.target.value as 'coders' | 'consensus')} data-testid="retrieval-layer">
            <option value="coders">Coders</option>
            <option value="consensus">Consensus layer</option>
          </select>
        </label>
        {layer === 'coders' && humanCoders.length > 1 && (
          <fieldset className="retrieval-coders">
            <legend>Coders (none ticked: all)</legend>
            {humanCoders.map((c) => (
              <label key={c.id} className="toggle">
                <input type="checkbox" checked={coderIds.includes(c.id)} onChange={() => setCoderIds((ids) => toggle(ids, c.id))} />
                <span className="swatch" style={{ background: c.color }} aria-hidden="true" /> {c.name}
              </label>
            ))}
          </fieldset>
        )}
        {groups.length > 0 && (
          <label className="field">
            <span>Group</span>
            <select value={groupId} onChange={(e) => setGroupId(e.target.value === '' ? '' : (Number(e.target.value) as GroupId))}>
              <option value="">All documents</option>
              {groups.map((g) => (
                <option key={g.id} value={g.id}>
                  {g.name}
                </option>
              ))}
            </select>
          </label>
        )}
        {attributeNames.length > 0 && (
          <label className="field">
            <span>Participant attribute</span>
            <select
              value={attribute}
              onChange={(e) => {
                setAttribute(e.target.value);
                setValues([]);
              }}
              data-testid="retrieval-attribute"
            >
              <option value="">any participant</option>
              {attributeNames.map((a) => (
                <option key={a} value={a}>
                  {a}
                </option>
              ))}
            </select>
          </label>
        )}
        {attribute && (
          <fieldset className="retrieval-values" data-testid="retrieval-values">
            <legend>{attribute} is one of</legend>
            {attributeValues.map((v) => (
              <label key={v} className="toggle">
                <input type="checkbox" checked={values.includes(v)} onChange={() => setValues((vs) => toggle(vs, v))} /> {v}
              </label>
            ))}
          </fieldset>
        )}
      </aside>
      <section className="retrieval-results" aria-label="Retrieved segments">
        {followed.shown && <ReportProgress label="Exporting" progress={followed.shown.progress} onCancel={followed.cancel} />}
        {!result || chosen.length === 0 ? (
          <p className="placeholder">Tick one or more codes to see every passage coded with them.</p>
        ) : (
          <>
            <div className="retrieval-toolbar">
              <p data-testid="retrieval-summary">{result.summary}</p>
              <label>
                Sort by{' '}
                <select value={sort} onChange={(e) => setSort(e.target.value as RetrievalSort)} data-testid="retrieval-sort">
                  <option value="document">document order</option>
                  <option value="code">code</option>
                  <option value="participant">participant</option>
                </select>
              </label>
              <span className="retrieval-exports">
                Export:{' '}
                {EXPORTS.map(([format, label]) => (
                  <button key={format} type="button" onClick={() => void exportAs(format)} disabled={result.segments.length === 0} data-testid={`retrieval-export-${format}`}>
                    {label}
                  </button>
                ))}
              </span>
            </div>
            <ol className="retrieval-list" data-testid="retrieval-list">
              {result.segments.map((s) => (
                <li key={s.codingId} className="retrieval-segment" data-testid="retrieval-segment">
                  <div className="retrieval-meta">
                    <span className="code-chip">{s.codeLabel}</span>
                    <strong>{s.participant ?? s.document}</strong>
                    {s.timeMs !== null && <span className="muted">{formatTimestamp(s.timeMs)}</span>}
                    {Object.entries(s.attributes).map(([k, v]) => (
                      <span key={k} className="muted" title={k}>
                        {v}
                      </span>
                    ))}
                    <span className="muted">
                      {s.coder} · {s.document}
                    </span>
                  </div>
                  <button type="button" className="link retrieval-text" onClick={() => onOpen(s.documentId, s.start, s.end)} title="Open in the document">
                    {s.text}
                  </button>
                </li>
              ))}
            </ol>
            {result.segments.length === 0 && <p className="placeholder">No passage matches. {plural(result.codes.length, 'code')} searched.</p>}
          </>
        )}
      </section>
    </div>
  );
}
