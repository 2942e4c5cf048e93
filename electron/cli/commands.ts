// The `accord` sub-commands. Each opens the project through the engine, calls the typed contract
// (or a service for CLI-only work) and prints text or one JSON document.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { AccordError } from '../../shared/errors';
import { depthFirst } from '../../shared/codebook/tree';
import type { DocumentImportResult } from '../../shared/api/contract';
import type { Code } from '../../shared/model/types';
import { describeImportLine } from '../../shared/text/import-summary';
import { plural } from '../../shared/text/wording';
import { assertImportSize } from '../engine/import/limits';
import { isRecordingFile, transcriptFor } from '../../shared/text/clock';
import { isMediaFolder, passedOver } from '../../shared/text/folder-files';
import { intOption, parse, UsageError } from './usage';

import type { Command, CommandContext } from './command';

export type { CommandContext } from './command';

const json = { json: { type: 'boolean' as const } };

/** Read a file for import, refusing what is too large before reading it into memory. */
export function readInputFile(path: string): Uint8Array {
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    throw new AccordError('NOT_FOUND', `${basename(path)}: no such file`);
  }
  assertImportSize(basename(path), size);
  return new Uint8Array(readFileSync(path));
}

/** Find a code by label, else by name (case-insensitive). */
export function resolveCode(codes: Code[], key: string): Code {
  const k = key.trim().replace(/\.$/, '').toLowerCase();
  const found = codes.find((c) => c.label.toLowerCase() === k) ?? codes.find((c) => c.name.toLowerCase() === k);
  if (!found) throw new AccordError('NOT_FOUND', `no code with label or name "${key}"`);
  return found;
}

const init: Command = async (args, ctx) => {
  const { positionals } = parse(args, {}, 1);
  const info = await ctx.engine.call('project:create', { path: resolve(positionals[0]) });
  ctx.out(`Created ${info.path}\n`);
};

const info: Command = async (args, ctx) => {
  const { positionals, values } = parse(args, json, 1);
  await ctx.open(positionals[0], { readOnly: true });
  const i = (await ctx.engine.call('project:info', {}))!;
  const counts = { documents: i.documents, participants: i.participants, codes: i.codes, codings: i.codings, coders: i.coders };
  if (values.json) ctx.json(counts);
  else ctx.out(`${i.name}: ${Object.entries(counts).map(([k, v]) => plural(v, k.slice(0, -1))).join(', ')}\n`);
};

/**
 * The files to import: each FILE as given, and each folder's files, recursively, in name order
 * (numbers compared as numbers: ID2 before ID10), hidden files (".DS_Store") left out, as dropping a
 * folder on the documents panel does, and so are Accord's own files and a project's media folder
 * (shared/text/folder-files.ts).
 */
function filesOf(paths: readonly string[]): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    const all = readdirSync(dir);
    const names = all.filter((n) => !passedOver(n)).sort((a, b) => a.localeCompare(b, undefined, { numeric: true }));
    for (const name of names) {
      const path = join(dir, name);
      if (isFolder(path)) {
        if (!isMediaFolder(name, all)) walk(path);
      } else out.push(path);
    }
  };
  for (const p of paths) {
    if (isFolder(p)) walk(p);
    else out.push(p);
  }
  return out;
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    // A missing file is reported by the import itself, naming it.
    return false;
  }
}

/** Failed files whose reasons the closing error of `accord import` names. */
const FAILURES_NAMED = 3;

