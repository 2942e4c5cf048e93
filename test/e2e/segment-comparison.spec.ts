// The agreement dashboard's "Segment comparison (MAXQDA)": two coders' codings (made through the API),
// the per-code table worked out by hand, the minimum-overlap input, and an unmatched segment opening
// the document with that segment selected.
import { expect, test } from '@playwright/test';
import { apiCall, createProject, tempProjectPath } from './helpers';

const TEXT = Array.from({ length: 10 }, (_, i) => `word${i} abc `).join('').padEnd(100, '.');

test('segment comparison: table, threshold, unmatched segments open the document', async ({ page }) => {
  await createProject(page, tempProjectPath(), 'Alice');
  const doc = (await apiCall<{ document: { id: number } }>(page, 'documents:import', { fileName: 'ID1 interview.txt', dataBase64: Buffer.from(TEXT).toString('base64') })).document;
  const x = await apiCall<{ id: number }>(page, 'codebook:create', { parentId: null, label: 'X', name: 'Features' });
  const y = await apiCall<{ id: number }>(page, 'codebook:create', { parentId: null, label: 'Y', name: 'Costs' });
  const apply = async (coder: string, code: number, start: number, end: number) => {
    await apiCall(page, 'coders:select', { name: coder });
    await apiCall(page, 'codings:apply', { documentId: doc.id, codeIds: [code], start, end });
  };
  // X: Alice [0,20) [40,60), Bob [1,20) [40,56) → overlaps 19/20 = .95 (agrees) and 16/20 = .8 (not at 90 %).
  // Y: Alice [70,80) only.
  await apply('Alice', x.id, 0, 20);
  await apply('Alice', x.id, 40, 60);
  await apply('Bob', x.id, 1, 20);
  await apply('Bob', x.id, 40, 56);
  await apply('Alice', y.id, 70, 80);
  await apiCall(page, 'coders:select', { name: 'Alice' });
  await page.reload();

  await page.getByTestId('view-agreement').click();
  await page.getByTestId('segment-comparison').locator('summary').click();
  const row = page.getByTestId('segments-row').filter({ hasText: 'Features' });
  // X 2 agree / 2 not = 50 %; κ with k = 2 codes: (0.5 − 0.5)/0.5 = 0. Total 2/3 = 40 %; κ = (0.4 − 0.5)/0.5 = −0.2.
  await expect(row.getByTestId('segments-percent')).toHaveText('50.0%');
  await expect(row.getByTestId('segments-kappa')).toHaveText('0.000');
  await expect(page.getByTestId('segments-total').getByTestId('segments-percent')).toHaveText('40.0%');
  await expect(page.getByTestId('segments-total').getByTestId('segments-kappa')).toHaveText('-0.200');
  await expect(page.getByTestId('segments-summary')).toContainText('Segment agreement between Alice and Bob');
  await expect(page.getByTestId('unmatched-row')).toHaveCount(3);
  await page.getByTestId('segment-comparison').screenshot({ path: 'test-results/segment-comparison.png' });

  // At 80 % the [40,60)~[40,56) pair agrees: X 4/0 = 100 %, total 4/1 = 80 %, κ = (0.8 − 0.5)/0.5 = 0.6.
  await page.getByTestId('segments-threshold').fill('80');
  await expect(page.getByTestId('segments-total').getByTestId('segments-kappa')).toHaveText('0.600');
  await expect(page.getByTestId('unmatched-row')).toHaveCount(1);
  await page.getByTestId('segments-threshold').fill('0');
  await expect(page.getByTestId('segments-problem')).toContainText('above 0 and at most 100');
  await page.getByTestId('segments-threshold').fill('90');

  // The unmatched segment opens the document with it selected.
  const unmatched = page.getByTestId('unmatched-row').filter({ hasText: 'Alice' }).filter({ hasText: 'Y' });
  await unmatched.getByTestId('open-segment').click();
  await expect(page.getByTestId('document-view')).toBeVisible();
  await expect(page.getByTestId('selection-info')).toContainText('(70–80)');
  await expect.poll(() => page.evaluate(() => document.getSelection()?.toString())).toBe(TEXT.slice(70, 80));
});

