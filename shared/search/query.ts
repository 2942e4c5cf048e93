// Search queries: parsing words, "phrases", prefix* terms and OR; the SQLite FTS5 expression that
// finds the matching documents; and the same matching redone over a document's text to find each
// hit's offsets. Tokens follow FTS5's `unicode61 remove_diacritics 2` rules so both sides agree.
import { AccordError } from '../errors';

/** One search term: consecutive folded tokens; with `prefix`, the last token may continue. */
export interface Term {
  tokens: string[];
  prefix: boolean;
}

export interface ParsedQuery {
  terms: Term[];
  /** Operators between consecutive terms: 'AND' (implicit) or 'OR'. */
  operators: ('AND' | 'OR')[];
}

/** A token of a text: where it is and its folded form. */
export interface Token {
  start: number;
  end: number;
  folded: string;
}

// unicode61 token characters: letters, numbers, private use, and (with remove_diacritics) combining
// marks, which are then dropped by folding.
const TOKEN = /[\p{L}\p{N}\p{Co}\p{Mn}]+/gu;
const ASCII = /^\p{ASCII}*$/u;
// unicode61 removes diacritics from Latin letters only: Greek "Άλφα" stays accented in the index.
const LATIN_MARKS = /(\p{Script=Latin})\p{M}+/gu;

/** Case- and accent-folds a token as unicode61 with remove_diacritics 2 does ("Café" → "cafe"). */
export function fold(token: string): string {
  if (ASCII.test(token)) return token.toLowerCase();
  return token.normalize('NFD').replace(LATIN_MARKS, '$1').toLowerCase().normalize('NFC');
}

/** The tokens of `text` with their offsets (UTF-16 code units, half-open). */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(TOKEN)) {
    const folded = fold(m[0]);
    // A token made only of combining marks folds to nothing: FTS5 drops it too.
    if (folded !== '') out.push({ start: m.index, end: m.index + m[0].length, folded });
  }
  return out;
}

/**
 * Parses a query: `word`, `"a phrase"`, `prefix*`, `"phrase prefix*"`, and `OR` between terms
 * (terms are otherwise all required). Punctuation inside a word splits it as the index does, so
 * `don't` searches the phrase "don t". Throws INVALID_INPUT for a query with no words.
 */
export function parseQuery(query: string): ParsedQuery {
  const terms: Term[] = [];
  const operators: ('AND' | 'OR')[] = [];
  let pendingOr = false;
  const re = /"([^"]*)"(\*?)|(\S+)/g;
  for (const m of query.matchAll(re)) {
    if (m[3] === 'OR') {
      pendingOr = terms.length > 0;
      continue;
    }
    const raw = m[1] ?? m[3];
    // `"a b"*` and `"a b*"` both make the last word a prefix.
    const prefix = raw.trimEnd().endsWith('*') || m[2] === '*';
    const tokens = tokenize(raw).map((t) => t.folded);
    if (tokens.length === 0) continue;
    if (terms.length > 0) operators.push(pendingOr ? 'OR' : 'AND');
    pendingOr = false;
    terms.push({ tokens, prefix });
  }
  if (terms.length === 0) throw new AccordError('INVALID_INPUT', `the search "${query}" has no words to look for`);
  return { terms, operators };
}

/** The FTS5 MATCH expression for a parsed query. Tokens are letters and digits only, so quoting is safe. */
export function ftsExpression(q: ParsedQuery): string {
  return q.terms
    .map((t, i) => `${i > 0 ? ` ${q.operators[i - 1]} ` : ''}"${t.tokens.join(' ')}"${t.prefix ? ' *' : ''}`)
    .join('');
}

/** Sorts spans and merges overlapping ones, so one passage is one hit. */
function mergeSpans(spans: { start: number; end: number }[]): { start: number; end: number }[] {
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: { start: number; end: number }[] = [];
  for (const s of spans) {
    const last = merged[merged.length - 1];
    if (last && s.start < last.end) last.end = Math.max(last.end, s.end);
    else merged.push({ ...s });
  }
  return merged;
}

/** The general matcher: tokenise the whole text, then compare token sequences. */
export function findHitsTokenized(text: string, q: ParsedQuery, tokens: Token[] = tokenize(text)): { start: number; end: number }[] {
  const spans: { start: number; end: number }[] = [];
  for (let i = 0; i < tokens.length; i++) {
    for (const term of q.terms) {
      const n = term.tokens.length;
      if (i + n > tokens.length) continue;
      let ok = true;
      for (let k = 0; k < n && ok; k++) {
        const have = tokens[i + k].folded;
        const want = term.tokens[k];
        ok = k === n - 1 && term.prefix ? have.startsWith(want) : have === want;
      }
      if (ok) spans.push({ start: tokens[i].start, end: tokens[i + n - 1].end });
    }
  }
  return mergeSpans(spans);
}

// A letter, digit or mark outside ASCII: its presence means tokens need Unicode folding. Runs of
// non-ASCII characters are found first (cheap), and only they are checked for word characters.
const NON_ASCII_RUN = /[\u0080-\uffff]+/g;
const WORD_CHAR = /[\p{L}\p{N}\p{Co}\p{Mn}]/u;

function hasNonAsciiWord(text: string): boolean {
  for (const m of text.matchAll(NON_ASCII_RUN)) if (WORD_CHAR.test(m[0])) return true;
  return false;
}

function isAsciiWordCode(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
}

/**
 * The fast matcher for texts whose word characters are all ASCII (punctuation such as ’ or – may
 * be anything): find each term's first word with indexOf on the lower-cased text, then check word
 * boundaries and the phrase's following words in place. Returns null when it does not apply.
 */
function findHitsAscii(text: string, q: ParsedQuery, ascii: boolean): { start: number; end: number }[] | null {
  if (!ascii && hasNonAsciiWord(text)) return null;
  const lower = text.toLowerCase();
  if (lower.length !== text.length) return null;
  const spans: { start: number; end: number }[] = [];
  for (const term of q.terms) {
    const first = term.tokens[0];
    for (let at = lower.indexOf(first); at !== -1; at = lower.indexOf(first, at + 1)) {
      if (at > 0 && isAsciiWordCode(lower.charCodeAt(at - 1))) continue;
      let pos = at;
      let ok = true;
      for (let k = 0; k < term.tokens.length && ok; k++) {
        const want = term.tokens[k];
        if (k > 0) {
          while (pos < lower.length && !isAsciiWordCode(lower.charCodeAt(pos))) pos++;
          ok = lower.startsWith(want, pos);
        }
        if (!ok) break;
        let end = pos + want.length;
        const last = k === term.tokens.length - 1;
        if (last && term.prefix) while (end < lower.length && isAsciiWordCode(lower.charCodeAt(end))) end++;
        else ok = end === lower.length || !isAsciiWordCode(lower.charCodeAt(end));
        pos = end;
      }
      if (ok) spans.push({ start: at, end: pos });
    }
  }
  return mergeSpans(spans);
}

/**
 * Every occurrence of any term in `text`, as [start, end) spans from the first token's start to the
 * last token's end, in text order. Overlapping occurrences (`care` and `care*`) are merged so one
 * passage is one hit. Texts whose words are plain ASCII take a fast path that finds the same hits.
 * `ascii`: the caller knows every character of `text` is ASCII (its UTF-8 size equals its length),
 * which spares the scan for non-ASCII letters; false means "not known", never "not ASCII".
 */
export function findHits(text: string, q: ParsedQuery, ascii = false): { start: number; end: number }[] {
  return findHitsAscii(text, q, ascii) ?? findHitsTokenized(text, q);
}
