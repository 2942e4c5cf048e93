// The desktop shell: one window serving the workbench from app://accord/, the engine in a utility
// process behind IPC (one channel per contract method), the menus, native dialogs, single instance,
// and the security settings of a renderer that handles untrusted documents.
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, screen, session, shell, utilityProcess, type IpcMainInvokeEvent } from 'electron';
import { appendFileSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { METHOD_NAMES, methods, type Method } from '../../shared/api/contract';
import type { Envelope } from '../../shared/api/errors';
import { HOST_CHANNELS, type HostCommand } from '../../shared/api/host';
import { APP_INDEX, APP_ORIGIN, APP_SCHEME, APP_SCHEME_PRIVILEGES, appProtocolHandler } from './app-protocol';
import { MEDIA_SCHEME, MEDIA_SCHEME_PRIVILEGES, mediaProtocolHandler } from './media-protocol';
import type { Recording } from '../../shared/api/exchange';
import { EngineClient, type EngineChild } from './engine-client';
import { buildMenu } from './menu';
import { DEFAULT_SIZE, loadWindowState, saveWindowState, visibleBounds } from './window-state';

const APP_NAME = 'Accord';
const RENDERER_DIR = join(__dirname, '../renderer');
const PROJECT_FILTERS = [{ name: 'Accord projects', extensions: ['accord'] }];
const hostChannels = new Set<string>(HOST_CHANNELS);

let mainWindow: BrowserWindow | null = null;
let pageLoaded = false;
/** Commands for the page that arrive before it has loaded (a project file given at launch). */
const queued: HostCommand[] = [];
let recent: string[] = [];
let errorShown = false;
let engineStopped = false;

const userData = () => app.getPath('userData');
const logFile = () => join(userData(), 'logs', 'main.log');

/** Append to the log in the user data folder; show the first error of a session in a dialog. */
function logError(err: unknown, context = 'uncaught error', show = true): void {
  const text = err instanceof Error ? (err.stack ?? err.message) : String(err);
  try {
    mkdirSync(join(userData(), 'logs'), { recursive: true });
    appendFileSync(logFile(), `${new Date().toISOString()} ${context}: ${text}\n`);
  } catch {
    // Logging must never become the next error.
  }
  if (show && !errorShown && app.isReady()) {
    errorShown = true;
    dialog.showErrorBox(`${APP_NAME} ran into a problem`, `${err instanceof Error ? err.message : String(err)}\n\nThe details are in ${logFile()}.`);
  }
}
process.on('uncaughtException', (err) => logError(err));
process.on('unhandledRejection', (err) => logError(err, 'unhandled rejection'));

/** The Electron build of better-sqlite3: given by `npm start`, or shipped in the package's resources. */
function sqliteBinding(): string | undefined {
  if (process.env.ACCORD_SQLITE_BINDING) return process.env.ACCORD_SQLITE_BINDING;
  return app.isPackaged ? join(process.resourcesPath, 'native', 'better_sqlite3.node') : undefined;
}

const engine = new EngineClient(
  () =>
    utilityProcess.fork(join(__dirname, 'engine.cjs'), [], {
      serviceName: `${APP_NAME} engine`,
      stdio: 'inherit',
      env: { ...process.env, ACCORD_STATE_DIR: userData(), ACCORD_SQLITE_BINDING: sqliteBinding() ?? '' },
    }) as unknown as EngineChild,
  {
    fatal: (message) => {
      logError(new Error(message), 'engine', false);
      if (app.isReady()) dialog.showErrorBox(`${APP_NAME} cannot open projects`, message);
    },
    crashed: (code) => logError(new Error(`the engine process ended unexpectedly (exit code ${code})`), 'engine'),
    change: (event) => {
      if (mainWindow && !mainWindow.isDestroyed()) mainWindow.webContents.send('engine:event', event);
    },
  },
);

/** A project file named on the command line (a double-clicked file on Windows and Linux). */
function projectArg(argv: readonly string[], cwd: string): string | null {
  const file = [...argv].reverse().find((a) => !a.startsWith('-') && a.toLowerCase().endsWith('.accord'));
  return file ? resolve(cwd, file) : null;
}

function sendCommand(command: HostCommand): void {
  if (mainWindow && !mainWindow.isDestroyed() && pageLoaded) mainWindow.webContents.send('host:command', command);
  else queued.push(command);
}

/** Open a project file in the running app (second launch, macOS open-file, Open recent). */
function openProjectFile(path: string): void {
  sendCommand({ command: 'open-project', path });
  if (!app.isReady()) return;
  if (!mainWindow || mainWindow.isDestroyed()) createWindow();
  else {
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  }
}

async function chooseProjectToOpen(): Promise<void> {
  const options = { title: 'Open a project', filters: PROJECT_FILTERS, properties: ['openFile' as const] };
  const r = mainWindow ? await dialog.showOpenDialog(mainWindow, options) : await dialog.showOpenDialog(options);
  if (!r.canceled && r.filePaths[0]) openProjectFile(r.filePaths[0]);
}

async function chooseNewProject(): Promise<void> {
  const options = { title: 'New project', defaultPath: 'study.accord', filters: PROJECT_FILTERS };
  const r = mainWindow ? await dialog.showSaveDialog(mainWindow, options) : await dialog.showSaveDialog(options);
  if (r.canceled || !r.filePath) return;
  const path = r.filePath.toLowerCase().endsWith('.accord') ? r.filePath : `${r.filePath}.accord`;
  sendCommand({ command: 'new-project', path });
}

function guidePath(): string {
  return app.isPackaged ? join(process.resourcesPath, 'docs', 'team-workflow.md') : join(__dirname, '../../docs/team-workflow.md');
}

function setMenu(): void {
  const template = buildMenu(
    { platform: process.platform, appName: APP_NAME, recent, devTools: !app.isPackaged },
    {
      newProject: () => void chooseNewProject(),
      openProject: () => void chooseProjectToOpen(),
      openRecent: (path) => openProjectFile(path),
      send: (command) => sendCommand(command),
      openGuide: () => void shell.openPath(guidePath()),
    },
  );
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

async function refreshRecent(): Promise<void> {
  const r = await engine.call('project:recent', {});
  if (r.ok && Array.isArray(r.value)) {
    recent = r.value as string[];
    setMenu();
  }
}

/** Only the workbench's own top-level page may call: its frame's origin must be exactly app://accord. */
function trusted(event: IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame;
  return !!frame && frame.origin === APP_ORIGIN && frame.parent === null;
}

/** The host channels, answered by the shell itself with native dialogs. */
async function hostCall(method: Method, input: unknown, event: IpcMainInvokeEvent): Promise<Envelope<unknown>> {
  const parsed = methods[method].safeParse(input ?? {});
  if (!parsed.success) return { ok: false, error: { code: 'INVALID_INPUT', message: `${method}: ${parsed.error.issues[0].message}` } };
  const win = BrowserWindow.fromWebContents(event.sender);
  if (method === 'host:capabilities') return { ok: true, value: { dialogs: true } };
  if (method === 'host:pickOpen') {
    const i = parsed.data as { title?: string; filters: { name: string; extensions: string[] }[]; multiple: boolean };
    const options = { title: i.title, filters: i.filters, properties: ['openFile' as const, ...(i.multiple ? ['multiSelections' as const] : [])] };
    const r = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
    return { ok: true, value: r.canceled || r.filePaths.length === 0 ? null : r.filePaths };
  }
  const i = parsed.data as { title?: string; defaultName?: string; filters: { name: string; extensions: string[] }[] };
  const options = { title: i.title, defaultPath: i.defaultName, filters: i.filters };
  const r = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
  return { ok: true, value: r.canceled || !r.filePath ? null : r.filePath };
}

/** Followed calls of the page (progress and Cancel), by the page's call id. */
const followedCalls = new Map<string, AbortController>();

function registerIpc(): void {
  // A report the page follows: its progress goes back as `engine:progress` with the page's call id,
  // and `engine:cancel` with that id cancels it (see EngineClient.call).
  ipcMain.handle('engine:followed', async (event, call: { id?: unknown; method?: unknown; input?: unknown }): Promise<Envelope<unknown>> => {
    if (!trusted(event)) return { ok: false, error: { code: 'INVALID_INPUT', message: 'refused: the call did not come from the workbench page' } };
    const { id, method, input } = call ?? {};
    if (typeof id !== 'string' || typeof method !== 'string' || !METHOD_NAMES.includes(method as never) || hostChannels.has(method)) {
      return { ok: false, error: { code: 'NOT_FOUND', message: `unknown method ${String(method)}` } };
    }
    const abort = new AbortController();
    followedCalls.set(id, abort);
    try {
      return await engine.call(method, input, {
        signal: abort.signal,
        onProgress: (done, total, unit) => {
          if (!event.sender.isDestroyed()) event.sender.send('engine:progress', { id, done, total, unit });
        },
      });
    } finally {
      followedCalls.delete(id);
    }
  });
  ipcMain.on('engine:cancel', (_event, id: unknown) => {
    if (typeof id === 'string') followedCalls.get(id)?.abort();
  });
  for (const method of METHOD_NAMES) {
    ipcMain.handle(method, async (event, input: unknown): Promise<Envelope<unknown>> => {
      if (!trusted(event)) return { ok: false, error: { code: 'INVALID_INPUT', message: 'refused: the call did not come from the workbench page' } };
      if (hostChannels.has(method)) return hostCall(method, input, event);
      const envelope = await engine.call(method, input);
      if (envelope.ok && (method === 'project:open' || method === 'project:create' || method === 'project:openDemo')) {
        app.addRecentDocument((envelope.value as { path: string }).path);
        void refreshRecent();
      }
      return envelope;
    });
  }
}

/** Links from documents and help open in the system browser, only https and mailto, after the user sees the URL. */
async function openLink(url: string): Promise<void> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'mailto:') return;
  const options = {
    type: 'question' as const,
    buttons: ['Open in browser', 'Cancel'],
    defaultId: 0,
    cancelId: 1,
    message: 'Open this link outside Accord?',
    detail: parsed.href,
  };
  const r = mainWindow ? await dialog.showMessageBox(mainWindow, options) : await dialog.showMessageBox(options);
  if (r.response === 0) await shell.openExternal(parsed.href);
}

