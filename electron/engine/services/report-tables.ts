// The paper's tables built from the open project: participants (Table 1), themes (Table 2), code
// structure and quotes (Supplemental Tables 1 and 2), agreement and COREQ; and their export as files.
// Where the project lacks the data, the table says what is missing instead of inventing rows.
import { formatClock } from '../../../shared/text/clock';
import { AccordError } from '../../../shared/errors';
import type { AgreementMeasures } from '../../../shared/api/agreement';
import type { ReportFile, ReportFormat, ReportTableKind } from '../../../shared/api/reports';
import { compareLabels } from '../../../shared/codebook/tree';
import { coreqTable } from '../../../shared/reports/coreq';
import { runsCell, textCell, type ReportTable, type TableRow } from '../../../shared/reports/table';
import {
  codeStructure,
  nameWithDefinition,
  agreementTable,
  participantCharacteristics,
  quotesTable,
  themesTable,
  type AgreementMeasure,
  type AgreementRow,
  type ParticipantRecord,
} from '../../../shared/reports/tables';
import { renderTable, toDocx } from '../export';
import { appendixToDocx, appendixToHtml, appendixToMarkdown } from '../export/appendix';
import type { Session } from '../session';
import { agreementReport } from './agreement';
import { listCodes } from './codebook';
import { listMemos } from './memos';
import { categoryAttributes, coreqAnswers } from './coreq';
import { methodsAppendix } from './methods';
import { listParticipants } from './participants';
import { listThemes } from './themes';

/** Code memos in codebook order (label and name, title, text, author), or null when no code has one. */
export function codeMemosTable(s: Session): ReportTable | null {
  const memos = listMemos(s, { target: 'code' });
  if (memos.length === 0) return null;
  const order = new Map(listCodes(s).map((c, i) => [c.id as number, i]));
  memos.sort((a, b) => (order.get(a.codeId!) ?? 0) - (order.get(b.codeId!) ?? 0));
  return {
    title: 'Code memos',
    columns: [textCell('Code'), textCell('Memo'), textCell('Author')],
    rows: memos.map((m) => ({
      cells: [textCell(m.subject), m.title ? runsCell([{ text: `${m.title}\n`, bold: true }, { text: m.body }]) : textCell(m.body), textCell(m.author)],
    })),
    notes: [`From project data: ${memos.length === 1 ? '1 code memo' : `${memos.length} code memos`}.`],
  };
}

/** A table with no rows whose caption says what the project is missing. */
function emptyTable(base: Pick<ReportTable, 'label' | 'title' | 'columns'>, missing: string): ReportTable {
  return { ...base, rows: [], caption: missing };
}

/** Table 1 from participants and their category attributes (default: every category attribute in use). */
export function participantsReport(s: Session, attributes?: string[]): ReportTable {
  const people: ParticipantRecord[] = listParticipants(s).map((p) => ({ pid: p.pid, attributes: p.attributes }));
  const known = categoryAttributes(s);
  let chosen: string[];
  if (attributes && attributes.length > 0) {
    chosen = attributes.map((a) => {
      const found = known.find((k) => k.name.toLowerCase() === a.toLowerCase());
      if (!found) {
        throw new AccordError('INVALID_INPUT', `participant table: "${a}" is not a category attribute (known: ${known.map((k) => k.name).join(', ') || 'none'})`);
      }
      return found.name;
    });
  } else {
    chosen = known.filter((k) => k.participants > 0).map((k) => k.name);
  }
  const base = { label: 'Table 1', title: 'Study participant characteristics', columns: [textCell(`Participants (n=${people.length})`), textCell('')] };
  if (people.length === 0) return emptyTable(base, 'The project has no participants yet (they come from transcripts named with a participant ID).');
  if (chosen.length === 0) {
    return emptyTable(base, `No category attributes are recorded for the ${people.length} participants; add attributes such as Sex or Role to count them.`);
  }
  return participantCharacteristics(people, chosen);
}

/** Table 2: each theme with its subthemes' summaries (or names). */
export function themesReport(s: Session): ReportTable {
  const themes = listThemes(s).themes;
  if (themes.length === 0) {
    return emptyTable({ label: 'Table 2', title: 'Themes and subthemes', columns: [textCell('Theme'), textCell('Subthemes')] }, 'No themes have been created in the project yet.');
  }
  return themesTable(themes.map((t) => ({ name: t.name, subthemes: t.subthemes.map((st) => ({ name: st.name, summary: st.summary.trim() || st.name })) })));
}

