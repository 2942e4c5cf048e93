// Shared steps for the end-to-end specs: a temp project per test, choosing a coder, and calling
// the API from inside the page with the token the server put into index.html.
import { expect, type Page } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

/**
 * A fresh temp directory, inside this run's own folder (made by playwright.config.ts and removed
 * when the run ends), so a run leaves nothing behind in the system's temp folder.
 */
export function tempDir(prefix = 'accord-e2e-'): string {
  return mkdtempSync(join(process.env.ACCORD_E2E_TMP ?? tmpdir(), prefix));
}

/** A fresh temp directory and a project path inside it. */
export function tempProjectPath(name = 'study.accord'): string {
  return join(tempDir(), name);
}

/**
 * Load the workbench and close whatever project an earlier test left open (the server holds one open
 * project for all tests). It is closed through the API, without answering the page's "who is coding?":
 * choosing a coder there would add one to that project (the shared demo study, say), and so change
 * what later tests see in it.
 */
export async function gotoStartScreen(page: Page): Promise<void> {
  await page.goto('/');
  const start = page.getByTestId('start-screen');
  await expect(start.or(page.getByTestId('project-name')).first()).toBeVisible();
  if (await start.isVisible()) return;
  await apiCall(page, 'project:close', {});
  await page.goto('/');
  await expect(start).toBeVisible();
}

/** Open the demo study from the start screen, with `coder` coding if the session has no coder yet. */
export async function openDemo(page: Page, coder = 'Ana'): Promise<void> {
  await gotoStartScreen(page);
  await page.getByTestId('open-demo').click();
  await expect(page.getByTestId('project-name')).toContainText('demo');
  // The session may already have a coder (the server keeps it); otherwise the dialog asks.
  const dialog = page.getByTestId('coder-select');
  const chip = page.getByTestId('current-coder').filter({ hasText: 'Coding as' });
  await expect(dialog.or(chip).first()).toBeVisible();
  if (!(await chip.isVisible())) {
    await page.getByTestId('coder-name').fill(coder);
    await page.getByTestId('coder-submit').click();
  }
}

/** Create a project at `path` from the start screen and make `coder` the current coder. */
export async function createProject(page: Page, path: string, coder = 'Alice'): Promise<void> {
  await gotoStartScreen(page);
  // Browser mode confines paths to the folder the server was started for (tmpdir() here).
  await page.getByTestId('project-path').fill(relative(tmpdir(), path));
  await page.getByTestId('project-create').click();
  await expect(page.getByTestId('project-name')).toBeVisible();
  // A coder may already be chosen for this session (the server keeps it); otherwise the dialog asks.
  const dialog = page.getByTestId('coder-select');
  const chip = page.getByTestId('current-coder').filter({ hasText: 'Coding as' });
  await expect(dialog.or(chip).first()).toBeVisible();
  if (!(await chip.isVisible())) {
    await page.getByTestId('coder-name').fill(coder);
    await page.getByTestId('coder-submit').click();
  } else if (!(await chip.textContent())?.includes(coder)) {
    await page.getByTestId('switch-coder').click();
    await page.getByTestId('coder-name').fill(coder);
    await page.getByTestId('coder-submit').click();
  }
  await expect(page.getByTestId('current-coder')).toContainText(`Coding as ${coder}`);
}

/** Call an API method from the page, as the workbench does (token from the meta tag). */
export async function apiCall<T>(page: Page, method: string, input: unknown): Promise<T> {
  const envelope = await page.evaluate(
    async ({ method, input }) => {
      const token = document.querySelector('meta[name="accord-token"]')?.getAttribute('content') ?? '';
      // The page's tab id: the server keeps the current coder per tab.
      const tab = sessionStorage.getItem('accord-tab') ?? 'local';
      const res = await fetch(`/api/${method}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Accord-Token': token, 'X-Accord-Tab': tab },
        body: JSON.stringify(input),
      });
      return res.json();
    },
    { method, input },
  );
  if (!envelope.ok) throw new Error(`${method}: ${envelope.error.code} ${envelope.error.message}`);
  return envelope.value as T;
}

/** Select `phrase` inside the document view with a real DOM selection (as a mouse drag would); it may cross highlights. */
export async function selectText(page: Page, phrase: string): Promise<void> {
  const found = await page.getByTestId('document-text').evaluate((root, phrase) => {
    const nodes: { node: Text; start: number }[] = [];
    let all = '';
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      nodes.push({ node: n as Text, start: all.length });
      all += n.textContent ?? '';
    }
    const at = all.indexOf(phrase);
    if (at < 0) return false;
    const locate = (offset: number, preferNext: boolean) => {
      for (let i = nodes.length - 1; i >= 0; i--) {
        const { node, start } = nodes[i];
        const len = node.length;
        if (offset > start || (offset === start && !preferNext) || (offset === start && preferNext && len > 0)) {
          if (offset - start <= len) return { node, offset: offset - start };
        }
      }
      return { node: nodes[0].node, offset: 0 };
    };
    const a = locate(at, true);
    const b = locate(at + phrase.length, false);
    document.getSelection()?.setBaseAndExtent(a.node, a.offset, b.node, b.offset);
    return true;
  }, phrase);
  expect(found, `"${phrase}" is shown in the document view`).toBe(true);
}
