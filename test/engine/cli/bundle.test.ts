// The installed command runs the bundle in dist/cli/: rebuilt when a source changed, quiet when the
// reader of its output goes away (`accord … | head -1`).
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { REPO } from '../../helpers/shared-dir';
import { newProject, tempDir } from '../../helpers/temp';

const BIN = join(REPO, 'bin/accord.mjs');

describe('the bundled command line', () => {
  it('is rebuilt once when a source file is newer than the bundle, then runs without rebuilding', () => {
    spawnSync(process.execPath, [BIN, '--version'], { encoding: 'utf8' });
    const manifest = JSON.parse(readFileSync(join(REPO, 'dist/cli/inputs.json'), 'utf8')) as { time: number; inputs: string[] };
    expect(manifest.inputs).toContain('electron/cli/main.ts');
    expect(manifest.inputs).toContain('electron/engine/engine.ts');
    // No TypeScript is loaded at run time: the inputs are bundled, tsx is not among them.
    expect(manifest.inputs.some((p) => p.includes('tsx'))).toBe(false);
    const usage = join(REPO, 'electron/cli/usage.ts');
    const now = new Date();
    utimesSync(usage, now, now);
    const first = spawnSync(process.execPath, [BIN, '--version'], { encoding: 'utf8' });
    expect(first.stderr).toBe('accord: sources changed, rebuilding the command line…\n');
    expect(first.stdout).toMatch(/^accord \d+\.\d+\.\d+\n$/);
    const second = spawnSync(process.execPath, [BIN, '--version'], { encoding: 'utf8' });
    expect(second).toMatchObject({ status: 0, stderr: '' });
  }, 60_000);

  it('stops quietly when its output is closed (EPIPE): no stack trace, exit 0', async () => {
    const child = spawn(process.execPath, [BIN, '--help'], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy();
    let err = '';
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    const code = await new Promise<number | null>((ok) => child.on('close', ok));
    expect(err).toBe('');
    expect(code).toBe(0);
  });

  it('a small command starts without node:crypto, the stream machinery or the CSV and file readers', async () => {
    const dir = tempDir();
    (await newProject(dir, 'small.accord', 'Ana')).close();
    spawnSync(process.execPath, [BIN, '--version']);
    // The built-in modules `accord info` loaded beyond what Node loads for any script.
    const listed = (prelude: string): { out: string; modules: string[] } => {
      const script = `${prelude}
        process.getBuiltinModule('node:fs').writeSync(2, JSON.stringify(process.moduleLoadList));`;
      const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
      expect(r.status).toBe(0);
      return { out: r.stdout, modules: (JSON.parse(r.stderr) as string[]).map((m) => m.replace(/^NativeModule /, '')) };
    };
    const bare = new Set(listed('').modules);
    const info = listed(`
      const { main } = await import(${JSON.stringify(pathToFileURL(join(REPO, 'dist/cli/accord.mjs')).href)});
      await main(['info', ${JSON.stringify(join(dir, 'small.accord'))}]);`);
    expect(info.out).toBe('small: 0 documents, 0 participants, 0 codes, 0 codings, 1 coder\n');
    const extra = info.modules.filter((m) => !bare.has(m));
    expect(extra.filter((m) => /^(crypto|internal\/crypto\/|stream|internal\/streams\/|internal\/fs\/streams|net|tty)/.test(m))).toEqual([]);
  });
});
