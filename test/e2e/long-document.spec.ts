// A long transcript (3,000 turns, ~0.5M characters, 300 overlapping codings) renders completely in
// batches, and a selection near its end still maps to exact offsets.
import { expect, test } from '@playwright/test';
import { apiCall, createProject, selectText, tempProjectPath } from './helpers';

const TURNS = 3000;
const filler = 'we talked about the clinic, the referral letters and how the new pathway changed our week';

function longTranscript(): string {
  const lines: string[] = [];
  for (let i = 0; i < TURNS; i++) lines.push(`[id${i % 7}] Turn ${i}: ${filler}, marker ${i} ends here.`);
  return lines.join('\n');
}

test('a 3,000-turn transcript renders fully and codes at exact offsets near its end', async ({ page }) => {
  test.setTimeout(120_000);
  await createProject(page, tempProjectPath());
  const text = longTranscript();
  await page.getByTestId('documents-import-input').setInputFiles({ name: 'long.txt', mimeType: 'text/plain', buffer: Buffer.from(text) });
  await expect(page.getByTestId('import-summary')).toContainText('Imported 1 of 1 file');

  await page.getByTestId('codebook-import-input').setInputFiles({
    name: 'codes.txt',
    mimeType: 'text/plain',
    buffer: Buffer.from('1\tFirst code\n2\tSecond code\n'),
  });
  await expect(page.getByTestId('code-row')).toHaveCount(2);
  const docs = await apiCall<{ id: number }[]>(page, 'documents:list', {});
  const codes = await apiCall<{ id: number }[]>(page, 'codebook:list', {});
  // 300 codings, every tenth turn, each overlapping the next turn's start (so some cross lines).
  for (let i = 0; i < 300; i++) {
    const start = text.indexOf(`Turn ${i * 10}:`);
    await apiCall(page, 'codings:apply', { documentId: docs[0].id, codeIds: [codes[i % 2].id], start, end: start + 200 });
  }

  await page.getByTestId('document-item').click();
  const paragraphs = page.getByTestId('document-text').locator(':scope > p');
  await expect(paragraphs.first()).toContainText('Turn 0:');
  await expect(paragraphs).toHaveCount(TURNS, { timeout: 30_000 });
  await expect(page.locator('mark[data-coding-ids]').first()).toBeVisible();

  const phrase = `marker ${TURNS - 3} ends`;
  await page.getByTestId('document-text').locator(':scope > p').nth(TURNS - 3).scrollIntoViewIfNeeded();
  await selectText(page, phrase);
  await page.keyboard.press('c');
  await page.getByTestId('picker-filter').fill('second');
  await page.getByTestId('picker-filter').press('Enter');
  await expect(page.locator('mark[data-coding-ids]').filter({ hasText: phrase })).toHaveCount(1);

  const codings = await apiCall<{ start: number; end: number; text: string }[]>(page, 'codings:list', { documentId: docs[0].id });
  const made = codings.find((c) => c.text === phrase);
  expect(made).toBeDefined();
  expect(made!.start).toBe(text.indexOf(phrase));
});
