// REFI-QDA exchange at the project level: map a read QdaProject into the open project in one recorded
// transaction (all or nothing), and build a QdaProject from the project for writing .qdpx/.qde/.qdc.
// File-level parsing and writing live in ../refi; this module only maps between models.
import { createHash } from 'node:crypto';
import type { RefiExportResult, RefiImportReport } from '../../../shared/api/exchange';
import { AccordError } from '../../../shared/errors';
import { paletteColor } from '../../../shared/model/colors';
import { nowIso, type ChangeSet } from '../db/changes';
import type { QdaCode, QdaMedia, QdaProject } from '../refi/model';
import { recordingBytes, storeRecording } from './recordings';
import { readRefi, type ReadOptions } from '../refi/read';
import { writeQdc, writeQde, writeQdpx } from '../refi/write';
import type { Session } from '../session';
import { CODE_COLUMNS, type CodeRow } from './rows';
import { contentHash } from './documents';
import { ensureGroup, listGroups } from './groups';
import { applyExtension, buildExtension, consensusUserCoder, sourceStructures, writeStructure, type QdaIds } from './exchange-extension';
import { detectTurns } from '../../../shared/text/turns';

type AttributeType = 'category' | 'number' | 'date' | 'text';

/**
 * REFI-QDA has no field for a code's label, so Accord writes a labelled code's name as label, an EN
 * SPACE (U+2002), name: other tools show `10a Adaptation`, and reading splits it back exactly, where an
 * ordinary space could not tell a label from a name such as `2019 events`.
 */
const LABEL_SEPARATOR = '\u2002';
const LABELLED_NAME = /^([^\s\u2002]+)\u2002(.+)$/s;

/** A code's name as written to REFI-QDA; an unlabelled name never reads back as labelled. */
export function refiCodeName(label: string, name: string): string {
  return label ? `${label}${LABEL_SEPARATOR}${name}` : name.replace(/\u2002/g, ' ');
}

