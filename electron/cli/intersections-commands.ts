// `accord` sub-commands of the intersections namespace: `report cooccurrence|attributes|saturation`
// (intersection reports as JSON or CSV) and `query` (a code query's quotes).
import { AccordError } from '../../shared/errors';
import type { FiltersInput, Scope } from '../../shared/api/intersections';
import type { Command, CommandContext } from './command';
import { intOption, parse, UsageError } from './usage';
import { jsonNumber, rows } from './json-out';

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
  const out: FiltersInput = { layer: await layerFromText(ctx, v.layer ?? 'auto') };
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

/** `auto` (or `default`), `all` (or `pooled`), `consensus` or a coder's name, as the filters' layer. */
async function layerFromText(ctx: CommandContext, text: string): Promise<FiltersInput['layer']> {
  const t = text.trim();
  const lower = t.toLowerCase();
  if (lower === 'auto' || lower === 'default') return 'auto';
  if (lower === 'all' || lower === 'pooled') return 'all';
  if (lower === 'consensus') return 'consensus';
  const coders = (await ctx.engine.call('coders:list', {})).slice().sort((a, b) => a.id - b.id);
  const found = coders.find((c) => c.name === t);
  if (!found) throw new AccordError('NOT_FOUND', `no coder called "${t}" (coders: ${coders.map((c) => c.name).join(', ') || 'none'}; or use auto, all or consensus)`);
  return found.id;
}

