// Full-text search and "code all hits". FTS5 finds the matching documents (streamed in id order, so
// the first hits arrive without ranking every match); the hits' offsets are then found in JS over
// each matched document's text with the same tokenisation (shared/search/query.ts).
import { AccordError } from '../../../shared/errors';
import type { AutocodeResult, AutocodeUnit, SearchHit, SearchResult } from '../../../shared/api/study';
import type { DocumentId, Span, Turn } from '../../../shared/model/types';
import { findHits, ftsExpression, parseQuery, type ParsedQuery } from '../../../shared/search/query';
import { hitContext, passageFinder } from '../../../shared/search/units';
import { cached, nowIso } from '../db/changes';
import type { Session } from '../session';
import { getCode } from './codebook';
import { getGroup } from './groups';

const CONTEXT = 80;

/**
 * `text.slice(start, end)` as a string of its own. V8 makes a slice of 13 or more characters a view
 * that keeps the whole text alive, so a list of hits would hold every matching document's text in
 * memory until it is dropped (250 MB for every hit of a common phrase in 2,000 long transcripts).
 */
function own(text: string, start: number, end: number): string {
  return end - start < 13 ? text.slice(start, end) : (' ' + text.slice(start, end)).slice(1);
}

/** Up to CONTEXT characters either side of a hit, kept inside its paragraph and cut at a space. */
function contextOf(text: string, start: number, end: number): { before: string; after: string } {
  const { from, to } = hitContext(text, start, end, CONTEXT);
  return { before: own(text, from, start), after: own(text, end, to) };
}

/**
 * Matching documents in id order, each with its text, read lazily. `ascii`: every character of the
 * text is ASCII, known without reading it (SQLite's octet_length, its UTF-8 size, equals its stored
 * length in UTF-16 units only then), so finding the hits skips its own check.
 */
function* matchingDocuments(s: Session, q: ParsedQuery, groupId?: number): Generator<{ id: number; name: string; text: string; ascii: boolean }> {
  if (groupId !== undefined) getGroup(s, groupId);
  const sql =
    groupId === undefined
      ? 'SELECT rowid AS id FROM documents_fts WHERE documents_fts MATCH ? ORDER BY rowid'
      : 'SELECT rowid AS id FROM documents_fts WHERE documents_fts MATCH ? AND rowid IN (SELECT document_id FROM document_groups WHERE group_id = ?) ORDER BY rowid';
  const args = groupId === undefined ? [ftsExpression(q)] : [ftsExpression(q), groupId];
  const read = cached(s.db, 'SELECT name, text, octet_length(text) = length AS ascii FROM documents WHERE id = ?');
  let rows: IterableIterator<unknown>;
  try {
    rows = cached(s.db, sql).iterate(...args);
  } catch (err) {
    throw new AccordError('INVALID_INPUT', `the search could not be run: ${(err as Error).message}`);
  }
  for (const r of rows as IterableIterator<{ id: number }>) {
    const d = read.get(r.id) as { name: string; text: string; ascii: number } | undefined;
    if (d) yield { id: r.id, name: d.name, text: d.text, ascii: d.ascii === 1 };
  }
}

/**
 * Hits of `query` in document order, at most `limit`; `truncated` when there were more. Hits are found
 * only in the documents the index matched, so an AND query's hits are its terms within documents that
 * hold all of them. When the page stops early, the matching documents are counted by the index
 * (FTS5's count, no text read) rather than by reading the rest.
 */
export function runSearch(s: Session, query: string, limit: number, groupId?: number): SearchResult {
  const q = parseQuery(query);
  const hits: SearchHit[] = [];
  let documents = 0;
  for (const doc of matchingDocuments(s, q, groupId)) {
    documents++;
    for (const h of findHits(doc.text, q, doc.ascii)) {
      if (hits.length === limit) return { hits, truncated: true, documents: countMatching(s, q, groupId) };
      hits.push({
        documentId: doc.id as DocumentId,
        document: doc.name,
        start: h.start,
        end: h.end,
        text: own(doc.text, h.start, h.end),
        context: contextOf(doc.text, h.start, h.end),
      });
    }
  }
  return { hits, truncated: false, documents };
}

/** How many documents match, from the full-text index alone. */
function countMatching(s: Session, q: ParsedQuery, groupId?: number): number {
  const sql =
    groupId === undefined
      ? 'SELECT count(*) AS n FROM documents_fts WHERE documents_fts MATCH ?'
      : 'SELECT count(*) AS n FROM documents_fts WHERE documents_fts MATCH ? AND rowid IN (SELECT document_id FROM document_groups WHERE group_id = ?)';
  const args = groupId === undefined ? [ftsExpression(q)] : [ftsExpression(q), groupId];
  return (cached(s.db, sql).get(...args) as { n: number }).n;
}

/**
 * Applies `codeId` as the current coder to every hit (or its sentence, or its speaker turn), all in
 * one undoable step. Several hits in one passage give one coding; passages this coder already coded
 * with this code are left as they are.
 */
export function autocode(s: Session, query: string, codeId: number, unit: AutocodeUnit, groupId?: number): AutocodeResult {
  const coder = s.requireCoder();
  const code = getCode(s, codeId);
  const q = parseQuery(query);
  const turnsOf = cached(s.db, 'SELECT speaker, start, "end" FROM turns WHERE document_id = ? ORDER BY ord');
  const planned: { documentId: number; span: Span; text: string }[] = [];
  let hitCount = 0;
  for (const doc of matchingDocuments(s, q, groupId)) {
    const hits = findHits(doc.text, q, doc.ascii);
    hitCount += hits.length;
    const turns = unit === 'hit' ? [] : (turnsOf.all(doc.id) as Turn[]);
    const seen = new Set<string>();
    const passageOf = passageFinder(doc.text, unit, turns);
    for (const h of hits) {
      const span = passageOf(h);
      const key = `${span.start}:${span.end}`;
      if (seen.has(key) || span.end <= span.start) continue;
      seen.add(key);
      planned.push({ documentId: doc.id, span, text: doc.text.slice(span.start, span.end) });
    }
  }
  if (planned.length === 0) return { hits: hitCount, passages: 0, created: 0 };
  const exists = cached(s.db, 'SELECT 1 FROM codings WHERE document_id = ? AND code_id = ? AND coder_id = ? AND start = ? AND "end" = ?');
  const label = `code ${planned.length} search hit${planned.length === 1 ? '' : 's'} of "${query}" with ${code.label || code.name}`;
  const created = s.change('coding.autocode', label, (c) => {
    let n = 0;
    const at = nowIso();
    for (const p of planned) {
      if (exists.get(p.documentId, code.id, coder.id, p.span.start, p.span.end)) continue;
      c.insert('codings', { document_id: p.documentId, code_id: code.id, coder_id: coder.id, start: p.span.start, end: p.span.end, text: p.text, created_at: at });
      n++;
    }
    return n;
  });
  return { hits: hitCount, passages: planned.length, created };
}
