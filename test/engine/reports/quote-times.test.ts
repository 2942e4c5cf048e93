// Issue #12: a quote from a timed transcript can be cited with where it is spoken ("ID21, 0:02"):
// in the themes view's quotes, Supplemental Table 2 and co-occurrence evidence.
import { describe, expect, it } from 'vitest';
import { b64, newProject, tempDir } from '../../helpers/temp';

// Microsoft Teams WebVTT: `<v Name>` voice spans, one turn per cue with its start time.
const TEAMS = 'WEBVTT\n\n00:00:00.000 --> 00:00:02.000\n<v Interviewer>How did the rollout go?</v>\n\n00:12:03.000 --> 00:12:09.000\n<v ID21>It went well once the software fitted our locality.</v>\n';
const PHRASE = 'the software fitted our locality';

/**
 * A project with one transcript whose PHRASE is coded with 10a and 30a and quoted in a theme: the
 * quote the themes view, the quote table, the evidence and retrieval all cite.
 */
async function quotedPhrase(prefix: string, fileName: string, transcript: string) {
  const e = await newProject(tempDir(prefix));
  const doc = (await e.call('documents:import', { fileName, dataBase64: b64(transcript) })).document;
  const text = (await e.call('documents:get', { id: doc.id })).text;
  const a = await e.call('codebook:create', { parentId: null, label: '10a', name: 'Adaptation', definition: '' });
  const b = await e.call('codebook:create', { parentId: null, label: '30a', name: 'Leadership', definition: '' });
  const start = text.indexOf(PHRASE);
  const [coding] = await e.call('codings:apply', { documentId: doc.id, codeIds: [a.id, b.id], start, end: start + PHRASE.length });
  const theme = await e.call('themes:create', { name: 'Making it fit' });
  await e.call('themes:addQuote', { themeId: theme.id, codingId: coding.id });
  return { e, doc, a, b, theme };
}

describe('quote timestamps (issue #12)', async () => {
  const { e, a, b, theme } = await quotedPhrase('accord-quote-times-', 'ID21 interview.vtt', TEAMS);
  const untimed = (await e.call('documents:import', { fileName: 'ID22 notes.txt', dataBase64: b64('ID22: We never had the software.') })).document;
  const [plain] = await e.call('codings:apply', { documentId: untimed.id, codeIds: [a.id], start: 6, end: 31 });
  await e.call('themes:addQuote', { themeId: theme.id, codingId: plain.id });

  it('the themes view gives each quote its time, or null for an untimed transcript', async () => {
    const quotes = (await e.call('themes:list', {})).themes[0].quotes;
    expect(quotes.map((q) => [q.participant, q.timeMs])).toEqual([
      ['ID21', 723_000],
      ['ID22', null],
    ]);
  });

  it('Supplemental Table 2 cites the quote as "ID21, 12:03"', async () => {
    const table = await e.call('reports:table', { table: 'quotes' });
    const cell = JSON.stringify(table.rows);
    expect(cell).toContain(`${PHRASE} ID21, 12:03`);
    expect(cell).toContain('We never had the software ID22');
    expect(cell).not.toContain('ID22,');
  });

  it('co-occurrence evidence carries the time', async () => {
    const r = await e.call('intersections:evidence', { a: a.id, b: b.id });
    expect(r.quotes.map((q) => [q.participant, q.timeMs])).toEqual([['ID21', 723_000]]);
  });
});

describe('quote times of a transcript in clock times count from the interview, not the clock', async () => {
  // Zoom's saved transcript: clock times. The quoted answer is at 14:07:30 on the clock.
  const ZOOM = '[Ana Ruiz] 14:05:12\nHow did the rollout go?\n[ID23] 14:07:30\nIt went well once the software fitted our locality.\n';
  const { e, doc, a, b } = await quotedPhrase('accord-quote-clock-', 'ID23 zoom.txt', ZOOM);
  const times = async () => [
    (await e.call('themes:list', {})).themes[0].quotes[0].timeMs,
    (await e.call('intersections:evidence', { a: a.id, b: b.id })).quotes[0].timeMs,
    (await e.call('retrieval:run', { codeIds: [a.id] })).segments[0].timeMs,
  ];

  it('without a recording, from the first line: 14:07:30 − 14:05:12 = 2:18', async () => {
    expect(await times()).toEqual([138_000, 138_000, 138_000]);
    expect(JSON.stringify((await e.call('reports:table', { table: 'quotes' })).rows)).toContain(`${PHRASE} ID23, 2:18`);
  });

  it("with a recording, from the recording's start as synced: 14:07:30 − 14:04:50 = 2:40", async () => {
    const { makeWav } = await import('../../helpers/wav');
    await e.call('recordings:link', { documentId: doc.id, fileName: 'ID23 zoom.wav', dataBase64: Buffer.from(makeWav(1000)).toString('base64') });
    await e.call('recordings:sync', { documentId: doc.id, startsAtMs: ((14 * 60 + 4) * 60 + 50) * 1000 });
    expect(await times()).toEqual([160_000, 160_000, 160_000]);
  });
});
