// A day of coding (issue 14), end to end on fixtures this test writes itself: code five passages with
// the keyboard only (C + type + Enter, then number keys for recent codes), write and find a memo, and
// retrieve 30a with its subcodes for one kind of participant and export it to Word.
import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import { apiCall, createProject, selectText, tempProjectPath } from './helpers';

const TRANSCRIPT = [
  'Interviewer: How did the service start?',
  'ID01: We adapted the software to each practice before launch.',
  'Interviewer: What changed over time?',
  'ID01: The hubs were tailored to local demand every winter.',
  'Interviewer: Who led it?',
  'ID01: A small team planned the rollout in stages.',
].join('\n');
const SECOND = ['Interviewer: And in your area?', 'ID02: Nurses reworked the triage rota for their patients.'].join('\n');
// The study's "Code Structure" form (Curry et al., BMJ Open 2022, Supplemental Table 1): label, tab, name.
const CODES = ['30\tProcess of implementation', '30a.\tAdaptation', '30b.\tPlanning', '40\tOutcomes'].join('\n');

test('code five passages with the keyboard, write and find a memo, retrieve 30a for GPs and export it', async ({ page }, info) => {
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await createProject(page, tempProjectPath(), 'Ana');
  await page.getByTestId('documents-import-input').setInputFiles([
    { name: 'ID01 interview.txt', mimeType: 'text/plain', buffer: Buffer.from(TRANSCRIPT) },
    { name: 'ID02 interview.txt', mimeType: 'text/plain', buffer: Buffer.from(SECOND) },
  ]);
  await expect(page.getByTestId('import-summary')).toContainText('Imported 2 of 2 files');
  await page.getByTestId('codebook-import-input').setInputFiles({ name: 'codes.txt', mimeType: 'text/plain', buffer: Buffer.from(CODES) });
  await expect(page.getByTestId('code-row')).toHaveCount(4);
  await apiCall(page, 'participants:import', { fileName: 'people.csv', text: 'ID,Role\nID01,GP\nID02,Nurse\n' });

  await page.getByTestId('document-item').filter({ hasText: 'ID01 interview' }).click();
  await expect(page.getByTestId('document-text')).toContainText('adapted the software');

  // 1–3: C, type the label, Enter. The picker opens with focus in its filter; focus returns to the text.
  for (const [phrase, label] of [
    ['adapted the software to each practice', '30a'],
    ['planned the rollout in stages', '30b'],
    ['tailored to local demand', '30a'],
  ] as const) {
    await selectText(page, phrase);
    await page.keyboard.press('c');
    await expect(page.getByTestId('picker-filter')).toBeFocused();
    await page.keyboard.type(label);
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('code-picker')).toBeHidden();
    await expect(page.locator('mark[data-coding-ids]').filter({ hasText: phrase })).toHaveCount(1);
  }
  // The recent codes are listed with their keys; 1 is the code used last (30a).
  await expect(page.getByTestId('recent-codes')).toContainText('130a');
  // 4: a number key applies a recent code (2 = 30b) without the picker.
  await selectText(page, 'How did the service');
  // A number key codes the view's selection: wait until the view has taken the new one.
  await expect(page.getByText('19 characters selected')).toBeVisible();
  await page.keyboard.press('2');
  await expect(page.locator('mark[data-coding-ids]').filter({ hasText: 'How did the service' })).toHaveCount(1);
  // 5: the list is most-recent-first, so 30b is now 1 and 30a is 2.
  await expect(page.getByTestId('recent-codes')).toContainText('130b230a');
  await page.getByTestId('document-item').filter({ hasText: 'ID02 interview' }).click();
  await expect(page.getByTestId('document-text')).toContainText('triage rota');
  await selectText(page, 'reworked the triage rota');
  await expect(page.getByText('24 characters selected')).toBeVisible();
  await page.keyboard.press('2');
  await expect(page.locator('mark[data-coding-ids]')).toHaveCount(1);
  await expect(page.getByTestId('margin-tag')).toContainText('AN30a Adaptation');
  await expect(page.getByTestId('margin-tag')).toHaveAttribute('title', '30a Adaptation, coded by Ana');
  // Hovering a margin tag lights up the passage it stands for.
  await page.getByTestId('margin-tag').hover();
  await expect(page.locator('mark.mark-hover')).toHaveText('reworked the triage rota');
  // Shift+C recodes the coding under the selection (30a → 40), in one undoable step.
  await selectText(page, 'triage rota');
  await page.keyboard.press('Shift+C');
  await expect(page.getByTestId('recode-picker')).toBeVisible();
  await expect(page.getByTestId('picker-filter')).toBeFocused();
  await page.keyboard.type('40');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('margin-tag')).toContainText('AN40 Outcomes');
  await page.getByTestId('undo').click();
  await expect(page.getByTestId('margin-tag')).toContainText('AN30a Adaptation');
  // Escape closes the Exchange dialog even when focus has left it.
  await page.getByTestId('open-exchange').click();
  await expect(page.getByTestId('exchange-dialog')).toBeVisible();
  await page.locator('.dialog-backdrop').evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('exchange-dialog')).toBeHidden();
  await page.keyboard.press('?');
  await expect(page.getByTestId('coding-keys-sheet')).toContainText('In-vivo');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('coding-keys-sheet')).toBeHidden();
  // Find in document: the whole text, jumping from match to match.
  await page.getByTestId('document-item').filter({ hasText: 'ID01 interview' }).click();
  await expect(page.getByTestId('document-text')).toContainText('adapted the software');
  await page.keyboard.press('Control+f');
  await page.getByTestId('find-input').fill('the');
  await expect(page.getByTestId('find-count')).toHaveText('0 of 4 matches');
  await page.getByTestId('find-input').press('Enter');
  await expect(page.getByTestId('find-count')).toHaveText('1 of 4 matches');
  const first = TRANSCRIPT.toLowerCase().indexOf('the');
  await expect(page.getByTestId('selection-info')).toContainText(`(${first}–${first + 3})`);
  await page.getByTestId('find-input').press('Enter');
  await expect(page.getByTestId('find-count')).toHaveText('2 of 4 matches');
  await page.getByTestId('find-input').press('Escape');
  await expect(page.getByTestId('find-input')).toBeHidden();
  await page.screenshot({ path: info.outputPath('coded.png') });

  const docs = await apiCall<{ id: number; name: string }[]>(page, 'documents:list', {});
  const all = (await Promise.all(docs.map((d) => apiCall<{ text: string }[]>(page, 'codings:list', { documentId: d.id })))).flat();
  expect(all.map((c) => c.text).sort()).toEqual(
    ['How did the service', 'adapted the software to each practice', 'planned the rollout in stages', 'reworked the triage rota', 'tailored to local demand'].sort(),
  );

  // A memo: write it, then find it by a word of its body.
  await page.getByTestId('view-memos').click();
  await page.getByTestId('memo-new').click();
  await page.getByTestId('memo-title').fill('Adaptation vs tailoring');
  await page.getByTestId('memo-body').fill('GPs speak of adapting software; nurses of reworking rotas.');
  await page.getByTestId('memo-save').click();
  await expect(page.getByTestId('memo-item')).toHaveCount(1);
  await page.getByTestId('memos-search').fill('rotas');
  await page.getByTestId('memos-search').press('Enter');
  await expect(page.getByTestId('memos-count')).toHaveText('1 memo matching “rotas”');
  await page.getByTestId('memos-search').fill('nothing-like-this');
  await page.getByTestId('memos-search').press('Enter');
  await expect(page.getByTestId('memos-count')).toHaveText('0 memos matching “nothing-like-this”');
  await page.screenshot({ path: info.outputPath('memos.png') });

  // Retrieval: 30 with its subcodes, GPs only, exported to Word.
  await page.getByTestId('view-retrieval').click();
  await page.getByTestId('retrieval-code-30').check();
  await expect(page.getByTestId('retrieval-segment')).toHaveCount(5);
  await page.getByTestId('retrieval-attribute').selectOption('Role');
  await page.getByTestId('retrieval-values').getByLabel('GP').check();
  await expect(page.getByTestId('retrieval-segment')).toHaveCount(4);
  await expect(page.getByTestId('retrieval-summary')).toHaveText('4 segments coded 30 (with 2 subcodes) by every coder in 1 document (1 participant), where Role is GP.');
  await page.screenshot({ path: info.outputPath('retrieval.png') });
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('retrieval-export-docx').click()]);
  const xml = strFromU8(unzipSync(new Uint8Array(readFileSync(await download.path())))['word/document.xml']);
  expect(xml).toContain('30a Adaptation');
  expect(xml).toContain('adapted the software to each practice ID01');
  expect(xml).not.toContain('triage rota');

  // A memo beside the text: written in the coding view, found in the Memos view.
  await page.getByTestId('view-coding').click();
  await page.getByTestId('toggle-document-memo').click();
  await page.getByTestId('document-memo-body').fill('Rollout in stages came up unprompted.');
  await page.getByTestId('document-memo-save').click();
  await expect(page.getByTestId('document-memo-save')).toBeDisabled();
  await page.getByTestId('view-memos').click();
  await page.getByTestId('memos-search').fill('unprompted');
  await page.getByTestId('memos-search').press('Enter');
  await expect(page.getByTestId('memo-item')).toHaveCount(1);
  await expect(page.getByTestId('memo-item')).toContainText('ID01 interview');
  expect(errors).toEqual([]);
});

