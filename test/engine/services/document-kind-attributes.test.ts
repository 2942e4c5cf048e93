// Issue 14: a document can be marked transcript or archival after import (undoable), and Table 1 says
// which attributes it left out and why — a "Role" column read as text no longer vanishes silently —
// while `accord participants set-type` changes an attribute's type from the command line.
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { accord } from '../../helpers/cli';
import { b64, newProject, tempDir } from '../../helpers/temp';

const dir = tempDir();

describe('document kind and attribute types (issue 14)', () => {
  it('marks a document archival and back, undoably', async () => {
    const engine = await newProject(dir, 'kind.accord');
    const doc = (await engine.call('documents:import', { fileName: 'Board minutes.txt', dataBase64: b64('Minutes of the board.') })).document;
    expect(doc.kind).toBe('transcript');
    expect((await engine.call('documents:setKind', { id: doc.id, kind: 'archival' })).kind).toBe('archival');
    expect((await engine.call('history:state', {})).undoLabel).toBe('mark Board minutes as archival');
    await engine.call('history:undo', {});
    expect((await engine.call('documents:list', {}))[0].kind).toBe('transcript');
  });

  it('notes the attributes Table 1 leaves out, and set-type brings one in', async () => {
    const project = join(dir, 'table1.accord');
    writeFileSync(join(dir, 'people.csv'), 'ID,Sex,Role,Age\nID01,Female,General practitioner,41\nID02,Male,Advanced nurse practitioner in an urgent treatment centre,38\n');
    expect((await accord('init', project)).code).toBe(0);
    const imported = await accord('participants', 'import', project, join(dir, 'people.csv'));
    expect(imported.out).toContain('Attributes: Sex (category), Role (text), Age (number)');
    const engine = await newProject(dir, 'unused.accord');
    await engine.call('project:open', { path: project });
    const before = await engine.call('participants:characteristics', { percent: false });
    expect(before.rows.map((r) => r.cells.map((c) => c.runs.map((x) => x.text).join('')).join('|'))).toEqual(['Sex|', 'Female|1', 'Male|1']);
    expect(before.notes).toEqual(expect.arrayContaining([
      'Role (text) left out: free text is not counted; make it a category to count its values.',
      'Age (number) left out: numbers are not counted value by value; make it a category (e.g. age bands) to count it.',
    ]));
    engine.close();

    const changed = await accord('participants', 'set-type', project, 'role', 'category');
    expect(changed).toMatchObject({ code: 0, out: 'Role: text → category\n', err: '' });
    const bad = await accord('participants', 'set-type', project, 'Role', 'colour');
    expect(bad.err).toContain('the type is one of category, number, date, text, not "colour"');
    const missing = await accord('participants', 'set-type', project, 'Height', 'number');
    expect(missing.err).toContain('no attribute named "Height" (there are: Sex, Role, Age)');
    const table = await accord('participants', 'table', project);
    expect(table.out).toContain('Role\t\nGeneral practitioner\t1\nAdvanced nurse practitioner in an urgent treatment centre\t1\n');
  });
});