/** A deterministic GUID (version-5 layout) from the given parts, so exports of the same data agree. */
export function stableGuid(...parts: (string | number)[]): string {
  const h = createHash('sha1').update(parts.join('\u0000'), 'utf8').digest('hex');
  const variant = ((parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** `#RGB` or `#RRGGBB` → lowercase `#rrggbb`; null when not a colour. */
export function normaliseColor(c: string | null): string | null {
  if (!c) return null;
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(c.trim());
  if (!m) return null;
  const hex = m[1].length === 3 ? [...m[1]].map((d) => d + d).join('') : m[1];
  return `#${hex.toLowerCase()}`;
}

/** Accord's attribute type for a REFI variable type, looking at the values where the type is Text. */
export function attributeTypeFor(refiType: string, values: string[]): AttributeType {
  switch (refiType) {
    case 'Integer':
    case 'Float':
      return 'number';
    case 'Date':
    case 'DateTime':
      return 'date';
    case 'Boolean':
      return 'category';
    default: {
      // Text variables are mostly categories (sex, role, site); long or very varied values are free text.
      const distinct = new Set(values).size;
      return values.every((v) => v.length <= 60) && distinct <= 20 ? 'category' : 'text';
    }
  }
}

/** REFI variable type for an Accord attribute, chosen so the values validate as that type. */
function variableTypeFor(type: string, values: string[]): string {
  if (type === 'number') return values.every((v) => /^[+-]?\d+$/.test(v.trim())) ? 'Integer' : values.every((v) => /^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(v.trim())) ? 'Float' : 'Text';
  if (type === 'date') return values.every((v) => /^\d{4}-\d{2}-\d{2}$/.test(v.trim())) ? 'Date' : 'Text';
  return 'Text';
}

/** A source's name as a document name: the file extension (`.docx`, `.txt`) dropped. */
function documentNameOf(sourceName: string, fromAccord: boolean): string {
  const trimmed = sourceName.trim();
  if (fromAccord) return trimmed;
  return trimmed.replace(/\.[A-Za-z0-9]{1,5}$/, '').trim() || trimmed;
}

function uniqueDocumentName(s: Session, base: string): string {
  const taken = s.db.prepare('SELECT 1 FROM documents WHERE name = ?');
  if (!taken.get(base)) return base;
  for (let i = 2; ; i++) {
    const candidate = `${base} (${i})`;
    if (!taken.get(candidate)) return candidate;
  }
}

const key = (label: string, name: string): string => `${label.trim().toLowerCase()}\u0000${name.trim().toLowerCase()}`;

/**
 * Find a code of the project for an incoming one: by GUID, else by its path (same label and name
 * under the already-matched parent). Codes in `fresh` (added by the running import or merge) are not
 * matched by path, so two same-named siblings of one file stay two codes. Returns the id and how it
 * matched, or null.
 */
export function matchCode(
  s: Session,
  guid: string,
  parentId: number | null,
  label: string,
  name: string,
  fresh: ReadonlySet<number> = new Set(),
): { id: number; by: 'guid' | 'path' } | null {
  const g = s.db.prepare('SELECT id FROM codes WHERE lower(guid) = ?').get(guid.toLowerCase()) as { id: number } | undefined;
  if (g) return { id: g.id, by: 'guid' };
  const siblings = s.db.prepare('SELECT id, label, name FROM codes WHERE parent_id IS ?').all(parentId) as { id: number; label: string; name: string }[];
  const k = key(label, name);
  const p = siblings.find((r) => !fresh.has(r.id) && key(r.label, r.name) === k);
  return p ? { id: p.id, by: 'path' } : null;
}

/** Insert a code after its siblings. */
export function insertCode(
  s: Session,
  c: ChangeSet,
  d: { guid: string; parentId: number | null; label: string; name: string; definition: string; color: string | null; colorChosen?: boolean; createdAt?: string },
): number {
  const ord = (s.db.prepare('SELECT coalesce(max(ord) + 1, 0) AS n FROM codes WHERE parent_id IS ?').get(d.parentId) as { n: number }).n;
  const count = (s.db.prepare('SELECT count(*) AS n FROM codes').get() as { n: number }).n;
  return c.insert('codes', {
    guid: d.guid,
    parent_id: d.parentId,
    label: d.label,
    name: d.name,
    definition: d.definition,
    color: d.color ?? paletteColor(count),
    // A code the file gave no colour keeps "no colour": shown in the palette's, never exported.
    color_chosen: d.color && d.colorChosen !== false ? 1 : 0,
    ord,
    created_at: d.createdAt ?? nowIso(),
  });
}

/** The coder of that name (case-insensitive), created inside the change when new. */
export function coderFor(s: Session, c: ChangeSet, name: string, color?: string, isConsensus = 0): { id: number; created: boolean } {
  const row = s.db.prepare('SELECT id FROM coders WHERE name = ?').get(name) as { id: number } | undefined;
  if (row) return { id: row.id, created: false };
  const count = (s.db.prepare('SELECT count(*) AS n FROM coders').get() as { n: number }).n;
  const id = c.insert('coders', { name, color: color ?? paletteColor(count + 3), is_consensus: isConsensus, created_at: nowIso() });
  return { id, created: true };
}

/** The attribute of that name (case-insensitive), created inside the change when new. */
export function attributeFor(s: Session, c: ChangeSet, name: string, type: AttributeType): { id: number; type: string; created: boolean } {
  const row = s.db.prepare('SELECT id, type FROM attributes WHERE name = ?').get(name) as { id: number; type: string } | undefined;
  if (row) return { ...row, created: false };
  const ord = (s.db.prepare('SELECT coalesce(max(ord) + 1, 0) AS n FROM attributes').get() as { n: number }).n;
  return { id: c.insert('attributes', { name, type, ord }), type, created: true };
}

/** The participant with this ID (case-insensitive), created inside the change when new. */
export function participantFor(s: Session, c: ChangeSet, pid: string): { id: number; created: boolean } {
  const row = s.db.prepare('SELECT id FROM participants WHERE pid = ?').get(pid) as { id: number } | undefined;
  if (row) return { id: row.id, created: false };
  return { id: c.insert('participants', { pid, created_at: nowIso() }), created: true };
}

function codingExists(s: Session, docId: number, codeId: number, coderId: number, start: number, end: number): number | null {
  const r = s.db
    .prepare('SELECT id FROM codings WHERE document_id = ? AND code_id = ? AND coder_id = ? AND start = ? AND "end" = ?')
    .get(docId, codeId, coderId, start, end) as { id: number } | undefined;
  return r ? r.id : null;
}

/** The report line of a set that holds only codes. */
const CODE_SET_NOT_IMPORTED = 'code set not imported (Accord has no code groups)';

/** An import report with what became of the file's sets (the contract's fields plus `groups`). */
/**
 * Import a REFI-QDA file into the open project. Reading happens first (any structural problem throws
 * BAD_FILE before anything is written); then everything is written in one recorded transaction.
 * A selection outside its text refuses the whole file, naming the selection.
 */
export function importRefi(s: Session, fileName: string, bytes: Uint8Array, options: ReadOptions = {}): RefiImportReport {
  const { project, report } = readRefi(fileName, bytes, options);
  const outside = report.warnings.filter((w) => w.includes('lies outside its text'));
  if (outside.length > 0) {
    throw new AccordError('BAD_FILE', `${fileName}: ${outside[0]}${outside.length > 1 ? ` (and ${outside.length - 1} more)` : ''}; nothing imported`);
  }
  const codebookOnly = /\.qdc$/i.test(fileName);
  const fromAccord = /^Accord\b/.test(project.origin ?? '');
  const out: RefiImportReport = {
    file: fileName,
    kind: codebookOnly ? 'codebook' : 'project',
    origin: project.origin,
    users: 0,
    codes: 0,
    sources: 0,
    codings: 0,
    notes: 0,
    cases: 0,
    created: { coders: 0, codes: 0, documents: 0, codings: 0, memos: 0, participants: 0, attributes: 0 },
    offsetUnit: report.offsetUnit,
    crlfCountsAs: report.crlfCountsAs,
    offsetReason: report.offsetReason,
    skipped: codebookOnly ? [] : [...report.skipped],
    warnings: [...report.warnings],
    groups: { sets: 0, created: 0, addedMembers: 0 },
  };

  s.change(
    'exchange.import',
    `import ${fileName}`,
    (c) => {
      const codeIds = importCodes(s, c, project.codes, out, project.accord?.codeColors);
      if (codebookOnly) {
        out.skipped.push(...project.sets.map((set) => `set '${set.name}': ${CODE_SET_NOT_IMPORTED}`));
        return;
      }
      importProject(s, c, project, codeIds, fromAccord, out);
    },
    false,
  );
  return out;
}

function importCodes(s: Session, c: ChangeSet, codes: QdaCode[], out: RefiImportReport, codeColors?: Record<string, string>): Map<string, number> {
  const ids = new Map<string, number>();
  const fresh = new Set<number>();
  // readCodes lists parents before their children, so a parent is always mapped first.
  for (const code of codes) {
    const parentId = code.parentGuid !== null ? (ids.get(code.parentGuid) ?? null) : null;
    const m = LABELLED_NAME.exec(code.name);
    const label = m ? m[1] : '';
    const name = (m ? m[2] : code.name).trim() || code.guid;
    const found = matchCode(s, code.guid, parentId, label, name, fresh);
    if (found) {
      ids.set(code.guid, found.id);
      const row = s.db.prepare('SELECT label, name, definition FROM codes WHERE id = ?').get(found.id) as { label: string; name: string; definition: string };
      if (row.name !== name || row.label !== label || row.definition !== code.description) {
        out.warnings.push(`code '${code.name}' (${code.guid}) matches the project's code '${[row.label, row.name].filter(Boolean).join(' ')}' by ${found.by} but differs; the project's version was kept`);
      }
    } else {
      const id = insertCode(s, c, { guid: code.guid, parentId, label, name, definition: code.description, color: normaliseColor(code.color) });
      // A code shown in a colour nobody chose comes back in that colour, still unchosen.
      const shown = codeColors?.[code.guid];
      if (!code.color && shown) c.update('codes', id, { color: shown });
      ids.set(code.guid, id);
      fresh.add(id);
      out.created.codes += 1;
    }
  }
  out.codes = codes.length;
  return ids;
}

function importProject(s: Session, c: ChangeSet, project: QdaProject, codeIds: Map<string, number>, fromAccord: boolean, out: RefiImportReport): void {
  // Users → coders, by name.
  const coderIds = new Map<string, number>();
  const coder = (name: string, color?: string): number => {
    const r = coderFor(s, c, name, color);
    if (r.created) out.created.coders += 1;
    return r.id;
  };
  const consensusUsers = new Set(project.accord?.consensusUsers ?? []);
  for (const u of project.users) {
    const name = u.name.trim() || `user ${u.guid.slice(0, 8)}`;
    // An Accord file says which user is the consensus layer: it stays the layer, not one more coder.
    if (consensusUsers.has(u.guid)) coderIds.set(u.guid, consensusUserCoder(s, c, name, project.accord?.userColors[u.guid], out));
    else coderIds.set(u.guid, coder(name, project.accord?.userColors[u.guid]));
  }
  out.users = project.users.length;

  // Text sources → documents; the same text already in the project is reused, not duplicated. An
  // Accord file says what each was imported as and carries its turns, cues and pages.
  const docs = new Map<string, { id: number; text: string }>();
  const structures = sourceStructures(project.accord);
  /** Documents this import made that have no turns from the file: found in their text below. */
  const untimed: { id: number; text: string }[] = [];
  for (const src of project.sources) {
    if (src.kind !== 'text' || src.text === null) continue;
    const hash = contentHash(src.text);
    const existing = s.db.prepare('SELECT id, name FROM documents WHERE content_hash = ?').get(hash) as { id: number; name: string } | undefined;
    if (existing) {
      docs.set(src.guid, { id: existing.id, text: src.text });
      out.warnings.push(`source '${src.name}' has the same text as document '${existing.name}'; its codings were added to that document`);
    } else {
      const ord = (s.db.prepare('SELECT coalesce(max(ord) + 1, 0) AS n FROM documents').get() as { n: number }).n;
      const made = structures.get(src.guid);
      const id = c.insert('documents', {
        name: uniqueDocumentName(s, documentNameOf(src.name, fromAccord)),
        kind: made?.kind ?? 'transcript',
        text: src.text,
        source_name: made?.fileName || src.name,
        format: made?.format ?? 'refi',
        content_hash: hash,
        imported_at: nowIso(),
        participant_id: null,
        duration_ms: made?.durationMs ?? null,
        ord,
        length: src.text.length,
      });
      if (made) writeStructure(c, id, src.text.length, made, `${out.file} (accord/extension.json): source '${src.name}'`);
      else untimed.push({ id, text: src.text });
      docs.set(src.guid, { id, text: src.text });
      out.created.documents += 1;
    }
    out.sources += 1;
  }

  // Codings: the coder is the Coding's creatingUser; identical codings are not duplicated.
  const codingIds = new Map<string, number>();
  const selectionFirst = new Map<string, number>();
  const folderCodings = new Map<string, number>();
  const folders = new Map(project.codes.filter((k) => !k.isCodable).map((k) => [k.guid, k.name]));
  let unknownUser = 0;
  let noUser = 0;
  let duplicates = 0;
  for (const k of project.codings) {
    const doc = docs.get(k.sourceGuid);
    if (!doc) continue;
    let coderId = k.userGuid ? coderIds.get(k.userGuid) : undefined;
    if (coderId === undefined) {
      if (k.userGuid) {
        unknownUser += 1;
        coderId = coder(`user ${k.userGuid.slice(0, 8)}`);
        coderIds.set(k.userGuid, coderId);
      } else {
        noUser += 1;
        coderId = coder(s.coder?.name ?? 'Imported');
      }
    }
    const codeId = codeIds.get(k.codeGuid)!;
    let id = codingExists(s, doc.id, codeId, coderId, k.start, k.end);
    if (id === null) {
      id = c.insert('codings', {
        document_id: doc.id,
        code_id: codeId,
        coder_id: coderId,
        start: k.start,
        end: k.end,
        text: doc.text.slice(k.start, k.end),
        created_at: nowIso(),
      });
      out.created.codings += 1;
    } else {
      duplicates += 1;
    }
    if (k.guid) codingIds.set(k.guid, id);
    if (k.selectionGuid && !selectionFirst.has(k.selectionGuid)) selectionFirst.set(k.selectionGuid, id);
    const folder = folders.get(k.codeGuid);
    if (folder !== undefined) folderCodings.set(folder, (folderCodings.get(folder) ?? 0) + 1);
    out.codings += 1;
  }
  for (const [name, n] of folderCodings) {
    out.warnings.push(`${n} coding(s) on code '${name}', which the file marks as a folder (isCodable="false"), were imported`);
  }
  if (unknownUser > 0) out.warnings.push(`${unknownUser} coding(s) by users not listed in <Users> were given coders named 'user <guid>'`);
  if (noUser > 0) out.warnings.push(`${noUser} coding(s) without a creatingUser were given to coder '${s.coder?.name ?? 'Imported'}'`);
  if (duplicates > 0) out.warnings.push(`${duplicates} coding(s) were already in the project and were not duplicated`);

  importCases(s, c, project, docs, out);
  importNotes(s, c, project, { codingIds, selectionFirst, codeIds, docs }, out);

  importSets(s, c, project, docs, out);
  importMedia(s, c, project, out);
  // A transcript from another tool: its speaker turns found in its text, as when its text file is
  // imported (turn-based agreement and "same speaker turn" need them); a recording's sync points,
  // linked above, give timed turns instead.
  const hasTurns = s.db.prepare('SELECT 1 FROM turns WHERE document_id = ?');
  for (const d of untimed) {
    if (hasTurns.get(d.id)) continue;
    detectTurns(d.text).forEach((t, ord) =>
      c.insert('turns', { document_id: d.id, ord, speaker: t.speaker, start: t.start, end: t.end, start_ms: t.startMs ?? null, end_ms: t.endMs ?? null }),
    );
  }
  if (project.accord) applyExtension(s, c, project.accord, { coderIds, docs, codeIds, codingIds }, out);
}

/**
 * Sets → document groups: a set's text sources that became documents join the group of the set's
 * name (matched case-insensitively, created when new; an empty set is an empty group). Code members
 * and sources that are not documents here are listed in `skipped`, one line per set.
 */
/**
 * Recordings in the archive → the recording of the document holding their transcript's text (an
 * imported text source, or a document already in the project with the same text). Sync points give
 * a document without turns one timed turn per point, so its text and recording are linked.
 */
function importMedia(s: Session, c: ChangeSet, project: QdaProject, out: RefiImportReport): void {
  for (const m of project.media ?? []) {
    if (!m.bytes) continue;
    const transcript = m.transcripts.find((t) => t.text !== null);
    const doc = transcript
      ? (s.db.prepare('SELECT id, name, text FROM documents WHERE content_hash = ?').get(contentHash(transcript.text!)) as { id: number; name: string; text: string } | undefined)
      : undefined;
    if (!transcript || !doc) {
      out.skipped.push(`${m.name} (${m.kind}): no transcript of it is a document here; the recording was not linked`);
      continue;
    }
    const fileName = /\.[A-Za-z0-9]{1,5}$/.test(m.name) ? m.name : `${m.name}.${m.ext}`;
    try {
      storeRecording(s, c, doc.id, fileName, m.bytes);
    } catch (err) {
      if (!(err instanceof AccordError)) throw err;
      out.skipped.push(`${m.name} (${m.kind}): ${err.message}`);
      continue;
    }
    out.recordings = (out.recordings ?? 0) + 1;
    const hasTurns = s.db.prepare('SELECT 1 FROM turns WHERE document_id = ?').get(doc.id);
    const points = transcript.syncPoints.filter((p) => p.position < doc.text.length);
    if (hasTurns || points.length === 0) continue;
    points.forEach((p, i) => {
      const end = i + 1 < points.length ? points[i + 1].position : doc.text.length;
      if (end <= p.position) return;
      const speaker = /^([^:\n]{1,40}):/.exec(doc.text.slice(p.position, end))?.[1].trim() ?? '';
      c.insert('turns', { document_id: doc.id, ord: i, speaker, start: p.position, end, start_ms: Math.round(p.timeMs), end_ms: i + 1 < points.length ? Math.round(points[i + 1].timeMs) : null });
    });
  }
}

function importSets(s: Session, c: ChangeSet, project: QdaProject, docs: Map<string, { id: number }>, out: RefiImportReport): void {
  const sourceName = new Map(project.sources.map((src) => [src.guid, src.name]));
  const link = s.db.prepare('SELECT 1 FROM document_groups WHERE document_id = ? AND group_id = ?');
  for (const set of project.sets) {
    const line = `set '${set.name}'`;
    const sources = [...new Set(set.memberSources)];
    const docIds = [...new Set(sources.filter((g) => docs.has(g)).map((g) => docs.get(g)!.id))];
    const missing = sources.filter((g) => !docs.has(g)).map((g) => sourceName.get(g) ?? g);
    const codes = set.memberCodes.length;
    const codeNote = `${codes} code member(s) not imported (Accord has no code groups)`;
    if (sources.length === 0 && codes > 0) {
      out.skipped.push(`${line}: ${CODE_SET_NOT_IMPORTED}`);
      continue;
    }
    if (sources.length > 0 && docIds.length === 0) {
      out.skipped.push(`${line}: none of its ${sources.length} source(s) (${missing.join(', ')}) was imported as a document${codes > 0 ? `, and its ${codeNote}` : ''}; no group made`);
      continue;
    }
    const name = set.name.trim() || `set ${set.guid.slice(0, 8)}`;
    const existing = s.db.prepare('SELECT id, name FROM groups WHERE name = ?').get(name) as { id: number; name: string } | undefined;
    const groupId = existing ? existing.id : ensureGroup(s, c, name);
    const groupName = existing ? existing.name : name;
    if (!existing) out.groups.created += 1;
    for (const d of docIds) {
      if (link.get(d, groupId)) continue;
      c.insert('document_groups', { document_id: d, group_id: groupId });
      out.groups.addedMembers += 1;
    }
    out.groups.sets += 1;
    if (missing.length > 0) {
      out.skipped.push(`${line}: ${missing.length} of its ${sources.length} sources (${missing.join(', ')}) were not imported as documents, so are not in group '${groupName}'`);
    }
    if (codes > 0) out.skipped.push(`${line}: ${codeNote}; its documents are in group '${groupName}'`);
  }
}

function importCases(s: Session, c: ChangeSet, project: QdaProject, docs: Map<string, { id: number }>, out: RefiImportReport): void {
  const typeOf = new Map(project.variables.map((v) => [v.name, v.type]));
  const valuesOf = (name: string): string[] => project.cases.map((k) => k.variables[name]).filter((v): v is string => v !== undefined);
  const attrs = new Map<string, number>();
  const attribute = (name: string): number => {
    let id = attrs.get(name);
    if (id === undefined) {
      const r = attributeFor(s, c, name, attributeTypeFor(typeOf.get(name) ?? 'Text', valuesOf(name)));
      if (r.created) out.created.attributes += 1;
      id = r.id;
      attrs.set(name, id);
    }
    return id;
  };
  for (const v of project.variables) attribute(v.name);
  for (const k of project.cases) {
    const pid = k.name.trim() || k.guid;
    const p = participantFor(s, c, pid);
    if (p.created) out.created.participants += 1;
    for (const [name, value] of Object.entries(k.variables)) {
      const attributeId = attribute(name);
      const row = s.db
        .prepare('SELECT id, value FROM participant_attributes WHERE participant_id = ? AND attribute_id = ?')
        .get(p.id, attributeId) as { id: number; value: string } | undefined;
      if (!row) c.insert('participant_attributes', { participant_id: p.id, attribute_id: attributeId, value });
      else if (row.value !== value) out.warnings.push(`participant ${pid}: ${name} is '${row.value}' in the project and '${value}' in the file; the project's value was kept`);
    }
    for (const g of k.sourceGuids) {
      const doc = docs.get(g);
      if (!doc) continue;
      const row = s.db
        .prepare('SELECT d.name, d.participant_id, p.pid FROM documents d LEFT JOIN participants p ON p.id = d.participant_id WHERE d.id = ?')
        .get(doc.id) as { name: string; participant_id: number | null; pid: string | null };
      if (row.participant_id === null) c.update('documents', doc.id, { participant_id: p.id });
      else if (row.participant_id !== p.id) out.warnings.push(`document '${row.name}' belongs to participant ${row.pid}; case '${pid}' in the file was not linked to it`);
    }
    out.cases += 1;
  }
}

function importNotes(
  s: Session,
  c: ChangeSet,
  project: QdaProject,
  maps: { codingIds: Map<string, number>; selectionFirst: Map<string, number>; codeIds: Map<string, number>; docs: Map<string, { id: number }> },
  out: RefiImportReport,
): void {
  for (const n of project.notes) {
    let target: { document_id: number | null; code_id: number | null; coding_id: number | null } | null = null;
    const unresolved: string[] = [];
    for (const t of n.targets) {
      const coding = maps.codingIds.get(t) ?? maps.selectionFirst.get(t);
      const here =
        coding !== undefined
          ? { document_id: null, code_id: null, coding_id: coding }
          : maps.codeIds.has(t)
            ? { document_id: null, code_id: maps.codeIds.get(t)!, coding_id: null }
            : maps.docs.has(t)
              ? { document_id: maps.docs.get(t)!.id, code_id: null, coding_id: null }
              : null;
      if (!here) unresolved.push(t);
      else if (!target) target = here;
      else unresolved.push(t);
    }
    const t = target ?? { document_id: null, code_id: null, coding_id: null };
    if (unresolved.length > 0) {
      out.warnings.push(`note '${n.name}': ${target ? 'attached to its first target only' : 'imported as a project memo'}; ${unresolved.length} other reference(s) not kept`);
    }
    const same = s.db
      .prepare('SELECT id FROM memos WHERE document_id IS ? AND code_id IS ? AND coding_id IS ? AND title = ? AND body = ?')
      .get(t.document_id, t.code_id, t.coding_id, n.name, n.text);
    if (!same) {
      const now = nowIso();
      c.insert('memos', { ...t, title: n.name, body: n.text, author: s.actor, created_at: now, updated_at: now });
      out.created.memos += 1;
    }
    out.notes += 1;
  }
}

/**
 * The open project in the REFI-QDA model: coders → users, codes (a label joins the name as
 * `label name`), documents → text sources, codings, memos → notes, participants + attributes →
 * cases + variables, document groups → sets. GUIDs not stored in the project are derived from the
 * data, so exports agree.
 */
export function projectToQda(s: Session): QdaProject {
  return buildQda(s).project;
}

/** The project in the REFI-QDA model, with the GUID each row was given (the extension file refers to them). */
function buildQda(s: Session): { project: QdaProject; ids: QdaIds } {
  const coders = s.db.prepare('SELECT id, name FROM coders ORDER BY is_consensus, id').all() as { id: number; name: string }[];
  const userGuid = new Map(coders.map((k) => [k.id, stableGuid('user', k.name.toLowerCase())]));
  const codes = s.db.prepare(`SELECT ${CODE_COLUMNS} FROM codes ORDER BY ord, id`).all() as CodeRow[];
  const codeGuid = new Map(codes.map((k) => [k.id, k.guid.toLowerCase()]));
  const docs = s.db.prepare('SELECT id, name, text, content_hash, participant_id FROM documents ORDER BY ord, id').all() as {
    id: number;
    name: string;
    text: string;
    content_hash: string;
    participant_id: number | null;
  }[];
  const docGuid = new Map(docs.map((d) => [d.id, stableGuid('document', d.content_hash, d.name.toLowerCase())]));
  const codings = s.db.prepare('SELECT id, document_id, code_id, coder_id, start, "end" FROM codings ORDER BY document_id, start, "end", id').all() as {
    id: number;
    document_id: number;
    code_id: number;
    coder_id: number;
    start: number;
    end: number;
  }[];
  const codingGuid = new Map<number, string>();
  const project: QdaProject = {
    origin: null,
    name: s.name,
    users: coders.map((k) => ({ guid: userGuid.get(k.id)!, name: k.name })),
    codes: codes.map((k) => ({
      guid: k.guid.toLowerCase(),
      parentGuid: k.parent_id !== null ? (codeGuid.get(k.parent_id) ?? null) : null,
      name: refiCodeName(k.label, k.name),
      description: k.definition,
      color: k.color_chosen === 1 ? k.color : null,
      isCodable: true,
      order: k.ord,
    })),
    sources: docs.map((d) => ({ guid: docGuid.get(d.id)!, name: d.name, kind: 'text' as const, text: d.text })),
    codings: codings.map((k) => {
      const sourceGuid = docGuid.get(k.document_id)!;
      const user = userGuid.get(k.coder_id)!;
      const code = codeGuid.get(k.code_id)!;
      const guid = stableGuid('coding', sourceGuid, code, user, k.start, k.end);
      codingGuid.set(k.id, guid);
      return { guid, sourceGuid, codeGuid: code, userGuid: user, start: k.start, end: k.end, selectionGuid: stableGuid('selection', sourceGuid, k.start, k.end) };
    }),
    notes: [],
    cases: [],
    variables: [],
    sets: [],
  };
  const memos = s.db.prepare('SELECT id, document_id, code_id, coding_id, title, body, created_at FROM memos ORDER BY id').all() as {
    id: number;
    document_id: number | null;
    code_id: number | null;
    coding_id: number | null;
    title: string;
    body: string;
    created_at: string;
  }[];
  project.notes = memos.map((m) => {
    const target =
      m.coding_id !== null ? codingGuid.get(m.coding_id) : m.code_id !== null ? codeGuid.get(m.code_id) : m.document_id !== null ? docGuid.get(m.document_id) : undefined;
    return { guid: stableGuid('memo', m.id, m.created_at, m.title), name: m.title, text: m.body, targets: target ? [target] : [] };
  });
  const attributes = s.db.prepare('SELECT id, name, type FROM attributes ORDER BY ord, id').all() as { id: number; name: string; type: string }[];
  const values = s.db.prepare('SELECT participant_id, attribute_id, value FROM participant_attributes').all() as {
    participant_id: number;
    attribute_id: number;
    value: string;
  }[];
  project.variables = attributes.map((a) => ({
    guid: stableGuid('variable', a.name.toLowerCase()),
    name: a.name,
    type: variableTypeFor(a.type, values.filter((v) => v.attribute_id === a.id).map((v) => v.value)),
  }));
  const attrName = new Map(attributes.map((a) => [a.id, a.name]));
  const people = s.db.prepare('SELECT id, pid FROM participants ORDER BY pid COLLATE NOCASE').all() as { id: number; pid: string }[];
  project.cases = people.map((p) => ({
    guid: stableGuid('case', p.pid.toLowerCase()),
    name: p.pid,
    variables: Object.fromEntries(values.filter((v) => v.participant_id === p.id).map((v) => [attrName.get(v.attribute_id)!, v.value])),
    sourceGuids: docs.filter((d) => d.participant_id === p.id).map((d) => docGuid.get(d.id)!),
  }));
  // Document groups → sets of sources; the GUID comes from the name, which is what import matches on.
  project.sets = listGroups(s).map((g) => ({
    guid: stableGuid('group', g.name.toLowerCase()),
    name: g.name,
    memberSources: g.documentIds.map((d) => docGuid.get(d)!),
    memberCodes: [],
  }));
  project.media = recordingsToQda(s, docs, docGuid);
  return { project, ids: { user: userGuid, code: codeGuid, doc: docGuid, coding: codingGuid } };
}

/** Linked recordings whose files are at hand → AudioSource/VideoSource, the transcript sharing its text source's file. */
function recordingsToQda(s: Session, docs: { id: number; name: string }[], docGuid: Map<number, string>): QdaMedia[] {
  const out: QdaMedia[] = [];
  const turns = s.db.prepare('SELECT start, start_ms FROM turns WHERE document_id = ? AND start_ms IS NOT NULL ORDER BY ord');
  for (const d of docs) {
    const found = recordingBytes(s, d.id);
    if (!found) continue;
    const guid = docGuid.get(d.id)!;
    out.push({
      guid: stableGuid('recording', found.recording.sha256, guid),
      name: found.recording.fileName,
      kind: found.recording.kind,
      ext: found.recording.path.split('.').pop()!.toLowerCase(),
      bytes: found.bytes,
      transcripts: [
        {
          guid: stableGuid('transcript', guid),
          name: d.name,
          text: null,
          textSourceGuid: guid,
          // Sync points are times into the recording: a transcript written in clock times is shifted to
          // the recording's start, and a turn spoken before the recording started has none.
          syncPoints: (turns.all(d.id) as { start: number; start_ms: number }[])
            .map((t) => ({ position: t.start, timeMs: t.start_ms - found.recording.startsAtMs }))
            .filter((p) => p.timeMs >= 0),
        },
      ],
    });
  }
  return out;
}

/** Write the open project as .qdpx, .qde or .qdc. */
export function exportRefi(s: Session, format: 'qdpx' | 'qde' | 'qdc', offsets: 'codepoint' | 'utf16' = 'codepoint'): RefiExportResult {
  const { project, ids } = buildQda(s);
  let data: Uint8Array;
  // Only the archive has room for Accord's extension file; a bare .qde must stay schema-valid XML.
  if (format === 'qdpx') data = writeQdpx({ ...project, accord: buildExtension(s, ids) }, { offsets });
  else if (format === 'qde') data = new TextEncoder().encode(writeQde(project, { offsets }));
  else data = new TextEncoder().encode(writeQdc(project));
  const codebook = format === 'qdc';
  return {
    fileName: `${s.name}.${format}`,
    mimeType: format === 'qdpx' ? 'application/zip' : 'application/xml',
    dataBase64: Buffer.from(data).toString('base64'),
    counts: {
      users: codebook ? 0 : project.users.length,
      codes: project.codes.length,
      sources: codebook ? 0 : project.sources.length,
      codings: codebook ? 0 : project.codings.length,
      notes: codebook ? 0 : project.notes.length,
      cases: codebook ? 0 : project.cases.length,
    },
  };
}
