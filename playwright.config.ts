// End-to-end tests: the real workbench in Debian's Chromium, against browser mode (`npm run serve`).
import { defineConfig } from '@playwright/test';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PORT = Number(process.env.ACCORD_E2E_PORT ?? 5873);
// One folder for everything a run writes (the server's state, each spec's projects and files). The
// runner makes it and removes it as it exits; its workers inherit the variable and use the same one.
if (!process.env.ACCORD_E2E_TMP) {
  const runDir = mkdtempSync(join(tmpdir(), 'accord-e2e-run-'));
  process.env.ACCORD_E2E_TMP = runDir;
  process.on('exit', () => rmSync(runDir, { recursive: true, force: true, maxRetries: 3 }));
}
const stateDir = join(process.env.ACCORD_E2E_TMP, 'state');
mkdirSync(stateDir, { recursive: true });

export default defineConfig({
  testDir: 'test/e2e',
  timeout: 60_000,
  workers: 1,
  retries: 0,
  reporter: process.env.CI ? 'list' : 'list',
  use: {
    baseURL: `http://127.0.0.1:${PORT}/`,
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-dev-shm-usage',
      ],
    },
    trace: 'off',
  },
  webServer: {
    command: `node scripts/serve.mjs --port ${PORT}`,
    url: `http://127.0.0.1:${PORT}/health`,
    reuseExistingServer: false,
    timeout: 180_000,
    // The page opens and creates projects only inside the root: the specs' temp folders live in tmpdir().
    env: { ACCORD_STATE_DIR: stateDir, ACCORD_ROOT: tmpdir() },
    stdout: 'pipe',
  },
});
