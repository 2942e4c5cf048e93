// A generic d3 heatmap for square or rectangular matrices: SVG for small matrices (each cell an
// element, clickable and testable), canvas for large ones (hundreds of rows: tens of thousands of SVG
// elements make the page sluggish), with the same look and click-through.
import * as d3 from 'd3';

export interface HeatmapAxisItem {
  key: string;
  label: string;
  /** Indent level of the row label (code hierarchy). */
  depth?: number;
}

export interface HeatmapOptions {
  rows: HeatmapAxisItem[];
  cols: HeatmapAxisItem[];
  /** The cell's value, or null for an empty cell. */
  value: (row: number, col: number) => number | null;
  /** How a value is printed in the cell and the tooltip. */
  format: (v: number) => string;
  /** What an empty cell means, shown in its tooltip (default "—"), e.g. "never together in this layer". */
  emptyText?: string;
  /** Cells drawn in neutral grey and left out of the colour scale (e.g. the diagonal). */
  neutral?: (row: number, col: number) => boolean;
  onCellClick?: (row: number, col: number) => void;
  /** 'auto' draws on a canvas above `canvasAbove` cells. */
  renderer?: 'svg' | 'canvas' | 'auto';
  canvasAbove?: number;
  /** Largest cell side in pixels. */
  maxCell?: number;
}

const LABEL_FONT = '11px system-ui, sans-serif';

interface Layout {
  cell: number;
  left: number;
  top: number;
  width: number;
  height: number;
  showLabels: boolean;
  showValues: boolean;
  color: (v: number) => string;
}

function layout(opts: HeatmapOptions, available: number): Layout {
  const n = Math.max(opts.rows.length, opts.cols.length, 1);
  const cell = Math.max(2, Math.min(opts.maxCell ?? 30, Math.floor((available - 160) / n)));
  const showLabels = cell >= 9;
  const longest = (items: HeatmapAxisItem[]) => d3.max(items, (i) => i.label.length + (i.depth ?? 0) * 2) ?? 0;
  const left = showLabels ? Math.min(220, 12 + longest(opts.rows) * 6.2) : 8;
  const top = showLabels ? Math.min(160, 12 + longest(opts.cols) * 4.6) : 8;
  let max = 0;
  for (let r = 0; r < opts.rows.length; r++) {
    for (let c = 0; c < opts.cols.length; c++) {
      if (opts.neutral?.(r, c)) continue;
      const v = opts.value(r, c);
      if (v !== null && v > max) max = v;
    }
  }
  const scale = d3.scaleSequential(d3.interpolateBlues).domain([0, max || 1]);
  return {
    cell,
    left,
    top,
    width: left + cell * opts.cols.length + 8,
    height: top + cell * opts.rows.length + 8,
    showLabels,
    showValues: cell >= 24,
    color: (v) => scale(v),
  };
}

/** A label shortened with an ellipsis to about `px` pixels of 11px text (the full text is in the tooltip). */
function fit(label: string, px: number): string {
  const max = Math.max(3, Math.floor(px / 6.2));
  return label.length <= max ? label : `${label.slice(0, max - 1)}…`;
}

function textColor(fill: string): string {
  const c = d3.hsl(fill);
  return c.l < 0.55 ? '#ffffff' : '#222222';
}

/** The heatmap as an SVG element (also used to export a canvas-drawn heatmap as SVG). */
export function heatmapSvg(opts: HeatmapOptions, available: number): SVGSVGElement {
  const L = layout(opts, available);
  const svg = d3
    .create('svg')
    .attr('xmlns', 'http://www.w3.org/2000/svg')
    .attr('width', L.width)
    .attr('height', L.height)
    .attr('viewBox', `0 0 ${L.width} ${L.height}`)
    .attr('font-family', 'system-ui, sans-serif')
    .attr('font-size', 11)
    .attr('data-testid', 'heatmap');
  svg.append('rect').attr('width', L.width).attr('height', L.height).attr('fill', '#ffffff');
  if (L.showLabels) {
    svg
      .append('g')
      .selectAll('text')
      .data(opts.rows)
      .join('text')
      .attr('x', (d) => 4 + (d.depth ?? 0) * 10)
      .attr('y', (_, i) => L.top + i * L.cell + L.cell / 2)
      .attr('dominant-baseline', 'middle')
      .text((d) => fit(d.label, L.left - 8 - (d.depth ?? 0) * 10))
      .append('title')
      .text((d) => d.label);
    svg
      .append('g')
      .selectAll('text')
      .data(opts.cols)
      .join('text')
      .attr('transform', (_, i) => `translate(${L.left + i * L.cell + L.cell / 2},${L.top - 4}) rotate(-60)`)
      .text((d) => fit(d.label, (L.top - 8) / 0.87))
      .append('title')
      .text((d) => d.label);
  }
  const cells: { r: number; c: number; v: number | null }[] = [];
  for (let r = 0; r < opts.rows.length; r++) for (let c = 0; c < opts.cols.length; c++) cells.push({ r, c, v: opts.value(r, c) });
  const g = svg
    .append('g')
    .selectAll('g')
    .data(cells)
    .join('g')
    .attr('transform', (d) => `translate(${L.left + d.c * L.cell},${L.top + d.r * L.cell})`)
    .attr('data-testid', 'heatmap-cell')
    .attr('data-row', (d) => opts.rows[d.r].key)
    .attr('data-col', (d) => opts.cols[d.c].key)
    .style('cursor', (d) => (d.v !== null && opts.onCellClick ? 'pointer' : 'default'))
    .on('click', (_e, d) => {
      if (d.v !== null) opts.onCellClick?.(d.r, d.c);
    });
  const fill = (d: { r: number; c: number; v: number | null }) =>
    d.v === null ? '#f4f3f0' : opts.neutral?.(d.r, d.c) ? '#d9d6cf' : L.color(d.v);
  g.append('rect')
    .attr('width', Math.max(1, L.cell - 1))
    .attr('height', Math.max(1, L.cell - 1))
    .attr('fill', fill);
  g.append('title').text((d) => `${opts.rows[d.r].label} × ${opts.cols[d.c].label}: ${d.v === null ? (opts.emptyText ?? '—') : opts.format(d.v)}`);
  if (L.showValues) {
    g.filter((d) => d.v !== null)
      .append('text')
      .attr('x', L.cell / 2)
      .attr('y', L.cell / 2)
      .attr('text-anchor', 'middle')
      .attr('dominant-baseline', 'middle')
      .attr('font-size', 10)
      .attr('fill', (d) => textColor(fill(d)))
      .attr('pointer-events', 'none')
      .text((d) => opts.format(d.v!));
  }
  return svg.node()!;
}

