// Wording and numbers as readers expect them (issue 14): every view of the demo study is rendered and
// its text searched for a count that disagrees with its noun ("1 codings", "1 subthemes") and for a
// negative zero ("-0.00", as a κ near zero printed).
import { expect, test } from '@playwright/test';
import { openDemo } from './helpers';

const NOUNS = 'codings|codes|documents|participants|subthemes|themes|quotes|hits|memos|segments|turns|disagreements|matches|characters|files|coders|passages|regions|units|pairs|interviews|transcripts|decisions|groups|attributes';
const ONE_PLURAL = new RegExp(String.raw`(^|[^\d.,])1 (${NOUNS})\b`, 'g');
const NEGATIVE_ZERO = /(^|[^\w.])-0(\.0+)?(?![\d.])/g;

test('no view of the demo says "1 codings" or "-0.00"', async ({ page }) => {
  test.setTimeout(180_000);
  await openDemo(page);
  // A transcript open in the coding view, so its margin and toolbar are part of the text read.
  await page.getByTestId('document-item').first().click();
  await expect(page.getByTestId('document-text')).not.toBeEmpty();

  const tabs = await page.locator('nav.view-tabs button').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid') ?? ''));
  expect(tabs.length).toBeGreaterThan(10);
  const problems: string[] = [];
  for (const tab of tabs) {
    await page.getByTestId(tab).click();
    // Views load their data after the first paint: wait until the page stops changing.
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(400);
    const text = await page.locator('body').innerText();
    for (const m of text.matchAll(ONE_PLURAL)) problems.push(`${tab}: "${m[0].trim()}"`);
    for (const m of text.matchAll(NEGATIVE_ZERO)) problems.push(`${tab}: "${m[0].trim()}"`);
  }
  expect(problems).toEqual([]);
});
