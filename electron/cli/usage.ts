// Argument helpers for the `accord` command (its help text is in help.ts).
import { parseArgs, type ParseArgsConfig } from 'node:util';

export class UsageError extends Error {}

/** parseArgs with errors turned into UsageError. */
export function parse<T extends ParseArgsConfig['options']>(args: string[], options: T, minPositionals = 0) {
  let parsed;
  try {
    parsed = parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError((err as Error).message.split('\n')[0]);
  }
  if (parsed.positionals.length < minPositionals) throw new UsageError(`expected ${minPositionals === 1 ? 'a project file' : `${minPositionals} arguments`} (see accord --help)`);
  return parsed;
}

export function intOption(name: string, v: string | undefined): number {
  if (v === undefined) throw new UsageError(`--${name} is required`);
  if (!/^\d+$/.test(v)) throw new UsageError(`--${name} must be a whole number ≥ 0, not "${v}"`);
  return Number(v);
}
