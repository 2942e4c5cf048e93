// `accord` sub-commands of the agreement namespace: the reliability calculator for a units × coders
// matrix, the agreement report of a project, and codings in and out as CSV.
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { AgreementMeasures, AgreementReport, AgreementScope, AgreementUnit, DocumentAgreement, DocumentColumns, DomainsReport, PairAgreement } from '../../shared/api/agreement';
import { columnReason, type MeasureColumn } from '../../shared/stats/text-agreement';
import { AGREEMENT_SCOPES, AGREEMENT_UNITS } from '../../shared/api/agreement';
import { AccordError } from '../../shared/errors';
import type { Code, CodeId, CoderId, DocumentId } from '../../shared/model/types';
import { matrixReport, parseMatrixCsv, withReasons, type Measure } from '../../shared/stats/agreement';
import type { SegmentComparisonReport } from '../../shared/api/agreement';
import { overlapPercent, segmentComparisonJson, unmatchedCsv } from '../../shared/reports/segment-comparison';
import type { AgreementTally } from '../../shared/stats/segment-comparison';
import type { Command, CommandContext } from './command';
import { intOption, parse, UsageError } from './usage';
import { jsonNumber, rows } from './json-out';
import { ALPHA_LEVELS, type AlphaLevel } from '../../shared/stats/reliability';

function readText(path: string): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch {
    throw new AccordError('NOT_FOUND', `${basename(path)}: no such file`);
  }
  return new TextDecoder('utf-8').decode(bytes);
}

function list(v: string | undefined): string[] | undefined {
  if (v === undefined) return undefined;
  const items = v.split(',').map((x) => x.trim()).filter(Boolean);
  if (items.length === 0) throw new UsageError('an empty list was given');
  return items;
}

const fmt = (v: number | null) => (v === null ? '—' : v.toFixed(3));

/** Documents named on the command line, resolved through the contract. */
async function documentIdsByName(ctx: CommandContext, names: string[] | undefined): Promise<DocumentId[] | undefined> {
  if (!names) return undefined;
  const ids: DocumentId[] = [];
  for (const name of names) ids.push((await ctx.engine.call('documents:find', { name })).id);
  return ids;
}

/** The JSON contract's measures: numbers or null, and `<measure>_reason` beside every null. */
export function jsonMeasures(m: AgreementMeasures | PairAgreement) {
  const out: Record<string, unknown> = {
    units: m.units,
    percent_agreement: m.percentAgreement.value,
    percent_all_agree: m.percentAllAgree.value,
    cohen_kappa: m.cohenKappa.value,
    ...('fleissKappa' in m ? { fleiss_kappa: m.fleissKappa.value } : {}),
    krippendorff_alpha: m.krippendorffAlpha.value,
    alpha_u: m.alphaU ? m.alphaU.value : null,
  };
  withReasons(out, [
    ['percent_agreement', m.percentAgreement],
    ['percent_all_agree', m.percentAllAgree],
    ['cohen_kappa', m.cohenKappa],
    ['fleiss_kappa', 'fleissKappa' in m ? m.fleissKappa : null],
    ['krippendorff_alpha', m.krippendorffAlpha],
    ['alpha_u', m.alphaU ?? { value: null, reason: '|uα needs character units', n: 0 }],
  ]);
  return out;
}

/** `,"<key>_reason":"…"` per measure key and reason, made once: the breakdown rows repeat a few reasons. */
const REASON_TEXT = new Map<string, Map<string, string>>();
function reasonText(key: string, reason: string | undefined): string {
  let byReason = REASON_TEXT.get(key);
  if (!byReason) REASON_TEXT.set(key, (byReason = new Map()));
  const r = reason ?? 'undefined';
  let text = byReason.get(r);
  if (text === undefined) byReason.set(r, (text = `,"${key}_reason":${JSON.stringify(r)}`));
  return text;
}

const NO_ALPHA_U: Measure = { value: null, reason: '|uα needs character units', n: 0 };

/**
 * jsonMeasures(m) as JSON text without its braces, written directly (the same keys in the same
 * order, the same values): for the breakdown rows, codes × documents of them on a large project.
 */
