// Tests for speaker-turn detection in plain-text transcripts (shared/text/turns.ts).
import { describe, expect, it } from 'vitest';
import { detectTurns, parseTimestamp } from '../../../shared/text/turns';

/** [speaker, turn text, startMs] for compact assertions. */
function view(text: string) {
  return detectTurns(text).map((t) => [t.speaker, text.slice(t.start, t.end), t.startMs]);
}

describe('parseTimestamp', () => {
  it('reads hh:mm:ss, mm:ss and fractions', () => {
    expect(parseTimestamp('00:12:03')).toBe(723_000); // 12*60+3 = 723 s
    expect(parseTimestamp('1:02:03.5')).toBe(3_723_500);
    expect(parseTimestamp('0:06')).toBe(6_000);
    expect(parseTimestamp('12:61')).toBeNull();
    expect(parseTimestamp('abc')).toBeNull();
  });
});

describe('detectTurns', () => {
  it('finds role and ID labels; a turn ends before the next turn line, newlines excluded', () => {
    const text = 'Interviewer: How are you?\nStill asking.\n\nID21: Fine.\n\nInterviewer: Good.';
    expect(view(text)).toEqual([
      ['Interviewer', 'Interviewer: How are you?\nStill asking.', null],
      ['ID21', 'ID21: Fine.', null],
      ['Interviewer', 'Interviewer: Good.', null],
    ]);
    const turns = detectTurns(text);
    expect(turns[0]).toMatchObject({ start: 0, end: 39 }); // "Interviewer: How are you?\nStill asking." is 39 units
    expect(turns[2].end).toBe(text.length);
  });

  it('keeps startMs from a [hh:mm:ss] prefix', () => {
    const text = '[00:12:03] Ana Lopez: Hello.\n[00:12:09] P3: Hi.';
    expect(view(text)).toEqual([
      ['Ana Lopez', '[00:12:03] Ana Lopez: Hello.', 723_000],
      ['P3', '[00:12:09] P3: Hi.', 729_000],
    ]);
  });

  it('attaches a timestamp on its own line to the turn below and drops untimed header labels', () => {
    const text = 'Moderadora: Alicia\n\n[00:00:01]\nModeradora: Empezamos.\n\n[00:00:08]\nRosa: Bien.';
    expect(view(text)).toEqual([
      ['Moderadora', '[00:00:01]\nModeradora: Empezamos.', 1000],
      ['Rosa', '[00:00:08]\nRosa: Bien.', 8000],
    ]);
  });

  it('reads QualCoder [id1] labels', () => {
    expect(view('[id1] hello\n\n[id2] hi there')).toEqual([
      ['id1', '[id1] hello', null],
      ['id2', '[id2] hi there', null],
    ]);
  });

  it("reads WhisperX's `[SPEAKER_00]: text` lines, a speaker heard once included", () => {
    // WhisperX (whisperx/utils.py, WriteTXT) writes one `[SPEAKER_nn]: text` line per segment.
    expect(view('[SPEAKER_00]: How did it go?\n[SPEAKER_01]: Well.\n[SPEAKER_00]: Good.')).toEqual([
      ['SPEAKER_00', '[SPEAKER_00]: How did it go?', null],
      ['SPEAKER_01', '[SPEAKER_01]: Well.', null],
      ['SPEAKER_00', '[SPEAKER_00]: Good.', null],
    ]);
    // Numbered roles in one word are roles; other one-word labels with a number are not.
    expect(view('Speaker-2: yes\n\nChapter_1: no').map((t) => t[0])).toEqual(['Speaker-2']);
  });

  it('takes capitalised names only when they recur', () => {
    const text = 'Maria Jose: one\nPeter: two\nMaria Jose: three';
    // Peter speaks once and is not a role or ID, so his line stays inside Maria Jose's first turn.
    expect(view(text).map((t) => t[0])).toEqual(['Maria Jose', 'Maria Jose']);
  });

  it('does not take ordinary sentences or header words as speakers', () => {
    const text = [
      'Note: the call dropped',
      'Interviewer: Can you hear me?',
      'Note: it dropped again',
      'He said this: nothing',
      'See http://example.org and 10:30: late',
      'The meeting was long: very',
      'Step 1: open the file',
      'Week 2: follow-up',
      'Note 2: again',
      'Interviewer: OK.',
    ].join('\n');
    expect(view(text).map((t) => t[0])).toEqual(['Interviewer', 'Interviewer']);
  });

  it('allows particles in names and rejects labels of more than four words', () => {
    const text = 'María de la Cruz: sí\nA Very Long Heading With Words: x\nMaría de la Cruz: no\nA Very Long Heading With Words: y';
    expect(view(text).map((t) => t[0])).toEqual(['María de la Cruz', 'María de la Cruz']);
  });

  it('treats "Participant: ID21" as a header line, not a turn', () => {
    expect(view('Participant: ID21\nInterviewer: Hi.\nID21: Hello.').map((t) => t[0])).toEqual(['Interviewer', 'ID21']);
  });

  it('returns no turns for prose', () => {
    expect(detectTurns('Just a memo.\nWith two lines.')).toEqual([]);
  });
});

describe('detectTurns: role words with numbers', () => {
  it('accepts "Participant 3" and "Speaker 2" once, and keeps IDs with - or _', () => {
    const text = 'Speaker 2: hello\nParticipant 3: hi\nR-12: yes\nS_4: no';
    expect(view(text).map((t) => t[0])).toEqual(['Speaker 2', 'Participant 3', 'R-12', 'S_4']);
  });
});
