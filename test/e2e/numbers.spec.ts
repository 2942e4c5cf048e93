// The demo study's numbers say what they count: co-occurrence reads one coder by default (the
// consensus covers only one of three coded transcripts) and warns when coders are pooled, saturation
// leaves uncoded transcripts out, and theme support names its layer and the consensus layer's reach.
import { expect, test, type Page } from '@playwright/test';
import { apiCall, gotoStartScreen } from './helpers';

const SHOTS = process.env.ACCORD_SHOTS;

async function openDemo(page: Page): Promise<void> {
  await gotoStartScreen(page);
  await page.getByTestId('open-demo').click();
  await expect(page.getByTestId('project-name')).toContainText('demo');
  const dialog = page.getByTestId('coder-select');
  const chip = page.getByTestId('current-coder').filter({ hasText: 'Coding as' });
  await expect(dialog.or(chip).first()).toBeVisible();
  if (!(await chip.isVisible())) {
    await page.getByTestId('coder-name').fill('Ana');
    await page.getByTestId('coder-submit').click();
  } else if (!(await chip.textContent())?.includes('Ana')) {
    await page.getByTestId('switch-coder').click();
    await page.getByTestId('coder-name').fill('Ana');
    await page.getByTestId('coder-submit').click();
  }
  await expect(page.getByTestId('current-coder')).toContainText('Coding as Ana');
}

test('the demo: one layer by default, a warning when pooled, saturation and theme support with their layers', async ({ page }) => {
  await page.setViewportSize({ width: 1400, height: 1000 });
  await openDemo(page);
  const codes = await apiCall<{ id: number; label: string }[]>(page, 'codebook:list', {});
  const id = (label: string) => codes.find((c) => c.label.replace(/\.$/, '') === label)!.id;

  await page.getByTestId('view-intersections').click();
  const scope = page.getByTestId('ix-scope');
  // The consensus layer covers ID05 only, of the three transcripts Ana and Ben coded: Ana's layer.
  await expect(scope).toContainText('coder Ana — the default, because the consensus layer covers only 1 of 3 coded documents');
  await expect(page.getByTestId('ix-pooled-warning')).toHaveCount(0);
  const disagreement = page.locator(`[data-testid="heatmap-cell"][data-row="${id('80a')}"][data-col="${id('80b')}"]`);
  // Ana applied 80a where Ben applied 80b: in Ana's layer the two never co-occur.
  await expect(disagreement.locator('title')).toHaveText(/^80a Stakeholder engagement × 80b: no co-occurrence — the two codes never occur together/);
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/intersections-default.png`, fullPage: false });

  await page.getByTestId('ix-layer').selectOption('all');
  await expect(page.getByTestId('ix-pooled-warning')).toContainText('a disagreement between coders counts as a co-occurrence');
  await expect(disagreement.locator('title')).toHaveText('80a Stakeholder engagement × 80b: 1');
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/intersections-pooled.png`, fullPage: false });

  await page.getByTestId('ix-layer').selectOption('auto');
  await page.getByTestId('ix-mode').selectOption('document');
  await expect(page.getByTestId('ix-counts')).toContainText('Counts documents');

  await page.getByTestId('ix-tab-saturation').click();
  const summary = page.getByTestId('ix-saturation-summary');
  await expect(summary).toContainText('cannot be assessed yet: only 3 interviews to assess; the method needs at least 6 (base 4 + run 2)');
  await expect(summary).not.toContainText('added no new codes');
  await expect(page.getByTestId('ix-saturation-uncoded')).toContainText('ID10 interview');
  // With base 1 and run 1 the three coded transcripts can be assessed: ID14 adds 5 codes to ID05's 6.
  await page.getByTestId('ix-sat-base').fill('1');
  await page.getByTestId('ix-sat-run').fill('1');
  await expect(page.getByTestId('ix-saturation-runs')).toContainText('83.3 % of 6');
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/saturation.png`, fullPage: true });

  await page.getByTestId('view-themes').click();
  await expect(page.getByTestId('themes-layer')).toContainText('every coder (Ana, Ben; the consensus layer not included)');
  await expect(page.getByTestId('themes-layer-note')).toContainText('The consensus layer covers only 1 of 3 coded documents (ID05 interview)');
  const relationships = page.getByTestId('theme-item').filter({ hasText: 'Communication and relationships' });
  await expect(relationships.getByTestId('theme-support')).toContainText('3 of 3 coded participants');
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/themes-default.png`, fullPage: false });
  await page.getByTestId('themes-layer-select').selectOption('consensus');
  await expect(relationships.getByTestId('theme-support')).toContainText('1 of 1 coded participant ·');
  await expect(page.getByTestId('themes-use-coders')).toBeVisible();
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/themes-consensus.png`, fullPage: false });
  await page.getByTestId('themes-use-coders').click();
  await expect(relationships.getByTestId('theme-support')).toContainText('3 of 3 coded participants');

  // COREQ: sample size is Table 1's n; saturation and returned transcripts are drafts to check.
  await page.getByTestId('view-coreq').click();
  const row = (n: number) => page.locator(`[data-testid="coreq-row"][data-item="${n}"]`);
  await expect(row(12).getByTestId('coreq-prefilled')).toContainText('From project data: 26 participants');
  await expect(row(22).getByTestId('coreq-prefilled')).toContainText('Draft from project data — check and complete before reporting: Saturation (Guest, Namey & Chen 2020');
  await expect(row(23).getByTestId('coreq-prefilled')).toContainText('Draft from project data');
  if (SHOTS) {
    await row(12).scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/coreq.png`, fullPage: false });
  }
});
