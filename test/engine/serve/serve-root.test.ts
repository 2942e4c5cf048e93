// The folder browser mode opens and creates projects in. `npm start` (falling back to the browser where
// Electron cannot run) and `npm run serve` run inside Accord's own checkout, and rooted there a
// project would sit in the program's folder and go with it when that is deleted or cleaned to update
// Accord. Started there, the root is an Accord folder in the home folder; elsewhere, the folder given,
// the project's, or the one serve was started from, as before.
import { spawn } from 'node:child_process';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { serveRoot } from '../../../electron/serve/main';
import { REPO } from '../../helpers/shared-dir';
import { tempDir } from '../../helpers/temp';

describe('the folder browser mode serves', () => {
  const home = '/home/ana';
  const checkout = '/opt/accord';

  it('is the Accord folder in the home folder when started in the checkout or below it', () => {
    expect(serveRoot({ here: '/opt/accord', checkout, home })).toBe('/home/ana/Accord');
    expect(serveRoot({ here: '/opt/accord/', checkout, home })).toBe('/home/ana/Accord');
    expect(serveRoot({ here: '/opt/accord/dist', checkout, home })).toBe('/home/ana/Accord');
  });

  it('is where serve was started anywhere else, the project’s folder, or the folder given', () => {
    expect(serveRoot({ here: '/home/ana/study', checkout, home })).toBe('/home/ana/study');
    // A sibling whose name starts like the checkout's is not inside it.
    expect(serveRoot({ here: '/opt/accord-projects', checkout, home })).toBe('/opt/accord-projects');
    expect(serveRoot({ here: '/opt/accord', project: '/home/ana/study/study.accord', checkout, home })).toBe('/home/ana/study');
    expect(serveRoot({ here: '/opt/accord', root: '/srv/projects', checkout, home })).toBe('/srv/projects');
  });

  it('`accord serve` started in the checkout says it serves ~/Accord, makes it, and names projects left behind', async () => {
    const home = tempDir();
    // A project made in the checkout by an earlier Accord (git-ignored; removed below).
    const left = `left-behind-${process.pid}.accord`;
    writeFileSync(join(REPO, left), '');
    // A page to serve, so the test needs no built workbench.
    const page = tempDir();
    writeFileSync(join(page, 'index.html'), '<!doctype html><title>Accord</title>');
    const child = spawn(process.execPath, [join(REPO, 'bin/accord.mjs'), 'serve', '--port', '0', '--static', page], {
      cwd: REPO,
      env: { ...process.env, HOME: home, INIT_CWD: REPO, ACCORD_ROOT: '', ACCORD_STATE_DIR: join(home, 'state') },
    });
    try {
      const said = await new Promise<{ folder: string; out: string }>((ok, fail) => {
        let out = '';
        const timer = setTimeout(() => fail(new Error(`no folder named: ${out}`)), 50_000);
        const read = (c: Buffer) => {
          out += c.toString();
          const m = /Projects are opened and created in (.+) \(paths relative to it\)/.exec(out);
          if (m) {
            clearTimeout(timer);
            ok({ folder: m[1], out });
          }
        };
        child.stdout.on('data', read);
        child.stderr.on('data', read);
        child.on('exit', (code) => fail(new Error(`serve exited (${code}): ${out}`)));
      });
      expect(said.folder).toBe(join(home, 'Accord'));
      expect(existsSync(join(home, 'Accord'))).toBe(true);
      expect(said.out).toContain(`A project is in Accord's own folder (${left}), which an update may replace: move it (with any .media folder beside it) into ${join(home, 'Accord')} to open it here.`);
    } finally {
      child.kill();
      rmSync(join(REPO, left), { force: true });
    }
  }, 60_000);
});
