// The study namespace through the engine: import with groups and duplicate detection, participants and
// typed attributes, Table 1, survey responses, groups, full-text search and "code all hits".
import { describe, expect, it } from 'vitest';
import type { Engine } from '../../../electron/engine/engine';
import { cellText } from '../../../shared/reports/table';
import { b64, newProject, tempDir } from '../../helpers/temp';

const dir = tempDir();

const T1 = 'Interviewer: What helped?\n\nID21: Shared records helped. The café was our office. We met daily.\n\nInterviewer: And data?\n\nID21: Data sharing was slow. Sharing took weeks.';
const T2 = 'Interviewer: Tell me more.\n\nID07: The shared record arrived late. Nobody owned the inbox.';

async function project(name: string): Promise<Engine> {
  const engine = await newProject(dir, name);
  await engine.call('documents:import', { fileName: 'ID21 interview.txt', dataBase64: b64(T1) });
  await engine.call('documents:import', { fileName: 'ID07 interview.txt', dataBase64: b64(T2) });
  return engine;
}

const batches = (e: Engine) => (e.current.db.prepare('SELECT count(*) AS n FROM change_batches').get() as { n: number }).n;

describe('import with groups and duplicates', () => {
  it('skips a file whose text is already in the project unless asked, and fills a group', async () => {
    const engine = await project('dup.accord');
    // The same text saved with CRLF line ends normalises to the same text: a duplicate.
    const again = await engine.call('documents:import', { fileName: 'copy of ID21.txt', dataBase64: b64(T1.replace(/\n/g, '\r\n')) });
    expect(again.skipped).toBe('same text as "ID21 interview"');
    expect(again.document.name).toBe('ID21 interview');
    expect(engine.info().documents).toBe(2);
    const forced = await engine.call('documents:import', { fileName: 'copy of ID21.txt', dataBase64: b64(T1), duplicates: 'import', group: 'Copies', kind: 'archival' });
    expect(forced.skipped).toBeNull();
    expect(engine.info().documents).toBe(3);
    const groups = await engine.call('groups:list', {});
    expect(groups.map((g) => [g.name, g.documentIds])).toEqual([['Copies', [forced.document.id]]]);
    expect((await engine.call('documents:list', { groupId: groups[0].id })).map((d) => d.name)).toEqual(['copy of ID21']);
  });
});

describe('groups', () => {
  it('create, rename, membership, filter; deleting a document removes its links; undo restores them', async () => {
    const engine = await project('groups.accord');
    const docs = await engine.call('documents:list', {});
    const g = await engine.call('groups:create', { name: 'Patient information' });
    await expect(engine.call('groups:create', { name: 'patient INFORMATION' })).rejects.toThrow(/already exists/);
    await engine.call('groups:setMembers', { groupId: g.id, documentIds: docs.map((d) => d.id) });
    expect((await engine.call('groups:rename', { id: g.id, name: 'Patient info' })).documentIds).toEqual(docs.map((d) => d.id));
    await engine.call('groups:setMembers', { groupId: g.id, documentIds: [docs[0].id], member: false });
    expect((await engine.call('documents:list', { groupId: g.id })).map((d) => d.name)).toEqual(['ID07 interview']);
    await engine.call('documents:delete', { id: docs[1].id });
    expect((await engine.call('groups:list', {}))[0].documentIds).toEqual([]);
    expect((await engine.call('search:run', { query: 'inbox' })).hits).toEqual([]);
    await engine.call('history:undo', {});
    expect((await engine.call('groups:list', {}))[0].documentIds).toEqual([docs[1].id]);
    // The restored document is searchable again (the index follows the replayed insert).
    expect((await engine.call('search:run', { query: 'inbox' })).hits.map((h) => h.document)).toEqual(['ID07 interview']);
    await engine.call('groups:delete', { id: g.id });
    expect(await engine.call('groups:list', {})).toEqual([]);
    expect(engine.info().documents).toBe(2);
  });
});

