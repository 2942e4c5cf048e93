// Writers for the methods appendix (prose, not a table): Markdown, HTML and Word paragraphs, each
// ending with the numbered list of sources the `[n]` markers point to.
import { Document, HeadingLevel, Packer, Paragraph, TextRun } from 'docx';
import type { MethodsAppendix } from '../../../shared/api/reports';
import { escapeHtml } from './html';
import { escapeMarkdown } from './markdown';

/** Markdown: a title, one `##` heading per section, plain paragraphs, then the sources. */
export function appendixToMarkdown(a: MethodsAppendix): string {
  const lines = [`# ${escapeMarkdown(a.title)}`, ''];
  for (const section of a.sections) {
    lines.push(`## ${escapeMarkdown(section.heading)}`, '');
    for (const p of section.paragraphs) lines.push(escapeMarkdown(p), '');
  }
  if (a.sources.length > 0) {
    lines.push('## Sources', '');
    a.sources.forEach((src, i) => lines.push(`${i + 1}. ${escapeMarkdown(src)}`));
    lines.push('');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

/** HTML fragment with the same structure; all text escaped. */
export function appendixToHtml(a: MethodsAppendix): string {
  const out = [`<h1>${escapeHtml(a.title)}</h1>`];
  for (const section of a.sections) {
    out.push(`<h2>${escapeHtml(section.heading)}</h2>`);
    for (const p of section.paragraphs) out.push(`<p>${escapeHtml(p)}</p>`);
  }
  if (a.sources.length > 0) {
    out.push('<h2>Sources</h2>', '<ol>', ...a.sources.map((src) => `<li>${escapeHtml(src)}</li>`), '</ol>');
  }
  return `${out.join('\n')}\n`;
}

/** Word document: headings and paragraphs an author can edit, sources as a numbered list in small text. */
export async function appendixToDocx(a: MethodsAppendix): Promise<Uint8Array> {
  const children: Paragraph[] = [new Paragraph({ text: a.title, heading: HeadingLevel.HEADING_1 })];
  for (const section of a.sections) {
    children.push(new Paragraph({ text: section.heading, heading: HeadingLevel.HEADING_2 }));
    for (const p of section.paragraphs) children.push(new Paragraph({ children: [new TextRun({ text: p })], spacing: { after: 120 } }));
  }
  if (a.sources.length > 0) {
    children.push(new Paragraph({ text: 'Sources', heading: HeadingLevel.HEADING_2 }));
    a.sources.forEach((src, i) => children.push(new Paragraph({ children: [new TextRun({ text: `[${i + 1}] ${src}`, size: 16 })] })));
  }
  const doc = new Document({ creator: 'Accord', title: a.title, sections: [{ children }] });
  const buffer = await Packer.toBuffer(doc);
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}
