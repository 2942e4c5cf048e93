// `accord` sub-commands of the exchange namespace: REFI-QDA import (routed here from `accord import`),
// `accord export --format qdpx|qdc`, and `accord merge TARGET SOURCE...`.
import { existsSync, writeFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { MergeCounts, MergeReport, RefiImportReport } from '../../shared/api/exchange';
import { formatClock } from '../../shared/text/clock';
import { parseTimestamp } from '../../shared/text/turns';
import { readingLabel } from '../engine/refi/offsets';
import type { Command, CommandContext } from './command';
import { parse, UsageError } from './usage';

const REFI_FILE = /\.(qdpx|qde|qdc)$/i;
const REFI_FORMATS = ['qdpx', 'qde', 'qdc'] as const;

/** True when a file name is a REFI-QDA file that `accord import` hands to this namespace. */
export function isRefiFile(name: string): boolean {
  return REFI_FILE.test(name);
}

/** True when `accord import` arguments name at least one REFI-QDA file. */
export function hasRefiFile(args: string[]): boolean {
  return args.slice(1).some((a) => !a.startsWith('-') && isRefiFile(a));
}

function snake(r: RefiImportReport) {
  return {
    file: r.file,
    origin: r.origin,
    kind: r.kind,
    users: r.users,
    codes: r.codes,
    sources: r.sources,
    codings: r.codings,
    notes: r.notes,
    cases: r.cases,
    created: r.created,
    offset_unit: r.offsetUnit,
    crlf_counts_as: r.crlfCountsAs,
    offset_reason: r.offsetReason,
    skipped: r.skipped,
    warnings: r.warnings,
  };
}

function printImport(ctx: CommandContext, r: RefiImportReport): void {
  const from = r.origin ? ` (written by ${r.origin})` : '';
  if (r.kind === 'codebook') ctx.out(`Imported the codebook ${r.file}${from}: ${r.codes} codes, ${r.created.codes} new\n`);
  else {
    ctx.out(`Imported ${r.file}${from}: ${r.users} users, ${r.codes} codes, ${r.sources} text sources, ${r.codings} codings, ${r.notes} notes, ${r.cases} cases\n`);
    const made = Object.entries(r.created).map(([k, v]) => `${v} ${k}`).join(', ');
    ctx.out(`  new in the project: ${made}\n`);
    ctx.out(`  offsets read as ${readingLabel({ unit: r.offsetUnit, crlf: r.crlfCountsAs })}: ${r.offsetReason}\n`);
    if (r.groups.sets) ctx.out(`  document groups from ${r.groups.sets} sets: ${r.groups.created} new, ${r.groups.addedMembers} documents added to groups\n`);
  }
  for (const s of r.skipped) ctx.out(`  skipped: ${s}\n`);
  for (const w of r.warnings) ctx.out(`  note: ${w}\n`);
}

/**
 * `accord import PROJECT FILE.qdpx|.qde|.qdc...`: import REFI-QDA files, creating the project when it
 * does not exist yet. Each file is one transaction.
 */
export const importRefiCommand: Command = async (args, ctx) => {
  const { positionals, values } = parse(args, { json: { type: 'boolean' } }, 2);
  const [project, ...files] = positionals;
  const other = files.filter((f) => !isRefiFile(f));
  if (other.length > 0) throw new UsageError(`import REFI-QDA files (.qdpx .qde .qdc) on their own, not with ${other.map((f) => basename(f)).join(', ')}`);
  const path = resolve(project);
  if (existsSync(path)) await ctx.open(path);
  else {
    await ctx.engine.call('project:create', { path });
    if (!values.json) ctx.out(`Created ${path}\n`);
  }
  const { readInputFile } = await import('./commands');
  const reports: RefiImportReport[] = [];
  for (const file of files) {
    const r = await ctx.engine.call('exchange:import', { fileName: basename(file), dataBase64: Buffer.from(readInputFile(file)).toString('base64') });
    reports.push(r);
    if (!values.json) printImport(ctx, r);
  }
  if (values.json) ctx.json(reports.length === 1 ? snake(reports[0]) : reports.map(snake));
};

function optionValue(args: string[], name: string): string | undefined {
  for (let i = 0; i < args.length; i++) {
    if (args[i] === `--${name}`) return args[i + 1];
    if (args[i].startsWith(`--${name}=`)) return args[i].slice(name.length + 3);
  }
  return undefined;
}

/**
 * `accord export PROJECT --format qdpx|qdc [--offsets codepoint|utf16] -o FILE`. Paper tables
 * (`--table`) belong to the reports namespace; those arguments are handed to its `export` command.
 */
const exportCmd: Command = async (args, ctx) => {
  // Lower-cased as the reports command does, so the two never hand the same arguments back and forth.
  const format = optionValue(args, 'format')?.toLowerCase();
  const wantsTable = args.some((a) => a === '--table' || a.startsWith('--table='));
  if (wantsTable || !(REFI_FORMATS as readonly string[]).includes(format ?? '')) {
    const { reportsCommands } = await import('./reports-commands');
    const tables = reportsCommands.export;
    if (tables && tables !== exportCmd) return tables(args, ctx);
    throw new UsageError(`--format is qdpx or qdc (REFI-QDA)${format ? `, not "${format}"` : ''}`);
  }
  const { positionals, values } = parse(
    args,
    { json: { type: 'boolean' }, format: { type: 'string' }, offsets: { type: 'string' }, output: { type: 'string', short: 'o' } },
    1,
  );
  const offsets = values.offsets ?? 'codepoint';
  if (offsets !== 'codepoint' && offsets !== 'utf16') throw new UsageError(`--offsets is codepoint or utf16, not "${offsets}"`);
  if (!values.output) throw new UsageError('-o FILE is required');
  await ctx.open(positionals[0], { readOnly: true });
  const r = await ctx.engine.call('exchange:export', { format: format as (typeof REFI_FORMATS)[number], offsets });
  const out = resolve(values.output);
  writeFileSync(out, Buffer.from(r.dataBase64, 'base64'));
  if (values.json) ctx.json({ file: out, format, offsets, ...r.counts });
  else {
    const c = r.counts;
    const what = format === 'qdc' ? `${c.codes} codes` : `${c.users} users, ${c.codes} codes, ${c.sources} text sources, ${c.codings} codings, ${c.notes} notes, ${c.cases} cases; offsets in ${offsets === 'utf16' ? 'UTF-16 code units' : 'code points'}`;
    ctx.out(`Wrote ${out}: ${what}\n`);
  }
};

function counts(c: MergeCounts): string {
  const parts = Object.entries(c)
    .filter(([, v]) => v > 0)
    .map(([k, v]) => `${v} ${k === 'attributeValues' ? 'attribute values' : k}`);
  return parts.length ? parts.join(', ') : 'nothing';
}

function printMerge(ctx: CommandContext, r: MergeReport): void {
  if (r.backup) ctx.out(`Backup of the target: ${r.backup}\n`);
  for (const s of r.sources) {
    const { codesByGuid, codesByPath, ...matched } = s.matched;
    ctx.out(`Merged ${basename(s.path)}\n`);
    ctx.out(`  added: ${counts(s.added)}\n`);
    ctx.out(`  already there: ${counts(matched)}${matched.codes ? ` (codes: ${codesByGuid} by GUID, ${codesByPath} by path)` : ''}\n`);
    const g = s.groups;
    if (g.added || g.matched) ctx.out(`  document groups: ${g.added} new, ${g.matched} already there, ${g.addedMembers.length} documents added to groups\n`);
    for (const n of s.notMerged) ctx.out(`  not merged: ${n}\n`);
    if (s.conflicts.length) ctx.out(`  ${s.conflicts.length} conflict(s), the target's value kept — settle them by hand:\n`);
    for (const k of s.conflicts) ctx.out(`    ${k.subject}: ${k.field} is "${k.target}" here, "${k.source}" in ${basename(s.path)}\n`);
  }
  if (r.unchanged) ctx.out('Nothing new: the target already held everything.\n');
}

/** `accord merge TARGET SOURCE... [--json] [--no-backup]`: merge coders' copies into the target. */
const merge: Command = async (args, ctx) => {
  const { positionals, values } = parse(args, { json: { type: 'boolean' }, 'no-backup': { type: 'boolean' } }, 2);
  const [target, ...sources] = positionals;
  await ctx.open(target);
  const r = await ctx.engine.call('exchange:merge', { sources: sources.map((p) => resolve(p)), backup: !values['no-backup'] });
  if (values.json) ctx.json(r);
  else printMerge(ctx, r);
};

/**
 * `accord recover DAMAGED.accord NEW.accord [--json]`: copy what can be read from a damaged project
 * into a new one; the damaged file is not changed.
 */
const recover: Command = async (args, ctx) => {
  const { positionals, values } = parse(args, { json: { type: 'boolean' } }, 2);
  if (positionals.length !== 2) throw new UsageError('recover needs the damaged project and a new file name: accord recover DAMAGED.accord NEW.accord');
  const r = await ctx.engine.call('project:recover', { path: resolve(positionals[0]), to: resolve(positionals[1]) });
  if (values.json) return ctx.json(r.recovery);
  const rec = r.recovery;
  ctx.out(`Recovered ${basename(rec.from)} into ${rec.to}${rec.complete ? ': every row was read' : ''}\n`);
  for (const t of rec.tables) {
    if (t.copied === 0 && t.unreadable === 0 && t.dropped === 0) continue;
    const lost = [t.unreadable ? `${t.unreadable} damaged stretch(es) skipped` : '', t.dropped ? `${t.dropped} row(s) dropped (their parent was lost)` : ''].filter(Boolean);
    ctx.out(`  ${t.table}: ${t.copied} row(s)${lost.length ? `; ${lost.join('; ')}` : ''}\n`);
  }
  ctx.out(`The damaged file was left as it is.\n`);
};

function clock(ms: number | null): string {
  return ms === null ? 'length unknown' : formatClock(ms);
}

/**
 * `accord recordings PROJECT [--json]`: every transcript's recording and its status;
 * `accord recordings link PROJECT --document NAME FILE`: link (or relink) a recording;
 * `accord recordings unlink PROJECT --document NAME`;
 * `accord recordings sync PROJECT --document NAME TIME`: where the recording starts on the transcript's clock.
 */
const recordings: Command = async (args, ctx) => {
  const verb = args[0] === 'link' || args[0] === 'unlink' || args[0] === 'sync' ? args[0] : null;
  const { positionals, values } = parse(verb ? args.slice(1) : args, { json: { type: 'boolean' }, document: { type: 'string' } }, 1);
  await ctx.open(positionals[0]);
  const docs = await ctx.engine.call('documents:list', {});
  const name = (id: number): string => docs.find((d) => d.id === id)?.name ?? `document ${id}`;
  if (!verb) {
    const list = await ctx.engine.call('recordings:list', {});
    if (values.json) return ctx.json(list);
    for (const r of list) ctx.out(`${name(r.documentId)}\t${r.fileName}\t${r.kind}\t${r.status}\t${r.path}\n`);
    if (list.length === 0) ctx.out('No recordings.\n');
    return;
  }
  if (!values.document) throw new UsageError('--document NAME is required');
  const wanted = values.document.toLowerCase();
  const doc = docs.find((d) => d.name.toLowerCase() === wanted);
  if (!doc) throw new UsageError(`no document named "${values.document}"`);
  if (verb === 'unlink') {
    await ctx.engine.call('recordings:unlink', { documentId: doc.id });
    if (!values.json) ctx.out(`Unlinked the recording of ${doc.name}\n`);
    else ctx.json(null);
    return;
  }
  if (verb === 'sync') {
    const time = positionals[1];
    const startsAtMs = time === undefined ? null : parseTimestamp(time);
    if (startsAtMs === null) throw new UsageError('give the transcript time the recording starts at, h:mm:ss or m:ss: accord recordings sync PROJECT --document NAME 14:05:12');
    const r = await ctx.engine.call('recordings:sync', { documentId: doc.id, startsAtMs });
    if (values.json) ctx.json(r);
    else ctx.out(`The recording of ${doc.name} starts at ${formatClock(r.startsAtMs)} of its transcript's times\n`);
    return;
  }
  const file = positionals[1];
  if (!file) throw new UsageError('give the recording file: accord recordings link PROJECT --document NAME FILE');
  const r = await ctx.engine.call('recordings:link', { documentId: doc.id, fileName: basename(file), path: resolve(file) });
  if (values.json) ctx.json(r);
  else ctx.out(`Linked ${r.fileName} to ${doc.name} (${r.kind}, ${clock(r.durationMs)}): ${r.path}${startsAtNote(r)}\n`);
};

/** Said when a recording was linked to a transcript written in clock times. */
export function startsAtNote(r: { startsAtMs: number }): string {
  return r.startsAtMs > 0
    ? `; the transcript's times are clock times, taken to start the recording at ${formatClock(r.startsAtMs)} (correct it with accord recordings sync)`
    : '';
}

export const exchangeCommands: Record<string, Command> = { export: exportCmd, merge, recover, recordings };
