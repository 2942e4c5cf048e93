// Contract namespace: co-occurrence matrices, code × attribute tables, saturation and code queries.
// Merged into the whole contract by shared/api/contract.ts.
import { z } from 'zod';
import { lazySchemas, once } from './lazy-schemas';
import { codeId, coderId, documentId, groupId, savedQueryId } from '../model/ids';
export { savedQueryId } from '../model/ids';
import type { Access } from './access';
import type { CooccurrenceCell } from '../stats/cooccurrence';
import type { CodeId, DocumentId,  } from '../model/types';

import type { SavedQueryId } from '../model/types';
export type { SavedQueryId };

const empty = once(() => z.object({}).strict());

/**
 * Whose codings: 'auto' (the default) is one layer — the consensus layer where it covers every coded
 * document of the selection, else the current coder (or, with none, the coder with most codings there);
 * 'all' pools every coder except the consensus layer (a disagreement between coders then counts as a
 * co-occurrence); 'consensus' is the consensus layer; a number is one coder's id.
 */
export const layerSchema = once(() => z.union([z.enum(['auto', 'all', 'consensus']), coderId]));
export type Layer = z.infer<ReturnType<typeof layerSchema>>;

/** `overlap`, `chars:N` (within N characters), `turn` (same speaker turn) or `document`. */
export const modeSchema = once(() =>
  z
    .string()
    .trim()
    .regex(/^(overlap|turn|document|chars:\d{1,9})$/, 'the mode is overlap, chars:N, turn or document'),
);

/** One participant-attribute condition; `!=` also keeps participants without a value. */
export const conditionSchema = once(() => z.object({
  attribute: z.string().trim().min(1),
  op: z.enum(['=', '!=']).default('='),
  value: z.string().trim(),
}));
export type Condition = z.output<ReturnType<typeof conditionSchema>>;

/** Which codings take part: the layer, and documents narrowed by id, group and participant attributes. */
export const filtersSchema = once(() => z.object({
  layer: layerSchema().default('auto'),
  /** Only these documents (absent: all). */
  documentIds: z.array(documentId).optional(),
  /** Only documents in at least one of these groups. */
  groupIds: z.array(groupId).optional(),
  /** Participant-attribute conditions, AND-ed: objects, or text such as `Role=Clinician` / `Role!=Clinician`. */
  where: z.array(z.union([conditionSchema(), z.string().trim().min(1)])).optional(),
}));
export type FiltersInput = z.input<ReturnType<typeof filtersSchema>>;
export type Filters = z.output<ReturnType<typeof filtersSchema>>;

/** File formats of `intersections:exportTable`. */
export const EXPORT_FORMATS = ['csv', 'docx'] as const;

