// A long report shows how far it is and can be cancelled: the agreement dashboard of a project with
// 900 transcripts and 450,000 codings (written straight into the file, as the benchmarks do) shows
// "n of 900 documents" with a bar while the engine works, and Cancel stops it.
import { expect, test } from '@playwright/test';
import Database from 'better-sqlite3';
import { tmpdir } from 'node:os';
import { relative } from 'node:path';
import { fillCorpus } from '../../bench/corpus-db';
import { createProject, tempProjectPath } from './helpers';

test('the agreement report shows its progress and can be cancelled', async ({ page }) => {
  test.setTimeout(120_000);
  const path = tempProjectPath('large.accord');
  await createProject(page, path, 'Lead');
  await page.getByRole('button', { name: 'Close project' }).click();
  await expect(page.getByTestId('start-screen')).toBeVisible();
  const db = new Database(path);
  fillCorpus(db, { documents: 900, length: 20_000, coders: 4, codes: 60, parents: 6, codings: 450_000 });
  db.close();

  await page.getByTestId('project-path').fill(relative(tmpdir(), path));
  await page.getByTestId('project-open').click();
  await expect(page.getByTestId('project-name')).toBeVisible();
  const dialog = page.getByTestId('coder-select');
  const chip = page.getByTestId('current-coder').filter({ hasText: 'Coding as' });
  await expect(dialog.or(chip).first()).toBeVisible();
  if (await dialog.isVisible()) {
    await page.getByTestId('coder-name').fill('Lead');
    await page.getByTestId('coder-submit').click();
  }

  // A slow network for the first report, so that it is still arriving when Cancel is clicked
  // however fast this machine computes it.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: 20_000, uploadThroughput: -1 });
  await page.getByTestId('view-agreement').click();
  const line = page.getByTestId('report-progress');
  await expect(page.getByTestId('report-progress-count')).toHaveText(/^[\d,]+ of 900 documents$/);
  await page.getByTestId('report-progress-cancel').click();
  await expect(line).toBeHidden();
  await expect(page.getByTestId('agreement-problem')).toContainText('cancelled');

  // Another selection computes again, counting the documents up to the report. Cancelling ended only
  // the report engine, so this report may take well under a second: every count the page shows is
  // recorded as it is drawn, rather than looked for while it is on screen.
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { counts: string[] }).counts = seen;
    new MutationObserver(() => {
      const text = document.querySelector('[data-testid="report-progress-count"]')?.textContent;
      if (text && seen.at(-1) !== text) seen.push(text);
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  await page.getByTestId('agreement-scope').selectOption('all');
  await expect(page.getByTestId('agreement-row').first()).toBeVisible({ timeout: 60_000 });
  await expect(line).toBeHidden();
  const counts = await page.evaluate(() => (window as unknown as { counts: string[] }).counts);
  expect(counts.filter((c) => /^[\d,]+ of 900 documents$/.test(c)).length, counts.join(' | ')).toBeGreaterThan(0);
  await expect(page.getByTestId('agreement-problem')).toHaveCount(0);
  await page.screenshot({ path: 'test-results/report-progress.png' });
});
