// Contract namespace: coders' assignments, blind coding, agreement measures and the consensus layer.
// Merged into the whole contract by shared/api/contract.ts.
import { z } from 'zod';
import { lazySchemas, once } from './lazy-schemas';
import { codeId, coderId, documentId } from '../model/ids';
import type { Access } from './access';
import type { Measure, PairMeasure } from '../stats/agreement';
import { columnMeasure, type AgreementColumns } from '../stats/text-agreement';
import type { AgreementTally, SegmentTally } from '../stats/segment-comparison';
import type { Code, CodeId, Coder, CoderId, DocumentId, Span } from '../model/types';

const offset = once(() => z.number().int().min(0));
const empty = once(() => z.object({}).strict());

export const AGREEMENT_UNITS = ['character', 'turn', 'document'] as const;
export type AgreementUnit = (typeof AGREEMENT_UNITS)[number];

/**
 * Who counts where. `design`: a coder counts on the documents assigned to them (where a document has
 * no assignments, on those they applied any code in); elsewhere their values are missing. `all`:
 * every coder counts on every selected document, uncoded text = absent.
 */
export const AGREEMENT_SCOPES = ['design', 'all'] as const;
export type AgreementScope = (typeof AGREEMENT_SCOPES)[number];

export const CONSENSUS_RULES = ['accept', 'union', 'intersection', 'edit', 'reject'] as const;
/** How a disagreement was settled: one coder's version, union, intersection, hand-edited ranges, or "not this code". */
export type ConsensusRule = (typeof CONSENSUS_RULES)[number];

const selection = once(() => ({
  /** Coders to compare; default: every non-consensus coder with codings. */
  coderIds: z.array(coderId).optional(),
  /** Codes to report; default: all. A parent counts its own and its descendants' ranges. */
  codeIds: z.array(codeId).optional(),
  /** Documents whose text is the material; default: all. */
  documentIds: z.array(documentId).optional(),
  unit: z.enum(AGREEMENT_UNITS).default('character'),
  /** Who counts where (default design): see AGREEMENT_SCOPES. */
  scope: z.enum(AGREEMENT_SCOPES).default('design'),
}));

