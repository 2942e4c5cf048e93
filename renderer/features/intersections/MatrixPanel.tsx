// The co-occurrence matrix: codes × codes as a d3 heatmap (canvas when large), the value and mode
// chosen, parent codes collapsible (a collapsed parent stands for the union of its children), the
// definitions stated, and a click on a cell listing the quotes behind it. Also the network graph,
// which draws the same matrix as codes linked above a threshold.
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { EvidenceResult, MatrixResult } from '../../../shared/api/intersections';
import type { CodeId, DocumentId } from '../../../shared/model/types';
import { COOCCURRENCE_DEFINITIONS } from '../../../shared/stats/cooccurrence';
import { callFollowed, errorMessage } from '../../api/client';
import { AccordError } from '../../../shared/errors';
import { ReportProgress, useReportProgress } from '../../components/ReportProgress';
import { Chart } from '../../charts/Chart';
import { forceGraphSvg, drawForceGraph, type ForceGraphOptions } from '../../charts/force-graph';
import { drawHeatmap, heatmapSvg, type HeatmapOptions } from '../../charts/heatmap';
import { useNotify } from '../../components/Notices';
import { toFilters, type FilterState } from './filters';
import { CELL_VALUES, cellValue, codeTitle, formatValue, indexCells, matrixTable, networkLinks, visibleCodes, type CellValue } from './matrix-model';
import { Quotes } from './quotes';
import { ScopeNote } from './scope-note';
import { TableExport } from './table-export';

type ModeKind = 'overlap' | 'chars' | 'turn' | 'document';

/** Why a cell is empty: no value is missing there, the two codes simply never co-occur. */
const EMPTY_CELL = 'no co-occurrence — the two codes never occur together in this layer and mode (on the diagonal: the code is not applied)';

export interface MatrixPanelProps {
  filters: FilterState;
  onOpen: (documentId: DocumentId, start: number, end: number) => void;
  /** 'matrix' draws the heatmap, 'network' the force graph. */
  kind: 'matrix' | 'network';
}

