// `accord` sub-commands of the agreement namespace: the reliability calculator for a units × coders
// matrix, the agreement report of a project, and codings in and out as CSV.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { AgreementMeasures, AgreementReport, AgreementScope, AgreementUnit, DocumentAgreement, PairAgreement } from '../../shared/api/agreement';
import { AGREEMENT_SCOPES, AGREEMENT_UNITS } from '../../shared/api/agreement';
import { AccordError } from '../../shared/errors';
import type { CoderId, DocumentId } from '../../shared/model/types';
import { matrixReport, parseMatrixCsv, withReasons } from '../../shared/stats/agreement';
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

/**
 * jsonMeasures(m) as JSON text without its braces, written directly (the same keys in the same
 * order, the same values): for the breakdown rows, codes × documents of them on a large project.
 */
export function jsonMeasuresText(m: AgreementMeasures | PairAgreement): string {
  const fleiss = 'fleissKappa' in m;
  let out =
    `"units":${jsonNumber(m.units)},"percent_agreement":${jsonNumber(m.percentAgreement.value)},"percent_all_agree":${jsonNumber(m.percentAllAgree.value)},` +
    `"cohen_kappa":${jsonNumber(m.cohenKappa.value)},${fleiss ? `"fleiss_kappa":${jsonNumber(m.fleissKappa.value)},` : ''}` +
    `"krippendorff_alpha":${jsonNumber(m.krippendorffAlpha.value)},"alpha_u":${jsonNumber(m.alphaU ? m.alphaU.value : null)}`;
  const reason = (key: string, x: { value: number | null; reason?: string } | null) => {
    if (x && x.value === null) out += `,"${key}_reason":${JSON.stringify(x.reason ?? 'undefined')}`;
  };
  reason('percent_agreement', m.percentAgreement);
  reason('percent_all_agree', m.percentAllAgree);
  reason('cohen_kappa', m.cohenKappa);
  reason('fleiss_kappa', fleiss ? m.fleissKappa : null);
  reason('krippendorff_alpha', m.krippendorffAlpha);
  reason('alpha_u', m.alphaU ?? { value: null, reason: '|uα needs character units' });
  return out;
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
function breakdownJson(rowDocs: DocumentAgreement[], rowPairs: PairAgreement[], by: Breakdowns) {
  return {
    ...(by.documents ? { documents: rows(rowDocs, (d) => `{"document":${quoted(d.name)},${jsonMeasuresText(d)}}`) } : {}),
    ...(by.pairs ? { pairs: rows(rowPairs, (p) => `{"coders":[${quoted(p.coderA)},${quoted(p.coderB)}],${jsonMeasuresText(p)}}`) } : {}),
  };
}

function reportJson(r: AgreementReport, by: Breakdowns) {
  return {
    unit: r.unit,
    scope: r.scope,
    sentence: r.sentence,
    coders: r.coders.map((c) => c.name),
    documents: r.documents.map((d) => d.name),
    codes: r.codes.map((c) => ({ code: c.label || c.name, path: c.path, ...jsonMeasures(c), ...breakdownJson(c.byDocument, c.byPair, by) })),
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
  for (const c of r.codes) ctx.out(`${'  '.repeat(c.depth)}${line([c.label, c.name].filter(Boolean).join(' '), c)}\n`);
  ctx.out(`${line('overall', r.overall)}\n(${r.overall.pooling})\n`);
  for (const n of r.notes) ctx.out(`note: ${n}\n`);
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
  });
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
  await ctx.open(positionals[0]);
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
  if (values.json) ctx.json(reportJson(report, by));
  else printReport(ctx, report);
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
    await ctx.open(positionals[0]);
    ctx.out(`${await ctx.engine.call('codings:exportCsv', {})}\r\n`);
    return;
  }
  // Anything else is the core `accord codings PROJECT --document NAME`. Imported when needed:
  // commands.ts imports this module, so a static import back would be a cycle.
  const { codingsCmd } = await import('./commands');
  await codingsCmd(args, ctx);
};

export const agreementCommands: Record<string, Command> = { agreement, codings };
