// Bad input is refused with a message that says what is wrong: bad files one by one, each named, leaving
// the document list as it was; a project path the browser may not use, leaving no file behind.
import { expect, test } from '@playwright/test';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { apiCall, createProject, gotoStartScreen, tempDir, tempProjectPath } from './helpers';

test('an empty file and a junk .docx show errors naming them and change nothing', async ({ page }) => {
  await createProject(page, tempProjectPath());

  const good = '[id1] A short interview line.\n\n[id2] Another one.\n';
  await page.getByTestId('documents-import-input').setInputFiles({ name: 'good.txt', mimeType: 'text/plain', buffer: Buffer.from(good) });
  await expect(page.getByTestId('import-summary')).toContainText('Imported 1 of 1 file');
  await expect(page.getByTestId('document-item')).toHaveCount(1);

  const junk = Buffer.from('this is not a zip archive, so it cannot be a Word document', 'utf8');
  await page.getByTestId('documents-import-input').setInputFiles([
    { name: 'empty.txt', mimeType: 'text/plain', buffer: Buffer.alloc(0) },
    { name: 'junk.docx', mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', buffer: junk },
  ]);
  const summary = page.getByTestId('import-summary');
  await expect(summary).toContainText('Imported 0 of 2 files; 2 failed');
  const failures = page.getByTestId('import-failure');
  await expect(failures).toHaveCount(2);
  await expect(failures.nth(0)).toContainText('empty.txt');
  await expect(failures.nth(1)).toContainText('junk.docx');
  // The engine's own message (after the file name the UI puts first) names the file too.
  for (const [i, name] of [[0, 'empty.txt'], [1, 'junk.docx']] as const) {
    const text = (await failures.nth(i).textContent()) ?? '';
    expect(text.slice(text.indexOf(':') + 1)).toContain(name);
  }

  await expect(page.getByTestId('document-item')).toHaveCount(1);
  const docs = await apiCall<{ name: string }[]>(page, 'documents:list', {});
  expect(docs.map((d) => d.name)).toEqual(['good']);
});

test('the start screen in a browser asks for a path inside its folder and refuses an absolute one, saying why', async ({ page }) => {
  await gotoStartScreen(page);
  const field = page.getByTestId('project-path');
  await expect(field).toHaveAttribute('placeholder', 'study.accord');
  await expect(page.getByTestId('project-path-hint')).toHaveText('A file name, or a path inside the folder Accord was started for (the terminal running it says which).');
  const absolute = join(tempDir(), 'elsewhere.accord');
  await field.fill(absolute);
  await page.getByTestId('project-create').click();
  await expect(page.getByText(`${absolute}: an absolute path is not allowed; paths are relative to the folder Accord was started for`)).toBeVisible();
  await expect(page.getByTestId('start-screen')).toBeVisible();
  expect(existsSync(absolute)).toBe(false);
});