describe('search', () => {
  it('finds words, phrases and prefixes; hit text is the document text at its offsets', async () => {
    const engine = await project('search.accord');
    const r = await engine.call('search:run', { query: 'shar*' });
    expect(r.hits.map((h) => [h.document, h.text])).toEqual([
      ['ID21 interview', 'Shared'],
      ['ID21 interview', 'sharing'],
      ['ID21 interview', 'Sharing'],
      ['ID07 interview', 'shared'],
    ]);
    for (const h of r.hits) {
      const doc = await engine.call('documents:get', { id: h.documentId });
      expect(doc.text.slice(h.start, h.end)).toBe(h.text);
      expect(doc.text.slice(h.start - h.context.before.length, h.end + h.context.after.length)).toBe(h.context.before + h.text + h.context.after);
    }
    // "Shared records" in T1 starts after "Interviewer: What helped?\n\nID21: " (33 characters).
    expect((await engine.call('search:run', { query: '"shared records"' })).hits).toEqual([
      expect.objectContaining({ document: 'ID21 interview', start: 33, end: 47, text: 'Shared records' }),
    ]);
    // Accent-insensitive; AND across terms (both in ID21 only).
    expect((await engine.call('search:run', { query: 'cafe daily' })).hits.map((h) => h.text)).toEqual(['café', 'daily']);
    expect((await engine.call('search:run', { query: 'inbox OR café' })).hits.map((h) => h.text)).toEqual(['café', 'inbox']);
    const limited = await engine.call('search:run', { query: 'shar*', limit: 2 });
    expect([limited.hits.length, limited.truncated]).toEqual([2, true]);
    await expect(engine.call('search:run', { query: '""' })).rejects.toThrow(/no words/);
  });

  it('limits search to a group', async () => {
    const engine = await project('search-group.accord');
    const docs = await engine.call('documents:list', {});
    const g = await engine.call('groups:create', { name: 'Only ID07' });
    await engine.call('groups:setMembers', { groupId: g.id, documentIds: [docs[1].id] });
    expect((await engine.call('search:run', { query: 'shar*', groupId: g.id })).hits.map((h) => h.document)).toEqual(['ID07 interview']);
  });
});

describe('code all hits', () => {
  it('codes hits, sentences or turns in one undoable step as the current coder', async () => {
    const engine = await project('autocode.accord');
    const [code] = await engine.call('codebook:import', { fileName: 'c.txt', text: '70d\tUse of data' }).then((r) => r.codes);
    const before = batches(engine);
    const r = await engine.call('search:autocode', { query: 'shar*', codeId: code.id, unit: 'sentence' });
    // Four hits; "Data sharing was slow." and "Sharing took weeks." are separate sentences.
    expect(r).toEqual({ hits: 4, passages: 4, created: 4 });
    expect(batches(engine)).toBe(before + 1);
    const id21 = (await engine.call('documents:list', {}))[0];
    const texts = (await engine.call('codings:list', { documentId: id21.id })).map((c) => c.text);
    expect(texts).toEqual(['Shared records helped.', 'Data sharing was slow.', 'Sharing took weeks.']);
    // Running it again adds nothing.
    expect((await engine.call('search:autocode', { query: 'shar*', codeId: code.id, unit: 'sentence' })).created).toBe(0);
    await engine.call('history:undo', {});
    expect(await engine.call('codings:list', { documentId: id21.id })).toEqual([]);
    const turns = await engine.call('search:autocode', { query: 'shar*', codeId: code.id, unit: 'turn' });
    // Two hits share the last ID21 turn: three passages.
    expect(turns).toEqual({ hits: 4, passages: 3, created: 3 });
    const coded = await engine.call('codings:list', { documentId: id21.id });
    expect(coded.map((c) => c.text)).toEqual([
      'ID21: Shared records helped. The café was our office. We met daily.',
      'ID21: Data sharing was slow. Sharing took weeks.',
    ]);
    const ana = await engine.call('coders:current', {});
    expect(coded.every((c) => c.coderId === ana!.id)).toBe(true);
  });
});

