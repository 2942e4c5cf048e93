// Contract namespace: participants, attributes, groups, search, autocode and the demo study (issue: bring in a whole study).
// Merged into the whole contract by shared/api/contract.ts.
import { z } from 'zod';
import { lazySchemas, once } from './lazy-schemas';
import { codeId, documentId, groupId, participantId, positiveId as positive } from '../model/ids';
export { groupId, participantId } from '../model/ids';
import type { Access } from './access';
import { filePath } from './paths';
import type { DocumentId, DocumentSummary, GroupId, Participant, ProjectInfo } from '../model/types';
import type { ReportTable } from '../reports/table';

export const attributeType = once(() => z.enum(['category', 'number', 'date', 'text']));
export type AttributeType = z.infer<ReturnType<typeof attributeType>>;
/** How much of the text around a search hit "code all hits" codes. */
export const autocodeUnit = once(() => z.enum(['hit', 'sentence', 'turn']));
export type AutocodeUnit = z.infer<ReturnType<typeof autocodeUnit>>;
const groupName = once(() => z.string().trim().min(1).max(200));
const query = once(() => z.string().trim().min(1).max(1000));

/** Input schemas of this namespace, one per channel. */
export const studyMethods = lazySchemas({
  /** Attribute definitions (name, type, order). */
  'participants:attributes': () => z.object({}).strict(),
  /**
   * Import a participants table (CSV text): one row per participant, an ID column (`idColumn`, else
   * detected), the other columns attributes whose types are inferred for new attributes. Existing
   * participants are updated; transcripts are linked to participants by the ID in their name.
   */
  'participants:import': () => z.object({ fileName: z.string().min(1), text: z.string(), idColumn: z.string().trim().min(1).optional() }),
  /** Add a participant by ID (or return the existing one). */
  'participants:create': () => z.object({ pid: z.string().trim().min(1).max(100) }),
  /** Set (or, with an empty value, clear) one attribute value of one participant; a new attribute is created. */
  'participants:setValue': () => z.object({ participantId, attribute: z.string().trim().min(1).max(200), value: z.string().max(10000) }),
  /** Rename an attribute or change its type. */
  'participants:updateAttribute': () => z.object({
    id: positive,
    name: z.string().trim().min(1).max(200).optional(),
    type: attributeType().optional(),
  }),
  /** Link a document to a participant by ID (created if new), or unlink it with null. */
  'participants:assign': () => z.object({ documentId, participant: z.string().trim().min(1).max(100).nullable() }),
  /** Participants and their attributes as CSV (`ID,<attribute>...`), the form `participants:import` reads. */
  'participants:exportCsv': () => z.object({}).strict(),
  /**
   * The live participant characteristics table (the study's Table 1): counts per value of each
   * attribute in `attributes` (default: every category attribute, in order).
   */
  'participants:characteristics': () => z.object({ attributes: z.array(z.string()).optional(), percent: z.boolean().default(false) }),
  /**
   * Import open-ended survey responses (CSV text). `textColumn` holds the responses. Each row is a
   * respondent: a participant (ID from `idColumn`, else `<file> #<n>`) carrying the other columns as
   * attributes. `mode` 'documents': one document per response; 'sections': one document with each
   * response as a section (a turn whose speaker is the respondent).
   */
  'survey:import': () => z.object({
    fileName: z.string().min(1),
    text: z.string(),
    textColumn: z.string().trim().min(1),
    idColumn: z.string().trim().min(1).optional(),
    mode: z.enum(['documents', 'sections']).default('documents'),
    group: groupName().optional(),
  }),

  /** Document groups (e.g. archival domains) with their members. */
  'groups:list': () => z.object({}).strict(),
  /** Create a group (names are unique, case-insensitively). */
  'groups:create': () => z.object({ name: groupName() }),
  /** Rename a group. */
  'groups:rename': () => z.object({ id: groupId, name: groupName() }),
  /** Delete a group (its documents stay). */
  'groups:delete': () => z.object({ id: groupId }),
  /** Put documents into a group (`member` true) or take them out (false); one undoable step. */
  'groups:setMembers': () => z.object({ groupId, documentIds: z.array(documentId).min(1), member: z.boolean().default(true) }),

  /**
   * Full-text search over every document (or one group's): words, "exact phrases" and prefix*
   * terms; terms must all occur in a document unless joined by OR. Hits come in document order,
   * at most `limit` of them.
   */
  'search:run': () => z.object({ query: query(), limit: z.number().int().min(1).max(100000).default(500), groupId: groupId.optional() }),
  /**
   * "Code all hits": apply `codeId` as the current coder to every hit of `query`, or to each hit's
   * sentence or speaker turn, in one undoable step.
   */
  'search:autocode': () => z.object({ query: query(), codeId, unit: autocodeUnit().default('hit'), groupId: groupId.optional() }),

  /** Build the demo study if needed (at `path`, else in the state directory) and open it. */
  'project:openDemo': () => z.object({ path: filePath.optional() }),
});

