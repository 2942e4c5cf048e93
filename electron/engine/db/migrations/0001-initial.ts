// Migration 1: the initial schema — documents and their structure, participants, coders, the
// codebook, codings, memos and the audit log. STRICT tables; deletes are explicit (RESTRICT), so
// every removed row passes through the change recorder and can be undone.
import type { Migration } from '../migrate';

export const migration0001: Migration = {
  version: 1,
  name: 'initial schema',
  up(db) {
    db.exec(`
      CREATE TABLE coders (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE COLLATE NOCASE,
        color TEXT NOT NULL,
        is_consensus INTEGER NOT NULL DEFAULT 0 CHECK (is_consensus IN (0, 1)),
        created_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE participants (
        id INTEGER PRIMARY KEY,
        pid TEXT NOT NULL UNIQUE COLLATE NOCASE,
        created_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE attributes (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE COLLATE NOCASE,
        type TEXT NOT NULL CHECK (type IN ('category', 'number', 'date', 'text')),
        ord INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE participant_attributes (
        id INTEGER PRIMARY KEY,
        participant_id INTEGER NOT NULL REFERENCES participants(id) ON DELETE RESTRICT,
        attribute_id INTEGER NOT NULL REFERENCES attributes(id) ON DELETE RESTRICT,
        value TEXT NOT NULL,
        UNIQUE (participant_id, attribute_id)
      ) STRICT;

      CREATE TABLE documents (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE COLLATE NOCASE,
        kind TEXT NOT NULL CHECK (kind IN ('transcript', 'archival')),
        source_name TEXT NOT NULL,
        format TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        imported_at TEXT NOT NULL,
        participant_id INTEGER REFERENCES participants(id) ON DELETE RESTRICT,
        duration_ms INTEGER,
        ord INTEGER NOT NULL,
        length INTEGER NOT NULL, -- in UTF-16 code units, as offsets are
        -- Last, so that reading the other columns never walks the text's overflow pages.
        text TEXT NOT NULL
      ) STRICT;
      CREATE INDEX documents_content_hash ON documents(content_hash);
      CREATE INDEX documents_participant ON documents(participant_id);
      CREATE TRIGGER documents_text_is_immutable BEFORE UPDATE OF text ON documents
        WHEN NEW.text IS NOT OLD.text
        BEGIN SELECT RAISE(ABORT, 'a document''s text never changes after import'); END;

      CREATE TABLE turns (
        id INTEGER PRIMARY KEY,
        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE RESTRICT,
        ord INTEGER NOT NULL,
        speaker TEXT NOT NULL,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        start_ms INTEGER,
        end_ms INTEGER,
        UNIQUE (document_id, ord),
        CHECK (start >= 0 AND end >= start)
      ) STRICT;

      CREATE TABLE pages (
        id INTEGER PRIMARY KEY,
        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE RESTRICT,
        number INTEGER NOT NULL,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        UNIQUE (document_id, number),
        CHECK (start >= 0 AND end >= start)
      ) STRICT;

      CREATE TABLE codes (
        id INTEGER PRIMARY KEY,
        guid TEXT NOT NULL UNIQUE,
        parent_id INTEGER REFERENCES codes(id) ON DELETE RESTRICT,
        label TEXT NOT NULL DEFAULT '',
        name TEXT NOT NULL,
        definition TEXT NOT NULL DEFAULT '',
        color TEXT NOT NULL,
        ord INTEGER NOT NULL,
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX codes_parent ON codes(parent_id, ord);

      CREATE TABLE codings (
        id INTEGER PRIMARY KEY,
        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE RESTRICT,
        code_id INTEGER NOT NULL REFERENCES codes(id) ON DELETE RESTRICT,
        coder_id INTEGER NOT NULL REFERENCES coders(id) ON DELETE RESTRICT,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        text TEXT NOT NULL,
        created_at TEXT NOT NULL,
        CHECK (start >= 0 AND end > start),
        UNIQUE (document_id, code_id, coder_id, start, end)
      ) STRICT;
      CREATE INDEX codings_document ON codings(document_id, start);
      CREATE INDEX codings_code ON codings(code_id);
      CREATE INDEX codings_coder ON codings(coder_id);

      CREATE TABLE memos (
        id INTEGER PRIMARY KEY,
        document_id INTEGER REFERENCES documents(id) ON DELETE RESTRICT,
        code_id INTEGER REFERENCES codes(id) ON DELETE RESTRICT,
        coding_id INTEGER REFERENCES codings(id) ON DELETE RESTRICT,
        title TEXT NOT NULL DEFAULT '',
        body TEXT NOT NULL,
        author TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        CHECK ((document_id IS NOT NULL) + (code_id IS NOT NULL) + (coding_id IS NOT NULL) <= 1)
      ) STRICT;
      CREATE INDEX memos_document ON memos(document_id);
      CREATE INDEX memos_code ON memos(code_id);
      CREATE INDEX memos_coding ON memos(coding_id);

      CREATE TABLE change_batches (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        label TEXT NOT NULL,
        reverts INTEGER REFERENCES change_batches(id)
      ) STRICT;

      CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY,
        batch_id INTEGER NOT NULL REFERENCES change_batches(id),
        op TEXT NOT NULL CHECK (op IN ('insert', 'update', 'delete')),
        entity TEXT NOT NULL,
        entity_id INTEGER NOT NULL,
        before TEXT,
        after TEXT
      ) STRICT;
      CREATE INDEX audit_log_batch ON audit_log(batch_id);
      CREATE INDEX audit_log_entity ON audit_log(entity, entity_id);
    `);
  },
};
