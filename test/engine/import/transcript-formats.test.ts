// Transcripts as transcription services and meeting tools write them (issue 12). Each fixture in
// test/fixtures/transcripts is written by hand in the shape of the service's own export, named as
// the service names its files where it has a habit; the comment above each case says what it mimics.
// Every case checks turns, speakers, times (turn and cue) and the participant ID with its source.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from 'docx';
import { describe, expect, it } from 'vitest';
import { extractDocument, type ExtractedDocument } from '../../../electron/engine/import/extract';
import { timeAtOffset } from '../../../shared/text/times';

const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/transcripts');
const fixture = (name: string) => new Uint8Array(readFileSync(path.join(dir, name)));
const load = (name: string) => extractDocument(name, fixture(name));

/** [speaker, startMs, endMs] per turn. */
const timeline = (d: ExtractedDocument) => d.turns.map((t) => [t.speaker, t.startMs, t.endMs]);
const turnText = (d: ExtractedDocument, i: number) => d.text.slice(d.turns[i].start, d.turns[i].end);

/** Structure every import must keep: turns and cues inside the text, in order, cues inside turns. */
function checkInvariants(d: ExtractedDocument) {
  let prev = 0;
  for (const t of d.turns) {
    expect(t.start).toBeGreaterThanOrEqual(prev);
    expect(t.end).toBeGreaterThanOrEqual(t.start);
    prev = t.end;
  }
  prev = 0;
  for (const c of d.cues) {
    expect(c.start).toBeGreaterThanOrEqual(prev);
    prev = c.end;
    expect(d.turns.some((t) => t.start <= c.start && c.end <= t.end)).toBe(true);
  }
  expect(prev).toBeLessThanOrEqual(d.text.length);
}

