// Domain types shared by the engine, the renderer, the CLI and the tests.
// Offsets are JavaScript string (UTF-16 code unit) offsets, half-open [start, end), against a
// document's immutable text.

/** A branded number: a CodeId cannot be passed where a DocumentId is expected. */
export type Brand<T, B extends string> = T & { readonly __brand: B };

export type DocumentId = Brand<number, 'DocumentId'>;
export type CodeId = Brand<number, 'CodeId'>;
export type CoderId = Brand<number, 'CoderId'>;
export type CodingId = Brand<number, 'CodingId'>;
export type ParticipantId = Brand<number, 'ParticipantId'>;
export type MemoId = Brand<number, 'MemoId'>;
export type GroupId = Brand<number, 'GroupId'>;

export type DocumentKind = 'transcript' | 'archival';
export const DOCUMENT_KINDS: readonly DocumentKind[] = ['transcript', 'archival'];

/** A half-open range [start, end) of UTF-16 code units. */
export interface Span {
  start: number;
  end: number;
}

/** A speaker turn: who speaks, and where in the text. Times are milliseconds when known. */
export interface Turn extends Span {
  speaker: string;
  startMs?: number | null;
  endMs?: number | null;
}

/** A page of a paged source (PDF), so that a quote can cite its page. */
export interface Page extends Span {
  number: number;
}

export interface DocumentSummary {
  id: DocumentId;
  name: string;
  kind: DocumentKind;
  sourceName: string;
  format: string;
  contentHash: string;
  importedAt: string;
  participantId: ParticipantId | null;
  participant: string | null;
  length: number;
  codingCount: number;
  /** Set by documents:list: whether the lead assigned this document to the session's coder. */
  assigned?: boolean;
}

export interface DocumentFull extends DocumentSummary {
  text: string;
  turns: Turn[];
  pages: Page[];
}

export interface Participant {
  id: ParticipantId;
  /** The participant's identifier as the study writes it, e.g. `ID21`. */
  pid: string;
  attributes: Record<string, string>;
  documents: string[];
}

export interface Coder {
  id: CoderId;
  name: string;
  color: string;
  /** The consensus layer is its own coder, so original codings are never overwritten. */
  isConsensus: boolean;
}

export interface Code {
  id: CodeId;
  guid: string;
  parentId: CodeId | null;
  /** Short label such as `10a`; may be empty. */
  label: string;
  name: string;
  definition: string;
  color: string;
  /** Position among siblings, 0-based. */
  order: number;
}

export interface Coding extends Span {
  id: CodingId;
  documentId: DocumentId;
  codeId: CodeId;
  coderId: CoderId;
  /** Snapshot of the coded text, equal to document.text.slice(start, end). */
  text: string;
  createdAt: string;
}

/** What a memo is about: the project as a whole, or one document, code, coding or theme. */
export type MemoTarget = 'project' | 'document' | 'code' | 'coding' | 'theme';

export interface Memo {
  id: MemoId;
  documentId: DocumentId | null;
  codeId: CodeId | null;
  codingId: CodingId | null;
  themeId: Brand<number, 'ThemeId'> | null;
  target: MemoTarget;
  /** What the memo is about in words ("ID21 interview", "30a Adaptation", "Leadership"); '' for the project. */
  subject: string;
  title: string;
  body: string;
  author: string;
  createdAt: string;
  updatedAt: string;
}

export interface AuditEntry {
  id: number;
  at: string;
  actor: string;
  action: string;
  entity: string;
  entityId: number | null;
  before: unknown;
  after: unknown;
}

export interface ProjectInfo {
  path: string;
  name: string;
  documents: number;
  participants: number;
  codes: number;
  codings: number;
  coders: number;
  schemaVersion: number;
}

/** One line of a code list to import (study text form or CSV). `parent` is the parent's label. */
export interface CodeDraft {
  label: string;
  name: string;
  definition: string;
  parent: string | null;
  color?: string;
}
