// CSV readers (papaparse): participant attribute tables, survey responses, transcript tables
// (speaker + statement rows), and attribute-type inference. They return data; nothing is stored.

import Papa from 'papaparse';
import { AccordError } from '../../../shared/errors';
import type { Turn } from '../../../shared/model/types';
import { parseTimestamp } from '../../../shared/text/turns';

export type AttributeType = 'category' | 'number' | 'date' | 'text';

export interface ParticipantsTable {
  idColumn: string;
  /** The other columns, in file order. */
  attributes: string[];
  rows: { id: string; attributes: Record<string, string> }[];
}

export interface SurveyTable {
  textColumn: string;
  attributes: string[];
  /** `row` is the spreadsheet row number (the header is row 1). */
  rows: { row: number; text: string; attributes: Record<string, string> }[];
  warnings: string[];
}

interface Table {
  header: string[];
  /** Data records with their spreadsheet row number (header = row 1), padded to the header width. */
  records: { row: number; cells: string[] }[];
}

/**
 * Parses CSV text into a header and records. The delimiter is detected (`,` `;` tab `|`), a BOM
 * is dropped, quoted fields may hold newlines (CRLF inside a cell becomes LF) and blank lines are
 * skipped. Cells are trimmed.
 * Throws BAD_FILE naming the row for ragged rows (a row may only be longer than the header if the
 * extra cells are empty, as spreadsheet exports often leave), and for unnamed or repeated columns.
 */
function readTable(fileName: string, text: string): Table {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const parsed = Papa.parse<string[]>(src, { delimiter: '', skipEmptyLines: 'greedy' });
  const quoteError = parsed.errors.find((e) => e.type === 'Quotes');
  if (quoteError) {
    throw new AccordError('BAD_FILE', `${fileName}: row ${(quoteError.row ?? 0) + 1}: a quoted cell is never closed`);
  }
  const data = parsed.data;
  if (data.length === 0) throw new AccordError('BAD_FILE', `${fileName}: is empty (no header row)`);
  const header = data[0].map((h) => h.trim());
  while (header.length > 1 && header[header.length - 1] === '') header.pop();
  header.forEach((h, i) => {
    if (h === '') throw new AccordError('BAD_FILE', `${fileName}: column ${i + 1} has no name in the header row`);
    const first = header.findIndex((o) => o.toLowerCase() === h.toLowerCase());
    if (first !== i) throw new AccordError('BAD_FILE', `${fileName}: two columns are named "${h}" (columns ${first + 1} and ${i + 1})`);
  });
  const records = data.slice(1).map((cells, k) => {
    const row = k + 2;
    const trimmed = cells.map((c) => c.replace(/\r\n?/g, '\n').trim());
    if (trimmed.length > header.length && trimmed.slice(header.length).some((c) => c !== '')) {
      throw new AccordError('BAD_FILE', `${fileName}: row ${row} has ${trimmed.length} cells but the header has ${header.length}`);
    }
    if (trimmed.length < header.length) {
      throw new AccordError('BAD_FILE', `${fileName}: row ${row} has ${trimmed.length} cells but the header has ${header.length}`);
    }
    return { row, cells: trimmed.slice(0, header.length) };
  });
  return { header, records };
}

function findColumn(fileName: string, header: string[], wanted: string): number {
  const i = header.findIndex((h) => h.toLowerCase() === wanted.trim().toLowerCase());
  if (i === -1) {
    throw new AccordError('INVALID_INPUT', `${fileName}: has no column "${wanted}" (columns: ${header.join(', ')})`);
  }
  return i;
}

const ID_COLUMN_NAMES = ['id', 'participant id', 'participant_id', 'participantid', 'participant', 'pid', 'case', 'case id', 'respondent', 'respondent id'];

/**
 * Reads a participants table: one row per participant, an ID column and attribute columns.
 * The ID column is `idColumn` if given (case-insensitive), otherwise the first of ID, Participant
 * ID, Participant, PID, Case, Respondent..., otherwise the first column. Throws BAD_FILE naming
 * the row for ragged rows, empty ID cells and repeated IDs (compared case-insensitively, since
 * `id21` and `ID21` would be matched to the same documents), and when the ID column is empty.
 */
export function parseParticipantsCsv(fileName: string, text: string, idColumn?: string): ParticipantsTable {
  const { header, records } = readTable(fileName, text);
  let idIndex: number;
  if (idColumn !== undefined) idIndex = findColumn(fileName, header, idColumn);
  else {
    const lower = header.map((h) => h.toLowerCase());
    const known = ID_COLUMN_NAMES.map((n) => lower.indexOf(n)).find((i) => i !== -1);
    idIndex = known ?? 0;
  }
  const idName = header[idIndex];
  if (records.length === 0) throw new AccordError('BAD_FILE', `${fileName}: has a header but no participants`);
  if (records.every((r) => r.cells[idIndex] === '')) {
    throw new AccordError('BAD_FILE', `${fileName}: the ID column "${idName}" is empty`);
  }
  const attributes = header.filter((_, i) => i !== idIndex);
  const seen = new Map<string, number>();
  const rows = records.map((r) => {
    const id = r.cells[idIndex];
    if (id === '') throw new AccordError('BAD_FILE', `${fileName}: row ${r.row} has no participant ID (column "${idName}")`);
    const key = id.toLowerCase();
    const first = seen.get(key);
    if (first !== undefined) {
      throw new AccordError('BAD_FILE', `${fileName}: row ${r.row} repeats participant ID "${id}" (first on row ${first})`);
    }
    seen.set(key, r.row);
    const attrs: Record<string, string> = {};
    header.forEach((h, i) => {
      if (i !== idIndex) attrs[h] = r.cells[i];
    });
    return { id, attributes: attrs };
  });
  return { idColumn: idName, attributes, rows };
}

