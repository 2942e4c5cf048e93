// Code queries over one layer (`10a AND 30a`, `NEAR(n)`, …): run, save, rerun, and code the results.
import { randomUUID } from 'node:crypto';
import { AccordError } from '../../../../shared/errors';
import type { Filters, QueryResult, SavedQuery, SavedQueryId } from '../../../../shared/api/intersections';
import { paletteColor } from '../../../../shared/model/colors';
import type { CodeId } from '../../../../shared/model/types';
import { codeResolver, evaluateQuery, type QuerySegment } from '../../../../shared/query/evaluate';
import { parseQuery } from '../../../../shared/query/parse';
import { nowIso } from '../../db/changes';
import type { Session } from '../../session';
import { listCodes } from '../codebook';
import { toQuotes } from './quotes';
import { load, type Loaded } from './scope';

/** Evaluate a query over the filtered layer; codes are resolved by label, then name. */
function evaluate(s: Session, loaded: Loaded, query: string, includeDescendants: boolean): QuerySegment[] {
  const codes = listCodes(s);
  return evaluateQuery(query, loaded.codings, codeResolver(codes, { includeDescendants }));
}

/** Run a code query; the results are quotes in document order. */
export function runQuery(s: Session, input: Filters & { query: string; includeDescendants: boolean; context: number }): QueryResult {
  parseQuery(input.query);
  const loaded = load(s, input, true);
  const segments = evaluate(s, loaded, input.query, input.includeDescendants);
  return { query: input.query, quotes: toQuotes(s, loaded, segments, input.context), scope: loaded.scope };
}

interface SavedRow {
  id: number;
  name: string;
  query: string;
  filters: string;
  created_at: string;
  updated_at: string;
}

function toSaved(r: SavedRow): SavedQuery {
  return {
    id: r.id as SavedQueryId,
    name: r.name,
    query: r.query,
    filters: JSON.parse(r.filters) as SavedQuery['filters'],
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export function listSavedQueries(s: Session): SavedQuery[] {
  return (s.db.prepare('SELECT id, name, query, filters, created_at, updated_at FROM saved_queries ORDER BY name COLLATE NOCASE, id').all() as SavedRow[]).map(toSaved);
}

function getSaved(s: Session, id: number): SavedQuery {
  const r = s.db.prepare('SELECT id, name, query, filters, created_at, updated_at FROM saved_queries WHERE id = ?').get(id) as SavedRow | undefined;
  if (!r) throw new AccordError('NOT_FOUND', `no saved query with id ${id}`);
  return toSaved(r);
}

/** Save a query (new, or `id` to replace one). The query must parse; names are unique. */
export function saveQuery(s: Session, input: { id?: number; name: string; query: string; filters: SavedQuery['filters'] }): SavedQuery {
  parseQuery(input.query);
  const clash = s.db.prepare('SELECT id FROM saved_queries WHERE name = ?').get(input.name) as { id: number } | undefined;
  if (clash && clash.id !== input.id) throw new AccordError('INVALID_INPUT', `a saved query is already called "${input.name}"`);
  const filters = JSON.stringify(input.filters);
  const now = nowIso();
  const id = s.change('query.save', `save query ${input.name}`, (c) => {
    if (input.id === undefined) return c.insert('saved_queries', { name: input.name, query: input.query, filters, created_at: now, updated_at: now });
    getSaved(s, input.id);
    c.update('saved_queries', input.id, { name: input.name, query: input.query, filters, updated_at: now });
    return input.id;
  });
  return getSaved(s, id);
}

export function deleteSavedQuery(s: Session, id: number): void {
  const q = getSaved(s, id);
  s.change('query.delete', `delete query ${q.name}`, (c) => c.delete('saved_queries', id));
}

/** Run a saved query again with its saved filters. */
export function rerunQuery(s: Session, id: number, context: number): QueryResult {
  const q = getSaved(s, id);
  return runQuery(s, { ...q.filters, query: q.query, context });
}

/**
 * Create a code and apply it to every result quote of a query as the current coder, all in one
 * recorded, undoable change (one undo removes the code and its codings).
 */
export function codeQueryResults(
  s: Session,
  input: Filters & { query: string; includeDescendants: boolean; parentId: CodeId | null; label: string; name: string; definition: string },
): { code: { id: CodeId; label: string; name: string }; codings: number } {
  const coder = s.requireCoder();
  if (input.parentId !== null && !s.db.prepare('SELECT 1 FROM codes WHERE id = ?').get(input.parentId)) {
    throw new AccordError('NOT_FOUND', `no code with id ${input.parentId}`);
  }
  const loaded = load(s, input, true);
  // Pooled coders can give the same range twice (e.g. `A WITHIN B`); a code holds a range once.
  const seen = new Set<string>();
  const segments = evaluate(s, loaded, input.query, input.includeDescendants).filter((g) => {
    const key = `${g.documentId}:${g.start}:${g.end}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const codeCount = (s.db.prepare('SELECT count(*) AS n FROM codes').get() as { n: number }).n;
  const ord = (s.db.prepare('SELECT coalesce(max(ord) + 1, 0) AS n FROM codes WHERE parent_id IS ?').get(input.parentId) as { n: number }).n;
  const texts = new Map<number, string>();
  const title = `${input.label ? `${input.label} ` : ''}${input.name}`;
  const id = s.change('query.code', `code ${segments.length} results of ${input.query} as ${title}`, (c) => {
    const now = nowIso();
    const codeId = c.insert('codes', {
      guid: randomUUID(),
      parent_id: input.parentId,
      label: input.label,
      name: input.name,
      definition: input.definition,
      color: paletteColor(codeCount),
      ord,
      created_at: now,
    });
    for (const g of segments) {
      let text = texts.get(g.documentId);
      if (text === undefined) {
        text = (s.db.prepare('SELECT text FROM documents WHERE id = ?').get(g.documentId) as { text: string }).text;
        texts.set(g.documentId, text);
      }
      c.insert('codings', {
        document_id: g.documentId,
        code_id: codeId,
        coder_id: coder.id,
        start: g.start,
        end: g.end,
        text: text.slice(g.start, g.end),
        created_at: now,
      });
    }
    return codeId;
  });
  return { code: { id: id as CodeId, label: input.label, name: input.name }, codings: segments.length };
}

