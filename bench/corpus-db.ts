// Fast generation of large coded projects for the benchmarks: documents and codings written straight
// into a project file the engine created (one prepared statement, one transaction), bypassing import.
import { randomUUID } from 'node:crypto';
import type { Db } from '../electron/engine/db/connection';
import { rng } from './synth';

export interface CorpusSpec {
  documents: number;
  /** Characters per document. */
  length: number;
  coders: number;
  codes: number;
  /** Codes get a two-level hierarchy: this many top-level parents (0: flat). */
  parents?: number;
  codings: number;
  seed?: number;
}

/** Fill an empty project with a synthetic coded corpus; returns the ids made. */
export function fillCorpus(db: Db, spec: CorpusSpec): { documentIds: number[]; codeIds: number[]; coderIds: number[] } {
  const rand = rng(spec.seed ?? 1);
  const phrase = 'lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor ';
  const text = phrase.repeat(Math.ceil(spec.length / phrase.length)).slice(0, spec.length);
  const now = new Date().toISOString();
  const documentIds: number[] = [];
  const codeIds: number[] = [];
  const coderIds: number[] = [];
  db.transaction(() => {
    const coder = db.prepare("INSERT INTO coders (name, color, created_at) VALUES (?, '#4e79a7', ?)");
    for (let i = 0; i < spec.coders; i++) coderIds.push(Number(coder.run(`Coder ${i + 1}`, now).lastInsertRowid));
    const participant = db.prepare('INSERT INTO participants (pid, created_at) VALUES (?, ?)');
    const doc = db.prepare(
      "INSERT INTO documents (name, kind, source_name, format, content_hash, imported_at, participant_id, ord, length, text) VALUES (?, 'transcript', ?, 'txt', ?, ?, ?, ?, ?, ?)",
    );
    for (let i = 0; i < spec.documents; i++) {
      const pid = Number(participant.run(`ID${i + 1}`, now).lastInsertRowid);
      documentIds.push(Number(doc.run(`ID${i + 1} interview`, `ID${i + 1} interview.txt`, `h${i}`, now, pid, i, text.length, text).lastInsertRowid));
    }
    const code = db.prepare("INSERT INTO codes (guid, parent_id, label, name, color, ord, created_at) VALUES (?, ?, ?, ?, '#f28e2b', ?, ?)");
    const parents = spec.parents ?? 0;
    const parentIds: number[] = [];
    for (let i = 0; i < parents; i++) parentIds.push(Number(code.run(randomUUID(), null, String((i + 1) * 10), `Parent ${i + 1}`, i, now).lastInsertRowid));
    codeIds.push(...parentIds);
    for (let i = codeIds.length; i < spec.codes; i++) {
      const parent = parents ? parentIds[i % parents] : null;
      codeIds.push(Number(code.run(randomUUID(), parent, parent ? `${(i % parents + 1) * 10}.${i}` : String(i + 1), `Code ${i + 1}`, i, now).lastInsertRowid));
    }
    const coding = db.prepare('INSERT OR IGNORE INTO codings (document_id, code_id, coder_id, start, "end", text, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
    for (let i = 0; i < spec.codings; i++) {
      const len = 20 + Math.floor(rand() * 400);
      const start = Math.floor(rand() * (spec.length - len));
      coding.run(
        documentIds[Math.floor(rand() * documentIds.length)],
        codeIds[Math.floor(rand() * codeIds.length)],
        coderIds[Math.floor(rand() * coderIds.length)],
        start,
        start + len,
        '',
        now,
      );
    }
  })();
  return { documentIds, codeIds, coderIds };
}
