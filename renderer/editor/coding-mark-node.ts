// CodingMarkNode: a MarkNode that carries the ids and colours of every coding covering a piece of
// text and paints them (blended background + stacked underlines), because the stock MarkNode puts
// no ids or colours in the DOM.
import { MarkNode } from '@lexical/mark';
import { $applyNodeReplacement, type EditorConfig, type LexicalNode, type NodeKey } from 'lexical';

function hexToRgb(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.slice(1, 7), 16);
  return Number.isNaN(n) ? [128, 128, 128] : [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** Overlapping codings beyond this many share the last band (the margin lists them all). */
const MAX_BANDS = 4;

/** Background and underline styles per colour list; few distinct lists occur, so they are cached. */
const styleCache = new Map<string, { background: string; shadow: string }>();

function stylesFor(colors: readonly string[]): { background: string; shadow: string } {
  const key = colors.join(',');
  let styles = styleCache.get(key);
  if (!styles) {
    const rgb = colors.map(hexToRgb);
    const avg = [0, 1, 2].map((k) => Math.round(rgb.reduce((s, c) => s + c[k], 0) / Math.max(1, rgb.length)));
    const alpha = Math.min(0.45, 0.2 + 0.08 * (colors.length - 1));
    styles = {
      background: colors.length ? `rgba(${avg[0]}, ${avg[1]}, ${avg[2]}, ${alpha})` : '',
      // Later shadows paint under earlier ones, so each colour shows as its own 2px band. The bands sit
      // in the mark's bottom padding, below the glyphs: stacked underlines, never a line through text.
      shadow: colors
        .slice(0, MAX_BANDS)
        .map((c, i) => `inset 0 -${(i + 1) * 2}px 0 ${c}`)
        .join(', '),
    };
    if (styleCache.size > 5000) styleCache.clear();
    styleCache.set(key, styles);
  }
  return styles;
}

/** Write ids, count and colours onto the mark element. */
function paint(el: HTMLElement, ids: readonly string[], colors: readonly string[]): void {
  el.classList.add('coding-mark');
  el.classList.toggle('coding-overlap', ids.length > 1);
  el.dataset.codingIds = ids.join(',');
  el.dataset.count = String(ids.length);
  const { background, shadow } = stylesFor(colors);
  el.style.backgroundColor = background;
  el.style.boxShadow = shadow;
  el.style.paddingBottom = `${Math.min(colors.length, MAX_BANDS) * 2}px`;
  el.title = ids.length > 1 ? `${ids.length} codings overlap here` : '1 coding';
}

export class CodingMarkNode extends MarkNode {
  /** @internal one colour per id, same order */
  __colors: readonly string[];

  override $config() {
    return this.config('coding-mark', { extends: MarkNode });
  }

  constructor(ids: readonly string[] = [], colors: readonly string[] = [], key?: NodeKey) {
    super(ids, key);
    this.__colors = colors;
  }

  override afterCloneFrom(prevNode: this): void {
    super.afterCloneFrom(prevNode);
    this.__ids = prevNode.__ids;
    this.__colors = prevNode.__colors;
  }

  override createDOM(config: EditorConfig): HTMLElement {
    const el = super.createDOM(config);
    paint(el, this.__ids, this.__colors);
    return el;
  }

  override updateDOM(prevNode: this, element: HTMLElement, config: EditorConfig): boolean {
    super.updateDOM(prevNode, element, config);
    if (prevNode.__ids !== this.__ids || prevNode.__colors !== this.__colors) paint(element, this.__ids, this.__colors);
    return false;
  }

  getColors(): string[] {
    return Array.from(this.getLatest().__colors);
  }
}

/** Create a mark for the codings `ids` drawn in `colors`. */
export function $createCodingMarkNode(ids: readonly string[], colors: readonly string[]): CodingMarkNode {
  return $applyNodeReplacement(new CodingMarkNode(ids, colors));
}

export function $isCodingMarkNode(node: LexicalNode | null | undefined): node is CodingMarkNode {
  return node instanceof CodingMarkNode;
}
