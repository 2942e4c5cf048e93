// The desktop shell and preload with Electron mocked (the Electron runtime can't run here): the window's
// security settings, navigation and new windows blocked, one IPC channel per contract method, and a
// preload that forwards only those channels.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { METHOD_NAMES } from '../../../shared/api/contract';

const calls = vi.hoisted(() => ({
  windows: [] as Record<string, unknown>[],
  handled: [] as string[],
  exposed: {} as Record<string, unknown>,
  appHandlers: {} as Record<string, (...args: unknown[]) => void>,
  invoked: [] as unknown[][],
}));

vi.mock('electron', () => {
  class BrowserWindow {
    static getAllWindows = () => [];
    constructor(opts: Record<string, unknown>) {
      calls.windows.push(opts);
    }
    loadFile() {
      return Promise.resolve();
    }
  }
  return {
    app: {
      whenReady: () => Promise.resolve(),
      on: (ev: string, fn: (...args: unknown[]) => void) => (calls.appHandlers[ev] = fn),
      getPath: () => '/tmp/accord-shell-test',
      quit: () => undefined,
    },
    BrowserWindow,
    ipcMain: { handle: (ch: string) => calls.handled.push(ch) },
    session: { defaultSession: { setPermissionRequestHandler: () => undefined } },
    shell: { openExternal: () => Promise.resolve() },
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => (calls.exposed[key] = api) },
    ipcRenderer: { invoke: (...args: unknown[]) => (calls.invoked.push(args), Promise.resolve({ ok: true, value: 'forwarded' })) },
  };
});

describe('desktop shell', () => {
  beforeEach(() => vi.resetModules());

  it('opens a sandboxed, context-isolated window without Node integration and one IPC channel per method', async () => {
    await import('../../../electron/main/main');
    await new Promise((r) => setTimeout(r, 0));
    expect(calls.windows).toHaveLength(1);
    expect(calls.windows[0].webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });
    expect([...calls.handled].sort()).toEqual([...METHOD_NAMES].sort());
  });

  it('blocks new windows and navigation in every web contents', async () => {
    const handlers: Record<string, (e: { preventDefault: () => void }) => void> = {};
    let openHandler: ((d: { url: string }) => { action: string }) | undefined;
    const contents = {
      setWindowOpenHandler: (fn: typeof openHandler) => (openHandler = fn),
      on: (ev: string, fn: (e: { preventDefault: () => void }) => void) => (handlers[ev] = fn),
    };
    calls.appHandlers['web-contents-created']({}, contents);
    expect(openHandler!({ url: 'https://example.org' })).toEqual({ action: 'deny' });
    const prevented = vi.fn();
    handlers['will-navigate']({ preventDefault: prevented });
    expect(prevented).toHaveBeenCalledTimes(1);
  });

  it('the preload exposes only accord.invoke and forwards only the contract\'s channels', async () => {
    await import('../../../electron/preload/preload');
    expect(Object.keys(calls.exposed)).toEqual(['accord']);
    const bridge = calls.exposed.accord as { invoke: (m: string, i: unknown) => Promise<unknown> };
    expect(Object.keys(bridge)).toEqual(['invoke']);
    expect(await bridge.invoke('codings:apply', { x: 1 })).toEqual({ ok: true, value: 'forwarded' });
    expect(calls.invoked).toEqual([['codings:apply', { x: 1 }]]);
    expect(await bridge.invoke('fs:readFile', '/etc/passwd')).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(calls.invoked).toHaveLength(1);
  });
});
