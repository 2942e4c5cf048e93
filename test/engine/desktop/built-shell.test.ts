// The desktop shell as built: `dist/electron/main.cjs` and `preload.cjs` (rebuilt here first) loaded by
// Node's own CommonJS loader with a stub `electron` module. The engine runs as built too, in a child
// process standing in for Electron's utility process, so calls cross a real process boundary.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { METHOD_NAMES } from '../../../shared/api/contract';
import { electronStub, type ElectronStub } from './electron-stub';

const root = resolve(import.meta.dirname, '../../..');
const mainFile = join(root, 'dist/electron/main.cjs');
const preloadFile = join(root, 'dist/electron/preload.cjs');
const requireCjs = createRequire(import.meta.url);
const loader = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
const originalLoad = loader._load;
const platform = Object.getOwnPropertyDescriptor(process, 'platform')!;

let dir: string;
let stub: ElectronStub;
/** Every module the bundle asked Node for while loading. */
let requested: string[] = [];

/** Load a built bundle afresh with `electron` resolving to the stub. */
async function loadBuilt(file: string, userData: string, prepare?: (s: ElectronStub) => void): Promise<ElectronStub> {
  stub = electronStub(userData);
  prepare?.(stub);
  requested = [];
  loader._load = function (request: string, ...rest: unknown[]) {
    requested.push(request);
    if (request === 'electron') return stub.module;
    return originalLoad.call(this, request, ...rest);
  };
  try {
    delete requireCjs.cache[file];
    requireCjs(file);
  } finally {
    loader._load = originalLoad;
  }
  await settle();
  return stub;
}

const ownListeners = new Set<(...args: unknown[]) => void>();
const settle = () => new Promise((r) => setTimeout(r, 20));
const trusted = { senderFrame: { origin: 'app://accord', parent: null, url: 'app://accord/index.html' }, sender: {} };

async function invoke(s: ElectronStub, channel: string, input: unknown, event: unknown = trusted) {
  const handler = s.ipc.get(channel);
  if (!handler) throw new Error(`no handler for ${channel}`);
  return handler(event, input) as Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string } }>;
}

/** End the engine process the way the app does when it quits. */
async function quit(s: ElectronStub) {
  const event = { prevented: false, preventDefault() { this.prevented = true; } };
  s.emitApp('before-quit', event);
  for (let i = 0; i < 100 && s.forks.some((f) => f.child.exitCode === null && f.child.signalCode === null); i++) await settle();
  for (const f of s.forks) if (f.child.exitCode === null) f.child.kill();
}

beforeAll(() => {
  const r = spawnSync(process.execPath, [join(root, 'scripts/build-electron.mjs')], { cwd: root, encoding: 'utf8' });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  dir = mkdtempSync(join(tmpdir(), 'accord-shell-'));
  for (const l of process.listeners('uncaughtException')) ownListeners.add(l as never);
  for (const l of process.listeners('unhandledRejection')) ownListeners.add(l as never);
}, 120_000);

