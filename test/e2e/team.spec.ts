// A team codes one study at once (issue 11): a team server started here on a temp project, lead Ana
// and blind coder Ben signed in from two browser contexts. Ben never sees Ana's codings or their
// text, through the UI or any channel he can call; Ana's new code appears in Ben's codebook without
// a reload; revoking Ben's token ends his session at once. And in single-user mode, "Switch coder"
// shows the new coder's view at once with nothing of the previous coder's left on screen.
import { expect, test, type Browser, type Page } from '@playwright/test';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { apiCall, createProject, tempDir, tempProjectPath } from './helpers';

const REPO = resolve(import.meta.dirname, '../..');
const ACCORD = join(REPO, 'bin/accord.mjs');
const SHOTS = join(REPO, 'test-results');
/** Ana's coded passage: it must never reach Ben as a coding. */
const PASSAGE = 'we moved the clinic hours to suit the farmers';
const TRANSCRIPT = `Interviewer: How did the service change?\nID07: At first nothing fitted. Then ${PASSAGE}, and people came.\nInterviewer: Who decided?\nID07: The district nurses did, with the council.\n`;

function accord(...args: string[]): string {
  return execFileSync(process.execPath, [ACCORD, ...args], { encoding: 'utf8' });
}

interface TeamServer {
  url: string;
  project: string;
  tokens: { Ana: string; Ben: string };
  process: ChildProcess;
}

async function startTeamServer(): Promise<TeamServer> {
  const dir = tempDir('accord-team-e2e-');
  const project = join(dir, 'study.accord');
  writeFileSync(join(dir, 'ID07 interview.txt'), TRANSCRIPT);
  accord('init', project);
  accord('import', project, join(dir, 'ID07 interview.txt'));
  const ana = JSON.parse(accord('team', 'init', project, '--lead', 'Ana', '--json')) as { token: string };
  const ben = JSON.parse(accord('team', 'invite', project, 'Ben', '--role', 'coder', '--json')) as { token: string };
  const child = spawn(process.execPath, [ACCORD, 'serve', project, '--team', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const url = await new Promise<string>((ok, fail) => {
    let out = '';
    const timer = setTimeout(() => fail(new Error(`the team server did not start: ${out}`)), 60_000);
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /at (https?:\/\/\S+\/)/.exec(out);
      if (m) {
        clearTimeout(timer);
        ok(m[1]);
      }
    });
    child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
    child.on('exit', (code) => fail(new Error(`the team server exited (${code}): ${out}`)));
  });
  return { url, project, tokens: { Ana: ana.token, Ben: ben.token }, process: child };
}

/** A call from the test itself, as a script with a member's bearer token would make it. */
async function asMember<T>(server: TeamServer, token: string, method: string, input: unknown): Promise<T> {
  const res = await fetch(`${server.url}api/${method}`, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: JSON.stringify(input) });
  const envelope = (await res.json()) as { ok: boolean; value: T; error?: { message: string } };
  if (!envelope.ok) throw new Error(`${method}: ${envelope.error?.message}`);
  return envelope.value;
}

async function signIn(browser: Browser, server: TeamServer, token: string): Promise<Page> {
  const context = await browser.newContext({ baseURL: server.url });
  const page = await context.newPage();
  await page.goto('/');
  await expect(page).toHaveURL(/\/signin$/);
  await page.getByTestId('signin-token').fill(token);
  await page.getByTestId('signin-submit').click();
  await expect(page.getByTestId('project-name')).toHaveText('study');
  return page;
}

