// Issue 6, end to end: build a theme in the UI, link a code, pick two quotes from its codings, give
// one a lead-in and reorder them, then download Supplemental Table 2 and find the quotes in it.
import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { apiCall, createProject, tempProjectPath } from './helpers';

const INTERVIEWS = [
  ['ID12', 'The patient questionnaire was formulated by the clinical people on the steering group.'],
  ['ID29', 'Every decision was clinically driven and clinically justified.'],
] as const;

test('build a theme with two quotes and export it as Supplemental Table 2', async ({ page }) => {
  await createProject(page, tempProjectPath());

  // Material through the API: two transcripts, one code, and a coding of each participant's answer.
  const code = await apiCall<{ id: number }>(page, 'codebook:create', { parentId: null, label: '20', name: 'Clinician input', definition: '' });
  for (const [pid, answer] of INTERVIEWS) {
    const text = `Interviewer: What helped?\n${pid}: ${answer}\n`;
    const r = await apiCall<{ document: { id: number } }>(page, 'documents:import', {
      fileName: `${pid} interview.txt`,
      dataBase64: Buffer.from(text, 'utf8').toString('base64'),
    });
    const start = text.indexOf(answer);
    await apiCall(page, 'codings:apply', { documentId: r.document.id, codeIds: [code.id], start, end: start + answer.length });
  }
  await page.reload();
  await expect(page.getByTestId('project-name')).toBeVisible();

  await page.getByTestId('view-themes').click();
  await page.getByTestId('theme-new-name').fill('Clinical engagement');
  await page.getByTestId('theme-add').click();
  await expect(page.getByTestId('theme-item')).toHaveCount(1);
  await expect(page.getByTestId('theme-name')).toHaveValue('Clinical engagement');

  await page.getByTestId('theme-link-code').selectOption({ label: '20 Clinician input' });
  await page.getByTestId('theme-link').click();
  await expect(page.getByTestId('linked-code')).toContainText('20 Clinician input');
  const candidates = page.getByTestId('candidate');
  await expect(candidates).toHaveCount(2);
  await expect(candidates.nth(0)).toContainText('ID12');
  await expect(candidates.nth(1)).toContainText('ID29');

  await page.getByTestId('candidate-add').nth(0).click();
  await expect(page.getByTestId('quote-item')).toHaveCount(1);
  await page.getByTestId('candidate-add').nth(1).click();
  await expect(page.getByTestId('quote-item')).toHaveCount(2);
  // Both participants now support the theme.
  await expect(page.getByTestId('theme-item').getByTestId('theme-support')).toContainText('2 of 2 coded participants');

  await page.getByTestId('quote-leadin').nth(1).fill('Clinical backing');
  await page.getByTestId('quote-leadin').nth(1).press('Enter');
  await expect(page.getByTestId('quote-item').nth(1).getByTestId('quote-leadin')).toHaveValue('Clinical backing');
  await page.getByTestId('quote-up').nth(1).click();
  await expect(page.getByTestId('quote-item').nth(0)).toContainText('ID29');

  await page.getByTestId('view-reports').click();
  await page.getByTestId('report-table').selectOption('quotes');
  await page.getByTestId('report-format').selectOption('markdown');
  await expect(page.getByTestId('report-preview')).toContainText('Clinical backing: Every decision was clinically driven');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('report-download').click()]);
  expect(download.suggestedFilename()).toBe('supplemental-table-2-quotes.md');
  const md = readFileSync(await download.path(), 'utf8');
  expect(md).toContain('**Supplemental Table 2');
  expect(md).toContain(
    '| Clinical engagement | Clinical backing: Every decision was clinically driven and clinically justified. ID29<br>The patient questionnaire was formulated by the clinical people on the steering group. ID12 |',
  );
});
