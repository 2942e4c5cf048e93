// Tests for participant-ID detection from file names, header lines and speaker labels.
import { describe, expect, it } from 'vitest';
import {
  detectParticipant,
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
