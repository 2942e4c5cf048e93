// Themes and subthemes: their order, links to codes, the quotes picked from codings, and how many
// participants and documents support each. Every write goes through session.change (audited, undoable).
import { AccordError } from '../../../shared/errors';
import type {
  QuoteCandidates,
  QuoteId,
  ThemeId,
  ThemeNode,
  ThemeQuote,
  ThemesOverview,
} from '../../../shared/api/reports';
import type { CodeId, CoderId, CodingId, DocumentId } from '../../../shared/model/types';
import { QUOTE_BALANCE_RULE, quoteBalance } from '../../../shared/reports/quote-balance';
import { nowIso, type ChangeSet } from '../db/changes';
import type { Session } from '../session';
import { codingFilter, requireVisibleCoding } from './blind';
import { getCode } from './codebook';
import { codingsPerDocument, coverageOf, coverageSentence, decidedDocuments, listLayerCoders, type Coverage } from './layers';
import { getCoding } from './codings';
import { codingTimes } from './spoken-times';

interface ThemeRow {
  id: number;
  parent_id: number | null;
  name: string;
  summary: string;
  ord: number;
}

interface QuoteRow {
  id: number;
  theme_id: number;
  coding_id: number | null;
  text: string;
  participant: string;
  document: string;
  lead_in: string;
  ord: number;
  coding_exists: number;
}

/** Which codings count: a coder's, or (null) every coder's; with a description for the UI. */
export interface Layer {
  coderId: number | null;
  description: string;
  /** Leave the consensus layer out when pooling (the coders' own readings only). */
  codersOnly?: boolean;
  kind?: ThemeLayerKind;
  /** How far the consensus layer reaches into the coded documents, in words; null when it covers them all or there is none. */
  note?: string | null;
}

export type ThemeLayerKind = 'consensus' | 'coders' | 'coder';

const naturalCompare = (a: string, b: string): number => a.localeCompare(b, undefined, { numeric: true, sensitivity: 'base' });

/** The coders' own layer: every coder's codings, the consensus layer left out. */
function codersLayer(s: Session, note: string | null): Layer {
  const names = listLayerCoders(s)
    .filter((c) => !c.isConsensus)
    .map((c) => c.name);
  return { coderId: null, codersOnly: true, kind: 'coders', description: `codings of every coder (${names.join(', ') || 'none yet'}; the consensus layer not included)`, note };
}

/**
 * The default layer for support counts and quotes: the consensus layer (the agreed reading) where it
 * covers every coded document; otherwise the coders' own codings, with a note saying how far the
 * consensus reaches. Counting support from a consensus on one transcript out of eight would show a
 * theme as supported by almost nobody.
 */
export function defaultLayer(s: Session): Layer {
  const coders = listLayerCoders(s);
  const coverage = coverageOf(coders, codingsPerDocument(s), decidedDocuments(s));
  const c = coverage.consensus;
  if (c && coverage.coded > 0 && coverage.covered === coverage.coded) {
    return { coderId: c.id, kind: 'consensus', description: `codings of the consensus layer (${c.name}), which covers all ${coverage.coded} coded documents`, note: null };
  }
  return codersLayer(s, coverageNote(s, coverage));
}

/** "The consensus layer covers only 1 of 3 coded documents (ID05 interview)…", or null. */
function coverageNote(s: Session, coverage: Coverage): string | null {
  if (!coverage.consensus || coverage.covered === coverage.coded) return null;
  const names = coverage.coveredIds
    .map((id) => (s.db.prepare('SELECT name FROM documents WHERE id = ?').get(id) as { name: string } | undefined)?.name)
    .filter((n): n is string => !!n)
    .sort(naturalCompare);
  const which = names.length ? ` (${names.join(', ')})` : '';
  return `${coverageSentence(coverage).replace(/^the/, 'The')}${which}: support counted from it would leave out the other ${coverage.coded - coverage.covered}.`;
}