/** Who may call each channel of this namespace and what it may see (see ../api/access.ts). */
export const studyAccess = {
  'participants:attributes': 'read',
  'participants:import': 'write',
  'participants:create': 'write',
  'participants:setValue': 'write',
  'participants:updateAttribute': 'write',
  'participants:assign': 'write',
  'participants:exportCsv': 'read',
  'participants:characteristics': 'read',
  'survey:import': 'write',
  'groups:list': 'read',
  'groups:create': 'write',
  'groups:rename': 'write',
  'groups:delete': 'write',
  'groups:setMembers': 'write',
  'search:run': 'read',
  'search:autocode': 'own',
  'project:openDemo': 'host',
} as const satisfies Record<keyof typeof studyMethods, Access>;

export interface Attribute {
  id: number;
  name: string;
  type: AttributeType;
  order: number;
}

export interface ParticipantsImportResult {
  idColumn: string;
  created: number;
  updated: number;
  attributes: Attribute[];
  /** Names of documents newly linked to a participant. */
  linked: string[];
}

export interface SurveyImportResult {
  documents: DocumentSummary[];
  participants: number;
  warnings: string[];
}

export interface Group {
  id: GroupId;
  name: string;
  order: number;
  documentIds: DocumentId[];
}

export interface SearchHit {
  documentId: DocumentId;
  document: string;
  start: number;
  end: number;
  /** Always the document's text from start to end. */
  text: string;
  /** Up to ~80 characters either side, within the hit's paragraph. */
  context: { before: string; after: string };
}

export interface SearchResult {
  hits: SearchHit[];
  /** True when there were more hits than `limit`. */
  truncated: boolean;
  /**
   * Documents that match the query (every term of an AND query; any term of an OR), counted by the
   * full-text index, also when the hits stop at `limit`.
   */
  documents: number;
}

export interface AutocodeResult {
  /** Hits found. */
  hits: number;
  /** Distinct passages coded (hits in one sentence or turn make one passage). */
  passages: number;
  /** New codings (passages already coded so by this coder are left alone). */
  created: number;
}

/** Output types of this namespace, one per channel. */
export interface StudyOutputs {
  'participants:attributes': Attribute[];
  'participants:import': ParticipantsImportResult;
  'participants:create': Participant;
  'participants:setValue': Participant;
  'participants:updateAttribute': Attribute;
  'participants:assign': DocumentSummary;
  'participants:exportCsv': string;
  'participants:characteristics': ReportTable;
  'survey:import': SurveyImportResult;
  'groups:list': Group[];
  'groups:create': Group;
  'groups:rename': Group;
  'groups:delete': null;
  'groups:setMembers': Group;
  'search:run': SearchResult;
  'search:autocode': AutocodeResult;
  'project:openDemo': ProjectInfo;
}
