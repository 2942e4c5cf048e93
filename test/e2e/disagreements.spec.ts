// The project's list of disagreements when there are many: rows a page at a time, and beyond the
// cap the engine sorts and filters, the list saying how many it holds of how many. Fixtures written
// here: one transcript, 5,002 passages coded by Ana (imported as CSV), the first also by Ben.
import { expect, test } from '@playwright/test';
import { apiCall, createProject, tempProjectPath } from './helpers';

const N = 5002;
/** Passage i: [10 i, 10 i + 1 + (i mod 7)), so sizes run from 1 to 7 characters. */
const size = (i: number) => 1 + (i % 7);

test('thousands of disagreements: a page of rows, the cap stated, a new order asked of the engine', async ({ page }, info) => {
  test.setTimeout(120_000);
  await createProject(page, tempProjectPath(), 'Ana');
  const doc = await apiCall<{ document: { id: number } }>(page, 'documents:import', {
    fileName: 'ID01 interview.txt',
    dataBase64: Buffer.from('word word '.repeat(N)).toString('base64'),
  });
  expect(doc.document.id).toBeGreaterThan(0);
  await apiCall(page, 'codebook:create', { parentId: null, label: '30a', name: 'Adaptation' });
  const rows = ['document,coder,code,start,end'];
  for (let i = 0; i < N; i++) rows.push(`ID01 interview,Ana,30a,${10 * i},${10 * i + size(i)}`);
  // Ben agrees on the first passage only: 5,001 disagreements, each "coded by some".
  rows.push(`ID01 interview,Ben,30a,0,${size(0)}`);
  await apiCall(page, 'codings:importCsv', { fileName: 'codings.csv', text: rows.join('\n') });
  await page.reload();

  await page.getByTestId('view-consensus').click();
  await expect(page.getByTestId('disagreement-count')).toHaveText('5,001 disagreements, 0 settled', { timeout: 30_000 });
  await expect(page.getByTestId('disagreement-capped')).toHaveText('The first 5,000 open disagreements by document and place of 5,001 are listed.');
  // A page of rows, with more on request.
  await expect(page.getByTestId('disagreement-row')).toHaveCount(200);
  await expect(page.getByTestId('disagreement-more')).toContainText('Showing 200 of 5,000.');
  await page.getByTestId('disagreement-more').getByRole('button').click();
  await expect(page.getByTestId('disagreement-row')).toHaveCount(400);
  await expect(page.getByTestId('disagreement-row').first()).toContainText('[10–12)');

  // Largest first: asked of the engine, which looks at all 5,001 (7-character passages lead).
  await page.getByLabel('Sort disagreements').selectOption('size');
  await expect(page.getByTestId('disagreement-capped')).toHaveText('The first 5,000 open disagreements largest first of 5,001 are listed.');
  await expect(page.getByTestId('disagreement-row').first()).toContainText('7 characters');
  await expect(page.getByTestId('disagreement-row').first()).toContainText('[60–67)');
  await expect(page.getByTestId('disagreement-row')).toHaveCount(200);
  await page.screenshot({ path: info.outputPath('many-disagreements.png') });
});
