// .docx → paragraphs. The zip is checked first (zip-bomb guard in ./zip), then mammoth converts the
// document to HTML, which keeps line breaks, list items and table cells that its raw-text mode loses.

import mammoth from 'mammoth';
import { AccordError } from '../../../shared/errors';
import { htmlToParagraphs } from './html';
import { unzipSafely } from './zip';

const NOT_DOCX = 'is not a Word document (not a valid .docx zip)';

/**
 * Reads a .docx file's paragraphs (body text, then footnotes/endnotes as mammoth lists them).
 * Throws BAD_FILE when the bytes are not a zip with `word/document.xml`, when the zip unpacks to
 * more than 200 MB (declared or actual), or when mammoth cannot read it.
 */
export async function readDocx(fileName: string, bytes: Uint8Array): Promise<{ paragraphs: string[]; warnings: string[] }> {
  const names: string[] = [];
  unzipSafely(fileName, bytes, {
    notZip: NOT_DOCX,
    keep: (name) => {
      names.push(name);
      return false;
    },
  });
  if (!names.includes('word/document.xml')) throw new AccordError('BAD_FILE', `${fileName}: ${NOT_DOCX}`);

  let result: { value: string; messages: { type: string; message: string }[] };
  try {
    result = await mammoth.convertToHtml(
      { buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) },
      {
        ignoreEmptyParagraphs: true,
        // Images are not text; an empty src keeps mammoth from base64-encoding them.
        convertImage: mammoth.images.imgElement(() => Promise.resolve({ src: '' })),
        externalFileAccess: false,
      },
    );
  } catch (err) {
    const why = err instanceof Error ? err.message.split('\n')[0] : String(err);
    throw new AccordError('BAD_FILE', `${fileName}: is damaged (${why})`);
  }
  const warnings = result.messages
    .filter((m) => m.type === 'error')
    .map((m) => `${fileName}: ${m.message}`);
  return { paragraphs: htmlToParagraphs(result.value), warnings };
}