test('open a disagreement from the project list and settle it', async ({ page }, info) => {
  await createProject(page, tempProjectPath(), 'Ana');
  const text = 'We adapted the software to each practice. The hubs were tailored to demand.';
  const doc = await apiCall<{ document: { id: number } }>(page, 'documents:import', { fileName: 'ID01 interview.txt', dataBase64: Buffer.from(text).toString('base64') });
  const code = await apiCall<{ id: number }>(page, 'codebook:create', { parentId: null, label: '30a', name: 'Adaptation' });
  await apiCall(page, 'codings:apply', { documentId: doc.document.id, codeIds: [code.id], start: 3, end: 40 });
  await apiCall(page, 'coders:select', { name: 'Ben' });
  await apiCall(page, 'codings:apply', { documentId: doc.document.id, codeIds: [code.id], start: 3, end: 30 });
  await apiCall(page, 'coders:select', { name: 'Ana' });
  await page.reload();

  await page.getByTestId('view-consensus').click();
  await expect(page.getByTestId('disagreement-count')).toHaveText('1 disagreement, 0 settled');
  await expect(page.getByTestId('disagreement-row')).toContainText('boundaries differ');
  await page.getByTestId('disagreement-row').click();
  await expect(page.getByTestId('lanes')).toContainText('Ben');
  await page.getByTestId('rationale').fill('Ana kept the whole clause');
  await page.getByTestId('accept-Ana').click();
  await expect(page.getByTestId('decision')).toContainText('accepted Ana’s version');
  await page.getByTestId('disagreement-list').getByLabel('Open only').uncheck();
  await expect(page.getByTestId('disagreement-count')).toHaveText('1 disagreement, 1 settled');
  await expect(page.getByTestId('disagreement-row')).toContainText('settled');
  await page.screenshot({ path: info.outputPath('disagreements.png') });
});
