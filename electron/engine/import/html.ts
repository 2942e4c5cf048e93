// HTML → paragraphs (htmlparser2): block elements become paragraphs, <br> a line break, table
// cells are tab-separated, scripts/styles/head are dropped, entities decoded. Also used for .docx
// (mammoth converts Word to HTML first).

import { Parser } from 'htmlparser2';

const BLOCKS = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'caption', 'dd', 'details', 'dialog', 'div',
  'dl', 'dt', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5',
  'h6', 'header', 'hr', 'html', 'li', 'main', 'nav', 'ol', 'p', 'pre', 'section', 'summary', 'table',
  'tbody', 'thead', 'tfoot', 'tr', 'ul',
]);
const DROPPED = new Set(['script', 'style', 'noscript', 'template', 'head', 'iframe', 'object', 'svg', 'canvas', 'select']);

/**
 * The text of an HTML document as paragraphs, in document order. Whitespace is collapsed as a
 * browser would, except inside <pre>.
 */
export function htmlToParagraphs(html: string): string[] {
  const paragraphs: string[] = [];
  let cur = '';
  let curPre = false;
  let dropDepth = 0;
  let preDepth = 0;
  let cellInRow = false;

  const flush = (): void => {
    const p = curPre
      ? cur
      : cur
          .split('\n')
          .map((l) => l.replace(/ +/g, ' ').replace(/ *\t */g, '\t').replace(/^ | $/g, ''))
          .join('\n');
    if (p.trim() !== '') paragraphs.push(p);
    cur = '';
    curPre = preDepth > 0;
  };

  const parser = new Parser(
    {
      onopentag(name) {
        if (DROPPED.has(name)) {
          dropDepth++;
          return;
        }
        if (dropDepth > 0) return;
        if (name === 'br') cur += '\n';
        else if (name === 'td' || name === 'th') {
          if (cellInRow) cur += '\t';
          cellInRow = true;
        } else if (BLOCKS.has(name)) {
          flush();
          if (name === 'tr') cellInRow = false;
          if (name === 'pre') {
            preDepth++;
            curPre = true;
          }
        }
      },
      ontext(text) {
        if (dropDepth > 0) return;
        // Only HTML's own whitespace collapses; a no-break space (&nbsp;) is kept.
        cur += preDepth > 0 ? text : text.replace(/[ \t\n\r\f]+/g, ' ');
      },
      onclosetag(name) {
        if (DROPPED.has(name)) {
          dropDepth = Math.max(0, dropDepth - 1);
          return;
        }
        if (dropDepth > 0) return;
        if (BLOCKS.has(name)) {
          flush();
          if (name === 'pre') {
            preDepth = Math.max(0, preDepth - 1);
            curPre = preDepth > 0;
          }
          if (name === 'tr') cellInRow = false;
        }
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  flush();
  return paragraphs;
}
