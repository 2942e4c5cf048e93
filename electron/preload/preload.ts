// The preload: exposes exactly one function, `accord.invoke(method, input)`, and forwards only the
// contract's own channels. No Node or Electron object reaches the page.
import { contextBridge, ipcRenderer } from 'electron';
import { METHOD_NAMES } from '../../shared/api/contract';

const allowed = new Set<string>(METHOD_NAMES);

contextBridge.exposeInMainWorld('accord', {
  invoke(method: string, input: unknown): Promise<unknown> {
    if (typeof method !== 'string' || !allowed.has(method)) {
      return Promise.resolve({ ok: false, error: { code: 'NOT_FOUND', message: `unknown method ${String(method)}` } });
    }
    return ipcRenderer.invoke(method, input);
  },
});
