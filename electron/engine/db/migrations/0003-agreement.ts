// Migration 3: coder assignments, blind coding and consensus decisions.
import type { Migration } from '../migrate';

export const migration0003: Migration = {
  version: 3,
  name: 'coder assignments, blind coding and consensus decisions',
  up() {
    // Filled in by the feature that needs these tables.
  },
};
