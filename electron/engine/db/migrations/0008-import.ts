// Migration 8: timed transcripts and the project's participant-ID rule. `cues` keeps every timed
// piece of a transcript (a caption, a timed paragraph) with its text span and times, so that a quote
// can be cited with its timestamp and a recording followed in the text; turns already carry their
// start and end times (start_ms/end_ms, migration 1). `import_settings` is one row (id 1).
import type { Migration } from '../migrate';

export const migration0008: Migration = {
  version: 8,
  name: 'transcript cues and the participant-ID pattern',
  up(db) {
    db.exec(`
      CREATE TABLE cues (
        id INTEGER PRIMARY KEY,
        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE RESTRICT,
        ord INTEGER NOT NULL,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        start_ms INTEGER NOT NULL,
        end_ms INTEGER,
        UNIQUE (document_id, ord),
        CHECK (start >= 0 AND end >= start),
        CHECK (start_ms >= 0 AND (end_ms IS NULL OR end_ms >= start_ms))
      ) STRICT;

      CREATE TABLE import_settings (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        -- A regular expression for one participant ID; NULL: the built-in patterns.
        id_pattern TEXT CHECK (id_pattern IS NULL OR length(id_pattern) BETWEEN 1 AND 200)
      ) STRICT;
    `);
  },
};