/** Input schemas of this namespace, one per channel. */
export const agreementMethods = lazySchemas({
  /**
   * Agreement per code (rolled up the hierarchy), per document and per coder pair, and overall, on
   * the chosen unit. With `detail: false` only the per-code rows and the overall figures are filled.
   */
  'agreement:report': () => z.object({
    ...selection(),
    detail: z.boolean().default(true),
    /** With `detail`, also each code's per-document rows (default true; codes × documents rows on a large project). */
    codeDocuments: z.boolean().default(true),
  }),
  /**
   * Agreement between the coders (before consensus) and of each coder with the consensus layer
   * (after), each on the codes and documents that have consensus decisions, with how many are settled.
   */
  'agreement:beforeAfter': () => z.object({ ...selection() }),
  /**
   * MAXQDA's intercoder agreement for exactly two coders: per code, code existence and code
   * frequency per document, and segment agreement (two segments of the same code agree when they
   * overlap by at least `overlap` % of the text either coded), with κ in Brennan & Prediger's form
   * and every unmatched segment. Documents count by the scope (both coders must count there).
   */
  'agreement:segments': () => z.object({
    /** The two coders to compare (exactly two). */
    coderIds: z.array(coderId),
    /** Codes to compare, each with its sub-codes, each as applied; default: all. */
    codeIds: z.array(codeId).optional(),
    documentIds: z.array(documentId).optional(),
    scope: z.enum(AGREEMENT_SCOPES).default('design'),
    /** Minimum overlap in percent (above 0, at most 100) for two segments to agree. */
    overlap: z.number().gt(0).max(100).default(90),
    /** At most this many unmatched segments, the first in reading order; `unmatchedTotal` counts them all. */
    limit: z.number().int().min(1).optional(),
  }),
  /**
   * Semantic domains (ATLAS.ti's term): per domain, Krippendorff's cu-α on which of its codes applies,
   * on the text two or more counting coders coded within it, and Cu-α across the domains (each
   * domain one category). Characters as units; coders, documents and scope as in `agreement:report`.
   */
  'agreement:domains': () => z.object({
    coderIds: selection().coderIds,
    documentIds: selection().documentIds,
    scope: selection().scope,
    /**
     * The domains. One code with subcodes: the code itself and each child (with its descendants) are
     * the categories. Several codes: those codes (each with its descendants). A coding counts as its
     * nearest listed code up the hierarchy.
     */
    domains: z
      .array(z.object({ name: z.string().trim().min(1).optional(), codeIds: z.array(codeId).min(1) }))
      .default([]),
    /** Also every top-level code with subcodes (`top-level`), or every code with subcodes (`all`), as a domain. */
    parents: z.enum(['none', 'top-level', 'all']).default('none'),
  }),

  /** The lead, blind mode, assignments and revealed documents. */
  'agreement:settings': () => empty(),
  /** Make a coder the lead (only the lead may hand over; anyone may while no lead is set). */
  'agreement:setLead': () => z.object({ coderId }),
  /** Turn blind mode on or off (lead only). */
  'agreement:setBlind': () => z.object({ blind: z.boolean() }),
  /** Assign (or unassign) documents to coders (lead only). */
  'agreement:assign': () => z.object({
    documentIds: z.array(documentId).min(1),
    coderIds: z.array(coderId).min(1),
    assigned: z.boolean().default(true),
  }),
  /** In blind mode, show (or hide again) every coder's codings on these documents (lead only). */
  'agreement:reveal': () => z.object({ documentIds: z.array(documentId).min(1), revealed: z.boolean().default(true) }),

  /** One code in one document: the regions where coders' ranges lie, agreed or not, side by side. */
  'consensus:regions': () => z.object({ documentId, codeId, coderIds: z.array(coderId).optional() }),
  /**
   * Every disagreement between the coders, in one document or the whole project (optionally one
   * code): each region where the coders' ranges of a code differ, with who coded what and its size.
   */
  'consensus:disagreements': () =>
    z.object({
      documentId: documentId.optional(),
      codeId: codeId.optional(),
      coderIds: z.array(coderId).optional(),
      /** The order of `items`: by document and place (the default), by code label, or largest first. */
      sort: z.enum(['place', 'code', 'size']).default('place'),
      /** Leave settled disagreements out of `items` (they are still counted). */
      openOnly: z.boolean().default(false),
      /** At most this many items, the first in `sort` order; every disagreement is still counted. */
      limit: z.number().int().min(1).optional(),
    }),
  /**
   * Settle one region into the consensus layer: `accept` needs `coderId`, `edit` needs `ranges`
   * (inside the document); `reject` = "not this code". Replaces the consensus codings of this code
   * that overlap the region.
   */
  'consensus:settle': () => z.object({
    documentId,
    codeId,
    start: offset(),
    end: offset(),
    rule: z.enum(CONSENSUS_RULES),
    coderId: coderId.optional(),
    ranges: z.array(z.object({ start: offset(), end: offset() })).optional(),
    rationale: z.string().default(''),
    coderIds: z.array(coderId).optional(),
  }),
  /** Copy every region where all coders agree into the consensus layer (one decision each). */
  'consensus:acceptAgreed': () => z.object({ documentId, codeId, coderIds: z.array(coderId).optional() }),
  /** Recorded decisions, newest first. */
  'consensus:decisions': () => z.object({ documentId: documentId.optional(), codeId: codeId.optional() }),

  /** Import codings from CSV (`document,coder,code,start,end`), all or nothing. */
  'codings:importCsv': () => z.object({ fileName: z.string().min(1), text: z.string() }),
  /** Every coding as CSV, one row each (long format for R or Python). */
  'codings:exportCsv': () => empty(),
});

/** Who may call each channel of this namespace and what it may see (see ../api/access.ts). */
export const agreementAccess = {
  'agreement:report': 'unblinded',
  'agreement:beforeAfter': 'unblinded',
  'agreement:segments': 'unblinded',
  'agreement:domains': 'unblinded',
  'agreement:settings': 'read',
  'agreement:setLead': 'lead',
  'agreement:setBlind': 'lead',
  'agreement:assign': 'lead',
  'agreement:reveal': 'lead',
  'consensus:regions': 'read',
  'consensus:disagreements': 'unblinded',
  'consensus:settle': 'lead',
  'consensus:acceptAgreed': 'lead',
  'consensus:decisions': 'read',
  'codings:importCsv': 'lead',
  'codings:exportCsv': 'unblinded',
} as const satisfies Record<keyof typeof agreementMethods, Access>;

