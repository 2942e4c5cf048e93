// What an import found, in words, for the CLI's import lines and the documents panel's summary
// (one wording for both). Reads only the contract's DocumentImportResult.

import type { DocumentImportResult } from '../api/contract';
import { evidenceAround } from './participant-id';
import { formatTimestamp } from './times';
import { plural } from './wording';

export interface ImportDescription {
  /** `5 turns (2 speakers), 8 timed cues 00:00:01–00:00:40, 3 pages`. */
  structure: string;
  /** `participant ABC01 (first turn: "…code is ABC01.")`, or `no participant ID found`. */
  participant: string;
  /** `UTF-8`, `Windows-1252`, `UTF-16LE`; '' where the format fixes its encoding (.docx, .pdf). */
  encoding: string;
}

/** Describes one file's import result (see ImportDescription). */
export function describeImport(r: Omit<DocumentImportResult, 'document' | 'skipped'>): ImportDescription {
  const parts = [`${plural(r.turns, 'turn')}${r.speakers.length ? ` (${plural(r.speakers.length, 'speaker')})` : ''}`];
  if (r.timeSpan) parts.push(`${plural(r.cues, 'timed cue')} ${formatTimestamp(r.timeSpan.startMs)}–${formatTimestamp(r.timeSpan.endMs)}`);
  if (r.pages) parts.push(plural(r.pages, 'page'));
  let participant = 'no participant ID found';
  if (r.participant) {
    const f = r.participantFound;
    // A file name or a speaker label is short and plain; a line or a turn is quoted around the ID.
    const where = !f ? '' : f.source === 'file name' || f.source === 'speaker label' ? ` (${f.source})` : ` (${f.source}: "${evidenceAround(f.evidence, r.participant)}")`;
    participant = `participant ${r.participant}${where}`;
  }
  const encoding = r.encoding ? r.encoding.toUpperCase().replace('WINDOWS', 'Windows') : '';
  return { structure: parts.join(', '), participant, encoding };
}

/** The three parts as one line: `5 turns (2 speakers), …, participant ABC01 (file name), UTF-8`. */
export function describeImportLine(r: Omit<DocumentImportResult, 'document' | 'skipped'>): string {
  const d = describeImport(r);
  return [d.structure, d.participant, d.encoding].filter((s) => s !== '').join(', ');
}
