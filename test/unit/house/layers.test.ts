// The layering rule (eslint.config.js, `accord/layers`): each layer imports only what its allow-list
// names. Linted in memory, as if the snippets were files of each layer.
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { REPO } from '../../helpers/shared-dir';

const eslint = new ESLint({ cwd: REPO });

async function problems(file: string, code: string): Promise<string[]> {
  const [r] = await eslint.lintText(code, { filePath: join(REPO, file) });
  return r.messages.filter((m) => m.ruleId === 'accord/layers').map((m) => m.message);
}

describe('layering allow-lists', () => {
  it('keeps shared/ free of platform code and of other layers', async () => {
    expect(await problems('shared/stats/x.ts', "import { z } from 'zod';\nimport { a } from '../model/types';\nexport const q = [z, a];\n")).toEqual([]);
    expect(await problems('shared/stats/x.ts', "import fs from 'node:fs';\nexport const q = fs;\n")).toEqual(['shared (shared/) may import only zod, papaparse; not node:fs']);
    expect(await problems('shared/stats/x.ts', "import { Engine } from '../../electron/engine/engine';\nexport const q = Engine;\n")).toEqual([
      'shared (shared/) may import code only from shared/; not ../../electron/engine/engine',
    ]);
  });

  it('keeps the renderer off Node and the engine, and electron inside the shell', async () => {
    expect(await problems('renderer/app/x.ts', "export { api } from '../api';\nimport('d3');\n")).toEqual([]);
    expect((await problems('renderer/app/x.ts', "const m = import('../../electron/engine/engine');\nexport default m;\n"))[0]).toMatch(/^the renderer .* not \.\.\/\.\.\/electron\/engine\/engine$/);
    expect((await problems('electron/engine/x.ts', "import { app } from 'electron';\nexport default app;\n"))[0]).toMatch(/^the engine .* not electron$/);
    expect(await problems('electron/main/x.ts', "import { app } from 'electron';\nexport default app;\n")).toEqual([]);
    expect((await problems('electron/cli/x.ts', "import Database from 'better-sqlite3';\nexport default Database;\n"))[0]).toMatch(/^the CLI .* not better-sqlite3$/);
  });
});
