// Codings as CSV: import codings made in another tool or a spreadsheet (`document,coder,code,start,
// end`, all or nothing) and export every coding in the long format analysts load into R or Python.
import Papa from 'papaparse';
import type { CodingsImportResult } from '../../../shared/api/agreement';
import { AccordError } from '../../../shared/errors';
import { paletteColor } from '../../../shared/model/colors';
import type { Code } from '../../../shared/model/types';
import { nowIso } from '../db/changes';
import type { Session } from '../session';
import { codePaths } from './agreement';
import { listCodes } from './codebook';

const REQUIRED = ['document', 'coder', 'code', 'start', 'end'] as const;

// A spreadsheet runs a cell starting with = + - @ as a formula; signed numbers stay plain data.
const FORMULA = /^[=+\-@\t\r](?![0-9]*\.?[0-9]+%?$)/;

interface ParsedRow {
  row: number;
  documentId: number;
  codeId: number;
  coder: string;
  start: number;
  end: number;
  text: string;
}

function codeLookup(codes: readonly Code[]): (key: string) => Code | undefined {
  const byLabel = new Map<string, Code>();
  const byName = new Map<string, Code>();
  for (const c of codes) {
    if (c.label && !byLabel.has(c.label.toLowerCase())) byLabel.set(c.label.toLowerCase(), c);
    if (!byName.has(c.name.toLowerCase())) byName.set(c.name.toLowerCase(), c);
  }
  return (key) => {
    const k = key.trim().replace(/\.$/, '').toLowerCase();
    return byLabel.get(k) ?? byName.get(k);
  };
}

function offsetCell(value: string, column: string, where: string): number {
  const v = value.trim();
  if (!/^\d+$/.test(v)) throw new AccordError('INVALID_INPUT', `${where}: ${column} must be a whole number ≥ 0, not "${value}"`);
  return Number(v);
}

/**
 * Import codings from CSV with a header naming the columns `document`, `coder`, `code` (or
 * `code_label`, as exported), `start`, `end`, in any order; other columns are ignored. Documents by
 * name, codes by label (else name); new coders are added. Any bad row stops the import with an
 * error naming the row, and nothing is written.
 */
