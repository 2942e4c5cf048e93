// Transcript shapes as tools write them, each built from the tool's own writer or documentation
// (cited per test), through detectTranscript: who speaks, where each turn begins and ends, and when.
import { describe, expect, it } from 'vitest';
import { detectTranscript } from '../../../shared/text/turns';

/** [speaker, turn text, startMs, endMs] for compact assertions. */
function view(text: string) {
  return detectTranscript(text).turns.map((t) => [t.speaker, text.slice(t.start, t.end), t.startMs, t.endMs]);
}

describe('transcript shapes tools write', () => {
  it("Word's Transcribe (.docx): a time, then the speaker, then the statement below", () => {
    // Microsoft 365 Word, Transcribe > Add to document, as its "00:00:07 Speaker 2" heading lines.
    const text = '00:00:00 Speaker 1\n\nThanks for joining today.\n\n00:00:07 Speaker 2\n\nSure. I work as a nurse.\n\n00:00:15 Speaker 1\n\nHow long?';
    expect(view(text)).toEqual([
      ['Speaker 1', '00:00:00 Speaker 1\n\nThanks for joining today.', 0, 7_000],
      ['Speaker 2', '00:00:07 Speaker 2\n\nSure. I work as a nurse.', 7_000, 15_000],
      ['Speaker 1', '00:00:15 Speaker 1\n\nHow long?', 15_000, null],
    ]);
  });

  it('Otter.ai (.txt): a speaker heard once is a turn of its own, and the footer is no one\'s speech', () => {
    const text = 'Ana Ruiz  0:00\nThanks for joining today.\n\nRosa M  0:07\nSure. I work as a nurse.\n\nUnknown Speaker  0:25\nSorry, the door.\n\nAna Ruiz  1:02\nNo problem.\n\n\nTranscribed by https://otter.ai';
    expect(view(text)).toEqual([
      ['Ana Ruiz', 'Ana Ruiz  0:00\nThanks for joining today.', 0, 7_000],
      ['Rosa M', 'Rosa M  0:07\nSure. I work as a nurse.', 7_000, 25_000],
      ['Unknown Speaker', 'Unknown Speaker  0:25\nSorry, the door.', 25_000, 62_000],
      ['Ana Ruiz', 'Ana Ruiz  1:02\nNo problem.', 62_000, null],
    ]);
  });

  it('Google Meet (Docs transcript): a time every five minutes ends no turn before an untimed one; its footers end the last turn', () => {
    const text = [
      '00:00:00',
      '',
      'Ana Ruiz: Good morning. Could you tell me about your role?',
      'Rosa M: Sure. I work as a nurse.',
      '00:05:00',
      '',
      'Rosa M: Six years now.',
      'Ana Ruiz: Thank you.',
      '',
      'Transcription ended after 00:06:12',
      '',
      'This editable transcript was computer generated and might contain errors. People can also change the text after it was created.',
    ].join('\n');
    expect(view(text)).toEqual([
      ['Ana Ruiz', '00:00:00\n\nAna Ruiz: Good morning. Could you tell me about your role?', 0, null],
      ['Rosa M', 'Rosa M: Sure. I work as a nurse.', null, null],
      ['Rosa M', '00:05:00\n\nRosa M: Six years now.', 300_000, null],
      ['Ana Ruiz', 'Ana Ruiz: Thank you.', null, null],
    ]);
  });

  it("Teams (.docx): `Name   0:03` lines, names heard once included, and the closing `… stopped transcription` is no one's speech", () => {
    const text = 'Ana Ruiz   0:03\n\nThanks for joining today.\n\nXY02 (Guest)   0:10\n\nSure.\n\nI work as a nurse.\n\nRosa Mendes   0:21\n\nSorry I am late.\n\nAna Ruiz stopped transcription';
    expect(view(text)).toEqual([
      ['Ana Ruiz', 'Ana Ruiz   0:03\n\nThanks for joining today.', 3_000, 10_000],
      ['XY02 (Guest)', 'XY02 (Guest)   0:10\n\nSure.\n\nI work as a nurse.', 10_000, 21_000],
      ['Rosa Mendes', 'Rosa Mendes   0:21\n\nSorry I am late.', 21_000, null],
    ]);
  });

  it("Teams' older transcript download (.docx): a time range, the speaker's name, the statement", () => {
    const text = '0:0:0.0 --> 0:0:5.690\n\nAna Ruiz\n\nThanks for joining today.\n\n0:0:6.120 --> 0:0:9.300\n\nRosa Mendes\n\nSure. I work as a nurse.\n\n0:1:2.10 --> 0:1:4.900\n\nAna Ruiz\n\nHow long?';
    // 0:1:2.10 is one minute, two seconds and 100 ms: 62,100 ms.
    expect(view(text)).toEqual([
      ['Ana Ruiz', '0:0:0.0 --> 0:0:5.690\n\nAna Ruiz\n\nThanks for joining today.', 0, 6_120],
      ['Rosa Mendes', '0:0:6.120 --> 0:0:9.300\n\nRosa Mendes\n\nSure. I work as a nurse.', 6_120, 62_100],
      ['Ana Ruiz', '0:1:2.10 --> 0:1:4.900\n\nAna Ruiz\n\nHow long?', 62_100, null],
    ]);
  });

  it('aTrain (aTrain_core/outputs.py): a bare SPEAKER_nn line over timed statement lines', () => {
    const text = 'Transcription for 240312-intervi\n\nSPEAKER_00\n[00:00:00] - Thanks for joining today.\n[00:00:03] - Could you tell me about your role?\n\nSPEAKER_01\n[00:00:06] - Sure. I work as a nurse.';
    expect(view(text)).toEqual([
      ['SPEAKER_00', 'SPEAKER_00\n[00:00:00] - Thanks for joining today.\n[00:00:03] - Could you tell me about your role?', 0, 6_000],
      ['SPEAKER_01', 'SPEAKER_01\n[00:00:06] - Sure. I work as a nurse.', 6_000, null],
    ]);
  });

  it('NVivo-style headings: a role or an ID alone on its line above the statement', () => {
    const text = 'Interviewer\n\nThanks for joining today.\n\nID21\n\nSure. I work as a nurse.\n\nInterviewer\n\nHow long?';
    expect(view(text).map((t) => t.slice(0, 2))).toEqual([
      ['Interviewer', 'Interviewer\n\nThanks for joining today.'],
      ['ID21', 'ID21\n\nSure. I work as a nurse.'],
      ['Interviewer', 'Interviewer\n\nHow long?'],
    ]);
  });

  it('a transcript kept in a table (Word rows Speaker | Text, or Time | Speaker | Text, read as tab-separated cells)', () => {
    const two = 'Interviewer\tThanks for joining today.\n\nID21\tSure. I work as a nurse.\n\nInterviewer\tHow long?\n\nID21\tSix years.';
    expect(view(two).map((t) => t.slice(0, 3))).toEqual([
      ['Interviewer', 'Interviewer\tThanks for joining today.', null],
      ['ID21', 'ID21\tSure. I work as a nurse.', null],
      ['Interviewer', 'Interviewer\tHow long?', null],
      ['ID21', 'ID21\tSix years.', null],
    ]);
    // NVivo's transcript table saved as text: the header row is not a turn; a time vouches for a name heard once.
    const three = 'Timespan\tSpeaker\tContent\n00:00:03.5\tAna Ruiz\tThanks for joining today.\n00:00:06.9\tRosa M\tSure. I work as a nurse.';
    expect(view(three).map((t) => [t[0], t[2]])).toEqual([
      ['Ana Ruiz', 3_500],
      ['Rosa M', 6_900],
    ]);
  });

  it('a focus group where every paragraph opens with a speaker: a participant heard once is a speaker', () => {
    // MAXQDA's focus-group import form: `Name: text`, one paragraph per contribution.
    const text = 'Focus group 3, 12 March 2024\n\nMOD: Welcome, everyone.\n\nLisa B.: I am Lisa, I work in the ward.\n\nGábor: I am Gábor.\n\nMALE2: And I am Tom.\n\nMOD: What brought you here?\n\nLisa B.: Mostly curiosity.';
    expect(view(text).map((t) => t[0])).toEqual(['MOD', 'Lisa B.', 'Gábor', 'MALE2', 'MOD', 'Lisa B.']);
    // In an interview whose answers run over several paragraphs, a paragraph opening `Example: …` stays in the answer.
    const interview = 'Ana Ruiz: How did it start?\n\nRosa M: Slowly.\n\nThe first month was hard.\n\nExample: the night shift had no trainer.\n\nWe managed.\n\nAna Ruiz: And then?\n\nRosa M: It settled.\n\nMostly.';
    expect(view(interview).map((t) => t[0])).toEqual(['Ana Ruiz', 'Rosa M', 'Ana Ruiz', 'Rosa M']);
  });

  it('oTranscribe (timestamps.js): a no-break space after the time', () => {
    const text = '0:00:05\u00a0Interviewer: Thanks for joining today.\n\n0:00:09\u00a0ID21: Sure. I work as a nurse.';
    expect(view(text).map((t) => [t[0], t[2]])).toEqual([
      ['Interviewer', 5_000],
      ['ID21', 9_000],
    ]);
  });

  it("MAXQDA's timestamped import form: the name right after the time", () => {
    // MAXQDA help, importing transcripts with timestamps: `00:03:40.5Zack: …`, no space, no '#'.
    const text = '00:03:40.5Zack: What will digging this hole accomplish?\n\n00:03:44.3Jim: It will fill a gap.';
    expect(view(text).map((t) => [t[0], t[2]])).toEqual([
      ['Zack', 220_500],
      ['Jim', 224_300],
    ]);
  });

  it('none of this makes speakers of speech, headings or titles', () => {
    // Timed lines without speakers: a recurring `Okay` above more timed speech is not a label.
    expect(view('[00:00:05] Okay\n[00:00:09] So we started in March.\n[00:10:00] Okay\n[00:10:03] And then it changed.')).toEqual([]);
    // Section letters and roman numerals alone on their lines, in an archival document.
    expect(view('I\n\nThe policy applies to all wards.\n\nA\n\nStaff are trained first.\n\nIV\n\nReview.')).toEqual([]);
    // Tables in archival documents: a glossary's terms (each once) and rows of figures.
    expect(view('Adaptation\tThe process by which an innovation changes.\nFidelity\tThe degree to which it is delivered as designed.\nReach\tHow many are served.')).toEqual([]);
    expect(view('Ward A\t12\t30\nWard B\t9\t28\nWard A\t14\t31')).toEqual([]);
    // A heading under a time line, once.
    expect(view('00:05:00\n\nIntroduction\n\nWe interviewed nurses.')).toEqual([]);
    // Headings of a report, and a short prose line.
    expect(view('Introduction\n\nWe interviewed nurses.\n\nMethods\n\nThey were asked about the rollout.')).toEqual([]);
    expect(view('The rollout was slow.\nNurses adapted.\nManagers did not.')).toEqual([]);
    // One ID alone on the first line is a title above `Label:` turns, not a turn.
    expect(view('ID21\n\nInterviewer: How did it go?\nID21: Well.').map((t) => t[0])).toEqual(['Interviewer', 'ID21']);
    // Two `Name 0:25` lines are not yet a transcript's format: a name heard once still needs its time in brackets.
    expect(view('Doors Open 10:30\nThe hall fills.\nLunch Break 12:30\nFood.').map((t) => t[0])).toEqual([]);
  });
});