export function jsonMeasuresText(m: AgreementMeasures | PairAgreement): string {
  const pa = m.percentAgreement;
  const all = m.percentAllAgree;
  const cohen = m.cohenKappa;
  const fleiss = 'fleissKappa' in m ? m.fleissKappa : null;
  const alpha = m.krippendorffAlpha;
  const alphaU = m.alphaU ?? NO_ALPHA_U;
  let out =
    `"units":${jsonNumber(m.units)},"percent_agreement":${jsonNumber(pa.value)},"percent_all_agree":${jsonNumber(all.value)},"cohen_kappa":${jsonNumber(cohen.value)},` +
    `${fleiss ? `"fleiss_kappa":${jsonNumber(fleiss.value)},` : ''}"krippendorff_alpha":${jsonNumber(alpha.value)},"alpha_u":${jsonNumber(alphaU.value)}`;
  if (pa.value === null) out += reasonText('percent_agreement', pa.reason);
  if (all.value === null) out += reasonText('percent_all_agree', all.reason);
  if (cohen.value === null) out += reasonText('cohen_kappa', cohen.reason);
  if (fleiss && fleiss.value === null) out += reasonText('fleiss_kappa', fleiss.reason);
  if (alpha.value === null) out += reasonText('krippendorff_alpha', alpha.reason);
  if (alphaU.value === null) out += reasonText('alpha_u', alphaU.reason);
  return out;
}

/** The measure columns of a code's per-document rows, in jsonMeasuresText's order, each with its key's text. */
const DOCUMENT_COLUMNS = (
  [
    ['percent_agreement', (c) => c.percentAgreement],
    ['percent_all_agree', (c) => c.percentAllAgree],
    ['cohen_kappa', (c) => c.cohenKappa],
    ['fleiss_kappa', (c) => c.fleissKappa],
    ['krippendorff_alpha', (c) => c.krippendorffAlpha],
    ['alpha_u', (c) => c.alphaU],
  ] as [string, (c: DocumentColumns) => MeasureColumn | null][]
).map(([key, of]) => ({ key, of, text: `,"${key}":` }));

/**
 * Row i of a code's per-document columns as JSON text: what jsonMeasuresText writes for the same
 * row as an object (the same keys in the same order, the same values), without making the object.
 */
function documentColumnsText(c: DocumentColumns, i: number): string {
  let out = `"units":${jsonNumber(c.units[i])}`;
  let reasons = '';
  for (const { key, text, of } of DOCUMENT_COLUMNS) {
    const column = of(c);
    const v = column ? column.values[i] : null;
    if (v !== null && Number.isFinite(v)) {
      out += text + v;
    } else {
      out += `${text}null`;
      reasons += reasonText(key, column ? columnReason(column, i) : NO_ALPHA_U.reason);
    }
  }
  return out + reasons;
}

interface Breakdowns {
  documents: boolean;
  pairs: boolean;
}

/** Names as JSON strings, each quoted once (a document's name recurs in every code's rows). */
const quotedNames = new Map<string, string>();
function quoted(name: string): string {
  let q = quotedNames.get(name);
  if (q === undefined) quotedNames.set(name, (q = JSON.stringify(name)));
  return q;
}

/** Breakdown rows are written one per line as they are printed (codes × documents of them on a large project). */
function breakdownJson(rowDocs: DocumentAgreement[] | { columns: DocumentColumns; /** The report's documents' names, as JSON strings. */ names: string[] }, rowPairs: PairAgreement[], by: Breakdowns) {
  const documents = !by.documents
    ? null
    : Array.isArray(rowDocs)
      ? rows(rowDocs, (d) => `{"document":${quoted(d.name)},${jsonMeasuresText(d)}}`)
      : rows(rowDocs.columns.key, (d, i) => `{"document":${rowDocs.names[d]},${documentColumnsText(rowDocs.columns, i)}}`);
  return {
    ...(documents ? { documents } : {}),
    ...(by.pairs ? { pairs: rows(rowPairs, (p) => `{"coders":[${quoted(p.coderA)},${quoted(p.coderB)}],${jsonMeasuresText(p)}}`) } : {}),
  };
}

function reportJson(r: AgreementReport, by: Breakdowns) {
  const names = r.documents.map((d) => quoted(d.name));
  return {
    unit: r.unit,
    scope: r.scope,
    sentence: r.sentence,
    coders: r.coders.map((c) => c.name),
    documents: r.documents.map((d) => d.name),
    codes: r.codes.map((c) => ({ code: c.label || c.name, path: c.path, applied: c.applied, ...jsonMeasures(c), ...breakdownJson({ columns: c.byDocument, names }, c.byPair, by) })),
    overall: { ...jsonMeasures(r.overall), pooling: r.overall.pooling, ...breakdownJson(r.byDocument, r.byPair, by) },
    notes: r.notes,
  };
}

