// The saturation curve: transcripts in interview order (import order or a date attribute) with the
// cumulative number of distinct codes; hovering a transcript lists the codes it added first.
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { SaturationCurve } from '../../../shared/api/intersections';
import type { Attribute } from '../../../shared/api/study';
import { api, errorMessage } from '../../api/client';
import { Chart } from '../../charts/Chart';
import { drawStepChart, stepChartSvg, type StepChartOptions } from '../../charts/step-chart';
import { useNotify } from '../../components/Notices';
import { toFilters, type FilterState } from './filters';
import { codeTitle } from './matrix-model';
import { TableExport } from './table-export';

export function SaturationPanel({ filters }: { filters: FilterState }) {
  const notify = useNotify();
  const [attributes, setAttributes] = useState<Attribute[]>([]);
  const [orderBy, setOrderBy] = useState('');
  const [curve, setCurve] = useState<SaturationCurve | null>(null);
  const [hovered, setHovered] = useState<number | null>(null);

  useEffect(() => {
    api['participants:attributes']({}).then(setAttributes, (err) => notify('error', errorMessage(err)));
  }, [notify]);
  useEffect(() => {
    let live = true;
    api['intersections:saturation']({ ...toFilters(filters), ...(orderBy ? { orderBy } : {}) }).then(
      (c) => live && setCurve(c),
      (err) => notify('error', errorMessage(err)),
    );
    return () => {
      live = false;
    };
  }, [filters, orderBy, notify]);

  const chart: StepChartOptions = useMemo(
    () => ({
      points: (curve?.points ?? []).map((p) => ({
        label: p.participant ?? p.document,
        total: p.cumulative,
        added: p.newCodes.length,
        details: p.newCodes.map(codeTitle),
      })),
      xTitle: curve?.orderBy ? `Transcripts by ${curve.orderBy}` : 'Transcripts in import order',
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
            <option value="">Import order</option>
            {attributes
              .filter((a) => a.type === 'date')
              .map((a) => (
                <option key={a.id}>{a.name}</option>
              ))}
          </select>
        </label>
        {curve && (
          <TableExport
            table={() => ({
              title: 'Saturation',
              caption: curve.summary,
              columns: ['Transcript', 'Participant', ...(curve.orderBy ? [curve.orderBy] : []), 'Codings', 'New codes', 'Distinct codes so far'],
              rows: curve.points.map((p) => [p.document, p.participant ?? '', ...(curve.orderBy ? [p.date ?? ''] : []), String(p.codings), p.newCodes.map(codeTitle).join('; '), String(p.cumulative)]),
            })}
          />
        )}
      </div>
      {curve && <p className="ix-summary" data-testid="ix-saturation-summary">{curve.summary}</p>}
      {curve && curve.points.length > 0 && <Chart draw={draw} toSvg={toSvg} fileName="saturation-curve" testId="ix-saturation-chart" />}
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
