// Forward-only, numbered migrations tracked by PRAGMA user_version. Each runs in one transaction;
// a failure leaves the file at the previous version.
import type Database from 'better-sqlite3';
import { migrations } from './migrations';

export interface Migration {
  version: number;
  name: string;
  up(db: Database.Database): void;
}

// Versions are reserved per feature and may leave gaps; the latest is the highest one.
export const LATEST_VERSION = Math.max(0, ...migrations.map((m) => m.version));

/** Bring `db` up to `target` (default: the latest version). Returns the versions applied. */
export function migrate(db: Database.Database, target = LATEST_VERSION): number[] {
  const current = db.pragma('user_version', { simple: true }) as number;
  const applied: number[] = [];
  for (const m of migrations) {
    if (m.version <= current || m.version > target) continue;
    // IMMEDIATE: another process opening the same old file waits for this one, then finds the
    // migration done (the version is read again under the write lock) instead of applying it twice.
    const ran = db.transaction(() => {
      if ((db.pragma('user_version', { simple: true }) as number) >= m.version) return false;
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
      return true;
    }).immediate();
    if (ran) applied.push(m.version);
  }
  return applied;
}
