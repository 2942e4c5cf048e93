// renderer/api/host.ts: native dialogs through the desktop bridge, "not available" (undefined) where
// the host has none, and menu commands handed to every listener from the preload's single one.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

type Bridge = {
  invoke: (m: string, i: unknown) => Promise<unknown>;
  onCommand?: (l: (c: unknown) => void) => () => void;
  pathForFile?: (f: File) => string;
};
const g = globalThis as unknown as { window?: { accord?: Bridge } };

function install(bridge: Bridge) {
  g.window = { accord: bridge };
}

beforeEach(() => vi.resetModules());
afterEach(() => delete g.window);

describe('host api', () => {
  it('asks the desktop shell for dialogs, once for its capabilities', async () => {
    const calls: [string, unknown][] = [];
    install({
      invoke: async (m, i) => {
        calls.push([m, i]);
        if (m === 'host:capabilities') return { ok: true, value: { dialogs: true } };
        if (m === 'host:pickOpen') return { ok: true, value: ['/data/a.docx'] };
        return { ok: true, value: null };
      },
    });
    const host = await import('../../renderer/api/host');
    expect(await host.pickOpen({ multiple: true, filters: [{ name: 'Word', extensions: ['docx'] }] })).toEqual(['/data/a.docx']);
    expect(await host.pickSave({ defaultName: 'table.docx' })).toBeNull();
    expect(calls).toEqual([
      ['host:capabilities', {}],
      ['host:pickOpen', { multiple: true, filters: [{ name: 'Word', extensions: ['docx'] }] }],
      ['host:pickSave', { defaultName: 'table.docx' }],
    ]);
  });

  it('answers undefined where the host has no dialogs, so the page keeps its own inputs', async () => {
    const calls: string[] = [];
    install({ invoke: async (m) => (calls.push(m), { ok: true, value: { dialogs: false } }) });
    const host = await import('../../renderer/api/host');
    expect(await host.pickOpen()).toBeUndefined();
    expect(await host.pickSave()).toBeUndefined();
    expect(calls).toEqual(['host:capabilities']);
  });

  it('hands each menu command to every listener, and to none after removal', async () => {
    let preloadListener: ((c: unknown) => void) | undefined;
    let subscriptions = 0;
    install({ invoke: async () => ({ ok: true, value: null }), onCommand: (l) => (subscriptions++, (preloadListener = l), () => undefined) });
    const host = await import('../../renderer/api/host');
    const a: unknown[] = [];
    const b: unknown[] = [];
    const offA = host.onHostCommand((c) => a.push(c));
    host.onHostCommand((c) => b.push(c));
    preloadListener!({ command: 'find' });
    offA();
    preloadListener!({ command: 'open-project', path: '/p/s.accord' });
    expect(subscriptions).toBe(1);
    expect(a).toEqual([{ command: 'find' }]);
    expect(b).toEqual([{ command: 'find' }, { command: 'open-project', path: '/p/s.accord' }]);
  });

  it('does nothing for commands in browser mode (no bridge), where dropped files have no path', async () => {
    const host = await import('../../renderer/api/host');
    const off = host.onHostCommand(() => undefined);
    expect(off()).toBeUndefined();
    expect(host.pathForFile({ name: 'x.accord' } as File)).toBeUndefined();
  });

  it('gives the path of a dropped file in the desktop app', async () => {
    install({ invoke: async () => ({ ok: true, value: null }), pathForFile: (f: File) => (f.name === 'x.accord' ? '/p/x.accord' : '') } as Bridge);
    const host = await import('../../renderer/api/host');
    expect(host.pathForFile({ name: 'x.accord' } as File)).toBe('/p/x.accord');
    expect(host.pathForFile({ name: 'pasted' } as File)).toBeUndefined();
  });
});
