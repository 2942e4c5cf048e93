// `accord retrieve`: every passage coded with the chosen codes (and their descendants), with who said
// it and their attributes, printed or written as Word, CSV, XLSX, Markdown or JSON. Through the contract.
import { RETRIEVAL_SORTS, type RetrievalFormat, type RetrievalSort } from '../../shared/api/retrieval';
import { formatTimestamp } from '../../shared/reports/retrieval';
import type { Code } from '../../shared/model/types';
import { writeFileOutput, type Command } from './command';
import { parse, UsageError } from './usage';

const FORMATS: Record<string, RetrievalFormat> = { docx: 'docx', csv: 'csv', xlsx: 'xlsx', md: 'markdown', markdown: 'markdown', json: 'json' };

function findCode(codes: Code[], key: string): Code {
  const k = key.trim().replace(/\.$/, '').toLowerCase();
  const found = codes.find((c) => c.label.toLowerCase() === k) ?? codes.find((c) => c.name.toLowerCase() === k);
  if (!found) throw new UsageError(`no code with label or name "${key}"`);
  return found;
}

/** `Role=GP` or `Role=GP,Nurse` → one attribute condition. */
export function parseWhere(text: string): { attribute: string; values: string[] } {
  const eq = text.indexOf('=');
  if (eq <= 0) throw new UsageError(`--where takes ATTRIBUTE=VALUE[,VALUE…], not "${text}"`);
  const values = text.slice(eq + 1).split(',').map((v) => v.trim()).filter(Boolean);
  if (values.length === 0) throw new UsageError(`--where ${text}: give at least one value`);
  return { attribute: text.slice(0, eq).trim(), values };
}

const retrieve: Command = async (args, ctx) => {
  const { positionals, values } = parse(
    args,
    {
      code: { type: 'string', multiple: true },
      descendants: { type: 'boolean' },
      'no-descendants': { type: 'boolean' },
      layer: { type: 'string' },
      coder: { type: 'string', multiple: true },
      document: { type: 'string', multiple: true },
      group: { type: 'string', multiple: true },
      where: { type: 'string', multiple: true },
      sort: { type: 'string' },
      format: { type: 'string' },
      output: { type: 'string', short: 'o' },
      json: { type: 'boolean' },
    },
    1,
  );
  if (!values.code?.length) throw new UsageError('--code LABEL is required (repeat it for several codes)');
  const layer: 'coders' | 'consensus' = values.layer === 'consensus' ? 'consensus' : 'coders';
  if (values.layer !== undefined && values.layer !== 'coders' && values.layer !== 'consensus') throw new UsageError(`--layer is coders or consensus, not "${values.layer}"`);
  const sort = (values.sort ?? 'document') as RetrievalSort;
  if (!RETRIEVAL_SORTS.includes(sort)) throw new UsageError(`--sort is document, code or participant, not "${values.sort}"`);
  const formatName = (values.format ?? (values.json ? 'json' : '')).toLowerCase();
  const format = formatName ? FORMATS[formatName] : undefined;
  if (formatName && !format) throw new UsageError(`--format is docx, csv, xlsx, md or json, not "${values.format}"`);
  if ((format === 'docx' || format === 'xlsx') && !values.output) throw new UsageError(`--format ${formatName} needs -o FILE`);
  const where = (values.where ?? []).map(parseWhere);

  await ctx.open(positionals[0], { readOnly: true });
  const codes = await ctx.engine.call('codebook:list', {});
  const codeIds = values.code.map((k) => findCode(codes, k).id);
  const byName = <T extends { id: number; name: string }>(list: T[], names: string[] | undefined, what: string): T['id'][] =>
    (names ?? []).map((n) => {
      const hit = list.find((x) => x.name.toLowerCase() === n.trim().toLowerCase());
      if (!hit) throw new UsageError(`no ${what} named "${n}"`);
      return hit.id;
    });
  const coderIds = byName(await ctx.engine.call('coders:list', {}), values.coder, 'coder');
  const documentIds = values.document?.length ? byName(await ctx.engine.call('documents:list', {}), values.document, 'document') : [];
  const groupIds = values.group?.length ? byName(await ctx.engine.call('groups:list', {}), values.group, 'group') : [];
  const query = {
    codeIds,
    descendants: !values['no-descendants'],
    layer,
    coderIds,
    documentIds,
    groupIds,
    where,
    sort,
  };

  if (format) {
    writeFileOutput(ctx, await ctx.engine.call('retrieval:export', { ...query, format }), values.output, format);
    return;
  }
  const result = await ctx.engine.call('retrieval:run', query);
  for (const s of result.segments) {
    const who = s.participant ?? s.document;
    const time = s.timeMs === null ? '' : ` ${formatTimestamp(s.timeMs)}`;
    ctx.out(`${s.codeLabel}\t${who}${time}\t${s.coder}\t${s.document} [${s.start}, ${s.end})\n  ${s.text.replace(/\s*\n\s*/g, ' ')}\n`);
  }
  ctx.out(`${result.summary}\n`);
};

export const retrievalCommands: Record<string, Command> = { retrieve };
