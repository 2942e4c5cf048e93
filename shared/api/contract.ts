// The typed contract between the workbench and the engine: one channel per method, named
// `domain:verb`. Inputs are validated with zod at every boundary (IPC, HTTP, CLI); outputs are typed.
// The engine implements `AccordApi`; the desktop preload, the HTTP client and the tests call it.
// The core (projects, documents, codebook, coding, history) lives here; later namespaces each have a
// module of their own beside this one and are merged below.
import { z } from 'zod';
import { joinSchemas, lazySchemas, once } from './lazy-schemas';
import type { ParticipantSource } from '../text/participant-id';
import { codeId, codingId, documentId, groupId, memoId } from '../model/ids';
export { documentId, codeId, coderId, codingId, memoId } from '../model/ids';
import type { Access } from './access';
import { filePath } from './paths';
import { agreementAccess, agreementMethods, type AgreementOutputs } from './agreement';
import { exchangeAccess, exchangeMethods, type ExchangeOutputs } from './exchange';
import { hostAccess, hostMethods, type HostOutputs } from './host';
import { intersectionsAccess, intersectionsMethods, type IntersectionsOutputs } from './intersections';
import { reportsAccess, reportsMethods, themeId, type ReportsOutputs } from './reports';
import { retrievalAccess, retrievalMethods, type RetrievalOutputs } from './retrieval';
import { studyAccess, studyMethods, type StudyOutputs } from './study';
import { teamAccess, teamMethods, type TeamOutputs } from './team';
import type {
  AuditEntry,
  Code,
  Coder,
  Coding,
  DocumentFull,
  DocumentSummary,
  Memo,
  Participant,
  ProjectInfo,
} from '../model/types';

