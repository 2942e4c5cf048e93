// Accord's extension file in a .qdpx, at the project level: build it from the open project's
// consensus layer, decisions, themes, assignments, COREQ answers, saved queries and its documents'
// kinds and structure (turns, cues, pages), and bring it back into a project inside the import's
// transaction. Rows refer to each other through the .qde's GUIDs.
import type { RefiImportReport } from '../../../shared/api/exchange';
import { AccordError } from '../../../shared/errors';
import { nowIso, type ChangeSet } from '../db/changes';
import type { AccordExtension } from '../refi/extension';
import type { Session } from '../session';
import type { DecisionRow } from './consensus';
import { coderFor } from './exchange';

/** The GUID each project row was exported under. */
export interface QdaIds {
  user: Map<number, string>;
  code: Map<number, string>;
  doc: Map<number, string>;
  coding: Map<number, string>;
}

/** The import's maps from the file's GUIDs to the project's rows. */
export interface ImportMaps {
  coderIds: Map<string, number>;
  docs: Map<string, { id: number }>;
  codeIds: Map<string, number>;
  codingIds: Map<string, number>;
}

type Span = { start: number; end: number };

export function buildExtension(s: Session, ids: QdaIds): AccordExtension {
  const all = <T>(sql: string): T[] => s.db.prepare(sql).all() as T[];
  const coders = all<{ id: number; color: string; is_consensus: number }>('SELECT id, color, is_consensus FROM coders');
  const settings = s.db.prepare('SELECT lead_coder_id, blind FROM agreement_settings WHERE id = 1').get() as { lead_coder_id: number | null; blind: number } | undefined;
  const doc = (id: number): string | undefined => ids.doc.get(id);
  const decisions = all<Omit<DecisionRow, 'id'>>('SELECT document_id, code_id, region_start, region_end, rule, accepted_coder_id, rationale, author, decided_at, before, after FROM consensus_decisions ORDER BY id');
  const themes = all<{ id: number; parent_id: number | null; name: string; summary: string; ord: number; created_at: string }>(
    'SELECT id, parent_id, name, summary, ord, created_at FROM themes ORDER BY parent_id IS NOT NULL, ord, id',
  );
  const themeCodes = all<{ theme_id: number; code_id: number }>('SELECT theme_id, code_id FROM theme_codes ORDER BY id');
  const quotes = all<{ theme_id: number; coding_id: number | null; text: string; participant: string; document: string; lead_in: string; ord: number; created_at: string }>(
    'SELECT theme_id, coding_id, text, participant, document, lead_in, ord, created_at FROM theme_quotes ORDER BY theme_id, ord, id',
  );
  return {
    format: 'accord-extension',
    version: 1,
    offsets: 'utf16',
    consensusUsers: coders.filter((k) => k.is_consensus === 1).map((k) => ids.user.get(k.id)!),
    userColors: Object.fromEntries(coders.map((k) => [ids.user.get(k.id)!, k.color])),
    codeColors: Object.fromEntries(
      all<{ id: number; color: string }>('SELECT id, color FROM codes WHERE color_chosen = 0').map((k) => [ids.code.get(k.id)!, k.color]),
    ),
    lead: settings?.lead_coder_id != null ? (ids.user.get(settings.lead_coder_id) ?? null) : null,
    blind: settings?.blind === 1,
    assignments: all<{ document_id: number; coder_id: number; assigned_at: string }>('SELECT document_id, coder_id, assigned_at FROM coder_assignments ORDER BY id')
      .filter((a) => doc(a.document_id))
      .map((a) => ({ source: doc(a.document_id)!, user: ids.user.get(a.coder_id)!, assignedAt: a.assigned_at })),
    revealed: all<{ document_id: number; revealed_at: string; revealed_by: string }>('SELECT document_id, revealed_at, revealed_by FROM revealed_documents ORDER BY id')
      .filter((r) => doc(r.document_id))
      .map((r) => ({ source: doc(r.document_id)!, revealedAt: r.revealed_at, revealedBy: r.revealed_by })),
    // Decisions on a deleted document or code (soft references) have nothing to point at and stay behind.
    decisions: decisions
      .filter((d) => doc(d.document_id) && ids.code.has(d.code_id))
      .map((d) => {
        const before = JSON.parse(d.before) as { coders: { coderId: number; name: string; ranges: Span[] }[]; consensus: Span[] };
        return {
          source: doc(d.document_id)!,
          code: ids.code.get(d.code_id)!,
          start: d.region_start,
          end: d.region_end,
          rule: d.rule,
          acceptedUser: d.accepted_coder_id !== null ? (ids.user.get(d.accepted_coder_id) ?? null) : null,
          rationale: d.rationale,
          author: d.author,
          decidedAt: d.decided_at,
          before: {
            coders: before.coders.filter((k) => ids.user.has(k.coderId)).map((k) => ({ user: ids.user.get(k.coderId)!, name: k.name, ranges: k.ranges })),
            consensus: before.consensus,
          },
          after: JSON.parse(d.after) as Span[],
        };
      }),
    themes: themes.map((t) => ({
      key: String(t.id),
      parent: t.parent_id !== null ? String(t.parent_id) : null,
      name: t.name,
      summary: t.summary,
      order: t.ord,
      createdAt: t.created_at,
      codes: themeCodes.filter((k) => k.theme_id === t.id && ids.code.has(k.code_id)).map((k) => ids.code.get(k.code_id)!),
      quotes: quotes
        .filter((q) => q.theme_id === t.id)
        .map((q) => ({
          coding: q.coding_id !== null ? (ids.coding.get(q.coding_id) ?? null) : null,
          text: q.text,
          participant: q.participant,
          document: q.document,
          leadIn: q.lead_in,
          order: q.ord,
          createdAt: q.created_at,
        })),
    })),
    coreq: all<{ item: number; answer: string; page: string; author: string; updated_at: string }>('SELECT item, answer, page, author, updated_at FROM coreq_answers ORDER BY item').map(
      (a) => ({ item: a.item, answer: a.answer, page: a.page, author: a.author, updatedAt: a.updated_at }),
    ),
    queries: all<{ name: string; query: string; filters: string; created_at: string; updated_at: string }>('SELECT name, query, filters, created_at, updated_at FROM saved_queries ORDER BY id').map(
      (q) => ({ name: q.name, query: q.query, filters: JSON.parse(q.filters) as unknown, createdAt: q.created_at, updatedAt: q.updated_at }),
    ),
    sources: sourcesOf(s, ids),
  };
}