afterEach(() => {
  Object.defineProperty(process, 'platform', platform);
  // The bundle adds process-wide error listeners on every load; keep only the test runner's own.
  for (const l of process.listeners('uncaughtException')) if (!ownListeners.has(l as never)) process.removeListener('uncaughtException', l);
  for (const l of process.listeners('unhandledRejection')) if (!ownListeners.has(l as never)) process.removeListener('unhandledRejection', l);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('dist/electron/main.cjs as built', () => {
  it('starts without throwing: a sandboxed window on app://accord, one IPC handler per method, a menu, the lock', async () => {
    const s = await loadBuilt(mainFile, join(dir, 'start'));
    await settle();
    try {
      expect(s.windows).toHaveLength(1);
      expect(s.windows[0].options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });
      expect(s.windows[0].options.webPreferences).toMatchObject({ preload: join(root, 'dist/electron/preload.cjs') });
      expect(s.windows[0].loaded).toEqual(['app://accord/index.html']);
      // One per contract method, and the followed calls' pair (progress and Cancel).
      expect([...s.ipc.keys()].sort()).toEqual([...METHOD_NAMES, 'engine:cancel', 'engine:followed'].sort());
      expect(s.menus.length).toBeGreaterThanOrEqual(1);
      const labels = (s.menus.at(-1) as { label?: string }[]).map((m) => m.label);
      expect(labels).toEqual(['&File', '&Edit', '&View', '&Help']);
      expect(s.schemes).toEqual([
        { scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) },
        { scheme: 'accord-media', privileges: expect.objectContaining({ standard: true, secure: true, stream: true }) },
      ]);
      expect([...s.protocolHandlers.keys()]).toEqual(['app', 'accord-media']);
      // The shell itself never loads SQLite: the engine runs in its own process.
      expect(requested).not.toContain('better-sqlite3');
      expect(s.forks.map((f) => f.path)).toEqual([join(root, 'dist/electron/engine.cjs')]);
    } finally {
      await quit(s);
    }
  });

  it('routes calls to the engine process and refuses frames from any other origin', async () => {
    const s = await loadBuilt(mainFile, join(dir, 'route'));
    try {
      const path = join(dir, 'route.accord');
      const created = await invoke(s, 'project:create', { path });
      expect(created).toMatchObject({ ok: true, value: { path, documents: 0 } });
      expect(existsSync(path)).toBe(true);
      expect(await invoke(s, 'project:info', {})).toMatchObject({ ok: true, value: { path } });
      expect(s.recentDocuments).toEqual([path]);
      // The engine's own validation answers through the same envelope.
      expect(await invoke(s, 'codebook:create', { parentId: null, name: '' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
      for (const origin of ['file://', 'app://accord.evil', 'https://accord', 'null']) {
        const event = { senderFrame: { origin, parent: null, url: `${origin}/index.html` }, sender: {} };
        expect(await invoke(s, 'project:info', {}, event)).toMatchObject({ ok: false, error: { message: expect.stringMatching(/refused/) } });
      }
      const framed = { senderFrame: { origin: 'app://accord', parent: {}, url: 'app://accord/x.html' }, sender: {} };
      expect(await invoke(s, 'project:info', {}, framed)).toMatchObject({ ok: false });
      // The engine kept its project in a process of its own; the shell's recent menu lists it.
      await settle();
      const file = (s.menus.at(-1) as { submenu: { label: string; submenu?: { sublabel?: string }[] }[] }[])[0];
      expect(file.submenu.find((i) => i.label === 'Open recent')!.submenu!.map((i) => i.sublabel)).toEqual([path]);
    } finally {
      await quit(s);
    }
  });

  it('a followed report sends its progress to the page before its answer, and Cancel stops it', async () => {
    const s = await loadBuilt(mainFile, join(dir, 'followed'));
    try {
      await invoke(s, 'project:create', { path: join(dir, 'followed.accord') });
      const text = Buffer.from('ID1: we kept the records together and then we planned. '.repeat(4)).toString('base64');
      const doc = (await invoke(s, 'documents:import', { fileName: 'ID1 interview.txt', dataBase64: text })) as { value: { document: { id: number } } };
      const code = (await invoke(s, 'codebook:create', { parentId: null, label: '10', name: 'Records' })) as { value: { id: number } };
      for (const [coder, start] of [['Ana', 0], ['Ben', 4]] as const) {
        await invoke(s, 'coders:select', { name: coder });
        await invoke(s, 'codings:apply', { documentId: doc.value.document.id, codeIds: [code.value.id], start, end: 40 });
      }
      const sent: { channel: string; payload: { id: string; done: number; total: number; unit: string } }[] = [];
      const page = { ...trusted, sender: { isDestroyed: () => false, send: (channel: string, payload: never) => sent.push({ channel, payload }) } };
      const r = await invoke(s, 'engine:followed', { id: 'c1', method: 'agreement:report', input: { unit: 'character' } }, page);
      expect(r).toMatchObject({ ok: true, value: { unit: 'character' } });
      expect(sent.length).toBeGreaterThan(0);
      expect(sent[0]).toEqual({ channel: 'engine:progress', payload: { id: 'c1', done: 0, total: 1, unit: 'documents' } });
      // Only the contract's own channels, and none of the shell's.
      expect(await invoke(s, 'engine:followed', { id: 'c2', method: 'host:openDialog', input: {} }, page)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
      // Reports run in a second engine process (the project open for reading only), beside the main one.
      expect(s.forks).toHaveLength(2);
      const [main, reports] = s.forks;
      // A change and a read meanwhile go to the main process; a report asked after a change sees it.
      await invoke(s, 'codebook:create', { parentId: null, label: '20', name: 'Plans' });
      const after = await invoke(s, 'engine:followed', { id: 'c2b', method: 'agreement:report', input: { unit: 'character' } }, page);
      expect((after.value as { codes: { name: string }[] }).codes.map((c) => c.name)).toEqual(['Records', 'Plans']);
      // Cancelled while it runs: only the report process is ended; the main one keeps the project open
      // (no new main process), and the next report starts a new report process.
      const cancelled = invoke(s, 'engine:followed', { id: 'c3', method: 'intersections:matrix', input: { mode: 'overlap', layer: 'all' } }, page);
      (s.ipc.get('engine:cancel') as (e: unknown, id: unknown) => void)(page, 'c3');
      expect(await cancelled).toEqual({ ok: false, error: { code: 'CANCELLED', message: 'cancelled' } });
      expect(await invoke(s, 'project:info', {})).toMatchObject({ ok: true, value: { documents: 1 } });
      for (let i = 0; i < 100 && reports.child.exitCode === null && reports.child.signalCode === null; i++) await settle();
      expect([main.child.exitCode, main.child.signalCode]).toEqual([null, null]);
      expect(reports.child.signalCode ?? reports.child.exitCode).not.toBeNull();
      expect(await invoke(s, 'engine:followed', { id: 'c4', method: 'agreement:report', input: { unit: 'character' } }, page)).toMatchObject({ ok: true });
      expect(s.forks).toHaveLength(3);
    } finally {
      await quit(s);
    }
  });

  it('a stopped engine process fails the call in flight, then restarts with the same project and coder', async () => {
    const s = await loadBuilt(mainFile, join(dir, 'crash'));
    try {
      const path = join(dir, 'crash.accord');
      await invoke(s, 'project:create', { path });
      expect(await invoke(s, 'coders:select', { name: 'Ana' })).toMatchObject({ ok: true, value: { name: 'Ana' } });
      const [first] = s.forks;
      const inFlight = invoke(s, 'codebook:list', {});
      first.child.kill('SIGKILL');
      // Either the call finished before the kill or it fails with a message; never hangs.
      const r = await inFlight;
      if (!r.ok) expect(r.error!.message).toMatch(/engine stopped/);
      if (first.child.exitCode === null && first.child.signalCode === null) await new Promise((done) => first.child.once('exit', done));
      expect(await invoke(s, 'project:info', {})).toMatchObject({ ok: true, value: { path } });
      expect(await invoke(s, 'coders:current', {})).toMatchObject({ ok: true, value: { name: 'Ana' } });
      expect(s.forks).toHaveLength(2);
    } finally {
      await quit(s);
    }
  });

  it('answers host channels itself with native dialogs', async () => {
    const s = await loadBuilt(mainFile, join(dir, 'host'));
    try {
      expect(await invoke(s, 'host:capabilities', {})).toEqual({ ok: true, value: { dialogs: true } });
      s.openDialogResult = { canceled: false, filePaths: ['/data/a.docx', '/data/b.pdf'] };
      expect(await invoke(s, 'host:pickOpen', { multiple: true, filters: [{ name: 'Documents', extensions: ['docx', 'pdf'] }] })).toEqual({
        ok: true,
        value: ['/data/a.docx', '/data/b.pdf'],
      });
      s.openDialogResult = { canceled: true, filePaths: [] };
      expect(await invoke(s, 'host:pickOpen', {})).toEqual({ ok: true, value: null });
      s.saveDialogResult = { canceled: false, filePath: '/data/table.docx' };
      expect(await invoke(s, 'host:pickSave', { defaultName: 'table.docx' })).toEqual({ ok: true, value: '/data/table.docx' });
      expect(await invoke(s, 'host:pickOpen', { filters: [{ name: 'x', extensions: ['.docx'] }] })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    } finally {
      await quit(s);
    }
  });

  it('serves only the built renderer under app://accord, with a Content-Security-Policy', async () => {
    const s = await loadBuilt(mainFile, join(dir, 'protocol'));
    try {
      const handle = s.protocolHandlers.get('app')!;
      const get = (url: string) => handle(new Request(url));
      expect((await get('app://accord/../../package.json')).status).toBe(404);
      expect((await get('app://accord/%2e%2e/%2e%2e/package.json')).status).toBe(404);
      expect((await get('app://other/index.html')).status).toBe(404);
      expect((await get('app://accord/%E0%A4%A')).status).toBe(400);
      if (existsSync(join(root, 'dist/renderer/index.html'))) {
        const index = await get('app://accord/index.html');
        expect(index.status).toBe(200);
        expect(index.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
        expect(await index.text()).toMatch(/<div id="root">/);
      }
    } finally {
      await quit(s);
    }
  });

  it('a second launch opens its project file in the running window; commands wait for the page to load', async () => {
    const s = await loadBuilt(mainFile, join(dir, 'second'));
    try {
      const [win] = s.windows;
      s.emitApp('second-instance', {}, ['/opt/Accord/accord', '--flag', 'study two.accord'], '/home/me');
      expect(win.sent).toEqual([]);
      win.emitContents('did-finish-load');
      expect(win.sent).toEqual([['host:command', { command: 'open-project', path: resolve('/home/me', 'study two.accord') }]]);
      expect(win.focused).toBe(1);
      s.emitApp('open-file', { preventDefault() {} }, '/Users/me/third.accord');
      expect(win.sent.at(-1)).toEqual(['host:command', { command: 'open-project', path: '/Users/me/third.accord' }]);
      expect(s.windows).toHaveLength(1);
    } finally {
      await quit(s);
    }
  });

  it('File › Open… and New project… ask with native dialogs and hand the path to the page', async () => {
    const s = await loadBuilt(mainFile, join(dir, 'menu'));
    try {
      const [win] = s.windows;
      win.emitContents('did-finish-load');
      type Item = { label?: string; click?: () => void; submenu?: Item[] };
      const file = (s.menus.at(-1) as Item[])[0].submenu!;
      const click = async (label: string) => {
        file.find((i) => i.label === label)!.click!();
        await settle();
      };
      s.openDialogResult = { canceled: false, filePaths: ['/data/study.accord'] };
      await click('Open…');
      s.saveDialogResult = { canceled: false, filePath: '/data/new study' };
      await click('New project…');
      s.saveDialogResult = { canceled: true };
      await click('New project…');
      await click('Close project');
      expect(win.sent).toEqual([
        ['host:command', { command: 'open-project', path: '/data/study.accord' }],
        ['host:command', { command: 'new-project', path: '/data/new study.accord' }],
        ['host:command', { command: 'close-project' }],
      ]);
    } finally {
      await quit(s);
    }
  });

  it('quits at once when another instance holds the lock', async () => {
    const s = await loadBuilt(mainFile, join(dir, 'locked'), (st) => (st.singleInstance = false));
    await settle();
    expect(s.quitCalls).toBe(1);
    expect(s.windows).toHaveLength(0);
    expect(s.ipc.size).toBe(0);
    expect(s.forks).toHaveLength(0);
  });

  it('remembers the window size and position', async () => {
    const userData = join(dir, 'bounds');
    const s = await loadBuilt(mainFile, userData);
    try {
      s.windows[0].bounds = { x: 200, y: 150, width: 1000, height: 700 };
      s.windows[0].emit('close');
      expect(JSON.parse(readFileSync(join(userData, 'window-state.json'), 'utf8'))).toEqual({ bounds: { x: 200, y: 150, width: 1000, height: 700 }, maximized: false });
    } finally {
      await quit(s);
    }
    const again = await loadBuilt(mainFile, userData);
    try {
      expect(again.windows[0].options).toMatchObject({ x: 200, y: 150, width: 1000, height: 700 });
    } finally {
      await quit(again);
    }
  });

  it('a crashed page shows a message and reloads, a stuck one offers to; uncaught errors are logged and shown once', async () => {
    const userData = join(dir, 'errors');
    const s = await loadBuilt(mainFile, userData);
    try {
      const [win] = s.windows;
      win.emitContents('render-process-gone', {}, { reason: 'crashed', exitCode: 139 });
      await settle();
      expect(s.messageBoxes.at(-1)).toMatchObject({ message: expect.stringMatching(/stopped unexpectedly/), detail: expect.stringMatching(/crashed/) });
      expect(win.reloaded).toBe(1);
      win.emitContents('render-process-gone', {}, { reason: 'clean-exit', exitCode: 0 });
      expect(win.reloaded).toBe(1);
      s.messageBoxResponse = 0;
      win.emit('unresponsive');
      await settle();
      expect(s.messageBoxes.at(-1)).toMatchObject({ message: 'The Accord window is not responding.', buttons: ['Wait', 'Reload the window'] });
      expect(win.reloaded).toBe(1);
      s.messageBoxResponse = 1;
      win.emit('unresponsive');
      await settle();
      expect(win.reloaded).toBe(2);

      const ours = process.listeners('uncaughtException').filter((l) => !ownListeners.has(l as never));
      expect(ours).toHaveLength(1);
      ours[0](new Error('boom one'), 'uncaughtException');
      ours[0](new Error('boom two'), 'uncaughtException');
      const log = readFileSync(join(userData, 'logs', 'main.log'), 'utf8');
      expect(log).toMatch(/renderer: Error: the window's page stopped \(crashed, exit code 139\)/);
      expect(log).toMatch(/uncaught error: Error: boom one/);
      expect(log).toMatch(/boom two/);
      // The renderer crash was the first error shown; the uncaught ones are logged without another box.
      expect(s.errorBoxes).toHaveLength(1);
      expect(s.errorBoxes[0][1]).toContain(join(userData, 'logs', 'main.log'));
    } finally {
      await quit(s);
    }
  });

  it('macOS keeps running with no window and the dock icon reopens one; elsewhere the last window quits', async () => {
    const s = await loadBuilt(mainFile, join(dir, 'mac'));
    try {
      Object.defineProperty(process, 'platform', { value: 'darwin' });
      s.windows[0].destroyed = true;
      s.emitApp('window-all-closed');
      expect(s.quitCalls).toBe(0);
      s.emitApp('activate');
      expect(s.windows).toHaveLength(2);
      Object.defineProperty(process, 'platform', { value: 'linux' });
      s.emitApp('window-all-closed');
      expect(s.quitCalls).toBe(1);
    } finally {
      await quit(s);
    }
  });

  it('opens only https and mailto links, after showing the URL; blocks navigation and new windows', async () => {
    const s = await loadBuilt(mainFile, join(dir, 'links'));
    try {
      let openHandler: ((d: { url: string }) => { action: string }) | undefined;
      const handlers: Record<string, (e: { preventDefault(): void }, url?: string) => void> = {};
      const contents = {
        setWindowOpenHandler: (fn: typeof openHandler) => (openHandler = fn),
        on: (event: string, fn: (e: { preventDefault(): void }, url?: string) => void) => (handlers[event] = fn),
      };
      s.emitApp('web-contents-created', {}, contents);
      s.messageBoxResponse = 0;
      expect(openHandler!({ url: 'https://doi.org/10.1136/bmjopen-2021-055723' })).toEqual({ action: 'deny' });
      await settle();
      expect(s.messageBoxes.at(-1)).toMatchObject({ detail: 'https://doi.org/10.1136/bmjopen-2021-055723' });
      expect(s.external).toEqual(['https://doi.org/10.1136/bmjopen-2021-055723']);
      for (const url of ['http://example.org/', 'file:///etc/passwd', 'javascript:alert(1)', 'app://accord/x', 'smb://host/share']) openHandler!({ url });
      let prevented = 0;
      handlers['will-navigate']({ preventDefault: () => prevented++ }, 'mailto:lead@example.org');
      await settle();
      expect(prevented).toBe(1);
      expect(s.external).toEqual(['https://doi.org/10.1136/bmjopen-2021-055723', 'mailto:lead@example.org']);
      s.messageBoxResponse = 1;
      openHandler!({ url: 'https://example.org/' });
      await settle();
      expect(s.external).toHaveLength(2);
    } finally {
      await quit(s);
    }
  });

  it("names the SQLite file when the engine can't load it, once, and every call says so", async () => {
    const binding = join(dir, 'missing', 'better_sqlite3.node');
    process.env.ACCORD_SQLITE_BINDING = binding;
    const s = await loadBuilt(mainFile, join(dir, 'nosqlite'));
    try {
      for (let i = 0; i < 200 && s.errorBoxes.length === 0; i++) await settle();
      expect(s.errorBoxes).toHaveLength(1);
      expect(s.errorBoxes[0]).toEqual(['Accord cannot open projects', expect.stringContaining(`could not be loaded from ${binding}`)]);
      expect(await invoke(s, 'project:info', {})).toMatchObject({ ok: false, error: { message: expect.stringContaining(binding) } });
    } finally {
      delete process.env.ACCORD_SQLITE_BINDING;
      await quit(s);
    }
  });
});

describe('dist/electron/preload.cjs as built', () => {
  it('is small, carries no schemas, and forwards only the contract channels', async () => {
    expect(statSync(preloadFile).size).toBeLessThan(8_000);
    expect(readFileSync(preloadFile, 'utf8')).not.toMatch(/zod|safeParse/);
    const exposed: Record<string, Record<string, (...a: unknown[]) => unknown>> = {};
    const invoked: unknown[][] = [];
    let onCommand: ((e: unknown, c: unknown) => void) | undefined;
    const eventListeners = new Set<(e: unknown, c: unknown) => void>();
    await loadBuilt(preloadFile, dir, (st) => {
      st.module.contextBridge = { exposeInMainWorld: (key: string, api: Record<string, (...a: unknown[]) => unknown>) => (exposed[key] = api) };
      st.module.ipcRenderer = {
        invoke: (...args: unknown[]) => (invoked.push(args), Promise.resolve({ ok: true, value: 'forwarded' })),
        on: (channel: string, fn: (e: unknown, c: unknown) => void) => {
          if (channel === 'host:command') onCommand = fn;
          if (channel === 'engine:event') eventListeners.add(fn);
        },
        removeListener: (channel: string, fn: (e: unknown, c: unknown) => void) => channel === 'engine:event' && eventListeners.delete(fn),
      };
      st.module.webUtils = {
        getPathForFile: (f: { name: string }) => {
          if (f.name === 'broken') throw new TypeError('not a File');
          return `/dropped/${f.name}`;
        },
      };
    });
    expect(requested.filter((r) => !r.startsWith('node:') && r !== preloadFile)).toEqual(['electron']);
    expect(Object.keys(exposed)).toEqual(['accord']);
    const bridge = exposed.accord;
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'invokeFollowed', 'onCommand', 'pathForFile', 'subscribe']);
    // The project's change events reach the page's subscribers until they unsubscribe (issue 11).
    const changes: unknown[] = [];
    const unsubscribe = bridge.subscribe((c: unknown) => changes.push(c)) as () => void;
    for (const fn of eventListeners) fn({}, { batch: 7, tables: { codes: [3] } });
    unsubscribe();
    for (const fn of eventListeners) fn({}, { batch: 8, tables: {} });
    expect(changes).toEqual([{ batch: 7, tables: { codes: [3] } }]);
    expect(bridge.pathForFile({ name: 'study.accord' })).toBe('/dropped/study.accord');
    expect(bridge.pathForFile({ name: 'broken' })).toBe('');
    for (const method of METHOD_NAMES) await bridge.invoke(method, { x: 1 });
    expect(invoked.map((a) => a[0])).toEqual(METHOD_NAMES);
    expect(await bridge.invoke('fs:readFile', '/etc/passwd')).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await bridge.invoke('__proto__', {})).toMatchObject({ ok: false });
    expect(invoked).toHaveLength(METHOD_NAMES.length);

    // A command sent before the page listens is delivered when it subscribes.
    onCommand!({}, { command: 'open-project', path: '/a.accord' });
    const got: unknown[] = [];
    const off = bridge.onCommand((c: unknown) => got.push(c)) as () => void;
    onCommand!({}, { command: 'find' });
    off();
    onCommand!({}, { command: 'export' });
    expect(got).toEqual([{ command: 'open-project', path: '/a.accord' }, { command: 'find' }]);
  });
});