describe('participants and attributes', () => {
  it('imports a table, infers types, links transcripts, edits values and types, exports CSV', async () => {
    const engine = await project('people.accord');
    const csv = '\uFEFFParticipant ID;Sex;Role;Age;Interviewed\nID21;Female;Clinician;44;2021-03-02\nID07;Male;Clinician;51;2021-03-09\nID30;Female;CCG leadership;39;2021-04-14\n';
    const r = await engine.call('participants:import', { fileName: 'people.csv', text: csv });
    // ID21 and ID07 already existed (detected from the transcripts); ID30 is new.
    expect([r.idColumn, r.created, r.updated]).toEqual(['Participant ID', 1, 2]);
    expect(r.attributes.map((a) => [a.name, a.type])).toEqual([
      ['Sex', 'category'],
      ['Role', 'category'],
      ['Age', 'number'],
      ['Interviewed', 'date'],
    ]);
    const people = await engine.call('participants:list', {});
    expect(people.find((p) => p.pid === 'ID21')).toMatchObject({ attributes: { Sex: 'Female', Role: 'Clinician', Age: '44' }, documents: ['ID21 interview'] });
    const id30 = people.find((p) => p.pid === 'ID30')!;
    await expect(engine.call('participants:setValue', { participantId: id30.id, attribute: 'Age', value: 'forty' })).rejects.toThrow(/not a number/);
    expect((await engine.call('participants:setValue', { participantId: id30.id, attribute: 'Role', value: 'Social care partner' })).attributes.Role).toBe('Social care partner');
    const age = r.attributes.find((a) => a.name === 'Age')!;
    expect((await engine.call('participants:updateAttribute', { id: age.id, type: 'category' })).type).toBe('category');
    await expect(engine.call('participants:updateAttribute', { id: r.attributes[0].id, type: 'number' })).rejects.toThrow(/cannot become number/);
    const csvOut = await engine.call('participants:exportCsv', {});
    expect(csvOut.split('\r\n')).toEqual([
      'ID,Sex,Role,Age,Interviewed',
      'ID07,Male,Clinician,51,2021-03-09',
      'ID21,Female,Clinician,44,2021-03-02',
      'ID30,Female,Social care partner,39,2021-04-14',
    ]);
    // Hand assignment: unlink, then link to a participant created on the way.
    const doc = (await engine.call('documents:list', {}))[1];
    expect((await engine.call('participants:assign', { documentId: doc.id, participant: null })).participant).toBeNull();
    expect((await engine.call('participants:assign', { documentId: doc.id, participant: 'ID99' })).participant).toBe('ID99');
  });

  it('Table 1 counts the study\'s 26 participants by Sex and Role (Curry et al. 2022, Table 1)', async () => {
    const engine = await newProject(dir, 'table1.accord');
    // Table 1 of the paper: Sex: Male 10, Female 16; Role: Clinician 8, Middle management 12,
    // CCG leadership 3, Social care partner 3.
    const roles = [...Array(8).fill('Clinician'), ...Array(12).fill('Middle management'), ...Array(3).fill('CCG leadership'), ...Array(3).fill('Social care partner')];
    const rows = roles.map((role, i) => `ID${String(i + 1).padStart(2, '0')},${i % 26 < 10 ? 'Male' : 'Female'},${role}`);
    await engine.call('participants:import', { fileName: 'p.csv', text: `ID,Sex,Role\n${rows.join('\n')}` });
    const t = await engine.call('participants:characteristics', {});
    expect(t.columns.map(cellText)).toEqual(['Participants (n=26)', '']);
    expect(t.rows.map((r) => r.cells.map(cellText).join('|'))).toEqual([
      'Sex|', 'Male|10', 'Female|16', 'Role|', 'Clinician|8', 'Middle management|12', 'CCG leadership|3', 'Social care partner|3',
    ]);
  });

  it('refuses bad participant tables by file and row, changing nothing', async () => {
    const engine = await project('people-bad.accord');
    const before = [engine.info(), batches(engine)];
    for (const [text, message] of [
      ['ID,Sex\nID01,Male\nID01,Female\n', /people\.csv: row 3 repeats participant ID "ID01"/],
      ['ID,Sex\nID01,Male,Extra\n', /people\.csv: row 2 has 3 cells but the header has 2/],
      ['ID,Sex\n,Male\n,Female\n', /people\.csv: the ID column "ID" is empty/],
    ] as const) {
      await expect(engine.call('participants:import', { fileName: 'people.csv', text })).rejects.toThrow(message);
    }
    expect([engine.info(), batches(engine)]).toEqual(before);
  });
});

describe('survey responses', () => {
  const csv = 'Respondent,Age group,What would you change?\nR1,18-34,"More evening calls.\nAnd a text reminder."\nR2,65+,Nothing at all.\nR3,65+,\n';
  it('one document per response, respondents as participants with attributes', async () => {
    const engine = await newProject(dir, 'survey.accord');
    const r = await engine.call('survey:import', { fileName: 'survey.csv', text: csv, textColumn: 'What would you change?', idColumn: 'Respondent' });
    expect(r.documents.map((d) => [d.name, d.participant])).toEqual([['survey R1', 'R1'], ['survey R2', 'R2']]);
    expect(r.warnings[0]).toMatch(/1 row has no response/);
    expect((await engine.call('documents:get', { id: r.documents[0].id })).text).toBe('More evening calls.\nAnd a text reminder.');
    expect((await engine.call('participants:list', {})).map((p) => [p.pid, p.attributes])).toEqual([
      ['R1', { 'Age group': '18-34' }],
      ['R2', { 'Age group': '65+' }],
    ]);
  });

  it('or one document with a section (turn) per respondent', async () => {
    const engine = await newProject(dir, 'survey-sections.accord');
    const r = await engine.call('survey:import', { fileName: 'survey.csv', text: csv, textColumn: 'what would you change?', mode: 'sections' });
    expect(r.documents).toHaveLength(1);
    const doc = await engine.call('documents:get', { id: r.documents[0].id });
    expect(doc.turns.map((t) => [t.speaker, doc.text.slice(t.start, t.end)])).toEqual([
      ['survey #1', 'survey #1: More evening calls.\nAnd a text reminder.'],
      ['survey #2', 'survey #2: Nothing at all.'],
    ]);
    expect((await engine.call('search:run', { query: 'reminder' })).hits).toHaveLength(1);
  });
});