function printReport(ctx: CommandContext, r: AgreementReport): void {
  const two = r.coders.length === 2;
  ctx.out(`${r.sentence}\n`);
  const head = ['code', 'units', '%agree', two ? 'kappa' : 'fleiss', 'alpha', ...(r.unit === 'character' ? ['|u-alpha'] : [])];
  ctx.out(`${head.join('\t')}\n`);
  const line = (name: string, m: AgreementMeasures) =>
    [
      name,
      m.units,
      fmt(m.percentAgreement.value),
      fmt(two ? m.cohenKappa.value : m.fleissKappa.value),
      fmt(m.krippendorffAlpha.value),
      ...(m.alphaU ? [fmt(m.alphaU.value)] : []),
    ].join('\t');
  for (const c of r.codes) {
    const name = [c.label, c.name].filter(Boolean).join(' ');
    // A code nobody applied agrees trivially: its 100 % is no evidence, so no figures are printed for it.
    ctx.out(`${'  '.repeat(c.depth)}${c.applied ? line(name, c) : `${name}\tnot applied in scope`}\n`);
  }
  ctx.out(`${line('overall', r.overall)}\n(${r.overall.pooling})\n`);
  for (const n of r.notes) ctx.out(`note: ${n}\n`);
}

const pct = (t: AgreementTally) => (t.percent === null ? '—' : `${(t.percent * 100).toFixed(1)} %`);

function printSegments(ctx: CommandContext, r: SegmentComparisonReport): void {
  ctx.out(`${r.sentence}\n`);
  ctx.out(['code', 'docs both/one', 'existence', 'docs same/diff n', 'frequency', 'segments agree/not', 'segments', 'kappa (B&P)'].join('\t') + '\n');
  const line = (name: string, row: Pick<SegmentComparisonReport['total'], 'existence' | 'frequency' | 'segments'>) =>
    [
      name,
      `${row.existence.agree}/${row.existence.disagree}`,
      pct(row.existence),
      `${row.frequency.agree}/${row.frequency.disagree}`,
      pct(row.frequency),
      `${row.segments.agree}/${row.segments.disagree}`,
      pct(row.segments),
      fmt(row.segments.kappaBP),
    ].join('\t');
  for (const c of r.codes) ctx.out(`${line([c.label, c.name].filter(Boolean).join(' '), c)}\n`);
  ctx.out(`${line('total', r.total)}\n`);
  if (r.byDocument.length > 1) {
    ctx.out('per document (existence and frequency count codes):\n');
    for (const d of r.byDocument) ctx.out(`${line(d.name, { ...d, segments: { ...d.segments, kappaBP: null } })}\n`);
  }
  if (r.chance.pc !== null) ctx.out(`(kappa: chance agreement 1/${r.chance.codes} = ${fmt(r.chance.pc)}, ${r.chance.codes} codes in the table)\n`);
  ctx.out(`\nUnmatched segments (${r.unmatched.length}):\n`);
  if (r.unmatched.length > 0) {
    ctx.out(['document', 'code', 'coder', 'range', 'other coder\'s closest', 'overlap', 'text'].join('\t') + '\n');
    for (const u of r.unmatched) {
      const other = u.other ? `[${u.other.start}, ${u.other.end})` : '—';
      ctx.out([u.document, u.code, u.coder, `[${u.start}, ${u.end})`, other, `${overlapPercent(u.overlap)} %`, u.text].join('\t') + '\n');
    }
  }
  for (const n of r.notes) ctx.out(`note: ${n}\n`);
}