/** All measures for one slice of the data. `alphaU` (|uα) is null unless the unit is the character. */
export interface AgreementMeasures {
  /** Units used (characters, turns or documents; pooled slices count each code's units). */
  units: number;
  /** Mean over coder pairs of their agreement on the units both count on. */
  percentAgreement: Measure;
  /** Share of units on which every coder counting there agrees. */
  percentAllAgree: Measure;
  cohenKappa: Measure;
  /** Cohen's kappa for every pair of coders. */
  pairwiseCohen: PairMeasure[];
  fleissKappa: Measure;
  krippendorffAlpha: Measure;
  alphaU: Measure | null;
}

/** Measures for one pair of coders. */
export interface PairAgreement {
  coderA: string;
  coderB: string;
  units: number;
  percentAgreement: Measure;
  percentAllAgree: Measure;
  cohenKappa: Measure;
  krippendorffAlpha: Measure;
  alphaU: Measure | null;
}

export interface DocumentAgreement extends AgreementMeasures {
  documentId: DocumentId;
  name: string;
}

export interface CodeAgreement extends AgreementMeasures {
  codeId: CodeId;
  parentId: CodeId | null;
  label: string;
  name: string;
  /** `10 Features of the innovation > 10a Adaptation`. */
  path: string;
  depth: number;
  /** True when the code has sub-codes whose ranges are counted with its own. */
  rolledUp: boolean;
  /**
   * Whether a selected coder applied the code (or a sub-code it rolls up) in scope. A code nobody
   * applied agrees trivially (everyone left all of it uncoded: 100 %, and α, κ undefined); it is
   * no evidence of reliability, stays out of the overall figures and is shown as "not applied".
   */
  applied: boolean;
  /**
   * Documents where any counting coder applied the code (no rows without detail), as columns: a
   * large project has codes × documents of these rows (see documentRows for them as objects). The
   * code's pairs are in `byPair`.
   */
  byDocument: DocumentColumns;
  /** Every pair of coders (empty without detail). */
  byPair: PairAgreement[];
}

/** A code's per-document rows as columns: row i is the document at `key[i]` in the report's `documents`. */
export type DocumentColumns = AgreementColumns;

/** A measure of a row of DocumentColumns: a value, or null and why. */
export interface RowMeasure {
  value: number | null;
  reason?: string;
}

/** One row of a code's DocumentColumns as an object (for a view: one code's rows at a time). */
export interface DocumentRow {
  documentId: DocumentId;
  name: string;
  units: number;
  percentAgreement: RowMeasure;
  percentAllAgree: RowMeasure;
  cohenKappa: RowMeasure;
  fleissKappa: RowMeasure;
  krippendorffAlpha: RowMeasure;
  alphaU: RowMeasure | null;
}

/** The code's per-document rows as objects, each naming its document from the report's `documents`. */
export function documentRows(columns: DocumentColumns, documents: AgreementReport['documents']): DocumentRow[] {
  return columns.key.map((d, i) => ({
    documentId: documents[d].id,
    name: documents[d].name,
    units: columns.units[i],
    percentAgreement: columnMeasure(columns.percentAgreement, i),
    percentAllAgree: columnMeasure(columns.percentAllAgree, i),
    cohenKappa: columnMeasure(columns.cohenKappa, i),
    fleissKappa: columnMeasure(columns.fleissKappa, i),
    krippendorffAlpha: columnMeasure(columns.krippendorffAlpha, i),
    alphaU: columns.alphaU ? columnMeasure(columns.alphaU, i) : null,
  }));
}

export interface AgreementReport {
  unit: AgreementUnit;
  scope: AgreementScope;
  /** Scope, unit, coders, documents and units in one sentence for a methods section. */
  sentence: string;
  coders: Pick<Coder, 'id' | 'name'>[];
  /** The documents in the denominator: those where at least two selected coders count. */
  documents: { id: DocumentId; name: string }[];
  codes: CodeAgreement[];
  /**
   * Per document, pooled over the codes as applied (empty without detail). These rows leave
   * `pairwiseCohen` empty: the coder pairs are in `byPair`.
   */
  byDocument: DocumentAgreement[];
  /** Per pair of coders, pooled over the codes as applied (empty without detail). */
  byPair: PairAgreement[];
  overall: AgreementMeasures & { pooling: string };
  /** What was left out and why (e.g. documents without speaker turns). */
  notes: string[];
}

