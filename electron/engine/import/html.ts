// HTML → paragraphs (htmlparser2): block elements become paragraphs, <br> a line break, table
// cells are tab-separated, scripts/styles/head are dropped, entities decoded. Also used for .docx
// (mammoth converts Word to HTML first). noScribe's transcripts time every segment in an anchor,
// `<a name="ts_3200_6100_S00">`: their start times are kept beside the text.

import { Parser } from 'htmlparser2';
import type { TimeMark } from '../../../shared/text/time-marks';

/** Stands in the text for a segment's time anchor until the text is final (a private-use character). */
const ANCHOR = '\uE000';
/** noScribe's segment anchor: `ts_<start ms>_<end ms>_<speaker>`. */
const TIME_ANCHOR = /^ts_(\d{1,9})_\d{1,9}_/;

const BLOCKS = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'caption', 'dd', 'details', 'dialog', 'div',
  'dl', 'dt', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5',
  'h6', 'header', 'hr', 'html', 'li', 'main', 'nav', 'ol', 'p', 'pre', 'section', 'summary', 'table',
  'tbody', 'thead', 'tfoot', 'tr', 'ul',
]);
const DROPPED = new Set(['script', 'style', 'noscript', 'template', 'head', 'iframe', 'object', 'svg', 'canvas', 'select']);

/**
 * The text of an HTML document as paragraphs, in document order. Whitespace is collapsed as a
 * browser would, except inside <pre>. Given `times`, each noScribe time anchor leaves a stand-in
 * character where its segment begins and its start (ms) in `times` (see takeTimeAnchors).
 */
export function htmlToParagraphs(html: string, times?: number[]): string[] {
  // A document that already holds the stand-in character keeps its text as it is, untimed.
  const anchors = times && !html.includes(ANCHOR) ? times : null;
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
      onopentag(name, attributes) {
        const anchor = anchors && name === 'a' && dropDepth === 0 ? TIME_ANCHOR.exec(attributes.name ?? '') : null;
        if (anchor) {
          cur += ANCHOR;
          anchors!.push(Number(anchor[1]));
        }
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

/**
 * Takes the stand-ins of htmlToParagraphs out of the final text: the text without them, and where
 * each stood with its time. A text whose stand-ins do not match the times comes back untimed.
 */
export function takeTimeAnchors(text: string, times: readonly number[]): { text: string; marks: TimeMark[] } {
  if (times.length === 0) return { text, marks: [] };
  const parts = text.split(ANCHOR);
  if (parts.length - 1 !== times.length) return { text: parts.join(''), marks: [] };
  const marks: TimeMark[] = [];
  let out = parts[0];
  for (let k = 0; k < times.length; k++) {
    marks.push({ at: out.length, ms: times[k] });
    out += parts[k + 1];
  }
  return { text: out, marks };
}
