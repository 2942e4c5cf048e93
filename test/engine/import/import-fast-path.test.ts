// The import path's shortcuts give what the general path gives: the ASCII hint from decodeText, the
// shared UTF-8 decoder, the NUL check on a view with an offset, turns written in multi-row batches,
// the import-time WAL checkpoint threshold and the index behind each import's max(ord).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AccordError } from '../../../shared/errors';
import type { DocumentKind } from '../../../shared/model/types';
import { detectTurns } from '../../../shared/text/turns';
import { decodeText } from '../../../electron/engine/import/decode';
import { extractDocument } from '../../../electron/engine/import/extract';
import { importDocument } from '../../../electron/engine/services/documents';
import { Session } from '../../../electron/engine/session';
import { b64, newProject, tempDir } from '../../helpers/temp';
import { rng } from '../../helpers/fixtures';

const dir = tempDir();
const utf8 = (s: string) => new Uint8Array(Buffer.from(s, 'utf8'));


/** normaliseText's definition (see test/unit/text/normalise-fast-path.test.ts). */
function normalised(raw: string): string {
  let s = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  s = s.replace(/\r\n?|[\u2028\u2029]/g, '\n').normalize('NFC');
  return s.replace(/^(?:[ \t\f\v\u00a0]*\n)+/, '').replace(/\s+$/u, '');
}

describe('decodeText shortcuts', () => {
  it('flags ASCII only when every byte is ASCII', () => {
    expect(decodeText('a.txt', utf8('Interviewer: hi\r\n')).ascii).toBe(true);
    expect(decodeText('b.txt', utf8('Caf\u00e9')).ascii).toBe(false);
    expect(decodeText('c.txt', new Uint8Array([0xef, 0xbb, 0xbf, 0x61])).ascii).toBe(true); // BOM stripped, then "a"
    expect(decodeText('d.txt', new Uint8Array([0x63, 0x61, 0x66, 0xe9])).ascii).toBe(false); // Windows-1252 fallback
    expect(decodeText('e.txt', new Uint8Array([0xff, 0xfe, 0x41, 0x00])).ascii).toBe(false); // UTF-16 is never flagged
  });

  it('decodes correctly right after a file that was not valid UTF-8 (the decoder is shared)', () => {
    expect(decodeText('bad.txt', new Uint8Array([0x61, 0xe2, 0x82])).encoding).toBe('windows-1252');
    const r = decodeText('good.txt', utf8('\u00e9t\u00e9 \u2014 ok'));
    expect(r).toMatchObject({ text: '\u00e9t\u00e9 \u2014 ok', encoding: 'utf-8' });
  });

  it('checks for NUL bytes within the view only, wherever its buffer starts', () => {
    const backing = new Uint8Array([0x00, 0x61, 0x62, 0x63, 0x00]);
    expect(decodeText('v.txt', backing.subarray(1, 4)).text).toBe('abc');
    expect(() => decodeText('w.txt', backing.subarray(1))).toThrow(AccordError);
    expect(() => decodeText('w.txt', backing.subarray(1))).toThrow('w.txt: looks binary, not text');
  });

  it('gives the general normalisation for random ASCII and non-ASCII files', async () => {
    const rand = rng(9);
    const pieces = ['Interviewer: ', 'ID21: ', 'word ', '\n', '\r\n', '\r', ' ', '\t', 'e\u0301', '\u00e9', '\u2028', '\u00a0', '\u3000', 'x'];
    for (let i = 0; i < 400; i++) {
      let s = 'a';
      for (let k = Math.floor(rand() * 30); k > 0; k--) s += pieces[Math.floor(rand() * (i % 2 ? 8 : pieces.length))];
      const doc = await extractDocument('r.txt', utf8(s));
      expect(doc.text).toBe(normalised(s));
      expect(doc.turns).toEqual(detectTurns(doc.text));
    }
  });
});

/** A transcript with exactly `n` speaker turns. */
function transcript(n: number): string {
  return Array.from({ length: n }, (_, i) => `${i % 2 ? 'ID7' : 'Interviewer'}: turn ${i} says something.`).join('\n') || 'No turns here.';
}

