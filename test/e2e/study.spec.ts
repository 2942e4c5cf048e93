// The demo study end to end: open it from the start screen, see Table 1 build itself from the
// participants, search across documents and follow a hit to its place in the transcript.
import { expect, test } from '@playwright/test';
import { createProject, openDemo, tempProjectPath } from './helpers';

test('open the demo study, read Table 1 and follow a search hit into the text', async ({ page }) => {
  await openDemo(page);

  await page.getByTestId('view-participants').click();
  const table = page.getByTestId('characteristics-table');
  // Curry et al. (BMJ Open 2022), Table 1: the demo's 26 participants carry the paper's distribution.
  await expect(table).toContainText('Participants (n=26)');
  for (const [value, n] of [['Male', '10'], ['Female', '16'], ['Clinician', '8'], ['Middle management', '12'], ['CCG leadership', '3'], ['Social care partner', '3']]) {
    await expect(table.locator('tr', { hasText: value }).first()).toContainText(n);
  }

  await page.getByTestId('view-search').click();
  await page.getByTestId('search-input').fill('"shared inbox"');
  await page.getByTestId('search-run').click();
  const hit = page.getByTestId('search-hit').first();
  await expect(hit).toContainText('shared inbox');
  await hit.click();
  await expect(page.getByTestId('document-view')).toBeVisible();
  await expect.poll(() => page.evaluate(() => document.getSelection()?.toString())).toBe('shared inbox');
});

test('a duplicate file is skipped, and can be imported anyway', async ({ page }) => {
  await createProject(page, tempProjectPath());
  const file = { name: 'ID21 interview.txt', mimeType: 'text/plain', buffer: Buffer.from('Interviewer: Hello.\nID21: Hello again.\n') };
  await page.getByTestId('documents-import-input').setInputFiles(file);
  await expect(page.getByTestId('import-summary')).toContainText('Imported 1 of 1 file');
  await page.getByTestId('documents-import-input').setInputFiles({ ...file, name: 'ID21 copy.txt' });
  await expect(page.getByTestId('import-skipped')).toContainText('ID21 copy.txt');
  await expect(page.getByTestId('document-item')).toHaveCount(1);
  await page.getByTestId('import-anyway').click();
  await expect(page.getByTestId('document-item')).toHaveCount(2);
  await expect(page.getByTestId('document-list')).toContainText('ID21 copy');
});

test('a transcript is renamed and linked to a participant by hand', async ({ page }) => {
  await createProject(page, tempProjectPath());
  await page.getByTestId('documents-import-input').setInputFiles({ name: 'interview 3.txt', mimeType: 'text/plain', buffer: Buffer.from('Q: Hello.\nA: Hello again.\n') });
  await expect(page.getByTestId('document-item')).toContainText('interview 3');
  await page.getByTestId('document-edit').click();
  await page.getByTestId('rename-input').fill('ID07 interview');
  await page.getByTestId('participant-input').fill('ID07');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByTestId('document-item')).toContainText('ID07 interview');
  await expect(page.getByTestId('document-item')).toContainText('· ID07');
});
