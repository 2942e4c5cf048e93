// `accord` sub-commands of the intersections namespace: `report cooccurrence|attributes|saturation`
// (intersection reports as JSON or CSV) and `query` (a code query's quotes).
import { AccordError } from '../../shared/api/errors';
import type { FiltersInput } from '../../shared/api/intersections';
import type { Command, CommandContext } from './command';
import { parse, UsageError } from './usage';

const filterOptions = {
  layer: { type: 'string' as const },
  where: { type: 'string' as const, multiple: true as const },
  group: { type: 'string' as const, multiple: true as const },
  documents: { type: 'string' as const },
};

interface FilterValues {
  layer?: string;
  where?: string[];
  group?: string[];
  documents?: string;
}

/** The filter options as the contract's filters (coder, group and document names resolved). */
async function filters(ctx: CommandContext, v: FilterValues): Promise<FiltersInput> {
  const out: FiltersInput = { layer: await layerFromText(ctx, v.layer ?? 'all') };
  if (v.where?.length) out.where = v.where;
  if (v.group?.length) {
    const groups = await ctx.engine.call('groups:list', {});
    out.groupIds = v.group.map((name) => {
      const g = groups.find((x) => x.name.toLowerCase() === name.trim().toLowerCase());
      if (!g) throw new AccordError('NOT_FOUND', `no group named "${name}" (groups: ${groups.map((x) => x.name).join(', ') || 'none'})`);
      return g.id;
    });
  }
  if (v.documents) {
    out.documentIds = [];
    for (const name of v.documents.split(',').map((n) => n.trim()).filter(Boolean)) {
      out.documentIds.push((await ctx.engine.call('documents:find', { name })).id);
    }
  }
  return out;
}

/** `all`, `consensus` or a coder's name, as the filters' layer. */
async function layerFromText(ctx: CommandContext, text: string): Promise<FiltersInput['layer']> {
  const t = text.trim();
  if (t.toLowerCase() === 'all' || t.toLowerCase() === 'consensus') return t.toLowerCase() as 'all' | 'consensus';
  const coders = (await ctx.engine.call('coders:list', {})).slice().sort((a, b) => a.id - b.id);
  const found = coders.find((c) => c.name === t);
  if (!found) throw new AccordError('NOT_FOUND', `no coder called "${t}" (coders: ${coders.map((c) => c.name).join(', ') || 'none'}; or use all or consensus)`);
  return found.id;
}

function format(v: string | undefined): 'json' | 'csv' {
  const f = (v ?? 'json').toLowerCase();
  if (f !== 'json' && f !== 'csv') throw new UsageError(`--format is json or csv, not "${v}"`);
  return f;
}

