// Migration 9: a code's colour may be "none given" (REFI-QDA's colour is optional, and a round trip
// must not invent one), and a transcript may carry its audio or video recording, kept as a file in
// the media folder beside the project and referenced here by a relative path and a hash.
import type { Migration } from '../migrate';

export const migration0009: Migration = {
  version: 9,
  name: 'optional code colours and recordings',
  up(db) {
    // The column keeps NOT NULL colours for display (a palette colour) and records whether anyone chose
    // it: 0 for codes read from a file that gave none. Rebuilding `codes` to make color nullable would
    // mean switching foreign keys off around a table that codings, memos and codes point at.
    // document_id is deliberately not a foreign key (as in migrations 3 and 5): deleting a document
    // must not be blocked by its recording, and undo brings the same id back, restoring the link.
    db.exec(`
      ALTER TABLE codes ADD COLUMN color_chosen INTEGER NOT NULL DEFAULT 1 CHECK (color_chosen IN (0, 1));

      CREATE TABLE recordings (
        id INTEGER PRIMARY KEY,
        document_id INTEGER NOT NULL UNIQUE,
        kind TEXT NOT NULL CHECK (kind IN ('audio', 'video')),
        -- Relative to the folder holding the project file, with '/' separators.
        path TEXT NOT NULL CHECK (length(path) > 0 AND substr(path, 1, 1) <> '/' AND instr(path, '..') = 0),
        file_name TEXT NOT NULL,
        mime TEXT NOT NULL,
        size INTEGER NOT NULL CHECK (size >= 0),
        sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
        duration_ms INTEGER,
        linked_at TEXT NOT NULL
      ) STRICT;
    `);
  },
};
