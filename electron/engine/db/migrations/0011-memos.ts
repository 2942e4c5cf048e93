// Migration 11: memos on themes and a full-text index of memos. A memo may now belong to a theme
// (as to a document, a code or a coding; none of them: a project memo), and memos are searchable
// through FTS5, kept in step with the table by triggers (so undo and redo keep it right too).
import type { Migration } from '../migrate';

export const migration0011: Migration = {
  version: 11,
  name: 'theme memos and memo search',
  up(db) {
    db.exec(`
      ALTER TABLE memos ADD COLUMN theme_id INTEGER REFERENCES themes(id) ON DELETE RESTRICT;
      CREATE INDEX memos_theme ON memos(theme_id);
      CREATE TRIGGER memos_one_target_insert BEFORE INSERT ON memos
        WHEN NEW.theme_id IS NOT NULL AND (NEW.document_id IS NOT NULL OR NEW.code_id IS NOT NULL OR NEW.coding_id IS NOT NULL)
        BEGIN SELECT RAISE(ABORT, 'a memo belongs to one document, code, coding or theme'); END;
      CREATE TRIGGER memos_one_target_update BEFORE UPDATE ON memos
        WHEN NEW.theme_id IS NOT NULL AND (NEW.document_id IS NOT NULL OR NEW.code_id IS NOT NULL OR NEW.coding_id IS NOT NULL)
        BEGIN SELECT RAISE(ABORT, 'a memo belongs to one document, code, coding or theme'); END;

      CREATE VIRTUAL TABLE memos_fts USING fts5(title, body, content='memos', content_rowid='id', tokenize='unicode61 remove_diacritics 2');
      INSERT INTO memos_fts(rowid, title, body) SELECT id, title, body FROM memos;
      CREATE TRIGGER memos_fts_insert AFTER INSERT ON memos BEGIN
        INSERT INTO memos_fts(rowid, title, body) VALUES (NEW.id, NEW.title, NEW.body);
      END;
      CREATE TRIGGER memos_fts_delete AFTER DELETE ON memos BEGIN
        INSERT INTO memos_fts(memos_fts, rowid, title, body) VALUES ('delete', OLD.id, OLD.title, OLD.body);
      END;
      CREATE TRIGGER memos_fts_update AFTER UPDATE OF title, body ON memos BEGIN
        INSERT INTO memos_fts(memos_fts, rowid, title, body) VALUES ('delete', OLD.id, OLD.title, OLD.body);
        INSERT INTO memos_fts(rowid, title, body) VALUES (NEW.id, NEW.title, NEW.body);
      END;
    `);
  },
};