/** A channel called from the signed-in page with its session cookie, as any script in it could. */
function fromPage(page: Page, method: string, input: unknown): Promise<{ status: number; body: string }> {
  return page.evaluate(
    async ({ method, input }) => {
      const res = await fetch(`/api/${method}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(input) });
      return { status: res.status, body: await res.text() };
    },
    { method, input },
  );
}

test.describe('team server', () => {
  let server: TeamServer;
  test.beforeAll(async () => {
    server = await startTeamServer();
  });
  test.afterAll(() => {
    server?.process.kill('SIGTERM');
  });

  test("blind Ben never sees Ana's codings; her new code reaches him live; revoking him ends his session", async ({ browser }) => {
    test.setTimeout(120_000);
    const { Ana, Ben } = server.tokens;
    // The lead sets up blind coding and codes a passage.
    const code = await asMember<{ id: number }>(server, Ana, 'codebook:create', { parentId: null, label: '10a', name: 'Adaptation' });
    const [doc] = await asMember<{ id: number }[]>(server, Ana, 'documents:list', {});
    const coders = await asMember<{ id: number; name: string }[]>(server, Ana, 'coders:list', {});
    const anaId = coders.find((c) => c.name === 'Ana')!.id;
    await asMember(server, Ana, 'agreement:assign', { documentIds: [doc.id], coderIds: coders.map((c) => c.id), assigned: true });
    await asMember(server, Ana, 'agreement:setBlind', { blind: true });
    const at = TRANSCRIPT.indexOf(PASSAGE);
    const [anaCoding] = await asMember<{ id: number }[]>(server, Ana, 'codings:apply', { documentId: doc.id, codeIds: [code.id], start: at, end: at + PASSAGE.length });

    const ana = await signIn(browser, server, Ana);
    const ben = await signIn(browser, server, Ben);
    await expect(ana.getByTestId('current-coder')).toHaveText('Signed in as Ana · lead');
    await expect(ben.getByTestId('current-coder')).toHaveText('Signed in as Ben · coder');
    await expect(ben.getByTestId('switch-coder')).toHaveCount(0);

    // Ana sees her coding; Ben sees the text but no coding, and a count of 0.
    await ana.getByTestId('document-item').first().click();
    await expect(ana.locator('.coding-mark').first()).toBeVisible();
    await ben.getByTestId('document-item').first().click();
    await expect(ben.getByTestId('document-text')).toContainText(PASSAGE);
    await expect(ben.getByTestId('document-item').first()).toContainText('0 codings');
    await expect(ben.locator('.coding-mark')).toHaveCount(0);
    await ben.screenshot({ path: join(SHOTS, 'team-ben-blind.png') });

    // No channel Ben can call hands him Ana's coding or its text (documents:get returns the document's
    // own text, which includes the passage, so it is not a coding channel).
    const probes: [string, unknown][] = [
      ['codings:list', { documentId: doc.id }],
      ['audit:list', { limit: 10000 }],
      ['history:state', {}],
      ['codings:exportCsv', {}],
      ['agreement:report', {}],
      ['themes:candidates', { themeId: 1 }],
      ['reports:table', { table: 'quotes' }],
      ['exchange:export', { format: 'qde' }],
      ['search:run', { query: 'farmers' }],
      ['queries:run', { query: '10a' }],
      ['consensus:regions', { documentId: doc.id }],
      ['memos:list', {}],
    ];
    for (const [method, input] of probes) {
      const r = await fromPage(ben, method, input);
      // Soft: every leaking channel is reported, and the rest of the walk-through still runs.
      expect.soft(r.status, method).toBe(200);
      expect.soft(r.body, `${method} must not carry Ana's coded text`).not.toContain(PASSAGE);
      expect.soft(r.body, `${method} must not carry Ana's coding`).not.toMatch(new RegExp(`"coderId":${anaId}\\b`));
    }
    // Ana's coding id is "not found" for Ben: he can neither quote it nor remove it.
    const theme = await asMember<{ id: number }>(server, Ana, 'themes:create', { name: 'Fitting the service' });
    const quote = await fromPage(ben, 'themes:addQuote', { themeId: theme.id, codingId: anaCoding.id });
    expect.soft(quote.body, "themes:addQuote must not quote Ana's coding").not.toContain(PASSAGE);
    expect.soft(JSON.parse(quote.body).ok).toBe(false);
    expect.soft(JSON.parse((await fromPage(ben, 'codings:remove', { id: anaCoding.id })).body).ok, "codings:remove must refuse Ana's coding").toBe(false);
    expect.soft(await asMember<unknown[]>(server, Ana, 'codings:list', { documentId: doc.id })).toHaveLength(1);
    // The change stream carries nothing of Ana's coding to Ben either (his codebook events do arrive below).

    // Ana adds a code in her browser: it appears in Ben's codebook without a reload.
    await ben.evaluate(() => ((window as unknown as { stillHere: boolean }).stillHere = true));
    await ana.getByTestId('code-new').click();
    await ana.getByTestId('code-label').fill('30a');
    await ana.getByTestId('code-name').fill('Leadership from the district nurses');
    await ana.getByTestId('code-editor').getByRole('button', { name: 'Save' }).click();
    await expect(ben.getByTestId('codebook-panel')).toContainText('Leadership from the district nurses', { timeout: 5000 });
    expect(await ben.evaluate(() => (window as unknown as { stillHere?: boolean }).stillHere)).toBe(true);
    await ben.screenshot({ path: join(SHOTS, 'team-ben-live-code.png') });
    await ana.screenshot({ path: join(SHOTS, 'team-ana.png') });

    // The lead's Team dialog: members, and a new member's token shown once. Ben has no such button.
    await expect(ben.getByTestId('open-team')).toHaveCount(0);
    await ana.getByTestId('open-team').click();
    await expect(ana.getByTestId('team-member')).toHaveText([/^Ana/, /^Ben/]);
    await ana.getByTestId('team-name').fill('Cy');
    await ana.getByTestId('team-role').selectOption('viewer');
    await ana.getByTestId('team-submit').click();
    await expect(ana.getByTestId('team-token')).toHaveValue(/^accord_[0-9a-f]{16}_/);
    await expect(ana.getByTestId('team-member')).toHaveText([/^Ana/, /^Ben/, /^Cy/]);
    await ana.screenshot({ path: join(SHOTS, 'team-dialog.png') });

    // The lead revokes Ben on the command line: his page is back at the sign-in form at once, and
    // the lead's open Team dialog shows it.

    accord('team', 'revoke', server.project, 'Ben');
    const revokedAt = Date.now();
    await expect(ben).toHaveURL(/\/signin$/, { timeout: 5000 });
    expect(Date.now() - revokedAt, 'from the revoke to the sign-in page').toBeLessThan(3000);
    await expect(ana.getByTestId('team-member').filter({ hasText: 'Ben' })).toContainText('revoked');
    const after = await ben.request.post('/api/project:info', { headers: { 'Content-Type': 'application/json' }, data: {} });
    expect(after.status()).toBe(401);
    await ben.getByTestId('signin-token').fill(Ben);
    await ben.getByTestId('signin-submit').click();
    await expect(ben.getByTestId('signin-error')).toContainText('not valid');
    await ben.screenshot({ path: join(SHOTS, 'team-ben-revoked.png') });
  });
});