describe('WebVTT from Zoom (cloud recording "Audio transcript", named GMT<date>-<time>_Recording.transcript.vtt)', () => {
  // Zoom writes `Display Name: text` into every cue; display names carry spaces, hyphens, accents,
  // apostrophes and a parenthesised role or pronoun. Issue 12: such a file became 2 turns.
  it('merges consecutive cues of one speaker into timed turns and finds the ID in the first turn', async () => {
    const d = await load('GMT20240312-140233_Recording.transcript.vtt');
    checkInvariants(d);
    expect(timeline(d)).toEqual([
      ['Ana Ruiz-Gómez (SL)', 1350, 8400], // cues 1–2
      ["Siobhán O'Neill", 9010, 19_300], // cues 3–4
      ['Ana Ruiz-Gómez (SL)', 20_000, 24_520],
      ["Siobhán O'Neill", 25_100, 36_050], // cues 6–7: "Relief:" inside the text is not a label
      ['Ana Ruiz-Gómez (SL)', 36_500, 40_000],
    ]);
    expect(d.cues).toHaveLength(8);
    expect(d.cues.map((c) => c.startMs)).toEqual([1350, 5120, 9010, 14_870, 20_000, 25_100, 31_760, 36_500]);
    expect(turnText(d, 3)).toBe(
      "Siobhán O'Neill: Honestly? Relief: the old rota lived on a whiteboard that nobody could read. But the training came late, and that coloured everything.",
    );
    // The second cue of turn 4 starts at "But the training": its own time, 00:00:31.760.
    expect(timeAtOffset(d, d.text.indexOf('But the training'))).toBe(31_760);
    expect(timeAtOffset(d, d.text.indexOf('Honestly?'))).toBe(25_100);
    expect(d.durationMs).toBe(40_000);
    // Zoom's file name holds no ID ("GMT20240312" is a date); the interviewer says it in turn 1.
    expect(d.participantMatch).toEqual({
      id: 'ABC01',
      source: 'first turn',
      evidence: 'Thanks for joining. Before we start, this is the interview for the clinic study, and your participant code is ABC01.',
    });
    expect(d.encoding).toBe('utf-8');
  });

  it('a 284-cue two-speaker interview (the size in issue 12) gives one turn per change of speaker, every cue timed', async () => {
    const speakers = ['Ana Ruiz-Gómez (SL)', 'Siobhán O\'Neill'];
    const blocks = ['WEBVTT'];
    let speaker = 0;
    let changes = 1;
    const pause = 'Relief: yes'; // a colon inside the words must not split anything
    for (let i = 0; i < 284; i++) {
      // The speaker changes at every fifth cue: 57 turns of 5 (the last of 4) cues.
      if (i > 0 && i % 5 === 0) {
        speaker = 1 - speaker;
        changes++;
      }
      const ms = (n: number) => new Date(n).toISOString().slice(11, 23);
      blocks.push(`${i + 1}\n${ms(i * 4000)} --> ${ms(i * 4000 + 3500)}\n${speakers[speaker]}: cue ${i + 1} ${pause}`);
    }
    const d = await extractDocument('GMT20240101-090000_Recording.transcript.vtt', new TextEncoder().encode(blocks.join('\n\n')));
    checkInvariants(d);
    expect(d.cues).toHaveLength(284);
    expect(changes).toBe(57);
    expect(d.turns).toHaveLength(changes);
    expect(new Set(d.turns.map((t) => t.speaker))).toEqual(new Set(speakers));
    expect(d.turns.at(-1)?.endMs).toBe(283 * 4000 + 3500);
    expect(d.text).not.toMatch(/(Ana Ruiz-Gómez \(SL\)|Siobhán O'Neill): .*(Ana Ruiz-Gómez \(SL\)|Siobhán O'Neill):/); // no label left inline
  });

  it('takes any display name that opens several cues, and a one-off capitalised one', async () => {
    const vtt = [
      'WEBVTT',
      '',
      '1\n00:00:01.000 --> 00:00:02.000\njdoe: hi everyone',
      '2\n00:00:02.000 --> 00:00:03.000\nMaría José de la Fuente: hola',
      '3\n00:00:03.000 --> 00:00:04.000\njdoe: shall we start?',
      '4\n00:00:04.000 --> 00:00:05.000\nand this line has no speaker: it continues',
      '5\n00:00:05.000 --> 00:00:06.000\nNote: recording paused',
    ].join('\n\n');
    const d = await extractDocument('call.vtt', new TextEncoder().encode(vtt));
    expect(d.turns.map((t) => t.speaker)).toEqual(['jdoe', 'María José de la Fuente', 'jdoe']);
    expect(d.text.endsWith('jdoe: shall we start? and this line has no speaker: it continues Note: recording paused')).toBe(true);
    expect(d.cues).toHaveLength(5);
  });
});

describe('WebVTT from Microsoft Teams (meeting transcript download)', () => {
  // Teams marks speakers with voice spans `<v Name>…</v>`, cue identifiers `<guid>/<n>-<k>`, guests
  // as `Name (Guest)`, and entities like &amp;.
  it('reads voice spans, joins a speaker\'s cues and keeps each cue\'s time', async () => {
    const d = await load('XY02 follow-up (Teams).vtt');
    checkInvariants(d);
    expect(timeline(d)).toEqual([
      ['Maria Keller', 3520, 9200],
      ['XY02 (Guest)', 10_040, 15_900],
      ['Maria Keller', 16_300, 21_480],
      ['XY02 (Guest)', 22_010, 29_950],
    ]);
    expect(d.cues.map((c) => [c.startMs, c.endMs])).toEqual([
      [3520, 7110],
      [7110, 9200],
      [10_040, 15_900],
      [16_300, 21_480],
      [22_010, 29_950],
    ]);
    expect(turnText(d, 1)).toBe("XY02 (Guest): Yes, I can hear you fine. It's a bit early for me, but that's okay.");
    expect(turnText(d, 3)).toBe('XY02 (Guest): They got shorter & more focused after the pilot.');
    expect(d.participantMatch).toMatchObject({ id: 'XY02', source: 'file name' });
  });

  it('finds the ID from a guest speaker label when the file name has none', async () => {
    const d = await extractDocument('Meeting transcript.vtt', fixture('XY02 follow-up (Teams).vtt'));
    expect(d.participantMatch).toEqual({ id: 'XY02', source: 'speaker label', evidence: 'XY02' });
  });
});

