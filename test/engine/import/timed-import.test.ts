// Timed transcripts through the contract (issue 12): documents:import reports what it found (turns,
// speakers, cues, time span, participant ID and where, encoding, warnings); documents:get returns
// turns with times and the cues; the project's ID pattern and its participants' IDs steer
// detection; decoding problems are warned about or refused without changing the project.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Engine } from '../../../electron/engine/engine';
import { citeQuote } from '../../../shared/text/times';
import { newProject, tempDir } from '../../helpers/temp';

const dir = tempDir();
const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/transcripts');
const b64 = (bytes: Uint8Array | string) => Buffer.from(bytes).toString('base64');
const importFixture = (engine: Engine, name: string) =>
  engine.call('documents:import', { fileName: name, dataBase64: b64(readFileSync(path.join(fixtures, name))) });

function snapshot(engine: Engine) {
  const n = (sql: string) => (engine.current.db.prepare(sql).get() as { n: number }).n;
  return {
    info: engine.info(),
    batches: n('SELECT count(*) AS n FROM change_batches'),
    audit: n('SELECT count(*) AS n FROM audit_log'),
    cues: n('SELECT count(*) AS n FROM cues'),
    turns: n('SELECT count(*) AS n FROM turns'),
    settings: n('SELECT count(*) AS n FROM import_settings'),
  };
}

describe('a timed transcript through the contract', () => {
  it('stores turns with start and end times and every cue; documents:get returns them; quotes cite their time', async () => {
    const engine = await newProject(dir, 'timed.accord');
    const r = await importFixture(engine, 'GMT20240312-140233_Recording.transcript.vtt');
    expect(r).toMatchObject({
      turns: 5,
      participant: 'ABC01',
      participantFound: { source: 'first turn' },
      speakers: ['Ana Ruiz-Gómez (SL)', "Siobhán O'Neill"],
      cues: 8,
      timeSpan: { startMs: 1350, endMs: 40_000 },
      pages: 0,
      encoding: 'utf-8',
      warnings: [],
      skipped: null,
    });
    const doc = await engine.call('documents:get', { id: r.document.id });
    expect(doc.participant).toBe('ABC01');
    expect(doc.durationMs).toBe(40_000);
    expect(doc.turns.map((t) => [t.startMs, t.endMs])).toEqual([
      [1350, 8400],
      [9010, 19_300],
      [20_000, 24_520],
      [25_100, 36_050],
      [36_500, 40_000],
    ]);
    expect(doc.cues).toHaveLength(8);
    expect(doc.cues[6]).toEqual({ start: doc.text.indexOf('But the training'), end: doc.text.indexOf(' everything.') + 12, startMs: 31_760, endMs: 36_050 });
    expect(citeQuote(doc.participant ?? doc.name, doc, doc.text.indexOf('But the training'))).toBe('ABC01, 00:00:31');

    // Deleting the document removes its cues through the change log, and undo brings them back.
    await engine.call('documents:delete', { id: r.document.id });
    expect((engine.current.db.prepare('SELECT count(*) AS n FROM cues').get() as { n: number }).n).toBe(0);
    await engine.call('history:undo', {});
    expect((await engine.call('documents:get', { id: r.document.id })).cues).toEqual(doc.cues);
  });

  it('an untimed document has no cues and no time span', async () => {
    const engine = await newProject(dir, 'untimed.accord');
    const r = await importFixture(engine, 'ID14 interview I-R.txt');
    expect(r).toMatchObject({ turns: 4, cues: 0, timeSpan: null, participant: 'ID14', participantFound: { source: 'file name', evidence: 'ID14 interview I-R.txt' } });
    const doc = await engine.call('documents:get', { id: r.document.id });
    expect(doc.cues).toEqual([]);
    expect(doc.durationMs).toBeNull();
  });
});

