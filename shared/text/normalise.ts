// The one normalisation every imported text goes through, once, at import. After this the text is
// immutable and every offset (codings, turns, pages) refers to it.

/**
 * Normalises decoded text for storage:
 * - a leading byte-order mark is removed;
 * - CRLF and lone CR become LF; U+2028/U+2029 (line/paragraph separators) become LF too, because
 *   editors and the renderer treat them as breaks anyway and offsets must agree with what is shown;
 * - Unicode NFC: the same letter typed on macOS (decomposed "é") and on Windows (precomposed "é")
 *   must match in searches and quotes. This can change the length, which is why it is done only here;
 * - blank lines at the very start and all whitespace at the very end are dropped.
 * Inner whitespace (indentation, spaces at line ends, blank lines) is kept as written.
 */
export function normaliseText(raw: string): string {
  let s = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  s = s.replace(/\r\n?|[\u2028\u2029]/g, '\n');
  s = s.normalize('NFC');
  s = s.replace(/^(?:[ \t\f\v\u00a0]*\n)+/, '');
  return s.replace(/\s+$/u, '');
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
