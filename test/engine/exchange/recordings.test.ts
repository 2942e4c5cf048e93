// Issue #12: a transcript carries its recording. The file is copied into NAME.media/ beside the
// project, which stores a relative path and a SHA-256; a moved or replaced file is reported and can be
// relinked; bytes that are not the format their name says are refused naming the file; browser mode
// serves the file (with ranges, for seeking) only with the session's secret.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startServer } from '../../../electron/serve/server';
import { accord } from '../../helpers/cli';
import { b64, newProject, tempDir } from '../../helpers/temp';
import { makeWav } from '../../helpers/wav';

const dir = tempDir('accord-recordings-');
const VTT = 'WEBVTT\n\n00:00:00.000 --> 00:00:01.500\nInterviewer: How did the rollout go?\n\n00:00:01.500 --> 00:00:03.000\nID21: It went well in the end.\n';

describe('recordings (issue #12)', async () => {
  const engine = await newProject(dir, 'study.accord');
  const doc = (await engine.call('documents:import', { fileName: 'ID21 interview.vtt', dataBase64: b64(VTT) })).document;
  const wav = makeWav(3000);
  const hash = createHash('sha256').update(wav).digest('hex');

  it('links a WAV: copied into study.media/, relative path, hash and duration kept', async () => {
    const r = await engine.call('recordings:link', { documentId: doc.id, fileName: 'ID21 interview.wav', dataBase64: Buffer.from(wav).toString('base64') });
    expect(r).toMatchObject({ kind: 'audio', mime: 'audio/wav', fileName: 'ID21 interview.wav', size: wav.length, sha256: hash, durationMs: 3000, status: 'ok' });
    expect(r.path).toBe(`study.media/${doc.id}-ID21 interview.wav`);
    expect(r.file).toBe(join(dir, r.path));
    expect(createHash('sha256').update(readFileSync(r.file)).digest('hex')).toBe(hash);
    expect(await engine.call('recordings:list', {})).toEqual([r]);
  });

  it('reports a moved file as missing and a replaced one as changed; linking again fixes it', async () => {
    const r = (await engine.call('recordings:get', { documentId: doc.id }))!;
    renameSync(r.file, `${r.file}.moved`);
    expect((await engine.call('recordings:get', { documentId: doc.id }))!.status).toBe('missing');
    writeFileSync(r.file, 'other bytes');
    expect((await engine.call('recordings:get', { documentId: doc.id }))!.status).toBe('changed');
    const elsewhere = join(dir, 'moved.wav');
    renameSync(`${r.file}.moved`, elsewhere);
    const relinked = await engine.call('recordings:link', { documentId: doc.id, fileName: 'moved.wav', path: elsewhere });
    expect(relinked).toMatchObject({ status: 'ok', sha256: hash, fileName: 'moved.wav' });
    expect(relinked.path).not.toBe(r.path);
  });

  it.each([
    ['an MP3 name on text', 'notes.mp3', 'not really audio, just text here', /notes\.mp3: not a MP3 file/],
    ['a WAV name on a zip', 'ID21.wav', 'PK\u0003\u0004 and more bytes here', /ID21\.wav: not a WAV file/],
    ['a format Accord does not play', 'ID21.flac', 'fLaC........', /ID21\.flac: not a recording Accord plays \(use mp3, m4a, wav, ogg, mp4, webm\)/],
  ])('refuses %s, naming the file, and changes nothing', async (_what, fileName, content, message) => {
    const before = await engine.call('recordings:get', { documentId: doc.id });
    const r = await engine.invoke('recordings:link', { documentId: doc.id, fileName, dataBase64: b64(content) });
    expect(r).toMatchObject({ ok: false, error: { code: 'BAD_FILE' } });
    expect(JSON.stringify(r)).toMatch(message);
    expect(await engine.call('recordings:get', { documentId: doc.id })).toEqual(before);
  });

  it('browser mode serves the recording with the secret only, whole or by range', async () => {
    const server = await startServer({ engine, staticDir: join(dir, 'none'), port: 0, token: 'sekret-token-1234' });
    afterAll(() => server.close());
    const url = `http://127.0.0.1:${server.port}/media/${doc.id}`;
    expect((await fetch(url)).status).toBe(403);
    expect((await fetch(`${url}?token=wrong`)).status).toBe(403);
    const whole = await fetch(`${url}?token=sekret-token-1234`);
    expect(whole.status).toBe(200);
    expect(whole.headers.get('content-type')).toBe('audio/wav');
    expect(new Uint8Array(await whole.arrayBuffer())).toEqual(wav);
    const part = await fetch(`${url}?token=sekret-token-1234`, { headers: { Range: 'bytes=40-47' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 40-47/${wav.length}`);
    expect(new Uint8Array(await part.arrayBuffer())).toEqual(wav.subarray(40, 48));
    expect((await fetch(`http://127.0.0.1:${server.port}/media/9999?token=sekret-token-1234`)).status).toBe(404);
  });

  it('accord recordings links and lists from the command line', async () => {
    engine.close();
    const file = join(dir, 'cli.wav');
    writeFileSync(file, makeWav(1000));
    const r = await accord('recordings', 'link', join(dir, 'study.accord'), '--document', 'ID21 interview', file);
    expect(r.err).toBe('');
    expect(r.out).toMatch(/^Linked cli\.wav to ID21 interview \(audio, 0:01\): study\.media\/\d+-cli\.wav\n/);
    const list = await accord('recordings', join(dir, 'study.accord'));
    expect(list.out).toMatch(/ID21 interview\tcli\.wav\taudio\tok\tstudy\.media\/\d+-cli\.wav/);
    expect(existsSync(join(dir, 'study.media'))).toBe(true);
  });
});

describe('recordings in REFI-QDA (issue #12)', async () => {
  const { existsSync: has } = await import('node:fs');
  const { strFromU8, unzipSync } = await import('fflate');
  const { refiDir, xmllint } = await import('../refi/helpers');
  const TEAMS = 'WEBVTT\n\n00:00:00.000 --> 00:00:02.000\n<v Interviewer>How did the rollout go? 😀</v>\n\n00:00:02.000 --> 00:00:04.000\n<v ID21>It went well in the end.</v>\n';

  it.each(['codepoint', 'utf16'] as const)('export writes an AudioSource with the transcript and its sync points; import links it again (%s)', async (offsets) => {
    const a = await newProject(dir, `av-${offsets}.accord`);
    const doc = (await a.call('documents:import', { fileName: 'ID21 interview.vtt', dataBase64: b64(TEAMS) })).document;
    const wav = makeWav(4000);
    await a.call('recordings:link', { documentId: doc.id, fileName: 'ID21.wav', dataBase64: Buffer.from(wav).toString('base64') });
    const turns = (await a.call('documents:get', { id: doc.id })).turns;
    expect(turns.map((t) => t.startMs)).toEqual([0, 2000]);

    const out = await a.call('exchange:export', { format: 'qdpx', offsets });
    const files = unzipSync(new Uint8Array(Buffer.from(out.dataBase64, 'base64')));
    const qde = strFromU8(files['project.qde']);
    const source = /<TextSource guid="([^"]+)"/.exec(qde)![1];
    const audio = new RegExp(`<AudioSource guid="([^"]+)" name="ID21.wav" path="internal://\\1.wav">\\s*<Transcript guid="[^"]+" name="ID21 interview" plainTextPath="internal://${source}.txt">`).exec(qde);
    expect(audio).not.toBeNull();
    // The second turn starts after an emoji: one position earlier in code points than in UTF-16 units.
    const second = turns[1].start - (offsets === 'codepoint' ? 1 : 0);
    expect(qde).toMatch(new RegExp(`<SyncPoint guid="[^"]+" timeStamp="0" position="0"/>\\s*<SyncPoint guid="[^"]+" timeStamp="2000" position="${second}"/>`));
    expect(files[`sources/${audio![1]}.wav`]).toEqual(wav);
    const xsd = `${refiDir}/Project.xsd`;
    if (has(xsd)) expect(xmllint(qde, xsd)).toMatchObject({ ok: true });

    const b = await newProject(dir, `av-${offsets}-back.accord`);
    const r = await b.call('exchange:import', { fileName: out.fileName, dataBase64: out.dataBase64 });
    expect(r.recordings).toBe(1);
    expect(r.skipped).toEqual([]);
    const back = (await b.call('documents:list', {}))[0];
    const rec = (await b.call('recordings:get', { documentId: back.id }))!;
    expect(rec).toMatchObject({ status: 'ok', sha256: createHash('sha256').update(wav).digest('hex'), fileName: 'ID21.wav', durationMs: 4000 });
    // The REFI document has no speaker turns of its own: the sync points give it timed turns.
    const backTurns = (await b.call('documents:get', { id: back.id })).turns;
    expect(backTurns.map((t) => [t.speaker, t.start, t.startMs])).toEqual([
      ['Interviewer', 0, 0],
      ['ID21', turns[1].start, 2000],
    ]);
  });
});

describe('recordings imported beside their transcripts (issue #12)', () => {
  it('accord import links ID21.wav to the transcript ID21 imported with it, and names a recording with no transcript', async () => {
    const d = tempDir('accord-beside-');
    writeFileSync(join(d, 'ID21.vtt'), VTT);
    writeFileSync(join(d, 'ID21.wav'), makeWav(1000));
    writeFileSync(join(d, 'ID99.wav'), makeWav(500));
    await accord('init', join(d, 'p.accord'));
    const r = await accord('import', join(d, 'p.accord'), join(d, 'ID21.wav'), join(d, 'ID21.vtt'), join(d, 'ID99.wav'));
    expect(r.out).toMatch(/recording ID21\.wav linked to ID21: p\.media\/\d+-ID21\.wav\n/);
    expect(r.out).toMatch(/failed: ID99\.wav: no transcript named "ID99" to link this recording to/);
    expect(r.code).toBe(1);
    const list = await accord('recordings', join(d, 'p.accord'));
    expect(list.out).toMatch(/^ID21\tID21\.wav\taudio\tok\tp\.media\/\d+-ID21\.wav\n$/);
  });
});

describe('a recording of a transcript written in clock times (Zoom saved transcript)', async () => {
  // Zoom's "Save transcript" writes each line's clock time, not its time into the recording.
  const ZOOM = '[Ana Ruiz] 14:05:12\nThanks for joining. How did the rollout go?\n[ID21] 14:05:20\nIt went well once the software fitted our locality.\n[Ana Ruiz] 14:07:30\nAnd the staff?\n';
  const clock = (h: number, m: number, s: number) => ((h * 60 + m) * 60 + s) * 1000;
  const d = tempDir('accord-clock-');
  const engine = await newProject(d, 'zoom.accord');
  const zoom = (await engine.call('documents:import', { fileName: 'ID21 zoom.txt', dataBase64: b64(ZOOM) })).document;
  const vtt = (await engine.call('documents:import', { fileName: 'ID22 interview.vtt', dataBase64: b64(VTT.replace('ID21', 'ID22')) })).document;
  const wav = Buffer.from(makeWav(200_000, 100)).toString('base64');

  it('starts the recording at the first line, whose clock time is past the end of a 3:20 WAV', async () => {
    expect((await engine.call('documents:get', { id: zoom.id })).turns.map((t) => [t.speaker, t.startMs])).toEqual([
      ['Ana Ruiz', clock(14, 5, 12)],
      ['ID21', clock(14, 5, 20)],
      ['Ana Ruiz', clock(14, 7, 30)],
    ]);
    const r = await engine.call('recordings:link', { documentId: zoom.id, fileName: 'ID21 zoom.wav', dataBase64: wav });
    expect(r).toMatchObject({ durationMs: 200_000, startsAtMs: clock(14, 5, 12) });
    // A transcript timed from the recording's start keeps 0.
    expect(await engine.call('recordings:link', { documentId: vtt.id, fileName: 'ID22.wav', dataBase64: wav })).toMatchObject({ startsAtMs: 0 });
  });

  it('is corrected with recordings:sync, kept on relink, and undone like any change', async () => {
    const r = await engine.call('recordings:sync', { documentId: zoom.id, startsAtMs: clock(14, 4, 50) });
    expect(r.startsAtMs).toBe(clock(14, 4, 50));
    expect((await engine.call('recordings:link', { documentId: zoom.id, fileName: 'again.wav', dataBase64: wav })).startsAtMs).toBe(clock(14, 4, 50));
    await engine.call('history:undo', {});
    await engine.call('history:undo', {});
    expect((await engine.call('recordings:get', { documentId: zoom.id }))!.startsAtMs).toBe(clock(14, 5, 12));
    await engine.call('history:redo', {});
    expect((await engine.call('recordings:get', { documentId: zoom.id }))!.startsAtMs).toBe(clock(14, 4, 50));
    const bad = await engine.invoke('recordings:sync', { documentId: zoom.id, startsAtMs: -1 });
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('an MP3, whose length the engine does not read, counts a first time an hour or more in as a clock time', async () => {
    const mp3 = Buffer.from('ID3\u0004\u0000\u0000\u0000\u0000\u0000\u0000 and the frames').toString('base64');
    const three = (await engine.call('documents:import', { fileName: 'ID23 zoom.txt', dataBase64: b64(ZOOM.replaceAll('[ID21]', '[ID23]')) })).document;
    expect(await engine.call('recordings:link', { documentId: three.id, fileName: 'ID23.mp3', dataBase64: mp3 })).toMatchObject({ durationMs: null, startsAtMs: clock(14, 5, 12) });
  });

  it('REFI-QDA export writes sync points as times into the recording, dropping lines spoken before it', async () => {
    const { strFromU8, unzipSync } = await import('fflate');
    const out = await engine.call('exchange:export', { format: 'qdpx' });
    const qde = strFromU8(unzipSync(new Uint8Array(Buffer.from(out.dataBase64, 'base64')))['project.qde']);
    const transcript = /<Transcript guid="[^"]+" name="ID21 zoom"[^>]*>([\s\S]*?)<\/Transcript>/.exec(qde)![1];
    // Starting at 14:04:50: 14:05:12 is 22 s in, 14:05:20 30 s, 14:07:30 2:40.
    expect([...transcript.matchAll(/timeStamp="(\d+)"/g)].map((m) => Number(m[1]))).toEqual([22_000, 30_000, 160_000]);
    await engine.call('recordings:sync', { documentId: zoom.id, startsAtMs: clock(14, 5, 15) });
    const later = strFromU8(unzipSync(new Uint8Array(Buffer.from((await engine.call('exchange:export', { format: 'qdpx' })).dataBase64, 'base64')))['project.qde']);
    const points = /<Transcript guid="[^"]+" name="ID21 zoom"[^>]*>([\s\S]*?)<\/Transcript>/.exec(later)![1];
    expect([...points.matchAll(/timeStamp="(\d+)"/g)].map((m) => Number(m[1]))).toEqual([5_000, 135_000]);
  });

  it('accord says so when it links one, and accord recordings sync corrects it', async () => {
    engine.close();
    const project = join(d, 'zoom.accord');
    const file = join(d, 'ID24 zoom.wav');
    writeFileSync(join(d, 'ID24 zoom.txt'), ZOOM.replaceAll('[ID21]', '[ID24]'));
    writeFileSync(file, makeWav(2000));
    const r = await accord('import', project, join(d, 'ID24 zoom.txt'), file);
    expect(r.err).toBe('');
    expect(r.out).toMatch(/recording ID24 zoom\.wav linked to ID24 zoom: zoom\.media\/\d+-ID24 zoom\.wav; the transcript's times are clock times, taken to start the recording at 14:05:12 \(correct it with accord recordings sync\)\n/);
    const synced = await accord('recordings', 'sync', project, '--document', 'ID24 zoom', '14:04:58');
    expect(synced).toMatchObject({ code: 0, err: '', out: "The recording of ID24 zoom starts at 14:04:58 of its transcript's times\n" });
    const json = JSON.parse((await accord('recordings', project, '--json')).out) as { fileName: string; startsAtMs: number }[];
    expect(json.find((x) => x.fileName === 'ID24 zoom.wav')!.startsAtMs).toBe(clock(14, 4, 58));
    const wrong = await accord('recordings', 'sync', project, '--document', 'ID24 zoom', 'ten past two');
    expect(wrong.code).toBe(2);
    expect(wrong.err).toMatch(/give the transcript time the recording starts at, h:mm:ss or m:ss/);
  });
});