/** Each exported document's kind, format and file name, and its turns, cues and pages, in order. */
function sourcesOf(s: Session, ids: QdaIds): AccordExtension['sources'] {
  const byDoc = <T>(sql: string): Map<number, T[]> => {
    const out = new Map<number, T[]>();
    for (const r of s.db.prepare(sql).raw().all() as [number, ...unknown[]][]) {
      const [doc, ...rest] = r;
      let list = out.get(doc);
      if (!list) out.set(doc, (list = []));
      list.push(rest as T);
    }
    return out;
  };
  const turns = byDoc<[string, number, number, number | null, number | null]>('SELECT document_id, speaker, start, "end", start_ms, end_ms FROM turns ORDER BY document_id, ord');
  const cues = byDoc<[number, number, number, number | null]>('SELECT document_id, start, "end", start_ms, end_ms FROM cues ORDER BY document_id, ord');
  const pages = byDoc<[number, number, number]>('SELECT document_id, number, start, "end" FROM pages ORDER BY document_id, number');
  const docs = s.db.prepare('SELECT id, kind, format, source_name, duration_ms FROM documents ORDER BY id').all() as {
    id: number;
    kind: 'transcript' | 'archival';
    format: string;
    source_name: string;
    duration_ms: number | null;
  }[];
  return docs
    .filter((d) => ids.doc.has(d.id))
    .map((d) => ({
      source: ids.doc.get(d.id)!,
      kind: d.kind,
      format: d.format,
      fileName: d.source_name,
      durationMs: d.duration_ms,
      turns: turns.get(d.id) ?? [],
      cues: cues.get(d.id) ?? [],
      pages: pages.get(d.id) ?? [],
    }));
}

/**
 * The project's coder for the file's consensus user: the project's consensus layer when it has one,
 * else a new layer of that name. A plain coder of that name is never turned into the layer.
 */
export function consensusUserCoder(s: Session, c: ChangeSet, name: string, color: string | undefined, out: RefiImportReport): number {
  const layer = s.db.prepare('SELECT id FROM coders WHERE is_consensus = 1 ORDER BY id LIMIT 1').get() as { id: number } | undefined;
  if (layer) return layer.id;
  const clash = s.db.prepare('SELECT is_consensus FROM coders WHERE name = ?').get(name) as { is_consensus: number } | undefined;
  let layerName = name;
  if (clash) {
    layerName = `${name} (consensus)`;
    out.warnings.push(`the file's consensus layer '${name}' has the name of a coder in this project; it was imported as the consensus layer '${layerName}'`);
  }
  const r = coderFor(s, c, layerName, color, 1);
  if (r.created) out.created.coders += 1;
  return r.id;
}

