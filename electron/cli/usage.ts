// Usage text and argument helpers for the `accord` command.
import { parseArgs, type ParseArgsConfig } from 'node:util';

export class UsageError extends Error {}

export function helpText(): string {
  return `accord — qualitative coding, agreement and reporting (the same engine as the Accord app)

Usage:
  accord init PROJECT.accord                      create a new project file
  accord info PROJECT.accord [--json]             counts of documents, participants, codes, codings, coders
  accord import PROJECT.accord FILE... [--kind transcript|archival]
                                                  import documents (.txt .md .docx and more)
  accord codes PROJECT.accord [--json]            the codebook
  accord codes import PROJECT.accord FILE         import codes (the study's tab-separated form, or CSV)
  accord codes export PROJECT.accord              the codebook as CSV on stdout
  accord code PROJECT.accord --document NAME --code LABEL --start S --end E --coder NAME
                                                  code [S, E) of a document (UTF-16 offsets, end exclusive)
  accord documents PROJECT.accord [--json]        the documents
  accord codings PROJECT.accord --document NAME [--json]
                                                  the codings of one document

Options:
  --json        print one JSON document on stdout
  -h, --help    this help
  -v, --version the version

Errors exit with status 1 (2 for a wrong command line) and one line on stderr.
`;
}

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
