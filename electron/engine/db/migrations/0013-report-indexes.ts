// Migration 13: an index of who coded in each document. Agreement by design asks, per document, which
// coders applied any code there; the view's per-code reports and blind-mode counts group codings by
// (document, coder). With only (document, start) indexed each question read every coding of the
// document (a thousand per transcript on a large project); this index answers it from a few entries.
import type { Migration } from '../migrate';

export const migration0013: Migration = {
  version: 13,
  name: 'index of coders per document',
  up(db) {
    db.exec('CREATE INDEX codings_document_coder ON codings(document_id, coder_id);');
  },
};
