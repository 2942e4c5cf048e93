// Issue "Foundation", end to end: create a project, choose a coder, import a transcript and the
// study's code structure, code a passage via the picker, and find it again after a reload.
import { expect, test } from '@playwright/test';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { apiCall, createProject, selectText, tempDir, tempProjectPath } from './helpers';

// A transcript in the shape of a student interview (speaker labels, CRLF line endings, a BOM), written
// by the test so the core flow runs on a fresh clone without ../shared.
const transcript = join(tempDir('accord-e2e-fixture-'), 'transcript.txt');
writeFileSync(
  transcript,
  '\ufeff' +
    [
      'Interviewer: How are your studies going this term?',
      'Student: Honestly, I am struggling with the lecture slides because they move so fast.',
      'Interviewer: What helps?',
      'Student: Working with friends after class, and the recorded sessions.',
    ].join('\r\n'),
);

// Lines in the form of the study's "Code Structure" (Curry et al., BMJ Open 2022, supplement):
// label, a tab, then the name with an optional parenthetical description.
const STUDY_CODES = [
  '10\tFeatures of the innovation (<i>higher level design principles</i>)',
  '10a.\tAdaptation (e.g., make innovation fit)',
  '10b.\tComplexity (e.g., perceived difficulty of the innovation)',
].join('\n');

const PHRASE = 'I am struggling with the lecture slides';

interface Coding {
  id: number;
  codeId: number;
  start: number;
  end: number;
  text: string;
}


test('code a passage with the picker and find it again after a reload', async ({ page }) => {
  const consoleErrors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') consoleErrors.push(msg.text());
  });

  await createProject(page, tempProjectPath());

  await page.getByTestId('documents-import-input').setInputFiles(transcript);
  await expect(page.getByTestId('import-summary')).toContainText('Imported 1 of 1 file');
  await expect(page.getByTestId('document-item')).toHaveCount(1);

  await page.getByTestId('codebook-import-input').setInputFiles({
    name: 'code-structure.txt',
    mimeType: 'text/plain',
    buffer: Buffer.from(STUDY_CODES, 'utf8'),
  });
  await expect(page.getByTestId('code-row')).toHaveCount(3);
  await expect(page.getByTestId('codebook-panel')).toContainText('Adaptation');

  await page.getByTestId('document-item').first().click();
  await expect(page.getByTestId('document-text')).toContainText(PHRASE);

  await selectText(page, PHRASE);
  await expect(page.getByTestId('selection-info')).toContainText(`${PHRASE.length} characters selected`);
  await page.keyboard.press('c');
  await expect(page.getByTestId('code-picker')).toBeVisible();
  await page.getByTestId('picker-filter').fill('adaptation');
  await expect(page.getByTestId('picker-item')).toHaveCount(1);
  await page.getByTestId('picker-filter').press('Enter');
  await expect(page.getByTestId('code-picker')).toBeHidden();

  const mark = page.locator('mark[data-coding-ids]');
  await expect(mark).toHaveCount(1);
  await expect(mark).toHaveText(PHRASE);
  await expect(page.getByTestId('margin-tag')).toContainText('Adaptation');

  await page.reload();
  await expect(page.getByTestId('current-coder')).toContainText('Coding as Alice');
  await expect(page.locator('mark[data-coding-ids]')).toHaveText(PHRASE);
  await page.locator('mark[data-coding-ids]').click();
  await expect(page.getByTestId('coding-entry')).toHaveCount(1);
  await expect(page.getByTestId('coding-entry')).toContainText('Adaptation');
  await expect(page.getByTestId('coding-entry')).toContainText('Alice');
  await page.keyboard.press('Escape');

  // Through the API: one coding whose offsets select exactly the phrase in the stored text.
  const docs = await apiCall<{ id: number; name: string }[]>(page, 'documents:list', {});
  expect(docs).toHaveLength(1);
  const doc = await apiCall<{ text: string }>(page, 'documents:get', { id: docs[0].id });
  const codes = await apiCall<{ id: number; name: string }[]>(page, 'codebook:list', {});
  const adaptation = codes.find((c) => c.name.startsWith('Adaptation'));
  expect(adaptation).toBeDefined();
  const codings = await apiCall<Coding[]>(page, 'codings:list', { documentId: docs[0].id });
  expect(codings).toHaveLength(1);
  expect(codings[0].codeId).toBe(adaptation!.id);
  expect(codings[0].text).toBe(PHRASE);
  expect(codings[0].start).toBe(doc.text.indexOf(PHRASE));
  expect(codings[0].end - codings[0].start).toBe(PHRASE.length);
  // The file has the phrase once; the stored text drops the BOM and unifies line endings, so the
  // phrase sits 1 code unit (the BOM) + 1 per CRLF before it earlier than in the file.
  const raw = readFileSync(transcript, 'utf8');
  expect(raw.split(PHRASE)).toHaveLength(2);
  expect(codings[0].start).toBe(raw.indexOf(PHRASE) - 1 - 1);

  expect(consoleErrors).toEqual([]);
});
