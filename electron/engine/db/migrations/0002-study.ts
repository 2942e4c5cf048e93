// Migration 2: participants' attributes, document groups and full-text search.
import type { Migration } from '../migrate';

export const migration0002: Migration = {
  version: 2,
  name: 'participant attributes, document groups and full-text search',
  up() {
    // Filled in by the feature that needs these tables.
  },
};
