// Open-ended survey responses from a CSV: each row is a respondent, kept as a participant whose
// attributes are the row's other columns (so Table 1 and every participant filter work on surveys too),
// and each response becomes a document of its own or a section (turn) of one document for the file.
import { basename, extname } from 'node:path';
import { AccordError } from '../../../shared/errors';
import type { SurveyImportResult } from '../../../shared/api/study';
import type { Turn } from '../../../shared/model/types';
import { normaliseText } from '../../../shared/text/normalise';
import { nowIso, type ChangeSet } from '../db/changes';
import { inferAttributeType, parseSurveyCsv } from '../import/csv';
import type { Session } from '../session';
import { ensureAttribute, writeValue } from './attributes';
import { contentHash, ensureParticipant, getDocumentSummary } from './documents';
import { ensureGroup } from './groups';

export interface SurveyOptions {
  textColumn: string;
  idColumn?: string;
  mode: 'documents' | 'sections';
  group?: string;
}

function freeName(s: Session, wanted: string): string {
  const taken = s.db.prepare('SELECT 1 FROM documents WHERE name = ?');
  if (!taken.get(wanted)) return wanted;
  for (let i = 2; ; i++) if (!taken.get(`${wanted} (${i})`)) return `${wanted} (${i})`;
}

function insertDocument(
  s: Session,
  c: ChangeSet,
  d: { name: string; sourceName: string; text: string; participantId: number | null; turns: Turn[]; group: string | undefined },
): number {
  const ord = (s.db.prepare('SELECT coalesce(max(ord) + 1, 0) AS n FROM documents').get() as { n: number }).n;
  const id = c.insert('documents', {
    name: freeName(s, d.name),
    kind: 'transcript',
    text: d.text,
    source_name: d.sourceName,
    format: 'csv',
    content_hash: contentHash(d.text),
    imported_at: nowIso(),
    participant_id: d.participantId,
    duration_ms: null,
    ord,
    length: d.text.length,
  });
  d.turns.forEach((t, i) =>
    c.insert('turns', { document_id: id, ord: i, speaker: t.speaker, start: t.start, end: t.end, start_ms: null, end_ms: null }),
  );
  if (d.group) c.insert('document_groups', { document_id: id, group_id: ensureGroup(s, c, d.group) });
  return id;
}

/** Imports survey responses all-or-nothing (see survey:import in the contract). */
export function importSurvey(s: Session, fileName: string, text: string, o: SurveyOptions): SurveyImportResult {
  const table = parseSurveyCsv(fileName, text, o.textColumn);
  if (table.rows.length === 0) throw new AccordError('BAD_FILE', `${fileName}: has no responses in "${table.textColumn}"`);
  const idName = o.idColumn ? table.attributes.find((a) => a.toLowerCase() === o.idColumn!.toLowerCase()) : undefined;
  if (o.idColumn && !idName) throw new AccordError('INVALID_INPUT', `${fileName}: has no column "${o.idColumn}" (columns: ${[table.textColumn, ...table.attributes].join(', ')})`);
  const base = basename(fileName, extname(fileName));
  const pidOf = (r: (typeof table.rows)[number], i: number) => (idName ? r.attributes[idName] : '') || `${base} #${i + 1}`;
  const seen = new Map<string, number>();
  table.rows.forEach((r, i) => {
    const key = pidOf(r, i).toLowerCase();
    if (seen.has(key)) throw new AccordError('BAD_FILE', `${fileName}: row ${r.row} repeats respondent ID "${pidOf(r, i)}" (first on row ${seen.get(key)})`);
    seen.set(key, r.row);
  });
  const attrNames = table.attributes.filter((a) => a !== idName);
  const ids = s.change(
    'survey.import',
    `import survey ${basename(fileName)}`,
    (c) => {
      const attrs = attrNames.map((name) => ensureAttribute(s, c, name, inferAttributeType(table.rows.map((r) => r.attributes[name]))));
      const people = table.rows.map((r, i) => {
        const pid = ensureParticipant(s, c, pidOf(r, i));
        attrs.forEach((a, k) => writeValue(s, c, pid, a.id, r.attributes[attrNames[k]]));
        return { pid, label: pidOf(r, i), text: normaliseText(r.text) };
      });
      if (o.mode === 'documents') {
        return people.map((p) =>
          insertDocument(s, c, { name: `${base} ${p.label}`, sourceName: basename(fileName), text: p.text, participantId: p.pid, turns: [], group: o.group }),
        );
      }
      let all = '';
      const turns: Turn[] = [];
      for (const p of people) {
        if (all !== '') all += '\n\n';
        const start = all.length;
        all += `${p.label}: ${p.text}`;
        turns.push({ speaker: p.label, start, end: all.length });
      }
      return [insertDocument(s, c, { name: base, sourceName: basename(fileName), text: all, participantId: null, turns, group: o.group })];
    },
    false,
  );
  return { documents: ids.map((id) => getDocumentSummary(s, id)), participants: table.rows.length, warnings: table.warnings };
}
