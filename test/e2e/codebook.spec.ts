// The codebook panel end to end: create codes and sub-codes, reorder by keyboard, re-parent by
// drag and drop, edit, delete with a confirmation that counts what goes, and undo / redo.
import { expect, test, type Page } from '@playwright/test';
import { createProject, tempProjectPath } from './helpers';

/** Labels in tree order, with two spaces of indent per level (from aria-level). */
async function outline(page: Page): Promise<string[]> {
  return page.locator('[role="treeitem"]').evaluateAll((items) =>
    items.map((el) => {
      const level = Number(el.getAttribute('aria-level')) - 1;
      const label = el.querySelector('[data-code-label]')?.getAttribute('data-code-label') ?? '?';
      return `${'  '.repeat(level)}${label}`;
    }),
  );
}

async function createCode(page: Page, label: string, name: string, parentTitle?: string): Promise<void> {
  if (parentTitle) await page.getByRole('button', { name: `Add a sub-code to ${parentTitle}` }).click();
  else await page.getByTestId('code-new').click();
  await page.getByTestId('code-label').fill(label);
  await page.getByTestId('code-name').fill(name);
  await page.getByTestId('code-editor').getByRole('button', { name: 'Save' }).click();
  await expect(page.getByTestId('code-editor')).toBeHidden();
}

test('create, reorder, re-parent, edit, delete and undo codes', async ({ page }) => {
  await createProject(page, tempProjectPath());

  await createCode(page, 'A', 'Alpha');
  await createCode(page, 'B', 'Beta');
  await createCode(page, 'A1', 'Alpha one', 'A Alpha');
  await expect.poll(() => outline(page)).toEqual(['A', '  A1', 'B']);

  // Keyboard: Alt+↑ on B moves it above A.
  await page.locator('[data-tree-id]').filter({ hasText: 'Beta' }).click();
  await page.keyboard.press('Alt+ArrowUp');
  await expect.poll(() => outline(page)).toEqual(['B', 'A', '  A1']);

  // Drag and drop: A1 dropped onto the middle of B becomes B's child.
  await page.locator('[data-tree-id]').filter({ hasText: 'Alpha one' }).dragTo(page.locator('[data-tree-id]').filter({ hasText: 'Beta' }));
  await expect.poll(() => outline(page)).toEqual(['B', '  A1', 'A']);

  // Edit by F2.
  await page.locator('[data-tree-id]').filter({ hasText: 'Beta' }).focus();
  await page.keyboard.press('F2');
  await page.getByTestId('code-name').fill('Beta renamed');
  await page.getByTestId('code-editor').getByRole('button', { name: 'Save' }).click();
  await expect(page.getByTestId('codebook-panel')).toContainText('Beta renamed');

  // Delete B: the confirmation counts B and its sub-code A1, with no codings.
  await page.getByRole('button', { name: 'More actions for B Beta renamed' }).click();
  await page.getByRole('menuitem', { name: 'Delete…' }).click();
  await expect(page.getByTestId('confirm-delete')).toContainText('This removes 2 codes and 0 codings');
  await page.getByTestId('confirm-delete').getByRole('button', { name: 'Delete' }).click();
  await expect.poll(() => outline(page)).toEqual(['A']);

  // Undo brings them back; Ctrl+Z undoes the rename; Ctrl+Shift+Z redoes it.
  await page.getByTestId('undo').click();
  await expect.poll(() => outline(page)).toEqual(['B', '  A1', 'A']);
  await page.locator('body').click({ position: { x: 700, y: 5 } });
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('codebook-panel')).not.toContainText('Beta renamed');
  await expect(page.getByTestId('codebook-panel')).toContainText('Beta');
  await page.keyboard.press('Control+Shift+z');
  await expect(page.getByTestId('codebook-panel')).toContainText('Beta renamed');
});