const importCmd: Command = async (args, ctx) => {
  // REFI-QDA files (.qdpx .qde .qdc) are whole projects or codebooks: the exchange namespace imports them.
  const { hasRefiFile, importRefiCommand, startsAtNote } = await import('./exchange-commands');
  if (hasRefiFile(args)) return importRefiCommand(args, ctx);
  const { positionals, values } = parse(args, { ...json, kind: { type: 'string' }, group: { type: 'string' }, duplicates: { type: 'string' } }, 2);
  const kind = values.kind ?? 'transcript';
  if (kind !== 'transcript' && kind !== 'archival') throw new UsageError(`--kind is transcript or archival, not "${kind}"`);
  const duplicates = values.duplicates ?? 'skip';
  if (duplicates !== 'skip' && duplicates !== 'import') throw new UsageError(`--duplicates is skip or import, not "${duplicates}"`);
  const [project, ...given] = positionals;
  const all = filesOf(given);
  // Recordings beside their transcripts (`ID21.vtt ID21.m4a`) are linked once the transcripts are in.
  const files = all.filter((f) => !isRecordingFile(f));
  const recordings = all.filter((f) => isRecordingFile(f));
  await ctx.open(project);
  const imported: ({ file: string; document: string } & Omit<DocumentImportResult, 'document' | 'skipped'>)[] = [];
  const failed: { file: string; error: string }[] = [];
  const skipped: { file: string; reason: string }[] = [];
  for (const [i, file] of files.entries()) {
    if (files.length > 1) ctx.progress?.(i, files.length, 'files');
    try {
      // The engine reads the file itself: no copy of its bytes through the call.
      const r = await ctx.engine.call('documents:importFile', {
        path: resolve(file),
        kind,
        group: values.group,
        duplicates,
      });
      if (r.skipped) {
        skipped.push({ file, reason: r.skipped });
        if (!values.json) ctx.out(`[${i + 1}/${files.length}] skipped ${basename(file)}: ${r.skipped}\n`);
        continue;
      }
      const { document, skipped: _none, ...found } = r;
      imported.push({ file, document: document.name, ...found });
      if (!values.json) {
        ctx.out(`[${i + 1}/${files.length}] ${document.name}: ${document.length} characters, ${describeImportLine(r)}\n`);
        for (const w of r.warnings) ctx.out(`  warning: ${w}\n`);
      }
    } catch (err) {
      if (!(err instanceof AccordError)) throw err;
      failed.push({ file, error: err.message });
      if (!values.json) ctx.out(`[${i + 1}/${files.length}] failed: ${err.message}\n`);
    }
  }
  const linked: { file: string; document: string; path: string }[] = [];
  if (recordings.length > 0) {
    const docs = await ctx.engine.call('documents:list', {});
    for (const file of recordings) {
      const doc = transcriptFor(file, docs);
      try {
        if (!doc) throw new AccordError('NOT_FOUND', `${basename(file)}: no transcript named "${basename(file).replace(/\.[^.]+$/, '')}" to link this recording to`);
        const r = await ctx.engine.call('recordings:link', { documentId: doc.id, fileName: basename(file), path: resolve(file) });
        linked.push({ file, document: doc.name, path: r.path });
        if (!values.json) ctx.out(`recording ${basename(file)} linked to ${doc.name}: ${r.path}${startsAtNote(r)}\n`);
      } catch (err) {
        if (!(err instanceof AccordError)) throw err;
        failed.push({ file, error: err.message });
        if (!values.json) ctx.out(`failed: ${err.message}\n`);
      }
    }
  }
  if (values.json) ctx.json({ imported, skipped, failed, ...(recordings.length ? { recordings: linked } : {}) });
  else ctx.out(`Imported ${imported.length}, skipped ${skipped.length}, failed ${failed.length} of ${all.length} files\n`);
  if (failed.length) {
    // One line: the first few reasons, not all of them (each failed file has its own line above, or
    // its entry in the JSON).
    const shown = failed.slice(0, FAILURES_NAMED).map((f) => f.error).join('; ');
    const more = failed.length > FAILURES_NAMED ? `; and ${plural(failed.length - FAILURES_NAMED, 'more file')}` : '';
    throw new AccordError('BAD_FILE', `${failed.length} of ${all.length} files not imported: ${shown}${more}`);
  }
};

