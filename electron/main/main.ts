// The desktop shell: one window, the engine behind IPC (one channel per contract method), and the
// security settings of a renderer that handles untrusted documents.
import { app, BrowserWindow, ipcMain, session, shell } from 'electron';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { METHOD_NAMES } from '../../shared/api/contract';
import { Engine } from '../engine/engine';

// better-sqlite3 must be built for Electron's ABI; a packaged app ships that build here.
const electronBinding = join(process.resourcesPath ?? '', 'native', 'better_sqlite3.node');
if (!process.env.ACCORD_SQLITE_BINDING && existsSync(electronBinding)) process.env.ACCORD_SQLITE_BINDING = electronBinding;

const rendererIndex = join(__dirname, '../renderer/index.html');
let engine: Engine | null = null;

function createWindow(): void {
  const win = new BrowserWindow({
    width: 1400,
    height: 900,
    title: 'Accord',
    webPreferences: {
      preload: join(__dirname, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  void win.loadFile(rendererIndex);
}

app.on('web-contents-created', (_e, contents) => {
  // No new windows and no navigation away from the workbench; links open in the system browser.
  contents.setWindowOpenHandler(({ url }) => {
    if (/^https?:\/\//.test(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (e) => e.preventDefault());
  contents.on('will-attach-webview', (e) => e.preventDefault());
});

void app.whenReady().then(() => {
  session.defaultSession.setPermissionRequestHandler((_wc, _perm, done) => done(false));
  engine = new Engine({ stateDir: app.getPath('userData') });
  for (const method of METHOD_NAMES) {
    ipcMain.handle(method, (event, input: unknown) => {
      // Only our own page may call the engine.
      if (!event.senderFrame?.url.startsWith('file://')) return { ok: false, error: { code: 'INVALID_INPUT', message: 'refused: foreign frame' } };
      return engine!.invoke(method, input);
    });
  }
  createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
});

app.on('window-all-closed', () => {
  engine?.close();
  app.quit();
});
