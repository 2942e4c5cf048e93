// Pure helpers of the intersections views: which codes a collapsed tree shows, the value a cell
// displays, the table a view exports, and the network's links above a threshold.
import type { MatrixCode } from '../../../shared/api/intersections';
import type { CooccurrenceCell } from '../../../shared/stats/cooccurrence';

/** What a matrix cell shows. */
export type CellValue = 'n' | 'c' | 'jaccard' | 'pBGivenA' | 'participants';

export const CELL_VALUES: { id: CellValue; label: string }[] = [
  { id: 'n', label: 'Count n(A,B)' },
  { id: 'c', label: 'c-coefficient' },
  { id: 'jaccard', label: 'Jaccard (characters)' },
  { id: 'pBGivenA', label: 'P(column | row)' },
  { id: 'participants', label: 'Participants' },
];

export const codeTitle = (c: { label: string; name: string }): string => (c.label ? `${c.label} ${c.name}` : c.name);

/** The codes shown when the codes in `collapsed` hide their descendants, in codebook order. */
export function visibleCodes(codes: readonly MatrixCode[], collapsed: ReadonlySet<number>): MatrixCode[] {
  const hidden = new Set<number>();
  const out: MatrixCode[] = [];
  for (const c of codes) {
    // Codes arrive depth-first, so a parent is always decided before its children.
    if (c.parentId !== null && (hidden.has(c.parentId) || collapsed.has(c.parentId))) {
      hidden.add(c.id);
      continue;
    }
    out.push(c);
  }
  return out;
}

export type CellIndex = Map<string, CooccurrenceCell>;

export function indexCells(cells: readonly CooccurrenceCell[]): CellIndex {
  return new Map(cells.map((c) => [`${c.a}:${c.b}`, c]));
}

/** The value the cell (row a, column b) shows, or null when A and B never co-occur. */
export function cellValue(index: CellIndex, a: number, b: number, value: CellValue): number | null {
  const cell = index.get(`${a}:${b}`);
  return cell ? cell[value] : null;
}

export function formatValue(v: number, value: CellValue): string {
  return value === 'n' || value === 'participants' ? String(v) : v.toFixed(2);
}

/** The visible matrix as a table (rows × columns of formatted values; empty where none). */
export function matrixTable(codes: readonly MatrixCode[], index: CellIndex, value: CellValue): { columns: string[]; rows: string[][] } {
  return {
    columns: ['Code', ...codes.map((c) => c.label || c.name)],
    rows: codes.map((a) => [
      codeTitle(a),
      ...codes.map((b) => {
        const v = cellValue(index, a.id, b.id, value);
        return v === null ? '' : formatValue(v, value);
      }),
    ]),
  };
}

export interface NetworkLink {
  a: number;
  b: number;
  /** The larger of the two directions (P(B|A) is not symmetric). */
  weight: number;
  n: number;
}

/** One link per unordered pair of visible codes whose value reaches `threshold` (off the diagonal). */
export function networkLinks(codes: readonly MatrixCode[], index: CellIndex, value: CellValue, threshold: number): NetworkLink[] {
  const out: NetworkLink[] = [];
  for (let i = 0; i < codes.length; i++) {
    for (let j = i + 1; j < codes.length; j++) {
      const a = codes[i].id;
      const b = codes[j].id;
      const ab = index.get(`${a}:${b}`);
      const ba = index.get(`${b}:${a}`);
      if (!ab || !ba) continue;
      const weight = Math.max(ab[value], ba[value]);
      if (weight >= threshold && weight > 0) out.push({ a, b, weight, n: ab.n });
    }
  }
  return out;
}