/** `accord id-pattern PROJECT [PATTERN] [--builtin] [--json]`: show or set how participant IDs are recognised. */
const idPattern: Command = async (args, ctx) => {
  const { positionals, values } = parse(args, { ...json, builtin: { type: 'boolean' } }, 1);
  await ctx.open(positionals[0]);
  const next = values.builtin ? null : positionals[1];
  if (positionals.length > 2) throw new UsageError('give one pattern (quote it for the shell)');
  if (values.builtin && positionals[1] !== undefined) throw new UsageError('give a pattern or --builtin, not both');
  const settings =
    next === undefined ? await ctx.engine.call('documents:importSettings', {}) : await ctx.engine.call('documents:setImportSettings', { idPattern: next });
  if (values.json) ctx.json(settings);
  else if (settings.idPattern === null) ctx.out('Participant IDs: the built-in patterns (ID21, P03, PID7, R12, S4, Participant 3, ABC01), and IDs already in the participants table\n');
  else ctx.out(`Participant IDs: ${settings.idPattern}, and IDs already in the participants table\n`);
};

function codebookRows(codes: Code[]) {
  const byId = new Map(codes.map((c) => [c.id, c]));
  return depthFirst(codes).map(({ node: c, depth }) => {
    const p = c.parentId !== null ? byId.get(c.parentId) : undefined;
    return { label: c.label, name: c.name, definition: c.definition, parent: p ? p.label || p.name : null, depth };
  });
}

const codes: Command = async (args, ctx) => {
  if (args[0] === 'import') {
    const { positionals, values } = parse(args.slice(1), json, 2);
    await ctx.open(positionals[0]);
    const file = positionals[1];
    const text = new TextDecoder('utf-8').decode(readInputFile(file));
    const r = await ctx.engine.call('codebook:import', { fileName: basename(file), text });
    if (values.json) ctx.json({ format: r.format, created: r.created, codes: r.codes.length });
    else ctx.out(`Imported ${r.created} new codes from ${basename(file)} (${r.format} form); the codebook has ${r.codes.length} codes\n`);
    return;
  }
  if (args[0] === 'export') {
    const { positionals } = parse(args.slice(1), {}, 1);
    await ctx.open(positionals[0], { readOnly: true });
    ctx.out(await ctx.engine.call('codebook:exportCsv', {}));
    return;
  }
  const { positionals, values } = parse(args, json, 1);
  await ctx.open(positionals[0], { readOnly: true });
  const rows = codebookRows(await ctx.engine.call('codebook:list', {}));
  if (values.json) ctx.json(rows.map(({ label, name, definition, parent }) => ({ label, name, definition, parent })));
  else for (const r of rows) ctx.out(`${'  '.repeat(r.depth)}${r.label ? r.label + '  ' : ''}${r.name}\n`);
};

const code: Command = async (args, ctx) => {
  const { positionals, values } = parse(
    args,
    { ...json, document: { type: 'string' }, code: { type: 'string', multiple: true }, start: { type: 'string' }, end: { type: 'string' }, coder: { type: 'string' } },
    1,
  );
  if (!values.document) throw new UsageError('--document NAME is required');
  if (!values.code?.length) throw new UsageError('--code LABEL is required');
  if (!values.coder) throw new UsageError('--coder NAME is required');
  const start = intOption('start', values.start);
  const end = intOption('end', values.end);
  await ctx.open(positionals[0]);
  const doc = await ctx.engine.call('documents:find', { name: values.document });
  const all = await ctx.engine.call('codebook:list', {});
  const codeIds = values.code.map((k) => resolveCode(all, k).id);
  await ctx.engine.call('coders:select', { name: values.coder });
  const made = await ctx.engine.call('codings:apply', { documentId: doc.id, codeIds, start, end });
  if (values.json) ctx.json(made.map((c) => ({ id: c.id, document: doc.name, code: all.find((k) => k.id === c.codeId)?.label, coder: values.coder, start: c.start, end: c.end, text: c.text })));
  else ctx.out(`Coded ${doc.name} [${start}, ${end}) with ${values.code.join(', ')} as ${values.coder}: "${made[0].text.slice(0, 80)}${made[0].text.length > 80 ? '…' : ''}"\n`);
};

