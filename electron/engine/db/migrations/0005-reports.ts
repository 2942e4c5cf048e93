// Migration 5: themes and subthemes, their links to codes, the illustrative quotes chosen for them,
// and the author's COREQ checklist answers.
import type { Migration } from '../migrate';

export const migration0005: Migration = {
  version: 5,
  name: 'themes, quotes and COREQ answers',
  up(db) {
    // code_id and coding_id are deliberately not foreign keys: codes and codings are deleted by the
    // codebook and coding services, which must not be blocked by a theme (RESTRICT) nor silently
    // change theme rows outside the audit log (CASCADE). A quote keeps its text snapshot when its
    // coding goes, and undoing that delete restores the link because the id comes back unchanged.
    db.exec(`
      CREATE TABLE themes (
        id INTEGER PRIMARY KEY,
        parent_id INTEGER REFERENCES themes(id) ON DELETE RESTRICT,
        name TEXT NOT NULL CHECK (length(trim(name)) > 0),
        summary TEXT NOT NULL DEFAULT '',
        ord INTEGER NOT NULL,
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX themes_parent ON themes(parent_id, ord);
      CREATE TRIGGER themes_two_levels_insert BEFORE INSERT ON themes
        WHEN NEW.parent_id IS NOT NULL AND (SELECT parent_id FROM themes WHERE id = NEW.parent_id) IS NOT NULL
        BEGIN SELECT RAISE(ABORT, 'a subtheme cannot have subthemes'); END;
      CREATE TRIGGER themes_two_levels_update BEFORE UPDATE OF parent_id ON themes
        WHEN NEW.parent_id IS NOT NULL AND (SELECT parent_id FROM themes WHERE id = NEW.parent_id) IS NOT NULL
        BEGIN SELECT RAISE(ABORT, 'a subtheme cannot have subthemes'); END;

      CREATE TABLE theme_codes (
        id INTEGER PRIMARY KEY,
        theme_id INTEGER NOT NULL REFERENCES themes(id) ON DELETE RESTRICT,
        code_id INTEGER NOT NULL,
        UNIQUE (theme_id, code_id)
      ) STRICT;
      CREATE INDEX theme_codes_code ON theme_codes(code_id);

      CREATE TABLE theme_quotes (
        id INTEGER PRIMARY KEY,
        theme_id INTEGER NOT NULL REFERENCES themes(id) ON DELETE RESTRICT,
        coding_id INTEGER,
        text TEXT NOT NULL,
        participant TEXT NOT NULL DEFAULT '',
        document TEXT NOT NULL DEFAULT '',
        lead_in TEXT NOT NULL DEFAULT '',
        ord INTEGER NOT NULL,
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX theme_quotes_theme ON theme_quotes(theme_id, ord);
      CREATE INDEX theme_quotes_coding ON theme_quotes(coding_id);

      CREATE TABLE coreq_answers (
        id INTEGER PRIMARY KEY,
        item INTEGER NOT NULL UNIQUE CHECK (item BETWEEN 1 AND 32),
        answer TEXT NOT NULL DEFAULT '',
        page TEXT NOT NULL DEFAULT '',
        author TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
    `);
  },
};