/** Bring the extension's rows into the project (inside the import's change); what is already there is kept. */
export function applyExtension(s: Session, c: ChangeSet, ext: AccordExtension, maps: ImportMaps, out: RefiImportReport): void {
  const counts = { consensusLayer: ext.consensusUsers.some((u) => maps.coderIds.has(u)), decisions: 0, themes: 0, quotes: 0, assignments: 0, coreqAnswers: 0, savedQueries: 0 };
  out.accord = counts;
  const docId = (g: string): number | undefined => maps.docs.get(g)?.id;
  const get = <T>(sql: string, ...args: unknown[]): T | undefined => s.db.prepare(sql).get(...args) as T | undefined;

  // Blind mode and the lead: taken only where the project has not set them.
  const settings = get<{ lead_coder_id: number | null; blind: number }>('SELECT lead_coder_id, blind FROM agreement_settings WHERE id = 1');
  const lead = ext.lead ? (maps.coderIds.get(ext.lead) ?? null) : null;
  if (!settings) {
    if (lead !== null || ext.blind) c.insert('agreement_settings', { id: 1, lead_coder_id: lead, blind: ext.blind ? 1 : 0 });
  } else if ((lead !== null && settings.lead_coder_id !== lead) || (ext.blind ? 1 : 0) !== settings.blind) {
    if (settings.lead_coder_id === null && !settings.blind) c.update('agreement_settings', 1, { lead_coder_id: lead, blind: ext.blind ? 1 : 0 });
    else out.warnings.push("the file's lead coder and blind mode differ from this project's; the project's were kept");
  }

  for (const a of ext.assignments) {
    const d = docId(a.source);
    const k = maps.coderIds.get(a.user);
    if (d === undefined || k === undefined) continue;
    if (get('SELECT 1 FROM coder_assignments WHERE document_id = ? AND coder_id = ?', d, k)) continue;
    c.insert('coder_assignments', { document_id: d, coder_id: k, assigned_at: a.assignedAt });
    counts.assignments += 1;
  }
  for (const r of ext.revealed) {
    const d = docId(r.source);
    if (d === undefined || get('SELECT 1 FROM revealed_documents WHERE document_id = ?', d)) continue;
    c.insert('revealed_documents', { document_id: d, revealed_at: r.revealedAt, revealed_by: r.revealedBy });
  }

  let unplaced = 0;
  for (const d of ext.decisions) {
    const doc = docId(d.source);
    const code = maps.codeIds.get(d.code);
    const accepted = d.acceptedUser ? maps.coderIds.get(d.acceptedUser) : null;
    if (doc === undefined || code === undefined || accepted === undefined || (d.rule === 'accept') !== (accepted !== null) || !(d.end > d.start)) {
      unplaced += 1;
      continue;
    }
    if (get('SELECT 1 FROM consensus_decisions WHERE document_id = ? AND code_id = ? AND region_start = ? AND region_end = ? AND rule = ? AND decided_at = ?', doc, code, d.start, d.end, d.rule, d.decidedAt)) continue;
    const before = {
      coders: d.before.coders.filter((k) => maps.coderIds.has(k.user)).map((k) => ({ coderId: maps.coderIds.get(k.user)!, name: k.name, ranges: k.ranges })),
      consensus: d.before.consensus,
    };
    c.insert('consensus_decisions', {
      document_id: doc,
      code_id: code,
      region_start: d.start,
      region_end: d.end,
      rule: d.rule,
      accepted_coder_id: accepted,
      rationale: d.rationale,
      author: d.author,
      decided_at: d.decidedAt,
      before: JSON.stringify(before),
      after: JSON.stringify(d.after),
    });
    counts.decisions += 1;
  }
  if (unplaced > 0) out.warnings.push(`${unplaced} consensus decision(s) name a document, code or coder that was not imported; not kept`);

  // Themes match by name under the same parent; quotes by their text within the theme.
  const themeIds = new Map<string, number>();
  for (const t of ext.themes) {
    const parent = t.parent !== null ? (themeIds.get(t.parent) ?? null) : null;
    if (t.parent !== null && parent === null) {
      out.warnings.push(`theme '${t.name}': its parent theme is not in the file; imported as a theme`);
    }
    let id = get<{ id: number }>('SELECT id FROM themes WHERE parent_id IS ? AND name = ?', parent, t.name)?.id;
    if (id === undefined) {
      const ord = get<{ n: number }>('SELECT coalesce(max(ord) + 1, 0) AS n FROM themes WHERE parent_id IS ?', parent)!.n;
      id = c.insert('themes', { parent_id: parent, name: t.name, summary: t.summary, ord: Math.max(ord, t.order), created_at: t.createdAt });
      counts.themes += 1;
    }
    themeIds.set(t.key, id);
    for (const g of t.codes) {
      const code = maps.codeIds.get(g);
      if (code === undefined || get('SELECT 1 FROM theme_codes WHERE theme_id = ? AND code_id = ?', id, code)) continue;
      c.insert('theme_codes', { theme_id: id, code_id: code });
    }
    for (const q of t.quotes) {
      if (get('SELECT 1 FROM theme_quotes WHERE theme_id = ? AND text = ?', id, q.text)) continue;
      const ord = get<{ n: number }>('SELECT coalesce(max(ord) + 1, 0) AS n FROM theme_quotes WHERE theme_id = ?', id)!.n;
      c.insert('theme_quotes', {
        theme_id: id,
        coding_id: q.coding ? (maps.codingIds.get(q.coding) ?? null) : null,
        text: q.text,
        participant: q.participant,
        document: q.document,
        lead_in: q.leadIn,
        ord,
        created_at: q.createdAt,
      });
      counts.quotes += 1;
    }
  }

  for (const a of ext.coreq) {
    const row = get<{ answer: string; page: string }>('SELECT answer, page FROM coreq_answers WHERE item = ?', a.item);
    if (!row) {
      c.insert('coreq_answers', { item: a.item, answer: a.answer, page: a.page, author: a.author, updated_at: a.updatedAt });
      counts.coreqAnswers += 1;
    } else if (row.answer !== a.answer || row.page !== a.page) {
      out.warnings.push(`COREQ item ${a.item}: the project's answer was kept; the file's differs`);
    }
  }
  for (const q of ext.queries) {
    const row = get<{ query: string }>('SELECT query FROM saved_queries WHERE name = ?', q.name);
    if (!row) {
      c.insert('saved_queries', { name: q.name, query: q.query, filters: JSON.stringify(q.filters ?? {}), created_at: q.createdAt, updated_at: q.updatedAt || nowIso() });
      counts.savedQueries += 1;
    } else if (row.query !== q.query) {
      out.warnings.push(`saved query '${q.name}': the project's was kept; the file's differs`);
    }
  }
}

