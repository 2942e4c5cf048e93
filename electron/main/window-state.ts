// The main window's size and position, remembered across launches in the user data folder, and kept on
// a screen that still exists (a laptop unplugged from its monitor).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export interface Bounds {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState {
  bounds: Bounds | null;
  maximized: boolean;
}

export const DEFAULT_SIZE = { width: 1400, height: 900 };
const MIN = { width: 640, height: 480 };

/** The saved state, or the default when the file is missing or unreadable. */
export function loadWindowState(file: string): WindowState {
  try {
    const raw = JSON.parse(readFileSync(file, 'utf8')) as Partial<WindowState>;
    const b = raw.bounds;
    const ok = b && [b.x, b.y, b.width, b.height].every((n) => Number.isFinite(n)) && b.width >= MIN.width && b.height >= MIN.height;
    return { bounds: ok ? { x: b.x, y: b.y, width: b.width, height: b.height } : null, maximized: raw.maximized === true };
  } catch {
    return { bounds: null, maximized: false };
  }
}

export function saveWindowState(file: string, state: WindowState): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(state));
}

/** The saved bounds if at least a usable part of the window's title bar is on one of `workAreas`. */
export function visibleBounds(bounds: Bounds | null, workAreas: readonly Bounds[]): Bounds | null {
  if (!bounds) return null;
  const onScreen = workAreas.some(
    (a) => bounds.x + 100 <= a.x + a.width && bounds.x + bounds.width - 100 >= a.x && bounds.y >= a.y && bounds.y + 30 <= a.y + a.height,
  );
  return onScreen ? bounds : null;
}