export function MatrixPanel({ filters, onOpen, kind }: MatrixPanelProps) {
  const notify = useNotify();
  const [mode, setMode] = useState<ModeKind>('overlap');
  const [chars, setChars] = useState(100);
  const [value, setValue] = useState<CellValue>(kind === 'network' ? 'c' : 'n');
  const [rollUp, setRollUp] = useState(true);
  const [collapsed, setCollapsed] = useState<Set<number>>(new Set());
  const [threshold, setThreshold] = useState(0.1);
  const [result, setResult] = useState<MatrixResult | null>(null);
  const [evidence, setEvidence] = useState<EvidenceResult | null>(null);
  const modeText = mode === 'chars' ? `chars:${chars}` : mode;

  // A long count shows its progress with Cancel; new filters cancel the call still running.
  const followed = useReportProgress();
  useEffect(() => {
    let live = true;
    callFollowed('intersections:matrix', { ...toFilters(filters), mode: modeText, rollUp }, followed.start()).then(
      (r) => {
        if (!live) return;
        followed.done();
        setResult(r);
        setEvidence(null);
      },
      (err) => {
        if (!live) return;
        followed.done();
        notify(err instanceof AccordError && err.code === 'CANCELLED' ? 'info' : 'error', err instanceof AccordError && err.code === 'CANCELLED' ? 'The co-occurrence matrix was cancelled.' : errorMessage(err));
      },
    );
    return () => {
      live = false;
      followed.cancel();
    };
    // `followed`'s functions are stable (useCallback).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [filters, modeText, rollUp, notify]);

  const index = useMemo(() => indexCells(result?.cells ?? []), [result]);
  const codes = useMemo(() => visibleCodes(result?.codes ?? [], collapsed), [result, collapsed]);
  const parents = (result?.codes ?? []).filter((c) => c.hasChildren);

  const showEvidence = useCallback(
    async (a: CodeId, b: CodeId) => {
      try {
        // A report (about a second on a project with millions of codings), beside the window's other calls.
        setEvidence(await callFollowed('intersections:evidence', { ...toFilters(filters), mode: modeText, rollUp, a, b }, {}));
      } catch (err) {
        notify('error', errorMessage(err));
      }
    },
    [filters, modeText, rollUp, notify],
  );

  const heatmap: HeatmapOptions = useMemo(
    () => ({
      rows: codes.map((c) => ({ key: String(c.id), label: codeTitle(c), depth: c.depth })),
      cols: codes.map((c) => ({ key: String(c.id), label: c.label || c.name })),
      value: (r, c) => cellValue(index, codes[r].id, codes[c].id, value),
      format: (v) => formatValue(v, value),
      emptyText: EMPTY_CELL,
      neutral: (r, c) => r === c,
      onCellClick: (r, c) => void showEvidence(codes[r].id, codes[c].id),
    }),
    [codes, index, value, showEvidence],
  );
  const drawMatrix = useCallback((el: HTMLElement) => drawHeatmap(el, heatmap), [heatmap]);
  const matrixSvg = useCallback(() => heatmapSvg(heatmap, 1200), [heatmap]);

  const graph: ForceGraphOptions = useMemo(() => {
    const links = networkLinks(codes, index, value, threshold);
    const linked = new Set(links.flatMap((l) => [l.a, l.b]));
    const byId = new Map(codes.map((c) => [c.id as number, c]));
    return {
      nodes: codes.filter((c) => linked.has(c.id)).map((c) => ({ id: String(c.id), label: c.label || c.name, color: c.color, size: c.n })),
      links: links.map((l) => ({
        source: String(l.a),
        target: String(l.b),
        weight: l.weight,
        title: `${codeTitle(byId.get(l.a)!)} — ${codeTitle(byId.get(l.b)!)}: ${formatValue(l.weight, value)} (n = ${l.n})`,
      })),
      onLinkClick: (l) => void showEvidence(Number(l.source) as CodeId, Number(l.target) as CodeId),
    };
  }, [codes, index, value, threshold, showEvidence]);
  const drawGraph = useCallback((el: HTMLElement) => drawForceGraph(el, graph), [graph]);
  const graphSvg = useCallback(() => forceGraphSvg(graph), [graph]);

  const toggle = (id: number) =>
    setCollapsed((cur) => {
      const next = new Set(cur);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  // The chosen mode, then every value a cell can show (the chosen one first), then roll-up.
  const definitions = [
    COOCCURRENCE_DEFINITIONS[mode],
    COOCCURRENCE_DEFINITIONS[value],
    ...CELL_VALUES.filter((v) => v.id !== value).map((v) => COOCCURRENCE_DEFINITIONS[v.id]),
    COOCCURRENCE_DEFINITIONS.documents,
    ...(rollUp ? [COOCCURRENCE_DEFINITIONS.rollUp] : []),
  ];
  const byId = new Map((result?.codes ?? []).map((c) => [c.id as number, c]));

  return (
    <div className="ix-panel" data-testid={`ix-${kind}`}>
      {followed.shown && <ReportProgress label="Counting co-occurrences" progress={followed.shown.progress} onCancel={followed.cancel} />}
      <div className="ix-controls">
        <label className="field">
          Co-occurrence
          <select value={mode} onChange={(e) => setMode(e.target.value as ModeKind)} data-testid="ix-mode">
            <option value="overlap">Overlap</option>
            <option value="chars">Within N characters</option>
            <option value="turn">Same speaker turn</option>
            <option value="document">Same document</option>
          </select>
        </label>
        {mode === 'chars' && (
          <label className="field">
            N
            <input type="number" min={0} value={chars} onChange={(e) => setChars(Math.max(0, Math.floor(Number(e.target.value) || 0)))} style={{ width: '6em' }} />
          </label>
        )}
        <label className="field">
          {kind === 'network' ? 'Link strength' : 'Cell value'}
          <select value={value} onChange={(e) => setValue(e.target.value as CellValue)} data-testid="ix-value">
            {CELL_VALUES.map((v) => (
              <option key={v.id} value={v.id}>
                {v.label}
              </option>
            ))}
          </select>
        </label>
        {kind === 'network' && (
          <label className="field">
            Threshold
            <input type="number" min={0} step={value === 'n' || value === 'participants' ? 1 : 0.05} value={threshold} onChange={(e) => setThreshold(Number(e.target.value) || 0)} style={{ width: '6em' }} data-testid="ix-threshold" />
          </label>
        )}
        <label className="toggle">
          <input type="checkbox" checked={rollUp} onChange={(e) => setRollUp(e.target.checked)} data-testid="ix-rollup" />
          Parent codes include their children
        </label>
        {kind === 'matrix' && result && (
          <TableExport
            table={() => ({
              title: 'Code co-occurrence',
              caption: `${CELL_VALUES.find((v) => v.id === value)!.label}; ${modeText}; ${result.scope.layer}${result.scope.filters.length ? `; ${result.scope.filters.join(', ')}` : ''}`,
              ...matrixTable(codes, index, value),
              notes: [result.counts, ...(result.scope.warning ? [result.scope.warning] : []), `Empty cell: ${EMPTY_CELL}.`, ...definitions],
            })}
          />
        )}
      </div>
      {parents.length > 0 && (
        <div className="ix-tree" aria-label="Collapse parent codes">
          {parents.map((p) => (
            <button key={p.id} type="button" className="ix-toggle" aria-expanded={!collapsed.has(p.id)} onClick={() => toggle(p.id)} data-testid="ix-collapse">
              {collapsed.has(p.id) ? '▸' : '▾'} {codeTitle(p)}
            </button>
          ))}
        </div>
      )}
      {result && <ScopeNote scope={result.scope} counts={result.counts} />}
      {result && codes.length > 0 && kind === 'matrix' && <Chart draw={drawMatrix} toSvg={matrixSvg} fileName="code-co-occurrence" label="Co-occurrence matrix" testId="ix-heatmap" />}
      {result && kind === 'network' && (graph.nodes.length > 0 ? <Chart draw={drawGraph} toSvg={graphSvg} fileName="code-network" label="Code network" testId="ix-network-chart" /> : <p className="ix-note">No pair of codes reaches the threshold.</p>)}
      <details className="ix-definitions" open={kind === 'matrix'} data-testid="ix-definitions">
        <summary>Definitions</summary>
        <ul>
          {definitions.map((d) => (
            <li key={d}>{d}</li>
          ))}
        </ul>
      </details>
      {evidence && (
        <section className="ix-evidence" data-testid="ix-evidence">
          <h3>
            {codeTitle(byId.get(evidence.a) ?? { label: '', name: `code ${evidence.a}` })}
            {evidence.a !== evidence.b && <> × {codeTitle(byId.get(evidence.b) ?? { label: '', name: `code ${evidence.b}` })}</>}: {evidence.quotes.length}{' '}
            {evidence.quotes.length === 1 ? 'quote' : 'quotes'}
          </h3>
          <Quotes quotes={evidence.quotes} onOpen={onOpen} />
        </section>
      )}
    </div>
  );
}
