// A generic d3 cumulative step chart with bars: one x position per item (e.g. a transcript), a
// cumulative line and per-item bars, and a tooltip per item (e.g. the new codes it added).
import * as d3 from 'd3';
import { chartFrame } from './export';

export interface StepPoint {
  label: string;
  /** The cumulative value (the line). */
  total: number;
  /** The item's own value (the bar). */
  added: number;
  /** Tooltip lines. */
  details: string[];
}

export interface StepChartOptions {
  points: StepPoint[];
  xTitle: string;
  yTitle: string;
  width?: number;
  height?: number;
  onPointHover?: (index: number | null) => void;
}

/** The chart as an SVG element. */
export function stepChartSvg(opts: StepChartOptions): SVGSVGElement {
  const width = opts.width ?? 800;
  const height = opts.height ?? 360;
  // Tick labels run at -45°: long document names were cut off at the bottom. Labels are shortened to
  // MAX_LABEL characters (the full name in a tooltip) and the bottom margin grows to fit the longest.
  const MAX_LABEL = 28;
  const short = (label: string) => (label.length > MAX_LABEL ? `${label.slice(0, MAX_LABEL - 1)}…` : label);
  const longest = Math.max(0, ...opts.points.map((p) => short(p.label).length));
  const m = { top: 28, right: 20, bottom: Math.min(170, 24 + Math.ceil(longest * 6.2 * Math.SQRT1_2)), left: 52 };
  const x = d3
    .scaleBand<number>()
    .domain(opts.points.map((_, i) => i))
    .range([m.left, width - m.right])
    .padding(0.2);
  const y = d3
    .scaleLinear()
    .domain([0, Math.max(1, d3.max(opts.points, (p) => p.total) ?? 1)])
    .nice()
    .range([height - m.bottom, m.top]);
  const svg = chartFrame(width, height, 'step-chart');
  const every = Math.ceil(opts.points.length / 30);
  svg
    .append('g')
    .attr('transform', `translate(0,${height - m.bottom})`)
    .call(d3.axisBottom(x).tickFormat((i) => (i % every === 0 ? short(opts.points[i].label) : '')))
    .selectAll<SVGTextElement, number>('text')
    .attr('transform', 'rotate(-45)')
    .attr('text-anchor', 'end')
    .each(function (i) {
      d3.select(this).append('title').text(opts.points[i].label);
    });
  svg.append('g').attr('transform', `translate(${m.left},0)`).call(d3.axisLeft(y).ticks(6));
  svg
    .append('text')
    .attr('x', m.left - 40)
    .attr('y', 14)
    .attr('fill', '#222222')
    .text(opts.yTitle);
  svg
    .append('text')
    .attr('x', width - m.right)
    .attr('y', height - 4)
    .attr('text-anchor', 'end')
    .attr('fill', '#222222')
    .text(opts.xTitle);
  const item = svg
    .append('g')
    .selectAll('g')
    .data(opts.points)
    .join('g')
    .attr('data-testid', 'step-point')
    .on('mouseenter', (_e, d) => opts.onPointHover?.(opts.points.indexOf(d)))
    .on('mouseleave', () => opts.onPointHover?.(null));
  item
    .append('rect')
    .attr('x', (_, i) => x(i)!)
    .attr('y', (d) => y(d.added))
    .attr('width', x.bandwidth())
    .attr('height', (d) => y(0) - y(d.added))
    .attr('fill', '#9ec5e8');
  // An invisible full-height band makes the whole column hoverable.
  item
    .append('rect')
    .attr('x', (_, i) => x(i)!)
    .attr('y', m.top)
    .attr('width', x.bandwidth())
    .attr('height', height - m.bottom - m.top)
    .attr('fill', 'transparent');
  item.append('title').text((d) => [`${d.label}: ${d.total} in total, ${d.added} new`, ...d.details].join('\n'));
  const line = d3
    .line<StepPoint>()
    .x((_, i) => x(i)! + x.bandwidth() / 2)
    .y((d) => y(d.total))
    .curve(d3.curveStepAfter);
  svg.append('path').datum(opts.points).attr('fill', 'none').attr('stroke', '#2f5d8a').attr('stroke-width', 2).attr('d', line).attr('pointer-events', 'none');
  return svg.node()!;
}

/** Draw into `container` (emptied first); returns a cleanup function. */
export function drawStepChart(container: HTMLElement, opts: StepChartOptions): () => void {
  container.replaceChildren();
  const svg = stepChartSvg({ width: Math.max(480, container.clientWidth || 800), ...opts });
  container.appendChild(svg);
  return () => svg.remove();
}
