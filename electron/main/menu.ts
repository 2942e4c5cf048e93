// The application menu: File, Edit, View, (Window,) Help with each platform's usual accelerators, and
// the macOS app menu. Items that act on the page send it a command; the rest are Electron's roles.
import type { MenuItemConstructorOptions } from 'electron';
import { basename } from 'node:path';
import type { HostCommand } from '../../shared/api/host';

export interface MenuActions {
  newProject(): void;
  openProject(): void;
  openRecent(path: string): void;
  /** A command the page carries out itself (import, export, find, close, shortcuts). */
  send(command: HostCommand): void;
  openGuide(): void;
}

export interface MenuOptions {
  platform: NodeJS.Platform;
  appName: string;
  recent: readonly string[];
  /** Developer tools only outside the packaged app. */
  devTools: boolean;
}

export function buildMenu(options: MenuOptions, actions: MenuActions): MenuItemConstructorOptions[] {
  const mac = options.platform === 'darwin';
  const recent: MenuItemConstructorOptions[] = options.recent.length
    ? options.recent.slice(0, 10).map((path) => ({ label: basename(path), sublabel: path, toolTip: path, click: () => actions.openRecent(path) }))
    : [{ label: 'No recent projects', enabled: false }];

  const file: MenuItemConstructorOptions = {
    label: '&File',
    submenu: [
      { label: 'New project…', accelerator: 'CmdOrCtrl+N', click: () => actions.newProject() },
      { label: 'Open…', accelerator: 'CmdOrCtrl+O', click: () => actions.openProject() },
      { label: 'Open recent', submenu: recent },
      { type: 'separator' },
      { label: 'Import documents…', accelerator: 'CmdOrCtrl+I', click: () => actions.send({ command: 'import-documents' }) },
      { label: 'Export…', accelerator: 'CmdOrCtrl+E', click: () => actions.send({ command: 'export' }) },
      { type: 'separator' },
      { label: 'Close project', accelerator: 'CmdOrCtrl+Shift+W', click: () => actions.send({ command: 'close-project' }) },
      ...(mac ? [] : ([{ type: 'separator' }, { role: 'quit', accelerator: 'Ctrl+Q' }] as MenuItemConstructorOptions[])),
    ],
  };

  const edit: MenuItemConstructorOptions = {
    label: '&Edit',
    submenu: [
      // Not the text-editing roles: the page decides (its last coding or codebook change, or the text
      // field being typed in), since on macOS the menu receives Cmd+Z before the page does.
      { label: 'Undo', accelerator: 'CmdOrCtrl+Z', click: () => actions.send({ command: 'undo' }) },
      { label: 'Redo', accelerator: mac ? 'Cmd+Shift+Z' : 'Ctrl+Y', click: () => actions.send({ command: 'redo' }) },
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'selectAll' },
      { type: 'separator' },
      { label: 'Find…', accelerator: 'CmdOrCtrl+F', click: () => actions.send({ command: 'find' }) },
    ],
  };

  const view: MenuItemConstructorOptions = {
    label: '&View',
    submenu: [
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
      ...(options.devTools ? ([{ type: 'separator' }, { role: 'reload' }, { role: 'toggleDevTools' }] as MenuItemConstructorOptions[]) : []),
    ],
  };

  const help: MenuItemConstructorOptions = {
    role: 'help',
    label: '&Help',
    submenu: [
      { label: 'Keyboard shortcuts', accelerator: mac ? 'Cmd+/' : 'Ctrl+/', click: () => actions.send({ command: 'shortcuts' }) },
      { label: 'Team workflow guide', click: () => actions.openGuide() },
      ...(mac ? [] : ([{ type: 'separator' }, { role: 'about', label: `About ${options.appName}` }] as MenuItemConstructorOptions[])),
    ],
  };

  return mac ? [{ role: 'appMenu', label: options.appName }, file, edit, view, { role: 'windowMenu' }, help] : [file, edit, view, help];
}