/** The layer a caller chose: 'default', 'coders' (every coder, not the consensus layer), 'consensus', or a coder's id. */
export function themeLayer(s: Session, choice: 'default' | 'coders' | 'consensus' | number = 'default'): Layer {
  if (choice === 'default') return defaultLayer(s);
  const coders = listLayerCoders(s);
  const coverage = coverageOf(coders, codingsPerDocument(s), decidedDocuments(s));
  const note = coverageNote(s, coverage);
  if (choice === 'coders') return codersLayer(s, note);
  const c = choice === 'consensus' ? coverage.consensus : (coders.find((x) => x.id === choice) ?? null);
  if (!c) {
    if (choice === 'consensus') throw new AccordError('NOT_FOUND', 'this project has no consensus layer yet: build it in the Consensus view');
    throw new AccordError('NOT_FOUND', `no coder with id ${choice}`);
  }
  if (c.isConsensus) return { coderId: c.id, kind: 'consensus', description: `codings of the consensus layer (${c.name})`, note };
  return { coderId: c.id, kind: 'coder', description: `codings of ${c.name}`, note: null };
}

function themeRow(s: Session, id: number): ThemeRow {
  const row = s.db.prepare('SELECT id, parent_id, name, summary, ord FROM themes WHERE id = ?').get(id) as ThemeRow | undefined;
  if (!row) throw new AccordError('NOT_FOUND', `no theme with id ${id}`);
  return row;
}

function quoteRow(s: Session, id: number): QuoteRow {
  const row = s.db
    .prepare(
      `SELECT q.id, q.theme_id, q.coding_id, q.text, q.participant, q.document, q.lead_in, q.ord,
              EXISTS (SELECT 1 FROM codings c WHERE c.id = q.coding_id) AS coding_exists
       FROM theme_quotes q WHERE q.id = ?`,
    )
    .get(id) as QuoteRow | undefined;
  if (!row || !quoteVisible(s)(row)) throw new AccordError('NOT_FOUND', `no quote with id ${id}`);
  return row;
}

/**
 * Whether the running caller may see a quote: always, except in blind mode, where a quote follows
 * the visibility of its source coding (a quote whose coding is gone, only once its document is revealed).
 */
function quoteVisible(s: Session): (q: { coding_id: number | null; document: string }) => boolean {
  const visible = codingFilter(s);
  if (!visible) return () => true;
  const coding = s.db.prepare('SELECT document_id, coder_id FROM codings WHERE id = ?');
  const docByName = s.db.prepare('SELECT id FROM documents WHERE name = ?');
  return (q) => {
    const c = q.coding_id === null ? undefined : (coding.get(q.coding_id) as { document_id: number; coder_id: number } | undefined);
    if (c) return visible(c.document_id, c.coder_id);
    const d = docByName.get(q.document) as { id: number } | undefined;
    return d !== undefined && visible(d.id, null);
  };
}

function toQuote(r: QuoteRow): ThemeQuote {
  return {
    id: r.id as QuoteId,
    themeId: r.theme_id as ThemeId,
    codingId: r.coding_id as CodingId | null,
    codingExists: r.coding_exists === 1,
    text: r.text,
    participant: r.participant,
    document: r.document,
    leadIn: r.lead_in,
    order: r.ord,
  };
}

/** Every code's sub-codes, read once for a listing. */
function codeChildren(s: Session): Map<number, number[]> {
  const children = new Map<number, number[]>();
  for (const r of s.db.prepare('SELECT id, parent_id FROM codes').all() as { id: number; parent_id: number | null }[]) {
    if (!children.has(r.id)) children.set(r.id, []);
    if (r.parent_id === null) continue;
    const list = children.get(r.parent_id);
    if (list) list.push(r.id);
    else children.set(r.parent_id, [r.id]);
  }
  return children;
}

/** Every code id under each of `roots` (the roots included), restricted to codes that exist (keys of `children`). */
function withDescendants(children: ReadonlyMap<number, readonly number[]>, roots: Iterable<number>): Set<number> {
  const out = new Set<number>();
  const stack = [...roots].filter((id) => children.has(id));
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (out.has(id)) continue;
    out.add(id);
    stack.push(...(children.get(id) ?? []));
  }
  return out;
}

/**
 * Which coders' codings a layer counts, as a test on a coder id: one coder, every coder but the
 * consensus layer, or every coder.
 */
function layerCoder(s: Session, layer: Layer): (coderId: number) => boolean {
  if (layer.coderId !== null) {
    const only = layer.coderId;
    return (c) => c === only;
  }
  if (!layer.codersOnly) return () => true;
  const consensus = new Set(listLayerCoders(s).filter((c) => c.isConsensus).map((c) => c.id));
  return (c) => !consensus.has(c);
}

