// `accord import` says per file what it found (turns, times, participant ID and where, encoding,
// warnings) and takes folders; `accord id-pattern` shows and sets the project's participant-ID pattern.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { accord } from '../../helpers/cli';
import { REPO } from '../../helpers/shared-dir';
import { tempDir } from '../../helpers/temp';

const dir = tempDir();
const fixture = (name: string) => resolve(REPO, 'test/fixtures/transcripts', name);

describe('accord import: the summary per file', () => {
  it('names turns, times, the participant ID with where it was found, the encoding and warnings', async () => {
    const project = join(dir, 'summary.accord');
    await accord('init', project);
    const bad = join(dir, 'ID09 café.txt');
    writeFileSync(bad, Buffer.concat([Buffer.from('I: Was the café open?\nID09: Yes, the café', 'utf8'), Buffer.from([0xe9, 0x0a])]));
    const r = await accord('import', project, fixture('GMT20240312-140233_Recording.transcript.vtt'), fixture('INT-RESP transcript.txt'), bad);
    expect(r.code).toBe(0);
    expect(r.out.split('\n')).toEqual([
      '[1/3] GMT20240312-140233_Recording.transcript: 568 characters, 5 turns (2 speakers), 8 timed cues 00:00:01–00:00:40, participant ABC01 (first turn: "…for the clinic study, and your participant code is ABC01."), UTF-8',
      '[2/3] INT-RESP transcript: 243 characters, 4 turns (2 speakers), participant MN04 (speakers line: "Speakers: INT (interviewer), RESP (participant MN04)"), UTF-8',
      // "I: Was the café open?" (21) + newline + "ID09: Yes, the café" (19) + U+FFFD = 42.
      '[3/3] ID09 café: 42 characters, 2 turns (2 speakers), participant ID09 (file name), UTF-8',
      '  warning: ID09 café.txt: has a byte that is not valid UTF-8 on line 2; read as UTF-8 with \ufffd in its place',
      'Imported 3, skipped 0, failed 0 of 3 files',
      '',
    ]);
  });
});

describe('accord id-pattern', () => {
  it('shows the built-in patterns, sets a pattern that later imports use, refuses a broken one', async () => {
    const project = join(dir, 'ids.accord');
    await accord('init', project);
    expect((await accord('id-pattern', project)).out).toMatch(/^Participant IDs: the built-in patterns/);
    expect(await accord('id-pattern', project, String.raw`CH\d{3}`)).toMatchObject({ code: 0, out: 'Participant IDs: CH\\d{3}, and IDs already in the participants table\n' });
    const file = join(dir, 'CH014 and ABC01.txt');
    writeFileSync(file, 'I: hello\nR: hi\n');
    expect((await accord('import', project, file)).out).toContain('participant CH014 (file name)');
    expect(await accord('id-pattern', project, 'CH(')).toMatchObject({
      code: 1,
      err: 'accord id-pattern: the ID pattern is not a valid regular expression (Unterminated group): CH(\n',
    });
    expect(JSON.parse((await accord('id-pattern', project, '--json')).out)).toEqual({ idPattern: String.raw`CH\d{3}` });
    expect(JSON.parse((await accord('id-pattern', project, '--builtin', '--json')).out)).toEqual({ idPattern: null });
  });
});

describe('accord import FOLDER', () => {
  it("imports a folder's files recursively in name order (ID2 before ID10), leaving hidden files out", async () => {
    const project = join(dir, 'folder.accord');
    await accord('init', project);
    const folder = join(dir, 'interviews');
    mkdirSync(join(folder, 'wave 2'), { recursive: true });
    writeFileSync(join(folder, 'ID10 interview.txt'), 'I: Hello?\nID10: Hello.\n');
    writeFileSync(join(folder, 'ID2 interview.txt'), 'I: How did it start?\nID2: Slowly.\n');
    writeFileSync(join(folder, '.DS_Store'), 'not a transcript');
    writeFileSync(join(folder, 'wave 2', 'ID31 interview.txt'), 'I: And then?\nID31: It grew.\n');
    const r = await accord('import', project, folder);
    expect(r.code).toBe(0);
    expect(r.out.split('\n').filter((l) => l.startsWith('[')).map((l) => l.replace(/:.*/, ''))).toEqual([
      '[1/3] ID2 interview',
      '[2/3] ID10 interview',
      '[3/3] ID31 interview',
    ]);
    expect(r.out).toContain('Imported 3, skipped 0, failed 0 of 3 files');
  });

  it('passes over the project kept in that folder, its media folder and its companions, and Windows files', async () => {
    // Teams keep the project beside the transcripts; importing the folder again must not fail on it.
    const folder = join(dir, 'study folder');
    mkdirSync(join(folder, 'study.media'), { recursive: true });
    const project = join(folder, 'study.accord');
    await accord('init', project);
    writeFileSync(join(folder, 'ID7 interview.txt'), 'I: How did it start?\nID7: Slowly.\n');
    writeFileSync(join(folder, 'study.accord-wal'), '');
    writeFileSync(join(folder, 'study.schema14-backup.accord'), 'an old copy');
    writeFileSync(join(folder, 'study.media', '3-ID7 interview.wav'), 'a copy of a recording');
    writeFileSync(join(folder, 'Thumbs.db'), 'thumbnails');
    const r = await accord('import', project, folder);
    expect(r).toMatchObject({ code: 0, err: '' });
    // "I: How did it start?" (20) + newline + "ID7: Slowly." (12) = 33 characters.
    expect(r.out).toBe('[1/1] ID7 interview: 33 characters, 2 turns (2 speakers), participant ID7 (file name), UTF-8\nImported 1, skipped 0, failed 0 of 1 files\n');
    // Named on its own, a project is still refused, saying what it is.
    const named = await accord('import', project, project);
    expect(named.code).toBe(1);
    expect(named.err).toMatch(/study\.accord: Accord can't read \.accord files; .* \(it is an Accord project: open it, or bring its work in with accord merge\)/);
  });
});
