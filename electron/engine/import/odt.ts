// .odt (OpenDocument text) → paragraphs: unzip content.xml defensively, then walk office:body with
// fast-xml-parser; text:p and text:h are paragraphs, text:s/text:tab/text:line-break are spacing.

import { XMLParser } from 'fast-xml-parser';
import { AccordError } from '../../../shared/errors';
import { unzipSafely } from './zip';

const NOT_ODT = 'is not an OpenDocument text file (not a valid .odt zip)';

/** Elements whose text is not part of the running text: comments, notes, deleted changes, ... */
const SKIPPED = new Set([
  'office:annotation', 'office:annotation-end', 'text:note', 'text:tracked-changes', 'text:sequence-decls',
  'text:variable-decls', 'text:user-field-decls', 'office:forms', 'svg:title', 'svg:desc',
]);

type XmlNode = Record<string, unknown> & { ':@'?: Record<string, string> };

function nameOf(node: XmlNode): string {
  return Object.keys(node).find((k) => k !== ':@') ?? '';
}

function childrenOf(node: XmlNode): XmlNode[] {
  const v = node[nameOf(node)];
  return Array.isArray(v) ? (v as XmlNode[]) : [];
}

/** The inline text of a paragraph's children, following ODF's whitespace rules. */
function inline(nodes: XmlNode[]): string {
  let out = '';
  for (const n of nodes) {
    const name = nameOf(n);
    if (name === '#text') out += String(n['#text']).replace(/[ \t\r\n]+/g, ' ');
    else if (SKIPPED.has(name)) continue;
    else if (name === 'text:s') out += ' '.repeat(Math.max(1, Number(n[':@']?.['@_text:c'] ?? 1) || 1));
    else if (name === 'text:tab') out += '\t';
    else if (name === 'text:line-break') out += '\n';
    else out += inline(childrenOf(n));
  }
  return out;
}

function walk(nodes: XmlNode[], paragraphs: string[]): void {
  for (const n of nodes) {
    const name = nameOf(n);
    if (name === 'text:p' || name === 'text:h') paragraphs.push(inline(childrenOf(n)).replace(/^ /, ''));
    else if (!SKIPPED.has(name) && name !== '#text') walk(childrenOf(n), paragraphs);
  }
}

/**
 * Reads the paragraphs of an .odt file's body. Throws BAD_FILE when the bytes are not a zip with
 * content.xml, when the mimetype says another OpenDocument kind (e.g. a spreadsheet), when the zip
 * would unpack past the 200 MB limit, or when content.xml is not well-formed.
 */
export function readOdt(fileName: string, bytes: Uint8Array): { paragraphs: string[]; warnings: string[] } {
  const files = unzipSafely(fileName, bytes, {
    notZip: NOT_ODT,
    keep: (name) => name === 'content.xml' || name === 'mimetype',
  });
  const mimetype = files.get('mimetype');
  if (mimetype) {
    const mt = new TextDecoder().decode(mimetype).trim();
    if (!mt.startsWith('application/vnd.oasis.opendocument.text')) {
      throw new AccordError('BAD_FILE', `${fileName}: is not an OpenDocument text file (it is ${mt})`);
    }
  }
  const content = files.get('content.xml');
  if (!content) throw new AccordError('BAD_FILE', `${fileName}: ${NOT_ODT}`);

  const parser = new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    trimValues: false,
    processEntities: true,
    htmlEntities: true,
    parseTagValue: false,
    parseAttributeValue: false,
  });
  let tree: XmlNode[];
  try {
    tree = parser.parse(new TextDecoder().decode(content)) as XmlNode[];
  } catch (err) {
    const why = err instanceof Error ? err.message.split('\n')[0] : String(err);
    throw new AccordError('BAD_FILE', `${fileName}: is damaged (content.xml: ${why})`);
  }
  const findBody = (nodes: XmlNode[]): XmlNode[] | null => {
    for (const n of nodes) {
      const name = nameOf(n);
      if (name === 'office:body') return childrenOf(n);
      if (name !== '#text') {
        const found = findBody(childrenOf(n));
        if (found) return found;
      }
    }
    return null;
  };
  const paragraphs: string[] = [];
  walk(findBody(tree) ?? [], paragraphs);
  return { paragraphs, warnings: [] };
}