describe('Microsoft Teams Word transcript (.docx download): `Name   m:ss` lines, guests marked (Guest)', () => {
  it('reads name-and-time paragraphs, parentheses in names included', async () => {
    const paragraphs = [
      'Maria Keller   0:03',
      'Good morning, can you hear me all right? We are recording now.',
      'XY02 (Guest)   0:10',
      "Yes, I can hear you fine. It's a bit early for me, but that's okay.",
      'Maria Keller   0:16',
      "Let's pick up where we left off: the handover meetings.",
    ];
    const doc = new Document({ sections: [{ children: paragraphs.map((p) => new Paragraph({ children: [new TextRun(p)] })) }] });
    const d = await extractDocument('Follow-up meeting.docx', new Uint8Array(await Packer.toBuffer(doc)));
    checkInvariants(d);
    expect(timeline(d)).toEqual([
      ['Maria Keller', 3000, 10_000],
      ['XY02 (Guest)', 10_000, 16_000],
      ['Maria Keller', 16_000, null],
    ]);
    expect(d.participantMatch).toEqual({ id: 'XY02', source: 'speaker label', evidence: 'XY02' });
  });
});

describe('SRT (SubRip, as Descript, Premiere and YouTube export captions; CRLF line ends)', () => {
  it('reads NAME: prefixes, continues a turn through unlabelled cues, keeps cue times', async () => {
    const d = await load('focus-P07.srt');
    checkInvariants(d);
    expect(timeline(d)).toEqual([
      ['INTERVIEWER', 500, 3200],
      ['P07', 3200, 9750], // cue 3 has no label: it continues P07's turn
      ['INTERVIEWER', 10_100, 12_400],
      ['P07', 12_900, 62_050],
    ]);
    expect(d.cues).toHaveLength(5);
    expect(timeAtOffset(d, d.text.indexOf('Nobody knew'))).toBe(6000);
    expect(d.participantMatch).toMatchObject({ id: 'P07', source: 'file name' });
  });

  it('drops SubStation override tags that subtitle editors leave in .srt cues', async () => {
    const srt = '1\n00:00:01,000 --> 00:00:02,000\n{\\an8}Moderator: <i>Welcome</i> back.\n\n2\n00:00:02,000 --> 00:00:03,000\nP2: {\\i1}Thanks{\\i0}.';
    const d = await extractDocument('s.srt', new TextEncoder().encode(srt));
    expect(d.text).toBe('Moderator: Welcome back.\n\nP2: Thanks.');
    expect(timeline(d)).toEqual([
      ['Moderator', 1000, 2000],
      ['P2', 2000, 3000],
    ]);
  });
});

describe('Otter.ai export (txt): `Name  m:ss` on its own line, then the statement', () => {
  // Otter's .txt, .docx and .pdf exports all write the speaker and the time on one line and the
  // paragraph below it; unnamed speakers are "Speaker 2"; the file ends "Transcribed by https://otter.ai".
  // Issue 12: such files gave 0 turns.
  it('reads speaker + time lines; a speaker\'s consecutive paragraphs are one turn with two cues', async () => {
    const d = await load('Otter ID05 clinic interview.txt');
    checkInvariants(d);
    expect(timeline(d)).toEqual([
      ['Jane Doe', 0, 7000],
      ['Speaker 2', 7000, 19_000],
      ['Jane Doe', 19_000, 25_000],
      ['Speaker 2', 25_000, 62_000], // 0:25 and 0:41 paragraphs; ends when Jane speaks at 1:02
      ['Jane Doe', 62_000, null], // the last turn's end is not in the file
    ]);
    expect(d.cues.map((c) => c.startMs)).toEqual([0, 7000, 19_000, 25_000, 41_000, 62_000]);
    expect(turnText(d, 0)).toBe("Jane Doe  0:00\nSo the first thing I'd like to ask about is your role in the clinic.");
    expect(timeAtOffset(d, d.text.indexOf('Which, to be fair'))).toBe(41_000);
    expect(d.participantMatch).toMatchObject({ id: 'ID05', source: 'file name' });
  });

  it('reads the same shape from a Word export (.docx, one paragraph per line)', async () => {
    const lines = readFileSync(path.join(dir, 'Otter ID05 clinic interview.txt'), 'utf8').split('\n').filter((l) => l.trim() !== '');
    const doc = new Document({
      sections: [
        {
          // Otter's Word export sets the speaker and time line in bold, then the paragraph.
          children: lines.map((l) => new Paragraph({ children: [new TextRun({ text: l, bold: /\d:\d\d$/.test(l) })] })),
        },
      ],
    });
    const d = await extractDocument('clinic interview ID05.docx', new Uint8Array(await Packer.toBuffer(doc)));
    checkInvariants(d);
    expect(timeline(d)).toEqual([
      ['Jane Doe', 0, 7000],
      ['Speaker 2', 7000, 19_000],
      ['Jane Doe', 19_000, 25_000],
      ['Speaker 2', 25_000, 62_000],
      ['Jane Doe', 62_000, null],
    ]);
    expect(d.cues).toHaveLength(6);
    expect(d.participant).toBe('ID05');
    expect(d.encoding).toBeNull();
  });
});