/** `accord agreement PROJECT --segments --coders A,B`: MAXQDA's intercoder agreement for two coders. */
async function segmentsCommand(
  ctx: CommandContext,
  positionals: string[],
  values: { json?: boolean; coders?: string; codes?: string; documents?: string; scope?: string; overlap?: string; format?: string; output?: string },
): Promise<void> {
  if (positionals.length !== 1) throw new UsageError('--segments needs a project file (see accord --help)');
  const names = list(values.coders);
  if (!names || names.length !== 2) throw new UsageError('--segments compares exactly two coders: give them with --coders A,B');
  let overlap = 90;
  if (values.overlap !== undefined) {
    overlap = Number(values.overlap);
    if (!/^\d+(\.\d+)?$/.test(values.overlap.trim()) || !(overlap > 0 && overlap <= 100)) throw new UsageError(`--overlap is a percentage above 0 and at most 100, not "${values.overlap}"`);
  }
  const format = values.format ?? (values.json ? 'json' : 'table');
  if (!['table', 'json', 'csv'].includes(format)) throw new UsageError(`--format is table, json or csv (the unmatched segments), not "${values.format}"`);
  if (values.json && format !== 'json') throw new UsageError('--json and --format csv: choose one');
  if (values.output && format !== 'csv') throw new UsageError('-o FILE writes the unmatched segments as CSV: add --format csv');
  const scope = (values.scope ?? 'design') as AgreementScope;
  if (!AGREEMENT_SCOPES.includes(scope)) throw new UsageError(`--scope is ${AGREEMENT_SCOPES.join(' or ')}, not "${values.scope}"`);
  await ctx.open(positionals[0], { readOnly: true });
  const allCoders = await ctx.engine.call('coders:list', {});
  const coderIds = names.map((name) => {
    const c = allCoders.find((k) => k.name.toLowerCase() === name.toLowerCase());
    if (!c) throw new AccordError('NOT_FOUND', `no coder named "${name}"`);
    return c.id as CoderId;
  });
  const allCodes = await ctx.engine.call('codebook:list', {});
  const { resolveCode } = await import('./commands');
  const codeIds = list(values.codes)?.map((k) => resolveCode(allCodes, k).id);
  const documentIds = await documentIdsByName(ctx, list(values.documents));
  const r = await ctx.engine.call('agreement:segments', { coderIds, codeIds, documentIds, scope, overlap });
  if (format === 'json') ctx.json(segmentComparisonJson(r));
  else if (format === 'csv') {
    const csv = `${unmatchedCsv(r)}\r\n`;
    if (!values.output) ctx.out(csv);
    else {
      const target = resolve(values.output);
      writeFileSync(target, csv);
      ctx.out(`Wrote ${target} (${r.unmatched.length} unmatched segments, csv)\n`);
    }
  } else printSegments(ctx, r);
}

/** A code by label, name, "label name" or path (`10 Features of the innovation`, `10a`, `10 … > 10a …`). */
function codeByReference(codes: readonly Code[], key: string): Code {
  const k = key.trim().toLowerCase();
  const full = (c: Code) => [c.label, c.name].filter(Boolean).join(' ').toLowerCase();
  const byId = new Map(codes.map((c) => [c.id as number, c]));
  const path = (c: Code): string => (c.parentId !== null && byId.has(c.parentId) ? `${path(byId.get(c.parentId)!)} > ${full(c)}` : full(c));
  const found =
    codes.find((c) => c.label.toLowerCase() === k) ??
    codes.find((c) => c.name.toLowerCase() === k) ??
    codes.find((c) => full(c) === k) ??
    codes.find((c) => path(c) === k.replace(/\s*>\s*/g, ' > '));
  if (!found) throw new AccordError('NOT_FOUND', `no code with label, name or path "${key}"`);
  return found;
}

/**
 * `--domain` values: a code with subcodes (the code and its children are the categories), or
 * `NAME=CODE,CODE,…` (a named list of codes).
 */
function domainSpecs(codes: readonly Code[], values: readonly string[]): { name?: string; codeIds: CodeId[] }[] {
  return values.map((v) => {
    const eq = v.indexOf('=');
    if (eq < 0) return { codeIds: [codeByReference(codes, v).id] };
    const name = v.slice(0, eq).trim();
    const list = v.slice(eq + 1).split(',').map((x) => x.trim()).filter(Boolean);
    if (!name || list.length === 0) throw new UsageError(`--domain is a code with subcodes or NAME=CODE,CODE, not "${v}"`);
    return { name, codeIds: list.map((x) => codeByReference(codes, x).id) };
  });
}

/** The domains' JSON: cu-α per domain, Cu-α across them, `_reason` beside every null. */
function domainsJson(r: DomainsReport) {
  const overlaps = (o: DomainsReport['globalOverlaps']) => ({ count: o.count, characters: o.characters, spans: o.spans });
  const out: Record<string, unknown> = {
    domain_sentence: r.domainSentence,
    domains: r.domains.map((d) => {
      const row: Record<string, unknown> = {
        domain: d.name,
        codes: d.codes.map((c) => [c.label, c.name].filter(Boolean).join(' ')),
        cu_alpha: d.cuAlpha.value,
        units: d.units,
        overlaps: overlaps(d.overlaps),
      };
      withReasons(row, [['cu_alpha', d.cuAlpha]]);
      return row;
    }),
    global_cu_alpha: r.globalCuAlpha.value,
    global_units: r.globalUnits,
    global_overlaps: overlaps(r.globalOverlaps),
  };
  withReasons(out, [['global_cu_alpha', r.globalCuAlpha]]);
  return out;
}

