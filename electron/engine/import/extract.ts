// The import entry point: a file's name and bytes → normalised text plus structure (turns, pages,
// participant, duration). Dispatches on the extension; no database access here.

import { AccordError } from '../../../shared/errors';
import type { Cue, Page, Turn } from '../../../shared/model/types';
import { joinParagraphs, normaliseText } from '../../../shared/text/normalise';
import { findParticipant, participantMatcher, type ParticipantMatch, type ParticipantMatcher, type ParticipantRules } from '../../../shared/text/participant-id';
import { lineNumbersNote, stripLineNumbers } from '../../../shared/text/line-numbers';
import { stripTimeMarks, timeTurnsByMarks, type TimeMark } from '../../../shared/text/time-marks';
import { detectTranscript } from '../../../shared/text/turns';
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
  /** Timed pieces (captions, timed paragraphs or rows) in text order; empty when untimed. */
  cues: Cue[];
  /** PDF only. */
  pages: Page[];
  /** Detected participant ID such as `ID21` or `P03`, or null when unsure. */
  participant: string | null;
  /** Where the participant ID was found (file name, header, speakers line, speaker label, first turn). */
  participantMatch: ParticipantMatch | null;
  /** From subtitle/CSV timestamps where known. */
  durationMs: number | null;
  /** The character encoding the text was read in, for text-like files; null where the format fixes it (.docx, .odt, .pdf, .rtf). */
  encoding: string | null;
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
  // Transcription services and meeting tools export several transcripts as one archive.
  '.zip': ' (unzip it and import the folder)',
  '.accord': ' (it is an Accord project: open it, or bring its work in with accord merge)',
  // Whisper, WhisperX and whisper.cpp write these beside the subtitles, which carry the same times.
  '.tsv': ' (for a Whisper transcript, import the .srt or .vtt written beside it)',
  '.lrc': ' (for a whisper.cpp transcript, import the .srt or .vtt written beside it)',
  '.json': ' (for a Whisper or WhisperX transcript, import the .srt or .vtt written beside it)',
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

/**
 * Turns, cues, participant and the final shape shared by every format whose turns come from its text.
 * `anchors`: times the reader found beside the text (noScribe's HTML), where each segment starts.
 */
function finish(
  fileName: string,
  format: DocumentFormat,
  text: string,
  warnings: string[],
  matcher: ParticipantMatcher,
  encoding: string | null,
  pages: Page[] = [],
  anchors: TimeMark[] = [],
): ExtractedDocument {
  if (text === '') throw new AccordError('BAD_FILE', `${fileName}: has no text`);
  // Printed line numbers would sit in every quote and hide every label; a paged text (PDF) loses
  // them line by line as it is read, and so do texts with anchors beside them.
  if (pages.length === 0 && anchors.length === 0) {
    const unnumbered = stripLineNumbers(text.split('\n'));
    if (unnumbered) {
      text = normaliseText(unnumbered.join('\n'));
      if (text === '') throw new AccordError('BAD_FILE', `${fileName}: has no text`);
      warnings = [...warnings, lineNumbersNote(fileName)];
    }
  }
  let { turns, cues } = detectTranscript(text);
  if (!turns.some((t) => typeof t.startMs === 'number')) {
    // f4/f5transkript's time marks (`#00:01:23-4#`) time the turns and leave the text; a paged text
    // (PDF) keeps them, as its pages' offsets do, and so does a text without speaker turns to hold them.
    const marked = anchors.length > 0 ? null : pages.length === 0 ? stripTimeMarks(text) : null;
    const found = marked ? detectTranscript(marked.text) : null;
    if (marked && found && found.turns.length > 0 && marked.text.trim() !== '') {
      text = marked.text;
      turns = found.turns;
      warnings = [...warnings, `${fileName}: its ${marked.marks.length} time marks (f4's #00:01:23-4#) were taken out of the text; they time the speaker turns`];
      timeTurnsByMarks(turns, marked.marks);
      cues = cuesOfTimedTurns(turns);
      // The last mark closes the last turn (the time the transcriber reached).
      const last = cues[cues.length - 1];
      const end = marked.marks[marked.marks.length - 1];
      const lastTurn = turns.find((t) => t.start === last?.start);
      if (last && lastTurn && end.ms > last.startMs && end.at >= last.start) last.endMs = lastTurn.endMs = end.ms;
    } else if (anchors.length > 0 && turns.length > 0) {
      timeTurnsByMarks(turns, anchors);
      cues = cuesOfTimedTurns(turns);
    }
  }
  const participantMatch = findParticipant(fileName, text, turns, matcher);
  return { text, format, turns, cues, pages, participant: participantMatch?.id ?? null, participantMatch, durationMs: null, encoding, warnings };
}

