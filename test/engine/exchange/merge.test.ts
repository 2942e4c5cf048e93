// Merging coders' copies: the lead sets up a project, two coders code blind in copies, the lead merges
// them. Codings are unioned without duplicates, new codes/documents/participants are added, document
// groups are matched by name and their memberships unioned, conflicts are listed (target kept), the
// target is backed up, sources stay byte-identical, a second merge changes nothing, and a failed merge
// leaves the target as it was.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { Engine } from '../../../electron/engine/engine';
import { tempDir, b64 } from '../../helpers/temp';
import { accord, emptyProject, projectView, setAttributes, sha256, snapshot, span, TEXT_1, TEXT_2 } from './fixtures';

const dir = tempDir('accord-merge-');

async function open(path: string, coder: string): Promise<Engine> {
  const e = new Engine({ stateDir: null });
  await e.call('project:open', { path });
  await e.call('coders:select', { name: coder });
  return e;
}

/** The lead's project: two documents, a codebook, participants with attributes, group Nurses (ID01), no codings. */
async function leadProject(name: string): Promise<{ lead: Engine; path: string }> {
  const lead = await emptyProject(dir, name);
  await lead.call('coders:select', { name: 'Lead' });
  const id01 = (await lead.call('documents:import', { fileName: 'ID01 interview.txt', dataBase64: b64(TEXT_1) })).document;
  await lead.call('documents:import', { fileName: 'ID02 interview.txt', dataBase64: b64(TEXT_2) });
  const nurses = await lead.call('groups:create', { name: 'Nurses' });
  await lead.call('groups:setMembers', { groupId: nurses.id, documentIds: [id01.id], member: true });
  await lead.call('codebook:import', { fileName: 'codes.txt', text: '10\tFeatures of the innovation\n10a.\tAdaptation\n20\tImplementation climate\n' });
  setAttributes(lead.current, { ID01: { Role: 'Nurse' }, ID02: { Role: 'Manager' } }, { Role: 'category' });
  return { lead, path: join(dir, name) };
}

async function copyOf(lead: Engine, name: string): Promise<string> {
  const path = join(dir, name);
  await lead.current.db.backup(path);
  return path;
}

const docId = async (e: Engine, name: string) => (await e.call('documents:list', {})).find((d) => d.name === name)!.id;
const codeId = async (e: Engine, label: string) => (await e.call('codebook:list', {})).find((c) => c.label === label || c.name === label)!.id;
const groupId = async (e: Engine, name: string) => (await e.call('groups:list', {})).find((g) => g.name === name)!.id;

/**
 * Ana and Ben code blind in their copies, each also changing something the other did not. Groups:
 * Ana puts her field notes in Nurses and makes Managers (ID02); Ben puts ID02 in Nurses and makes
 * MANAGERS (ID02 and his field notes), the same group by name in another case.
 */
async function codeCopies(anaPath: string, benPath: string): Promise<void> {
  const ana = await open(anaPath, 'Ana');
  const d1 = await docId(ana, 'ID01 interview');
  await ana.call('codings:apply', { documentId: d1, codeIds: [await codeId(ana, '10a')], ...span(TEXT_1, 'We adapted 👍 the software') });
  await ana.call('codings:apply', { documentId: await docId(ana, 'ID02 interview'), codeIds: [await codeId(ana, '20')], ...span(TEXT_2, 'rollout felt rushed 😬') });
  const emergent = await ana.call('codebook:create', { parentId: null, name: 'Emergent', definition: 'Ana found it' });
  await ana.call('codings:apply', { documentId: d1, codeIds: [emergent.id], ...span(TEXT_1, 'Training helped 🌱') });
  await ana.call('codebook:update', { id: await codeId(ana, '20'), name: 'Climate for implementation' });
  await ana.call('memos:save', { documentId: d1, title: 'Ana', body: 'Ana thinks this is rich.' });
  await ana.call('documents:import', { fileName: 'Field notes.txt', dataBase64: b64('Field notes by Ana.\nSite visit went well.') });
  await ana.call('groups:setMembers', { groupId: await groupId(ana, 'Nurses'), documentIds: [await docId(ana, 'Field notes')], member: true });
  const managers = await ana.call('groups:create', { name: 'Managers' });
  await ana.call('groups:setMembers', { groupId: managers.id, documentIds: [await docId(ana, 'ID02 interview')], member: true });
  ana.close();

  const ben = await open(benPath, 'Ben');
  const b1 = await docId(ben, 'ID01 interview');
  await ben.call('codings:apply', { documentId: b1, codeIds: [await codeId(ben, '10a')], ...span(TEXT_1, 'We adapted 👍 the software') });
  await ben.call('codings:apply', { documentId: b1, codeIds: [await codeId(ben, '10')], ...span(TEXT_1, 'the software to each locality') });
  // Same path as Ana's new code, made independently (another GUID): matched by path.
  const benEmergent = await ben.call('codebook:create', { parentId: null, name: 'Emergent', definition: 'Ana found it' });
  await ben.call('codings:apply', { documentId: b1, codeIds: [benEmergent.id], ...span(TEXT_1, 'Training helped 🌱') });
  await ben.call('memos:save', { documentId: b1, title: 'Ben', body: 'Ben is unsure.' });
  await ben.call('documents:import', { fileName: 'Field notes.txt', dataBase64: b64('Field notes by Ben.\nDifferent day.') });
  const b2 = await docId(ben, 'ID02 interview');
  await ben.call('groups:setMembers', { groupId: await groupId(ben, 'Nurses'), documentIds: [b2], member: true });
  const benManagers = await ben.call('groups:create', { name: 'MANAGERS' });
  await ben.call('groups:setMembers', { groupId: benManagers.id, documentIds: [b2, await docId(ben, 'Field notes')], member: true });
  const s = ben.current;
  s.change('test', 'edit attribute', (c) => {
    const row = s.db.prepare("SELECT pa.id FROM participant_attributes pa JOIN participants p ON p.id = pa.participant_id WHERE p.pid = 'ID02'").get() as { id: number };
    c.update('participant_attributes', row.id, { value: 'Director' });
  });
  ben.close();
}

