// Migration 4: saved code queries.
import type { Migration } from '../migrate';

export const migration0004: Migration = {
  version: 4,
  name: 'saved code queries',
  up() {
    // Filled in by the feature that needs these tables.
  },
};
