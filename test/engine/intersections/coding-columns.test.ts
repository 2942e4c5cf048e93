// The intersection reports read every coding once into typed columns (packed four numbers to one
// where ids and offsets fit in 53 bits, else four columns). Both ways must give the table itself.
import { describe, expect, it } from 'vitest';
import { allCodings, loadColumns } from '../../../electron/engine/services/intersections/scope';
import { filtersSchema } from '../../../shared/api/intersections';
import { b64, newProject, tempDir } from '../../helpers/temp';

async function project(hugeCoderId: boolean) {
  const e = await newProject(tempDir());
  const text = 'lorem ipsum dolor sit amet '.repeat(40);
  const docs = [];
  for (let i = 0; i < 3; i++) docs.push((await e.call('documents:import', { fileName: `ID${i} interview.txt`, dataBase64: b64(text) })).document.id);
  const codes = [];
  for (let i = 0; i < 4; i++) codes.push((await e.call('codebook:create', { parentId: null, label: `${i + 1}0a`, name: `Code ${i}` })).id);
  const db = e.current.db;
  const now = new Date().toISOString();
  const coders = [Number(db.prepare("INSERT INTO coders (name, color, created_at) VALUES ('Cole', '#000000', ?)").run(now).lastInsertRowid)];
  // A coder id too large to pack with the offsets into 53 bits: the reader falls back to four columns.
  coders.push(Number(db.prepare("INSERT INTO coders (id, name, color, created_at) VALUES (?, 'Dee', '#000000', ?)").run(hugeCoderId ? 2 ** 45 : null, now).lastInsertRowid));
  const insert = db.prepare('INSERT OR IGNORE INTO codings (document_id, code_id, coder_id, start, "end", text, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
  let seed = 7;
  const rand = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
  for (let i = 0; i < 300; i++) {
    const start = Math.floor(rand() * (text.length - 50));
    insert.run(docs[i % 3], codes[Math.floor(rand() * 4)], coders[i % 2], start, start + 1 + Math.floor(rand() * 49), '', now);
  }
  const expected = db
    .prepare('SELECT id, document_id AS documentId, code_id AS codeId, coder_id AS coderId, start, "end" FROM codings ORDER BY document_id, code_id, coder_id, start, "end"')
    .all();
  return { e, expected };
}

describe('codings read as columns', () => {
  for (const huge of [false, true]) {
    it(huge ? 'four columns when a coder id is too large to pack' : 'packed into one number per coding', async () => {
      const { e, expected } = await project(huge);
      const got = allCodings(e.current);
      // Grouped by document, in the unique index's order within each document.
      expect(got.map((c) => ({ ...c }))).toEqual(expected);
      e.close();
    });
  }

  for (const huge of [false, true]) {
    it(`one coder's layer is read alone, the same rows as every coding filtered${huge ? ' (four columns)' : ''}; a second layer reads them all`, async () => {
      const { e, expected } = await project(huge);
      const coders = [...new Set(expected.map((c) => (c as { coderId: number }).coderId))];
      const rowsOf = (t: ReturnType<typeof loadColumns>['codings']) =>
        Array.from({ length: t.length }, (_, i) => ({ id: t.id[i], documentId: t.documentId[i], codeId: t.codeId[i], start: t.start[i], end: t.end[i] }));
      const want = (coder: number) =>
        expected.filter((c) => (c as { coderId: number }).coderId === coder).map((c) => {
          const { coderId: _, ...rest } = c as { coderId: number };
          return rest;
        });
      // The first layer: only its codings are read (the columns hold no other coder's).
      const first = loadColumns(e.current, filtersSchema().parse({ layer: coders[0] }), true).codings;
      expect(rowsOf(first)).toEqual(want(coders[0]));
      expect(first.length).toBe(want(coders[0]).length);
      // The second: every coding is read once and filtered, the same rows as a read of that layer alone.
      expect(rowsOf(loadColumns(e.current, filtersSchema().parse({ layer: coders[1] }), true).codings)).toEqual(want(coders[1]));
      expect(rowsOf(loadColumns(e.current, filtersSchema().parse({ layer: coders[0] }), true).codings)).toEqual(want(coders[0]));
      expect(loadColumns(e.current, filtersSchema().parse({ layer: 'all' }), true).codings.length).toBe(expected.length);
      e.close();
    });
  }
});
