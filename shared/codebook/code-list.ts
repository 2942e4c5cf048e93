// Parsers for code lists: the study's tab-separated "Code Structure" text
// (`10<TAB>Features of the innovation (<i>definition</i>)`, `10a.<TAB>Adaptation (e.g., …)`) and CSV
// with the columns `label,name,definition,parent`. Both yield CodeDrafts with parents by label.
import Papa from 'papaparse';
import { AccordError } from '../errors';
import type { CodeDraft } from '../model/types';

const LABEL = /^(\d+[A-Za-z0-9]*)\.?$/;

/** The label of a code's parent by the numbering convention: `10a` → `10`, `10a1` → `10a`, `100` → null. */
export function parentLabelOf(label: string): string | null {
  const groups = label.match(/\d+|[A-Za-z]+/g);
  if (!groups || groups.length < 2) return null;
  return groups.slice(0, -1).join('');
}

function stripTags(s: string): string {
  return s.replace(/<\/?[a-zA-Z][^>]*>/g, '').replace(/\s+/g, ' ').trim();
}

/** Split `Name (definition)` into name and definition; the definition is the trailing balanced group. */
export function splitNameDefinition(raw: string): { name: string; definition: string } {
  const text = stripTags(raw);
  if (!text.endsWith(')')) return { name: text, definition: '' };
  let depth = 0;
  for (let i = text.length - 1; i >= 0; i--) {
    if (text[i] === ')') depth++;
    else if (text[i] === '(') {
      depth--;
      if (depth === 0) {
        const name = text.slice(0, i).trim();
        if (!name) return { name: text, definition: '' };
        return { name, definition: text.slice(i + 1, -1).trim() };
      }
    }
  }
  return { name: text, definition: '' };
}

/** Parse the study's tab-separated code structure. Lines without a label (titles, blanks) are skipped. */
export function parseStudyCodeList(text: string, fileName = 'code list'): CodeDraft[] {
  const drafts: CodeDraft[] = [];
  const seen = new Set<string>();
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  lines.forEach((line, i) => {
    const m = line.match(/^\s*(\S+)(?:\t+|\s+)(.+)$/);
    if (!m) return;
    const label = m[1].match(LABEL)?.[1];
    if (!label) return;
    const { name, definition } = splitNameDefinition(m[2]);
    if (!name) return;
    if (seen.has(label.toLowerCase())) {
      throw new AccordError('INVALID_INPUT', `${fileName}, line ${i + 1}: label ${label} appears twice`);
    }
    seen.add(label.toLowerCase());
    drafts.push({ label, name, definition, parent: null });
  });
  for (const d of drafts) {
    // The parent is the nearest shorter label that exists (`10a1` → `10a`, else `10`).
    let p = parentLabelOf(d.label);
    while (p && !seen.has(p.toLowerCase())) p = parentLabelOf(p);
    d.parent = p;
  }
  return drafts;
}

/** Parse a CSV code list with a header row containing at least `name` (and optionally label, definition, parent, color). */
export function parseCsvCodeList(text: string, fileName = 'code list'): CodeDraft[] {
  const parsed = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), {
    header: true,
    skipEmptyLines: 'greedy',
    transformHeader: (h) => h.trim().toLowerCase(),
  });
  const fields = parsed.meta.fields ?? [];
  if (!fields.includes('name')) {
    throw new AccordError('INVALID_INPUT', `${fileName}: a CSV code list needs a "name" column (found: ${fields.join(', ') || 'none'})`);
  }
  const bad = parsed.errors.find((e) => e.type !== 'Delimiter');
  if (bad) throw new AccordError('INVALID_INPUT', `${fileName}, row ${(bad.row ?? 0) + 2}: ${bad.message}`);
  const drafts = parsed.data.map((r, i) => {
    const name = (r.name ?? '').trim();
    if (!name) throw new AccordError('INVALID_INPUT', `${fileName}, row ${i + 2}: the name is empty`);
    const color = (r.color ?? r.colour ?? '').trim();
    return {
      label: (r.label ?? '').trim().replace(/\.$/, ''),
      name,
      definition: (r.definition ?? '').trim(),
      parent: (r.parent ?? '').trim().replace(/\.$/, '') || null,
      ...(/^#[0-9a-f]{6}$/i.test(color) ? { color } : {}),
    };
  });
  const keys = new Set(drafts.flatMap((d) => [d.label.toLowerCase(), d.name.toLowerCase()]).filter(Boolean));
  drafts.forEach((d, i) => {
    if (d.parent && !keys.has(d.parent.toLowerCase())) {
      throw new AccordError('INVALID_INPUT', `${fileName}, row ${i + 2}: parent "${d.parent}" is not a label or name in this list`);
    }
  });
  return drafts;
}

/** Detect the form (CSV when the file is .csv or its first line is a CSV header with `name`) and parse. */
export function parseCodeList(fileName: string, text: string): { format: 'study' | 'csv'; drafts: CodeDraft[] } {
  const first = text.replace(/^\uFEFF/, '').split(/\r?\n/).find((l) => l.trim()) ?? '';
  const looksCsv = /\.csv$/i.test(fileName) || /(^|,)\s*"?name"?\s*(,|$)/i.test(first);
  const drafts = looksCsv ? parseCsvCodeList(text, fileName) : parseStudyCodeList(text, fileName);
  if (drafts.length === 0) {
    throw new AccordError(
      'INVALID_INPUT',
      `${fileName}: no codes found (expected lines like "10<TAB>Name (definition)" or a CSV with label,name,definition,parent)`,
    );
  }
  return { format: looksCsv ? 'csv' : 'study', drafts };
}

/** Write codes as CSV with the columns `label,name,definition,parent,color` (parent by label, else name). */
export function codeListToCsv(rows: { label: string; name: string; definition: string; parent: string | null; color: string }[]): string {
  return Papa.unparse(
    { fields: ['label', 'name', 'definition', 'parent', 'color'], data: rows.map((r) => [r.label, r.name, r.definition, r.parent ?? '', r.color]) },
    { newline: '\n' },
  ) + '\n';
}
