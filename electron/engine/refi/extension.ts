// Accord's extension file inside a .qdpx (`accord/extension.json`): what REFI-QDA has no place for —
// the consensus layer and its decisions with rationales, themes and their quotes, coder assignments and
// blind mode, COREQ answers, saved queries, display colours, and each document's kind and the structure
// found in it at import (speaker turns, subtitle cues, pages). Other tools ignore the entry; the .qde
// beside it stays schema-valid. Everything refers to the .qde's GUIDs (users, sources, codes, codings);
// offsets are Accord offsets (UTF-16 code units into the normalised text).
import { z } from 'zod';
import { AccordError } from '../../../shared/api/errors';

/** Where the extension lives in the archive. */
export const EXTENSION_ENTRY = 'accord/extension.json';

const guid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
const rgb = z.string().regex(/^#[0-9a-fA-F]{6}$/);
const offset = z.number().int().min(0);
const span = z.object({ start: offset, end: offset });
const ms = z.number().int().min(0);

export const accordExtensionSchema = z.object({
  format: z.literal('accord-extension'),
  version: z.literal(1),
  offsets: z.literal('utf16'),
  /** Users that are the consensus layer, not coders. */
  consensusUsers: z.array(guid).default([]),
  /** Display colours: of every user, and of codes shown in a colour nobody chose (the .qde has none). */
  userColors: z.record(z.string(), rgb).default({}),
  codeColors: z.record(z.string(), rgb).default({}),
  lead: guid.nullable().default(null),
  blind: z.boolean().default(false),
  assignments: z.array(z.object({ source: guid, user: guid, assignedAt: z.string() })).default([]),
  revealed: z.array(z.object({ source: guid, revealedAt: z.string(), revealedBy: z.string() })).default([]),
  decisions: z
    .array(
      z.object({
        source: guid,
        code: guid,
        start: offset,
        end: offset,
        rule: z.enum(['accept', 'union', 'intersection', 'edit', 'reject']),
        acceptedUser: guid.nullable(),
        rationale: z.string(),
        author: z.string(),
        decidedAt: z.string(),
        before: z.object({ coders: z.array(z.object({ user: guid, name: z.string(), ranges: z.array(span) })), consensus: z.array(span) }),
        after: z.array(span),
      }),
    )
    .default([]),
  themes: z
    .array(
      z.object({
        /** Local key, so subthemes can name their parent. */
        key: z.string(),
        parent: z.string().nullable(),
        name: z.string().min(1),
        summary: z.string(),
        order: z.number().int(),
        createdAt: z.string(),
        codes: z.array(guid),
        quotes: z.array(
          z.object({
            coding: guid.nullable(),
            text: z.string(),
            participant: z.string(),
            document: z.string(),
            leadIn: z.string(),
            order: z.number().int(),
            createdAt: z.string(),
          }),
        ),
      }),
    )
    .default([]),
  coreq: z
    .array(z.object({ item: z.number().int().min(1).max(32), answer: z.string(), page: z.string(), author: z.string(), updatedAt: z.string() }))
    .default([]),
  queries: z
    .array(z.object({ name: z.string().min(1), query: z.string().min(1), filters: z.unknown(), createdAt: z.string(), updatedAt: z.string() }))
    .default([]),
  /**
   * Per text source: what the document was imported as and the structure read from its file, which
   * the text alone no longer shows (times of a subtitle file, pages of a PDF). Tuples keep a long
   * transcript's hundreds of turns small: [speaker, start, end, startMs, endMs], [start, end,
   * startMs, endMs], [number, start, end].
   */
  sources: z
    .array(
      z.object({
        source: guid,
        kind: z.enum(['transcript', 'archival']),
        format: z.string().min(1),
        fileName: z.string(),
        durationMs: ms.nullable(),
        turns: z.array(z.tuple([z.string(), offset, offset, ms.nullable(), ms.nullable()])).default([]),
        cues: z.array(z.tuple([offset, offset, ms, ms.nullable()])).default([]),
        pages: z.array(z.tuple([z.number().int().min(1), offset, offset])).default([]),
      }),
    )
    .default([]),
});

export type AccordExtension = z.infer<typeof accordExtensionSchema>;

/** Parse the extension's JSON; a broken one is refused naming the file, like any other bad part. */
export function parseExtension(where: string, text: string): AccordExtension {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new AccordError('BAD_FILE', `${where}: ${EXTENSION_ENTRY} is not valid JSON (${(err as Error).message})`);
  }
  const r = accordExtensionSchema.safeParse(json);
  if (!r.success) {
    const issue = r.error.issues[0];
    throw new AccordError('BAD_FILE', `${where}: ${EXTENSION_ENTRY}: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  return r.data;
}