/**
 * Supplemental Table 1. Codes with unique labels go through codeStructure (natural label order);
 * when some code has no label or shares one, the codebook's own order is used and a note says so.
 */
export function codebookReport(s: Session): ReportTable {
  const codes = listCodes(s);
  const base = { label: 'Supplemental Table 1', title: 'Code structure', columns: [textCell('Label'), textCell('Code (definition)')] };
  if (codes.length === 0) return emptyTable(base, 'The codebook is empty.');
  const byId = new Map(codes.map((c) => [c.id, c]));
  const labels = codes.map((c) => c.label.trim().replace(/\.+$/, '').toLowerCase());
  const labelled = labels.every((l) => l !== '') && new Set(labels).size === labels.length;
  if (labelled) {
    return codeStructure(
      codes.map((c) => ({ label: c.label, name: c.name, definition: c.definition, parentLabel: c.parentId !== null ? (byId.get(c.parentId)?.label ?? null) : null })),
    );
  }
  const rows: TableRow[] = [];
  const walk = (parent: number | null, depth: number): void => {
    const kids = codes.filter((c) => c.parentId === parent).sort((a, b) => compareLabels(a.label, b.label) || a.order - b.order);
    for (const c of kids) {
      rows.push({ cells: [textCell(c.label.trim(), depth), runsCell(nameWithDefinition(c.name, c.definition), depth)] });
      walk(c.id, depth + 1);
    }
  };
  walk(null, 0);
  return {
    ...base,
    rows,
    notes: [
      `From the project codebook: ${codes.length} codes, ${codes.filter((c) => c.parentId === null).length} at the top level.`,
      'Some codes have no label or share one, so siblings are listed by label where present, then in codebook order.',
    ],
  };
}

/** Supplemental Table 2: each theme's quotes (its own, then its subthemes'), in the order chosen. */
export function quotesReport(s: Session): ReportTable {
  const themes = listThemes(s).themes;
  const base = { label: 'Supplemental Table 2', title: 'Themes with supporting quotes', columns: [textCell('Theme'), textCell('Quotes')] };
  if (themes.length === 0) return emptyTable(base, 'No themes have been created in the project yet.');
  const count = themes.reduce((n, t) => n + t.quotes.length + t.subthemes.reduce((m, st) => m + st.quotes.length, 0), 0);
  if (count === 0) return emptyTable(base, 'No quotes have been picked for the themes yet.');
  // A quote without its own lead-in is labelled with its subtheme's name (quotesTable's default);
  // quotes picked for the theme itself carry no label unless the author gave one.
  const toEntry = (q: { text: string; participant: string; leadIn: string; timeMs?: number | null }) => ({
    text: q.text,
    participant: q.participant,
    ...(q.leadIn ? { leadIn: q.leadIn } : {}),
    // A quote from a timed transcript cites where it is spoken: `ID21, 12:03`.
    ...(typeof q.timeMs === 'number' ? { time: formatClock(q.timeMs) } : {}),
  });
  return quotesTable(
    themes.map((t) => ({
      name: t.name,
      subthemes: [{ name: '', quotes: t.quotes.map(toEntry) }, ...t.subthemes.map((st) => ({ name: st.name, quotes: st.quotes.map(toEntry) }))],
    })),
  );
}

const UNIT_WORDS: Record<string, string> = { character: 'characters', turn: 'speaker turns', document: 'documents' };

/** The measures the agreement table prints, keyed by the agreement service's field names. */
const AGREEMENT_MEASURES: AgreementMeasure[] = [
  { key: 'percentAgreement', name: 'Percent agreement (mean pairwise)', format: 'percent' },
  { key: 'cohenKappa', name: 'Cohen’s κ' },
  { key: 'fleissKappa', name: 'Fleiss’ κ' },
  { key: 'krippendorffAlpha', name: 'Krippendorff’s α' },
];

function agreementValues(m: AgreementMeasures): Pick<AgreementRow, 'values' | 'reasons'> {
  const values: Record<string, number | null> = {};
  const reasons: Record<string, string> = {};
  for (const { key } of AGREEMENT_MEASURES) {
    const measure = m[key as 'percentAgreement' | 'cohenKappa' | 'fleissKappa' | 'krippendorffAlpha'];
    values[key] = measure.value;
    if (measure.value === null && measure.reason) reasons[key] = measure.reason;
  }
  return { values, reasons };
}