/** Schemas for ids and common values, shared by every namespace. */
export const offset = once(() => z.number().int().min(0));
export const color = once(() => z.string().regex(/^#[0-9a-fA-F]{6}$/, 'a colour is #rrggbb'));
export const documentKind = once(() => z.enum(['transcript', 'archival']));
export const empty = once(() => z.object({}).strict());
export { filePath } from './paths';
const kind = documentKind;

/** Input schemas of the core, one per channel. */
const coreMethods = lazySchemas({
  /** Create a new, empty project file. Refuses to overwrite an existing file. */
  'project:create': () => z.object({ path: filePath }),
  /**
   * Open an existing project file (checked first: an Accord project of this version or older).
   * `readOnly`: for a command that only reads (a report, a search): nothing can be written, so the
   * whole-file integrity check is skipped (damage met while reading is still reported as such).
   */
  'project:open': () => z.object({ path: filePath, readOnly: z.boolean().optional() }),
  /** Close the open project. */
  'project:close': () => empty(),
  /** Counts for the open project, or null when none is open. */
  'project:info': () => empty(),
  /**
   * The project files in the folder a browser-mode or team server was started for (searched two
   * levels deep), as paths relative to it, newest first; empty where no folder confines the page.
   */
  'project:list': () => empty(),
  /** Projects opened recently on this machine, newest first. */
  'project:recent': () => empty(),

  /** All documents, in import order; with `groupId`, only that group's. */
  'documents:list': () => z.object({ groupId: groupId.optional() }).strict(),
  /** One document with its text, speaker turns and pages. */
  'documents:get': () => z.object({ id: documentId }),
  /** The document of that exact name (as listed), or NOT_FOUND. */
  'documents:find': () => z.object({ name: z.string().min(1) }),
  /**
   * Import one file (all-or-nothing). Bytes travel as base64. The renderer imports many files by
   * calling this once per file, which gives progress and cancellation between files.
   */
  'documents:import': () => z.object({
    fileName: z.string().min(1),
    dataBase64: z.string(),
    kind: kind().optional(),
    /** Put the document in this group (created if new). */
    group: z.string().trim().min(1).max(200).optional(),
    /** A file whose normalised text is already in the project: 'skip' it (the default) or 'import' it anyway. */
    duplicates: z.enum(['skip', 'import']).default('skip'),
  }),
  /** The project's import settings: its participant-ID pattern (null: the built-in patterns). */
  'documents:importSettings': () => empty(),
  /**
   * Set the participant-ID pattern used by later imports: a regular expression for one ID (e.g.
   * `CH\d{3}`), or null for the built-in patterns (ID/P/PID/R/S with a number, `Participant 3`,
   * capital-letter codes such as `ABC01`). IDs already in the participants table are always found too.
   */
  'documents:setImportSettings': () => z.object({ idPattern: z.string().max(200).nullable() }).strict(),
  /**
   * Import one file that the engine reads from its own disk by path (desktop and CLI; refused in
   * browser mode, where the engine's disk is not the user's). Same result and rules as
   * `documents:import`, without carrying the bytes through the call.
   */
  'documents:importFile': () => z.object({
    path: z.string().min(1),
    /** The name the document is imported under (default: the file's own name). */
    fileName: z.string().min(1).optional(),
    kind: kind().optional(),
    group: z.string().trim().min(1).max(200).optional(),
    duplicates: z.enum(['skip', 'import']).default('skip'),
  }),
  /** Rename a document; names are unique within a project. */
  'documents:rename': () => z.object({ id: documentId, name: z.string().trim().min(1) }),
  /** Mark a document as a transcript (an interview: counts for saturation, Table 1, COREQ) or archival. */
  'documents:setKind': () => z.object({ id: documentId, kind: kind() }),
  /** Delete a document and its codings (undoable). */
  'documents:delete': () => z.object({ id: documentId }),

  /** The codebook, flat, each code with its parent and order. */
  'codebook:list': () => empty(),
  /** Create a code under `parentId` (null: top level), appended after its siblings. */
  'codebook:create': () => z.object({
    parentId: codeId.nullable(),
    label: z.string().trim().default(''),
    name: z.string().trim().min(1),
    definition: z.string().default(''),
    color: color().optional(),
  }),
  /** Change a code's label, name, definition or colour. */
  'codebook:update': () => z.object({
    id: codeId,
    label: z.string().trim().optional(),
    name: z.string().trim().min(1).optional(),
    definition: z.string().optional(),
    color: color().optional(),
  }),
  /** Re-parent and/or reorder: put `id` under `parentId` at position `index` among its siblings. */
  'codebook:move': () => z.object({ id: codeId, parentId: codeId.nullable(), index: z.number().int().min(0) }),
  /** How much a delete would remove: the code, its descendants, and their codings. */
  'codebook:usage': () => z.object({ id: codeId }),
  /** Delete a code, its descendants and their codings (undoable). */
  'codebook:delete': () => z.object({ id: codeId }),
  /** Import codes from the study's tab-separated "Code Structure" text or from CSV (detected). */
  'codebook:import': () => z.object({ fileName: z.string().min(1), text: z.string() }),
  /** The codebook as CSV (`label,name,definition,parent`). */
  'codebook:exportCsv': () => empty(),

  /** All coders, the consensus layer included. */
  'coders:list': () => empty(),
  /** Add a coder (or return the existing one of that name) and make it the current coder. */
  'coders:select': () => z.object({ name: z.string().trim().min(1).max(80) }),
  /** The current coder of this session, or null before one is chosen. */
  'coders:current': () => empty(),

  /** Codings of one document, every coder's. */
  'codings:list': () => z.object({ documentId }),
  /** Apply one or more codes to [start, end) of a document as the current coder. */
  'codings:apply': () => z.object({
    documentId,
    codeIds: z.array(codeId).min(1),
    start: offset(),
    end: offset(),
  }),
  /** Give one coding another code, keeping its range and coder (undoable, one step). */
  'codings:recode': () => z.object({ id: codingId, codeId }),
  /** Remove one coding (undoable). */
  'codings:remove': () => z.object({ id: codingId }),

  /** Undo the last coding or codebook action. */
  'history:undo': () => empty(),
  /** Redo the last undone action. */
  'history:redo': () => empty(),
  /** What undo and redo would do now. */
  'history:state': () => empty(),
  /** The audit log, newest first. */
  'audit:list': () => z.object({ limit: z.number().int().min(1).max(10000).default(200) }),

  /** Participants with their attributes and documents. */
  'participants:list': () => empty(),

  /**
   * Memos, newest first: every memo, or those of one document, code, coding or theme, of one kind of
   * target, by one author, or matching a full-text `query` (words, "phrases", prefix*) in title or body.
   */
  'memos:list': () => z.object({
    documentId: documentId.optional(),
    codeId: codeId.optional(),
    codingId: codingId.optional(),
    themeId: themeId.optional(),
    target: z.enum(['project', 'document', 'code', 'coding', 'theme']).optional(),
    author: z.string().trim().min(1).optional(),
    query: z.string().trim().max(500).optional(),
  }),
  /**
   * Write a memo. With `id`, that memo's title and body change. Without it, a document, code, coding or
   * theme's memo is created or replaced (one per target), and a project memo (no target) is added.
   */
  'memos:save': () => z.object({
    id: memoId.optional(),
    documentId: documentId.nullable().default(null),
    codeId: codeId.nullable().default(null),
    codingId: codingId.nullable().default(null),
    themeId: themeId.nullable().default(null),
    title: z.string().max(1000).default(''),
    body: z.string().max(1_000_000),
  }),
  /** Delete a memo (undoable). */
  'memos:delete': () => z.object({ id: memoId }),
});

/** Who may call each channel of this namespace and what it may see (see ../api/access.ts). */
const coreAccess = {
  'project:create': 'host',
  'project:open': 'host',
  'project:close': 'host',
  'project:info': 'open',
  'project:list': 'host',
  'project:recent': 'host',
  'documents:list': 'read',
  'documents:get': 'read',
  'documents:find': 'read',
  'documents:import': 'write',
  'documents:importSettings': 'read',
  'documents:setImportSettings': 'write',
  'documents:importFile': 'write',
  'documents:rename': 'write',
  'documents:setKind': 'write',
  'documents:delete': 'write',
  'codebook:list': 'read',
  'codebook:create': 'write',
  'codebook:update': 'write',
  'codebook:move': 'write',
  'codebook:usage': 'read',
  'codebook:delete': 'write',
  'codebook:import': 'write',
  'codebook:exportCsv': 'read',
  'coders:list': 'read',
  'coders:select': 'own',
  'coders:current': 'read',
  'codings:list': 'read',
  'codings:apply': 'own',
  'codings:recode': 'own',
  'codings:remove': 'own',
  'history:undo': 'own',
  'history:redo': 'own',
  'history:state': 'read',
  'audit:list': 'read',
  'participants:list': 'read',
  'memos:list': 'read',
  'memos:save': 'own',
  'memos:delete': 'own',
} as const satisfies Record<keyof typeof coreMethods, Access>;

/** Every channel's input schema, each built the first time it is read (see lazy-schemas.ts). */
export const methods = joinSchemas(
  coreMethods,
  studyMethods,
  agreementMethods,
  intersectionsMethods,
  reportsMethods,
  retrievalMethods,
  exchangeMethods,
  teamMethods,
  hostMethods,
);

export type Method = keyof typeof methods;

/** Every channel's access policy; a channel without one does not type-check. */
export const ACCESS: { readonly [M in Method]: Access } = {
  ...coreAccess,
  ...studyAccess,
  ...agreementAccess,
  ...intersectionsAccess,
  ...reportsAccess,
  ...retrievalAccess,
  ...exchangeAccess,
  ...teamAccess,
  ...hostAccess,
};
export type Input<M extends Method> = z.input<(typeof methods)[M]>;
export type ParsedInput<M extends Method> = z.output<(typeof methods)[M]>;

/** A project file found in the server's folder. */
export interface ProjectFile {
  /** Relative to the folder, as project:open takes it. */
  path: string;
  modified: string;
  bytes: number;
}

export interface HistoryState {
  canUndo: boolean;
  canRedo: boolean;
  undoLabel: string | null;
  redoLabel: string | null;
}

export interface CodeUsage {
  codes: number;
  codings: number;
}

export interface CodebookImportResult {
  format: 'study' | 'csv';
  created: number;
  codes: Code[];
}

export interface ImportSettings {
  /** The project's participant-ID pattern (a regular expression for one ID), or null for the built-in ones. */
  idPattern: string | null;
}

export interface DocumentImportResult {
  document: DocumentSummary;
  turns: number;
  /** The participant ID detected in the file, or null. */
  participant: string | null;
  /** Where that ID was found (`file name`, `header`, `speakers line`, `speaker label`, `first turn`) and the text it was found in. */
  participantFound: { source: ParticipantSource; evidence: string } | null;
  /** Distinct speakers in order of first turn (at most 20). */
  speakers: string[];
  /** Timed pieces (captions, timed paragraphs or rows); 0 for an untimed document. */
  cues: number;
  /** First and last time of a timed transcript, in ms; null when untimed. */
  timeSpan: { startMs: number; endMs: number } | null;
  /** Pages (PDF), else 0. */
  pages: number;
  /** The encoding a text-like file was read in (`utf-8`, `utf-16le`, `utf-16be`, `windows-1252`); null for .docx/.odt/.pdf/.rtf. */
  encoding: string | null;
  /** Problems worth knowing that did not stop the import (bad bytes and their lines, empty PDF pages, ...), each naming the file. */
  warnings: string[];
  /** Why the file was not imported (its text is already in the project), or null when it was. */
  skipped: string | null;
}

/** Output types of the core, one per channel. */
interface CoreOutputs {
  'project:create': ProjectInfo;
  'project:open': ProjectInfo;
  'project:close': null;
  'project:info': ProjectInfo | null;
  'project:list': ProjectFile[];
  'project:recent': string[];
  'documents:list': DocumentSummary[];
  'documents:get': DocumentFull;
  'documents:find': DocumentSummary;
  'documents:import': DocumentImportResult;
  'documents:importSettings': ImportSettings;
  'documents:setImportSettings': ImportSettings;
  'documents:importFile': DocumentImportResult;
  'documents:rename': DocumentSummary;
  'documents:setKind': DocumentSummary;
  'documents:delete': null;
  'codebook:list': Code[];
  'codebook:create': Code;
  'codebook:update': Code;
  'codebook:move': Code[];
  'codebook:usage': CodeUsage;
  'codebook:delete': CodeUsage;
  'codebook:import': CodebookImportResult;
  'codebook:exportCsv': string;
  'coders:list': Coder[];
  'coders:select': Coder;
  'coders:current': Coder | null;
  'codings:list': Coding[];
  'codings:apply': Coding[];
  'codings:recode': Coding;
  'codings:remove': null;
  'history:undo': HistoryState;
  'history:redo': HistoryState;
  'history:state': HistoryState;
  'audit:list': AuditEntry[];
  'participants:list': Participant[];
  'memos:list': Memo[];
  'memos:save': Memo;
  'memos:delete': null;
}

/** Every channel's output type. */
export interface Outputs
  extends CoreOutputs,
    StudyOutputs,
    AgreementOutputs,
    IntersectionsOutputs,
    ReportsOutputs,
    RetrievalOutputs,
    ExchangeOutputs,
    TeamOutputs,
    HostOutputs {}

export type Output<M extends Method> = Outputs[M];

/** The whole API as an object of async functions: what every transport exposes. */
export type AccordApi = { [M in Method]: (input: Input<M>) => Promise<Output<M>> };

export const METHOD_NAMES = Object.keys(methods) as Method[];

export function isMethod(name: string): name is Method {
  return Object.prototype.hasOwnProperty.call(methods, name);
}