/**
 * Reads survey responses: `textColumn` holds each response's text (it becomes a document), the
 * other columns become its attributes. Rows with an empty response are skipped with a warning.
 */
export function parseSurveyCsv(fileName: string, text: string, textColumn: string): SurveyTable {
  const { header, records } = readTable(fileName, text);
  const t = findColumn(fileName, header, textColumn);
  const attributes = header.filter((_, i) => i !== t);
  const skipped: number[] = [];
  const rows: SurveyTable['rows'] = [];
  for (const r of records) {
    const response = r.cells[t];
    if (response === '') {
      skipped.push(r.row);
      continue;
    }
    const attrs: Record<string, string> = {};
    header.forEach((h, i) => {
      if (i !== t) attrs[h] = r.cells[i];
    });
    rows.push({ row: r.row, text: response, attributes: attrs });
  }
  const warnings = skipped.length
    ? [`${fileName}: ${skipped.length} row${skipped.length > 1 ? 's have' : ' has'} no response in "${header[t]}" and ${skipped.length > 1 ? 'were' : 'was'} skipped (row${skipped.length > 1 ? 's' : ''} ${skipped.join(', ')})`]
    : [];
  return { textColumn: header[t], attributes, rows, warnings };
}

const SPEAKER_COLUMNS = ['speaker', 'name', 'who', 'role', 'hablante'];
const STATEMENT_COLUMNS = ['statement', 'text', 'utterance', 'transcript', 'content', 'message', 'response', 'texto'];
// NVivo's transcript table calls it Timespan and may write a range, `0:00:03.5 - 0:00:06.9`.
const TIME_COLUMNS = ['timestamp', 'time', 'start', 'start time', 'timespan', 'tiempo'];

/** A time cell: a time, or the start of a range `start - end`. */
function cellTime(cell: string): number | null {
  const range = /^\s*(\S+)\s*[-–]\s*\S+\s*$/.exec(cell);
  return parseTimestamp(range ? range[1] : cell);
}

/**
 * Reads a transcript kept as a table (one row per utterance, columns like speaker, statement and
 * an optional timestamp) into text and turns: each row becomes the paragraph `Speaker: statement`,
 * paragraphs separated by a blank line; `startMs` comes from the timestamp column (`0:06`,
 * `00:01:02`, or a range's start: NVivo's `Timespan`, `0:00:03.5 - 0:00:06.9`). Returns null when the table has no speaker and statement columns (so it is not a
 * transcript). Text is NFC-normalised per row so that turn offsets stay exact.
 */
export function parseTranscriptCsv(
  fileName: string,
  text: string,
): { text: string; turns: Turn[]; durationMs: number | null } | null {
  const { header, records } = readTable(fileName, text);
  const lower = header.map((h) => h.toLowerCase());
  const sp = SPEAKER_COLUMNS.map((n) => lower.indexOf(n)).find((i) => i !== -1);
  const st = STATEMENT_COLUMNS.map((n) => lower.indexOf(n)).find((i) => i !== -1);
  if (sp === undefined || st === undefined) return null;
  const tm = TIME_COLUMNS.map((n) => lower.indexOf(n)).find((i) => i !== -1);
  let out = '';
  const turns: Turn[] = [];
  for (const r of records) {
    const speaker = r.cells[sp].normalize('NFC');
    const statement = r.cells[st].normalize('NFC');
    if (statement === '' && speaker === '') continue;
    if (out !== '') out += '\n\n';
    const start = out.length;
    out += speaker && statement ? `${speaker}: ${statement}` : speaker ? `${speaker}:` : statement;
    const ms = tm !== undefined ? cellTime(r.cells[tm]) : null;
    turns.push({ speaker, start, end: out.length, startMs: ms, endMs: null });
  }
  if (turns.length === 0) throw new AccordError('BAD_FILE', `${fileName}: has no rows`);
  const times = turns.map((t) => t.startMs).filter((m): m is number => typeof m === 'number');
  return { text: out, turns, durationMs: times.length ? Math.max(...times) : null };
}

const NUMBER = /^[+-]?(?:\d+|\d{1,3}(?:,\d{3})+)(?:\.\d+)?$|^[+-]?\d+,\d+$/;
const DATE = /^(?:\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?)?|\d{4}-\d{2}|\d{1,2}[/.]\d{1,2}[/.]\d{2,4})$/;

/**
 * Guesses an attribute's type from its values (empty cells ignored):
 * - `number` when every value is a number (`42`, `-3.5`, `1,234`, `3,5`);
 * - `date` when every value is a date (`2022-03-14`, `2022-03`, `14/03/2022`, `14.3.22`);
 * - `category` when values are short (≤ 40 characters, one line) and repeat: at most 20 distinct
 *   values, and fewer distinct values than rows (or at most 2 rows, too few to tell);
 * - `text` otherwise, and for a column with no values at all.
 */
export function inferAttributeType(values: readonly string[]): AttributeType {
  const v = values.map((x) => x.trim()).filter((x) => x !== '');
  if (v.length === 0) return 'text';
  if (v.every((x) => NUMBER.test(x))) return 'number';
  if (v.every((x) => DATE.test(x))) return 'date';
  const distinct = new Set(v).size;
  const short = v.every((x) => x.length <= 40 && !x.includes('\n'));
  if (short && distinct <= 20 && (distinct < v.length || v.length <= 2)) return 'category';
  return 'text';
}
