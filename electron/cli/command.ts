// What every `accord` sub-command receives: the engine, output functions and a project opener.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Engine } from '../engine/engine';

/** What commands may use of the engine: the contract, like every other host (never its session). */
export type ContractClient = Pick<Engine, 'call'>;

export interface CommandContext {
  engine: ContractClient;
  out(s: string): void;
  json(v: unknown): void;
  /** A warning for the reader on stderr (e.g. where the table on stdout cannot carry it). */
  warn?(s: string): void;
  /**
   * Open the project at `path`. `{ readOnly: true }` for a command that only reads: nothing can be
   * written, and the whole-file integrity check is skipped (see project:open).
   */
  open(path: string, options?: { readOnly?: boolean }): Promise<void>;
  /**
   * How far a long command is (e.g. files of an import), shown on a terminal's stderr only; absent
   * otherwise. The engine's long reports report through it by themselves.
   */
  progress?(done: number, total: number, unit: string): void;
}

export type Command = (args: string[], ctx: CommandContext) => Promise<void>;

/** Print a file the engine produced (text formats) or, with `output`, write it there and say so. */
export function writeFileOutput(ctx: CommandContext, file: { dataBase64: string }, output: string | undefined, what: string): void {
  const bytes = Buffer.from(file.dataBase64, 'base64');
  if (!output) {
    ctx.out(bytes.toString('utf8'));
    return;
  }
  const target = resolve(output);
  writeFileSync(target, bytes);
  ctx.out(`Wrote ${target} (${what}, ${bytes.length} bytes)\n`);
}