/** Input schemas of this namespace, one per channel. */
export const intersectionsMethods = lazySchemas({
  /**
   * The co-occurrence matrix of every code (or `codeIds`) within one layer. With `rollUp`, a parent
   * code stands for the union of its children (it also counts its descendants' codings).
   */
  'intersections:matrix': () => filtersSchema().extend({
    mode: modeSchema().default('overlap'),
    rollUp: z.boolean().default(false),
    codeIds: z.array(codeId).optional(),
  }),
  /** The quotes behind one cell: each co-occurrence group of codes a and b (a = b: a's codings). */
  'intersections:evidence': () => filtersSchema().extend({
    mode: modeSchema().default('overlap'),
    rollUp: z.boolean().default(false),
    a: codeId,
    b: codeId,
    /** Characters of context on each side of a quote. */
    context: z.number().int().min(0).max(2000).default(120),
  }),
  /** Per code, participants and codings for each value of a participant attribute (e.g. codes × Role). */
  'intersections:attributes': () => filtersSchema().extend({
    attribute: z.string().trim().min(1),
    rollUp: z.boolean().default(false),
  }),
  /**
   * The saturation curve: transcripts in interview order (import order, or a date attribute's value)
   * with the new codes each added and the cumulative number of distinct codes.
   */
  'intersections:saturation': () => filtersSchema().extend({
    /**
     * Order by this (date) attribute of the documents' participants. Absent: interview order — the
     * date attribute named for interviews (or the only date attribute), else import order.
     */
    orderBy: z.string().trim().min(1).optional(),
    /** Import order even where the project has an interview date. */
    importOrder: z.boolean().default(false),
    /** Guest, Namey & Chen (2020): interviews in the base (default 4). */
    base: z.number().int().min(1).max(10000).default(4),
    /** Interviews in a run (default 2). */
    run: z.number().int().min(1).max(10000).default(2),
    /** New-information threshold as a share of the base's codes (default 0.05: saturation when ≤ 5 %). */
    threshold: z.number().min(0).max(1).default(0.05),
    /**
     * Re-applying a final codebook: only codes created on or after this date (YYYY-MM-DD, or an ISO
     * date and time) count as new information; absent: codebook development, every code's first
     * appearance counts.
     */
    newCodesFrom: z
      .string()
      .trim()
      .regex(/^\d{4}-\d{2}-\d{2}(T[\d:.]+Z?)?$/, 'the date is YYYY-MM-DD (or an ISO date and time)')
      .optional(),
  }),
  /** Plain-language definitions of every mode and value, for the UI and exports. */
  'intersections:definitions': () => empty(),
  /** A table the views show, written as CSV or Word by the engine's table writers; bytes in base64. */
  'intersections:exportTable': () => z.object({
    format: z.enum(EXPORT_FORMATS),
    title: z.string().trim().min(1),
    caption: z.string().optional(),
    columns: z.array(z.string()).min(1),
    rows: z.array(z.array(z.string())),
    notes: z.array(z.string()).optional(),
  }),

  /** Run a code query (`10a AND 30a`, `A NEAR(50) B`, …) over a layer; the results are quotes. */
  'queries:run': () => filtersSchema().extend({
    query: z.string().min(1),
    /** An operand also stands for its code's descendants. */
    includeDescendants: z.boolean().default(false),
    context: z.number().int().min(0).max(2000).default(120),
  }),
  /** Saved queries, by name. */
  'queries:list': () => empty(),
  /** Save a query under a name (a new one, or `id` to change one); the query must parse. */
  'queries:save': () => z.object({
    id: savedQueryId.optional(),
    name: z.string().trim().min(1).max(200),
    query: z.string().trim().min(1),
    filters: filtersSchema().extend({ includeDescendants: z.boolean().default(false) }).default({ layer: 'auto', includeDescendants: false }),
  }),
  /** Delete a saved query (undoable). */
  'queries:delete': () => z.object({ id: savedQueryId }),
  /** Run a saved query again with its saved filters. */
  'queries:rerun': () => z.object({ id: savedQueryId, context: z.number().int().min(0).max(2000).default(120) }),
  /**
   * Create a code and apply it to every result quote of a query as the current coder, in one
   * undoable step.
   */
  'queries:codeResults': () => filtersSchema().extend({
    query: z.string().min(1),
    includeDescendants: z.boolean().default(false),
    parentId: codeId.nullable().default(null),
    label: z.string().trim().default(''),
    name: z.string().trim().min(1),
    definition: z.string().default(''),
  }),
});

/** Who may call each channel of this namespace and what it may see (see ../api/access.ts). */
export const intersectionsAccess = {
  'intersections:matrix': 'unblinded',
  'intersections:evidence': 'unblinded',
  'intersections:attributes': 'unblinded',
  'intersections:saturation': 'unblinded',
  'intersections:definitions': 'open',
  'intersections:exportTable': 'unblinded',
  'queries:run': 'unblinded',
  'queries:list': 'read',
  'queries:save': 'write',
  'queries:delete': 'write',
  'queries:rerun': 'unblinded',
  'queries:codeResults': 'unblinded',
} as const satisfies Record<keyof typeof intersectionsMethods, Access>;

/** A code as a row or column of the matrix, in codebook (depth-first) order. */
export interface MatrixCode {
  id: CodeId;
  parentId: CodeId | null;
  label: string;
  name: string;
  color: string;
  depth: number;
  hasChildren: boolean;
  /** n(A): codings of the code in the layer (with roll-up: of its subtree); documents in same-document mode. */
  n: number;
  /** Codings of the code in the layer, whatever the mode. */
  codings: number;
  characters: number;
  documents: number;
  participants: number;
}

/** What the numbers were computed over, in words and counts. */
export interface Scope {
  /** E.g. "all coders pooled (Ana, Ben)", "the consensus layer", "coder Ana". */
  layer: string;
  /** Which kind of layer was read: one coder, the consensus layer, or several coders pooled. */
  layerKind: 'coder' | 'consensus' | 'pooled' | 'none';
  /** The coders whose codings were read (one, except when pooled). */
  coders: string[];
  /** Why the default layer is this one (only when the layer was not chosen), e.g. "the consensus layer covers 1 of 3 coded documents". */
  layerReason: string | null;
  /** Set when coders are pooled: a disagreement between coders counts as a co-occurrence. */
  warning: string | null;
  documents: number;
  documentsTotal: number;
  codings: number;
  /** The filters in words, e.g. ["Role = Clinician", "group Archival"]. */
  filters: string[];
  /** Why the result is empty, when it is (e.g. no consensus layer yet); null otherwise. */
  message: string | null;
}

export interface MatrixResult {
  mode: string;
  /** What n, c, Jaccard and P(B|A) count: passages (co-occurrence groups) or, in same-document mode, documents. */
  unit: 'passages' | 'documents';
  /** One sentence saying what the numbers count (layer, mode and unit), for captions and exports. */
  counts: string;
  rollUp: boolean;
  codes: MatrixCode[];
  /** One cell per ordered pair with n > 0; the diagonal carries n(A). Ids are code ids. */
  cells: CooccurrenceCell[];
  scope: Scope;
}