test('segment comparison compares two coders when the coder list arrives after the view opens', async ({ page }) => {
  await createProject(page, tempProjectPath(), 'Alice');
  const doc = (await apiCall<{ document: { id: number } }>(page, 'documents:import', { fileName: 'ID1 interview.txt', dataBase64: Buffer.from(TEXT).toString('base64') })).document;
  const x = await apiCall<{ id: number }>(page, 'codebook:create', { parentId: null, label: 'X', name: 'Features' });
  for (const [coder, start] of [['Alice', 0], ['Bob', 1]] as const) {
    await apiCall(page, 'coders:select', { name: coder });
    await apiCall(page, 'codings:apply', { documentId: doc.id, codeIds: [x.id], start, end: 20 });
  }
  await apiCall(page, 'coders:select', { name: 'Alice' });
  // The list of coders answers late (a busy engine): the comparison's coders must follow it.
  await page.route('**/api/coders:list', async (route) => {
    await new Promise((r) => setTimeout(r, 1500));
    await route.continue();
  });
  await page.reload();
  await page.getByTestId('view-agreement').click();
  await page.getByTestId('segment-comparison').locator('summary').click();
  await expect(page.getByTestId('segments-coder-0')).toHaveValue(/\d+/, { timeout: 10_000 });
  await expect(page.getByTestId('segments-summary')).toContainText('Segment agreement between Alice and Bob', { timeout: 10_000 });
  await expect(page.getByTestId('segments-row').filter({ hasText: 'Features' }).getByTestId('segments-percent')).toHaveText('100.0%');
});

test('thousands of unmatched segments: the first listed, the count and the cap stated, the CSV with them all', async ({ page }) => {
  test.setTimeout(120_000);
  const N = 5002;
  await createProject(page, tempProjectPath(), 'Ana');
  await apiCall(page, 'documents:import', { fileName: 'ID01 interview.txt', dataBase64: Buffer.from('word word '.repeat(N)).toString('base64') });
  await apiCall(page, 'codebook:create', { parentId: null, label: '30a', name: 'Adaptation' });
  // Ana codes N passages, Ben the first one as she did: N − 1 of Ana's segments have no match.
  const rows = ['document,coder,code,start,end'];
  for (let i = 0; i < N; i++) rows.push(`ID01 interview,Ana,30a,${10 * i},${10 * i + 5}`);
  rows.push('ID01 interview,Ben,30a,0,5');
  await apiCall(page, 'codings:importCsv', { fileName: 'codings.csv', text: rows.join('\n') });
  await page.reload();

  await page.getByTestId('view-agreement').click();
  await page.getByTestId('segment-comparison').locator('summary').click();
  const section = page.getByTestId('segment-comparison');
  await expect(section.getByRole('heading', { name: 'Unmatched segments (5,001)' })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('segments-capped')).toHaveText(
    'The first 5,000 of 5,001 unmatched segments, in reading order, are listed here; the CSV has them all.',
  );
  await expect(page.getByTestId('unmatched-row')).toHaveCount(200);
  await expect(page.getByTestId('unmatched-row').first()).toContainText('word');
  await expect(section.getByRole('button', { name: 'Show the first 5,000' })).toBeVisible();
  await page.screenshot({ path: 'test-results/segment-comparison-capped.png', fullPage: false });
  // The CSV asks for every unmatched segment: 5,001 rows under the header.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('segments-csv').click()]);
  const csv = await (await download.createReadStream()).toArray();
  const lines = Buffer.concat(csv).toString('utf8').trim().split(/\r?\n/);
  expect(lines[0]).toBe('document,code,coder,start,end,text,other_coder,other_start,other_end,other_text,overlap_percent');
  expect(lines).toHaveLength(N);
  expect(lines[N - 1]).toContain(`ID01 interview,30a,Ana,${10 * (N - 1)},${10 * (N - 1) + 5}`);
});
