// Contract namespace: themes, the paper's tables, COREQ answers and the methods appendix.
// Merged into the whole contract by shared/api/contract.ts.
import { z } from 'zod';
import { lazySchemas, once } from './lazy-schemas';
import { codeId, coderId, codingId, quoteId, themeId } from '../model/ids';
export { themeId, quoteId } from '../model/ids';
import type { Access } from './access';
import type { CodeId, CoderId, CodingId, DocumentId } from '../model/types';
import type { QuoteBalance } from '../reports/quote-balance';
import type { ReportTable } from '../reports/table';

import type { ThemeId } from '../model/types';
export type { ThemeId };
import type { QuoteId } from '../model/types';
export type { QuoteId };

const empty = once(() => z.object({}).strict());

/** The tables `reports:table` and `accord export --table` can build. */
export const REPORT_TABLES = ['participants', 'themes', 'codebook', 'quotes', 'agreement', 'coreq', 'methods'] as const;
export type ReportTableKind = (typeof REPORT_TABLES)[number];
/** File formats of an export; `markdown` is the `.md` file. */
export const REPORT_FORMATS = ['docx', 'markdown', 'csv', 'html'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

const attributes = once(() => z.array(z.string().trim().min(1)).optional());

/** Input schemas of this namespace, one per channel. */
export const reportsMethods = lazySchemas({
  /**
   * Themes in order, each with its subthemes, linked codes, quotes, support counts and quote balance.
   * `layer` chooses whose codings support counts read: 'default' (the consensus layer where it covers
   * every coded document, else every coder's), 'coders' (every coder, not the consensus layer),
   * 'consensus', or a coder's id.
   */
  'themes:list': () => z.object({ layer: z.union([z.enum(['default', 'coders', 'consensus']), coderId]).default('default') }).strict(),
  /** Create a theme (`parentId` null) or a subtheme of a theme, appended after its siblings. */
  'themes:create': () => z.object({
    parentId: themeId.nullable().default(null),
    name: z.string().trim().min(1),
    summary: z.string().default(''),
  }),
  /** Rename a theme or subtheme, or change its summary. */
  'themes:update': () => z.object({ id: themeId, name: z.string().trim().min(1).optional(), summary: z.string().optional() }),
  /** Put a theme at `index` among its siblings. */
  'themes:move': () => z.object({ id: themeId, index: z.number().int().min(0) }),
  /** Delete a theme with its subthemes, code links and quotes (undoable). */
  'themes:delete': () => z.object({ id: themeId }),
  /** Link a code to a theme or subtheme (its descendants count too). */
  'themes:linkCode': () => z.object({ themeId, codeId }),
  /** Remove a code's link to a theme or subtheme. */
  'themes:unlinkCode': () => z.object({ themeId, codeId }),
  /**
   * Codings of the theme's linked codes (and their descendants) to pick quotes from. `coderId`
   * chooses the layer: absent = the default of themes:list (the consensus layer where it covers every
   * coded document, else every coder's own codings); null = every coder, the consensus layer included;
   * an id = that coder only.
   */
  'themes:candidates': () => z.object({ themeId, coderId: coderId.nullable().optional() }),
  /** Add a coding's text as a quote of a theme or subtheme, with an optional lead-in label. */
  'themes:addQuote': () => z.object({ themeId, codingId, leadIn: z.string().trim().default('') }),
  /** Change a quote's lead-in label, or shorten its text (e.g. with "…"). */
  'themes:updateQuote': () => z.object({ id: quoteId, leadIn: z.string().trim().optional(), text: z.string().trim().min(1).optional() }),
  /** Put a quote at `index` among its theme's quotes. */
  'themes:moveQuote': () => z.object({ id: quoteId, index: z.number().int().min(0) }),
  /** Remove a quote (undoable). */
  'themes:removeQuote': () => z.object({ id: quoteId }),

  /** The 32 COREQ items with the author's answers, or the pre-fill from project data where none is saved. */
  'coreq:list': () => empty(),
  /** Save the author's answer and page for one item; both empty returns the item to its pre-fill. */
  'coreq:save': () => z.object({ number: z.number().int().min(1).max(32), answer: z.string(), page: z.string().default('') }),

  /** Participant attributes a participant table can count (category attributes). */
  'reports:attributes': () => empty(),
  /** One of the paper's tables built from the project (methods excepted: see reports:methods). */
  'reports:table': () => z.object({ table: z.enum(REPORT_TABLES).exclude(['methods']), attributes: attributes() }),
  /** The methods appendix: plain sentences from the audit trail, each number with its source. */
  'reports:methods': () => empty(),
  /** A table or the methods appendix as a file (docx, Markdown, CSV or HTML), bytes in base64. */
  'reports:export': () => z.object({ table: z.enum(REPORT_TABLES), format: z.enum(REPORT_FORMATS), attributes: attributes() }),
});

/** Who may call each channel of this namespace and what it may see (see ../api/access.ts). */
export const reportsAccess = {
  'themes:list': 'read',
  'themes:create': 'write',
  'themes:update': 'write',
  'themes:move': 'write',
  'themes:delete': 'write',
  'themes:linkCode': 'write',
  'themes:unlinkCode': 'write',
  'themes:candidates': 'unblinded',
  'themes:addQuote': 'write',
  'themes:updateQuote': 'write',
  'themes:moveQuote': 'write',
  'themes:removeQuote': 'write',
  'coreq:list': 'unblinded',
  'coreq:save': 'write',
  'reports:attributes': 'read',
  'reports:table': 'unblinded',
  'reports:methods': 'unblinded',
  'reports:export': 'unblinded',
} as const satisfies Record<keyof typeof reportsMethods, Access>;

export interface ThemeQuote {
  id: QuoteId;
  themeId: ThemeId;
  /** The coding the quote was taken from; null only for quotes whose coding id was never known. */
  codingId: CodingId | null;
  /** False when the source coding has since been removed; the snapshot text remains. */
  codingExists: boolean;
  text: string;
  /** Participant ID resolved from the coding's document when the quote was picked ('' if none). */
  participant: string;
  document: string;
  leadIn: string;
  order: number;
  /** When the quote is spoken in the document's recording (its turn's start, ms), when the transcript is timed. */
  timeMs?: number | null;
}

export interface ThemeSupport {
  participants: number;
  /** Participants linked to any document of the project. */
  participantsTotal: number;
  /** Participants whose documents the layer has coded at all (the denominator that the layer can support). */
  participantsCoded: number;
  documents: number;
  documentsTotal: number;
  /** Documents the layer has coded at all. */
  documentsCoded: number;
  /** The participant IDs counted, in natural order. */
  participantIds: string[];
}

export interface ThemeNode {
  id: ThemeId;
  parentId: ThemeId | null;
  name: string;
  summary: string;
  order: number;
  codes: { id: CodeId; label: string; name: string }[];
  quotes: ThemeQuote[];
  /** Participants/documents with codings of the linked codes (incl. subthemes' for a theme) or quotes. */
  support: ThemeSupport;
  /** Quotes per participant and the warning when a few supply most (quotes of subthemes included). */
  balance: QuoteBalance;
  subthemes: ThemeNode[];
}

export interface ThemesOverview {
  themes: ThemeNode[];
  /** Which codings support counts are taken from, in words. */
  layer: string;
  /** The consensus layer, every coder's own codings pooled, or one coder. */
  layerKind: 'consensus' | 'coders' | 'coder';
  /** Where the consensus layer covers only some coded documents, that in words (else null). */
  layerNote: string | null;
  /** The quote-balance rule in words. */
  rule: string;
}

export interface QuoteCandidate {
  codingId: CodingId;
  codeId: CodeId;
  code: string;
  documentId: DocumentId;
  document: string;
  participant: string | null;
  coderId: CoderId;
  coder: string;
  start: number;
  end: number;
  text: string;
  /** Already a quote of this theme. */
  quoted: boolean;
}

export interface QuoteCandidates {
  layer: string;
  candidates: QuoteCandidate[];
}

export interface CoreqRow {
  number: number;
  domain: 1 | 2 | 3;
  section: string;
  title: string;
  question: string;
  /** The answer shown: the author's when saved, else the pre-fill, else ''. */
  answer: string;
  page: string;
  /** True when the answer shown is the pre-fill from project data. */
  fromProject: boolean;
  /** The author saved an answer or page for this item. */
  saved: boolean;
  /** What the project would answer, with its evidence (null when it cannot answer). */
  prefill: { answer: string; evidence: string } | null;
  /** The answer shown is a pre-fill the authors must check and complete (items 22 and 23). */
  draft: boolean;
}

export interface ReportAttribute {
  name: string;
  type: string;
  participants: number;
}

export interface MethodsSection {
  heading: string;
  paragraphs: string[];
}

/** The methods appendix: sentences carry `[n]` markers pointing into `sources`. */
export interface MethodsAppendix {
  title: string;
  sections: MethodsSection[];
  sources: string[];
}

export interface ReportFile {
  fileName: string;
  mimeType: string;
  dataBase64: string;
}

/** Output types of this namespace, one per channel. */
export interface ReportsOutputs {
  'themes:list': ThemesOverview;
  'themes:create': ThemeNode;
  'themes:update': ThemeNode;
  'themes:move': ThemesOverview;
  'themes:delete': ThemesOverview;
  'themes:linkCode': ThemeNode;
  'themes:unlinkCode': ThemeNode;
  'themes:candidates': QuoteCandidates;
  'themes:addQuote': ThemeQuote;
  'themes:updateQuote': ThemeQuote;
  'themes:moveQuote': ThemeNode;
  'themes:removeQuote': null;
  'coreq:list': CoreqRow[];
  'coreq:save': CoreqRow;
  'reports:attributes': ReportAttribute[];
  'reports:table': ReportTable;
  'reports:methods': MethodsAppendix;
  'reports:export': ReportFile;
}