/**
 * Cues for a transcript whose turns carry start times (CSV rows): one per timed turn, each ending
 * where the next timed turn starts; the turns take the same end times.
 */
function cuesOfTimedTurns(turns: Turn[]): Cue[] {
  const cues: Cue[] = [];
  for (const t of turns) {
    if (typeof t.startMs !== 'number') continue;
    const prev = cues[cues.length - 1];
    if (prev && t.startMs >= prev.startMs) prev.endMs = t.startMs;
    cues.push({ start: t.start, end: t.end, startMs: t.startMs, endMs: null });
  }
  let c = 0;
  for (const t of turns) if (typeof t.startMs === 'number') t.endMs = cues[c++].endMs;
  return cues;
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
 * MAX_IMPORT_BYTES are refused before anything is decoded. `rules`: the project's participant-ID
 * pattern and known IDs (shared/text/participant-id.ts).
 */
export async function extractDocument(fileName: string, bytes: Uint8Array, rules: ParticipantRules = {}): Promise<ExtractedDocument> {
  const format = formatOf(fileName);
  assertImportSize(fileName, bytes.length);
  if (bytes.length === 0) throw new AccordError('BAD_FILE', `${fileName}: is empty`);
  const matcher = participantMatcher(rules);

  switch (format) {
    case 'txt':
    case 'md': {
      const d = decodeText(fileName, bytes);
      return finish(fileName, format, normaliseText(d.text, d.ascii), d.warnings, matcher, d.encoding);
    }
    case 'html': {
      const d = decodeText(fileName, bytes);
      const { htmlToParagraphs, takeTimeAnchors } = await import('./html');
      const times: number[] = [];
      const text = normaliseText(joinParagraphs(htmlToParagraphs(d.text, times)));
      const anchored = takeTimeAnchors(text, times);
      return finish(fileName, format, anchored.text, d.warnings, matcher, d.encoding, [], anchored.marks);
    }
    case 'rtf': {
      const r = rtfToParagraphs(fileName, bytes);
      return finish(fileName, format, normaliseText(joinParagraphs(r.paragraphs)), r.warnings, matcher, null);
    }
    case 'docx': {
      // The readers of structured formats load when first needed (they bring their parsers with them).
      const r = await (await import('./docx')).readDocx(fileName, bytes);
      return finish(fileName, format, normaliseText(joinParagraphs(r.paragraphs)), r.warnings, matcher, null);
    }
    case 'odt': {
      const r = (await import('./odt')).readOdt(fileName, bytes);
      return finish(fileName, format, normaliseText(joinParagraphs(r.paragraphs)), r.warnings, matcher, null);
    }
    case 'pdf': {
      const r = await (await import('./pdf')).readPdf(fileName, bytes);
      return finish(fileName, format, r.text, r.warnings, matcher, null, r.pages);
    }
    case 'vtt':
    case 'srt': {
      const d = decodeText(fileName, bytes);
      const sub = parseSubtitles(fileName, normaliseText(d.text, d.ascii), format);
      const participantMatch = findParticipant(fileName, sub.text, sub.turns, matcher);
      return {
        text: sub.text,
        format,
        turns: sub.turns,
        cues: sub.cues,
        pages: [],
        participant: participantMatch?.id ?? null,
        participantMatch,
        durationMs: sub.durationMs,
        encoding: d.encoding,
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
      const participantMatch = findParticipant(fileName, t.text, t.turns, matcher);
      return {
        text: t.text,
        format,
        turns: t.turns,
        cues: cuesOfTimedTurns(t.turns),
        pages: [],
        participant: participantMatch?.id ?? null,
        participantMatch,
        durationMs: t.durationMs,
        encoding: d.encoding,
        warnings: d.warnings,
      };
    }
  }
}
