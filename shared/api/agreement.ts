// Contract namespace: coders' assignments, blind coding, agreement measures and the consensus layer.
// Merged into the whole contract by shared/api/contract.ts.
import { z } from 'zod';
import { codeId, coderId, documentId,  } from '../model/ids';
import type { Access } from './access';
import type { Measure, PairMeasure } from '../stats/agreement';
import type { Code, CodeId, Coder, CoderId, DocumentId, Span } from '../model/types';

const offset = z.number().int().min(0);
const empty = z.object({}).strict();

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

const selection = {
  /** Coders to compare; default: every non-consensus coder with codings. */
  coderIds: z.array(coderId).optional(),
  /** Codes to report; default: all. A parent counts its own and its descendants' ranges. */
  codeIds: z.array(codeId).optional(),
  /** Documents whose text is the material; default: all. */
  documentIds: z.array(documentId).optional(),
  unit: z.enum(AGREEMENT_UNITS).default('character'),
  /** Who counts where (default design): see AGREEMENT_SCOPES. */
  scope: z.enum(AGREEMENT_SCOPES).default('design'),
};

/** Input schemas of this namespace, one per channel. */
export const agreementMethods = {
  /**
   * Agreement per code (rolled up the hierarchy), per document and per coder pair, and overall, on
   * the chosen unit. With `detail: false` only the per-code rows and the overall figures are filled.
   */
  'agreement:report': z.object({
    ...selection,
    detail: z.boolean().default(true),
    /** With `detail`, also each code's per-document rows (default true; codes × documents rows on a large project). */
    codeDocuments: z.boolean().default(true),
  }),
  /**
   * Agreement between the coders (before consensus) and of each coder with the consensus layer
   * (after), each on the codes and documents that have consensus decisions, with how many are settled.
   */
  'agreement:beforeAfter': z.object({ ...selection }),

  /** The lead, blind mode, assignments and revealed documents. */
  'agreement:settings': empty,
  /** Make a coder the lead (only the lead may hand over; anyone may while no lead is set). */
  'agreement:setLead': z.object({ coderId }),
  /** Turn blind mode on or off (lead only). */
  'agreement:setBlind': z.object({ blind: z.boolean() }),
  /** Assign (or unassign) documents to coders (lead only). */
  'agreement:assign': z.object({
    documentIds: z.array(documentId).min(1),
    coderIds: z.array(coderId).min(1),
    assigned: z.boolean().default(true),
  }),
  /** In blind mode, show (or hide again) every coder's codings on these documents (lead only). */
  'agreement:reveal': z.object({ documentIds: z.array(documentId).min(1), revealed: z.boolean().default(true) }),

  /** One code in one document: the regions where coders' ranges lie, agreed or not, side by side. */
  'consensus:regions': z.object({ documentId, codeId, coderIds: z.array(coderId).optional() }),
  /**
   * Every disagreement between the coders, in one document or the whole project (optionally one
   * code): each region where the coders' ranges of a code differ, with who coded what and its size.
   */
  'consensus:disagreements': z.object({ documentId: documentId.optional(), codeId: codeId.optional(), coderIds: z.array(coderId).optional() }),
  /**
   * Settle one region into the consensus layer: `accept` needs `coderId`, `edit` needs `ranges`
   * (inside the document); `reject` = "not this code". Replaces the consensus codings of this code
   * that overlap the region.
   */
  'consensus:settle': z.object({
    documentId,
    codeId,
    start: offset,
    end: offset,
    rule: z.enum(CONSENSUS_RULES),
    coderId: coderId.optional(),
    ranges: z.array(z.object({ start: offset, end: offset })).optional(),
    rationale: z.string().default(''),
    coderIds: z.array(coderId).optional(),
  }),
  /** Copy every region where all coders agree into the consensus layer (one decision each). */
  'consensus:acceptAgreed': z.object({ documentId, codeId, coderIds: z.array(coderId).optional() }),
  /** Recorded decisions, newest first. */
  'consensus:decisions': z.object({ documentId: documentId.optional(), codeId: codeId.optional() }),

  /** Import codings from CSV (`document,coder,code,start,end`), all or nothing. */
  'codings:importCsv': z.object({ fileName: z.string().min(1), text: z.string() }),
  /** Every coding as CSV, one row each (long format for R or Python). */
  'codings:exportCsv': empty,
} as const;

/** Who may call each channel of this namespace and what it may see (see ../api/access.ts). */
export const agreementAccess = {
  'agreement:report': 'unblinded',
  'agreement:beforeAfter': 'unblinded',
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
   * Documents where any counting coder applied the code (empty without detail). These rows leave
   * `pairwiseCohen` empty (codes × documents of them on a large project): the code's pairs are in `byPair`.
   */
  byDocument: DocumentAgreement[];
  /** Every pair of coders (empty without detail). */
  byPair: PairAgreement[];
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
  /** Per document, pooled over the codes as applied (empty without detail). */
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
  items: Disagreement[];
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
