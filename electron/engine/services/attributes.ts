// Participants' typed attributes: CSV import and export, editing values and types, linking documents
// to participants, and the live participant characteristics table (the study's Table 1).
import Papa from 'papaparse';
import { AccordError } from '../../../shared/api/errors';
import type { Attribute, AttributeType, ParticipantsImportResult } from '../../../shared/api/study';
import type { DocumentId, DocumentSummary, Participant, ParticipantId } from '../../../shared/model/types';
import { participantCharacteristics } from '../../../shared/reports/tables';
import type { ReportTable } from '../../../shared/reports/table';
import type { ChangeSet } from '../db/changes';
import { inferAttributeType, parseParticipantsCsv } from '../import/csv';
import type { Session } from '../session';
import { ensureParticipant, getDocumentSummary } from './documents';
import { listParticipants } from './participants';

interface AttributeRow {
  id: number;
  name: string;
  type: AttributeType;
  ord: number;
}

const toAttribute = (r: AttributeRow): Attribute => ({ id: r.id, name: r.name, type: r.type, order: r.ord });

export function listAttributes(s: Session): Attribute[] {
  return (s.db.prepare('SELECT id, name, type, ord FROM attributes ORDER BY ord, id').all() as AttributeRow[]).map(toAttribute);
}

function findAttribute(s: Session, name: string): Attribute | undefined {
  const r = s.db.prepare('SELECT id, name, type, ord FROM attributes WHERE name = ?').get(name) as AttributeRow | undefined;
  return r && toAttribute(r);
}

/** Whether `value` is acceptable for an attribute of `type` (an empty value always is). */
export function fitsType(type: AttributeType, value: string): boolean {
  if (value.trim() === '' || type === 'category' || type === 'text') return true;
  return inferAttributeType([value]) === type;
}

/** The id of the attribute `name`, created inside `c` with `type` if new. */
export function ensureAttribute(s: Session, c: ChangeSet, name: string, type: AttributeType): Attribute {
  const found = findAttribute(s, name);
  if (found) return found;
  const ord = (s.db.prepare('SELECT coalesce(max(ord) + 1, 0) AS n FROM attributes').get() as { n: number }).n;
  const id = c.insert('attributes', { name, type, ord });
  return { id, name, type, order: ord };
}

/** Set (or with '' clear) one value inside `c`. */
export function writeValue(s: Session, c: ChangeSet, participantId: number, attributeId: number, value: string): void {
  const row = s.db.prepare('SELECT id, value FROM participant_attributes WHERE participant_id = ? AND attribute_id = ?').get(participantId, attributeId) as
    | { id: number; value: string }
    | undefined;
  const v = value.trim();
  if (v === '') {
    if (row) c.delete('participant_attributes', row.id);
  } else if (!row) c.insert('participant_attributes', { participant_id: participantId, attribute_id: attributeId, value: v });
  else if (row.value !== v) c.update('participant_attributes', row.id, { value: v });
}

