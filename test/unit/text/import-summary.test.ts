// The words the CLI and the documents panel use for what an import found.
import { describe, expect, it } from 'vitest';
import { describeImport, describeImportLine } from '../../../shared/text/import-summary';

const base = { turns: 0, participant: null, participantFound: null, speakers: [], cues: 0, timeSpan: null, pages: 0, encoding: null, warnings: [] };

describe('describeImport', () => {
  it('names structure, times, pages, participant with its source, and encoding', () => {
    expect(
      describeImport({
        ...base,
        turns: 5,
        speakers: ['Ana', 'ABC01'],
        cues: 8,
        timeSpan: { startMs: 1350, endMs: 40_000 },
        participant: 'ABC01',
        participantFound: { source: 'speaker label', evidence: 'ABC01' },
        encoding: 'windows-1252',
      }),
    ).toEqual({ structure: '5 turns (2 speakers), 8 timed cues 00:00:01–00:00:40', participant: 'participant ABC01 (speaker label)', encoding: 'Windows-1252' });
    expect(describeImportLine({ ...base, turns: 1, speakers: ['I'], pages: 3, participant: 'P3', participantFound: { source: 'header', evidence: 'Participant: P3' } })).toBe(
      '1 turn (1 speaker), 3 pages, participant P3 (header: "Participant: P3")',
    );
    expect(describeImportLine({ ...base, encoding: 'utf-16le' })).toBe('0 turns, no participant ID found, UTF-16LE');
  });
});
