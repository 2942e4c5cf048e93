// Tests for participant-ID detection from file names, header lines and speaker labels.
import { describe, expect, it } from 'vitest';
import {
  detectParticipant,
  findParticipant,
  evidenceAround,
  idPatternProblem,
  participantMatcher,
  participantFromFileName,
  participantFromHeader,
  participantFromTurns,
} from '../../../shared/text/participant-id';

const turn = (speaker: string) => ({ speaker, start: 0, end: 1 });

describe('participantFromFileName', () => {
  it.each([
    ['ID21 interview.docx', 'ID21'],
    ['P03.txt', 'P03'],
    ['id_7.txt', 'ID7'],
    ['interview_P12_final.pdf', 'P12'],
    ['Participant 4 transcript.txt', 'P4'],
    ['2022-03-14 ID05.vtt', 'ID05'],
  ])('%s → %s', (name, id) => {
    expect(participantFromFileName(name)).toBe(id);
  });

  it.each([
    'Entrevista_señora_Núñez.txt',
    'transcript.txt',
    'P01 and P02 joint.txt', // two IDs: ambiguous
    'Script2.txt', // "S" glued to other letters is not an ID
    '12-transcripcion-grupo-focal.txt',
  ])('%s → null', (name) => {
    expect(participantFromFileName(name)).toBeNull();
  });
});

describe('participantFromHeader', () => {
  it('reads "Participant: ID21" in the first lines', () => {
    expect(participantFromHeader('Study X\nParticipant: ID21\nDate: 2021')).toBe('ID21');
    expect(participantFromHeader('Participant ID = P03\n')).toBe('P03');
    expect(participantFromHeader('Participante: 7\n')).toBe('P7');
  });
  it('ignores lines further down and prose', () => {
    const late = Array.from({ length: 20 }, () => 'text').join('\n') + '\nParticipant: ID9';
    expect(participantFromHeader(late)).toBeNull();
    expect(participantFromHeader('The participant said: nothing')).toBeNull();
  });
});

describe('participantFromTurns', () => {
  it('takes the single ID-shaped speaker', () => {
    expect(participantFromTurns([turn('Interviewer'), turn('ID21'), turn('Interviewer')])).toBe('ID21');
  });
  it('gives null for a group with several IDs or none', () => {
    expect(participantFromTurns([turn('id1'), turn('id2')])).toBeNull();
    expect(participantFromTurns([turn('Rosa')])).toBeNull();
  });
});

describe('detectParticipant', () => {
  it('prefers the file name, then the header, then speakers', () => {
    expect(detectParticipant('P03.txt', 'Participant: ID21', [turn('ID4')])).toBe('P03');
    expect(detectParticipant('notes.txt', 'Participant: ID21', [turn('ID4')])).toBe('ID21');
    expect(detectParticipant('notes.txt', 'hello', [turn('ID4')])).toBe('ID4');
    expect(detectParticipant('notes.txt', 'hello', [])).toBeNull();
  });
});