test('single-user mode: Switch coder shows the new coder at once, nothing of the previous one left', async ({ page }) => {
  await createProject(page, tempProjectPath(), 'Alice');
  const imported = await apiCall<{ document: { id: number } }>(page, 'documents:import', {
    fileName: 'ID07 interview.txt',
    dataBase64: Buffer.from(TRANSCRIPT).toString('base64'),
  });
  const code = await apiCall<{ id: number }>(page, 'codebook:create', { parentId: null, label: '10a', name: 'Adaptation' });
  const at = TRANSCRIPT.indexOf(PASSAGE);
  await apiCall(page, 'codings:apply', { documentId: imported.document.id, codeIds: [code.id], start: at, end: at + PASSAGE.length });
  await page.getByTestId('switch-coder').click();
  await page.getByTestId('coder-name').fill('Bob');
  await page.getByTestId('coder-submit').click();
  await page.getByTestId('switch-coder').click();
  await page.getByRole('dialog').getByRole('button', { name: 'Alice' }).click();
  await expect(page.getByTestId('current-coder')).toContainText('Coding as Alice');
  const coders = await apiCall<{ id: number; name: string }[]>(page, 'coders:list', {});
  await apiCall(page, 'agreement:assign', { documentIds: [imported.document.id], coderIds: coders.filter((c) => c.name !== 'Consensus').map((c) => c.id), assigned: true });
  await apiCall(page, 'agreement:setBlind', { blind: true });

  await page.getByTestId('document-item').filter({ hasText: 'ID07' }).click();
  await expect(page.locator('.coding-mark').first()).toBeVisible();
  await expect(page.getByTestId('document-item').filter({ hasText: 'ID07' })).toContainText('1 coding ');

  await page.evaluate(() => ((window as unknown as { stillHere: boolean }).stillHere = true));
  await page.getByTestId('switch-coder').click();
  await page.getByRole('dialog').getByRole('button', { name: 'Bob' }).click();
  await expect(page.getByTestId('current-coder')).toContainText('Coding as Bob');
  await expect(page.locator('.coding-mark')).toHaveCount(0);
  await expect(page.getByTestId('document-item').filter({ hasText: 'ID07' })).toContainText('0 codings');
  expect(await page.evaluate(() => (window as unknown as { stillHere?: boolean }).stillHere)).toBe(true);
  await page.screenshot({ path: join(SHOTS, 'switch-coder-bob.png') });

  await page.getByTestId('switch-coder').click();
  await page.getByRole('dialog').getByRole('button', { name: 'Alice' }).click();
  await expect(page.locator('.coding-mark').first()).toBeVisible();
  await apiCall(page, 'agreement:setBlind', { blind: false });
});
