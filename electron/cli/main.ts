// The `accord` command line: the same engine as the app, headless. Errors a user can fix exit
// non-zero with one line; `--json` prints one JSON document on stdout.
import { readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { AccordError } from '../../shared/errors';
import type { CommandContext } from './command';
import { writeJson, writeJsonPaced } from './json-out';
import { fdWriter, mayBeTerminal } from './stdio';
import { UsageError } from './usage';

/** The CLI's output: stdout, stderr and, on a terminal, a progress line (see terminalProgress). */
export interface CliIo {
  /** stdout; false when its buffer is full (then `drained` is awaited before JSON goes on). */
  out: (s: string) => unknown;
  err: (s: string) => void;
  progress?: ProgressLine;
  drained?: () => Promise<void>;
}

/** What the progress line calls a long report. */
const LABELS: Record<string, string> = { 'agreement:report': 'agreement', 'intersections:matrix': 'co-occurrence', 'retrieval:export': 'retrieval', 'retrieval:run': 'retrieval' };

/** One line on stderr, rewritten in place: "agreement: 1,200 of 2,000 documents". */
export interface ProgressLine {
  show(label: string, done: number, total: number, unit: string): void;
  clear(): void;
}

/**
 * Progress for a person watching: only when stderr is a terminal and not in CI, so it never reaches
 * JSON, pipes, files or build logs. Rewritten at most ten times a second (the engine's pace).
 */
export function terminalProgress(stream: NodeJS.WriteStream = process.stderr, env: NodeJS.ProcessEnv = process.env): ProgressLine | undefined {
  if (!stream.isTTY || env.CI || env.TERM === 'dumb') return undefined;
  let shown = false;
  return {
    show(label, done, total, unit) {
      stream.write(`\r\x1b[K${label}: ${done.toLocaleString('en')} of ${total.toLocaleString('en')} ${unit}`);
      shown = true;
    },
    clear() {
      if (shown) stream.write('\r\x1b[K');
      shown = false;
    },
  };
}

export async function run(argv: string[], io: CliIo = defaultIo()): Promise<number> {
  const [first, ...rest] = argv;
  if (!first || first === '--help' || first === '-h' || first === 'help') {
    io.out((await import('./help')).helpText());
    return first ? 0 : 2;
  }
  // `accord COMMAND --help`: that command's part of the help.
  if (rest.includes('--help')) {
    const part = (await import('./help')).commandHelp(first);
    if (part) {
      io.out(part);
      return 0;
    }
  }
  if (first === '--version' || first === '-v') {
    io.out(`${version()}\n`);
    return 0;
  }
  // Loaded after the cheap answers above: `accord --help` reads neither the engine nor the commands.
  const [{ commands }, { Engine }] = await Promise.all([import('./commands'), import('../engine/engine')]);
  const command = commands[first];
  if (!command) {
    io.err(`accord: unknown command "${first}" (see accord --help)\n`);
    return 2;
  }
  const engine = new Engine({ stateDir: null });
  const line = io.progress;
  let jsonWritten = Promise.resolve();
  const ctx: CommandContext = {
    // Long reports show their progress on a terminal; the line is cleared when the call returns.
    engine: line
      ? {
          call: async (method, input, caller, options) => {
            try {
              return await engine.call(method, input, caller, { ...options, onProgress: (done, total, unit) => line.show(LABELS[method] ?? method.replace(/:.*/, ''), done, total, unit) });
            } finally {
              line.clear();
            }
          },
        }
      : engine,
    progress: line ? (done, total, unit) => line.show(first, done, total, unit) : undefined,
    out: (s) => io.out(s),
    // Streamed in pieces, paced by the reader: a large report's JSON may be bigger than one string
    // can be, and a pipe should not make every piece wait in memory. Finished before the command ends.
    json: (v) => {
      const drained = io.drained;
      if (!drained) return writeJson(v, io.out);
      jsonWritten = jsonWritten.then(() => writeJsonPaced(v, io.out, drained));
    },
    warn: (s) => io.err(`warning: ${s}\n`),
    open: async (path, options) => {
      await engine.call('project:open', { path: resolve(path), readOnly: options?.readOnly });
    },
  };
  try {
    await command(rest, ctx);
    await jsonWritten;
    line?.clear();
    return 0;
  } catch (err) {
    line?.clear();
    if (err instanceof UsageError) {
      io.err(`accord ${first}: ${err.message}\n`);
      return 2;
    }
    if (err instanceof AccordError) {
      io.err(`accord ${first}: ${err.message}\n`);
      return 1;
    }
    io.err(`accord ${first}: unexpected error: ${(err as Error).message}\n`);
    if (process.env.ACCORD_DEBUG) io.err(`${(err as Error).stack}\n`);
    return 1;
  } finally {
    engine.close();
  }
}

/**
 * The process's own output: stdout written straight to fd 1 (see stdio.ts), stderr through its
 * stream (errors only), and a progress line where stderr may be a terminal. When the reader of
 * stdout goes away (`accord codings export … | head -1`), the command stops quietly instead of
 * failing with a stack trace.
 */
function defaultIo(): CliIo {
  const stdout = fdWriter(1, () => process.stdout, () => process.exit(process.exitCode ?? 0));
  let stderr: NodeJS.WriteStream | null = null;
  return {
    out: (s) => stdout.write(s),
    err: (s) => {
      if (!stderr) {
        stderr = process.stderr;
        stderr.on('error', () => process.exit(process.exitCode ?? 1));
      }
      stderr.write(s);
    },
    // Asked of the stream itself only once a long report has progress to show.
    progress: mayBeTerminal(2) ? lazyProgress(() => terminalProgress()) : undefined,
    drained: () => stdout.drained(),
  };
}

/** A progress line made on its first use (when it turns out not to be wanted, it shows nothing). */
function lazyProgress(make: () => ProgressLine | undefined): ProgressLine {
  let line: ProgressLine | undefined | null = null;
  const get = () => (line === null ? (line = make()) : line);
  return {
    show: (label, done, total, unit) => get()?.show(label, done, total, unit),
    clear: () => {
      if (line) line.clear();
    },
  };
}

/** The process entry point (bin/accord.mjs): runs one command and sets the exit code. */
export async function main(argv: string[]): Promise<void> {
  process.exitCode = await run(argv);
}

export function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return `accord ${pkg.version}`;
}

export function projectName(path: string): string {
  return basename(path);
}
