// The zod schemas of every branded id (one place for all namespaces of the contract): a positive
// whole number, typed as its brand once validated.
import { z } from 'zod';
import type { CodeId, CoderId, CodingId, DocumentId, GroupId, MemoId, ParticipantId, QuoteId, SavedQueryId, ThemeId } from './types';

/** A row id: a positive whole number. */
export const positiveId = z.number().int().positive();

export const documentId = positiveId as unknown as z.ZodType<DocumentId>;
export const codeId = positiveId as unknown as z.ZodType<CodeId>;
export const coderId = positiveId as unknown as z.ZodType<CoderId>;
export const codingId = positiveId as unknown as z.ZodType<CodingId>;
export const participantId = positiveId as unknown as z.ZodType<ParticipantId>;
export const memoId = positiveId as unknown as z.ZodType<MemoId>;
export const groupId = positiveId as unknown as z.ZodType<GroupId>;
export const savedQueryId = positiveId as unknown as z.ZodType<SavedQueryId>;
export const themeId = positiveId as unknown as z.ZodType<ThemeId>;
export const quoteId = positiveId as unknown as z.ZodType<QuoteId>;