/** One quote behind a number or a query result, with where it is and who coded it. */
export interface IntersectionQuote {
  documentId: DocumentId;
  document: string;
  participant: string | null;
  start: number;
  end: number;
  /** The document's text from start to end. */
  text: string;
  /** Context before and after the quote (up to the requested number of characters). */
  before: string;
  after: string;
  /** Labels (or names) of the codes in the quote's codings. */
  codes: string[];
  codeIds: CodeId[];
  coders: string[];
  codingIds: number[];
  /** When the quote is spoken in the recording (its turn's start, ms), when the transcript is timed. */
  timeMs?: number | null;
}

export interface EvidenceResult {
  a: CodeId;
  b: CodeId;
  quotes: IntersectionQuote[];
  scope: Scope;
}

export interface AttributeRow {
  codeId: CodeId;
  label: string;
  name: string;
  depth: number;
  /** Per attribute value (same order as `values`): participants with a coding of the code. */
  participants: number[];
  /** Per attribute value: codings of the code. */
  codings: number[];
}

export interface AttributeMatrix {
  attribute: string;
  /** The attribute's values in natural order; "(no value)" last when some participants lack one. */
  values: string[];
  /** Participants in scope per value (the denominators). */
  participantsPerValue: number[];
  rows: AttributeRow[];
  scope: Scope;
}

export interface SaturationPoint {
  /** Position in interview order among the coded transcripts (1-based). */
  interview: number;
  documentId: DocumentId;
  document: string;
  participant: string | null;
  /** The ordering value (the date attribute's value), or null in import order or without a value. */
  date: string | null;
  codings: number;
  /** Codes applied here for the first time (in interview order). */
  newCodes: { id: CodeId; label: string; name: string }[];
  /** Of those, how many count as new information (all, unless a final codebook is re-applied). */
  newInformation: number;
  /** Distinct codes seen in this document and those before it. */
  cumulative: number;
}

/** One run of Guest, Namey & Chen's assessment. */
export interface SaturationRunResult {
  /** First and last interview of the run (positions among the coded transcripts, 1-based). */
  from: number;
  to: number;
  documents: string[];
  newCodes: number;
  /** newCodes / the base's distinct codes; null when the base holds no codes. */
  newInformation: number | null;
}

/** Guest, Namey & Chen (2020, PLoS ONE 15(5): e0232076): base size, run length, new-information threshold. */
export interface SaturationAssessment {
  method: string;
  base: number;
  run: number;
  threshold: number;
  /** Final-codebook mode: codes created on or after this date count as new; null in codebook development. */
  newCodesFrom: string | null;
  /** Distinct codes in the base interviews; null when there are fewer coded transcripts than the base. */
  baseCodes: number | null;
  runs: SaturationRunResult[];
  reached: boolean;
  /** The interview at which saturation was reached (its position), or null with `reason`. */
  reachedAt: number | null;
  reachedAtDocument: string | null;
  confirmedBy: { from: number; to: number } | null;
  /** Why saturation was not reached or cannot be assessed; null when reached. */
  reason: string | null;
}

export interface SaturationCurve {
  orderBy: string | null;
  /** The order in words, e.g. "in import order" or "ordered by Interview date". */
  order: string;
  /** Transcripts coded in the layer, in interview order; uncoded transcripts are never points. */
  points: SaturationPoint[];
  /** Transcripts in scope with no codings in the layer, left out of the curve and the assessment. */
  uncoded: { documentId: DocumentId; document: string; participant: string | null }[];
  /** Distinct codes overall. */
  totalCodes: number;
  assessment: SaturationAssessment;
  /** The result in sentences for the methods text and COREQ item 22. */
  summary: string;
  scope: Scope;
}

export interface QueryResult {
  query: string;
  quotes: IntersectionQuote[];
  scope: Scope;
}

export interface SavedQuery {
  id: SavedQueryId;
  name: string;
  query: string;
  filters: Filters & { includeDescendants: boolean };
  createdAt: string;
  updatedAt: string;
}

export interface ExportedTable {
  fileName: string;
  mimeType: string;
  dataBase64: string;
}

/** Output types of this namespace, one per channel. */
export interface IntersectionsOutputs {
  'intersections:matrix': MatrixResult;
  'intersections:evidence': EvidenceResult;
  'intersections:attributes': AttributeMatrix;
  'intersections:saturation': SaturationCurve;
  'intersections:definitions': Record<string, string>;
  'intersections:exportTable': ExportedTable;
  'queries:run': QueryResult;
  'queries:list': SavedQuery[];
  'queries:save': SavedQuery;
  'queries:delete': null;
  'queries:rerun': QueryResult;
  'queries:codeResults': { code: { id: CodeId; label: string; name: string }; codings: number };
}
