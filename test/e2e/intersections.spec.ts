// Issue 5, end to end: build a small project through the API, open the co-occurrence matrix, click
// the cell of two codes, and follow a quote to its place in the document.
import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { apiCall, createProject, tempProjectPath } from './helpers';

const TEXT =
  'Interviewer: How did the work start?\n' +
  'ID7: The clinicians led the work and the data were shared across the region.\n' +
  'Interviewer: And later?\n' +
  'ID7: Later the managers paid for the licences.\n';

async function buildProject(page: Page): Promise<{ lead: number; data: number }> {
  await createProject(page, tempProjectPath());
  const lead = await apiCall<{ id: number }>(page, 'codebook:create', { parentId: null, label: '10a', name: 'Leadership', definition: '' });
  const data = await apiCall<{ id: number }>(page, 'codebook:create', { parentId: null, label: '30a', name: 'Data sharing', definition: '' });
  const doc = await apiCall<{ document: { id: number } }>(page, 'documents:import', {
    fileName: 'ID7 interview.txt',
    dataBase64: Buffer.from(TEXT, 'utf8').toString('base64'),
  });
  const code = async (codeId: number, phrase: string) => {
    const start = TEXT.indexOf(phrase);
    await apiCall(page, 'codings:apply', { documentId: doc.document.id, codeIds: [codeId], start, end: start + phrase.length });
  };
  await code(lead.id, 'The clinicians led the work');
  await code(data.id, 'the work and the data were shared');
  await code(lead.id, 'the managers paid');
  await page.reload();
  await expect(page.getByTestId('project-name')).toBeVisible();
  return { lead: lead.id, data: data.id };
}

test('matrix cell → quotes → the quote selected in the document', async ({ page }) => {
  const { lead, data } = await buildProject(page);
  await page.getByTestId('view-intersections').click();
  await expect(page.getByTestId('ix-heatmap')).toBeVisible();
  await expect(page.getByTestId('ix-definitions')).toContainText('c-coefficient');
  const cell = page.locator(`[data-testid="heatmap-cell"][data-row="${lead}"][data-col="${data}"]`);
  // One overlap of 10a and 30a.
  await expect(cell).toContainText('1');
  await cell.click();
  const quotes = page.getByTestId('ix-quote');
  await expect(quotes).toHaveCount(1);
  await expect(quotes.first()).toContainText('The clinicians led the work and the data were shared');
  await expect(quotes.first()).toContainText('ID7');

  await quotes.first().getByTestId('ix-quote-open').click();
  await expect(page.getByTestId('document-view')).toBeVisible();
  const start = TEXT.indexOf('The clinicians led the work');
  const end = TEXT.indexOf('the work and the data were shared') + 'the work and the data were shared'.length;
  // The document opens with the quote selected: the toolbar reports the selected range.
  await expect(page.getByTestId('selection-info')).toContainText(`(${start}–${end})`);
  expect(await page.evaluate(() => document.getSelection()?.toString())).toBe(TEXT.slice(start, end));
});

test('query builder: run, save, code the results; the heatmap saves as SVG', async ({ page }) => {
  await buildProject(page);
  await page.getByTestId('view-intersections').click();
  const [svg] = await Promise.all([page.waitForEvent('download'), page.getByTestId('ix-heatmap').getByTestId('chart-svg').click()]);
  expect(svg.suggestedFilename()).toBe('code-co-occurrence.svg');
  expect(readFileSync(await svg.path(), 'utf8')).toContain('<svg');

  await page.getByTestId('ix-tab-query').click();
  await page.getByTestId('ix-query-input').fill('10a AND');
  await page.getByTestId('ix-query-run').click();
  await expect(page.getByTestId('ix-query-error')).toContainText('column');
  await page.getByTestId('ix-query-input').fill('10a NOT 30a');
  await page.getByTestId('ix-query-run').click();
  await expect(page.getByTestId('ix-query-count')).toContainText('1 result');
  await expect(page.getByTestId('ix-quote')).toContainText('the managers paid');
  await page.getByTestId('ix-save-name').fill('Leadership alone');
  await page.getByTestId('ix-save').click();
  await expect(page.getByTestId('ix-saved-query')).toContainText('Leadership alone');
  await page.getByTestId('ix-code-name').fill('Paying');
  await page.getByTestId('ix-code-results').click();
  await expect(page.getByText('Coded 1 result with Paying.')).toBeVisible();
  await expect(page.getByTestId('undo')).toHaveAttribute('title', /code 1 results of 10a NOT 30a as Paying/);
});
