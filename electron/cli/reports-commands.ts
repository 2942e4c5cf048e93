// `accord` sub-commands of the reports namespace: `export --table` (the paper's tables, COREQ and the
// methods appendix as Word, Markdown, CSV or HTML) and `themes` (themes with support and quotes).
import { REPORT_TABLES, type ReportFormat, type ReportTableKind, type ThemeNode } from '../../shared/api/reports';
import type { CoderId } from '../../shared/model/types';
import { writeFileOutput, type Command, type CommandContext } from './command';
import { parse, UsageError } from './usage';

const FORMATS: Record<string, ReportFormat> = { docx: 'docx', md: 'markdown', markdown: 'markdown', csv: 'csv', html: 'html' };
/** Formats of the project-exchange export (issue 7), handled by exchange-commands when present. */
const EXCHANGE_FORMATS = new Set(['qdpx', 'qdc']);

const exportOptions = {
  table: { type: 'string' as const },
  format: { type: 'string' as const },
  output: { type: 'string' as const, short: 'o' },
  attribute: { type: 'string' as const, multiple: true },
};

/** Hands `export --format qdpx|qdc` to the exchange commands, loaded only when needed. */
async function delegateToExchange(args: string[], ctx: Parameters<Command>[1], format: string): Promise<void> {
  const { exchangeCommands } = await import('./exchange-commands');
  const other = exchangeCommands.export;
  if (!other || other === exportCmd) throw new UsageError(`--format ${format} (project exchange) is not available in this version; use --table with docx, md, csv or html`);
  await other(args, ctx);
}

const exportCmd: Command = async (args, ctx) => {
  const { positionals, values } = parse(args, exportOptions, 1);
  const formatName = (values.format ?? '').toLowerCase();
  if (!values.table) {
    if (EXCHANGE_FORMATS.has(formatName)) return delegateToExchange(args, ctx, formatName);
    throw new UsageError(`--table is required: one of ${REPORT_TABLES.join(', ')}`);
  }
  const table = values.table.toLowerCase() as ReportTableKind;
  if (!REPORT_TABLES.includes(table)) throw new UsageError(`--table is one of ${REPORT_TABLES.join(', ')}, not "${values.table}"`);
  if (!values.format) throw new UsageError('--format is required: docx, md, csv or html');
  const format = FORMATS[formatName];
  if (!format) throw new UsageError(`--format is docx, md, csv or html for a table, not "${values.format}"`);
  if (format === 'docx' && !values.output) throw new UsageError('--format docx needs -o FILE');
  if (values.attribute?.length && table !== 'participants') throw new UsageError('--attribute applies to --table participants only');
  await ctx.open(positionals[0], { readOnly: true });
  const file = await ctx.engine.call('reports:export', { table, format, ...(values.attribute?.length ? { attributes: values.attribute } : {}) });
  writeFileOutput(ctx, file, values.output, `${table}, ${format}`);
};

/** `--layer default|coders|consensus|CODER` as the contract's layer (a coder by name). */
async function themeLayerOption(ctx: CommandContext, v: string | undefined): Promise<'default' | 'coders' | 'consensus' | CoderId> {
  const t = (v ?? 'default').trim();
  if (['default', 'coders', 'consensus'].includes(t.toLowerCase())) return t.toLowerCase() as 'default' | 'coders' | 'consensus';
  const coders = await ctx.engine.call('coders:list', {});
  const c = coders.find((x) => x.name.toLowerCase() === t.toLowerCase());
  if (!c) throw new UsageError(`--layer is default, coders, consensus or a coder's name (coders: ${coders.map((x) => x.name).join(', ') || 'none'}), not "${t}"`);
  return c.id;
}

function describe(t: ThemeNode, prefix: string): string {
  const quotes = t.quotes.length + t.subthemes.reduce((n, st) => n + st.quotes.length, 0);
  const s = t.support;
  const codes = t.codes.map((c) => c.label || c.name).join(', ');
  const n = (k: number, one: string): string => `${k} ${one}${k === 1 ? '' : 's'}`;
  return `${prefix} ${t.name} — ${s.participants} of ${n(s.participantsCoded, 'coded participant')} (${s.participantsTotal} in the project), ${s.documents} of ${n(s.documentsCoded, 'coded document')}, ${quotes} quotes${codes ? `; codes ${codes}` : ''}\n`;
}

const themes: Command = async (args, ctx) => {
  const { positionals, values } = parse(args, { json: { type: 'boolean' }, layer: { type: 'string' } }, 1);
  await ctx.open(positionals[0], { readOnly: true });
  const overview = await ctx.engine.call('themes:list', { layer: await themeLayerOption(ctx, values.layer) });
  if (values.json) {
    ctx.json(overview);
    return;
  }
  if (overview.themes.length === 0) {
    ctx.out('No themes yet.\n');
    return;
  }
  overview.themes.forEach((t, i) => {
    ctx.out(describe(t, `${i + 1}.`));
    if (t.balance.warning) ctx.out(`   warning: ${t.balance.warning}\n`);
    t.subthemes.forEach((st, j) => ctx.out(describe(st, `   ${i + 1}.${j + 1}`)));
  });
  ctx.out(`Support counts use ${overview.layer}.\n`);
  if (overview.layerNote) ctx.out(`${overview.layerNote}\n`);
};

export const reportsCommands: Record<string, Command> = { export: exportCmd, themes };
