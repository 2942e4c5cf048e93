// Memos (issue 14): memos:list failed on every call ("Too many parameter values were provided": the
// query reused ?1/?2, which better-sqlite3 binds as extra positional values) and no test caught it.
// Memos on the project, a document, a code, a coding and a theme; filters, full-text search, undo.
import { describe, expect, it } from 'vitest';
import { b64, newProject, tempDir } from '../../helpers/temp';

const dir = tempDir();

async function setup(name: string) {
  const engine = await newProject(dir, name);
  const doc = (await engine.call('documents:import', { fileName: 'ID21 interview.txt', dataBase64: b64('ID21: We adapted the software to each practice.') })).document;
  const code = await engine.call('codebook:create', { parentId: null, label: '10a', name: 'Adaptation' });
  const [coding] = await engine.call('codings:apply', { documentId: doc.id, codeIds: [code.id], start: 6, end: 16 });
  const theme = await engine.call('themes:create', { name: 'Local tailoring' });
  return { engine, doc, code, coding, theme };
}

describe('memos (issue 14)', () => {
  it('lists memos of every kind with their subject, newest first (regression: memos:list always failed)', async () => {
    const { engine, doc, code, coding, theme } = await setup('kinds.accord');
    expect(await engine.call('memos:list', {})).toEqual([]);
    await engine.call('memos:save', { title: 'Reflexivity', body: 'My clinical background shapes what I notice.' });
    await engine.call('memos:save', { documentId: doc.id, body: 'Interview ran long; rapport good.' });
    await engine.call('memos:save', { codeId: code.id, body: 'Adaptation includes tailoring to locality.' });
    await engine.call('memos:save', { codingId: coding.id, body: 'Strong example of adaptation.' });
    await engine.call('memos:save', { themeId: theme.id, body: 'Tailoring recurs across localities.' });
    const all = await engine.call('memos:list', {});
    expect(all.map((m) => [m.target, m.subject, m.author])).toEqual([
      ['theme', 'Local tailoring', 'Ana'],
      ['coding', '10a Adaptation in ID21 interview', 'Ana'],
      ['code', '10a Adaptation', 'Ana'],
      ['document', 'ID21 interview', 'Ana'],
      ['project', '', 'Ana'],
    ]);
    expect((await engine.call('memos:list', { documentId: doc.id })).map((m) => m.body)).toEqual(['Interview ran long; rapport good.']);
    expect((await engine.call('memos:list', { target: 'project' })).map((m) => m.title)).toEqual(['Reflexivity']);
    expect((await engine.call('memos:list', { themeId: theme.id })).map((m) => m.themeId)).toEqual([theme.id]);
    expect(await engine.call('memos:list', { author: 'Ben' })).toEqual([]);
  });

  it('finds memos by full-text search in title and body, accents folded', async () => {
    const { engine, doc } = await setup('search.accord');
    await engine.call('memos:save', { title: 'Café meeting', body: 'Notes from the debrief.' });
    await engine.call('memos:save', { documentId: doc.id, body: 'Participant described adaptation in detail.' });
    expect((await engine.call('memos:list', { query: 'cafe' })).map((m) => m.title)).toEqual(['Café meeting']);
    expect((await engine.call('memos:list', { query: 'adapt*' })).map((m) => m.target)).toEqual(['document']);
    expect((await engine.call('memos:list', { query: '"in detail"' })).length).toBe(1);
    expect(await engine.call('memos:list', { query: 'nothing' })).toEqual([]);
  });

  it('keeps one memo per target, many project memos; edits by id, deletes, and undoes', async () => {
    const { engine, code, theme } = await setup('edit.accord');
    const a = await engine.call('memos:save', { codeId: code.id, body: 'first' });
    const b = await engine.call('memos:save', { codeId: code.id, body: 'second' });
    expect(b.id).toBe(a.id);
    expect((await engine.call('memos:list', { codeId: code.id })).map((m) => m.body)).toEqual(['second']);
    const p1 = await engine.call('memos:save', { body: 'one' });
    const p2 = await engine.call('memos:save', { body: 'two' });
    expect(p2.id).not.toBe(p1.id);
    const edited = await engine.call('memos:save', { id: p1.id, title: 'Renamed', body: 'one, revised' });
    expect(edited).toMatchObject({ id: p1.id, title: 'Renamed', body: 'one, revised', target: 'project' });
    await engine.call('memos:delete', { id: p2.id });
    expect((await engine.call('memos:list', { target: 'project' })).map((m) => m.body)).toEqual(['one, revised']);
    await engine.call('history:undo', {});
    expect((await engine.call('memos:list', { target: 'project' })).map((m) => m.body).sort()).toEqual(['one, revised', 'two']);
    expect((await engine.call('memos:list', { query: 'two' })).length).toBe(1);
    const both = await engine.invoke('memos:save', { codeId: code.id, themeId: theme.id, body: 'x' });
    expect(both).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: 'a memo belongs to one document, code, coding or theme' } });
    expect(await engine.invoke('memos:delete', { id: 999 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    // Deleting a theme deletes its memo with it (and undo brings both back).
    await engine.call('memos:save', { themeId: theme.id, body: 'theme note' });
    await engine.call('themes:delete', { id: theme.id });
    expect(await engine.call('memos:list', { target: 'theme' })).toEqual([]);
    await engine.call('history:undo', {});
    expect((await engine.call('memos:list', { target: 'theme' })).map((m) => m.body)).toEqual(['theme note']);
  });

  it('shows a blind coder only the memos they wrote', async () => {
    const { engine, doc } = await setup('blind.accord');
    await engine.call('memos:save', { documentId: doc.id, body: "Ana's reading of the interview" });
    await engine.call('agreement:setBlind', { blind: true });
    await engine.call('coders:select', { name: 'Ben' });
    expect(await engine.call('memos:list', {})).toEqual([]);
    const mine = await engine.call('memos:save', { body: "Ben's own note" });
    expect((await engine.call('memos:list', {})).map((m) => m.id)).toEqual([mine.id]);
  });
});

describe('code memos travel with the codebook export (issue 14)', () => {
  it('appends a Code memos table to the Word and Markdown codebook, not to CSV', async () => {
    const { engine, code } = await setup('export.accord');
    const plain = Buffer.from((await engine.call('reports:export', { table: 'codebook', format: 'markdown' })).dataBase64, 'base64').toString('utf8');
    expect(plain).not.toContain('Code memos');
    await engine.call('memos:save', { codeId: code.id, title: 'Scope', body: 'Tailoring to a locality counts as adaptation.' });
    const md = Buffer.from((await engine.call('reports:export', { table: 'codebook', format: 'markdown' })).dataBase64, 'base64').toString('utf8');
    expect(md).toContain('Code memos');
    expect(md).toMatch(/\| 10a Adaptation \| \*\*Scope\*\*.*Tailoring to a locality counts as adaptation\. \| Ana \|/);
    const docx = await engine.call('reports:export', { table: 'codebook', format: 'docx' });
    const { unzipSync, strFromU8 } = await import('fflate');
    const xml = strFromU8(unzipSync(new Uint8Array(Buffer.from(docx.dataBase64, 'base64')))['word/document.xml']);
    expect(xml).toContain('Code memos');
    expect(xml).toContain('Tailoring to a locality counts as adaptation.');
    const csv = Buffer.from((await engine.call('reports:export', { table: 'codebook', format: 'csv' })).dataBase64, 'base64').toString('utf8');
    expect(csv).not.toContain('Tailoring');
  });
});
