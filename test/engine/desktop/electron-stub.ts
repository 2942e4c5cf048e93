// A stand-in for the `electron` module (the Electron runtime can't run here), recording what the shell
// does with it. `utilityProcess.fork` starts a real Node child process with a `process.parentPort` shim,
// so the engine process runs as built and calls travel over a real process boundary.
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

type Listener = (...args: unknown[]) => unknown;

export interface StubWindow {
  options: Record<string, unknown>;
  loaded: string[];
  sent: unknown[][];
  handlers: Record<string, Listener[]>;
  contentsHandlers: Record<string, Listener[]>;
  reloaded: number;
  focused: number;
  bounds: { x: number; y: number; width: number; height: number };
  maximized: boolean;
  destroyed: boolean;
  emit(event: string, ...args: unknown[]): void;
  emitContents(event: string, ...args: unknown[]): void;
}

export interface ElectronStub {
  module: Record<string, unknown>;
  appHandlers: Record<string, Listener[]>;
  ipc: Map<string, Listener>;
  windows: StubWindow[];
  menus: unknown[];
  schemes: unknown[];
  protocolHandlers: Map<string, (r: Request) => Promise<Response>>;
  forks: { path: string; options: Record<string, unknown>; child: ChildProcess }[];
  errorBoxes: [string, string][];
  messageBoxes: Record<string, unknown>[];
  /** What the next message box answers (button index). */
  messageBoxResponse: number;
  openDialogResult: { canceled: boolean; filePaths: string[] };
  saveDialogResult: { canceled: boolean; filePath?: string };
  external: string[];
  openedPaths: string[];
  recentDocuments: string[];
  quitCalls: number;
  singleInstance: boolean;
  emitApp(event: string, ...args: unknown[]): unknown[];
}

const shim = join(import.meta.dirname, 'parent-port-shim.cjs');

export function electronStub(userData: string): ElectronStub {
  const stub: ElectronStub = {
    module: {},
    appHandlers: {},
    ipc: new Map(),
    windows: [],
    menus: [],
    schemes: [],
    protocolHandlers: new Map(),
    forks: [],
    errorBoxes: [],
    messageBoxes: [],
    messageBoxResponse: 1,
    openDialogResult: { canceled: true, filePaths: [] },
    saveDialogResult: { canceled: true },
    external: [],
    openedPaths: [],
    recentDocuments: [],
    quitCalls: 0,
    singleInstance: true,
    emitApp(event, ...args) {
      return (stub.appHandlers[event] ?? []).map((fn) => fn(...args));
    },
  };

  class BrowserWindow {
    static getAllWindows = () => stub.windows.filter((w) => !w.destroyed).map((w) => w as unknown as BrowserWindow);
    static fromWebContents = () => null;
    readonly state: StubWindow;
    readonly webContents: Record<string, unknown>;
    constructor(options: Record<string, unknown>) {
      const state: StubWindow = {
        options,
        loaded: [],
        sent: [],
        handlers: {},
        contentsHandlers: {},
        reloaded: 0,
        focused: 0,
        bounds: { x: Number(options.x ?? 10), y: Number(options.y ?? 10), width: Number(options.width), height: Number(options.height) },
        maximized: false,
        destroyed: false,
        emit: (event, ...args) => (state.handlers[event] ?? []).forEach((fn) => fn(...args)),
        emitContents: (event, ...args) => (state.contentsHandlers[event] ?? []).forEach((fn) => fn(...args)),
      };
      this.state = state;
      stub.windows.push(state);
      this.webContents = {
        on: (event: string, fn: Listener) => (state.contentsHandlers[event] ??= []).push(fn),
        send: (...args: unknown[]) => state.sent.push(args),
        reload: () => state.reloaded++,
      };
    }
    loadURL(url: string) {
      this.state.loaded.push(url);
      return Promise.resolve();
    }
    on(event: string, fn: Listener) {
      (this.state.handlers[event] ??= []).push(fn);
      return this;
    }
    once(event: string, fn: Listener) {
      return this.on(event, fn);
    }
    show() {}
    focus() {
      this.state.focused++;
    }
    restore() {}
    isMinimized() {
      return false;
    }
    isDestroyed() {
      return this.state.destroyed;
    }
    isMaximized() {
      return this.state.maximized;
    }
    maximize() {
      this.state.maximized = true;
    }
    getBounds() {
      return this.state.bounds;
    }
    getNormalBounds() {
      return this.state.bounds;
    }
  }

  const handled = new Map<string, Listener>();
  stub.ipc = handled;
  stub.module = {
    app: {
      isPackaged: false,
      whenReady: () => Promise.resolve(),
      isReady: () => true,
      on: (event: string, fn: Listener) => (stub.appHandlers[event] ??= []).push(fn),
      getPath: () => userData,
      getVersion: () => '0.0.0-test',
      quit: () => stub.quitCalls++,
      requestSingleInstanceLock: () => stub.singleInstance,
      addRecentDocument: (p: string) => stub.recentDocuments.push(p),
      setAboutPanelOptions: () => undefined,
    },
    BrowserWindow,
    ipcMain: { handle: (channel: string, fn: Listener) => handled.set(channel, fn), on: (channel: string, fn: Listener) => handled.set(channel, fn) },
    Menu: {
      buildFromTemplate: (template: unknown) => template,
      setApplicationMenu: (menu: unknown) => stub.menus.push(menu),
    },
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => stub.schemes.push(...schemes),
      handle: (scheme: string, fn: (r: Request) => Promise<Response>) => stub.protocolHandlers.set(scheme, fn),
    },
    screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
    session: { defaultSession: { setPermissionRequestHandler: () => undefined, setPermissionCheckHandler: () => undefined } },
    shell: {
      openExternal: (url: string) => (stub.external.push(url), Promise.resolve()),
      openPath: (p: string) => (stub.openedPaths.push(p), Promise.resolve('')),
    },
    dialog: {
      showErrorBox: (title: string, content: string) => stub.errorBoxes.push([title, content]),
      showMessageBox: (...args: unknown[]) => {
        stub.messageBoxes.push(args[args.length - 1] as Record<string, unknown>);
        return Promise.resolve({ response: stub.messageBoxResponse, checkboxChecked: false });
      },
      showOpenDialog: () => Promise.resolve(stub.openDialogResult),
      showSaveDialog: () => Promise.resolve(stub.saveDialogResult),
    },
    utilityProcess: {
      fork: (path: string, args: string[], options: Record<string, unknown>) => {
        const child = fork(path, args, {
          env: options.env as NodeJS.ProcessEnv,
          execArgv: ['--require', shim],
          serialization: 'advanced',
          stdio: 'inherit',
        });
        stub.forks.push({ path, options, child });
        return {
          postMessage: (m: unknown) => child.send(m as never),
          on: (event: string, fn: Listener) => {
            if (event === 'exit') child.on('exit', (code) => fn(code ?? 1));
            else child.on(event, fn);
          },
          kill: () => child.kill(),
        };
      },
    },
  };
  return stub;
}
