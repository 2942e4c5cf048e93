// The generic chart widget: React owns the container and the toolbar, a d3 drawing function draws
// inside it; the toolbar saves the chart as SVG or PNG.
import { useEffect, useRef } from 'react';
import { errorMessage } from '../api/client';
import { useNotify } from '../components/Notices';
import { downloadBlob } from '../components/download';
import { canvasToPng, downloadSvg, svgToPng } from './export';
import './charts.css';

export interface ChartProps {
  /** Draws into the container and returns a cleanup; keep it stable (useCallback) to avoid redraws. */
  draw: (container: HTMLElement) => () => void;
  /** A standalone SVG of the same chart, for export (a canvas-drawn chart is redrawn as SVG). */
  toSvg: () => SVGSVGElement;
  /** File name without extension. */
  fileName: string;
  /** What the chart shows, as a screen reader names it (e.g. "Co-occurrence matrix"). */
  label: string;
  testId?: string;
}

export function Chart({ draw, toSvg, fileName, label, testId }: ChartProps) {
  const notify = useNotify();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = ref.current;
    return el ? draw(el) : undefined;
  }, [draw]);

  const savePng = async () => {
    try {
      const canvas = ref.current?.querySelector('canvas');
      downloadBlob(canvas ? await canvasToPng(canvas) : await svgToPng(toSvg()), `${fileName}.png`);
    } catch (err) {
      notify('error', errorMessage(err));
    }
  };

  return (
    <div className="chart" data-testid={testId}>
      <div className="chart-tools">
        <button type="button" onClick={() => downloadSvg(toSvg(), `${fileName}.svg`)} data-testid="chart-svg">
          Save SVG
        </button>
        <button type="button" onClick={() => void savePng()} data-testid="chart-png">
          Save PNG
        </button>
      </div>
      {/* Focusable, so a keyboard can scroll a chart larger than its box. */}
      <div className="chart-body" ref={ref} tabIndex={0} role="region" aria-label={label} />
    </div>
  );
}