export interface BeforeAfterReport {
  /** Agreement among the coders, on the codes and documents with consensus decisions. */
  before: AgreementReport;
  /** Each coder compared with the consensus layer on the same codes and documents. */
  after: { coder: string; report: AgreementReport }[];
  consensusCoder: Pick<Coder, 'id' | 'name'> | null;
  /** Per code with decisions: its documents with decisions, its disagreements there and how many are settled. */
  settled: { codeId: CodeId; documents: number; disagreements: number; settled: number }[];
}

/** One code's row of the segment comparison (codes as applied, no roll-up). */
export interface SegmentComparisonCode {
  codeId: CodeId;
  label: string;
  name: string;
  path: string;
  /** Documents where both coders applied the code (agree) or only one did (disagree). */
  existence: AgreementTally;
  /** Documents where either applied it: the same number of segments (agree) or not. */
  frequency: AgreementTally;
  /** Segments of both coders, each counted once: with a match in the other coder's (agree) or not. */
  segments: SegmentTally;
}

/** A coded segment the other coder has no segment of the same code matching. */
export interface UnmatchedSegmentRow {
  documentId: DocumentId;
  document: string;
  codeId: CodeId;
  /** The code's label, or its name when it has none. */
  code: string;
  codingId: number;
  coder: string;
  start: number;
  end: number;
  /** The coded text, cut to about 160 characters. */
  text: string;
  /** The other coder's segment of the code overlapping it most, else the nearest; null when they have none here. */
  other: { codingId: number; start: number; end: number; text: string } | null;
  /** Overlap with `other`: characters coded by both over characters coded by either (0–1). */
  overlap: number;
}

export interface SegmentComparisonReport {
  scope: AgreementScope;
  /** Coders, documents, threshold, scope and chance model in one sentence for a methods section. */
  sentence: string;
  coders: [Pick<Coder, 'id' | 'name'>, Pick<Coder, 'id' | 'name'>];
  /** The documents compared: those where both coders count. */
  documents: { id: DocumentId; name: string }[];
  /** Minimum overlap in percent for two segments to agree. */
  overlapThreshold: number;
  /** k, the codes in the table (applied by either coder in the documents compared), and P_c = 1/k. */
  chance: { codes: number; pc: number | null };
  codes: SegmentComparisonCode[];
  total: { existence: AgreementTally; frequency: AgreementTally; segments: SegmentTally };
  /** Per document compared, over the codes either coder applied there: existence and frequency count codes, segments count segments. */
  byDocument: { documentId: DocumentId; name: string; existence: AgreementTally; frequency: AgreementTally; segments: AgreementTally }[];
  /** The unmatched segments in reading order (document, then place), at most the `limit` asked for. */
  unmatched: UnmatchedSegmentRow[];
  /** Every unmatched segment, listed or not. */
  unmatchedTotal: number;
  notes: string[];
}

export interface DocumentAssignment {
  documentId: DocumentId;
  coderId: CoderId;
}

export interface AgreementSettings {
  lead: Coder | null;
  blind: boolean;
  /** True when the session's coder is the lead (or no coder is chosen and there is no lead yet). */
  isLead: boolean;
  assignments: DocumentAssignment[];
  revealedDocumentIds: DocumentId[];
  consensusCoder: Coder | null;
}

/** A coder's ranges inside a region. */
export interface CoderRanges {
  coderId: CoderId;
  name: string;
  ranges: Span[];
}

export interface ConsensusDecision {
  id: number;
  documentId: DocumentId;
  codeId: CodeId;
  start: number;
  end: number;
  rule: ConsensusRule;
  acceptedCoderId: CoderId | null;
  rationale: string;
  author: string;
  decidedAt: string;
  /** Every coder's ranges in the region, and the consensus ranges there, before the decision. */
  before: { coders: CoderRanges[]; consensus: Span[] };
  /** The consensus ranges in the region after the decision. */
  after: Span[];
}

/** A connected stretch of text where at least one coder applied the code. */
export interface ConsensusRegion extends Span {
  index: number;
  /** True when every coder's ranges in the region are identical. */
  agreed: boolean;
  coders: CoderRanges[];
  consensus: Span[];
  /** The latest decision on exactly this region, if any. */
  decision: ConsensusDecision | null;
}

