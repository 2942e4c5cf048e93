// The ordered list of migrations. Append only: never edit or reorder a released migration.
import type { Migration } from '../migrate';
import { migration0001 } from './0001-initial';

export const migrations: Migration[] = [migration0001];

for (const [i, m] of migrations.entries()) {
  if (m.version !== i + 1) throw new Error(`migration ${m.name} is numbered ${m.version}, expected ${i + 1}`);
}
