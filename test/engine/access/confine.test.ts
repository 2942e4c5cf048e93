// Confinement (issue 11): in browser and team mode the host sets a root, and the page can create or
// open files only inside it — relative paths, no `..`, no absolute paths, no symlinks out.
import { existsSync, mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Engine } from '../../../electron/engine/engine';
import { allPathFields } from '../../../electron/engine/confine';
import { tempDir } from '../../helpers/temp';

const base = tempDir();
const root = join(base, 'served');
const outside = join(base, 'outside');
mkdirSync(root);
mkdirSync(outside);
symlinkSync(outside, join(root, 'out'));
symlinkSync(join(outside, 'nothing-yet.accord'), join(root, 'dangling.accord'));

describe('paths are confined to the root the host sets', () => {
  const engine = new Engine({ stateDir: join(base, 'state'), root });

  it('every path-taking channel of the contract is confined', () => {
    expect([...allPathFields().entries()].map(([m, f]) => `${m}.${f.map((x) => x.key + (x.many ? '[]' : '')).join(',')}`).sort()).toEqual([
      'exchange:merge.sources[]',
      'project:create.path',
      'project:open.path',
      'project:openDemo.path',
      'project:recover.path,to',
      'recordings:link.path',
    ]);
  });

  it('creates and opens projects by paths relative to the root', async () => {
    mkdirSync(join(root, 'studies'));
    const info = await engine.call('project:create', { path: 'studies/one.accord' });
    expect(info.path).toBe(join(root, 'studies', 'one.accord'));
    await engine.call('project:close', {});
    expect((await engine.call('project:open', { path: './studies/one.accord' })).name).toBe('one');
    expect(await engine.call('project:recent', {})).toEqual(['studies/one.accord']);
  });

  for (const [label, path] of [
    ['an absolute path', join(outside, 'abs.accord')],
    ['a Windows absolute path', 'C:\\Users\\x\\abs.accord'],
    ['a path climbing out with ..', '../outside/up.accord'],
    ['.. in the middle', 'studies/../../outside/mid.accord'],
    ['a symlink to a folder outside', 'out/through-link.accord'],
    ['a dangling symlink pointing outside', 'dangling.accord'],
  ] as const) {
    it(`refuses ${label} and creates nothing`, async () => {
      await expect(engine.call('project:create', { path })).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(engine.call('project:open', { path })).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(engine.call('project:openDemo', { path })).rejects.toMatchObject({ code: 'FORBIDDEN' });
      expect(existsSync(join(outside, 'abs.accord')) || existsSync(join(outside, 'nothing-yet.accord')) || existsSync(join(outside, 'through-link.accord'))).toBe(false);
    });
  }

  it('refuses to merge a file from outside the root', async () => {
    await engine.call('project:open', { path: 'studies/one.accord' });
    await expect(engine.call('exchange:merge', { sources: ['/etc/passwd'] })).rejects.toThrow(/\/etc\/passwd: an absolute path is not allowed; paths are relative to the folder Accord was started for/);
    engine.close();
  });

  it('without a root (desktop dialogs, the CLI) absolute paths are used as given', async () => {
    const free = new Engine({ stateDir: null });
    const info = await free.call('project:create', { path: join(outside, 'free.accord') });
    expect(info.path).toBe(join(outside, 'free.accord'));
    free.close();
  });
});
