// Migration 14: how many codings each coder has in each document, kept by triggers. The documents
// list shows a count per document after every coding; the default layer of a report is chosen from
// who coded how much where; blind coders see their own counts. Each of those counted every coding of
// the project through an index (2M entries, about 0.1-0.25 s, on a large project); this table holds
// one row per (document, coder) that has codings. The triggers follow every insert, delete and move
// of a coding, whatever writes it (the recorder, undo and redo, imports, merges), in the same
// transaction, so the counts can never disagree with the codings.
import type { Migration } from '../migrate';

export const migration0014: Migration = {
  version: 14,
  name: 'coding counts per document and coder',
  up(db) {
    db.exec(`
      CREATE TABLE coding_counts (
        document_id INTEGER NOT NULL,
        coder_id INTEGER NOT NULL,
        n INTEGER NOT NULL CHECK (n > 0),
        PRIMARY KEY (document_id, coder_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX coding_counts_coder ON coding_counts(coder_id);

      INSERT INTO coding_counts (document_id, coder_id, n)
        SELECT document_id, coder_id, count(*) FROM codings GROUP BY document_id, coder_id;

      CREATE TRIGGER coding_counts_insert AFTER INSERT ON codings BEGIN
        INSERT INTO coding_counts (document_id, coder_id, n) VALUES (new.document_id, new.coder_id, 1)
          ON CONFLICT (document_id, coder_id) DO UPDATE SET n = n + 1;
      END;
      -- The last coding of a (document, coder) removes its row; any other lowers the count.
      CREATE TRIGGER coding_counts_delete AFTER DELETE ON codings BEGIN
        DELETE FROM coding_counts WHERE document_id = old.document_id AND coder_id = old.coder_id AND n = 1;
        UPDATE coding_counts SET n = n - 1 WHERE document_id = old.document_id AND coder_id = old.coder_id;
      END;
      CREATE TRIGGER coding_counts_move AFTER UPDATE OF document_id, coder_id ON codings
        WHEN new.document_id IS NOT old.document_id OR new.coder_id IS NOT old.coder_id
      BEGIN
        DELETE FROM coding_counts WHERE document_id = old.document_id AND coder_id = old.coder_id AND n = 1;
        UPDATE coding_counts SET n = n - 1 WHERE document_id = old.document_id AND coder_id = old.coder_id;
        INSERT INTO coding_counts (document_id, coder_id, n) VALUES (new.document_id, new.coder_id, 1)
          ON CONFLICT (document_id, coder_id) DO UPDATE SET n = n + 1;
      END;
    `);
  },
};
