// Row → domain mappers shared by the services: one place knows the column names.
import type {
  Code,
  CodeId,
  Coder,
  CoderId,
  Coding,
  CodingId,
  DocumentId,
  DocumentKind,
  DocumentSummary,
  Memo,
  MemoId,
  ParticipantId,
} from '../../../shared/model/types';

export interface CodeRow {
  id: number;
  guid: string;
  parent_id: number | null;
  label: string;
  name: string;
  definition: string;
  color: string;
  color_chosen: number;
  ord: number;
}

export const CODE_COLUMNS = 'id, guid, parent_id, label, name, definition, color, color_chosen, ord';

export function toCode(r: CodeRow): Code {
  return {
    id: r.id as CodeId,
    guid: r.guid,
    parentId: r.parent_id as CodeId | null,
    label: r.label,
    name: r.name,
    definition: r.definition,
    color: r.color,
    colorChosen: r.color_chosen === 1,
    order: r.ord,
  };
}

export interface CoderRow {
  id: number;
  name: string;
  color: string;
  is_consensus: number;
}

export function toCoder(r: CoderRow): Coder {
  return { id: r.id as CoderId, name: r.name, color: r.color, isConsensus: r.is_consensus === 1 };
}

export interface CodingRow {
  id: number;
  document_id: number;
  code_id: number;
  coder_id: number;
  start: number;
  end: number;
  text: string;
  created_at: string;
}

export const CODING_COLUMNS = 'id, document_id, code_id, coder_id, start, "end", text, created_at';

export function toCoding(r: CodingRow): Coding {
  return {
    id: r.id as CodingId,
    documentId: r.document_id as DocumentId,
    codeId: r.code_id as CodeId,
    coderId: r.coder_id as CoderId,
    start: r.start,
    end: r.end,
    text: r.text,
    createdAt: r.created_at,
  };
}

export interface DocumentRow {
  id: number;
  name: string;
  kind: string;
  source_name: string;
  format: string;
  content_hash: string;
  imported_at: string;
  participant_id: number | null;
  participant: string | null;
  length: number;
  coding_count: number;
}

/** Select list for DocumentRow (expects `documents d` joined with `participants p`). */
export const DOCUMENT_SELECT = `
  SELECT d.id, d.name, d.kind, d.source_name, d.format, d.content_hash, d.imported_at, d.participant_id,
         p.pid AS participant, d.length,
         (SELECT coalesce(sum(n), 0) FROM coding_counts c WHERE c.document_id = d.id) AS coding_count
  FROM documents d LEFT JOIN participants p ON p.id = d.participant_id`;

export function toDocumentSummary(r: DocumentRow): DocumentSummary {
  return {
    id: r.id as DocumentId,
    name: r.name,
    kind: r.kind as DocumentKind,
    sourceName: r.source_name,
    format: r.format,
    contentHash: r.content_hash,
    importedAt: r.imported_at,
    participantId: r.participant_id as ParticipantId | null,
    participant: r.participant,
    length: r.length,
    codingCount: r.coding_count,
  };
}

export interface MemoRow {
  id: number;
  document_id: number | null;
  code_id: number | null;
  coding_id: number | null;
  title: string;
  body: string;
  author: string;
  created_at: string;
  updated_at: string;
}

export function toMemo(r: MemoRow & { theme_id?: number | null }): Memo {
  return {
    id: r.id as MemoId,
    documentId: r.document_id as DocumentId | null,
    codeId: r.code_id as CodeId | null,
    codingId: r.coding_id as CodingId | null,
    themeId: (r.theme_id ?? null) as Memo['themeId'],
    target: r.document_id !== null ? 'document' : r.code_id !== null ? 'code' : r.coding_id !== null ? 'coding' : (r.theme_id ?? null) !== null ? 'theme' : 'project',
    subject: '',
    title: r.title,
    body: r.body,
    author: r.author,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}
