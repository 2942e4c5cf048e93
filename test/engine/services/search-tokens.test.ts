// The JS hit finder must agree with FTS5's unicode61 remove_diacritics 2 tokenizer: for each token of
// each sample, the documents FTS5 matches are exactly those in which findHits finds a hit.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { findHits, parseQuery, tokenize } from '../../../shared/search/query';

const SAMPLES = [
  'naïve', 'Ærø', 'ﬁnance', 'straße', 'Άλφα βήτα', 'ὁδός', 'co-op', 'İstanbul', 'Łódź', 'Øresund', 'Crème brûlée',
  'ÉCOLE', '日本語', 'ｆｕｌｌ', 'x²', 'e\u0301te', 'Ōsaka', 'Việt', 'ñandú', 'Å', "don't", 'São Paulo',
];

describe('search tokens agree with FTS5', () => {
  it('matches the same documents for every token of every sample', () => {
    const db = new Database(':memory:');
    db.exec("CREATE VIRTUAL TABLE f USING fts5(text, tokenize = 'unicode61 remove_diacritics 2')");
    const texts = SAMPLES.map((w) => `before ${w} after`);
    texts.forEach((t, i) => db.prepare('INSERT INTO f (rowid, text) VALUES (?, ?)').run(i + 1, t));
    const disagreements: string[] = [];
    for (const w of SAMPLES) {
      for (const token of tokenize(w)) {
        const fts = (db.prepare('SELECT rowid FROM f WHERE f MATCH ? ORDER BY rowid').all(`"${token.folded}"`) as { rowid: number }[]).map((r) => r.rowid);
        const q = parseQuery(token.folded);
        const js = texts.flatMap((t, i) => (findHits(t, q).length > 0 ? [i + 1] : []));
        if (JSON.stringify(fts) !== JSON.stringify(js)) disagreements.push(`${token.folded}: fts ${fts} js ${js}`);
      }
    }
    expect(disagreements).toEqual([]);
    db.close();
  });
});
