// The preload: exposes `accord.invoke(method, input)`, which forwards only the contract's own channels,
// `accord.onCommand(listener)` for the shell's menu commands, `accord.subscribe(listener)` for the
// project's change events, and `accord.pathForFile(file)` for files
// dropped on the window. No Node or Electron object reaches
// the page. The build replaces the contract import with the bare list of channel names, so this
// bundle carries no schemas.
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { METHOD_NAMES } from '../../shared/api/contract';

const allowed = new Set<string>(METHOD_NAMES);

// Commands can arrive before the page subscribes (a project file given at launch): keep them until then.
let listener: ((command: unknown) => void) | null = null;
const waiting: unknown[] = [];
ipcRenderer.on('host:command', (_event, command: unknown) => {
  if (listener) listener(command);
  else waiting.push(command);
});

contextBridge.exposeInMainWorld('accord', {
  invoke(method: string, input: unknown): Promise<unknown> {
    if (typeof method !== 'string' || !allowed.has(method)) {
      return Promise.resolve({ ok: false, error: { code: 'NOT_FOUND', message: `unknown method ${String(method)}` } });
    }
    return ipcRenderer.invoke(method, input);
  },
  /** A call the page follows: progress as it runs, and cancelled when `signal` aborts. */
  invokeFollowed(method: string, input: unknown, onProgress: (p: unknown) => void, signal: AbortSignal): Promise<unknown> {
    if (typeof method !== 'string' || !allowed.has(method)) {
      return Promise.resolve({ ok: false, error: { code: 'NOT_FOUND', message: `unknown method ${String(method)}` } });
    }
    const id = `${Date.now()}-${Math.random()}`;
    const forward = (_event: unknown, p: { id: string; done: number; total: number; unit: string }) => {
      if (p.id === id && typeof onProgress === 'function') onProgress({ done: p.done, total: p.total, unit: p.unit });
    };
    ipcRenderer.on('engine:progress', forward);
    signal?.addEventListener('abort', () => ipcRenderer.send('engine:cancel', id), { once: true });
    return ipcRenderer.invoke('engine:followed', { id, method, input }).finally(() => ipcRenderer.removeListener('engine:progress', forward));
  },
  /** The path of a file the user dropped on the window (or chose in a file input); '' for other files. */
  pathForFile(file: unknown): string {
    try {
      return webUtils.getPathForFile(file as File);
    } catch {
      return '';
    }
  },
  /** The project's change events (views update from them); returns the unsubscribe function. */
  subscribe(next: (event: unknown) => void): () => void {
    if (typeof next !== 'function') return () => undefined;
    const forward = (_event: unknown, change: unknown) => next(change);
    ipcRenderer.on('engine:event', forward);
    return () => {
      ipcRenderer.removeListener('engine:event', forward);
    };
  },
  /** One listener at a time (the page's); returns its removal. */
  onCommand(next: (command: unknown) => void): () => void {
    if (typeof next !== 'function') return () => undefined;
    listener = next;
    for (const command of waiting.splice(0)) next(command);
    return () => {
      if (listener === next) listener = null;
    };
  },
});
