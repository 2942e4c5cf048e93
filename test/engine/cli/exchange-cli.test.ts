// The `accord` commands of the exchange namespace: import of REFI-QDA files (creating the project when
// new), `export --format qdpx|qdc`, and their usage errors.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../../electron/engine/engine';
import { tempDir } from '../../helpers/temp';
import { accord, buildStudy } from '../exchange/fixtures';
import { refiDir, xmllint } from '../refi/helpers';

const dir = tempDir('accord-exchange-cli-');
const study = join(dir, 'study.accord');

describe('accord import / export with REFI-QDA', () => {
  beforeAll(async () => {
    const e = new Engine({ stateDir: null });
    await e.call('project:create', { path: study });
    await buildStudy(e);
    e.close();
  });

  it('exports a .qdpx and a .qdc, and imports the .qdpx into a new project with a --json report', async () => {
    const qdpx = join(dir, 'study.qdpx');
    const ex = await accord('export', study, '--format', 'qdpx', '--offsets', 'utf16', '-o', qdpx);
    expect(ex).toMatchObject({ code: 0, err: '' });
    expect(ex.out).toBe(`Wrote ${qdpx}: 3 users, 5 codes, 2 text sources, 7 codings, 4 notes, 2 cases; offsets in UTF-16 code units\n`);
    const files = unzipSync(new Uint8Array(readFileSync(qdpx)));
    expect(Object.keys(files).filter((f) => f.startsWith('sources/'))).toHaveLength(2);
    if (existsSync(refiDir)) expect(xmllint(strFromU8(files['project.qde']), join(refiDir, 'Project.xsd')).ok).toBe(true);

    const qdc = join(dir, 'study.qdc');
    expect((await accord('export', study, '--format', 'qdc', '-o', qdc)).out).toBe(`Wrote ${qdc}: 5 codes\n`);
    expect(readFileSync(qdc, 'utf8')).toContain('<CodeBook xmlns="urn:QDA-XML:codebook:1.0"');

    const fresh = join(dir, 'fresh.accord');
    const imp = await accord('import', fresh, qdpx, '--json');
    expect(imp.code).toBe(0);
    const r = JSON.parse(imp.out);
    expect(r).toMatchObject({ users: 3, codes: 5, sources: 2, codings: 7, notes: 4, offset_unit: 'utf16', skipped: [] });
    expect(Object.keys(r)).toEqual(expect.arrayContaining(['users', 'codes', 'sources', 'codings', 'notes', 'offset_unit', 'skipped']));
    expect(JSON.parse((await accord('info', fresh, '--json')).out)).toEqual({ documents: 2, participants: 2, codes: 5, codings: 7, coders: 3 });

    // Text report into the existing project: nothing new, and it says why the offsets were read so.
    const text = await accord('import', fresh, qdpx);
    expect(text.out).toContain('Imported study.qdpx (written by Accord (offsets in UTF-16 code units)): 3 users, 5 codes, 2 text sources, 7 codings, 4 notes, 2 cases\n');
    expect(text.out).toContain('  new in the project: 0 coders, 0 codes, 0 documents, 0 codings, 0 memos, 0 participants, 0 attributes\n');
    expect(text.out).toMatch(/ {2}offsets read as UTF-16 code units, CRLF counted as 2: .*origin/);

    const book = join(dir, 'book.accord');
    const codebook = await accord('import', book, qdc);
    expect(codebook.out).toContain('Imported the codebook study.qdc (written by Accord): 5 codes, 5 new\n');
    expect(JSON.parse((await accord('info', book, '--json')).out)).toMatchObject({ documents: 0, codes: 5, codings: 0 });
  });

  it('usage errors exit 2 with one line', async () => {
    expect(await accord('export', study, '--format', 'qdpx')).toMatchObject({ code: 2, err: 'accord export: -o FILE is required\n' });
    const offsets = await accord('export', study, '--format', 'qdpx', '--offsets', 'bytes', '-o', join(dir, 'x.qdpx'));
    expect(offsets).toMatchObject({ code: 2, err: 'accord export: --offsets is codepoint or utf16, not "bytes"\n' });
    // --format is case-insensitive, and --table goes to the reports namespace's export.
    expect((await accord('export', study, '--format', 'QDC', '-o', join(dir, 'upper.qdc'))).code).toBe(0);
    const table = await accord('export', study, '--table', 'codebook', '--format', 'qdc');
    expect(table.code).toBe(2);
    expect(table.err).toMatch(/^accord export: .*"qdc"\n$/);
    const txt = join(dir, 'note.txt');
    writeFileSync(txt, 'hello');
    const mixed = await accord('import', study, join(dir, 'study.qdpx'), txt);
    expect(mixed.code).toBe(2);
    expect(mixed.err).toBe('accord import: import REFI-QDA files (.qdpx .qde .qdc) on their own, not with note.txt\n');
  });
});
