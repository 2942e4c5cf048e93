// Migration 2: document groups (the study's archival domains) and a full-text index over documents.
// The index is an external-content FTS5 table: it stores only the index, reads text from `documents`,
// and triggers keep it in step, so imports, deletes, undo/redo and REFI imports all stay indexed.
import type { Migration } from '../migrate';

export const migration0002: Migration = {
  version: 2,
  name: 'participant attributes, document groups and full-text search',
  up(db) {
    db.exec(`
      CREATE TABLE groups (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE COLLATE NOCASE,
        ord INTEGER NOT NULL,
        created_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE document_groups (
        id INTEGER PRIMARY KEY,
        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE RESTRICT,
        group_id INTEGER NOT NULL REFERENCES groups(id) ON DELETE RESTRICT,
        UNIQUE (document_id, group_id)
      ) STRICT;
      CREATE INDEX document_groups_group ON document_groups(group_id);
      -- Each import takes max(ord) + 1; without an index that reads every document row's page, so a
      -- study import would slow down with every file already in the project.
      CREATE INDEX documents_ord ON documents(ord);

      -- remove_diacritics 2: "cafe" finds "café" whatever the accent; offsets are found again in JS.
      CREATE VIRTUAL TABLE documents_fts USING fts5(
        text, content = 'documents', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2'
      );
      -- Each imported file is its own transaction and so its own index segment. Merging 16 segments at
      -- a time (the most FTS5 allows; the default is 4) rewrites each posting fewer times as a study
      -- grows, and a phrase query still reads only a few segments per level.
      INSERT INTO documents_fts (documents_fts, rank) VALUES ('automerge', 16);
      -- A document's text never changes after import, so inserts and deletes are all there is to follow.
      CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN
        INSERT INTO documents_fts (rowid, text) VALUES (new.id, new.text);
      END;
      CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN
        INSERT INTO documents_fts (documents_fts, rowid, text) VALUES ('delete', old.id, old.text);
      END;
      INSERT INTO documents_fts (documents_fts) VALUES ('rebuild');
    `);
  },
};
