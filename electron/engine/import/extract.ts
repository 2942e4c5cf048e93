// The import entry point: a file's name and bytes → normalised text plus structure (turns, pages,
// participant, duration). Dispatches on the extension; no database access here.

import { AccordError } from '../../../shared/errors';
import type { Page, Turn } from '../../../shared/model/types';
import { joinParagraphs, normaliseText } from '../../../shared/text/normalise';
import { detectParticipant } from '../../../shared/text/participant-id';
import { detectTurns } from '../../../shared/text/turns';
import { assertImportSize, decodeText, MAX_IMPORT_BYTES } from './decode';
import { rtfToParagraphs } from './rtf';
import { parseSubtitles } from './subtitles';

export { assertImportSize, MAX_IMPORT_BYTES };

export type DocumentFormat = 'txt' | 'md' | 'docx' | 'pdf' | 'vtt' | 'srt' | 'html' | 'rtf' | 'odt' | 'csv';

export interface ExtractedDocument {
  /** Normalised text; immutable from now on (all offsets refer to it). */
  text: string;
  format: DocumentFormat;
  turns: Turn[];
  /** PDF only. */
  pages: Page[];
  /** Detected participant ID such as `ID21` or `P03`, or null when unsure. */
  participant: string | null;
  /** From subtitle/CSV timestamps where known. */
  durationMs: number | null;
  warnings: string[];
}

/** Extensions Accord imports, lower case with the dot. */
export const SUPPORTED_EXTENSIONS = ['.txt', '.md', '.docx', '.pdf', '.vtt', '.srt', '.html', '.rtf', '.odt', '.csv'] as const;

/** Extra spellings read as one of the supported formats. */
const ALIASES: Record<string, DocumentFormat> = { '.htm': 'html', '.markdown': 'md', '.text': 'txt' };

/** Hints for formats people commonly try. */
const HINTS: Record<string, string> = {
  '.doc': ' (save it as .docx in Word first)',
  '.pages': ' (export it as .docx first)',
  '.xlsx': ' (save the sheet as .csv first)',
  '.xls': ' (save the sheet as .csv first)',
};

/** The format a file name maps to; throws BAD_FILE naming the extension when unsupported. */
export function formatOf(fileName: string): DocumentFormat {
  const m = /(\.[^./\\]+)$/.exec(fileName);
  const ext = m ? m[1].toLowerCase() : '';
  if ((SUPPORTED_EXTENSIONS as readonly string[]).includes(ext)) return ext.slice(1) as DocumentFormat;
  if (ALIASES[ext]) return ALIASES[ext];
  const list = SUPPORTED_EXTENSIONS.join(', ');
  const what = ext ? `${ext} files` : 'files without an extension';
  throw new AccordError('BAD_FILE', `${fileName}: Accord can't read ${what}; it reads ${list}${HINTS[ext] ?? ''}`);
}

/** Turns, participant and the final shape shared by every paragraph-based format. */
function finish(fileName: string, format: DocumentFormat, rawText: string, warnings: string[], knownAscii = false): ExtractedDocument {
  const text = normaliseText(rawText, knownAscii);
  if (text === '') throw new AccordError('BAD_FILE', `${fileName}: has no text`);
  const turns = detectTurns(text);
  return {
    text,
    format,
    turns,
    pages: [],
    participant: detectParticipant(fileName, text, turns),
    durationMs: null,
    warnings,
  };
}

/**
 * Reads one file into an ExtractedDocument. Text is decoded (UTF-8/UTF-16/Windows-1252, see
 * decode.ts) and normalised once (normalise.ts: LF line ends, NFC, no trailing whitespace).
 * Structured formats (.docx, .odt, .html, .rtf) give one paragraph per line with a blank line
 * between paragraphs, like plain-text transcripts. Speaker turns are detected from the text
 * (turns.ts) except for subtitles and CSV transcripts, whose structure gives them.
 *
 * A .csv is read as a transcript table (speaker + statement columns, one row per utterance);
 * other tables are refused here — they are participant or survey imports (csv.ts).
 *
 * Every failure is an AccordError('BAD_FILE', '<fileName>: <problem>'). Files over
 * MAX_IMPORT_BYTES are refused before anything is decoded.
 */
export async function extractDocument(fileName: string, bytes: Uint8Array): Promise<ExtractedDocument> {
  const format = formatOf(fileName);
  assertImportSize(fileName, bytes.length);
  if (bytes.length === 0) throw new AccordError('BAD_FILE', `${fileName}: is empty`);

  switch (format) {
    case 'txt':
    case 'md': {
      const d = decodeText(fileName, bytes);
      return finish(fileName, format, d.text, d.warnings, d.ascii);
    }
    case 'html': {
      const d = decodeText(fileName, bytes);
      return finish(fileName, format, joinParagraphs((await import('./html')).htmlToParagraphs(d.text)), d.warnings);
    }
    case 'rtf': {
      const r = rtfToParagraphs(fileName, bytes);
      return finish(fileName, format, joinParagraphs(r.paragraphs), r.warnings);
    }
    case 'docx': {
      // The readers of structured formats load when first needed (they bring their parsers with them).
      const r = await (await import('./docx')).readDocx(fileName, bytes);
      return finish(fileName, format, joinParagraphs(r.paragraphs), r.warnings);
    }
    case 'odt': {
      const r = (await import('./odt')).readOdt(fileName, bytes);
      return finish(fileName, format, joinParagraphs(r.paragraphs), r.warnings);
    }
    case 'pdf': {
      const r = await (await import('./pdf')).readPdf(fileName, bytes);
      const turns = detectTurns(r.text);
      return {
        text: r.text,
        format,
        turns,
        pages: r.pages,
        participant: detectParticipant(fileName, r.text, turns),
        durationMs: null,
        warnings: r.warnings,
      };
    }
    case 'vtt':
    case 'srt': {
      const d = decodeText(fileName, bytes);
      const sub = parseSubtitles(fileName, normaliseText(d.text, d.ascii), format);
      return {
        text: sub.text,
        format,
        turns: sub.turns,
        pages: [],
        participant: detectParticipant(fileName, sub.text, sub.turns),
        durationMs: sub.durationMs,
        warnings: [...d.warnings, ...sub.warnings],
      };
    }
    case 'csv': {
      const d = decodeText(fileName, bytes);
      const t = (await import('./csv')).parseTranscriptCsv(fileName, d.text);
      if (!t) {
        throw new AccordError(
          'BAD_FILE',
          `${fileName}: is a table without speaker and statement columns; import it as participants or survey responses instead`,
        );
      }
      return {
        text: t.text,
        format,
        turns: t.turns,
        pages: [],
        participant: detectParticipant(fileName, t.text, t.turns),
        durationMs: t.durationMs,
        warnings: d.warnings,
      };
    }
  }
}
