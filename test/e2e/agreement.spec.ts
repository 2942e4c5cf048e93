// Agreement and consensus end to end: two coders' codings (made through the API), the agreement
// dashboard's hand-checked figures, then the disagreement explorer settling a region by keyboard
// and buttons, and the before/after comparison.
import { expect, test } from '@playwright/test';
import { apiCall, createProject, tempProjectPath } from './helpers';

const TEXT = 'x'.repeat(100);

test('agreement dashboard and disagreement explorer', async ({ page }) => {
  await createProject(page, tempProjectPath(), 'Alice');
  const { document } = await apiCall<{ document: { id: number } }>(page, 'documents:import', { fileName: 'ID1 interview.txt', dataBase64: Buffer.from(TEXT).toString('base64') });
  const code = await apiCall<{ id: number }>(page, 'codebook:create', { parentId: null, label: '10', name: 'Features' });
  await apiCall(page, 'codebook:create', { parentId: null, label: '20', name: 'Outer setting' });
  const apply = async (coder: string, start: number, end: number) => {
    await apiCall(page, 'coders:select', { name: coder });
    await apiCall(page, 'codings:apply', { documentId: document.id, codeIds: [code.id], start, end });
  };
  // Alice [0,20) and [40,50); Bob [10,30) and [40,50): regions [0,30) (disagree) and [40,50) (agree).
  await apply('Alice', 0, 20);
  await apply('Alice', 40, 50);
  await apply('Bob', 10, 30);
  await apply('Bob', 40, 50);
  await apiCall(page, 'coders:select', { name: 'Alice' });
  await page.reload();

  await page.getByTestId('view-agreement').click();
  const row = page.getByTestId('agreement-row').filter({ hasText: 'Features' });
  // Patterns over 100 characters: 10 ×10, 11 ×20, 01 ×10, 00 ×60 → 80% agreement;
  // pA = pB = 0.3 → pe = 0.09 + 0.49 = 0.58 → κ = 0.22/0.42 = 0.524.
  await expect(row.getByTestId('cell-percent')).toHaveText('80.0%');
  await expect(row.getByTestId('cell-cohen')).toHaveText('0.524');
  await expect(row.getByTestId('cell-cohen')).toHaveClass(/band-tentative/);
  await expect(page.getByTestId('agreement-summary')).toContainText('Agreement between Alice and Bob was computed per code on 100 characters of 1 document');
  await expect(page.getByTestId('agreement-scope')).toHaveValue('design');
  // Nobody applied 20: no trivial 100 %, and nothing to drill into.
  const unused = page.getByTestId('agreement-row').filter({ hasText: 'Outer setting' });
  await expect(unused.getByTestId('cell-not-applied')).toHaveText('not applied');
  await expect(unused.getByTestId('cell-not-applied')).toHaveAttribute('title', /No selected coder applied this code/);
  await expect(unused.getByTestId('cell-percent')).toHaveCount(0);
  await expect(unused.getByTestId('agreement-expand')).toHaveCount(0);

  // The code's drill-down: its document and its pair; the document with disagreements leads to them.
  await row.getByTestId('agreement-expand').click();
  const docRow = page.getByTestId('agreement-breakdown-row').filter({ hasText: 'ID1 interview' });
  await expect(docRow).toContainText('80.0%');
  await expect(page.getByTestId('agreement-breakdown-row').filter({ hasText: 'Alice × Bob' })).toContainText('0.524');
  await page.screenshot({ path: 'test-results/agreement-drilldown.png', fullPage: true });
  await docRow.getByTestId('open-disagreements').click();
  await expect(page.getByTestId('consensus-summary')).toContainText('1 disagreement, 0 settled');
  await expect(page.getByTestId('consensus-lane')).toHaveCount(3);
  // Show agreed regions too and step to the agreed one with j, back with k.
  await page.getByLabel('Only disagreements').uncheck();
  await page.locator('body').click({ position: { x: 5, y: 300 } });
  await page.keyboard.press('j');
  await expect(page.getByTestId('region-item').nth(1)).toHaveAttribute('aria-current', 'true');
  await page.keyboard.press('k');
  await expect(page.getByTestId('region-item').nth(0)).toHaveAttribute('aria-current', 'true');

  await page.getByTestId('rationale').fill('Bob caught the whole statement');
  await page.getByTestId('accept-Bob').click();
  await expect(page.getByTestId('consensus-summary')).toContainText('1 disagreement, 1 settled');
  await page.getByTestId('region-item').nth(0).click();
  await expect(page.getByTestId('decision')).toContainText('Bob caught the whole statement');

  await page.getByTestId('view-agreement').click();
  await expect(page.getByTestId('before-after')).toContainText('After: Bob × Consensus');
});
