// search:run: an AND query's hits are its terms inside documents holding every term; the number of
// matching documents comes from the index, also when the page stops at `limit`.
import { describe, expect, it } from 'vitest';
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
