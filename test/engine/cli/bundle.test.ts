// The installed command runs the bundle in dist/cli/: rebuilt when a source changed, quiet when the
// reader of its output goes away (`accord … | head -1`).
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from '../../helpers/shared-dir';

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
});
