// Migration 15: where a recording starts on its transcript's clock. Zoom's saved transcript (and its
// chat) write clock times, `[Jane Doe] 14:05:12`, so a turn's time is not a time into the recording;
// the player plays a turn timed T at T - starts_at_ms. 0, as every recording linked before, means the
// transcript's times count from the recording's start.
import type { Migration } from '../migrate';

export const migration0015: Migration = {
  version: 15,
  name: 'where a recording starts on its transcript clock',
  up(db) {
    db.exec(`ALTER TABLE recordings ADD COLUMN starts_at_ms INTEGER NOT NULL DEFAULT 0 CHECK (starts_at_ms >= 0);`);
  },
};
