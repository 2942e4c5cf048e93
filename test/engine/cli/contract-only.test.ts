// The CLI is a host like the desktop IPC and HTTP (issue 11): every command goes through the contract
// (Engine.call), so input validation and access policies apply; no CLI module reaches around it.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { accord } from '../../helpers/cli';
import { b64, newProject, tempDir } from '../../helpers/temp';

const cliDir = fileURLToPath(new URL('../../../electron/cli/', import.meta.url));
const dir = tempDir();

describe('the CLI goes through the contract', () => {
  it('no CLI module imports a service, a handler, the session or the database, or reads the engine\'s session', () => {
    const offenders: string[] = [];
    for (const file of readdirSync(cliDir).filter((f) => f.endsWith('.ts'))) {
      const text = readFileSync(join(cliDir, file), 'utf8');
      if (/from '\.\.\/engine\/(services|handlers|db)\/|from '\.\.\/engine\/session'/.test(text)) offenders.push(`${file}: imports engine internals`);
      if (/\.engine\.current\b|\.engine\.info\(/.test(text)) offenders.push(`${file}: reads the engine's session`);
    }
    expect(offenders).toEqual([]);
  });

  it('commands find documents by name through the contract, and code as the named coder', async () => {
    const engine = await newProject(dir, 'cli-blind.accord', 'Ana');
    const doc = (await engine.call('documents:import', { fileName: 'ID1 interview.txt', dataBase64: b64('ID1: a b c d e f') })).document;
    const code = await engine.call('codebook:create', { parentId: null, label: '10', name: 'Features' });
    await engine.call('codings:apply', { documentId: doc.id, codeIds: [code.id], start: 5, end: 8 });
    await engine.call('agreement:setBlind', { blind: true });
    engine.close();
    const path = join(dir, 'cli-blind.accord');
    // Ben is not the lead and is blind: he may still code (codings:apply is his own data).
    expect((await accord('code', path, '--document', 'ID1 interview', '--code', '10', '--start', '9', '--end', '12', '--coder', 'Ben')).code).toBe(0);
    const listed = await accord('codings', path, '--document', 'ID1 interview', '--json');
    expect(JSON.parse(listed.out).map((r: { coder: string }) => r.coder)).toEqual(['Ana', 'Ben']);
    const missing = await accord('codings', path, '--document', 'ID9 interview');
    expect(missing).toMatchObject({ code: 1, err: 'accord codings: no document named "ID9 interview"\n' });
  });
});
