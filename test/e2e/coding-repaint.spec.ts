// Applying a coding draws it at once and keeps the document's codings from the engine's answers, not
// from re-fetching them all: the highlight carries the engine's id once it answered, the view's own
// change events reload nothing, while a change made by another caller still arrives; removing and
// undoing still show what the project holds.
import { expect, test, type Page } from '@playwright/test';
import { apiCall, createProject, selectText, tempProjectPath } from './helpers';

const TRANSCRIPT = [
  'Interviewer: How did the service start?',
  'ID01: We adapted the software to each practice before launch.',
  'Interviewer: Who led it?',
  'ID01: A small team planned the rollout in stages.',
].join('\n');
const CODES = ['30\tProcess of implementation', '30a.\tAdaptation', '30b.\tPlanning'].join('\n');

/** A call as another browser tab makes it: another local caller, with a coder of its own. */
async function callAsOtherTab<T>(page: Page, method: string, input: unknown): Promise<T> {
  const envelope = await page.evaluate(
    async ({ method, input }) => {
      const token = document.querySelector('meta[name="accord-token"]')?.getAttribute('content') ?? '';
      const res = await fetch(`/api/${method}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Accord-Token': token, 'X-Accord-Tab': 'another-tab' },
        body: JSON.stringify(input),
      });
      return res.json();
    },
    { method, input },
  );
  if (!envelope.ok) throw new Error(`${method}: ${envelope.error.code} ${envelope.error.message}`);
  return envelope.value as T;
}

test('a new coding is drawn from the answer, its own event reloads nothing, another tab’s coding arrives live', async ({ page }) => {
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  let listCalls = 0;
  page.on('request', (r) => {
    if (r.url().includes('/api/codings:list') || r.url().includes('/api/codings%3Alist')) listCalls++;
  });
  await createProject(page, tempProjectPath(), 'Ana');
  await page.getByTestId('documents-import-input').setInputFiles([{ name: 'ID01 interview.txt', mimeType: 'text/plain', buffer: Buffer.from(TRANSCRIPT) }]);
  await expect(page.getByTestId('import-summary')).toContainText('Imported 1 of 1 file');
  await page.getByTestId('codebook-import-input').setInputFiles({ name: 'codes.txt', mimeType: 'text/plain', buffer: Buffer.from(CODES) });
  await expect(page.getByTestId('code-row')).toHaveCount(3);
  await page.getByTestId('document-item').filter({ hasText: 'ID01 interview' }).click();
  await expect(page.getByTestId('document-text')).toContainText('adapted the software');
  await expect.poll(() => listCalls).toBeGreaterThan(0);
  const listsBefore = listCalls;

  // Through the picker, then with the recent-code key.
  await selectText(page, 'adapted the software');
  await page.keyboard.press('c');
  await page.keyboard.type('30a');
  await page.keyboard.press('Enter');
  const first = page.locator('mark[data-coding-ids]').filter({ hasText: 'adapted the software' });
  await expect(first).toHaveCount(1);
  // The recent codes take 30a once the engine has answered (the highlight is drawn before that).
  await expect(page.getByTestId('recent-codes')).toContainText('30a');
  await selectText(page, 'planned the rollout');
  // A number key codes the view's selection: wait until the view has taken the new one.
  await expect(page.getByText('19 characters selected')).toBeVisible();
  await page.keyboard.press('1');
  const second = page.locator('mark[data-coding-ids]').filter({ hasText: 'planned the rollout' });
  await expect(second).toHaveCount(1);
  await expect(page.getByTestId('margin-tag')).toHaveCount(2);
  // Once the engine answered, each highlight carries the id the project gave its coding.
  const docId = (await apiCall<{ id: number }[]>(page, 'documents:list', {}))[0].id;
  const stored = await apiCall<{ id: number; text: string }[]>(page, 'codings:list', { documentId: docId });
  const idOf = (text: string) => String(stored.find((c) => c.text === text)?.id);
  await expect(first).toHaveAttribute('data-coding-ids', idOf('adapted the software'));
  await expect(second).toHaveAttribute('data-coding-ids', idOf('planned the rollout'));
  // The view did not fetch the document's codings again for its own changes (the one call above is the test's).
  await page.waitForTimeout(500);
  expect(listCalls - listsBefore).toBe(1);

  // Another caller (another tab, coder Bo) codes a passage: its change event reaches this view.
  await callAsOtherTab(page, 'coders:select', { name: 'Bo' });
  const codes = await apiCall<{ id: number; label: string }[]>(page, 'codebook:list', {});
  const start = TRANSCRIPT.indexOf('Who led it');
  await callAsOtherTab(page, 'codings:apply', { documentId: docId, codeIds: [codes.find((c) => c.label === '30b')!.id], start, end: start + 'Who led it'.length });
  await expect(page.locator('mark[data-coding-ids]').filter({ hasText: 'Who led it' })).toHaveCount(1);
  await expect(page.getByTestId('margin-tag').filter({ hasText: 'BO' })).toHaveCount(1);

  // Removing one's own coding from the list under a highlight takes its highlight away.
  await first.click();
  await expect(page.getByTestId('codings-popover')).toBeVisible();
  await page.getByTestId('coding-entry').getByRole('button', { name: /Remove/ }).click();
  await page.keyboard.press('Escape');
  await expect(page.locator('mark[data-coding-ids]').filter({ hasText: 'adapted the software' })).toHaveCount(0);

  // Undo brings it back (the view reloads what the project holds after undo).
  await page.getByTestId('undo').click();
  await expect(page.locator('mark[data-coding-ids]').filter({ hasText: 'adapted the software' })).toHaveCount(1);
  const after = await apiCall<{ text: string }[]>(page, 'codings:list', { documentId: docId });
  expect(after.map((c) => c.text).sort()).toEqual(['Who led it', 'adapted the software', 'planned the rollout']);
  expect(errors).toEqual([]);
});