export interface ConsensusRegions {
  documentId: DocumentId;
  code: Code;
  coders: Pick<Coder, 'id' | 'name' | 'color'>[];
  regions: ConsensusRegion[];
  /** Regions where coders differ / of those, settled. */
  disagreements: number;
  settled: number;
}

/** One region where the coders' ranges of a code differ. */
export interface Disagreement {
  documentId: DocumentId;
  document: string;
  codeId: CodeId;
  /** The code's label, or its name when it has none. */
  code: string;
  start: number;
  end: number;
  /** Characters in the region where not every coder agrees (the region minus what all coded). */
  size: number;
  /** Each compared coder's ranges in the region (empty: that coder did not apply the code here). */
  coders: CoderRanges[];
  /** `missing`: some coder did not apply the code here at all; `boundaries`: all did, with different ranges. */
  kind: 'missing' | 'boundaries';
  /** The latest consensus decision on exactly this region, if any. */
  settled: boolean;
}

export interface DisagreementList {
  /** The disagreements asked for (open only, if asked), in the order asked, at most `limit` of them. */
  items: Disagreement[];
  /** Every disagreement found, settled or not (`items` may hold fewer). */
  total: number;
  /** Documents and code × document pairs that were compared (at least two coders coded the document). */
  documents: number;
  pairs: number;
  settled: number;
}

export interface CodingsImportResult {
  imported: number;
  /** Rows that repeat an existing coding (same document, code, coder, range). */
  duplicates: number;
  codersCreated: string[];
}

/** Output types of this namespace, one per channel. */
export interface AgreementOutputs {
  'consensus:disagreements': DisagreementList;
  'agreement:report': AgreementReport;
  'agreement:beforeAfter': BeforeAfterReport;
  'agreement:segments': SegmentComparisonReport;
  'agreement:domains': DomainsReport;
  'agreement:settings': AgreementSettings;
  'agreement:setLead': AgreementSettings;
  'agreement:setBlind': AgreementSettings;
  'agreement:assign': AgreementSettings;
  'agreement:reveal': AgreementSettings;
  'consensus:regions': ConsensusRegions;
  'consensus:settle': ConsensusDecision;
  'consensus:acceptAgreed': ConsensusDecision[];
  'consensus:decisions': ConsensusDecision[];
  'codings:importCsv': CodingsImportResult;
  'codings:exportCsv': string;
}

/** A category of a semantic domain: one code (its codings and those of its descendants not listed themselves). */
export interface DomainCode {
  codeId: CodeId;
  label: string;
  name: string;
  path: string;
}

/** Text where one coder applied two or more codes of one domain (or codes of two domains, for Cu-α). */
export interface DomainOverlap {
  document: string;
  coder: string;
  start: number;
  end: number;
  /** The codes (or domains) that overlap there. */
  codes: string[];
}

/** Overlapping codes within a domain: counted as uncoded for that coder there, and listed (the first 20). */
export interface DomainOverlaps {
  count: number;
  characters: number;
  spans: DomainOverlap[];
}

export interface DomainAgreement {
  name: string;
  /** The code the domain was given as (a parent with its subcodes), else null (a list of codes). */
  parentId: CodeId | null;
  codes: DomainCode[];
  /** cu-α: agreement on which code of the domain applies, where two or more counting coders coded within it. */
  cuAlpha: Measure;
  /** Characters cu-α compares (coded within the domain by two or more coders counting there). */
  units: number;
  overlaps: DomainOverlaps;
}

/** cu-α per semantic domain and Cu-α across them (see shared/stats/semantic-domain.ts). */
export interface DomainsReport {
  unit: 'character';
  scope: AgreementScope;
  /** The agreement report's scope sentence for the same coders and documents. */
  sentence: string;
  /** What cu-α and Cu-α compare here, in one sentence for a methods section. */
  domainSentence: string;
  coders: { id: CoderId; name: string }[];
  documents: { id: DocumentId; name: string }[];
  domains: DomainAgreement[];
  /**
   * Cu-α: agreement on which domain applies, each domain one category, across the domains above; a
   * domain that lies inside another (a sub-code's domain inside its parent's) is left out of it.
   */
  globalCuAlpha: Measure;
  /** Characters Cu-α compares. */
  globalUnits: number;
  /** Codes of different domains one coder applied to the same text (uncoded for that coder in Cu-α). */
  globalOverlaps: DomainOverlaps;
  notes: string[];
}