/** Builds the whole tree of themes with support counts; the single reader every output uses. */
export function listThemes(s: Session, layer: Layer = defaultLayer(s)): ThemesOverview {
  const themes = s.db.prepare('SELECT id, parent_id, name, summary, ord FROM themes ORDER BY ord, id').all() as ThemeRow[];
  const links = s.db
    .prepare(
      `SELECT tc.theme_id, c.id, c.label, c.name FROM theme_codes tc JOIN codes c ON c.id = tc.code_id
       ORDER BY tc.theme_id, c.label, c.name`,
    )
    .all() as { theme_id: number; id: number; label: string; name: string }[];
  const allQuoteRows = s.db
    .prepare(
      `SELECT q.id, q.theme_id, q.coding_id, q.text, q.participant, q.document, q.lead_in, q.ord,
              EXISTS (SELECT 1 FROM codings c WHERE c.id = q.coding_id) AS coding_exists
       FROM theme_quotes q ORDER BY q.theme_id, q.ord, q.id`,
    )
    .all() as QuoteRow[];
  const quoteShown = quoteVisible(s);
  const quotes = allQuoteRows.filter(quoteShown);
  const docs = s.db
    .prepare('SELECT d.id, p.pid FROM documents d LEFT JOIN participants p ON p.id = d.participant_id')
    .all() as { id: number; pid: string | null }[];
  const pidOfDoc = new Map(docs.map((d) => [d.id, d.pid]));
  const participantsTotal = (
    s.db.prepare('SELECT count(DISTINCT participant_id) AS n FROM documents WHERE participant_id IS NOT NULL').get() as { n: number }
  ).n;
  const documentsTotal = docs.length;
  const visibleCoding = codingFilter(s);
  const counts = layerCoder(s, layer);
  /** Whether a coding by `coder` in `document` counts in this layer and may be seen by the caller. */
  const counted = (document: number, coder: number): boolean => counts(coder) && (!visibleCoding || visibleCoding(document, coder));
  // Documents and participants the layer has coded at all (the fair denominator for support), from
  // the coding counts kept per document and coder: no coding is read.
  const codedDocs = new Set<number>();
  for (const r of s.db.prepare('SELECT document_id AS d, coder_id AS c FROM coding_counts WHERE n > 0').all() as { d: number; c: number }[]) {
    if (counted(r.d, r.c)) codedDocs.add(r.d);
  }
  const participantsCoded = new Set([...codedDocs].map((d) => pidOfDoc.get(d)).filter((p): p is string => !!p)).size;
  // The documents where each code linked to a theme (or under one) was applied in the layer: read
  // only for those codes, once however many themes share them.
  const children = codeChildren(s);
  const linkedIds = withDescendants(children, links.map((l) => l.id));
  const docsOfCode = new Map<number, Set<number>>([...linkedIds].map((id) => [id, new Set<number>()]));
  if (linkedIds.size > 0) {
    // Document by document on the unique (document, code, coder, …) index, which covers the columns
    // read: the code index alone would look every coding up in the table.
    const applied = s.db
      .prepare(
        `SELECT code_id, document_id, coder_id FROM codings
         WHERE document_id IN (SELECT id FROM documents) AND code_id IN (SELECT value FROM json_each(?))
         GROUP BY document_id, code_id, coder_id`,
      )
      .raw()
      .all(JSON.stringify([...linkedIds])) as [number, number, number][];
    for (const [k, d, c] of applied) if (counted(d, c)) docsOfCode.get(k)!.add(d);
  }
  // The document of each quote's coding (a quote counts toward its document's support).
  const codingDocument = s.db.prepare('SELECT document_id FROM codings WHERE id = ?').pluck();
  const codingDoc = new Map<number, number>();
  for (const q of quotes) {
    if (q.coding_id === null || q.coding_exists !== 1 || codingDoc.has(q.coding_id)) continue;
    const d = codingDocument.get(q.coding_id) as number | undefined;
    if (d !== undefined) codingDoc.set(q.coding_id, d);
  }

  const times = codingTimes(s, quotes.filter((q) => q.coding_id !== null && q.coding_exists === 1).map((q) => q.coding_id!));
  const build = (t: ThemeRow, subthemes: ThemeNode[]): ThemeNode => {
    const own = quotes
      .filter((q) => q.theme_id === t.id)
      .map((q) => ({ ...toQuote(q), timeMs: q.coding_id !== null ? (times.get(q.coding_id) ?? null) : null }));
    const codes = links.filter((l) => l.theme_id === t.id).map((l) => ({ id: l.id as CodeId, label: l.label, name: l.name }));
    const codeIds = withDescendants(children, [...codes, ...subthemes.flatMap((st) => st.codes)].map((c) => c.id));
    const allQuotes = [...own, ...subthemes.flatMap((st) => st.quotes)];
    const documents = new Set<number>();
    const participants = new Set<string>();
    for (const id of codeIds) {
      for (const d of docsOfCode.get(id) ?? []) {
        documents.add(d);
        const pid = pidOfDoc.get(d);
        if (pid) participants.add(pid);
      }
    }
    for (const q of allQuotes) {
      const doc = q.codingId !== null ? codingDoc.get(q.codingId) : undefined;
      if (doc !== undefined) documents.add(doc);
      if (q.participant) participants.add(q.participant);
    }
    return {
      id: t.id as ThemeId,
      parentId: t.parent_id as ThemeId | null,
      name: t.name,
      summary: t.summary,
      order: t.ord,
      codes,
      quotes: own,
      support: {
        participants: participants.size,
        participantsTotal,
        participantsCoded,
        documents: documents.size,
        documentsTotal,
        documentsCoded: codedDocs.size,
        participantIds: [...participants].sort(naturalCompare),
      },
      balance: quoteBalance(allQuotes.map((q) => q.participant)),
      subthemes,
    };
  };

  const top = themes.filter((t) => t.parent_id === null);
  return {
    themes: top.map((t) => build(t, themes.filter((st) => st.parent_id === t.id).map((st) => build(st, [])))),
    layer: layer.description,
    layerKind: layer.kind ?? (layer.coderId === null ? 'coders' : 'coder'),
    layerNote: layer.note ?? null,
    rule: QUOTE_BALANCE_RULE,
  };
}