export function getParticipant(s: Session, id: number): Participant {
  const p = listParticipants(s).find((x) => x.id === id);
  if (!p) throw new AccordError('NOT_FOUND', `no participant with id ${id}`);
  return p;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Links transcripts that have no participant yet to the participant whose ID appears in the
 * document's name as a word (`ID21 interview` → ID21). Returns the names of the linked documents.
 */
function linkByName(s: Session, c: ChangeSet): string[] {
  const people = s.db.prepare('SELECT id, pid FROM participants').all() as { id: number; pid: string }[];
  const docs = s.db.prepare("SELECT id, name FROM documents WHERE participant_id IS NULL AND kind = 'transcript'").all() as { id: number; name: string }[];
  const linked: string[] = [];
  for (const d of docs) {
    const matches = people.filter((p) => new RegExp(`(^|[^\\p{L}\\p{N}])${escapeRegExp(p.pid)}($|[^\\p{L}\\p{N}])`, 'iu').test(d.name));
    // Two IDs in one name (a joint interview) is not a link to guess.
    if (matches.length === 1) {
      c.update('documents', d.id, { participant_id: matches[0].id });
      linked.push(d.name);
    }
  }
  return linked;
}

/**
 * Imports a participants table (see parseParticipantsCsv for the checks). New attributes get the
 * type inferred from their column; values must fit an existing attribute's type. One undoable step.
 */
export function importParticipants(s: Session, fileName: string, text: string, idColumn?: string): ParticipantsImportResult {
  const table = parseParticipantsCsv(fileName, text, idColumn);
  for (const name of table.attributes) {
    const existing = findAttribute(s, name);
    if (!existing) continue;
    const bad = table.rows.find((r) => !fitsType(existing.type, r.attributes[name]));
    if (bad) {
      throw new AccordError('BAD_FILE', `${fileName}: participant ${bad.id}: "${bad.attributes[name]}" is not a ${existing.type} (attribute "${name}")`);
    }
  }
  const had = new Set((s.db.prepare('SELECT pid FROM participants').all() as { pid: string }[]).map((r) => r.pid.toLowerCase()));
  return s.change('participants.import', `import participants from ${fileName}`, (c) => {
    const attrs = table.attributes.map((name) => ensureAttribute(s, c, name, inferAttributeType(table.rows.map((r) => r.attributes[name]))));
    let created = 0;
    let updated = 0;
    for (const row of table.rows) {
      if (had.has(row.id.toLowerCase())) updated++;
      else created++;
      const pid = ensureParticipant(s, c, row.id);
      attrs.forEach((a, i) => writeValue(s, c, pid, a.id, row.attributes[table.attributes[i]]));
    }
    const linked = linkByName(s, c);
    return { idColumn: table.idColumn, created, updated, attributes: listAttributes(s), linked };
  });
}

export function createParticipant(s: Session, pid: string): Participant {
  const id = s.change('participant.create', `add participant ${pid}`, (c) => ensureParticipant(s, c, pid));
  return getParticipant(s, id);
}

/** Set one value; the attribute is created (type inferred from the value) if new. */
export function setParticipantValue(s: Session, participantId: ParticipantId, attribute: string, value: string): Participant {
  const p = getParticipant(s, participantId);
  const existing = findAttribute(s, attribute);
  if (existing && !fitsType(existing.type, value)) {
    throw new AccordError('INVALID_INPUT', `"${value}" is not a ${existing.type} (attribute "${existing.name}")`);
  }
  if (!existing && value.trim() === '') return p;
  s.change('participant.value', `set ${attribute} of ${p.pid}`, (c) => {
    const a = existing ?? ensureAttribute(s, c, attribute, inferAttributeType([value]));
    writeValue(s, c, participantId, a.id, value);
  });
  return getParticipant(s, participantId);
}

/** Rename an attribute or change its type; a type every current value must fit. */
export function updateAttribute(s: Session, id: number, patch: { name?: string; type?: AttributeType }): Attribute {
  const a = listAttributes(s).find((x) => x.id === id);
  if (!a) throw new AccordError('NOT_FOUND', `no attribute with id ${id}`);
  if (patch.name && s.db.prepare('SELECT 1 FROM attributes WHERE name = ? AND id != ?').get(patch.name, id)) {
    throw new AccordError('CONFLICT', `an attribute named "${patch.name}" already exists`);
  }
  if (patch.type) {
    const values = (s.db.prepare('SELECT value FROM participant_attributes WHERE attribute_id = ?').all(id) as { value: string }[]).map((r) => r.value);
    const bad = values.find((v) => !fitsType(patch.type!, v));
    if (bad !== undefined) throw new AccordError('INVALID_INPUT', `"${a.name}" cannot become ${patch.type}: "${bad}" is not a ${patch.type}`);
  }
  s.change('attribute.update', `change attribute ${a.name}`, (c) =>
    c.update('attributes', id, { ...(patch.name ? { name: patch.name } : {}), ...(patch.type ? { type: patch.type } : {}) }),
  );
  return listAttributes(s).find((x) => x.id === id)!;
}

/** Link a document to the participant `pid` (created if new) or, with null, unlink it. */
export function assignParticipant(s: Session, documentId: DocumentId, pid: string | null): DocumentSummary {
  const doc = getDocumentSummary(s, documentId);
  s.change('document.participant', pid ? `link ${doc.name} to ${pid}` : `unlink ${doc.name} from ${doc.participant ?? 'its participant'}`, (c) => {
    c.update('documents', documentId, { participant_id: pid ? ensureParticipant(s, c, pid) : null });
  });
  return getDocumentSummary(s, documentId);
}

// A cell starting with = + - @ would run as a formula in a spreadsheet; signed numbers are data.
const FORMULA = /^[=+\-@\t\r](?![0-9]*\.?[0-9]+%?$)/;

/** Participants as CSV: `ID` then one column per attribute in order (the form importParticipants reads). */
export function exportParticipantsCsv(s: Session): string {
  const attrs = listAttributes(s);
  const people = listParticipants(s);
  return Papa.unparse(
    { fields: ['ID', ...attrs.map((a) => a.name)], data: people.map((p) => [p.pid, ...attrs.map((a) => p.attributes[a.name] ?? '')]) },
    { newline: '\r\n', escapeFormulae: FORMULA },
  );
}

/**
 * The participant characteristics table over `attributes` (default: every category attribute that
 * has a value). Counts are of participants, so a participant with two transcripts counts once.
 */
export function characteristics(s: Session, attributes: string[] | undefined, percent: boolean): ReportTable {
  const people = listParticipants(s);
  const chosen =
    attributes ??
    listAttributes(s)
      .filter((a) => a.type === 'category' && people.some((p) => (p.attributes[a.name] ?? '').trim() !== ''))
      .map((a) => a.name);
  const known = new Map(listAttributes(s).map((a) => [a.name.toLowerCase(), a.name]));
  const names = chosen.map((n) => {
    const name = known.get(n.toLowerCase());
    if (!name) throw new AccordError('NOT_FOUND', `no attribute named "${n}"`);
    return name;
  });
  const table = participantCharacteristics(
    people.map((p) => ({ pid: p.pid, attributes: p.attributes })),
    names,
    { percent },
  );
  // Say what was left out and why, so a "Role" read as text does not vanish silently.
  if (attributes === undefined) {
    const reasons: Record<string, string> = {
      text: 'free text is not counted; make it a category to count its values',
      number: 'numbers are not counted value by value; make it a category (e.g. age bands) to count it',
      date: 'dates are not counted; make it a category to count it',
    };
    const left = listAttributes(s).filter((a) => !names.includes(a.name));
    const notes = left.map((a) =>
      a.type === 'category' ? `${a.name} (category) left out: no participant has a value.` : `${a.name} (${a.type}) left out: ${reasons[a.type] ?? 'not a category'}.`,
    );
    if (notes.length) table.notes = [...(table.notes ?? []), ...notes];
  }
  return table;
}
