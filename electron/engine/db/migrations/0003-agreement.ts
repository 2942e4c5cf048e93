// Migration 3: coder assignments, blind coding and consensus decisions. The project's agreement
// settings are one row (id 1): the lead coder and the blind-mode flag.
import type { Migration } from '../migrate';

export const migration0003: Migration = {
  version: 3,
  name: 'coder assignments, blind coding and consensus decisions',
  up(db) {
    // document_id and code_id are deliberately not foreign keys: documents and codes are deleted by
    // the core services, which must not be blocked by an assignment or a decision (RESTRICT) nor
    // change these rows outside the audit log (CASCADE). Readers join, so orphans are ignored, and
    // undoing the delete brings the same id back, which restores the link. Coders are never deleted.
    db.exec(`
      CREATE TABLE agreement_settings (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        lead_coder_id INTEGER REFERENCES coders(id) ON DELETE RESTRICT,
        blind INTEGER NOT NULL DEFAULT 0 CHECK (blind IN (0, 1))
      ) STRICT;

      CREATE TABLE coder_assignments (
        id INTEGER PRIMARY KEY,
        document_id INTEGER NOT NULL,
        coder_id INTEGER NOT NULL REFERENCES coders(id) ON DELETE RESTRICT,
        assigned_at TEXT NOT NULL,
        UNIQUE (document_id, coder_id)
      ) STRICT;
      CREATE INDEX coder_assignments_coder ON coder_assignments(coder_id);

      CREATE TABLE revealed_documents (
        id INTEGER PRIMARY KEY,
        document_id INTEGER NOT NULL UNIQUE,
        revealed_at TEXT NOT NULL,
        revealed_by TEXT NOT NULL
      ) STRICT;

      CREATE TABLE consensus_decisions (
        id INTEGER PRIMARY KEY,
        document_id INTEGER NOT NULL,
        code_id INTEGER NOT NULL,
        region_start INTEGER NOT NULL,
        region_end INTEGER NOT NULL,
        rule TEXT NOT NULL CHECK (rule IN ('accept', 'union', 'intersection', 'edit', 'reject')),
        accepted_coder_id INTEGER REFERENCES coders(id) ON DELETE RESTRICT,
        rationale TEXT NOT NULL DEFAULT '',
        author TEXT NOT NULL,
        decided_at TEXT NOT NULL,
        before TEXT NOT NULL,
        after TEXT NOT NULL,
        CHECK (region_start >= 0 AND region_end > region_start),
        CHECK ((rule = 'accept') = (accepted_coder_id IS NOT NULL))
      ) STRICT;
      CREATE INDEX consensus_decisions_document_code ON consensus_decisions(document_id, code_id, region_start);
      CREATE INDEX consensus_decisions_code ON consensus_decisions(code_id);
    `);
  },
};