/** One theme or subtheme as listed. */
export function getTheme(s: Session, id: number): ThemeNode {
  const row = themeRow(s, id);
  const tree = listThemes(s).themes;
  const found = row.parent_id === null ? tree.find((t) => t.id === id) : tree.find((t) => t.id === row.parent_id)?.subthemes.find((t) => t.id === id);
  if (!found) throw new AccordError('NOT_FOUND', `no theme with id ${id}`);
  return found;
}

function themeLabel(row: ThemeRow): string {
  return `${row.parent_id === null ? 'theme' : 'subtheme'} "${row.name}"`;
}

/** Create a theme (parentId null) or a subtheme, appended after its siblings. */
export function createTheme(s: Session, input: { parentId: number | null; name: string; summary: string }): ThemeNode {
  if (input.parentId !== null) {
    const parent = themeRow(s, input.parentId);
    if (parent.parent_id !== null) throw new AccordError('INVALID_INPUT', `"${parent.name}" is a subtheme; subthemes cannot have subthemes`);
  }
  const next = (
    s.db.prepare('SELECT coalesce(max(ord) + 1, 0) AS n FROM themes WHERE parent_id IS ?').get(input.parentId) as { n: number }
  ).n;
  const kind = input.parentId === null ? 'theme' : 'subtheme';
  const id = s.change('theme.create', `create ${kind} "${input.name}"`, (c) =>
    c.insert('themes', { parent_id: input.parentId, name: input.name, summary: input.summary.trim(), ord: next, created_at: nowIso() }),
  );
  return getTheme(s, id);
}

/** Rename a theme or change its summary. */
export function updateTheme(s: Session, input: { id: number; name?: string; summary?: string }): ThemeNode {
  const row = themeRow(s, input.id);
  const patch: Record<string, string> = {};
  if (input.name !== undefined) patch.name = input.name;
  if (input.summary !== undefined) patch.summary = input.summary.trim();
  s.change('theme.update', `edit ${themeLabel(row)}`, (c) => c.update('themes', input.id, patch));
  return getTheme(s, input.id);
}

/** Rewrites `ord` of `ids` to their positions, touching only rows whose position changed. */
function renumber(c: ChangeSet, table: 'themes' | 'theme_quotes', rows: { id: number; ord: number }[], ids: number[]): void {
  const current = new Map(rows.map((r) => [r.id, r.ord]));
  ids.forEach((id, i) => {
    if (current.get(id) !== i) c.update(table, id, { ord: i });
  });
}

function moveWithin(ids: number[], id: number, index: number): number[] {
  const rest = ids.filter((x) => x !== id);
  rest.splice(Math.min(index, rest.length), 0, id);
  return rest;
}