function printDomains(ctx: CommandContext, r: DomainsReport, said: readonly string[]): void {
  ctx.out(`\n${r.domainSentence}\n`);
  ctx.out('domain\tunits\tcu-alpha\n');
  for (const d of r.domains) ctx.out(`${d.name}\t${d.units}\t${d.cuAlpha.value === null ? `— (${d.cuAlpha.reason})` : fmt(d.cuAlpha.value)}\n`);
  const g = r.globalCuAlpha;
  ctx.out(`Cu-alpha (across domains)\t${r.globalUnits}\t${g.value === null ? `— (${g.reason})` : fmt(g.value)}\n`);
  for (const n of r.notes) if (!said.includes(n)) ctx.out(`note: ${n}\n`);
}

const agreement: Command = async (args, ctx) => {
  const { positionals, values } = parse(args, {
    json: { type: 'boolean' },
    matrix: { type: 'string' },
    coders: { type: 'string' },
    codes: { type: 'string' },
    documents: { type: 'string' },
    unit: { type: 'string' },
    scope: { type: 'string' },
    by: { type: 'string', multiple: true },
    level: { type: 'string' },
    bootstrap: { type: 'string' },
    seed: { type: 'string' },
    segments: { type: 'boolean' },
    overlap: { type: 'string' },
    format: { type: 'string' },
    output: { type: 'string', short: 'o' },
    domain: { type: 'string', multiple: true },
    domains: { type: 'string' },
  });
  if (values.segments) {
    for (const o of ['matrix', 'unit', 'by', 'level', 'bootstrap', 'seed', 'domain', 'domains'] as const) if (values[o] !== undefined) throw new UsageError(`--${o} does not go with --segments`);
    await segmentsCommand(ctx, positionals, values);
    return;
  }
  for (const o of ['overlap', 'format', 'output'] as const) if (values[o] !== undefined) throw new UsageError(`${o === 'output' ? '-o' : `--${o}`} goes with --segments`);
  if (values.matrix !== undefined) {
    if (positionals.length > 0) throw new UsageError('--matrix needs no project file');
    const { coders, units } = parseMatrixCsv(readText(values.matrix));
    const level = (values.level ?? 'nominal') as AlphaLevel;
    if (!ALPHA_LEVELS.includes(level)) throw new UsageError(`--level is ${ALPHA_LEVELS.join(', ')}, not "${values.level}"`);
    if (values.seed !== undefined && values.bootstrap === undefined) throw new UsageError('--seed goes with --bootstrap N');
    const bootstrap = values.bootstrap === undefined ? undefined : intOption('bootstrap', values.bootstrap);
    if (bootstrap === 0) throw new UsageError('--bootstrap needs at least 1 replicate');
    const seed = values.seed === undefined ? undefined : intOption('seed', values.seed);
    const r = matrixReport(coders, units, { level, bootstrap, seed });
    if (values.json) ctx.json(r);
    else {
      ctx.out(`${r.units} units, coders: ${r.coders.join(', ')}\n`);
      ctx.out(`percent agreement\t${fmt(r.percent_agreement)}\nCohen's kappa\t${fmt(r.cohen_kappa)}\n`);
      ctx.out(`Fleiss' kappa\t${fmt(r.fleiss_kappa)} (${r.fleiss_units} units every coder rated)\n`);
      ctx.out(`Krippendorff's alpha (${level})\t${fmt(r.krippendorff_alpha)}`);
      ctx.out(r.krippendorff_alpha_ci95 ? `\t95% CI [${fmt(r.krippendorff_alpha_ci95[0])}, ${fmt(r.krippendorff_alpha_ci95[1])}] (bootstrap ${bootstrap}, seed ${seed ?? 1})\n` : '\n');
      ctx.out(`Gwet's AC1\t${fmt(r.gwet_ac1 ?? null)}\nBrennan-Prediger kappa\t${fmt(r.brennan_prediger ?? null)}\n`);
    }
    return;
  }
  if (positionals.length !== 1) throw new UsageError('expected a project file, or --matrix FILE.csv (see accord --help)');
  const unit = (values.unit ?? 'character') as AgreementUnit;
  if (!AGREEMENT_UNITS.includes(unit)) throw new UsageError(`--unit is ${AGREEMENT_UNITS.join(', ')}, not "${values.unit}"`);
  await ctx.open(positionals[0], { readOnly: true });
  const allCoders = await ctx.engine.call('coders:list', {});
  const coderIds = list(values.coders)?.map((name) => {
    const c = allCoders.find((k) => k.name.toLowerCase() === name.toLowerCase());
    if (!c) throw new AccordError('NOT_FOUND', `no coder named "${name}"`);
    return c.id as CoderId;
  });
  const allCodes = await ctx.engine.call('codebook:list', {});
  const { resolveCode } = await import('./commands');
  const codeIds = list(values.codes)?.map((k) => resolveCode(allCodes, k).id);
  const documentIds = await documentIdsByName(ctx, list(values.documents));
  const scope = (values.scope ?? 'design') as AgreementScope;
  if (!AGREEMENT_SCOPES.includes(scope)) throw new UsageError(`--scope is ${AGREEMENT_SCOPES.join(' or ')}, not "${values.scope}"`);
  const byList = (values.by ?? []).flatMap((v) => v.split(',').map((x) => x.trim()));
  for (const b of byList) if (b !== 'document' && b !== 'pair') throw new UsageError(`--by is document or pair, not "${b}"`);
  const by: Breakdowns = { documents: byList.includes('document'), pairs: byList.includes('pair') };
  const report = await ctx.engine.call('agreement:report', {
    coderIds,
    codeIds,
    documentIds,
    unit,
    scope,
    detail: by.documents || by.pairs,
    codeDocuments: by.documents,
  });
  const parents = values.domains ?? 'none';
  if (parents !== 'none' && parents !== 'top-level' && parents !== 'all') throw new UsageError(`--domains is top-level or all, not "${parents}"`);
  const domains = domainSpecs(allCodes, values.domain ?? []);
  const domainReport =
    domains.length > 0 || parents !== 'none'
      ? await ctx.engine.call('agreement:domains', { coderIds, documentIds, scope, domains, parents })
      : null;
  if (domainReport && unit !== 'character') {
    report.notes.push('cu-α and Cu-α are computed on characters whatever --unit says: they compare coded stretches of text');
  }
  if (values.json) {
    const json = reportJson(report, by);
    // The domains' notes (overlapping codes of a domain) join the report's, each once.
    if (domainReport) for (const n of domainReport.notes) if (!json.notes.includes(n)) json.notes.push(n);
    ctx.json({ ...json, ...(domainReport ? domainsJson(domainReport) : {}) });
  } else {
    printReport(ctx, report);
    if (domainReport) printDomains(ctx, domainReport, report.notes);
  }
};