const documents: Command = async (args, ctx) => {
  const { positionals, values } = parse(args, json, 1);
  await ctx.open(positionals[0], { readOnly: true });
  const docs = await ctx.engine.call('documents:list', {});
  if (values.json) ctx.json(docs.map((d) => ({ name: d.name, kind: d.kind, participant: d.participant, characters: d.length, codings: d.codingCount, source: d.sourceName })));
  else for (const d of docs) ctx.out(`${d.name}\t${d.kind}\t${d.participant ?? ''}\t${d.length} characters\t${d.codingCount} codings\n`);
};

export const codingsCmd: Command = async (args, ctx) => {
  const { positionals, values } = parse(args, { ...json, document: { type: 'string' } }, 1);
  if (!values.document) throw new UsageError('--document NAME is required');
  await ctx.open(positionals[0], { readOnly: true });
  const doc = await ctx.engine.call('documents:find', { name: values.document });
  const [list, codesList, coders] = await Promise.all([
    ctx.engine.call('codings:list', { documentId: doc.id }),
    ctx.engine.call('codebook:list', {}),
    ctx.engine.call('coders:list', {}),
  ]);
  const rows = list.map((c) => ({
    code: codesList.find((k) => k.id === c.codeId)?.label || codesList.find((k) => k.id === c.codeId)?.name,
    coder: coders.find((k) => k.id === c.coderId)?.name,
    start: c.start,
    end: c.end,
    text: c.text,
  }));
  if (values.json) ctx.json(rows);
  else for (const r of rows) ctx.out(`${r.code}\t${r.coder}\t[${r.start}, ${r.end})\t${r.text.replace(/\s+/g, ' ').slice(0, 80)}\n`);
};

/**
 * The commands of each namespace module, by name. A module loads only when one of its commands runs,
 * so `accord info` or `accord code` reads none of them (test/engine/cli/registry.test.ts checks these
 * lists against the modules).
 */
export const NAMESPACE_COMMANDS = {
  study: ['participants', 'survey', 'groups', 'search', 'autocode', 'demo'],
  agreement: ['agreement', 'codings'],
  intersections: ['report', 'query'],
  reports: ['export', 'themes'],
  retrieval: ['retrieve'],
  exchange: ['export', 'merge', 'recover', 'recordings'],
  team: ['team', 'backup', 'serve'],
} as const;

const loaders: Record<keyof typeof NAMESPACE_COMMANDS, () => Promise<Record<string, Command>>> = {
  study: async () => (await import('./study-commands')).studyCommands,
  agreement: async () => (await import('./agreement-commands')).agreementCommands,
  intersections: async () => (await import('./intersections-commands')).intersectionsCommands,
  reports: async () => (await import('./reports-commands')).reportsCommands,
  retrieval: async () => (await import('./retrieval-commands')).retrievalCommands,
  exchange: async () => (await import('./exchange-commands')).exchangeCommands,
  team: async () => (await import('./team-commands')).teamCommands,
};

function lazy(namespace: keyof typeof NAMESPACE_COMMANDS): Record<string, Command> {
  return Object.fromEntries(NAMESPACE_COMMANDS[namespace].map((name) => [name, async (args: string[], ctx: CommandContext) => (await loaders[namespace]())[name](args, ctx)]));
}

/** Every sub-command. A namespace's commands live in its own module; a later entry may extend an earlier one. */
export const commands: Record<string, Command> = {
  init,
  info,
  import: importCmd,
  'id-pattern': idPattern,
  codes,
  code,
  documents,
  codings: codingsCmd,
  ...lazy('study'),
  ...lazy('agreement'),
  ...lazy('intersections'),
  ...lazy('reports'),
  ...lazy('retrieval'),
  ...lazy('exchange'),
  ...lazy('team'),
};