/** Put a theme at `index` among its siblings (positions are renumbered 0…n−1). */
export function moveTheme(s: Session, id: number, index: number): ThemesOverview {
  const row = themeRow(s, id);
  const siblings = s.db.prepare('SELECT id, ord FROM themes WHERE parent_id IS ? ORDER BY ord, id').all(row.parent_id) as { id: number; ord: number }[];
  const order = moveWithin(siblings.map((r) => r.id), id, index);
  s.change('theme.move', `move ${themeLabel(row)}`, (c) => renumber(c, 'themes', siblings, order));
  return listThemes(s);
}

/** Delete a theme, its subthemes, code links and quotes (children first, so undo restores parents first). */
export function deleteTheme(s: Session, id: number): ThemesOverview {
  const row = themeRow(s, id);
  const ids = [...(s.db.prepare('SELECT id FROM themes WHERE parent_id = ?').all(id) as { id: number }[]).map((r) => r.id), id];
  s.change('theme.delete', `delete ${themeLabel(row)}`, (c) => {
    for (const t of ids) {
      for (const q of s.db.prepare('SELECT id FROM theme_quotes WHERE theme_id = ?').all(t) as { id: number }[]) c.delete('theme_quotes', q.id);
      for (const l of s.db.prepare('SELECT id FROM theme_codes WHERE theme_id = ?').all(t) as { id: number }[]) c.delete('theme_codes', l.id);
      for (const m of s.db.prepare('SELECT id FROM memos WHERE theme_id = ?').all(t) as { id: number }[]) c.delete('memos', m.id);
      c.delete('themes', t);
    }
    const rest = s.db.prepare('SELECT id, ord FROM themes WHERE parent_id IS ? ORDER BY ord, id').all(row.parent_id) as { id: number; ord: number }[];
    renumber(c, 'themes', rest, rest.map((r) => r.id));
  });
  return listThemes(s);
}

/** Link a code to a theme; linking twice is a no-op. */
export function linkCode(s: Session, themeId: number, codeId: number): ThemeNode {
  const row = themeRow(s, themeId);
  const code = getCode(s, codeId);
  const exists = s.db.prepare('SELECT id FROM theme_codes WHERE theme_id = ? AND code_id = ?').get(themeId, codeId);
  if (!exists) {
    s.change('theme.link', `link code ${code.label || code.name} to ${themeLabel(row)}`, (c) => c.insert('theme_codes', { theme_id: themeId, code_id: codeId }));
  }
  return getTheme(s, themeId);
}

/** Remove a code's link to a theme. */
export function unlinkCode(s: Session, themeId: number, codeId: number): ThemeNode {
  const row = themeRow(s, themeId);
  const link = s.db.prepare('SELECT id FROM theme_codes WHERE theme_id = ? AND code_id = ?').get(themeId, codeId) as { id: number } | undefined;
  if (!link) throw new AccordError('NOT_FOUND', `code ${codeId} is not linked to ${themeLabel(row)}`);
  const code = s.db.prepare('SELECT label, name FROM codes WHERE id = ?').get(codeId) as { label: string; name: string } | undefined;
  s.change('theme.unlink', `unlink code ${code ? code.label || code.name : codeId} from ${themeLabel(row)}`, (c) => c.delete('theme_codes', link.id));
  return getTheme(s, themeId);
}

