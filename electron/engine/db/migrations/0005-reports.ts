// Migration 5: themes, quotes and COREQ answers.
import type { Migration } from '../migrate';

export const migration0005: Migration = {
  version: 5,
  name: 'themes, quotes and COREQ answers',
  up() {
    // Filled in by the feature that needs these tables.
  },
};