describe("the project's participant-ID pattern and known participants", () => {
  it('uses a set pattern for later imports, refuses a broken one unchanged, and can go back to the built-in ones', async () => {
    const engine = await newProject(dir, 'pattern.accord');
    expect(await engine.call('documents:importSettings', {})).toEqual({ idPattern: null });
    const text = 'Interviewer: Welcome.\nRespondent: Thanks.';
    const one = await engine.call('documents:import', { fileName: 'CH014 and ABC01.txt', dataBase64: b64(text) });
    expect(one.participant).toBeNull(); // two built-in IDs in the name: ambiguous

    expect(await engine.call('documents:setImportSettings', { idPattern: String.raw`CH\d{3}` })).toEqual({ idPattern: String.raw`CH\d{3}` });
    const two = await engine.call('documents:import', { fileName: 'CH014 and ABC01 (2).txt', dataBase64: b64(text + ' ') , duplicates: 'import' });
    expect(two).toMatchObject({ participant: 'CH014', participantFound: { source: 'file name' } });

    const before = snapshot(engine);
    const bad = await engine.invoke('documents:setImportSettings', { idPattern: 'CH(' });
    expect(bad.ok).toBe(false);
    expect((bad as { error: { code: string; message: string } }).error).toMatchObject({ code: 'INVALID_INPUT' });
    expect((bad as { error: { message: string } }).error.message).toMatch(/^the ID pattern is not a valid regular expression .*: CH\($/);
    expect(snapshot(engine)).toEqual(before);

    expect(await engine.call('documents:setImportSettings', { idPattern: null })).toEqual({ idPattern: null });
  });

  it("finds IDs already in the participants table, even when they fit no pattern", async () => {
    const engine = await newProject(dir, 'known.accord');
    await engine.call('documents:import', { fileName: 'first.txt', dataBase64: b64('Participant: P1\nI: hi') });
    engine.current.db.prepare("INSERT INTO participants (pid, created_at) VALUES ('Rosa-Casa', 'now')").run();
    const r = await engine.call('documents:import', { fileName: 'visit rosa-casa.txt', dataBase64: b64('I: Good to see you again.\nR: Likewise.') });
    expect(r).toMatchObject({ participant: 'Rosa-Casa', participantFound: { source: 'file name', evidence: 'visit rosa-casa.txt' } });
    const list = await engine.call('participants:list', {});
    expect(list.map((p) => p.pid).sort()).toEqual(['P1', 'Rosa-Casa']); // no second, differently spelled participant
  });
});

describe('decoding (issue 12: one bad byte made a whole UTF-8 file Windows-1252)', () => {
  it('reads a UTF-8 file with one bad byte as UTF-8 with U+FFFD and a warning naming the line', async () => {
    const engine = await newProject(dir, 'decode.accord');
    const bytes = Buffer.concat([
      Buffer.from('Interviewer: Was the café open?\nID09: Yes, the café was open', 'utf8'),
      Buffer.from([0xe9]), // a lone Latin-1 "é": not UTF-8
      Buffer.from(' all week.\n', 'utf8'),
    ]);
    const r = await engine.call('documents:import', { fileName: 'ID09 café.txt', dataBase64: b64(bytes) });
    expect(r.encoding).toBe('utf-8');
    expect(r.warnings).toEqual(['ID09 café.txt: has a byte that is not valid UTF-8 on line 2; read as UTF-8 with \ufffd in its place']);
    const doc = await engine.call('documents:get', { id: r.document.id });
    expect(doc.text).toBe('Interviewer: Was the café open?\nID09: Yes, the café was open\ufffd all week.');
  });

  it('reads a file with no valid UTF-8 at all as Windows-1252 and says so', async () => {
    const engine = await newProject(dir, 'cp1252.accord');
    const r = await engine.call('documents:import', { fileName: 'old.txt', dataBase64: b64(new Uint8Array([0x49, 0x3a, 0x20, 0x63, 0x61, 0x66, 0xe9, 0x20, 0x80])) });
    expect(r.encoding).toBe('windows-1252');
    expect(r.warnings).toEqual(['old.txt: is not valid UTF-8; read as Windows-1252 (Western European)']);
    expect((await engine.call('documents:get', { id: r.document.id })).text).toBe('I: café €');
  });

  it('refuses undecodable UTF-16 with the file named, leaving the project unchanged', async () => {
    const engine = await newProject(dir, 'utf16.accord');
    await engine.call('documents:import', { fileName: 'ok.txt', dataBase64: b64('I: fine') });
    const before = snapshot(engine);
    // A BOM, then "A" and a lone high surrogate (D800) followed by "B": not valid UTF-16.
    const r = await engine.invoke('documents:import', { fileName: 'broken16.txt', dataBase64: b64(new Uint8Array([0xff, 0xfe, 0x41, 0x00, 0x00, 0xd8, 0x42, 0x00])) });
    expect(r).toEqual({ ok: false, error: { code: 'BAD_FILE', message: 'broken16.txt: is not valid UTF-16LE text' } });
    expect(snapshot(engine)).toEqual(before);
  });
});

describe("merging a coder's copy", () => {
  it('brings a transcript imported in the copy over with its cues', async () => {
    const lead = await newProject(dir, 'merge-lead.accord', 'Lead');
    await lead.call('documents:import', { fileName: 'ID01.txt', dataBase64: b64('I: hello\nID01: hi') });
    const copyPath = path.join(dir, 'merge-copy.accord');
    await lead.current.db.backup(copyPath);
    const { Engine } = await import('../../../electron/engine/engine');
    const coder = new Engine({ stateDir: null });
    await coder.call('project:open', { path: copyPath });
    await coder.call('coders:select', { name: 'Ana' });
    await importFixture(coder, 'XY02 follow-up (Teams).vtt');
    coder.close();

    await lead.call('exchange:merge', { sources: [copyPath], backup: false });
    const doc = (await lead.call('documents:list', {})).find((d) => d.name === 'XY02 follow-up (Teams)')!;
    const full = await lead.call('documents:get', { id: doc.id });
    expect(full.cues.map((c) => c.startMs)).toEqual([3520, 7110, 10_040, 16_300, 22_010]);
    expect(full.turns[0]).toMatchObject({ startMs: 3520, endMs: 9200 });
  });
});

describe('an f4transkript transcript (time marks ending each paragraph)', () => {
  // Dresing & Pehl's rules: I: the interviewer, B1: the interviewee, `#hh:mm:ss-t#` where each
  // paragraph ends. B1's first turn has two paragraphs, each with its mark.
  const F4 = [
    'I: Wie hat die Einführung der Software in Ihrem Team funktioniert? #00:00:05-2#',
    '',
    'B1: Am Anfang gar nicht. (lacht) Wir mussten erst die Abläufe anpassen. #00:00:19-8#',
    '',
    'Dann ging es eigentlich ganz gut. #00:00:31-0#',
    '',
    'I: Wer hat das entschieden? #00:00:34-4#',
    '',
    'B1: Die Stationsleitung, zusammen mit dem Träger. #00:00:41-7#',
    '',
  ].join('\r\n');

  it('keeps the marks out of the text and times each turn from the mark before it', async () => {
    const engine = await newProject(dir, 'f4.accord');
    const r = await engine.call('documents:import', { fileName: 'B1 Interview.txt', dataBase64: b64(F4) });
    expect(r).toMatchObject({
      turns: 4,
      speakers: ['I', 'B1'],
      cues: 4,
      timeSpan: { startMs: 0, endMs: 41_700 },
      warnings: ["B1 Interview.txt: its 5 time marks (f4's #00:01:23-4#) were taken out of the text; they time the speaker turns"],
    });
    const doc = await engine.call('documents:get', { id: r.document.id });
    expect(doc.text).not.toContain('#');
    expect(doc.text).toBe(F4.replaceAll('\r\n', '\n').replace(/ #\d\d:\d\d:\d\d-\d#/g, '').trimEnd());
    // B1 starts where I's question ends (5.2 s); the next question where B1's second paragraph ends
    // (31.0 s), not its first (19.8 s); the last turn ends at the last mark (41.7 s).
    expect(doc.turns.map((t) => [t.speaker, t.startMs, t.endMs])).toEqual([
      ['I', 0, 5_200],
      ['B1', 5_200, 31_000],
      ['I', 31_000, 34_400],
      ['B1', 34_400, 41_700],
    ]);
    expect(doc.cues.map((c) => [c.start, c.startMs])).toEqual(doc.turns.map((t) => [t.start, t.startMs]));
    // A quote from B1's second paragraph cites the start of B1's turn.
    expect(citeQuote('B1', doc, doc.text.indexOf('Dann ging es'))).toBe('B1, 00:00:05');
  });
});
