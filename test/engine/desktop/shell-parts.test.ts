// The shell's parts that need no Electron: the menu per platform, window-state memory, and the engine
// client's routing over a port (answers matched by id, a slow call never holds up the others).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';
import { afterAll, describe, expect, it } from 'vitest';
import type { HostCommand } from '../../../shared/api/host';
import { EngineClient, type EngineChild } from '../../../electron/main/engine-client';
import type { FromEngine, ToEngine } from '../../../electron/main/engine-messages';
import { buildMenu } from '../../../electron/main/menu';
import { loadWindowState, saveWindowState, visibleBounds } from '../../../electron/main/window-state';

const dir = mkdtempSync(join(tmpdir(), 'accord-shell-parts-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Item = MenuItemConstructorOptions;
const items = (menu: Item) => menu.submenu as Item[];

function menuFor(platform: NodeJS.Platform, recent: string[] = []) {
  const sent: HostCommand[] = [];
  const opened: string[] = [];
  const menu = buildMenu(
    { platform, appName: 'Accord', recent, devTools: false },
    { newProject: () => opened.push('new'), openProject: () => opened.push('open'), openRecent: (p) => opened.push(p), send: (c) => sent.push(c), openGuide: () => opened.push('guide') },
  );
  return { menu, sent, opened };
}

describe('application menu', () => {
  it('has File, Edit, View and Help with the usual items and accelerators on Windows and Linux', () => {
    const { menu, sent, opened } = menuFor('linux', ['/home/me/study.accord']);
    expect(menu.map((m) => m.label)).toEqual(['&File', '&Edit', '&View', '&Help']);
    const file = items(menu[0]);
    expect(file.filter((i) => i.label).map((i) => [i.label, i.accelerator ?? null])).toEqual([
      ['New project…', 'CmdOrCtrl+N'],
      ['Open…', 'CmdOrCtrl+O'],
      ['Open recent', null],
      ['Import documents…', 'CmdOrCtrl+I'],
      ['Export…', 'CmdOrCtrl+E'],
      ['Close project', 'CmdOrCtrl+Shift+W'],
    ]);
    expect(file.at(-1)).toMatchObject({ role: 'quit', accelerator: 'Ctrl+Q' });
    const edit = items(menu[1]);
    expect(edit.filter((i) => i.role).map((i) => i.role)).toEqual(['cut', 'copy', 'paste', 'selectAll']);
    expect(edit.filter((i) => i.label).map((i) => [i.label, i.accelerator])).toEqual([
      ['Undo', 'CmdOrCtrl+Z'],
      ['Redo', 'Ctrl+Y'],
      ['Find…', 'CmdOrCtrl+F'],
    ]);
    expect(edit.find((i) => i.label === 'Find…')!.accelerator).toBe('CmdOrCtrl+F');
    expect(items(menu[2]).some((i) => i.role === 'toggleDevTools')).toBe(false);
    expect(items(menu[3]).map((i) => i.label ?? i.role)).toEqual(['Keyboard shortcuts', 'Team workflow guide', undefined, 'About Accord']);

    const click = (i: Item) => (i.click as () => void)();
    click(file[0]);
    click(file[1]);
    click(items(file[2])[0]);
    click(file.find((i) => i.label === 'Import documents…')!);
    click(file.find((i) => i.label === 'Close project')!);
    click(edit.find((i) => i.label === 'Find…')!);
    click(edit.find((i) => i.label === 'Undo')!);
    click(items(menu[3])[0]);
    click(items(menu[3])[1]);
    expect(opened).toEqual(['new', 'open', '/home/me/study.accord', 'guide']);
    expect(sent).toEqual([{ command: 'import-documents' }, { command: 'close-project' }, { command: 'find' }, { command: 'undo' }, { command: 'shortcuts' }]);
    expect(items(file[2])[0]).toMatchObject({ label: 'study.accord', sublabel: '/home/me/study.accord' });
  });

  it('macOS: the app menu first, a Window menu, Cmd+Shift+Z redo, quit in the app menu', () => {
    const { menu } = menuFor('darwin');
    expect(menu.map((m) => m.role ?? m.label)).toEqual(['appMenu', '&File', '&Edit', '&View', 'windowMenu', 'help']);
    expect(items(menu[1]).some((i) => i.role === 'quit')).toBe(false);
    expect(items(menu[2]).find((i) => i.label === 'Redo')!.accelerator).toBe('Cmd+Shift+Z');
    expect(items(items(menu[1])[2])).toEqual([{ label: 'No recent projects', enabled: false }]);
  });
});

describe('window state', () => {
  it('round-trips, ignores a damaged file, and drops bounds that are off every screen', () => {
    const file = join(dir, 'state', 'window-state.json');
    expect(loadWindowState(file)).toEqual({ bounds: null, maximized: false });
    saveWindowState(file, { bounds: { x: 40, y: 30, width: 1200, height: 800 }, maximized: true });
    expect(loadWindowState(file)).toEqual({ bounds: { x: 40, y: 30, width: 1200, height: 800 }, maximized: true });
    writeFileSync(file, '{"bounds": {"x": "a"');
    expect(loadWindowState(file)).toEqual({ bounds: null, maximized: false });
    writeFileSync(file, JSON.stringify({ bounds: { x: 0, y: 0, width: 10, height: 10 } }));
    expect(loadWindowState(file).bounds).toBeNull();

    const screen = [{ x: 0, y: 0, width: 1920, height: 1080 }];
    expect(visibleBounds({ x: 100, y: 100, width: 800, height: 600 }, screen)).toEqual({ x: 100, y: 100, width: 800, height: 600 });
    // Left on a second monitor that is no longer there.
    expect(visibleBounds({ x: 2500, y: 100, width: 800, height: 600 }, screen)).toBeNull();
    expect(visibleBounds({ x: 100, y: -500, width: 800, height: 600 }, screen)).toBeNull();
  });
});

/** A fake engine process: answers when the test says so, in any order. */
function fakeChild() {
  const sent: ToEngine[] = [];
  const listeners: { message: ((m: FromEngine) => void)[]; exit: ((code: number) => void)[] } = { message: [], exit: [] };
  const child: EngineChild = {
    postMessage: (m) => sent.push(m),
    on: ((event: 'message' | 'exit', fn: never) => listeners[event].push(fn)) as EngineChild['on'],
    kill: () => true,
  };
  return {
    child,
    sent,
    reply: (id: number, value: unknown) => listeners.message.forEach((fn) => fn({ type: 'result', id, envelope: { ok: true, value } })),
    exit: (code: number) => listeners.exit.forEach((fn) => fn(code)),
    emit: (m: FromEngine) => listeners.message.forEach((fn) => fn(m)),
  };
}

describe('engine client', () => {
  it('hands the engine\'s change events to the window (issue 11: live updates in the desktop app)', () => {
    const fake = fakeChild();
    const changes: unknown[] = [];
    const client = new EngineClient(() => fake.child, { fatal: () => undefined, crashed: () => undefined, change: (e) => changes.push(e) });
    client.start();
    const event = { batch: 3, actor: 'Ana', action: 'coding.apply', tables: { codings: [12] }, documents: [1], coders: [1] };
    fake.emit({ type: 'event', event } as unknown as FromEngine);
    expect(changes).toEqual([event]);
  });

  it('matches answers to calls by id, so a long call does not hold up a short one', async () => {
    const fake = fakeChild();
    const client = new EngineClient(() => fake.child, { fatal: () => undefined, crashed: () => undefined });
    const long = client.call('agreement:report', { unit: 'character' });
    const short = client.call('project:info', {});
    expect(fake.sent).toEqual([
      { type: 'call', id: 1, method: 'agreement:report', input: { unit: 'character' } },
      { type: 'call', id: 2, method: 'project:info', input: {} },
    ]);
    fake.reply(2, null);
    expect(await short).toEqual({ ok: true, value: null });
    let longDone = false;
    void long.then(() => (longDone = true));
    await Promise.resolve();
    expect(longDone).toBe(false);
    fake.reply(1, { overall: 0.8 });
    expect(await long).toEqual({ ok: true, value: { overall: 0.8 } });
  });

  it('after a crash, fails what was in flight and reopens the project and coder in the new process first', async () => {
    const fakes = [fakeChild(), fakeChild()];
    let spawned = 0;
    const crashes: number[] = [];
    const client = new EngineClient(() => fakes[spawned++].child, { fatal: () => undefined, crashed: (c) => crashes.push(c) });
    const opened = client.call('project:open', { path: '/p/study.accord' });
    fakes[0].reply(1, { path: '/p/study.accord' });
    await opened;
    expect(client.openProject).toBe('/p/study.accord');
    const coder = client.call('coders:select', { name: 'Ana' });
    fakes[0].reply(2, { id: 1, name: 'Ana' });
    await coder;
    const inFlight = client.call('reports:table', {});
    fakes[0].exit(134);
    expect(await inFlight).toMatchObject({ ok: false, error: { code: 'INTERNAL', message: expect.stringMatching(/exit code 134/) } });
    expect(crashes).toEqual([134]);
    void client.call('codebook:list', {});
    expect(fakes[1].sent).toEqual([
      { type: 'call', id: 4, method: 'project:open', input: { path: '/p/study.accord' } },
      { type: 'call', id: 5, method: 'coders:select', input: { name: 'Ana' } },
      { type: 'call', id: 6, method: 'codebook:list', input: {} },
    ]);
  });

  it('a fatal start answers every call with its message, without starting again', async () => {
    const fake = fakeChild();
    let spawned = 0;
    const fatal: string[] = [];
    const client = new EngineClient(() => (spawned++, fake.child), { fatal: (m) => fatal.push(m), crashed: () => undefined });
    client.start();
    fake.emit({ type: 'fatal', message: 'SQLite could not be loaded from /x/better_sqlite3.node' });
    expect(fatal).toEqual(['SQLite could not be loaded from /x/better_sqlite3.node']);
    expect(await client.call('project:info', {})).toMatchObject({ ok: false, error: { message: expect.stringContaining('/x/better_sqlite3.node') } });
    expect(spawned).toBe(1);
  });
});

/** A client over three fake processes (the main one, then report processes), counting their kills, with `path` open. */
async function openedWithReports(path: string) {
  const fakes = [fakeChild(), fakeChild(), fakeChild()];
  const kills = [0, 0, 0];
  fakes.forEach((f, i) => (f.child.kill = () => (kills[i]++, true)));
  let spawned = 0;
  const client = new EngineClient(() => fakes[spawned++].child, { fatal: () => undefined, crashed: () => undefined });
  const opened = client.call('project:open', { path });
  fakes[0].reply(1, { path });
  await opened;
  return { fakes, kills, client, spawned: () => spawned };
}

describe('engine client: progress and cancelling', () => {
  it('passes a followed call\'s progress on until its answer, and asks only for the calls that follow', async () => {
    const fake = fakeChild();
    const client = new EngineClient(() => fake.child, { fatal: () => undefined, crashed: () => undefined });
    const seen: string[] = [];
    const report = client.call('agreement:report', {}, { onProgress: (d, t, u) => seen.push(`${d}/${t} ${u}`) });
    void client.call('project:info', {});
    expect(fake.sent).toEqual([
      { type: 'call', id: 1, method: 'agreement:report', input: {}, progress: true },
      { type: 'call', id: 2, method: 'project:info', input: {} },
    ]);
    fake.emit({ type: 'progress', id: 1, done: 10, total: 40, unit: 'documents' });
    fake.emit({ type: 'progress', id: 2, done: 1, total: 1, unit: 'documents' });
    fake.reply(1, { ok: 1 });
    fake.emit({ type: 'progress', id: 1, done: 40, total: 40, unit: 'documents' });
    expect(await report).toEqual({ ok: true, value: { ok: 1 } });
    expect(seen).toEqual(['10/40 documents']);
  });

  it('cancelling a running read ends the process; reads waiting behind it go to the new one, after the project reopens', async () => {
    const fakes = [fakeChild(), fakeChild()];
    let killed = 0;
    fakes[0].child.kill = () => (killed++, true);
    let spawned = 0;
    const crashes: number[] = [];
    const client = new EngineClient(() => fakes[spawned++].child, { fatal: () => undefined, crashed: (c) => crashes.push(c) });
    const opened = client.call('project:open', { path: '/p/study.accord' });
    fakes[0].reply(1, { path: '/p/study.accord' });
    await opened;
    // Not followed with progress, so it runs in the main process.
    const abort = new AbortController();
    const read = client.call('intersections:matrix', { mode: 'overlap' }, { signal: abort.signal });
    const list = client.call('codebook:list', {});
    const change = client.call('codebook:create', { parentId: null, label: '10', name: 'X' });
    abort.abort();
    expect(await read).toEqual({ ok: false, error: { code: 'CANCELLED', message: 'cancelled' } });
    expect(killed).toBe(1);
    // Nothing more from the ended process reaches anyone.
    fakes[0].reply(3, ['late']);
    fakes[0].exit(9);
    expect(crashes).toEqual([]);
    expect(await change).toMatchObject({ ok: false, error: { message: expect.stringContaining('check whether it was saved') } });
    expect(fakes[1].sent).toEqual([
      { type: 'call', id: 5, method: 'project:open', input: { path: '/p/study.accord' } },
      { type: 'call', id: 3, method: 'codebook:list', input: {} },
    ]);
    fakes[1].reply(5, { path: '/p/study.accord' });
    fakes[1].reply(3, []);
    expect(await list).toEqual({ ok: true, value: [] });
  });

  it('runs followed reports in a second process, after the changes sent before them, while other calls go on', async () => {
    const { fakes, kills, client, spawned } = await openedWithReports('/p/study.accord');
    const coder = client.call('coders:select', { name: 'Ana' });
    fakes[0].reply(2, { id: 1, name: 'Ana' });
    await coder;

    const change = client.call('codebook:create', { parentId: null, label: '10', name: 'X' });
    const seen: number[] = [];
    const report = client.call('agreement:report', { unit: 'character' }, { onProgress: (d) => seen.push(d) });
    const read = client.call('codebook:list', {});
    // The report waits for the change sent before it; the read does not wait for the report.
    expect(spawned()).toBe(1);
    expect(fakes[0].sent.map((m) => (m.type === 'call' ? m.method : m.type))).toEqual(['project:open', 'coders:select', 'codebook:create', 'codebook:list']);
    fakes[0].reply(3, { id: 7 });
    await change;
    // Now the report process starts: the project read only, the coder, then the report.
    expect(spawned()).toBe(2);
    expect(fakes[1].sent).toEqual([
      { type: 'call', id: 6, method: 'project:open', input: { path: '/p/study.accord', readOnly: true } },
      { type: 'call', id: 7, method: 'coders:select', input: { name: 'Ana' } },
      { type: 'call', id: 4, method: 'agreement:report', input: { unit: 'character' }, progress: true },
    ]);
    fakes[1].reply(6, { path: '/p/study.accord' });
    fakes[1].emit({ type: 'progress', id: 4, done: 2, total: 9, unit: 'documents' });
    fakes[0].reply(5, []);
    expect(await read).toEqual({ ok: true, value: [] });
    fakes[1].reply(4, { unit: 'character' });
    expect(await report).toEqual({ ok: true, value: { unit: 'character' } });
    expect(seen).toEqual([2]);

    // Cancelling a running report ends only the report process.
    const abort = new AbortController();
    const second = client.call('intersections:matrix', { mode: 'overlap' }, { signal: abort.signal, onProgress: () => undefined });
    expect(fakes[1].sent.at(-1)).toMatchObject({ method: 'intersections:matrix' });
    abort.abort();
    expect(await second).toEqual({ ok: false, error: { code: 'CANCELLED', message: 'cancelled' } });
    expect(kills).toEqual([0, 1, 0]);
    fakes[1].reply((fakes[1].sent.at(-1) as { id: number }).id, 'late');
    // The main process carries on; the next report starts a new report process.
    const info = client.call('project:info', {});
    fakes[0].reply((fakes[0].sent.at(-1) as { id: number }).id, { documents: 1 });
    expect(await info).toEqual({ ok: true, value: { documents: 1 } });
    void client.call('agreement:report', {}, { onProgress: () => undefined });
    expect(spawned()).toBe(3);
    expect(fakes[2].sent.map((m) => (m.type === 'call' ? m.method : m.type))).toEqual(['project:open', 'coders:select', 'agreement:report']);
  });

  it('another coder or project ends the report process; a crash of the main one fails the reports too', async () => {
    const { fakes, kills, client, spawned } = await openedWithReports('/p/a.accord');
    const report = client.call('agreement:report', {}, { onProgress: () => undefined });
    expect(spawned()).toBe(2);
    // Another coder while the report runs: the report finishes, then its process is replaced.
    const coder = client.call('coders:select', { name: 'Ben' });
    fakes[0].reply((fakes[0].sent.at(-1) as { id: number }).id, { id: 2, name: 'Ben' });
    await coder;
    expect(kills[1]).toBe(0);
    fakes[1].reply((fakes[1].sent.at(-1) as { id: number }).id, 'done');
    expect(await report).toEqual({ ok: true, value: 'done' });
    expect(kills[1]).toBe(1);
    // A report on the next process; then the main process crashes: the report fails with it.
    const next = client.call('agreement:report', {}, { onProgress: () => undefined });
    expect(fakes[2].sent.map((m) => (m.type === 'call' ? [m.method, m.input] : m.type))).toEqual([
      ['project:open', { path: '/p/a.accord', readOnly: true }],
      ['coders:select', { name: 'Ben' }],
      ['agreement:report', {}],
    ]);
    fakes[0].exit(134);
    expect(await next).toMatchObject({ ok: false, error: { message: expect.stringMatching(/exit code 134/) } });
    expect(kills[2]).toBe(1);
  });

  it('cancelling a call still waiting drops its answer and leaves the process alone', async () => {
    const fake = fakeChild();
    let killed = 0;
    fake.child.kill = () => (killed++, true);
    const client = new EngineClient(() => fake.child, { fatal: () => undefined, crashed: () => undefined });
    const first = client.call('agreement:report', {});
    const abort = new AbortController();
    const second = client.call('intersections:matrix', {}, { signal: abort.signal });
    abort.abort();
    expect(await second).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    fake.reply(1, 'a');
    fake.reply(2, 'b');
    expect(await first).toEqual({ ok: true, value: 'a' });
    expect(killed).toBe(0);
  });
});
