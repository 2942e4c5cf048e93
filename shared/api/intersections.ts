// Contract namespace: co-occurrence matrices, code × attribute tables, saturation and code queries.
// Merged into the whole contract by shared/api/contract.ts.
import { z } from 'zod';
import type { Access } from './access';
import type { CooccurrenceCell } from '../stats/cooccurrence';
import type { Brand, CodeId, CoderId, DocumentId, GroupId } from '../model/types';

export type SavedQueryId = Brand<number, 'SavedQueryId'>;

// contract.ts imports this module, so importing its id schemas back would read them before they
// exist (an import cycle); the same one-line schemas are declared here instead.
const id = z.number().int().positive();
const codeId = id as unknown as z.ZodType<CodeId>;
const coderId = id as unknown as z.ZodType<CoderId>;
const documentId = id as unknown as z.ZodType<DocumentId>;
const groupId = id as unknown as z.ZodType<GroupId>;
const empty = z.object({}).strict();
export const savedQueryId = id as unknown as z.ZodType<SavedQueryId>;

/**
 * Whose codings: 'all' pools every coder except the consensus layer, 'consensus' is the consensus
 * layer, a number is one coder's id.
 */
export const layerSchema = z.union([z.enum(['all', 'consensus']), coderId]);
export type Layer = z.infer<typeof layerSchema>;

/** `overlap`, `chars:N` (within N characters), `turn` (same speaker turn) or `document`. */
export const modeSchema = z
  .string()
  .trim()
  .regex(/^(overlap|turn|document|chars:\d{1,9})$/, 'the mode is overlap, chars:N, turn or document');

/** One participant-attribute condition; `!=` also keeps participants without a value. */
export const conditionSchema = z.object({
  attribute: z.string().trim().min(1),
  op: z.enum(['=', '!=']).default('='),
  value: z.string().trim(),
});
export type Condition = z.output<typeof conditionSchema>;

/** Which codings take part: the layer, and documents narrowed by id, group and participant attributes. */
export const filtersSchema = z.object({
  layer: layerSchema.default('all'),
  /** Only these documents (absent: all). */
  documentIds: z.array(documentId).optional(),
  /** Only documents in at least one of these groups. */
  groupIds: z.array(groupId).optional(),
  /** Participant-attribute conditions, AND-ed: objects, or text such as `Role=Clinician` / `Role!=Clinician`. */
  where: z.array(z.union([conditionSchema, z.string().trim().min(1)])).optional(),
});
export type FiltersInput = z.input<typeof filtersSchema>;
export type Filters = z.output<typeof filtersSchema>;

/** File formats of `intersections:exportTable`. */
export const EXPORT_FORMATS = ['csv', 'docx'] as const;

/** Input schemas of this namespace, one per channel. */
export const intersectionsMethods = {
  /**
   * The co-occurrence matrix of every code (or `codeIds`) within one layer. With `rollUp`, a parent
   * code stands for the union of its children (it also counts its descendants' codings).
   */
  'intersections:matrix': filtersSchema.extend({
    mode: modeSchema.default('overlap'),
    rollUp: z.boolean().default(false),
    codeIds: z.array(codeId).optional(),
  }),
  /** The quotes behind one cell: each co-occurrence group of codes a and b (a = b: a's codings). */
  'intersections:evidence': filtersSchema.extend({
    mode: modeSchema.default('overlap'),
    rollUp: z.boolean().default(false),
    a: codeId,
    b: codeId,
    /** Characters of context on each side of a quote. */
    context: z.number().int().min(0).max(2000).default(120),
  }),
  /** Per code, participants and codings for each value of a participant attribute (e.g. codes × Role). */
  'intersections:attributes': filtersSchema.extend({
    attribute: z.string().trim().min(1),
    rollUp: z.boolean().default(false),
  }),
  /**
   * The saturation curve: transcripts in interview order (import order, or a date attribute's value)
   * with the new codes each added and the cumulative number of distinct codes.
   */
  'intersections:saturation': filtersSchema.extend({
    /** Order by this (date) attribute of the documents' participants; absent: import order. */
    orderBy: z.string().trim().min(1).optional(),
  }),
  /** Plain-language definitions of every mode and value, for the UI and exports. */
  'intersections:definitions': empty,
  /** A table the views show, written as CSV or Word by the engine's table writers; bytes in base64. */
  'intersections:exportTable': z.object({
    format: z.enum(EXPORT_FORMATS),
    title: z.string().trim().min(1),
    caption: z.string().optional(),
    columns: z.array(z.string()).min(1),
    rows: z.array(z.array(z.string())),
    notes: z.array(z.string()).optional(),
  }),

  /** Run a code query (`10a AND 30a`, `A NEAR(50) B`, …) over a layer; the results are quotes. */
  'queries:run': filtersSchema.extend({
    query: z.string().min(1),
    /** An operand also stands for its code's descendants. */
    includeDescendants: z.boolean().default(false),
    context: z.number().int().min(0).max(2000).default(120),
  }),
  /** Saved queries, by name. */
  'queries:list': empty,
  /** Save a query under a name (a new one, or `id` to change one); the query must parse. */
  'queries:save': z.object({
    id: savedQueryId.optional(),
    name: z.string().trim().min(1).max(200),
    query: z.string().trim().min(1),
    filters: filtersSchema.extend({ includeDescendants: z.boolean().default(false) }).default({ layer: 'all', includeDescendants: false }),
  }),
  /** Delete a saved query (undoable). */
  'queries:delete': z.object({ id: savedQueryId }),
  /** Run a saved query again with its saved filters. */
  'queries:rerun': z.object({ id: savedQueryId, context: z.number().int().min(0).max(2000).default(120) }),
  /**
   * Create a code and apply it to every result quote of a query as the current coder, in one
   * undoable step.
   */
  'queries:codeResults': filtersSchema.extend({
    query: z.string().min(1),
    includeDescendants: z.boolean().default(false),
    parentId: codeId.nullable().default(null),
    label: z.string().trim().default(''),
    name: z.string().trim().min(1),
    definition: z.string().default(''),
  }),
} as const;

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
  /** n(A): codings of the code in the layer (with roll-up: of its subtree). */
  n: number;
  characters: number;
  documents: number;
  participants: number;
}

/** What the numbers were computed over, in words and counts. */
export interface Scope {
  /** E.g. "all coders pooled (Ana, Ben)", "the consensus layer", "coder Ana". */
  layer: string;
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
  documentId: DocumentId;
  document: string;
  participant: string | null;
  /** The ordering value (the date attribute's value), or null in import order. */
  date: string | null;
  codings: number;
  newCodes: { id: CodeId; label: string; name: string }[];
  /** Distinct codes seen in this document and those before it. */
  cumulative: number;
}

export interface SaturationCurve {
  orderBy: string | null;
  points: SaturationPoint[];
  /** Distinct codes overall. */
  totalCodes: number;
  /** One sentence for the methods text, e.g. "…no new codes in the last 5 of 26 transcripts". */
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
