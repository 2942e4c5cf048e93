// The one normalisation every imported text goes through, once, at import. After this the text is
// immutable and every offset (codings, turns, pages) refers to it.

/**
 * Code units below U+0300 are their own NFC form (no letter there decomposes or combines with what
 * precedes it; combining marks start at U+0300), so text without any such unit is already NFC.
 */
const MAY_NEED_NFC = /[\u0300-\uffff]/;
/** A CR (line ends to rewrite) or anything NFC might change (U+2028/U+2029 fall in that range too). */
// eslint-disable-next-line no-misleading-character-class -- a range of UTF-16 code units, surrogates included, on purpose
const MAY_CHANGE = /[\r\u0300-\uffff]/;

/**
 * Normalises decoded text for storage:
 * - a leading byte-order mark is removed;
 * - CRLF and lone CR become LF; U+2028/U+2029 (line/paragraph separators) become LF too, because
 *   editors and the renderer treat them as breaks anyway and offsets must agree with what is shown;
 * - Unicode NFC: the same letter typed on macOS (decomposed "é") and on Windows (precomposed "é")
 *   must match in searches and quotes. This can change the length, which is why it is done only here;
 * - blank lines at the very start and all whitespace at the very end are dropped.
 * Inner whitespace (indentation, spaces at line ends, blank lines) is kept as written.
 * `knownAscii`: the caller has checked that `raw` is all ASCII (e.g. from its bytes, see decode.ts);
 * the result is the same, found without scanning for characters NFC might change.
 */
export function normaliseText(raw: string, knownAscii = false): string {
  let s = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  if (knownAscii) {
    // ASCII holds no BOM, no U+2028/U+2029 and nothing NFC changes: only CRs can need rewriting.
    if (s.indexOf('\r') !== -1) s = s.replace(/\r\n?/g, '\n');
  } else if (MAY_CHANGE.test(s)) {
    // One scan decides whether the two whole-text rewrites can be skipped: `normalize` copies the
    // whole text even when nothing changes.
    s = s.replace(/\r\n?|[\u2028\u2029]/g, '\n');
    if (MAY_NEED_NFC.test(s)) s = s.normalize('NFC');
  }
  s = s.replace(/^(?:[ \t\f\v\u00a0]*\n)+/, '');
  // trimEnd removes exactly what /\s+$/ matches (WhiteSpace and LineTerminator), without the regex
  // retrying at every space inside the text.
  return s.trimEnd();
}

/**
 * Joins paragraphs from a structured source (Word, ODT, HTML, RTF) the way plain-text transcripts
 * are usually written: one paragraph per line with a blank line between paragraphs. Empty
 * paragraphs are dropped so that spacing done with empty paragraphs does not pile up blank lines.
 * The result still needs `normaliseText`.
 */
export function joinParagraphs(paragraphs: readonly string[]): string {
  return paragraphs
    .map((p) => p.replace(/[ \t]+$/gm, '').replace(/^\n+|\n+$/g, ''))
    .filter((p) => p.trim() !== '')
    .join('\n\n');
}