describe('exchange:merge', () => {
  it('merges two coders copies losslessly, lists conflicts, and is idempotent', async () => {
    const { lead, path: leadPath } = await leadProject('lead.accord');
    const anaPath = await copyOf(lead, 'ana.accord');
    const benPath = await copyOf(lead, 'ben.accord');
    await codeCopies(anaPath, benPath);
    const hashes = [sha256(anaPath), sha256(benPath)];

    const r = await lead.call('exchange:merge', { sources: [anaPath, benPath] });
    expect(r.unchanged).toBe(false);
    expect(r.backup).toMatch(/lead\.accord\.bak-\d{8}T\d{6}Z$/);
    // The backup is the target before the merge.
    const bak = new Database(r.backup!, { readonly: true });
    expect(bak.prepare('SELECT count(*) AS n FROM codings').get()).toEqual({ n: 0 });
    bak.close();

    const [fromAna, fromBen] = r.sources;
    expect(fromAna.added).toEqual({ coders: 1, codes: 1, documents: 1, participants: 0, attributes: 0, attributeValues: 0, codings: 3, memos: 1 });
    expect(fromAna.matched).toMatchObject({ coders: 1, codes: 3, codesByGuid: 3, codesByPath: 0, documents: 2, participants: 2, attributeValues: 2 });
    // Ana renamed code 20: a conflict, the target keeps its name.
    expect(fromAna.conflicts).toEqual([
      { kind: 'code', subject: expect.stringMatching(/^code 20 Implementation climate \(/), field: 'name', target: 'Implementation climate', source: 'Climate for implementation' },
    ]);
    expect(fromBen.added).toEqual({ coders: 1, codes: 0, documents: 1, participants: 0, attributes: 0, attributeValues: 0, codings: 3, memos: 0 });
    expect(fromBen.matched).toMatchObject({ codes: 4, codesByGuid: 3, codesByPath: 1, documents: 2 });
    expect(fromBen.conflicts).toEqual([
      { kind: 'participant', subject: 'participant ID02', field: 'Role', target: 'Manager', source: 'Director' },
      { kind: 'document', subject: 'document Field notes', field: 'text', target: "the project's text", source: 'a different text, added as "Field notes (ben)"' },
      { kind: 'memo', subject: 'memo of document ID01 interview', field: 'body', target: 'Ana thinks this is rich.', source: 'Ben is unsure.' },
    ]);

    const v = projectView(lead.current);
    expect(v.coders).toEqual(['Ana', 'Ben', 'Lead']);
    // By hand, in UTF-16 units: TEXT_1's first line is 28 characters + 😀 (2) + LF = 31, so "We adapted 👍
    // the software" is [37, 63) (11 + 2 + 13); "the software to each locality" [51, 80); line 2 is 51 long
    // with its LF and line 3 28, so "Training helped 🌱" is [116, 134). In TEXT_2, "rollout felt rushed 😬"
    // is [27 + 10, 37 + 22) = [37, 59).
    expect(v.codings.map((k) => k.key)).toEqual([
      'ID01 interview | 10 Features of the innovation > 10a Adaptation | Ana | 37-63',
      'ID01 interview | 10 Features of the innovation > 10a Adaptation | Ben | 37-63',
      'ID01 interview | 10 Features of the innovation | Ben | 51-80',
      'ID01 interview | Emergent | Ana | 116-134',
      'ID01 interview | Emergent | Ben | 116-134',
      'ID02 interview | 20 Implementation climate | Ana | 37-59',
    ]);
    expect(v.codings.find((k) => k.key!.endsWith('Ben | 51-80'))!.text).toBe('the software to each locality');
    expect(v.codes.filter((c) => c.name === 'Emergent')).toHaveLength(1);
    expect(v.documents.map((d) => d.name).sort()).toEqual(['Field notes', 'Field notes (ben)', 'ID01 interview', 'ID02 interview']);
    expect(v.attributes).toContainEqual({ pid: 'ID02', name: 'Role', type: 'category', value: 'Manager' });
    expect(lead.current.db.prepare("SELECT count(*) AS n FROM change_batches WHERE action = 'merge'").get()).toEqual({ n: 1 });

    // Groups by name, any case; a group in both with other members is their union, reported as added
    // memberships (never a conflict). Ana's Nurses: ID01 already there, her field notes added; her
    // Managers is new. Ben's Nurses adds ID02; his MANAGERS is Managers, where ID02 already is and his
    // field notes (renamed on the way in) are added.
    const groupsOf = (x: (typeof r.sources)[number]) => x.groups;
    expect(groupsOf(fromAna)).toEqual({
      added: 1,
      matched: 1,
      addedMembers: [
        { group: 'Nurses', document: 'Field notes' },
        { group: 'Managers', document: 'ID02 interview' },
      ],
      matchedMembers: 1,
    });
    expect(groupsOf(fromBen)).toEqual({
      added: 0,
      matched: 2,
      addedMembers: [
        { group: 'Nurses', document: 'ID02 interview' },
        { group: 'Managers', document: 'Field notes (ben)' },
      ],
      matchedMembers: 2,
    });
    expect(v.groups).toEqual([
      { name: 'Nurses', documents: ['Field notes', 'ID01 interview', 'ID02 interview'] },
      { name: 'Managers', documents: ['Field notes (ben)', 'ID02 interview'] },
    ]);

    // Sources were only read.
    expect([sha256(anaPath), sha256(benPath)]).toEqual(hashes);

    // The same sources again: nothing changes (counts, audit log), the same conflicts are listed.
    const before = snapshot(lead.current);
    const again = await lead.call('exchange:merge', { sources: [anaPath, benPath], backup: false });
    expect(again.unchanged).toBe(true);
    expect(again.backup).toBeNull();
    expect(again.sources.map((x) => x.added)).toEqual([0, 0].map(() => ({ coders: 0, codes: 0, documents: 0, participants: 0, attributes: 0, attributeValues: 0, codings: 0, memos: 0 })));
    // Every membership of each copy is now there: Ana's 3 (Nurses 2, Managers 1), Ben's 4 (2 + 2).
    expect(again.sources.map((x) => groupsOf(x))).toEqual([
      { added: 0, matched: 2, addedMembers: [], matchedMembers: 3 },
      { added: 0, matched: 2, addedMembers: [], matchedMembers: 4 },
    ]);
    expect(snapshot(lead.current)).toEqual(before);
    expect(projectView(lead.current)).toEqual(v);
    expect(existsSync(leadPath)).toBe(true);
  });

  it('a merge that fails half-way leaves the target unchanged', async () => {
    const { lead } = await leadProject('lead-fail.accord');
    const anaPath = await copyOf(lead, 'ana-fail.accord');
    const benPath = await copyOf(lead, 'ben-fail.accord');
    await codeCopies(anaPath, benPath);
    const before = snapshot(lead.current);
    const view = projectView(lead.current);
    // Make the second source's last coding fail to insert, after the first source went in.
    lead.current.db.exec(`CREATE TEMP TRIGGER fail_merge BEFORE INSERT ON codings WHEN NEW.start = ${span(TEXT_1, 'the software to each locality').start}
      BEGIN SELECT RAISE(ABORT, 'simulated failure'); END`);
    await expect(lead.call('exchange:merge', { sources: [anaPath, benPath] })).rejects.toThrow(/simulated failure/);
    lead.current.db.exec('DROP TRIGGER fail_merge');
    expect(snapshot(lead.current)).toEqual(before);
    expect(projectView(lead.current)).toEqual(view);
  });

  it('refuses to merge a project into itself and names files that are not projects', async () => {
    const { lead, path } = await leadProject('lead-self.accord');
    await expect(lead.call('exchange:merge', { sources: [path] })).rejects.toThrow(/lead-self\.accord: is the project being merged into/);
    await expect(lead.call('exchange:merge', { sources: [join(dir, 'nope.accord')] })).rejects.toThrow(/nope\.accord: no such file/);
  });

  it('accord merge TARGET SOURCE... prints the report; --json gives the same report as data', async () => {
    const { lead, path: leadPath } = await leadProject('lead-cli.accord');
    const anaPath = await copyOf(lead, 'ana-cli.accord');
    const benPath = await copyOf(lead, 'ben-cli.accord');
    lead.close();
    await codeCopies(anaPath, benPath);
    const text = await accord('merge', leadPath, anaPath, benPath);
    expect(text.code).toBe(0);
    expect(text.out).toContain('Merged ana-cli.accord\n  added: 1 coders, 1 codes, 1 documents, 3 codings, 1 memos\n');
    expect(text.out).toContain('participant ID02: Role is "Manager" here, "Director" in ben-cli.accord');
    const json = await accord('merge', leadPath, anaPath, benPath, '--json', '--no-backup');
    expect(json.code).toBe(0);
    const r = JSON.parse(json.out);
    expect(r.unchanged).toBe(true);
    expect(r.sources).toHaveLength(2);
    expect(JSON.parse((await accord('info', leadPath, '--json')).out)).toEqual({ documents: 4, participants: 2, codes: 4, codings: 6, coders: 3 });
    expect((await accord('merge', leadPath)).code).toBe(2);
  });
});