function createWindow(): void {
  const stateFile = join(userData(), 'window-state.json');
  const state = loadWindowState(stateFile);
  const bounds = visibleBounds(
    state.bounds,
    screen.getAllDisplays().map((d) => d.workArea),
  );
  const win = new BrowserWindow({
    ...(bounds ?? DEFAULT_SIZE),
    minWidth: 640,
    minHeight: 480,
    show: false,
    title: APP_NAME,
    webPreferences: {
      preload: join(__dirname, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      spellcheck: false,
    },
  });
  mainWindow = win;
  pageLoaded = false;
  if (state.maximized) win.maximize();
  win.once('ready-to-show', () => win.show());
  win.on('close', () => {
    const maximized = win.isMaximized();
    saveWindowState(stateFile, { bounds: maximized ? win.getNormalBounds() : win.getBounds(), maximized });
  });
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null;
  });
  win.webContents.on('did-finish-load', () => {
    pageLoaded = true;
    for (const command of queued.splice(0)) win.webContents.send('host:command', command);
  });
  win.on('unresponsive', () => {
    // The page itself is stuck (the engine runs elsewhere): offer to reload it; nothing saved is lost.
    void dialog
      .showMessageBox(win, {
        type: 'warning',
        buttons: ['Wait', 'Reload the window'],
        defaultId: 0,
        cancelId: 0,
        message: 'The Accord window is not responding.',
        detail: 'Everything you did is saved in the project. Reloading the window loses nothing saved.',
      })
      .then((r) => {
        if (r.response === 1 && !win.isDestroyed()) win.webContents.reload();
      });
  });
  win.webContents.on('render-process-gone', (_event, details) => {
    if (details.reason === 'clean-exit') return;
    pageLoaded = false;
    logError(new Error(`the window's page stopped (${details.reason}, exit code ${details.exitCode})`), 'renderer');
    // The project stays open in the engine and every change is already saved: reloading loses nothing.
    void dialog
      .showMessageBox(win, {
        type: 'warning',
        message: 'The Accord window stopped unexpectedly.',
        detail: `Reason: ${details.reason}. Everything you did is saved in the project; the window reloads now.`,
      })
      .then(() => {
        if (!win.isDestroyed()) win.webContents.reload();
      });
  });
  void win.loadURL(APP_INDEX);
}