function drawCanvas(container: HTMLElement, opts: HeatmapOptions, available: number): () => void {
  const L = layout(opts, available);
  const ratio = window.devicePixelRatio || 1;
  const canvas = document.createElement('canvas');
  canvas.width = Math.ceil(L.width * ratio);
  canvas.height = Math.ceil(L.height * ratio);
  canvas.style.width = `${L.width}px`;
  canvas.style.height = `${L.height}px`;
  canvas.setAttribute('data-testid', 'heatmap-canvas');
  container.appendChild(canvas);
  const ctx = canvas.getContext('2d');
  if (ctx) {
    ctx.scale(ratio, ratio);
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, L.width, L.height);
    const side = Math.max(1, L.cell - (L.cell > 4 ? 1 : 0));
    for (let r = 0; r < opts.rows.length; r++) {
      for (let c = 0; c < opts.cols.length; c++) {
        const v = opts.value(r, c);
        ctx.fillStyle = v === null ? '#f4f3f0' : opts.neutral?.(r, c) ? '#d9d6cf' : L.color(v);
        ctx.fillRect(L.left + c * L.cell, L.top + r * L.cell, side, side);
      }
    }
    if (L.showLabels) {
      ctx.fillStyle = '#222222';
      ctx.font = LABEL_FONT;
      ctx.textBaseline = 'middle';
      opts.rows.forEach((d, i) => ctx.fillText(fit(d.label, L.left - 8 - (d.depth ?? 0) * 10), 4 + (d.depth ?? 0) * 10, L.top + i * L.cell + L.cell / 2));
      opts.cols.forEach((d, i) => {
        ctx.save();
        ctx.translate(L.left + i * L.cell + L.cell / 2, L.top - 4);
        ctx.rotate(-Math.PI / 3);
        ctx.fillText(fit(d.label, (L.top - 8) / 0.87), 0, 0);
        ctx.restore();
      });
    }
  }
  const at = (e: MouseEvent): [number, number] | null => {
    const rect = canvas.getBoundingClientRect();
    const c = Math.floor((e.clientX - rect.left - L.left) / L.cell);
    const r = Math.floor((e.clientY - rect.top - L.top) / L.cell);
    return r >= 0 && c >= 0 && r < opts.rows.length && c < opts.cols.length ? [r, c] : null;
  };
  const onMove = (e: MouseEvent) => {
    const p = at(e);
    const v = p ? opts.value(p[0], p[1]) : null;
    canvas.title = p ? `${opts.rows[p[0]].label} × ${opts.cols[p[1]].label}: ${v === null ? (opts.emptyText ?? '—') : opts.format(v)}` : '';
    canvas.style.cursor = v !== null && opts.onCellClick ? 'pointer' : 'default';
  };
  const onClick = (e: MouseEvent) => {
    const p = at(e);
    if (p && opts.value(p[0], p[1]) !== null) opts.onCellClick?.(p[0], p[1]);
  };
  canvas.addEventListener('mousemove', onMove);
  canvas.addEventListener('click', onClick);
  return () => {
    canvas.removeEventListener('mousemove', onMove);
    canvas.removeEventListener('click', onClick);
    canvas.remove();
  };
}

/** Which renderer a matrix of this size gets. */
export function heatmapRenderer(opts: HeatmapOptions): 'svg' | 'canvas' {
  if (opts.renderer && opts.renderer !== 'auto') return opts.renderer;
  return opts.rows.length * opts.cols.length > (opts.canvasAbove ?? 10_000) ? 'canvas' : 'svg';
}

/** Draw into `container` (emptied first); returns a cleanup function. */
export function drawHeatmap(container: HTMLElement, opts: HeatmapOptions): () => void {
  container.replaceChildren();
  const available = Math.max(400, container.clientWidth || 800);
  if (heatmapRenderer(opts) === 'canvas') return drawCanvas(container, opts, available);
  const svg = heatmapSvg(opts, available);
  container.appendChild(svg);
  return () => svg.remove();
}
