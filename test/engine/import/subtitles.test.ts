// WebVTT and SRT import: cues → timed turns, speakers from <v> tags and "Name:" prefixes.
import { describe, expect, it } from 'vitest';
import { extractDocument } from '../../../electron/engine/import/extract';
import { badFile } from '../../helpers/fixtures';

const utf8 = (s: string) => new TextEncoder().encode(s);


describe('.vtt', () => {
  const vtt = [
    'WEBVTT - interview ID12',
    '',
    'NOTE this is a comment',
    'spanning lines',
    '',
    'STYLE',
    '::cue { color: red }',
    '',
    '1',
    '00:00:01.000 --> 00:00:04.500 align:start',
    '<v Interviewer>How did it',
    'start?</v>',
    '',
    '00:00:04.500 --> 00:00:06.000',
    '<v Interviewer>Take your time.',
    '',
    'cue-3',
    '01:02.250 --> 01:05.000',
    '<v.loud ID12>It started <i>slowly</i> &amp; then fast.',
    '',
    '00:01:05.000 --> 00:01:07.000',
    'And kept going.',
  ].join('\r\n');

  it('makes turns with times, joins a speaker\'s consecutive cues, keeps timestamps out of the text', async () => {
    const d = await extractDocument('ID12.vtt', utf8(vtt));
    expect(d.text).toBe('Interviewer: How did it start? Take your time.\n\nID12: It started slowly & then fast. And kept going.');
    expect(d.turns).toEqual([
      { speaker: 'Interviewer', start: 0, end: 46, startMs: 1000, endMs: 6000 },
      // "ID12: " (6) + "It started slowly & then fast." (30) + " And kept going." (16) = 52 units.
      // 01:02.250 = 62 250 ms; the speakerless last cue continues ID12's turn up to 00:01:07.000.
      { speaker: 'ID12', start: 48, end: 100, startMs: 62_250, endMs: 67_000 },
    ]);
    expect(d.durationMs).toBe(67_000);
    expect(d.participant).toBe('ID12');
    expect(d.text).not.toMatch(/\d\d:\d\d/);
  });

  it('reports a broken timestamp with its line number', async () => {
    const broken = 'WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nok\n\n00:00:03.5 --> 00:00:04.000\nbad';
    expect(await badFile(extractDocument('b.vtt', utf8(broken)))).toBe(
      'b.vtt: line 6: broken timestamp "00:00:03.5 --> 00:00:04.000" (expected 00:00:01.000 --> 00:00:04.000)',
    );
    const backwards = 'WEBVTT\n\n00:00:05.000 --> 00:00:02.000\nx';
    expect(await badFile(extractDocument('r.vtt', utf8(backwards)))).toBe(
      'r.vtt: line 3: the cue ends before it starts ("00:00:05.000 --> 00:00:02.000")',
    );
    const noTiming = 'WEBVTT\n\nsome id\njust text';
    expect(await badFile(extractDocument('n.vtt', utf8(noTiming)))).toBe(
      'n.vtt: line 4: expected a cue timing line ("start --> end")',
    );
  });

  it('requires the WEBVTT header', async () => {
    expect(await badFile(extractDocument('x.vtt', utf8('00:00:01.000 --> 00:00:02.000\nhi')))).toBe(
      'x.vtt: is not a WebVTT file (the first line must be WEBVTT)',
    );
  });
});

describe('.srt', () => {
  const srt = [
    '1',
    '00:00:01,000 --> 00:00:03,000',
    'Rosa: Buenos días.',
    '',
    '2',
    '00:00:03,200 --> 00:00:05,000',
    '<i>Entrevistadora:</i> ¿Cómo está?',
    '',
    '3',
    '00:00:05,000 --> 00:00:09,999',
    'Rosa: Bien,',
    'gracias.',
    '',
  ].join('\n');

  it('reads speakers from "Name:" prefixes and times from the timing lines', async () => {
    const d = await extractDocument('e.srt', utf8(srt));
    expect(d.text).toBe('Rosa: Buenos días.\n\nEntrevistadora: ¿Cómo está?\n\nRosa: Bien, gracias.');
    expect(d.turns.map((t) => [t.speaker, d.text.slice(t.start, t.end), t.startMs, t.endMs])).toEqual([
      ['Rosa', 'Rosa: Buenos días.', 1000, 3000],
      ['Entrevistadora', 'Entrevistadora: ¿Cómo está?', 3200, 5000],
      ['Rosa', 'Rosa: Bien, gracias.', 5000, 9999],
    ]);
    expect(d.durationMs).toBe(9999);
  });

  it("reads WhisperX's `[SPEAKER_00]: ` prefixes, a speaker heard once included", async () => {
    // WhisperX with diarization (whisperx/utils.py, SubtitlesWriter) prefixes every cue with `[SPEAKER_nn]: `.
    const whisperx = '1\n00:00:00,000 --> 00:00:02,000\n[SPEAKER_00]: How did the rollout go?\n\n2\n00:00:02,000 --> 00:00:04,000\n[SPEAKER_01]: It went well.\n\n3\n00:00:04,000 --> 00:00:06,000\n[SPEAKER_00]: Good.\n';
    const d = await extractDocument('w.srt', utf8(whisperx));
    expect(d.text).toBe('SPEAKER_00: How did the rollout go?\n\nSPEAKER_01: It went well.\n\nSPEAKER_00: Good.');
    expect(d.turns.map((t) => [t.speaker, t.startMs, t.endMs])).toEqual([
      ['SPEAKER_00', 0, 2000],
      ['SPEAKER_01', 2000, 4000],
      ['SPEAKER_00', 4000, 6000],
    ]);
  });

  it('keeps speakerless cues as separate lines with speaker ""', async () => {
    const d = await extractDocument('s.srt', utf8('1\n00:00:00,500 --> 00:00:01,000\nHello\n\n2\n00:00:01,000 --> 00:00:02,000\nworld'));
    expect(d.text).toBe('Hello\n\nworld');
    expect(d.turns.map((t) => [t.speaker, t.startMs])).toEqual([
      ['', 500],
      ['', 1000],
    ]);
  });

  it('reports broken timestamps with the line number', async () => {
    const bad = '1\n00:00:01,000 --> 00:00:02,000\nok\n\n2\n00:00:xx,000 --> 00:00:03,000\nbad';
    expect(await badFile(extractDocument('b.srt', utf8(bad)))).toBe(
      'b.srt: line 6: broken timestamp "00:00:xx,000 --> 00:00:03,000" (expected 00:00:01,000 --> 00:00:04,000)',
    );
  });
});