/** Codings of a theme's linked codes (and descendants) in the chosen layer, in document order. */
export function quoteCandidates(s: Session, themeId: number, coderId?: number | null): QuoteCandidates {
  themeRow(s, themeId);
  let layer: Layer;
  if (coderId === undefined) layer = defaultLayer(s);
  else if (coderId === null) layer = { coderId: null, description: 'codings of every coder, the consensus layer included' };
  else layer = themeLayer(s, coderId);
  const linked = (s.db.prepare('SELECT code_id FROM theme_codes WHERE theme_id = ?').all(themeId) as { code_id: number }[]).map((r) => r.code_id);
  const codeIds = [...withDescendants(codeChildren(s), linked)];
  if (codeIds.length === 0) return { layer: layer.description, candidates: [] };
  const quoted = new Set(
    (s.db.prepare('SELECT coding_id FROM theme_quotes WHERE theme_id = ? AND coding_id IS NOT NULL').all(themeId) as { coding_id: number }[]).map((r) => r.coding_id),
  );
  const rows = s.db
    .prepare(
      `SELECT k.id, k.code_id, k.document_id, k.coder_id, k.start, k."end", k.text,
              c.label AS code_label, c.name AS code_name, d.name AS document, p.pid, r.name AS coder
       FROM codings k
       JOIN codes c ON c.id = k.code_id
       JOIN documents d ON d.id = k.document_id
       LEFT JOIN participants p ON p.id = d.participant_id
       JOIN coders r ON r.id = k.coder_id
       WHERE k.code_id IN (SELECT value FROM json_each(?)) AND (? IS NULL OR k.coder_id = ?) AND (? = 0 OR r.is_consensus = 0)
       ORDER BY d.ord, k.start, k."end", k.id`,
    )
    .all(JSON.stringify(codeIds), layer.coderId, layer.coderId, layer.codersOnly ? 1 : 0) as {
    id: number;
    code_id: number;
    document_id: number;
    coder_id: number;
    start: number;
    end: number;
    text: string;
    code_label: string;
    code_name: string;
    document: string;
    pid: string | null;
    coder: string;
  }[];
  return {
    layer: layer.description,
    candidates: rows.map((r) => ({
      codingId: r.id as CodingId,
      codeId: r.code_id as CodeId,
      code: r.code_label ? `${r.code_label} ${r.code_name}` : r.code_name,
      documentId: r.document_id as DocumentId,
      document: r.document,
      participant: r.pid,
      coderId: r.coder_id as CoderId,
      coder: r.coder,
      start: r.start,
      end: r.end,
      text: r.text,
      quoted: quoted.has(r.id),
    })),
  };
}

/** Add a coding's text as a quote, snapshotting its text, document and participant ID. */
export function addQuote(s: Session, themeId: number, codingId: number, leadIn: string): ThemeQuote {
  const row = themeRow(s, themeId);
  const coding = getCoding(s, codingId);
  requireVisibleCoding(s, coding);
  const doc = s.db
    .prepare('SELECT d.name, p.pid FROM documents d LEFT JOIN participants p ON p.id = d.participant_id WHERE d.id = ?')
    .get(coding.documentId) as { name: string; pid: string | null };
  const next = (s.db.prepare('SELECT coalesce(max(ord) + 1, 0) AS n FROM theme_quotes WHERE theme_id = ?').get(themeId) as { n: number }).n;
  const id = s.change('quote.add', `add a quote from ${doc.name} to ${themeLabel(row)}`, (c) =>
    c.insert('theme_quotes', {
      theme_id: themeId,
      coding_id: codingId,
      text: coding.text.trim(),
      participant: doc.pid ?? '',
      document: doc.name,
      lead_in: leadIn,
      ord: next,
      created_at: nowIso(),
    }),
  );
  return toQuote(quoteRow(s, id));
}

/** Change a quote's lead-in label or (shortened) text. */
export function updateQuote(s: Session, input: { id: number; leadIn?: string; text?: string }): ThemeQuote {
  const q = quoteRow(s, input.id);
  const patch: Record<string, string> = {};
  if (input.leadIn !== undefined) patch.lead_in = input.leadIn;
  if (input.text !== undefined) patch.text = input.text;
  s.change('quote.update', `edit a quote from ${q.document || 'a document'}`, (c) => c.update('theme_quotes', input.id, patch));
  return toQuote(quoteRow(s, input.id));
}

/** Put a quote at `index` among its theme's quotes. */
export function moveQuote(s: Session, id: number, index: number): ThemeNode {
  const q = quoteRow(s, id);
  const siblings = s.db.prepare('SELECT id, ord FROM theme_quotes WHERE theme_id = ? ORDER BY ord, id').all(q.theme_id) as { id: number; ord: number }[];
  const order = moveWithin(siblings.map((r) => r.id), id, index);
  s.change('quote.move', `move a quote from ${q.document || 'a document'}`, (c) => renumber(c, 'theme_quotes', siblings, order));
  return getTheme(s, q.theme_id);
}

/** Remove a quote; the remaining quotes close the gap. */
export function removeQuote(s: Session, id: number): void {
  const q = quoteRow(s, id);
  s.change('quote.remove', `remove a quote from ${q.document || 'a document'}`, (c) => {
    c.delete('theme_quotes', id);
    const rest = s.db.prepare('SELECT id, ord FROM theme_quotes WHERE theme_id = ? ORDER BY ord, id').all(q.theme_id) as { id: number; ord: number }[];
    renumber(c, 'theme_quotes', rest, rest.map((r) => r.id));
  });
}
