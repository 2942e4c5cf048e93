// The saturation curve: transcripts coded in the layer, in interview order (import order or a date
// attribute), with the cumulative number of distinct codes, and Guest, Namey & Chen's (2020)
// assessment — base size, run length and new-information threshold — saying whether and where
// saturation was reached. Hovering a transcript lists the codes it added first.
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { SaturationCurve } from '../../../shared/api/intersections';
import type { Attribute } from '../../../shared/api/study';
import { api, callFollowed, errorMessage } from '../../api/client';
import { Chart } from '../../charts/Chart';
import { drawStepChart, stepChartSvg, type StepChartOptions } from '../../charts/step-chart';
import { useNotify } from '../../components/Notices';
import { toFilters, type FilterState } from './filters';
import { codeTitle } from './matrix-model';
import { ScopeNote } from './scope-note';
import { TableExport } from './table-export';

/** The order select's value for import order (never an attribute name: those are non-empty text without this prefix). */
const IMPORT = '\u0000import';

export function SaturationPanel({ filters }: { filters: FilterState }) {
  const notify = useNotify();
  const [attributes, setAttributes] = useState<Attribute[]>([]);
  const [orderBy, setOrderBy] = useState('');
  const [base, setBase] = useState(4);
  const [run, setRun] = useState(2);
  const [thresholdPct, setThresholdPct] = useState(5);
  const [finalCodebook, setFinalCodebook] = useState(false);
  const [newCodesFrom, setNewCodesFrom] = useState('');
  const [curve, setCurve] = useState<SaturationCurve | null>(null);
  const [hovered, setHovered] = useState<number | null>(null);

  useEffect(() => {
    api['participants:attributes']({}).then(setAttributes, (err) => notify('error', errorMessage(err)));
  }, [notify]);
  useEffect(() => {
    let live = true;
    // A report (beside the window's other calls), cancelled when the settings change or the panel closes.
    const abort = new AbortController();
    const from = finalCodebook && /^\d{4}-\d{2}-\d{2}$/.test(newCodesFrom) ? { newCodesFrom } : {};
    const order = orderBy === '' ? {} : orderBy === IMPORT ? { importOrder: true } : { orderBy };
    callFollowed('intersections:saturation', { ...toFilters(filters), ...order, base, run, threshold: thresholdPct / 100, ...from }, { signal: abort.signal }).then(
      (c) => live && setCurve(c),
      (err) => live && notify('error', errorMessage(err)),
    );
    return () => {
      live = false;
      abort.abort();
    };
  }, [filters, orderBy, base, run, thresholdPct, finalCodebook, newCodesFrom, notify]);

  const chart: StepChartOptions = useMemo(
    () => ({
      points: (curve?.points ?? []).map((p) => ({
        label: p.participant ?? p.document,
        total: p.cumulative,
        added: p.newCodes.length,
        details: p.newCodes.map(codeTitle),
      })),
      xTitle: curve?.orderBy ? `Coded transcripts by ${curve.orderBy}` : 'Coded transcripts in import order',
      yTitle: 'Distinct codes',
      onPointHover: setHovered,
    }),
    [curve],
  );
  const draw = useCallback((el: HTMLElement) => drawStepChart(el, chart), [chart]);
  const toSvg = useCallback(() => stepChartSvg(chart), [chart]);
  const point = hovered !== null ? curve?.points[hovered] : undefined;

  return (
    <div className="ix-panel" data-testid="ix-saturation">
      <div className="ix-controls">
        <label className="field">
          Order
          <select value={orderBy} onChange={(e) => setOrderBy(e.target.value)} data-testid="ix-order">
            <option value="">Interview order (the interview date, if any)</option>
            <option value={IMPORT}>Import order</option>
            {attributes
              .filter((a) => a.type === 'date')
              .map((a) => (
                <option key={a.id}>{a.name}</option>
              ))}
          </select>
        </label>
        <label className="field" title="Guest, Namey & Chen (2020): the first interviews, whose distinct codes are the reference amount of information">
          Base size
          <input type="number" min={1} value={base} onChange={(e) => setBase(Math.max(1, Math.floor(Number(e.target.value) || 1)))} style={{ width: '5em' }} data-testid="ix-sat-base" />
        </label>
        <label className="field" title="Consecutive interviews after the base in which new codes are counted">
          Run length
          <input type="number" min={1} value={run} onChange={(e) => setRun(Math.max(1, Math.floor(Number(e.target.value) || 1)))} style={{ width: '5em' }} data-testid="ix-sat-run" />
        </label>
        <label className="field" title="Saturation when a run's new codes are at most this share of the base's codes">
          New information ≤ %
          <input type="number" min={0} max={100} step={1} value={thresholdPct} onChange={(e) => setThresholdPct(Math.min(100, Math.max(0, Number(e.target.value) || 0)))} style={{ width: '5em' }} data-testid="ix-sat-threshold" />
        </label>
        <label className="toggle" title="Re-applying a final codebook: codes defined before coding began are not new information">
          <input type="checkbox" checked={finalCodebook} onChange={(e) => setFinalCodebook(e.target.checked)} data-testid="ix-sat-final" />
          Final codebook: codes created from
        </label>
        {finalCodebook && <input type="date" value={newCodesFrom} onChange={(e) => setNewCodesFrom(e.target.value)} aria-label="Codes created from this date count as new" data-testid="ix-sat-from" />}
        {finalCodebook && <span className="ix-note">count as new</span>}
        {curve && (
          <TableExport
            table={() => ({
              title: 'Saturation',
              caption: curve.summary,
              columns: ['Interview', 'Transcript', 'Participant', ...(curve.orderBy ? [curve.orderBy] : []), 'Codings', 'New codes', 'Distinct codes so far'],
              rows: curve.points.map((p) => [
                String(p.interview),
                p.document,
                p.participant ?? 'no participant linked',
                ...(curve.orderBy ? [p.date ?? `no ${curve.orderBy}`] : []),
                String(p.codings),
                p.newCodes.map(codeTitle).join('; '),
                String(p.cumulative),
              ]),
              notes: curve.uncoded.length ? [`Not coded in this layer, so left out: ${curve.uncoded.map((d) => d.document).join(', ')}.`] : [],
            })}
          />
        )}
      </div>
      {curve && <ScopeNote scope={curve.scope} />}
      {curve && (
        <p className="ix-summary" data-testid="ix-saturation-summary">
          {curve.summary}
        </p>
      )}
      {curve && curve.assessment.runs.length > 0 && (
        <table className="ix-table" data-testid="ix-saturation-runs">
          <thead>
            <tr>
              <th>Run</th>
              <th>Transcripts</th>
              <th>New codes</th>
              <th>New information</th>
            </tr>
          </thead>
          <tbody>
            {curve.assessment.runs.map((r) => (
              <tr key={r.from} className={curve.assessment.confirmedBy?.from === r.from ? 'ix-run-met' : undefined}>
                <td>{r.from === r.to ? r.from : `${r.from}–${r.to}`}</td>
                <td>{r.documents.join(', ')}</td>
                <td className="num">{r.newCodes}</td>
                <td className="num" title={r.newInformation === null ? 'The base transcripts hold no codes, so there is no reference amount of information.' : undefined}>
                  {r.newInformation === null ? 'no base codes' : `${(r.newInformation * 100).toFixed(1)} % of ${curve.assessment.baseCodes}`}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {curve && curve.uncoded.length > 0 && (
        <p className="ix-note" data-testid="ix-saturation-uncoded">
          Not coded in this layer, so not part of the curve: {curve.uncoded.map((d) => d.document).join(', ')}.
        </p>
      )}
      {curve && curve.points.length > 0 && <Chart draw={draw} toSvg={toSvg} fileName="saturation-curve" label="Saturation curve" testId="ix-saturation-chart" />}
      <div className="ix-hover" aria-live="polite" data-testid="ix-saturation-hover">
        {point ? (
          <>
            <strong>{point.document}</strong>: {point.newCodes.length ? `new codes ${point.newCodes.map(codeTitle).join(', ')}` : 'no new codes'} ({point.cumulative} distinct so far)
          </>
        ) : (
          'Hover a transcript to see the codes it added.'
        )}
      </div>
    </div>
  );
}
