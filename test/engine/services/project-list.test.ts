// The browser-mode project chooser (issue 14): the project files in the folder the server was started
// for, as paths project:open takes, newest first; symlinks, hidden folders and deep folders left out.
import { mkdirSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Engine } from '../../../electron/engine/engine';
import { tempDir } from '../../helpers/temp';

describe('project:list', () => {
  it('lists the folder\'s projects two levels deep, newest first, and nothing without a folder', async () => {
    const base = tempDir();
    const root = join(base, 'served');
    const outside = join(base, 'outside');
    for (const d of [root, outside, join(root, 'team'), join(root, 'team/archive'), join(root, 'team/archive/old'), join(root, '.hidden')]) mkdirSync(d, { recursive: true });
    const engine = new Engine({ stateDir: null, root });
    await engine.call('project:create', { path: 'pilot.accord' });
    await engine.call('project:close', {});
    await engine.call('project:create', { path: 'team/main.accord' });
    await engine.call('project:close', {});
    writeFileSync(join(root, 'team/archive/2024.accord'), '');
    writeFileSync(join(root, 'team/archive/old/too-deep.accord'), '');
    writeFileSync(join(root, '.hidden/secret.accord'), '');
    writeFileSync(join(root, 'notes.txt'), 'not a project');
    writeFileSync(join(outside, 'elsewhere.accord'), '');
    symlinkSync(outside, join(root, 'link'));
    utimesSync(join(root, 'pilot.accord'), new Date('2026-01-01'), new Date('2026-01-01'));
    utimesSync(join(root, 'team/archive/2024.accord'), new Date('2024-06-01'), new Date('2024-06-01'));
    const list = await engine.call('project:list', {});
    expect(list.map((f) => f.path)).toEqual(['team/main.accord', 'pilot.accord', 'team/archive/2024.accord']);
    expect(list[1]).toMatchObject({ modified: '2026-01-01T00:00:00.000Z' });
    expect((await engine.call('project:open', { path: list[1].path })).name).toBe('pilot');
    engine.close();

    const desktop = new Engine({ stateDir: null });
    expect(await desktop.call('project:list', {})).toEqual([]);
  });
});
