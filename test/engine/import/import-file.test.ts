// documents:importFile: the engine reads a file by path (desktop and CLI), with the same result as
// sending its bytes; browser mode refuses it, and a missing file is named in a one-line error.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Engine } from '../../../electron/engine/engine';
import { b64, newProject, tempDir } from '../../helpers/temp';

const dir = tempDir();
const TEXT = 'Interviewer: What helped?\nID07: Weekly huddles with the district team.\n';

describe('documents:importFile', () => {
  it('imports a file by path exactly as documents:import imports its bytes', async () => {
    const engine = await newProject(dir);
    const file = join(dir, 'ID07 interview.txt');
    writeFileSync(file, TEXT);
    const byPath = await engine.call('documents:importFile', { path: file, group: 'Wave 1' });
    expect(byPath).toMatchObject({ turns: 2, participant: 'ID07', skipped: null });
    expect(byPath.document.name).toBe('ID07 interview');
    const doc = await engine.call('documents:get', { id: byPath.document.id });
    expect(doc.text).toBe(TEXT.trimEnd());
    // The same text sent as bytes is a duplicate of the file imported by path.
    const again = await engine.call('documents:import', { fileName: 'copy.txt', dataBase64: b64(TEXT) });
    expect(again.skipped).toBe('same text as "ID07 interview"');
    const renamed = await engine.call('documents:importFile', { path: file, fileName: 'ID07 second.txt', duplicates: 'import' });
    expect(renamed.document.name).toBe('ID07 second');
  });

  it('names a missing file, refuses a folder, and leaves the project as it was', async () => {
    const engine = await newProject(dir, 'errors.accord');
    await expect(engine.call('documents:importFile', { path: join(dir, 'nope.txt') })).rejects.toThrow('nope.txt: no such file');
    const folder = join(dir, 'folder.txt');
    mkdirSync(folder);
    await expect(engine.call('documents:importFile', { path: folder })).rejects.toThrow('folder.txt: is not a file');
    expect(await engine.call('documents:list', {})).toEqual([]);
  });

  it('is refused when the engine is hosted in browser mode', async () => {
    const engine = new Engine({ stateDir: null, host: 'browser' });
    await engine.call('project:create', { path: join(dir, 'browser.accord') });
    const file = join(dir, 'ID08 interview.txt');
    writeFileSync(file, TEXT.replace('ID07', 'ID08'));
    await expect(engine.call('documents:importFile', { path: file })).rejects.toThrow(/browser mode/);
    expect(await engine.call('documents:list', {})).toEqual([]);
    engine.close();
  });
});
