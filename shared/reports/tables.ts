// Builders for the paper's tables (Curry et al. 2022 shapes): participant characteristics (Table 1),
// themes and subthemes (Table 2), code structure (Supplemental Table 1), quotes (Supplemental
// Table 2) and inter-coder agreement. Pure functions from plain domain data to a ReportTable.

import { AccordError } from '../errors';
import { runsCell, textCell, type ReportTable, type TableRow, type TextRun } from './table';
import { plural } from '../text/wording';

const NOT_RECORDED = 'Not recorded';

/** Optional title, label, footnote and notes that every builder accepts. */
export interface TableText {
  label?: string;
  title?: string;
  caption?: string;
  footnote?: string;
}

function withText(table: ReportTable, text: TableText | undefined): ReportTable {
  if (!text) return table;
  const out = { ...table };
  if (text.label !== undefined) out.label = text.label;
  if (text.title !== undefined) out.title = text.title;
  if (text.caption !== undefined) out.caption = text.caption;
  if (text.footnote !== undefined) out.footnote = text.footnote;
  return out;
}

// ---------------------------------------------------------------------------------------------
// Table 1: participant characteristics

export interface ParticipantRecord {
  pid: string;
  attributes: Record<string, string>;
}

export interface ParticipantTableOptions extends TableText {
  /** Preferred order of values per attribute; values not listed follow in first-seen order. */
  valueOrder?: Record<string, string[]>;
  /** Printed name of an attribute, e.g. `{ gender: 'Sex' }`; defaults to the attribute name. */
  attributeLabels?: Record<string, string>;
  /** Add the percentage of n after each count: `10 (38%)`. */
  percent?: boolean;
  /** Header of the count column; the study leaves it blank. */
  countHeader?: string;
}

/**
 * Table 1: "Participants (n=N)", then per chosen attribute a section row and one row per value with
 * its count. Values appear in the given order, then first-seen order; participants without a value
 * are counted as "Not recorded" (a row that appears only when needed).
 */
export function participantCharacteristics(
  participants: ParticipantRecord[],
  attributes: string[],
  opts: ParticipantTableOptions = {},
): ReportTable {
  const seen = new Set<string>();
  for (const p of participants) {
    if (seen.has(p.pid)) throw new AccordError('INVALID_INPUT', `Participant ${p.pid} is listed twice`);
    seen.add(p.pid);
  }
  const n = participants.length;
  const rows: TableRow[] = [];
  const formatCount = (count: number): string =>
    opts.percent && n > 0 ? `${count} (${Math.round((100 * count) / n)}%)` : String(count);

  for (const attribute of attributes) {
    const counts = new Map<string, number>();
    for (const value of opts.valueOrder?.[attribute] ?? []) counts.set(value, 0);
    let missing = 0;
    let held = 0;
    for (const p of participants) {
      const value = (p.attributes[attribute] ?? '').trim();
      if (value === '') {
        missing++;
        continue;
      }
      held++;
      counts.set(value, (counts.get(value) ?? 0) + 1);
    }
    if (held === 0 && n > 0) {
      throw new AccordError('INVALID_INPUT', `No participant has a value for the attribute "${attribute}"`);
    }
    rows.push({ rowKind: 'section', cells: [textCell(opts.attributeLabels?.[attribute] ?? attribute), textCell('')] });
    for (const [value, count] of counts) rows.push({ cells: [textCell(value, 1), textCell(formatCount(count))] });
    if (missing > 0) rows.push({ cells: [textCell(NOT_RECORDED, 1), textCell(formatCount(missing))] });
  }

  return withText(
    {
      label: 'Table 1',
      title: 'Study participant characteristics',
      columns: [textCell(`Participants (n=${n})`), textCell(opts.countHeader ?? '')],
      columnNames: ['', opts.percent ? 'Number of participants (%)' : 'Number of participants'],
      rows,
      notes: [`Counts from project data: ${n} participant${n === 1 ? '' : 's'}; attributes ${attributes.join(', ')}.`],
    },
    opts,
  );
}

// ---------------------------------------------------------------------------------------------
// Table 2: themes and subthemes

