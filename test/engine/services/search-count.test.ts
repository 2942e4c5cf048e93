// search:run: an AND query's hits are its terms inside documents holding every term; the number of
// matching documents comes from the index, also when the page stops at `limit`.
import { describe, expect, it } from 'vitest';
import { findHitsTokenized, parseQuery } from '../../../shared/search/query';
import { b64, newProject, tempDir } from '../../helpers/temp';

const dir = tempDir();

describe('search hits and counts', () => {
  it('finds AND terms only in documents that hold all of them, and counts matching documents', async () => {
    const engine = await newProject(dir);
    const texts = {
      'A.txt': 'Care at home. Home visits and care plans.',
      'B.txt': 'Home is where the heart is. Home again.',
      'C.txt': 'Care homes? No: care at home, home care.',
      'D.txt': 'Nothing relevant here.',
    };
    for (const [name, text] of Object.entries(texts)) await engine.call('documents:import', { fileName: name, dataBase64: b64(text) });
    const r = await engine.call('search:run', { query: 'care home' });
    // B has "home" but not "care": none of its words are hits. A: care, Home, Home, care; C: Care, care, home, home, care
    // ("homes" is another word).
    expect(r.hits.map((h) => `${h.document}:${h.text}`)).toEqual([
      'A:Care', 'A:home', 'A:Home', 'A:care',
      'C:Care', 'C:care', 'C:home', 'C:home', 'C:care',
    ]);
    expect(r).toMatchObject({ truncated: false, documents: 2 });
    const page = await engine.call('search:run', { query: 'care home', limit: 3 });
    expect(page.hits.map((h) => h.start)).toEqual([0, 8, 14]);
    expect(page).toMatchObject({ truncated: true, documents: 2 });
    const either = await engine.call('search:run', { query: 'heart OR plans', limit: 1 });
    expect(either).toMatchObject({ truncated: true, documents: 2 });
  });
});

describe('search on texts with and without non-ASCII characters', () => {
  it('gives the tokenising matcher\'s hits whether or not a text is all ASCII', async () => {
    const engine = await newProject(dir, 'ascii.accord');
    const texts = {
      'plain.txt': 'Shared engagement, shared  engagement. Cafe? cafe.',
      // Non-ASCII letters, punctuation, CJK, an emoji (two UTF-16 units) and combining accents.
      'accents.txt': 'Café shared engagement. Naïve “shared engagement” – CAFÉ 日本語 shared 😀 engagement cafe\u0301',
      'quotes.txt': 'It’s shared—engagement; don’t 2021-care.',
    };
    const stored: [string, string][] = [];
    for (const [name, text] of Object.entries(texts)) {
      const r = await engine.call('documents:import', { fileName: name, dataBase64: b64(text) });
      // The stored text is normalised (NFC: the combining accent joins its letter).
      stored.push([r.document.name, (await engine.call('documents:get', { id: r.document.id })).text]);
    }
    for (const query of ['"shared engagement"', 'cafe', 'caf*', '"don t"', '2021']) {
      const r = await engine.call('search:run', { query });
      const q = parseQuery(query);
      const expected = stored.flatMap(([name, text]) => findHitsTokenized(text, q).map((h) => `${name}:${h.start}:${text.slice(h.start, h.end)}`));
      expect(r.hits.map((h) => `${h.document}:${h.start}:${h.text}`), query).toEqual(expected);
    }
    // By hand: the emoji between the words is a separator; offsets count it as two UTF-16 units.
    const emoji = await engine.call('search:run', { query: '"shared engagement"' });
    expect(emoji.hits.filter((h) => h.document === 'accents').map((h) => h.text)).toEqual(['shared engagement', 'shared engagement', 'shared 😀 engagement']);
  });
});