const codings: Command = async (args, ctx) => {
  if (args[0] === 'import') {
    const { positionals, values } = parse(args.slice(1), { json: { type: 'boolean' } }, 2);
    await ctx.open(positionals[0]);
    const file = positionals[1];
    const r = await ctx.engine.call('codings:importCsv', { fileName: basename(file), text: readText(file) });
    if (values.json) ctx.json(r);
    else {
      ctx.out(`Imported ${r.imported} codings from ${basename(file)}${r.duplicates ? ` (${r.duplicates} already there)` : ''}`);
      ctx.out(`${r.codersCreated.length ? `; new coders: ${r.codersCreated.join(', ')}` : ''}\n`);
    }
    return;
  }
  if (args[0] === 'export') {
    const { positionals, values } = parse(args.slice(1), { format: { type: 'string' } }, 1);
    if ((values.format ?? 'csv') !== 'csv') throw new UsageError(`--format is csv, not "${values.format}"`);
    await ctx.open(positionals[0], { readOnly: true });
    ctx.out(`${await ctx.engine.call('codings:exportCsv', {})}\r\n`);
    return;
  }
  // Anything else is the core `accord codings PROJECT --document NAME`. Imported when needed:
  // commands.ts imports this module, so a static import back would be a cycle.
  const { codingsCmd } = await import('./commands');
  await codingsCmd(args, ctx);
};

export const agreementCommands: Record<string, Command> = { agreement, codings };