function onReady(): void {
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, done) => done(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  protocol.handle(APP_SCHEME, appProtocolHandler(RENDERER_DIR));
  protocol.handle(
    MEDIA_SCHEME,
    mediaProtocolHandler(async (documentId) => {
      const envelope = await engine.call('recordings:get', { documentId });
      const rec = envelope.ok ? (envelope.value as Recording | null) : null;
      return rec && rec.status === 'ok' ? { file: rec.file, mime: rec.mime } : null;
    }),
  );
  // Windows groups the taskbar entry and the installer's shortcut by this id (the package's appId).
  if (process.platform === 'win32') app.setAppUserModelId('org.accord.workbench');
  app.setAboutPanelOptions({ applicationName: APP_NAME, applicationVersion: app.getVersion(), copyright: 'MIT licence' });
  registerIpc();
  setMenu();
  engine.start();
  void refreshRecent();
  createWindow();
}

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: APP_SCHEME_PRIVILEGES },
  { scheme: MEDIA_SCHEME, privileges: MEDIA_SCHEME_PRIVILEGES },
]);

if (!app.requestSingleInstanceLock()) {
  // Another Accord is running: it receives our arguments (`second-instance`) and opens the file there.
  app.quit();
} else {
  const atLaunch = projectArg(process.argv.slice(1), process.cwd());
  if (atLaunch) queued.push({ command: 'open-project', path: atLaunch });

  app.on('second-instance', (_event, argv, cwd) => {
    const path = projectArg(argv.slice(1), cwd);
    if (path) openProjectFile(path);
    else if (mainWindow) {
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.focus();
    } else if (app.isReady()) createWindow();
  });
  // macOS delivers double-clicked files this way, before or after the app is ready.
  app.on('open-file', (event, path) => {
    event.preventDefault();
    openProjectFile(path);
  });

  app.on('web-contents-created', (_event, contents) => {
    // No new windows and no navigation away from the workbench; links go through openLink.
    contents.setWindowOpenHandler(({ url }) => {
      void openLink(url);
      return { action: 'deny' };
    });
    contents.on('will-navigate', (event, url) => {
      event.preventDefault();
      void openLink(url);
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });

  void app.whenReady().then(onReady);

  app.on('activate', () => {
    // macOS: the dock icon reopens a window when none is open.
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
  app.on('window-all-closed', () => {
    // macOS apps stay open without windows; elsewhere closing the last window quits.
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('before-quit', (event) => {
    if (engineStopped) return;
    // Close the project cleanly (the engine checkpoints its write-ahead log) before quitting.
    event.preventDefault();
    void engine.shutdown().then(() => {
      engineStopped = true;
      app.quit();
    });
  });
}
