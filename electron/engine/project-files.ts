// The project files in the folder a server was started for: what the start screen offers in browser
// and team mode, where the page may not name paths outside that folder.
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { ProjectFile } from '../../shared/api/contract';

const SKIP = new Set(['node_modules', 'dist', '.git']);

/** `*.accord` files in `root` and up to `depth` folders below it (hidden folders left out), newest first. */
export function listProjectFiles(root: string, depth = 2): ProjectFile[] {
  const out: ProjectFile[] = [];
  const walk = (dir: string, level: number) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return; // unreadable folders are not the user's projects
    }
    for (const e of entries) {
      if (e.name.startsWith('.')) continue;
      const full = join(dir, e.name);
      if (e.isDirectory()) {
        if (level < depth && !SKIP.has(e.name)) walk(full, level + 1);
      } else if (e.isFile() && e.name.toLowerCase().endsWith('.accord')) {
        const st = statSync(full);
        out.push({ path: relative(root, full), modified: st.mtime.toISOString(), bytes: st.size });
      }
    }
  };
  walk(root, 0);
  return out.sort((a, b) => b.modified.localeCompare(a.modified) || a.path.localeCompare(b.path));
}