describe("Zoom's saved transcript (meeting_saved_closed_caption.txt: `[Name] hh:mm:ss` lines)", () => {
  it('keeps every line\'s time (issue 12: turns right, every time dropped) and merges one speaker\'s lines', async () => {
    const d = await load('meeting_saved_closed_caption.txt');
    checkInvariants(d);
    // Zoom writes the clock time of day (14:03:22 = 50 602 000 ms after midnight), kept as written.
    expect(timeline(d)).toEqual([
      ['Ana Ruiz', 50_602_000, 50_611_000],
      ['RS12', 50_611_000, 50_620_000],
      ['Ana Ruiz', 50_620_000, 50_624_000],
      ['RS12', 50_624_000, null],
    ]);
    expect(d.cues.map((c) => c.startMs)).toEqual([50_602_000, 50_605_000, 50_611_000, 50_620_000, 50_624_000]);
    expect(turnText(d, 0)).toBe("[Ana Ruiz] 14:03:22\nCan everyone hear me?\n[Ana Ruiz] 14:03:25\nGreat, let's begin with introductions.");
    expect(d.participantMatch).toEqual({ id: 'RS12', source: 'speaker label', evidence: 'RS12' });
  });
});

describe("Zoom's saved chat (meeting_saved_chat.txt: `hh:mm:ss From Name to Everyone:` then the message)", () => {
  it('reads each message as a timed cue of its sender, one sender\'s messages one turn', async () => {
    const d = await load('meeting_saved_chat.txt');
    checkInvariants(d);
    expect(timeline(d)).toEqual([
      ['Ana Ruiz', 50_712_000, 50_740_000],
      ['TK07', 50_740_000, 50_762_000],
      ['Ana Ruiz', 50_762_000, 50_835_000],
      ['TK07', 50_835_000, null], // 14:07:15 and 14:07:30: one turn of two messages
    ]);
    expect(d.cues).toHaveLength(5);
    expect(d.participantMatch).toEqual({ id: 'TK07', source: 'speaker label', evidence: 'TK07' });
    // The older form, `hh:mm:ss From  Name : message`, on one line.
    const old = '10:01:02\t From  Jane Doe : hello all\n10:01:09\t From  P12 : hi';
    expect(timeline(await extractDocument('chat.txt', new TextEncoder().encode(old)))).toEqual([
      ['Jane Doe', 36_062_000, 36_069_000],
      ['P12', 36_069_000, null],
    ]);
  });
});

