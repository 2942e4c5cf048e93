// Issue #12, end to end: opening a damaged project from the start screen says so by name and offers
// to recover what can be read into a new project, which then opens; the damaged file is unchanged.
import { expect, test } from '@playwright/test';
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { relative } from 'node:path';
import { apiCall, createProject, tempProjectPath } from './helpers';

const sha = (p: string): string => createHash('sha256').update(readFileSync(p)).digest('hex');

test('a damaged project is refused by name and recovered into a new one', async ({ page }) => {
  const path = tempProjectPath('damaged.accord');
  await createProject(page, path);
  const words = Array.from({ length: 3000 }, (_, i) => `word${i}`).join(' ');
  for (const n of [1, 2, 3, 4, 5, 6]) {
    await apiCall(page, 'documents:import', { fileName: `ID0${n} interview.txt`, dataBase64: Buffer.from(`${words} ${n}`).toString('base64') });
  }
  await page.getByRole('button', { name: 'Close project' }).click();
  await expect(page.getByTestId('start-screen')).toBeVisible();

  // Garbage over one leaf page of the documents table (found through SQLite's dbstat).
  const db = new Database(path, { readonly: true });
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  const leaves = db.prepare("SELECT pageno FROM dbstat WHERE name = 'documents' AND pagetype = 'leaf' ORDER BY pageno").all() as { pageno: number }[];
  db.close();
  const fd = openSync(path, 'r+');
  writeSync(fd, Buffer.alloc(pageSize, 0xa5), 0, pageSize, (leaves[Math.floor(leaves.length / 2)].pageno - 1) * pageSize);
  closeSync(fd);
  const before = sha(path);

  // Browser mode takes paths relative to the folder the server was started for.
  const rel = relative(tmpdir(), path);
  await page.getByTestId('project-path').fill(rel);
  await page.getByTestId('project-open').click();
  const panel = page.getByTestId('recover-panel');
  await expect(panel).toContainText('damaged.accord: the project file is damaged');
  await expect(page.getByTestId('recover-path')).toHaveValue(rel.replace(/\.accord$/, '-recovered.accord'));
  await page.screenshot({ path: 'test-results/recover.png' });
  await page.getByTestId('recover-run').click();
  await expect(page.getByTestId('project-name')).toContainText('damaged-recovered');
  const items = page.getByTestId('document-item');
  await expect.poll(() => items.count()).toBeGreaterThan(0);
  expect(await items.count()).toBeLessThan(6);
  expect(sha(path)).toBe(before);
});