export interface SubthemeSummary {
  name: string;
  /** The sentence the paper prints for the subtheme; defaults to the name. */
  summary?: string;
}

export interface ThemeSummary {
  name: string;
  subthemes: (string | SubthemeSummary)[];
}

/** Joins subtheme texts as the study does: `a; b; c.` (the author's wording and case are kept). */
export function joinSubthemes(texts: string[]): string {
  const parts = texts.map((t) => t.trim().replace(/[.;]+$/, '')).filter((t) => t !== '');
  return parts.length === 0 ? '' : `${parts.join('; ')}.`;
}

/** Table 2: Theme | Subthemes, one row per theme in the given order. */
export function themesTable(themes: ThemeSummary[], opts: TableText = {}): ReportTable {
  const rows: TableRow[] = themes.map((theme) => ({
    cells: [
      textCell(theme.name),
      textCell(joinSubthemes(theme.subthemes.map((s) => (typeof s === 'string' ? s : (s.summary ?? s.name))))),
    ],
  }));
  const subthemeCount = themes.reduce((sum, t) => sum + t.subthemes.length, 0);
  return withText(
    {
      label: 'Table 2',
      title: 'Themes and subthemes',
      columns: [textCell('Theme'), textCell('Subthemes')],
      rows,
      notes: [`From project data: ${themes.length} themes, ${subthemeCount} subthemes.`],
    },
    opts,
  );
}

// ---------------------------------------------------------------------------------------------
// Supplemental Table 1: code structure

export interface CodeEntry {
  label: string;
  name: string;
  definition: string;
  /** The parent's label (either field may be used; `parent` matches CodeDraft). */
  parentLabel?: string | null;
  parent?: string | null;
}

/** Strips the trailing period the study writes after child labels (`10a.`). */
function labelKey(label: string): string {
  return label.trim().replace(/\.+$/, '');
}