describe('Rev, Temi, Trint, Descript and Sonix text exports', () => {
  it('Rev/Temi: `Name (hh:mm:ss):` with the statement on the next line', async () => {
    const d = await load('Rev transcript KL03.txt');
    checkInvariants(d);
    expect(timeline(d)).toEqual([
      ['Interviewer', 2000, 9000],
      ['Karen Lee', 9000, 75_000],
      ['Interviewer', 75_000, 79_000],
      ['Karen Lee', 79_000, null],
    ]);
    expect(d.participantMatch).toMatchObject({ id: 'KL03', source: 'file name' });
  });

  it('Temi/Rev short form `Speaker 1 (00:04):` and the name and time without a colon', async () => {
    const text = 'Speaker 1 (00:00):\nThanks for coming.\n\nSpeaker 2 (00:04):\nNo problem.\n\nSpeaker 1 (01:10):\nBye.';
    const d = await extractDocument('temi.txt', new TextEncoder().encode(text));
    expect(timeline(d)).toEqual([
      ['Speaker 1', 0, 4000],
      ['Speaker 2', 4000, 70_000],
      ['Speaker 1', 70_000, null],
    ]);
  });

  it('Descript/Trint: `[hh:mm:ss] Name: text`, the header line above the first time dropped', async () => {
    const d = await load('Descript export.txt');
    checkInvariants(d);
    expect(timeline(d)).toEqual([
      ['Tom Baker', 0, 6000],
      ['Priya Nair', 6000, 14_000],
      ['Tom Baker', 14_000, 17_000],
      ['Priya Nair', 17_000, null],
    ]);
    expect(d.text.slice(0, d.turns[0].start)).toBe('Programme evaluation, recorded 3 March 2024.\n\n');
    expect(d.participantMatch).toEqual({
      id: 'GH21',
      source: 'first turn',
      evidence: "Okay, we're live with GH21. Can you tell me how you first heard about the programme?",
    });
  });

  it('Sonix: `Name: [hh:mm:ss] text`', async () => {
    const d = await load('Sonix export.txt');
    checkInvariants(d);
    expect(timeline(d)).toEqual([
      ['Interviewer', 1000, 5000],
      ['Respondent', 5000, 11_000],
      ['Interviewer', 11_000, 13_000],
      ['Respondent', 13_000, null],
    ]);
    expect(d.participant).toBeNull();
  });
});

describe('interviewer/respondent conventions (untimed)', () => {
  it('I: / R: with a header above, continuation lines inside the turn', async () => {
    const d = await load('ID14 interview I-R.txt');
    expect(timeline(d)).toEqual([
      ['I', null, null],
      ['R', null, null],
      ['I', null, null],
      ['R', null, null],
    ]);
    expect(turnText(d, 3)).toBe('R: Then the handover. It used to take forty minutes.\nIt takes fifteen now.');
    expect(d.cues).toEqual([]);
    expect(d.participantMatch).toMatchObject({ id: 'ID14', source: 'file name' });
  });

  it('Q: / A:', async () => {
    const d = await load('QA session P22.txt');
    expect(d.turns.map((t) => t.speaker)).toEqual(['Q', 'A', 'Q', 'A']);
    expect(d.participantMatch).toMatchObject({ id: 'P22', source: 'file name' });
  });

  it('INT: / RESP:, the ID named on a speakers line', async () => {
    const d = await load('INT-RESP transcript.txt');
    expect(d.turns.map((t) => t.speaker)).toEqual(['INT', 'RESP', 'INT', 'RESP']);
    // "Speakers:" is a header, not a speaker.
    expect(d.text.slice(0, d.turns[0].start)).toBe('Speakers: INT (interviewer), RESP (participant MN04)\n\n');
    expect(d.participantMatch).toEqual({ id: 'MN04', source: 'speakers line', evidence: 'Speakers: INT (interviewer), RESP (participant MN04)' });
  });
});

