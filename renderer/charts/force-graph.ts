// A generic d3 force-directed network: nodes sized by weight, links thickened by strength. The layout
// is computed to rest before drawing (a fixed number of ticks), so the picture is stable and exportable.
import * as d3 from 'd3';
import { chartFrame } from './export';

export interface GraphNode {
  id: string;
  label: string;
  color: string;
  /** Drives the node's radius (e.g. number of codings). */
  size: number;
}

export interface GraphLink {
  source: string;
  target: string;
  /** Drives the line's width (e.g. the co-occurrence value). */
  weight: number;
  title: string;
}

export interface ForceGraphOptions {
  nodes: GraphNode[];
  links: GraphLink[];
  width?: number;
  height?: number;
  onNodeClick?: (id: string) => void;
  onLinkClick?: (link: GraphLink) => void;
}

type SimNode = GraphNode & d3.SimulationNodeDatum;
type SimLink = d3.SimulationLinkDatum<SimNode> & { link: GraphLink };

/** The network as an SVG element. */
export function forceGraphSvg(opts: ForceGraphOptions): SVGSVGElement {
  const width = opts.width ?? 800;
  const height = opts.height ?? 560;
  const nodes: SimNode[] = opts.nodes.map((n) => ({ ...n }));
  const links: SimLink[] = opts.links.map((l) => ({ source: l.source, target: l.target, link: l }));
  const radius = d3.scaleSqrt().domain([0, d3.max(nodes, (n) => n.size) || 1]).range([4, 22]);
  const stroke = d3.scaleLinear().domain([0, d3.max(links, (l) => l.link.weight) || 1]).range([1, 8]);
  const sim = d3
    .forceSimulation(nodes)
    .force('link', d3.forceLink<SimNode, SimLink>(links).id((d) => d.id).distance(90))
    .force('charge', d3.forceManyBody().strength(-220))
    .force('center', d3.forceCenter(width / 2, height / 2))
    // A gentle pull to the middle keeps separate clusters inside the frame (charge alone pushes them to the edges).
    .force('x', d3.forceX<SimNode>(width / 2).strength(0.06))
    .force('y', d3.forceY<SimNode>(height / 2).strength(0.1))
    .force('collide', d3.forceCollide<SimNode>().radius((d) => radius(d.size) + 6))
    .stop();
  for (let i = 0; i < 300; i++) sim.tick();
  const clampX = (x: number | undefined) => Math.max(24, Math.min(width - 24, x ?? 0));
  const clampY = (y: number | undefined) => Math.max(24, Math.min(height - 24, y ?? 0));

  const svg = chartFrame(width, height, 'network');
  svg
    .append('g')
    .attr('stroke', '#8a95a5')
    .attr('stroke-opacity', 0.7)
    .selectAll('line')
    .data(links)
    .join('line')
    .attr('x1', (d) => clampX((d.source as SimNode).x))
    .attr('y1', (d) => clampY((d.source as SimNode).y))
    .attr('x2', (d) => clampX((d.target as SimNode).x))
    .attr('y2', (d) => clampY((d.target as SimNode).y))
    .attr('stroke-width', (d) => stroke(d.link.weight))
    .attr('data-testid', 'network-link')
    .style('cursor', opts.onLinkClick ? 'pointer' : 'default')
    .on('click', (_e, d) => opts.onLinkClick?.(d.link))
    .append('title')
    .text((d) => d.link.title);
  const node = svg
    .append('g')
    .selectAll('g')
    .data(nodes)
    .join('g')
    .attr('transform', (d) => `translate(${clampX(d.x)},${clampY(d.y)})`)
    .attr('data-testid', 'network-node')
    .style('cursor', opts.onNodeClick ? 'pointer' : 'default')
    .on('click', (_e, d) => opts.onNodeClick?.(d.id));
  node.append('circle').attr('r', (d) => radius(d.size)).attr('fill', (d) => d.color).attr('stroke', '#ffffff').attr('stroke-width', 1.5);
  node
    .append('text')
    .attr('x', (d) => radius(d.size) + 3)
    .attr('dominant-baseline', 'middle')
    .attr('fill', '#222222')
    .text((d) => d.label);
  node.append('title').text((d) => `${d.label}: ${d.size}`);
  return svg.node()!;
}

/** Draw into `container` (emptied first); returns a cleanup function. */
export function drawForceGraph(container: HTMLElement, opts: ForceGraphOptions): () => void {
  container.replaceChildren();
  const svg = forceGraphSvg({ width: Math.max(480, container.clientWidth || 800), ...opts });
  container.appendChild(svg);
  return () => svg.remove();
}
