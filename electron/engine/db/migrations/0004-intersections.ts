// Migration 4: saved code queries (the query builder's "save" and "rerun"). The filters are stored as
// the JSON of the query's inputs: an opaque saved input that only the query builder reads back.
import type { Migration } from '../migrate';

export const migration0004: Migration = {
  version: 4,
  name: 'saved code queries',
  up(db) {
    db.exec(`
      CREATE TABLE saved_queries (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(trim(name)) > 0),
        query TEXT NOT NULL CHECK (length(trim(query)) > 0),
        filters TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(filters)),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
    `);
  },
};
