// The list of recently opened projects, kept in a small JSON file in the state directory.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const MAX = 12;

export class RecentProjects {
  private readonly file: string | null;
  constructor(stateDir: string | null) {
    this.file = stateDir ? join(stateDir, 'recent-projects.json') : null;
  }

  list(): string[] {
    if (!this.file) return [];
    try {
      const v = JSON.parse(readFileSync(this.file, 'utf8')) as unknown;
      return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
    } catch {
      return [];
    }
  }

  add(path: string): void {
    if (!this.file) return;
    const abs = resolve(path);
    const next = [abs, ...this.list().filter((p) => p !== abs)].slice(0, MAX);
    try {
      mkdirSync(join(this.file, '..'), { recursive: true });
      writeFileSync(this.file, JSON.stringify(next, null, 2));
    } catch {
      // A read-only state directory only costs the recent list.
    }
  }
}
