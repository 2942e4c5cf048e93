// `accord` sub-commands of the agreement namespace: the reliability calculator for a units × coders
// matrix, the agreement report of a project, and codings in and out as CSV.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { AgreementMeasures, AgreementReport, AgreementUnit } from '../../shared/api/agreement';
import { AGREEMENT_UNITS } from '../../shared/api/agreement';
import { AccordError } from '../../shared/api/errors';
import type { CoderId, DocumentId } from '../../shared/model/types';
import { matrixReport, parseMatrixCsv } from '../../shared/stats/agreement';
import type { Command, CommandContext } from './command';
import { parse, UsageError } from './usage';

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

/** The JSON contract's measures: numbers or null. */
/** Documents named on the command line, resolved through the contract. */
async function documentIdsByName(ctx: CommandContext, names: string[] | undefined): Promise<DocumentId[] | undefined> {
  if (!names) return undefined;
  const ids: DocumentId[] = [];
  for (const name of names) ids.push((await ctx.engine.call('documents:find', { name })).id);
  return ids;
}

function jsonMeasures(m: AgreementMeasures, twoCoders: boolean) {
  return {
    percent_agreement: m.percentAgreement.value,
    cohen_kappa: twoCoders ? m.cohenKappa.value : null,
    fleiss_kappa: m.fleissKappa.value,
    krippendorff_alpha: m.krippendorffAlpha.value,
    alpha_u: m.alphaU ? m.alphaU.value : null,
    units: m.units,
  };
}

function reportJson(r: AgreementReport) {
  const two = r.coders.length === 2;
  return {
    unit: r.unit,
    coders: r.coders.map((c) => c.name),
    codes: r.codes.map((c) => ({ code: c.label || c.name, ...jsonMeasures(c, two) })),
    overall: { ...jsonMeasures(r.overall, two), pooling: r.overall.pooling },
  };
}

function printReport(ctx: CommandContext, r: AgreementReport): void {
  const two = r.coders.length === 2;
  ctx.out(`Agreement of ${r.coders.map((c) => c.name).join(', ')} on ${r.documents.length} document(s), unit: ${r.unit}\n`);
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
  });
  if (values.matrix !== undefined) {
    if (positionals.length > 0) throw new UsageError('--matrix needs no project file');
    const { coders, units } = parseMatrixCsv(readText(values.matrix));
    const r = matrixReport(coders, units);
    if (values.json) ctx.json(r);
    else {
      ctx.out(`${r.units} units, coders: ${r.coders.join(', ')}\n`);
      ctx.out(`percent agreement\t${fmt(r.percent_agreement)}\nCohen's kappa\t${fmt(r.cohen_kappa)}\n`);
      ctx.out(`Fleiss' kappa\t${fmt(r.fleiss_kappa)} (${r.fleiss_units} units every coder rated)\nKrippendorff's alpha\t${fmt(r.krippendorff_alpha)}\n`);
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
  const report = await ctx.engine.call('agreement:report', { coderIds, codeIds, documentIds, unit, detail: false });
  if (values.json) ctx.json(reportJson(report));
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