function format(v: string | undefined, json?: boolean): 'json' | 'csv' {
  if (json && v !== undefined && v.toLowerCase() !== 'json') throw new UsageError(`--json and --format ${v} contradict each other`);
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

/** What a report was computed over, as its JSON states it. */
function scopeJson(sc: Scope): Record<string, unknown> {
  return {
    layer: sc.layer,
    coders: sc.coders,
    documents: sc.documents,
    documents_total: sc.documentsTotal,
    codings: sc.codings,
    filters: sc.filters,
  };
}

async function cooccurrenceReport(args: string[], ctx: CommandContext): Promise<void> {
  const { positionals, values } = parse(args, { ...filterOptions, mode: { type: 'string' }, format: { type: 'string' }, json: { type: 'boolean' }, 'roll-up': { type: 'boolean' } }, 1);
  const fmt = format(values.format, values.json);
  await ctx.open(positionals[0], { readOnly: true });
  const m = await ctx.engine.call('intersections:matrix', {
    ...(await filters(ctx, values)),
    mode: values.mode ?? 'overlap',
    rollUp: values['roll-up'] ?? false,
  });
  const byId = new Map(m.codes.map((c) => [c.id as number, codeLabel(c)]));
  if (fmt === 'json') {
    // Cells (codes² of them) are written one per line as they are printed, with each label quoted once.
    const quoted = new Map([...byId].map(([id, l]) => [id, JSON.stringify(l)]));
    const cellJson = (c: (typeof m.cells)[number]): string =>
      `{"a":${quoted.get(c.a)},"b":${quoted.get(c.b)},"n":${jsonNumber(c.n)},"c":${jsonNumber(c.c)},"jaccard":${jsonNumber(c.jaccard)},` +
      `"p_b_given_a":${jsonNumber(c.pBGivenA)},"documents":${jsonNumber(c.documents)},"participants":${jsonNumber(c.participants)}}`;
    ctx.json({
      layer: m.scope.layer,
      layer_kind: m.scope.layerKind,
      layer_reason: m.scope.layerReason,
      ...(m.scope.warning ? { warning: m.scope.warning } : {}),
      mode: m.mode,
      unit: m.unit,
      counts: m.counts,
      scope: scopeJson(m.scope),
      codes: m.codes.map(codeLabel),
      cells: rows(m.cells, cellJson),
      ...(m.scope.message ? { message: m.scope.message } : {}),
    });
    return;
  }
  // CSV has no room for a sentence beside the table: the warning goes to stderr so that it is seen.
  if (m.scope.warning) ctx.warn?.(m.scope.warning);
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
  const head = ['a', 'b', 'n', 'c', 'jaccard', 'p_b_given_a', 'documents', 'participants'] as const;
  ctx.out(csv([[...head], ...cells.map((c) => head.map((k) => c[k]))]));
}

async function attributesReport(args: string[], ctx: CommandContext): Promise<void> {
  const { positionals, values } = parse(args, { ...filterOptions, attribute: { type: 'string' }, format: { type: 'string' }, 'roll-up': { type: 'boolean' } }, 1);
  if (!values.attribute) throw new UsageError('--attribute NAME is required (e.g. --attribute Role)');
  const fmt = format(values.format);
  await ctx.open(positionals[0], { readOnly: true });
  const t = await ctx.engine.call('intersections:attributes', { ...(await filters(ctx, values)), attribute: values.attribute, rollUp: values['roll-up'] ?? false });
  const rows = t.rows.map((r) => ({
    code: codeLabel(r),
    participants: Object.fromEntries(t.values.map((v, i) => [v, r.participants[i]])),
    codings: Object.fromEntries(t.values.map((v, i) => [v, r.codings[i]])),
  }));
  if (fmt === 'json') {
    ctx.json({
      layer: t.scope.layer,
      layer_reason: t.scope.layerReason,
      counts: `Per code and value of ${t.attribute}: participants with at least one coding of the code (participants_per_value are the denominators), and codings`,
      scope: scopeJson(t.scope),
      attribute: t.attribute,
      values: t.values,
      participants_per_value: t.participantsPerValue,
      rows,
    });
    return;
  }
  const head = ['code', ...t.values.map((v) => `${v} participants`), ...t.values.map((v) => `${v} codings`)];
  ctx.out(csv([head, ...t.rows.map((r) => [codeLabel(r), ...r.participants, ...r.codings])]));
}

/** `5%`, `5` (percent) or `0.05` → a share. */
function thresholdOption(v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const m = /^\s*(\d+(?:\.\d+)?)\s*(%?)\s*$/.exec(v);
  if (!m) throw new UsageError(`--threshold is a percentage such as 5% (or a share such as 0.05), not "${v}"`);
  const x = Number(m[1]);
  const share = m[2] === '%' || x > 1 ? x / 100 : x;
  if (share > 1) throw new UsageError(`--threshold must lie within 0–100 %, not "${v}"`);
  return share;
}

async function saturationReport(args: string[], ctx: CommandContext): Promise<void> {
  const { positionals, values } = parse(
    args,
    {
      ...filterOptions,
      'order-by': { type: 'string' },
      'import-order': { type: 'boolean' },
      base: { type: 'string' },
      run: { type: 'string' },
      threshold: { type: 'string' },
      'new-codes-from': { type: 'string' },
      format: { type: 'string' },
      json: { type: 'boolean' },
    },
    1,
  );
  const fmt = format(values.format, values.json);
  await ctx.open(positionals[0], { readOnly: true });
  const curve = await ctx.engine.call('intersections:saturation', {
    ...(await filters(ctx, values)),
    orderBy: values['order-by'],
    importOrder: values['import-order'] ?? false,
    ...(values.base !== undefined ? { base: intOption('base', values.base) } : {}),
    ...(values.run !== undefined ? { run: intOption('run', values.run) } : {}),
    ...(values.threshold !== undefined ? { threshold: thresholdOption(values.threshold) } : {}),
    ...(values['new-codes-from'] ? { newCodesFrom: values['new-codes-from'] } : {}),
  });
  const points = curve.points.map((p) => ({
    interview: p.interview,
    document: p.document,
    participant: p.participant,
    ...(p.participant === null ? { participant_reason: 'the document is not linked to a participant' } : {}),
    date: p.date,
    ...(p.date === null ? { date_reason: curve.orderBy ? `the participant has no value for ${curve.orderBy}` : 'ordered by import order, not by a date' } : {}),
    codings: p.codings,
    new_codes: p.newCodes.map(codeLabel),
    new_information: p.newInformation,
    cumulative: p.cumulative,
  }));
  if (fmt === 'json') {
    const a = curve.assessment;
    ctx.json({
      summary: curve.summary,
      layer: curve.scope.layer,
      layer_reason: curve.scope.layerReason,
      order: curve.order,
      method: a.method,
      base: a.base,
      run: a.run,
      threshold: a.threshold,
      new_codes_from: a.newCodesFrom,
      ...(a.newCodesFrom === null ? { new_codes_from_reason: 'codebook development: every code counts as new where it is first applied' } : {}),
      saturation: {
        reached: a.reached,
        reached_at: a.reachedAt,
        reached_at_document: a.reachedAtDocument,
        confirmed_by: a.confirmedBy ? [a.confirmedBy.from, a.confirmedBy.to] : null,
        ...(a.reachedAt === null ? { reached_at_reason: a.reason, reached_at_document_reason: a.reason, confirmed_by_reason: a.reason } : {}),
        base_codes: a.baseCodes,
        ...(a.baseCodes === null ? { base_codes_reason: `fewer coded transcripts than the base (${a.base})` } : {}),
        runs: a.runs.map((r) => ({
          interviews: [r.from, r.to],
          documents: r.documents,
          new_codes: r.newCodes,
          new_information: r.newInformation,
          ...(r.newInformation === null ? { new_information_reason: 'the base transcripts hold no codes' } : {}),
        })),
      },
      total_codes: curve.totalCodes,
      points,
      uncoded: curve.uncoded.map((d) => d.document),
      scope: scopeJson(curve.scope),
    });
    return;
  }
  ctx.out(
    csv([
      ['interview', 'document', 'participant', 'date', 'codings', 'new_codes', 'new_information', 'cumulative'],
      ...points.map((p) => [p.interview, p.document, p.participant, p.date, p.codings, p.new_codes.join('; '), p.new_information, p.cumulative]),
    ]),
  );
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
  await ctx.open(project, { readOnly: true });
  const r = await ctx.engine.call('queries:run', { ...(await filters(ctx, values)), query: text, includeDescendants: values.descendants ?? false, context: 0 });
  const quotes = r.quotes.map((q) => ({ document: q.document, participant: q.participant, start: q.start, end: q.end, text: q.text, codes: q.codes }));
  if (r.scope.warning) ctx.warn?.(r.scope.warning);
  if (values.json) {
    ctx.json(quotes);
    return;
  }
  for (const q of quotes) ctx.out(`${q.document}\t${q.participant ?? ''}\t[${q.start}, ${q.end})\t${q.codes.join(', ')}\t${q.text.replace(/\s+/g, ' ').slice(0, 100)}\n`);
  ctx.out(`${quotes.length} result${quotes.length === 1 ? '' : 's'} in ${r.scope.layer}\n`);
};

export const intersectionsCommands: Record<string, Command> = { report, query };