/**
 * Inter-coder agreement per code and overall, from the agreement service (every non-consensus coder
 * with codings, on characters). Only codes some coder applied in scope (or whose sub-codes were
 * applied) get a row; with fewer than two coders the table says so instead of printing numbers.
 */
export function agreementTableReport(s: Session): ReportTable {
  const base = { label: '', title: 'Inter-coder agreement per code and overall', columns: [textCell('Code'), textCell('Agreement')] };
  let report;
  try {
    report = agreementReport(s, { detail: false });
  } catch (err) {
    if (err instanceof AccordError && err.code === 'INVALID_INPUT') return emptyTable(base, `No agreement figures: ${err.message}.`);
    throw err;
  }
  const rows: AgreementRow[] = report.codes.filter((c) => c.applied).map((c) => ({ label: c.label, name: c.name, ...agreementValues(c) }));
  return agreementTable(rows, {
    measures: AGREEMENT_MEASURES,
    unit: UNIT_WORDS[report.unit] ?? report.unit,
    coders: report.coders.map((c) => c.name),
    sentence: report.sentence,
    notApplied: report.codes.length - rows.length,
    overall: { name: 'Overall', ...agreementValues(report.overall) },
  });
}

/** The COREQ checklist with saved answers over pre-filled ones. */
export function coreqReport(s: Session): ReportTable {
  return coreqTable(undefined, coreqAnswers(s));
}

/** Any table but the methods appendix (which is prose, not a table). */
export function buildReportTable(s: Session, kind: Exclude<ReportTableKind, 'methods'>, attributes?: string[]): ReportTable {
  switch (kind) {
    case 'participants':
      return participantsReport(s, attributes);
    case 'themes':
      return themesReport(s);
    case 'codebook':
      return codebookReport(s);
    case 'quotes':
      return quotesReport(s);
    case 'agreement':
      return agreementTableReport(s);
    case 'coreq':
      return coreqReport(s);
    default:
      throw new AccordError('INVALID_INPUT', `unknown table "${String(kind)}"`);
  }
}

const FILE_NAMES: Record<ReportTableKind, string> = {
  participants: 'table-1-participants',
  themes: 'table-2-themes',
  codebook: 'supplemental-table-1-code-structure',
  quotes: 'supplemental-table-2-quotes',
  agreement: 'agreement',
  coreq: 'coreq-checklist',
  methods: 'methods-appendix',
};
const EXTENSIONS: Record<ReportFormat, string> = { docx: '.docx', markdown: '.md', csv: '.csv', html: '.html' };
const MIME: Record<ReportFormat, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  markdown: 'text/markdown',
  csv: 'text/csv',
  html: 'text/html',
};

/** The bytes of a table or of the methods appendix in the given format. */
export async function exportReportBytes(s: Session, kind: ReportTableKind, format: ReportFormat, attributes?: string[]): Promise<Uint8Array> {
  if (kind === 'methods') {
    const appendix = methodsAppendix(s);
    if (format === 'csv') throw new AccordError('INVALID_INPUT', 'the methods appendix is prose: export it as docx, markdown or html, not csv');
    if (format === 'docx') return appendixToDocx(appendix);
    return new TextEncoder().encode(format === 'html' ? appendixToHtml(appendix) : appendixToMarkdown(appendix));
  }
  const table = buildReportTable(s, kind, attributes);
  // The codebook in Word or Markdown carries the code memos after it: definitions and the analytic
  // thinking behind them travel together (a CSV stays one flat table).
  const memos = kind === 'codebook' && (format === 'docx' || format === 'markdown') ? codeMemosTable(s) : null;
  if (memos && format === 'docx') return toDocx([table, memos]);
  const out = await renderTable(table, format);
  if (memos && typeof out === 'string') return new TextEncoder().encode(`${out}\n\n${await renderTable(memos, 'markdown')}`);
  return typeof out === 'string' ? new TextEncoder().encode(out) : out;
}

/** A table or the methods appendix as a downloadable file. */
export async function exportReport(s: Session, kind: ReportTableKind, format: ReportFormat, attributes?: string[]): Promise<ReportFile> {
  const bytes = await exportReportBytes(s, kind, format, attributes);
  return { fileName: `${FILE_NAMES[kind]}${EXTENSIONS[format]}`, mimeType: MIME[format], dataBase64: Buffer.from(bytes).toString('base64') };
}
