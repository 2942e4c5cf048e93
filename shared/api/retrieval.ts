// Contract namespace: retrieval of coded segments ("show me every passage coded 30a and its
// children, with who said it and their attributes"), as MAXQDA's retrieved segments, NVivo's node
// view and ATLAS.ti's quotation manager answer it. Merged into the whole contract by contract.ts.
import { z } from 'zod';
import { lazySchemas, once } from './lazy-schemas';
import { codeId, coderId, documentId, groupId,  } from '../model/ids';
import type { Access } from './access';
import type { CodeId, CoderId, CodingId, DocumentId,  } from '../model/types';


export const RETRIEVAL_SORTS = ['document', 'code', 'participant'] as const;
export type RetrievalSort = (typeof RETRIEVAL_SORTS)[number];
export const RETRIEVAL_FORMATS = ['docx', 'csv', 'xlsx', 'markdown', 'json'] as const;
export type RetrievalFormat = (typeof RETRIEVAL_FORMATS)[number];

/** What to retrieve; every filter narrows the result (empty lists mean "no filter"). */
export const retrievalQuery = once(() => z.object({
  /** The codes asked for. */
  codeIds: z.array(codeId).min(1, 'choose at least one code'),
  /** Include every descendant of the chosen codes (a parent's passages are its children's too). */
  descendants: z.boolean().default(true),
  /** `coders`: the coders' codings (all, or `coderIds`); `consensus`: the consensus layer only. */
  layer: z.enum(['coders', 'consensus']).default('coders'),
  coderIds: z.array(coderId).default([]),
  documentIds: z.array(documentId).default([]),
  /** Documents in any of these groups. */
  groupIds: z.array(groupId).default([]),
  /** Participant attributes: each condition keeps segments whose participant has one of the values. */
  where: z.array(z.object({ attribute: z.string().trim().min(1), values: z.array(z.string()).min(1) })).default([]),
  sort: z.enum(RETRIEVAL_SORTS).default('document'),
}));
export type RetrievalQuery = z.output<ReturnType<typeof retrievalQuery>>;

/** Input schemas of this namespace, one per channel. */
export const retrievalMethods = lazySchemas({
  /** Every coded segment matching the query, with its code, coder, document, participant, attributes and time. */
  'retrieval:run': () => retrievalQuery(),
  /**
   * The same result as a file: Word (a quote table grouped by code, participant-labelled, as the seed
   * study's Supplemental Table 2), CSV or XLSX (one row per segment with attribute columns), Markdown
   * or JSON. Bytes in base64.
   */
  'retrieval:export': () => retrievalQuery().extend({ format: z.enum(RETRIEVAL_FORMATS) }),
});

/** Who may call each channel of this namespace and what it may see (see ./access.ts). */
export const retrievalAccess = {
  // Every coder's codings across documents: closed to a blind coder until the lead reveals them.
  'retrieval:run': 'unblinded',
  'retrieval:export': 'unblinded',
} as const satisfies Record<keyof typeof retrievalMethods, Access>;

/** One retrieved passage. Offsets are into the document's text, as everywhere in the contract. */
export interface RetrievedSegment {
  codingId: CodingId;
  documentId: DocumentId;
  document: string;
  /** The document's participant ID, or null (archival documents, unlinked transcripts). */
  participant: string | null;
  /** The participant's attribute values by attribute name (only attributes with a value). */
  attributes: Record<string, string>;
  codeId: CodeId;
  /** The code's label, or its name when it has none. */
  codeLabel: string;
  codeName: string;
  coderId: CoderId;
  coder: string;
  start: number;
  end: number;
  text: string;
  /** The time in the recording where the passage starts, in ms (from its turn), or null. */
  timeMs: number | null;
}

export interface RetrievalResult {
  segments: RetrievedSegment[];
  /** The codes searched (the chosen ones and, with descendants, theirs), in codebook order. */
  codes: { id: CodeId; label: string; name: string }[];
  /** Attribute names that occur among the segments' participants, in the project's order. */
  attributes: string[];
  /** Counts: segments, documents and participants in the result. */
  documents: number;
  participants: number;
  /** One sentence saying what was retrieved, for a report or a methods section. */
  summary: string;
}

export interface RetrievalFile {
  fileName: string;
  mimeType: string;
  dataBase64: string;
}

/** Output types of this namespace, one per channel. */
export interface RetrievalOutputs {
  'retrieval:run': RetrievalResult;
  'retrieval:export': RetrievalFile;
}
