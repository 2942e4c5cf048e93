// The command line's help text: `accord --help` and `accord COMMAND --help`. Read only when asked for.

export function helpText(): string {
  return `accord — qualitative coding, agreement and reporting (the same engine as the Accord app)

Usage:
  accord init PROJECT.accord                      create a new project file
  accord info PROJECT.accord [--json]             counts of documents, participants, codes, codings, coders
  accord import PROJECT.accord FILE|FOLDER... [--kind transcript|archival] [--group NAME] [--duplicates skip|import]
                                                  import documents (.txt .md .docx .pdf .vtt .srt .html
                                                  .rtf .odt .csv; a folder's files, recursively, in name
                                                  order, hidden files left out); files whose text is
                                                  already in the project are skipped unless --duplicates
                                                  import; says per file the turns, times, participant ID
                                                  (and where it was found), encoding and warnings
  accord id-pattern PROJECT.accord [PATTERN | --builtin] [--json]
                                                  show or set the project's participant-ID pattern (a
                                                  regular expression for one ID, e.g. 'CH\\d{3}')
  accord import PROJECT.accord FILE.qdpx|.qde|.qdc [--json]
                                                  import a REFI-QDA project or codebook (NVivo, ATLAS.ti,
                                                  MAXQDA, QualCoder); creates the project if it is new
  accord export PROJECT.accord --format qdpx|qdc [--offsets codepoint|utf16] -o FILE
                                                  write the project (or its codebook) as REFI-QDA; utf16
                                                  offsets are for NVivo
  accord merge TARGET.accord SOURCE.accord... [--json] [--no-backup]
                                                  merge coders' copies into TARGET (backed up first);
                                                  conflicts are listed, never guessed
  accord recover DAMAGED.accord NEW.accord [--json]
                                                  copy what can be read from a damaged project into a
                                                  new one (the damaged file is not changed)
  accord recordings PROJECT.accord [--json]       transcripts' recordings and whether their files are there
  accord recordings link|unlink PROJECT.accord --document NAME [FILE]
                                                  link a recording (mp3 m4a wav ogg mp4 webm; copied into
                                                  PROJECT.media/) to a transcript, relink or unlink it
  accord recordings sync PROJECT.accord --document NAME TIME
                                                  the transcript time the recording starts at (h:mm:ss):
                                                  0:00 unless the transcript has clock times (Zoom's
                                                  saved transcript), guessed from its first line
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
  accord themes PROJECT.accord [--layer default|coders|consensus|CODER] [--json]
                                                  themes and subthemes with support counts and quotes;
                                                  default layer: the consensus layer where it covers every
                                                  coded document, else every coder's own codings. JSON:
                                                  layer, layerKind, layerNote (how far the consensus
                                                  reaches), support {participants, participantsCoded,
                                                  participantsTotal, documents, documentsCoded, documentsTotal}
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
  accord agreement PROJECT.accord [--coders A,B] [--codes L1,L2] [--documents N1,N2] [--unit character|turn|document]
                [--scope design|all] [--by document] [--by pair] [--domain CODE|NAME=CODE,CODE …]
                [--domains top-level|all] [--json]
                                                  inter-coder agreement per code and overall. --scope design
                                                  (default): a coder counts on the documents assigned to them
                                                  (without assignments: those they coded); elsewhere missing,
                                                  not absent; documents where fewer than two coders count are
                                                  left out. --scope all: every coder on every document.
                                                  JSON: unit, scope, sentence (scope, unit, coders, documents,
                                                  units in one sentence for a methods section), coders,
                                                  documents, codes[] {code, path, applied (false: no
                                                  selected coder applied it or a sub-code in scope; its
                                                  agreement is trivial, the table says "not applied"),
                                                  units, percent_agreement (mean of pairwise),
                                                  percent_all_agree, cohen_kappa (two coders), fleiss_kappa
                                                  (units every coder counts on), krippendorff_alpha,
                                                  alpha_u}, overall {… , pooling: which
                                                  codes and units were pooled — only codes applied in scope},
                                                  notes. --by document adds documents[] {document, units, …}
                                                  to each code and to overall; --by pair adds pairs[]
                                                  {coders: [A, B], …}. Every null measure has
                                                  <measure>_reason beside it.
                                                  --domain (repeatable) adds a semantic domain: a code with
                                                  subcodes (the code and each child, with its descendants,
                                                  are the categories) or NAME=CODE,CODE (a named list);
                                                  --domains top-level: every top-level code with subcodes;
                                                  --domains all: every code with subcodes. Adds to the JSON:
                                                  domain_sentence, domains[] {domain, codes, cu_alpha
                                                  (Krippendorff's cuα: which code of the domain applies, on
                                                  the characters two or more coders counting there coded
                                                  within it; gaps left out), units (those characters),
                                                  overlaps {count, characters, spans[] {document, coder,
                                                  start, end, codes}}: text where one coder applied two
                                                  codes of the domain, counted as uncoded for that coder
                                                  (a parent applied with one of its sub-codes is not an
                                                  overlap: the sub-code counts)},
                                                  global_cu_alpha (Cu-α: each domain one category, across
                                                  the domains given, those inside another left out),
                                                  global_units, global_overlaps. Same
                                                  coders, documents and scope as the report; always on
                                                  characters.
  accord agreement PROJECT.accord --segments --coders A,B [--overlap 90] [--codes L1,L2] [--documents N1,N2]
                [--scope design|all] [--json | --format csv [-o FILE]]
                                                  MAXQDA's intercoder agreement for exactly two coders, codes
                                                  as applied: per code, code existence (documents where both
                                                  applied it vs one), code frequency (documents where both
                                                  applied it equally often vs not) and segment agreement
                                                  (each coder's segments checked against the other's: a
                                                  segment agrees when a segment of the same code overlaps
                                                  it by at least --overlap % of the text either coded).
                                                  Documents count by --scope as above (both coders must
                                                  count). JSON: scope, sentence, coders, documents,
                                                  overlap_threshold, chance {codes: k codes in the table,
                                                  pc: 1/k}, codes[] {code, path, existence {agree, disagree,
                                                  percent (0-1)}, frequency {…}, segments {agree, disagree,
                                                  percent, kappa_bp (Brennan & Prediger: (percent − 1/k) /
                                                  (1 − 1/k))}}, total {existence, frequency, segments},
                                                  by_document[] {document, existence, frequency (codes
                                                  either coder applied there), segments},
                                                  unmatched[] {document, code, coder, start, end, text,
                                                  other {start, end, text} (the other coder's segment of
                                                  the code overlapping most, else nearest; null if none),
                                                  overlap (0-1: shared over either)}, notes; a null has
                                                  percent_reason / kappa_bp_reason beside it. --format csv:
                                                  the unmatched segments as CSV (to -o FILE).
  accord agreement --matrix FILE.csv [--level nominal|ordinal|interval|ratio] [--bootstrap N --seed S] [--json]
                                                  reliability of a units × coders table (header = coder names,
                                                  empty = missing). JSON: units, coders, percent_agreement
                                                  (mean of pairwise), percent_all_agree, cohen_kappa,
                                                  fleiss_kappa, fleiss_units, krippendorff_alpha and its level
                                                  (Krippendorff 2011 difference functions; ordinal, interval and
                                                  ratio need numbers), gwet_ac1 (Gwet 2008), brennan_prediger
                                                  (chance 1/q, q = categories used); with --bootstrap N
                                                  (--seed S, default 1): krippendorff_alpha_ci95 [lo, hi]
                                                  (Hayes & Krippendorff 2007) and bootstrap {replicates, seed};
                                                  <measure>_reason beside every null
  accord report cooccurrence PROJECT.accord [--layer auto|CODER|consensus|all] [--mode overlap|chars:N|turn|document]
                [--where "Role=Clinician"]... [--group NAME]... [--documents N1,N2] [--roll-up] [--format json|csv] [--json]
                                                  code co-occurrence matrix: one cell per ordered pair
                                                  with n > 0 (n(A) on the diagonal). --layer auto (the
                                                  default) reads one layer: the consensus layer where it
                                                  covers every coded document, else the current coder (or
                                                  the coder with most codings); all = coders pooled, where
                                                  a disagreement counts as a co-occurrence (a warning).
                                                  In document mode every number counts documents.
                                                  JSON: layer, layer_kind (coder|consensus|pooled),
                                                  layer_reason (why the default), warning (pooled only),
                                                  mode, unit (passages|documents), counts (what n, c,
                                                  Jaccard and P(B|A) count), scope {layer, coders,
                                                  documents, documents_total, codings, filters}, codes, cells
  accord report attributes PROJECT.accord --attribute NAME [filters] [--format json|csv]
                                                  participants and codings of each code per attribute value
                                                  (JSON: layer, layer_reason, counts, scope, attribute,
                                                  values, participants_per_value, rows)
  accord report saturation PROJECT.accord [--order-by DATE-ATTRIBUTE | --import-order] [--base 4] [--run 2] [--threshold 5%]
                [--new-codes-from YYYY-MM-DD] [filters] [--format json|csv] [--json]
                                                  saturation after Guest, Namey & Chen (2020): only
                                                  transcripts coded in the layer, in interview order (the
                                                  interview date attribute when there is one, else import
                                                  order; 'order' says which);
                                                  --new-codes-from: re-applying a final codebook, only codes
                                                  created from that date count as new.
                                                  JSON: summary, layer, layer_reason, order, method, base,
                                                  run, threshold, new_codes_from, saturation {reached,
                                                  reached_at, reached_at_document, confirmed_by [from,to],
                                                  base_codes, runs [{interviews, documents, new_codes,
                                                  new_information}]}, points [{interview, document,
                                                  participant, date, codings, new_codes, new_information,
                                                  cumulative}], uncoded, scope
                                                  A null value in JSON carries its reason in a field named
                                                  after it with _reason (e.g. reached_at_reason).
  accord query PROJECT.accord "10a AND 30a" [--layer …] [--where …] [--descendants] [--json]
                                                  quotes matching a code query: AND (overlap), OR, NOT,
                                                  WITHIN, NEAR(n), parentheses, "quoted names"
  accord team init PROJECT.accord --lead NAME     make it a team project; prints the lead's access token once
  accord team invite PROJECT.accord NAME [--role lead|coder|viewer]
                                                  add a member (default coder); prints their token once
  accord team revoke PROJECT.accord NAME          end a member's access (their sessions end at once)
  accord team role PROJECT.accord NAME --role lead|coder|viewer
                                                  change a member's role
  accord team members PROJECT.accord [--json]     members, roles and last sign-in
  accord serve PROJECT.accord [--team] [--host ADDRESS] [--port N] [--tls-cert FILE --tls-key FILE]
                            [--trust-proxy]       serve the workbench; with --team, to signed-in members;
                                                  --trust-proxy behind a reverse proxy: sign-ins are
                                                  limited and recorded by the client address the proxy
                                                  adds to X-Forwarded-For
  accord backup PROJECT.accord COPY.accord        a consistent copy, safe while the project is in use

Options:
  --json        print one JSON document on stdout (written as it is made; a report's long lists —
                co-occurrence cells, agreement breakdown rows — one compact object per line)
  -h, --help    this help
  -v, --version the version

Errors exit with status 1 (2 for a wrong command line) and one line on stderr. On a terminal, long
reports and imports of several files show their progress on stderr ("agreement: 1,200 of 2,000
documents"); never in a pipe, a file or CI (CI set).
`;
}

/**
 * The part of the help about one command (`accord agreement --help`): its entries in helpText, each
 * from its `  accord NAME …` line to the next entry. Empty when the command has none.
 */
export function commandHelp(name: string): string {
  const lines = helpText().split('\n');
  const out: string[] = [];
  let inside = false;
  for (const line of lines) {
    if (/^ {2}accord /.test(line)) inside = line.startsWith(`  accord ${name} `) || line === `  accord ${name}`;
    else if (!/^ {3,}/.test(line)) inside = false;
    if (inside) out.push(line);
  }
  return out.length > 0 ? `${out.join('\n')}\n` : '';
}
