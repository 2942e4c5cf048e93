// The `accord` command line: the same engine as the app, headless. Errors a user can fix exit
// non-zero with one line; `--json` prints one JSON document on stdout.
import { readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { AccordError } from '../../shared/errors';
import type { CommandContext } from './command';
import { writeJson } from './json-out';
import { UsageError, helpText } from './usage';

export async function run(argv: string[], io: { out: (s: string) => void; err: (s: string) => void } = {
  out: (s) => process.stdout.write(s),
  err: (s) => process.stderr.write(s),
}): Promise<number> {
  const [first, ...rest] = argv;
  if (!first || first === '--help' || first === '-h' || first === 'help') {
    io.out(helpText());
    return first ? 0 : 2;
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
  const ctx: CommandContext = {
    engine,
    out: (s) => io.out(s),
    // Streamed in pieces: a large report's JSON may be bigger than one string can be.
    json: (v) => writeJson(v, io.out),
    warn: (s) => io.err(`warning: ${s}\n`),
    open: async (path) => {
      await engine.call('project:open', { path: resolve(path) });
    },
  };
  try {
    await command(rest, ctx);
    return 0;
  } catch (err) {
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
 * The process entry point (bin/accord.mjs): runs one command and sets the exit code. When the reader
 * of stdout goes away (`accord codings export … | head -1`), the command stops quietly instead of
 * failing with a stack trace.
 */
export async function main(argv: string[]): Promise<void> {
  const quietOnClosedPipe = (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    process.stderr.write(`accord: ${err.message}\n`);
    process.exit(1);
  };
  process.stdout.on('error', quietOnClosedPipe);
  process.stderr.on('error', () => process.exit(process.exitCode ?? 1));
  process.exitCode = await run(argv);
}

export function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return `accord ${pkg.version}`;
}

export function projectName(path: string): string {
  return basename(path);
}