describe('participant IDs: letter codes, project patterns, known IDs, sources (issue 12)', () => {
  it('finds capital-letter codes (ABC01, XY02) in file names, not formats or dates', () => {
    expect(participantFromFileName('ABC01 interview.docx')).toBe('ABC01');
    expect(participantFromFileName('interview_XY02.vtt')).toBe('XY02');
    expect(participantFromFileName('site GF-12.txt')).toBe('GF12');
    expect(participantFromFileName('interview MP3 notes.txt')).toBeNull();
    expect(participantFromFileName('GMT20240312-140233_Recording.transcript.vtt')).toBeNull();
    expect(participantFromFileName('FY23 report.txt')).toBeNull();
    expect(participantFromFileName('abc01.txt')).toBeNull(); // codes are written in capitals
  });

  it("uses the project's own pattern instead of the built-in ones", () => {
    const m = participantMatcher({ pattern: String.raw`CH\d{3}` });
    expect(participantFromFileName('CH014 interview.txt', m)).toBe('CH014');
    expect(participantFromFileName('ID21 interview.txt', m)).toBeNull();
    expect(participantFromTurns([turn('Interviewer'), turn('CH014')], m)).toBe('CH014');
  });

  it('matches IDs already in the participants table, in any case, as they are stored', () => {
    const m = participantMatcher({ known: ['Rosa-7', 'ID21'] });
    expect(participantFromFileName('rosa-7 second interview.txt', m)).toBe('Rosa-7');
    expect(findParticipant('notes.txt', 'Interviewer: Welcome back, Rosa-7.\nRosa-7: Thanks.', [], m)).toBeNull();
    expect(findParticipant('x.txt', 'I: Welcome back, rosa-7.', [{ speaker: 'I', start: 0, end: 24 }], m)).toEqual({
      id: 'Rosa-7',
      source: 'first turn',
      evidence: 'Welcome back, rosa-7.',
    });
  });

  it('says where the ID was found', () => {
    expect(findParticipant('ID21.txt', 'hi')).toEqual({ id: 'ID21', source: 'file name', evidence: 'ID21.txt' });
    expect(findParticipant('a.txt', 'Participant: XY02\nI: hi')).toEqual({ id: 'XY02', source: 'header', evidence: 'Participant: XY02' });
    expect(findParticipant('a.txt', 'Speakers: Ana (interviewer), ABC01\n')).toEqual({
      id: 'ABC01',
      source: 'speakers line',
      evidence: 'Speakers: Ana (interviewer), ABC01',
    });
    expect(findParticipant('a.txt', 'x', [turn('Interviewer'), turn('P4 (mother)')])).toEqual({ id: 'P4', source: 'speaker label', evidence: 'P4' });
    // Two IDs in the first turn: not sure, null.
    const text = 'I: This is ABC01 and XY02 together.';
    expect(findParticipant('a.txt', text, [{ speaker: 'I', start: 0, end: text.length }])).toBeNull();
  });

  it('checks a project pattern before it is used', () => {
    expect(idPatternProblem(String.raw`CH\d{3}`)).toBeNull();
    expect(idPatternProblem('CH(')).toMatch(/^the ID pattern is not a valid regular expression/);
    expect(idPatternProblem(String.raw`\d*`)).toBe('the ID pattern matches an empty string');
    expect(idPatternProblem(' ')).toBe('the ID pattern is empty');
    expect(idPatternProblem('A'.repeat(201))).toBe('the ID pattern is longer than 200 characters');
  });
});

describe('evidenceAround', () => {
  it('keeps short evidence, and cuts long evidence around the ID', () => {
    expect(evidenceAround('Speakers: Ana, ABC01', 'ABC01')).toBe('Speakers: Ana, ABC01');
    const long = 'Thanks for joining. Before we start, this is the interview for the clinic study, and your participant code is ABC01.';
    const cut = evidenceAround(long, 'ABC01', 40);
    expect(cut).toBe('…and your participant code is ABC01.');
    expect(evidenceAround('P3 ' + 'x'.repeat(100), 'P3', 20)).toBe('P3 xxxxxxxxxxxxxxxxx…');
  });
});

describe('known IDs inside joined words', () => {
  it('finds a known ID as a whole run, a part, or a pair of parts', () => {
    const m = participantMatcher({ known: ['Rosa-7', 'P03', 'site.A'] });
    expect(participantFromFileName('interview_P03_final.txt', m)).toBe('P03');
    expect(participantFromFileName('visit_rosa-7_2.txt', m)).toBe('Rosa-7');
    expect(participantFromFileName('notes SITE.A.txt', m)).toBe('site.A');
    // P030 is not the known P03: it is found by the built-in pattern as itself.
    expect(participantFromFileName('P030.txt', m)).toBe('P030');
  });
});