describe('noScribe (HTML, its default output)', () => {
  // The shape noScribe.py writes (kaixxx/noScribe): a title and a grey info paragraph, then one
  // paragraph per speaker turn, each segment in `<a name="ts_<start>_<end>_<speaker>">`.
  const html = (body: string) =>
    `<html><head><meta charset="UTF-8" /><meta name="audio_source" content="/Users/ana/interview_ID21.mp3" /></head><body><div><p style="font-weight: 600">interview_ID21</p><p><span>Transcribed with noScribe vers. 0.6.2<br />Audio file: /Users/ana/interview_ID21.mp3</span></p><p></p>${body}</div></body></html>`;
  const body =
    '<p><a name="ts_0_3200_S00" >S00: Thanks for joining today.</a><a name="ts_3200_6100_S00" > Could you tell me about your role?</a></p>' +
    '<p><a name="ts_6900_9400_S01" >S01: Sure. I work as a nurse.</a><a name="ts_11800_15000_S01" > On the night shift.</a></p>' +
    '<p><a name="ts_19500_21000_S00" >S00: Thank you.</a></p>';

  it("times each turn from its segments' anchors and leaves nothing of them in the text", async () => {
    const d = await extractDocument('ID21 noScribe.html', new TextEncoder().encode(html(body)));
    checkInvariants(d);
    expect(d.text).toBe(
      'interview_ID21\n\nTranscribed with noScribe vers. 0.6.2\nAudio file: /Users/ana/interview_ID21.mp3\n\n' +
        'S00: Thanks for joining today. Could you tell me about your role?\n\nS01: Sure. I work as a nurse. On the night shift.\n\nS00: Thank you.',
    );
    expect(timeline(d)).toEqual([
      ['S00', 0, 6_900],
      ['S01', 6_900, 19_500],
      ['S00', 19_500, null],
    ]);
    expect(d.participantMatch).toMatchObject({ id: 'ID21', source: 'file name' });
  });

  it('a page that already holds the stand-in character, or has no anchors, keeps its text untimed', async () => {
    const odd = await extractDocument('odd.html', new TextEncoder().encode(html(body.replace('Thank you.', 'Thank you \uE000.'))));
    expect(odd.text).toContain('Thank you \uE000.');
    expect(timeline(odd).map((t) => t[1])).toEqual([null, null, null]);
    const plain = await extractDocument('plain.html', new TextEncoder().encode('<p>Interviewer: Hello.</p><p>ID21: Hi.</p>'));
    expect(timeline(plain)).toEqual([
      ['Interviewer', null, null],
      ['ID21', null, null],
    ]);
  });
});

describe('a transcript kept in a Word table', () => {
  it('reads Time | Speaker | Text rows, the header row left out', async () => {
    // As transcription services deliver it; the speaker is named once per row and the first row is a header.
    const row = (...cells: string[]) => new TableRow({ children: cells.map((c) => new TableCell({ children: [new Paragraph(c)] })) });
    const doc = new Document({
      sections: [
        {
          children: [
            new Paragraph('Interview ID41, ward 3'),
            new Table({
              rows: [
                row('Time', 'Speaker', 'Text'),
                row('00:00:04', 'Interviewer', 'Thanks for joining today.'),
                row('00:00:09', 'ID41', 'Sure. I work as a nurse.'),
                row('00:00:15', 'Interviewer', 'How long have you done that?'),
              ],
            }),
          ],
        },
      ],
    });
    const d = await extractDocument('ID41 table.docx', new Uint8Array(await Packer.toBuffer(doc)));
    checkInvariants(d);
    expect(timeline(d)).toEqual([
      ['Interviewer', 4_000, 9_000],
      ['ID41', 9_000, 15_000],
      ['Interviewer', 15_000, null],
    ]);
    // Word puts each cell's text in a paragraph of its own: the time line, the speaker under it, the statement.
    expect(turnText(d, 1)).toBe('00:00:09\n\nID41\n\nSure. I work as a nurse.');
  });
});

describe('numbered transcripts (line numbers printed before each line)', () => {
  it('a text file loses its line numbers and keeps its turns', async () => {
    const numbered = '1   I: How did the rollout go in your\n2   team?\n3   B1: It went well once the software\n4   fitted our locality.\n5   I: And the staff?\n6   B1: They adapted.\n';
    const d = await extractDocument('ID45 numbered.txt', new TextEncoder().encode(numbered));
    expect(d.text).toBe('I: How did the rollout go in your\nteam?\nB1: It went well once the software\nfitted our locality.\nI: And the staff?\nB1: They adapted.');
    expect(d.turns.map((t) => t.speaker)).toEqual(['I', 'B1', 'I', 'B1']);
    // The summary says the text differs from the file.
    expect(d.warnings).toEqual(['ID45 numbered.txt: its printed line numbers were taken out of the text']);
  });
});
