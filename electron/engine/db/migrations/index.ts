// The ordered list of migrations. Append only: never edit or reorder a released migration.
import type { Migration } from '../migrate';
import { migration0001 } from './0001-initial';
import { migration0002 } from './0002-study';
import { migration0003 } from './0003-agreement';
import { migration0004 } from './0004-intersections';
import { migration0005 } from './0005-reports';
import { migration0007 } from './0007-team';
import { migration0008 } from './0008-import';
import { migration0009 } from './0009-exchange';
import { migration0011 } from './0011-memos';
import { migration0013 } from './0013-report-indexes';
import { migration0014 } from './0014-coding-counts';
import { migration0015 } from './0015-recording-start';

export const migrations: Migration[] = [migration0001, migration0002, migration0003, migration0004, migration0005, migration0007, migration0008, migration0009, migration0011, migration0013, migration0014, migration0015];

// Numbers are reserved per feature, so the list may skip one; it must only ever increase.
for (const [i, m] of migrations.entries()) {
  if (i > 0 && m.version <= migrations[i - 1].version) throw new Error(`migration ${m.name} is numbered ${m.version}, after ${migrations[i - 1].version}`);
}