function csvField(v: string | number | null): string {
  const t = v === null ? '' : String(v);
  return /[",\n\r]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
}

function csv(rows: (string | number | null)[][]): string {
  return rows.map((r) => r.map(csvField).join(',')).join('\n') + '\n';
}

const codeLabel = (c: { label: string; name: string }): string => c.label || c.name;

async function cooccurrenceReport(args: string[], ctx: CommandContext): Promise<void> {
  const { positionals, values } = parse(args, { ...filterOptions, mode: { type: 'string' }, format: { type: 'string' }, 'roll-up': { type: 'boolean' } }, 1);
  const fmt = format(values.format);
  await ctx.open(positionals[0]);
  const m = await ctx.engine.call('intersections:matrix', {
    ...(await filters(ctx, values)),
    mode: values.mode ?? 'overlap',
    rollUp: values['roll-up'] ?? false,
  });
  const byId = new Map(m.codes.map((c) => [c.id as number, codeLabel(c)]));
  const cells = m.cells.map((c) => ({
    a: byId.get(c.a)!,
    b: byId.get(c.b)!,
    n: c.n,
    c: c.c,
    jaccard: c.jaccard,
    p_b_given_a: c.pBGivenA,
    documents: c.documents,
    participants: c.participants,
  }));
  if (fmt === 'json') {
    ctx.json({ codes: m.codes.map(codeLabel), cells, ...(m.scope.message ? { message: m.scope.message } : {}) });
    return;
  }
  const head = ['a', 'b', 'n', 'c', 'jaccard', 'p_b_given_a', 'documents', 'participants'] as const;
  ctx.out(csv([[...head], ...cells.map((c) => head.map((k) => c[k]))]));
}

async function attributesReport(args: string[], ctx: CommandContext): Promise<void> {
  const { positionals, values } = parse(args, { ...filterOptions, attribute: { type: 'string' }, format: { type: 'string' }, 'roll-up': { type: 'boolean' } }, 1);
  if (!values.attribute) throw new UsageError('--attribute NAME is required (e.g. --attribute Role)');
  const fmt = format(values.format);
  await ctx.open(positionals[0]);
  const t = await ctx.engine.call('intersections:attributes', { ...(await filters(ctx, values)), attribute: values.attribute, rollUp: values['roll-up'] ?? false });
  const rows = t.rows.map((r) => ({
    code: codeLabel(r),
    participants: Object.fromEntries(t.values.map((v, i) => [v, r.participants[i]])),
    codings: Object.fromEntries(t.values.map((v, i) => [v, r.codings[i]])),
  }));
  if (fmt === 'json') {
    ctx.json({ attribute: t.attribute, values: t.values, participants_per_value: t.participantsPerValue, rows });
    return;
  }
  const head = ['code', ...t.values.map((v) => `${v} participants`), ...t.values.map((v) => `${v} codings`)];
  ctx.out(csv([head, ...t.rows.map((r) => [codeLabel(r), ...r.participants, ...r.codings])]));
}

async function saturationReport(args: string[], ctx: CommandContext): Promise<void> {
  const { positionals, values } = parse(args, { ...filterOptions, 'order-by': { type: 'string' }, format: { type: 'string' } }, 1);
  const fmt = format(values.format);
  await ctx.open(positionals[0]);
  const curve = await ctx.engine.call('intersections:saturation', { ...(await filters(ctx, values)), orderBy: values['order-by'] });
  const points = curve.points.map((p) => ({
    document: p.document,
    participant: p.participant,
    date: p.date,
    codings: p.codings,
    new_codes: p.newCodes.map(codeLabel),
    cumulative: p.cumulative,
  }));
  if (fmt === 'json') {
    ctx.json({ summary: curve.summary, total_codes: curve.totalCodes, points });
    return;
  }
  ctx.out(csv([['document', 'participant', 'date', 'codings', 'new_codes', 'cumulative'], ...points.map((p) => [p.document, p.participant, p.date, p.codings, p.new_codes.join('; '), p.cumulative])]));
}

const REPORTS: Record<string, (args: string[], ctx: CommandContext) => Promise<void>> = {
  cooccurrence: cooccurrenceReport,
  attributes: attributesReport,
  saturation: saturationReport,
};

const report: Command = async (args, ctx) => {
  const run = REPORTS[args[0] ?? ''];
  if (!run) throw new UsageError(`accord report needs one of ${Object.keys(REPORTS).join(', ')} (e.g. accord report cooccurrence PROJECT)`);
  await run(args.slice(1), ctx);
};

const query: Command = async (args, ctx) => {
  const { positionals, values } = parse(args, { ...filterOptions, json: { type: 'boolean' }, descendants: { type: 'boolean' } }, 2);
  const [project, text] = positionals;
  await ctx.open(project);
  const r = await ctx.engine.call('queries:run', { ...(await filters(ctx, values)), query: text, includeDescendants: values.descendants ?? false, context: 0 });
  const quotes = r.quotes.map((q) => ({ document: q.document, participant: q.participant, start: q.start, end: q.end, text: q.text, codes: q.codes }));
  if (values.json) {
    ctx.json(quotes);
    return;
  }
  for (const q of quotes) ctx.out(`${q.document}\t${q.participant ?? ''}\t[${q.start}, ${q.end})\t${q.codes.join(', ')}\t${q.text.replace(/\s+/g, ' ').slice(0, 100)}\n`);
  ctx.out(`${quotes.length} result${quotes.length === 1 ? '' : 's'} in ${r.scope.layer}\n`);
};

export const intersectionsCommands: Record<string, Command> = { report, query };
