// Usage text and argument helpers for the `accord` command.
import { parseArgs, type ParseArgsConfig } from 'node:util';

export class UsageError extends Error {}

export function helpText(): string {
  return `accord — qualitative coding, agreement and reporting (the same engine as the Accord app)

Usage:
  accord init PROJECT.accord                      create a new project file
  accord info PROJECT.accord [--json]             counts of documents, participants, codes, codings, coders
  accord import PROJECT.accord FILE... [--kind transcript|archival] [--group NAME] [--duplicates skip|import]
                                                  import documents (.txt .md .docx .pdf .vtt .srt .html
                                                  .rtf .odt .csv); files whose text is already in the
                                                  project are skipped unless --duplicates import
  accord import PROJECT.accord FILE.qdpx|.qde|.qdc [--json]
                                                  import a REFI-QDA project or codebook (NVivo, ATLAS.ti,
                                                  MAXQDA, QualCoder); creates the project if it is new
  accord export PROJECT.accord --format qdpx|qdc [--offsets codepoint|utf16] -o FILE
                                                  write the project (or its codebook) as REFI-QDA; utf16
                                                  offsets are for NVivo
  accord merge TARGET.accord SOURCE.accord... [--json] [--no-backup]
                                                  merge coders' copies into TARGET (backed up first);
                                                  conflicts are listed, never guessed
  accord codes PROJECT.accord [--json]            the codebook
  accord codes import PROJECT.accord FILE         import codes (the study's tab-separated form, or CSV)
  accord codes export PROJECT.accord              the codebook as CSV on stdout
  accord code PROJECT.accord --document NAME --code LABEL --start S --end E --coder NAME
                                                  code [S, E) of a document (UTF-16 offsets, end exclusive)
  accord documents PROJECT.accord [--json]        the documents
  accord participants PROJECT.accord [--json]     participants with their attributes and documents
  accord participants import PROJECT.accord FILE.csv [--id-column NAME]
                                                  import participants' attributes (types inferred)
  accord participants export PROJECT.accord       participants as CSV on stdout
  accord participants set-type PROJECT.accord ATTRIBUTE category|number|date|text
                                                  change an attribute's type (Table 1 counts category attributes)
  accord participants table PROJECT.accord [--attribute NAME]... [--percent] [--json]
                                                  participant characteristics (Table 1) counts
  accord survey import PROJECT.accord FILE.csv --text-column NAME [--id-column NAME] [--sections] [--group NAME]
                                                  survey responses: one document per row (or sections
                                                  of one document), other columns as attributes
  accord groups PROJECT.accord [--json]           document groups and their documents
  accord groups create|add|remove PROJECT.accord GROUP [DOCUMENT...]
                                                  create a group, or put documents in or out of it
  accord search PROJECT.accord "QUERY" [--group NAME] [--limit N] [--json]
                                                  full-text search: words, "phrases", prefix*, OR
  accord autocode PROJECT.accord "QUERY" --code LABEL --coder NAME [--unit hit|sentence|turn] [--group NAME]
                                                  code every hit (or its sentence or turn) in one step
  accord demo PATH.accord                         build the demo study
  accord codings PROJECT.accord --document NAME [--json]
                                                  the codings of one document
  accord export PROJECT.accord --table TABLE --format docx|md|csv|html [-o FILE] [--attribute NAME]...
                                                  a table for the paper: participants, themes, codebook,
                                                  quotes, agreement, coreq, or the methods appendix
                                                  (methods: docx, md or html); text formats print to
                                                  stdout without -o; --attribute picks Table 1's rows
  accord themes PROJECT.accord [--json]           themes and subthemes with support counts and quotes
  accord retrieve PROJECT.accord --code LABEL... [--no-descendants] [--layer coders|consensus] [--coder NAME]...
                 [--document NAME]... [--group NAME]... [--where ATTRIBUTE=VALUE[,VALUE]]... [--sort document|code|participant]
                 [--format docx|csv|xlsx|md|json] [-o FILE]
                                                  every passage coded with the codes (and their subcodes), with
                                                  document, participant, attributes, coder and timestamp; JSON
                                                  fields: segments[] {document, participant, attributes,
                                                  codeLabel, codeName, coder, start, end, text, timeMs}, codes,
                                                  attributes, documents, participants, summary
  accord codings import PROJECT.accord FILE.csv  import codings (columns document,coder,code,start,end; all or nothing)
  accord codings export PROJECT.accord [--format csv]
                                                  every coding as CSV (document, participant, coder, code, path, range, text)
  accord agreement PROJECT.accord [--coders A,B] [--codes L1,L2] [--documents N1,N2] [--unit character|turn|document] [--json]
                                                  inter-coder agreement per code and overall
  accord agreement --matrix FILE.csv [--json]     reliability of a units × coders table (header = coder names, empty = missing)
  accord report cooccurrence PROJECT.accord [--layer CODER|consensus|all] [--mode overlap|chars:N|turn|document]
                [--where "Role=Clinician"]... [--group NAME]... [--documents N1,N2] [--roll-up] [--format json|csv]
                                                  code co-occurrence matrix: one cell per ordered pair
                                                  with n > 0 (n(A) on the diagonal)
  accord report attributes PROJECT.accord --attribute NAME [filters] [--format json|csv]
                                                  participants and codings of each code per attribute value
  accord report saturation PROJECT.accord [--order-by DATE-ATTRIBUTE] [filters] [--format json|csv]
                                                  new codes per transcript and cumulative distinct codes
  accord query PROJECT.accord "10a AND 30a" [--layer …] [--where …] [--descendants] [--json]
                                                  quotes matching a code query: AND (overlap), OR, NOT,
                                                  WITHIN, NEAR(n), parentheses, "quoted names"

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
