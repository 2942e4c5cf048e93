// Groups of codings as quotes: the text, its context, the codes and who coded them.
import type { IntersectionQuote } from '../../../../shared/api/intersections';
import type { CodeId, DocumentId } from '../../../../shared/model/types';
import type { Session } from '../../session';
import { listCodes } from '../codebook';
import { label, type LayerCoding, type Loaded } from './scope';
import { interviewStarts, spokenAt } from '../spoken-times';

/** Turns groups of codings into quotes: text, context, codes and coders. */
export function toQuotes(
  s: Session,
  loaded: Loaded,
  segments: { documentId: number; start: number; end: number; codingIds: number[] }[],
  context: number,
): IntersectionQuote[] {
  const docById = new Map(loaded.docs.map((d) => [d.id, d]));
  const codingById = new Map(loaded.codings.map((c) => [c.id, c]));
  const codeById = new Map(listCodes(s).map((c) => [c.id as number, c]));
  const texts = new Map<number, string>();
  const textOf = (id: number): string => {
    let t = texts.get(id);
    if (t === undefined) {
      t = (s.db.prepare('SELECT text FROM documents WHERE id = ?').get(id) as { text: string }).text;
      texts.set(id, t);
    }
    return t;
  };
  const startOf = interviewStarts(s);
  return segments.map((g) => {
    const d = docById.get(g.documentId)!;
    const text = textOf(g.documentId);
    const ids = [...new Set(g.codingIds)].sort((x, y) => x - y);
    const own = ids.map((id) => codingById.get(id)).filter((c): c is LayerCoding => c !== undefined);
    const codeIds = [...new Set(own.map((c) => c.codeId))];
    const coders = [...new Set(own.map((c) => c.coderId))].map((id) => loaded.coderNames.get(id) ?? `coder ${id}`);
    return {
      documentId: g.documentId as DocumentId,
      document: d.name,
      participant: d.participant,
      start: g.start,
      end: g.end,
      timeMs: spokenAt(s, g.documentId, g.start, startOf),
      text: text.slice(g.start, g.end),
      before: text.slice(Math.max(0, g.start - context), g.start),
      after: text.slice(g.end, g.end + context),
      codes: codeIds.map((id) => {
        const c = codeById.get(id);
        return c ? label(c) : `code ${id}`;
      }),
      codeIds: codeIds as CodeId[],
      coders,
      codingIds: ids,
    };
  });
}