export function importCodingsCsv(s: Session, fileName: string, text: string): CodingsImportResult {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const parsed = Papa.parse<string[]>(body, { skipEmptyLines: 'greedy' });
  const quoteError = parsed.errors.find((e) => e.type === 'Quotes');
  if (quoteError) throw new AccordError('BAD_FILE', `${fileName} row ${(quoteError.row ?? 0) + 1}: ${quoteError.message}`);
  const [header, ...data] = parsed.data;
  if (!header) throw new AccordError('BAD_FILE', `${fileName}: is empty (expected a header row: ${REQUIRED.join(',')})`);
  const names = header.map((h) => h.trim().toLowerCase());
  const col = (name: string, alt?: string) => {
    const i = names.indexOf(name);
    return i >= 0 || !alt ? i : names.indexOf(alt);
  };
  const idx = { document: col('document'), coder: col('coder'), code: col('code', 'code_label'), start: col('start'), end: col('end') };
  const missing = REQUIRED.filter((k) => idx[k] < 0);
  if (missing.length) throw new AccordError('BAD_FILE', `${fileName} row 1 (header): missing column(s) ${missing.join(', ')}`);

  const docs = new Map<string, { id: number; text: string }>();
  const findDoc = s.db.prepare('SELECT id, name, text FROM documents WHERE name = ?');
  const findCode = codeLookup(listCodes(s));
  const rows: ParsedRow[] = data.map((cells, i) => {
    const row = i + 2;
    const where = `${fileName} row ${row}`;
    const cell = (k: keyof typeof idx) => (cells[idx[k]] ?? '').trim();
    const docName = cell('document');
    let doc = docs.get(docName.toLowerCase());
    if (!doc) {
      const r = findDoc.get(docName) as { id: number; text: string } | undefined;
      if (!r) throw new AccordError('NOT_FOUND', `${where}: no document named "${docName}"`);
      doc = { id: r.id, text: r.text };
      docs.set(docName.toLowerCase(), doc);
    }
    const code = findCode(cell('code'));
    if (!code) throw new AccordError('NOT_FOUND', `${where}: no code with label or name "${cell('code')}"`);
    const coder = cell('coder');
    if (!coder) throw new AccordError('INVALID_INPUT', `${where}: the coder is empty`);
    if (coder.length > 80) throw new AccordError('INVALID_INPUT', `${where}: the coder's name is longer than 80 characters`);
    const start = offsetCell(cell('start'), 'start', where);
    const end = offsetCell(cell('end'), 'end', where);
    if (!(end > start) || end > doc.text.length) {
      throw new AccordError('INVALID_INPUT', `${where}: the range [${start}, ${end}) is empty or not inside "${docName}" (0–${doc.text.length})`);
    }
    return { row, documentId: doc.id, codeId: code.id, coder, start, end, text: doc.text.slice(start, end) };
  });

  const findCoder = s.db.prepare('SELECT id FROM coders WHERE name = ?');
  const exists = s.db.prepare('SELECT 1 FROM codings WHERE document_id = ? AND code_id = ? AND coder_id = ? AND start = ? AND "end" = ?');
  return s.change('coding.import', `import ${rows.length} codings from ${fileName}`, (c) => {
    const coderIds = new Map<string, number>();
    const created: string[] = [];
    let count = (s.db.prepare('SELECT count(*) AS n FROM coders').get() as { n: number }).n;
    let imported = 0;
    let duplicates = 0;
    const now = nowIso();
    for (const r of rows) {
      const key = r.coder.toLowerCase();
      let coderId = coderIds.get(key);
      if (coderId === undefined) {
        const found = findCoder.get(r.coder) as { id: number } | undefined;
        coderId = found?.id ?? c.insert('coders', { name: r.coder, color: paletteColor(count++ + 3), is_consensus: 0, created_at: now });
        if (!found) created.push(r.coder);
        coderIds.set(key, coderId);
      }
      if (exists.get(r.documentId, r.codeId, coderId, r.start, r.end)) {
        duplicates++;
        continue;
      }
      c.insert('codings', { document_id: r.documentId, code_id: r.codeId, coder_id: coderId, start: r.start, end: r.end, text: r.text, created_at: now });
      imported++;
    }
    return { imported, duplicates, codersCreated: created };
  });
}

/**
 * Every coding, one row each: document, participant, coder, code label, code name, code path,
 * start, end (UTF-16 offsets, end exclusive) and the coded text.
 */
export function exportCodingsCsv(s: Session): string {
  const codes = listCodes(s);
  const byId = new Map(codes.map((c) => [c.id as number, c]));
  const paths = codePaths(codes);
  const rows = s.db
    .prepare(
      `SELECT d.name AS document, p.pid AS participant, k.name AS coder, c.code_id, c.start, c."end", c.text
       FROM codings c JOIN documents d ON d.id = c.document_id JOIN coders k ON k.id = c.coder_id
       LEFT JOIN participants p ON p.id = d.participant_id
       ORDER BY d.ord, d.id, c.start, c."end", c.code_id, k.id`,
    )
    .all() as { document: string; participant: string | null; coder: string; code_id: number; start: number; end: number; text: string }[];
  return Papa.unparse(
    {
      fields: ['document', 'participant', 'coder', 'code_label', 'code_name', 'code_path', 'start', 'end', 'text'],
      data: rows.map((r) => {
        const code = byId.get(r.code_id);
        return [r.document, r.participant ?? '', r.coder, code?.label ?? '', code?.name ?? '', paths.get(r.code_id) ?? '', r.start, r.end, r.text];
      }),
    },
    { newline: '\r\n', escapeFormulae: FORMULA },
  );
}
