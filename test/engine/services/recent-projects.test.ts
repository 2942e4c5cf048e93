// The recent-projects list is the user's: a project opened to read from (a report beside the window's
// engine, a CLI listing) is not added to it, so the report engine never writes the list the main
// engine keeps.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Engine } from '../../../electron/engine/engine';
import { tempDir } from '../../helpers/temp';

describe('recent projects', () => {
  it('lists projects opened to work in, not those opened for reading only', async () => {
    const dir = tempDir();
    const state = join(dir, 'state');
    const main = new Engine({ stateDir: state });
    await main.call('project:create', { path: join(dir, 'a.accord') });
    await main.call('project:create', { path: join(dir, 'b.accord') });
    main.close();
    const reader = new Engine({ stateDir: state });
    await reader.call('project:open', { path: join(dir, 'a.accord'), readOnly: true });
    expect(await reader.call('project:recent', {})).toEqual([join(dir, 'b.accord'), join(dir, 'a.accord')]);
    await reader.call('project:open', { path: join(dir, 'a.accord') });
    expect(await reader.call('project:recent', {})).toEqual([join(dir, 'a.accord'), join(dir, 'b.accord')]);
    reader.close();
  });
});
