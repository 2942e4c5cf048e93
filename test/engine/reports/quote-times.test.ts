// Issue #12: a quote from a timed transcript can be cited with where it is spoken ("ID21, 0:02"):
// in the themes view's quotes, Supplemental Table 2 and co-occurrence evidence.
import { describe, expect, it } from 'vitest';
import { b64, newProject, tempDir } from '../../helpers/temp';

// Microsoft Teams WebVTT: `<v Name>` voice spans, one turn per cue with its start time.
const TEAMS = 'WEBVTT\n\n00:00:00.000 --> 00:00:02.000\n<v Interviewer>How did the rollout go?</v>\n\n00:12:03.000 --> 00:12:09.000\n<v ID21>It went well once the software fitted our locality.</v>\n';
const PHRASE = 'the software fitted our locality';

describe('quote timestamps (issue #12)', async () => {
  const e = await newProject(tempDir('accord-quote-times-'));
  const doc = (await e.call('documents:import', { fileName: 'ID21 interview.vtt', dataBase64: b64(TEAMS) })).document;
  const text = (await e.call('documents:get', { id: doc.id })).text;
  const a = await e.call('codebook:create', { parentId: null, label: '10a', name: 'Adaptation', definition: '' });
  const b = await e.call('codebook:create', { parentId: null, label: '30a', name: 'Leadership', definition: '' });
  const start = text.indexOf(PHRASE);
  const [coding] = await e.call('codings:apply', { documentId: doc.id, codeIds: [a.id, b.id], start, end: start + PHRASE.length });
  const theme = await e.call('themes:create', { name: 'Making it fit' });
  await e.call('themes:addQuote', { themeId: theme.id, codingId: coding.id });
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
