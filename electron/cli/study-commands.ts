// `accord` sub-commands of the study namespace: participants (list, import, export, table), survey
// import, groups, search, autocode and building the demo study.
import { existsSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { AccordError } from '../../shared/errors';
import { cellText } from '../../shared/reports/table';
import { attributeType, type AttributeType, type Group } from '../../shared/api/study';
import { decodeText } from '../engine/import/decode';
import type { Command, CommandContext } from './command';
import { readInputFile, resolveCode } from './commands';
import { intOption, parse, UsageError } from './usage';

const json = { json: { type: 'boolean' as const } };

/** A CSV file's text, decoded as documents are (UTF-8/16 or Windows-1252, size checked first). */
function readCsv(file: string): string {
  return decodeText(basename(file), readInputFile(file)).text;
}

async function groupByName(ctx: CommandContext, name: string): Promise<Group> {
  const groups = await ctx.engine.call('groups:list', {});
  const g = groups.find((x) => x.name.toLowerCase() === name.trim().toLowerCase());
  if (!g) throw new AccordError('NOT_FOUND', `no group named "${name}" (groups: ${groups.map((x) => x.name).join(', ') || 'none'})`);
  return g;
}

const participants: Command = async (args, ctx) => {
  if (args[0] === 'import') {
    const { positionals, values } = parse(args.slice(1), { ...json, 'id-column': { type: 'string' } }, 2);
    await ctx.open(positionals[0]);
    const file = positionals[1];
    const r = await ctx.engine.call('participants:import', { fileName: basename(file), text: readCsv(file), idColumn: values['id-column'] });
    if (values.json) ctx.json({ id_column: r.idColumn, created: r.created, updated: r.updated, attributes: r.attributes.map((a) => ({ name: a.name, type: a.type })), linked: r.linked });
    else {
      ctx.out(`Imported ${r.created + r.updated} participants from ${basename(file)} (${r.created} new, ${r.updated} updated; ID column "${r.idColumn}")\n`);
      ctx.out(`Attributes: ${r.attributes.map((a) => `${a.name} (${a.type})`).join(', ')}\n`);
      if (r.linked.length) ctx.out(`Linked ${r.linked.length} documents: ${r.linked.join(', ')}\n`);
    }
    return;
  }
  if (args[0] === 'set-type') {
    const { positionals } = parse(args.slice(1), {}, 3);
    const [project, name, type] = positionals;
    if (!attributeType().options.includes(type as AttributeType)) throw new UsageError(`the type is one of ${attributeType().options.join(', ')}, not "${type}"`);
    await ctx.open(project);
    const attrs = await ctx.engine.call('participants:attributes', {});
    const attr = attrs.find((a) => a.name.toLowerCase() === name.trim().toLowerCase());
    if (!attr) throw new UsageError(`no attribute named "${name}"${attrs.length ? ` (there are: ${attrs.map((a) => a.name).join(', ')})` : ''}`);
    const updated = await ctx.engine.call('participants:updateAttribute', { id: attr.id, type: type as AttributeType });
    ctx.out(`${updated.name}: ${attr.type} → ${updated.type}\n`);
    return;
  }
  if (args[0] === 'export') {
    const { positionals } = parse(args.slice(1), {}, 1);
    await ctx.open(positionals[0], { readOnly: true });
    ctx.out(`${await ctx.engine.call('participants:exportCsv', {})}\n`);
    return;
  }
  if (args[0] === 'table') {
    const { positionals, values } = parse(args.slice(1), { ...json, attribute: { type: 'string', multiple: true }, percent: { type: 'boolean' } }, 1);
    await ctx.open(positionals[0], { readOnly: true });
    const t = await ctx.engine.call('participants:characteristics', { attributes: values.attribute, percent: values.percent ?? false });
    const lines = [t.columns, ...t.rows.map((r) => r.cells)].map((cells) => cells.map(cellText));
    if (values.json) ctx.json(lines);
    else for (const l of lines) ctx.out(`${l.join('\t')}\n`);
    return;
  }
  const { positionals, values } = parse(args, json, 1);
  await ctx.open(positionals[0], { readOnly: true });
  const people = await ctx.engine.call('participants:list', {});
  if (values.json) ctx.json(people.map((p) => ({ id: p.pid, attributes: p.attributes, documents: p.documents })));
  else {
    for (const p of people) {
      const attrs = Object.entries(p.attributes).map(([k, v]) => `${k}=${v}`).join(', ');
      ctx.out(`${p.pid}\t${attrs}\t${p.documents.join(', ')}\n`);
    }
  }
};

const survey: Command = async (args, ctx) => {
  if (args[0] !== 'import') throw new UsageError('usage: accord survey import PROJECT FILE.csv --text-column NAME [--id-column NAME] [--sections] [--group NAME]');
  const { positionals, values } = parse(
    args.slice(1),
    { ...json, 'text-column': { type: 'string' }, 'id-column': { type: 'string' }, sections: { type: 'boolean' }, group: { type: 'string' } },
    2,
  );
  if (!values['text-column']) throw new UsageError('--text-column NAME is required (the column holding the responses)');
  await ctx.open(positionals[0]);
  const file = positionals[1];
  const r = await ctx.engine.call('survey:import', {
    fileName: basename(file),
    text: readCsv(file),
    textColumn: values['text-column'],
    idColumn: values['id-column'],
    mode: values.sections ? 'sections' : 'documents',
    group: values.group,
  });
  if (values.json) ctx.json({ documents: r.documents.map((d) => d.name), participants: r.participants, warnings: r.warnings });
  else {
    ctx.out(`Imported ${r.participants} responses from ${basename(file)} into ${r.documents.length} document${r.documents.length === 1 ? '' : 's'}\n`);
    for (const w of r.warnings) ctx.out(`warning: ${w}\n`);
  }
};

const groups: Command = async (args, ctx) => {
  const sub = args[0];
  if (sub === 'create') {
    const { positionals } = parse(args.slice(1), {}, 2);
    await ctx.open(positionals[0]);
    const g = await ctx.engine.call('groups:create', { name: positionals[1] });
    ctx.out(`Created group ${g.name}\n`);
    return;
  }
  if (sub === 'add' || sub === 'remove') {
    const { positionals } = parse(args.slice(1), {}, 3);
    const [project, name, ...docs] = positionals;
    await ctx.open(project);
    const g = await groupByName(ctx, name);
    const ids = [];
    for (const d of docs) ids.push((await ctx.engine.call('documents:find', { name: d })).id);
    const after = await ctx.engine.call('groups:setMembers', { groupId: g.id, documentIds: ids, member: sub === 'add' });
    ctx.out(`${after.name}: ${after.documentIds.length} documents\n`);
    return;
  }
  const { positionals, values } = parse(args, json, 1);
  await ctx.open(positionals[0], { readOnly: true });
  const [list, docs] = await Promise.all([ctx.engine.call('groups:list', {}), ctx.engine.call('documents:list', {})]);
  const nameOf = new Map(docs.map((d) => [d.id as number, d.name]));
  const out = list.map((g) => ({ name: g.name, documents: g.documentIds.map((id) => nameOf.get(id) ?? String(id)) }));
  if (values.json) ctx.json(out);
  else for (const g of out) ctx.out(`${g.name}\t${g.documents.length} documents\t${g.documents.join(', ')}\n`);
};

const search: Command = async (args, ctx) => {
  const { positionals, values } = parse(args, { ...json, limit: { type: 'string' }, group: { type: 'string' } }, 2);
  const [project, query] = positionals;
  const limit = values.limit === undefined ? 10000 : intOption('limit', values.limit);
  if (limit < 1) throw new UsageError('--limit must be at least 1');
  await ctx.open(project, { readOnly: true });
  const groupId = values.group ? (await groupByName(ctx, values.group)).id : undefined;
  const r = await ctx.engine.call('search:run', { query, limit, groupId });
  if (values.json) {
    ctx.json({ hits: r.hits.map((h) => ({ document: h.document, start: h.start, end: h.end, text: h.text })), truncated: r.truncated });
    return;
  }
  for (const h of r.hits) {
    const line = `${h.context.before}[${h.text}]${h.context.after}`.replace(/\s+/g, ' ');
    ctx.out(`${h.document}\t[${h.start}, ${h.end})\t${line}\n`);
  }
  ctx.out(`${r.hits.length}${r.truncated ? '+' : ''} hits\n`);
};

const autocodeCmd: Command = async (args, ctx) => {
  const { positionals, values } = parse(
    args,
    { ...json, code: { type: 'string' }, coder: { type: 'string' }, unit: { type: 'string' }, group: { type: 'string' } },
    2,
  );
  if (!values.code) throw new UsageError('--code LABEL is required');
  if (!values.coder) throw new UsageError('--coder NAME is required');
  const unit = values.unit ?? 'hit';
  if (unit !== 'hit' && unit !== 'sentence' && unit !== 'turn') throw new UsageError(`--unit is hit, sentence or turn, not "${unit}"`);
  const [project, query] = positionals;
  await ctx.open(project);
  const code = resolveCode(await ctx.engine.call('codebook:list', {}), values.code);
  await ctx.engine.call('coders:select', { name: values.coder });
  const groupId = values.group ? (await groupByName(ctx, values.group)).id : undefined;
  const r = await ctx.engine.call('search:autocode', { query, codeId: code.id, unit, groupId });
  if (values.json) ctx.json(r);
  else ctx.out(`Coded ${r.created} new ${unit === 'hit' ? 'hits' : `${unit}s`} with ${code.label || code.name} (${r.hits} hits, ${r.passages} passages) as ${values.coder}\n`);
};

const demo: Command = async (args, ctx) => {
  const { positionals } = parse(args, {}, 1);
  const path = resolve(positionals[0]);
  if (existsSync(path)) throw new AccordError('CONFLICT', `${basename(path)}: a file of that name already exists`);
  await ctx.engine.call('project:openDemo', { path });
  ctx.out(`Built the demo study at ${path}\n`);
};

export const studyCommands: Record<string, Command> = {
  participants,
  survey,
  groups,
  search,
  autocode: autocodeCmd,
  demo,
};