function compareDigits(a: string, b: string): number {
  const x = a.replace(/^0+(?=\d)/, '');
  const y = b.replace(/^0+(?=\d)/, '');
  if (x.length !== y.length) return x.length - y.length;
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * Natural order of code labels: digit runs compare as numbers, so 10 < 10a < 10b < 20 < 90 < 100 <
 * 200 < 999. A trailing period is ignored, letters compare case-insensitively, empty labels sort last.
 */
export function compareLabels(a: string, b: string): number {
  const ka = labelKey(a);
  const kb = labelKey(b);
  if (ka === '' || kb === '') return ka === kb ? 0 : ka === '' ? 1 : -1;
  const ca = ka.match(/\d+|\D+/g) ?? [];
  const cb = kb.match(/\d+|\D+/g) ?? [];
  for (let i = 0; i < Math.min(ca.length, cb.length); i++) {
    const da = /^\d/.test(ca[i]);
    const db = /^\d/.test(cb[i]);
    let c: number;
    if (da && db) c = compareDigits(ca[i], cb[i]);
    else if (da !== db) c = da ? -1 : 1;
    else {
      const la = ca[i].toLowerCase();
      const lb = cb[i].toLowerCase();
      c = la < lb ? -1 : la > lb ? 1 : 0;
    }
    if (c !== 0) return c;
  }
  if (ca.length !== cb.length) return ca.length - cb.length;
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

export interface CodeStructureOptions extends TableText {
  /** Header of the label column and of the code column. */
  headers?: [string, string];
}

/** The code's name with its definition in italics, as the study prints it: `Name (definition)`. */
export function nameWithDefinition(name: string, definition: string): TextRun[] {
  const def = definition.trim();
  return def === '' ? [{ text: name }] : [{ text: `${name} (` }, { text: def, italic: true }, { text: ')' }];
}

/**
 * Supplemental Table 1: label | name (definition), children indented under their parent, siblings in
 * natural label order (depth first, so every child follows its parent).
 */
export function codeStructure(codes: CodeEntry[], opts: CodeStructureOptions = {}): ReportTable {
  const byKey = new Map<string, CodeEntry>();
  for (const code of codes) {
    const key = labelKey(code.label);
    if (key !== '' && byKey.has(key)) throw new AccordError('INVALID_INPUT', `Code label ${code.label} is used twice`);
    if (key !== '') byKey.set(key, code);
  }
  const children = new Map<CodeEntry | null, CodeEntry[]>();
  for (const code of codes) {
    const parentRef = code.parentLabel ?? code.parent ?? null;
    let parent: CodeEntry | null = null;
    if (parentRef !== null && labelKey(parentRef) !== '') {
      const found = byKey.get(labelKey(parentRef));
      if (!found) {
        throw new AccordError('INVALID_INPUT', `Code ${code.label} ${code.name}: parent ${parentRef} does not exist`);
      }
      parent = found;
    }
    const list = children.get(parent) ?? [];
    list.push(code);
    children.set(parent, list);
  }

  const rows: TableRow[] = [];
  const visited = new Set<CodeEntry>();
  const visit = (parent: CodeEntry | null, depth: number): void => {
    const kids = [...(children.get(parent) ?? [])].sort(
      (a, b) => compareLabels(a.label, b.label) || a.name.localeCompare(b.name),
    );
    for (const code of kids) {
      visited.add(code);
      rows.push({
        cells: [textCell(code.label.trim(), depth), runsCell(nameWithDefinition(code.name, code.definition), depth)],
      });
      visit(code, depth + 1);
    }
  };
  visit(null, 0);
  if (visited.size !== codes.length) {
    const stuck = codes.find((c) => !visited.has(c));
    throw new AccordError('INVALID_INPUT', `Code ${stuck?.label ?? ''} is part of a parent cycle`);
  }

  const [labelHeader, codeHeader] = opts.headers ?? ['Label', 'Code (definition)'];
  return withText(
    {
      label: 'Supplemental Table 1',
      title: 'Code structure',
      columns: [textCell(labelHeader), textCell(codeHeader)],
      rows,
      notes: [`From the project codebook: ${codes.length} codes, ${children.get(null)?.length ?? 0} at the top level.`],
    },
    opts,
  );
}

// ---------------------------------------------------------------------------------------------
// Supplemental Table 2: quotes

export interface QuoteEntry {
  text: string;
  /** Participant ID as the study writes it, e.g. `ID17`; empty when unknown. */
  participant: string;
  /** Label printed before the quote; defaults to the subtheme's name. */
  leadIn?: string;
  /** Where the quote is spoken in the recording (`12:03`), printed after the participant ID. */
  time?: string;
}

export interface QuoteTheme {
  name: string;
  subthemes: { name: string; quotes: QuoteEntry[] }[];
}

/** One quote as the study prints it: `Lead-in: quote text ID17`. */
export function formatQuote(quote: QuoteEntry, subtheme: string): string {
  const leadIn = (quote.leadIn ?? subtheme).trim();
  const body = quote.text.trim().replace(/\s*\n\s*/g, ' ');
  const id = [quote.participant.trim(), quote.time?.trim() ?? ''].filter(Boolean).join(', ');
  return `${leadIn ? `${leadIn}: ` : ''}${body}${id ? ` ${id}` : ''}`;
}

/**
 * Supplemental Table 2: Theme | quotes, one row per theme, each quote its own paragraph in the given
 * order, labelled with its lead-in and ending with the participant ID.
 */
export function quotesTable(themes: QuoteTheme[], opts: TableText = {}): ReportTable {
  let count = 0;
  let unidentified = 0;
  const rows: TableRow[] = themes.map((theme) => {
    const paragraphs: string[] = [];
    for (const sub of theme.subthemes) {
      for (const quote of sub.quotes) {
        paragraphs.push(formatQuote(quote, sub.name));
        count++;
        if (quote.participant.trim() === '') unidentified++;
      }
    }
    return { cells: [textCell(theme.name), textCell(paragraphs.join('\n'))] };
  });
  const notes = [`From project data: ${count} quotes in ${themes.length} themes.`];
  if (unidentified > 0) notes.push(`${unidentified} quotes carry no participant ID.`);
  return withText(
    {
      label: 'Supplemental Table 2',
      title: 'Additional quotes',
      columns: [textCell('Theme'), textCell('Supplemental Quotes')],
      rows,
      notes,
    },
    opts,
  );
}

// ---------------------------------------------------------------------------------------------
// Inter-coder agreement

export interface AgreementMeasure {
  key: string;
  /** Printed name, e.g. `Cohen's κ` or `Percent agreement`. */
  name: string;
  /** `percent` prints 0.87 as 87.0%; `integer` prints counts. Default: fixed decimals. */
  format?: 'decimal' | 'percent' | 'integer';
  decimals?: number;
}

export interface AgreementRow {
  /** Code label, e.g. `10a`; empty for the overall row. */
  label?: string;
  name: string;
  /** One value per measure key; null when the measure is undefined for this code. */
  values: Record<string, number | null>;
  /** Why a null value is undefined, per measure key (e.g. "no coder applied the code"). */
  reasons?: Record<string, string>;
}

export interface AgreementTableOptions extends TableText {
  measures: AgreementMeasure[];
  /** The unit agreement was computed on, e.g. `characters` or `speaker turns`. */
  unit: string;
  overall?: AgreementRow;
  coders?: string[];
  /** The report's scope sentence (scope, unit, coders, documents, units), put first in the footnote. */
  sentence?: string;
  /** Codes left out because no coder applied them in scope (their agreement would be a trivial 100 %). */
  notApplied?: number;
}

function formatMeasure(value: number, m: AgreementMeasure): string {
  if (m.format === 'integer') return String(Math.round(value));
  if (m.format === 'percent') return `${(value * 100).toFixed(m.decimals ?? 1)}%`;
  return value.toFixed(m.decimals ?? 2);
}

/**
 * Agreement per code and overall: Code | one column per measure. The measures and the unit are named
 * in the title and footnote; undefined values print as "—" and their reasons go into the footnote.
 */
export function agreementTable(rows: AgreementRow[], opts: AgreementTableOptions): ReportTable {
  if (opts.measures.length === 0) throw new AccordError('INVALID_INPUT', 'An agreement table needs at least one measure');
  if (opts.unit.trim() === '') throw new AccordError('INVALID_INPUT', 'An agreement table needs the unit of analysis');
  const undefinedNotes: string[] = [];
  const toRow = (row: AgreementRow, kind: 'data' | 'total'): TableRow => {
    const codeName = row.label ? `${row.label} ${row.name}` : row.name;
    const bold = kind === 'total';
    const cells = [runsCell([{ text: codeName, ...(bold ? { bold } : {}) }])];
    for (const m of opts.measures) {
      const value = row.values[m.key];
      if (value === null || value === undefined || !Number.isFinite(value)) {
        cells.push(textCell('—'));
        undefinedNotes.push(`${codeName}, ${m.name}: ${row.reasons?.[m.key] ?? 'not computed'}`);
      } else {
        cells.push(runsCell([{ text: formatMeasure(value, m), ...(bold ? { bold } : {}) }]));
      }
    }
    return kind === 'total' ? { rowKind: 'total', cells } : { cells };
  };
  const body = rows.map((r) => toRow(r, 'data'));
  if (opts.overall) body.push(toRow(opts.overall, 'total'));

  const measureNames = opts.measures.map((m) => m.name).join(', ');
  let footnote = `${opts.sentence ? `${opts.sentence} ` : ''}${measureNames} computed on ${opts.unit}`;
  footnote += opts.coders && opts.coders.length > 0 ? ` between coders ${opts.coders.join(', ')}.` : '.';
  if (opts.notApplied) footnote += ` ${plural(opts.notApplied, 'code')} that no coder applied in scope, directly or through a sub-code, ${opts.notApplied === 1 ? 'is' : 'are'} not listed.`;
  if (undefinedNotes.length > 0) footnote += ` — not defined: ${undefinedNotes.join('; ')}.`;
  return withText(
    {
      label: '',
      title: `Inter-coder agreement per code and overall (${measureNames}; unit: ${opts.unit})`,
      columns: [textCell('Code'), ...opts.measures.map((m) => textCell(m.name))],
      rows: body,
      footnote,
      notes: [`Computed from project codings: ${rows.length} codes.`],
    },
    opts,
  );
}