describe('writing an import', () => {
  it('stores every turn, in order, for counts around the batch size', async () => {
    const engine = await newProject(dir, 'turns.accord');
    for (const n of [0, 1, 31, 32, 33, 64, 65, 100]) {
      const text = transcript(n);
      const r = await engine.call('documents:import', { fileName: `t${n}.txt`, dataBase64: b64(text) });
      expect(r.turns).toBe(n);
      const doc = await engine.call('documents:get', { id: r.document.id });
      expect(doc.turns).toEqual(detectTurns(text).map((t) => ({ ...t, endMs: null })));
      expect(doc.turns.map((t) => doc.text.slice(t.start, t.end))).toEqual(n === 0 ? [] : text.split('\n'));
    }
  });

  it("raises the WAL checkpoint threshold for a run of imports and restores the connection's own after it, also after a failed one", async () => {
    const s = Session.create(join(dir, 'pragma.accord'));
    const nextTurn = () => new Promise((r) => setImmediate(r));
    try {
      const threshold = () => s.db.pragma('wal_autocheckpoint', { simple: true });
      expect(threshold()).toBe(1000);
      await importDocument(s, 'ok.txt', utf8(transcript(3)));
      // Back to back (the same turn of the event loop): still raised, set once for the whole run.
      expect(threshold()).toBe(16384);
      await importDocument(s, 'ok2.txt', utf8(transcript(5)));
      expect(threshold()).toBe(16384);
      await nextTurn();
      expect(threshold()).toBe(1000);
      // The CHECK on documents.kind fails inside the import's transaction.
      await expect(importDocument(s, 'bad.txt', utf8(transcript(4)), 'memo' as DocumentKind)).rejects.toThrow(/CHECK/);
      await nextTurn();
      expect(threshold()).toBe(1000);
      expect((s.db.prepare('SELECT count(*) AS n FROM documents').get() as { n: number }).n).toBe(2);
    } finally {
      s.close();
    }
  });

  it('closing the project right after an import leaves nothing to restore', async () => {
    const s = Session.create(join(dir, 'pragma-close.accord'));
    await importDocument(s, 'ok.txt', utf8(transcript(3)));
    s.close();
    await new Promise((r) => setImmediate(r));
    expect(s.db.open).toBe(false);
  });

  it('numbers documents in import order through the ord index', async () => {
    const s = Session.create(join(dir, 'ord.accord'));
    try {
      for (let i = 0; i < 3; i++) await importDocument(s, `d${i}.txt`, utf8(`text ${i}`));
      const ords = s.db.prepare('SELECT name, ord FROM documents ORDER BY id').all();
      expect(ords).toEqual([{ name: 'd0', ord: 0 }, { name: 'd1', ord: 1 }, { name: 'd2', ord: 2 }]);
      const plan = s.db.prepare('EXPLAIN QUERY PLAN SELECT coalesce(max(ord) + 1, 0) AS n FROM documents').all() as { detail: string }[];
      expect(plan.map((p) => p.detail).join(' ')).toContain('documents_ord');
    } finally {
      s.close();
    }
  });
});

describe("the participants' IDs an import recognises, kept between imports", () => {
  const participantOf = async (s: Session, name: string) => (await importDocument(s, name, utf8('I: Welcome back, rosa-7.\nR: Thanks.'))).participant;

  it('sees a participant added by the previous import, by another change on this connection, and by another connection', async () => {
    const path = join(dir, 'known.accord');
    const s = Session.create(path);
    try {
      // Not an ID by the built-in patterns: found only once it is a known participant.
      expect(await participantOf(s, 'a.txt')).toBeNull();
      await importDocument(s, 'rosa-7 first.txt', utf8('Hello.'));
      expect((s.db.prepare('SELECT pid FROM participants').all() as { pid: string }[]).map((r) => r.pid)).toEqual([]);
      // Added by this connection outside an import.
      s.change('participant.create', 'add', (c) => c.insert('participants', { pid: 'Rosa-7', created_at: 'now' }));
      expect(await participantOf(s, 'b.txt')).toBe('Rosa-7');
      // Added by another connection (another program on the same project).
      const other = Session.open(path);
      other.change('participant.create', 'add', (c) => c.insert('participants', { pid: 'Xu-12', created_at: 'now' }));
      other.close();
      expect((await importDocument(s, 'c.txt', utf8('I: And you, xu-12?\nR: Yes.'))).participant).toBe('Xu-12');
      // Added by an import itself (an ID the built-in patterns find), then found as a known ID.
      expect((await importDocument(s, 'ID40 interview.txt', utf8('Hello again.'))).participant).toBe('ID40');
      expect(s.db.prepare("UPDATE participants SET pid = 'Zed-9' WHERE pid = 'ID40'").run().changes).toBe(1);
      expect((await importDocument(s, 'd.txt', utf8('I: Hi zed-9.\nR: Hi.'))).participant).toBe('Zed-9');
    } finally {
      s.close();
    }
  });
});
