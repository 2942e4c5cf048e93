// Themes and subthemes: their order, links to codes, the quotes picked from codings, and how many
// participants and documents support each. Every write goes through session.change (audited, undoable).
import { AccordError } from '../../../shared/api/errors';
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
import { getCoding } from './codings';

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
}

const naturalCompare = (a: string, b: string): number => a.localeCompare(b, undefined, { numeric: true, sensitivity: 'base' });

/**
 * The default layer for quotes and support: the consensus coder when it has codings (the agreed
 * reading of the data), otherwise every coder's codings.
 */
export function defaultLayer(s: Session): Layer {
  const consensus = s.db
    .prepare(
      `SELECT c.id, c.name, (SELECT count(*) FROM codings k WHERE k.coder_id = c.id) AS n
       FROM coders c WHERE c.is_consensus = 1 ORDER BY c.id LIMIT 1`,
    )
    .get() as { id: number; name: string; n: number } | undefined;
  if (consensus && consensus.n > 0) return { coderId: consensus.id, description: `codings of the consensus layer (${consensus.name})` };
  return { coderId: null, description: consensus ? 'codings of every coder (the consensus layer has no codings yet)' : 'codings of every coder (no consensus layer yet)' };
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

/** Every code id under each of `roots` (the roots included), restricted to codes that exist. */
function withDescendants(s: Session, roots: Iterable<number>): Set<number> {
  const children = new Map<number, number[]>();
  for (const r of s.db.prepare('SELECT id, parent_id FROM codes').all() as { id: number; parent_id: number | null }[]) {
    if (r.parent_id === null) continue;
    const list = children.get(r.parent_id) ?? [];
    list.push(r.id);
    children.set(r.parent_id, list);
  }
  const exists = new Set((s.db.prepare('SELECT id FROM codes').all() as { id: number }[]).map((r) => r.id));
  const out = new Set<number>();
  const stack = [...roots].filter((id) => exists.has(id));
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (out.has(id)) continue;
    out.add(id);
    stack.push(...(children.get(id) ?? []));
  }
  return out;
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
  const codings = (
    (layer.coderId === null
      ? s.db.prepare('SELECT id, code_id, document_id, coder_id FROM codings').all()
      : s.db.prepare('SELECT id, code_id, document_id, coder_id FROM codings WHERE coder_id = ?').all(layer.coderId)) as {
      id: number;
      code_id: number;
      document_id: number;
      coder_id: number;
    }[]
  ).filter((c) => !visibleCoding || visibleCoding(c.document_id, c.coder_id));
  const codingDoc = new Map(
    (s.db.prepare('SELECT id, document_id FROM codings').all() as { id: number; document_id: number }[]).map((c) => [c.id, c.document_id]),
  );

  const build = (t: ThemeRow, subthemes: ThemeNode[]): ThemeNode => {
    const own = quotes.filter((q) => q.theme_id === t.id).map(toQuote);
    const codes = links.filter((l) => l.theme_id === t.id).map((l) => ({ id: l.id as CodeId, label: l.label, name: l.name }));
    const codeIds = withDescendants(s, [...codes, ...subthemes.flatMap((st) => st.codes)].map((c) => c.id));
    const allQuotes = [...own, ...subthemes.flatMap((st) => st.quotes)];
    const documents = new Set<number>();
    const participants = new Set<string>();
    for (const c of codings) {
      if (!codeIds.has(c.code_id)) continue;
      documents.add(c.document_id);
      const pid = pidOfDoc.get(c.document_id);
      if (pid) participants.add(pid);
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
        documents: documents.size,
        documentsTotal,
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
  else if (coderId === null) layer = { coderId: null, description: 'codings of every coder' };
  else {
    const coder = s.db.prepare('SELECT name FROM coders WHERE id = ?').get(coderId) as { name: string } | undefined;
    if (!coder) throw new AccordError('NOT_FOUND', `no coder with id ${coderId}`);
    layer = { coderId, description: `codings of ${coder.name}` };
  }
  const linked = (s.db.prepare('SELECT code_id FROM theme_codes WHERE theme_id = ?').all(themeId) as { code_id: number }[]).map((r) => r.code_id);
  const codeIds = [...withDescendants(s, linked)];
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
       WHERE k.code_id IN (SELECT value FROM json_each(?)) AND (? IS NULL OR k.coder_id = ?)
       ORDER BY d.ord, k.start, k."end", k.id`,
    )
    .all(JSON.stringify(codeIds), layer.coderId, layer.coderId) as {
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