/** The structure of each source the file's extension describes, by the source's GUID. */
export function sourceStructures(ext: AccordExtension | undefined): Map<string, AccordExtension['sources'][number]> {
  return new Map((ext?.sources ?? []).map((src) => [src.source, src]));
}

/**
 * Write a new document's turns, cues and pages from the file's extension, each checked against its
 * text (in order, not overlapping, inside it): offsets that do not fit the text refuse the file,
 * naming the source, rather than leave a turn pointing past the text's end.
 */
export function writeStructure(c: ChangeSet, documentId: number, length: number, src: AccordExtension['sources'][number], where: string): void {
  const check = (what: string, spans: { start: number; end: number }[]): void => {
    let prev = 0;
    spans.forEach(({ start, end }, i) => {
      if (start < prev || end < start || end > length) {
        throw new AccordError('BAD_FILE', `${where}: ${what} ${i + 1} [${start}, ${end}) is out of order or not inside the text's ${length} characters`);
      }
      prev = end;
    });
  };
  check('turn', src.turns.map(([, start, end]) => ({ start, end })));
  check('cue', src.cues.map(([start, end]) => ({ start, end })));
  check('page', src.pages.map(([, start, end]) => ({ start, end })));
  src.turns.forEach(([speaker, start, end, startMs, endMs], ord) => c.insert('turns', { document_id: documentId, ord, speaker, start, end, start_ms: startMs, end_ms: endMs }));
  src.cues.forEach(([start, end, startMs, endMs], ord) => c.insert('cues', { document_id: documentId, ord, start, end, start_ms: startMs, end_ms: endMs }));
  for (const [number, start, end] of src.pages) c.insert('pages', { document_id: documentId, number, start, end });
}
