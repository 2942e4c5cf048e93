// Issue 6: themes and subthemes — order, code links, quotes picked from codings (consensus layer by
// default), support counts ("n of N participants"), the quote-balance warning, undo, and the tables.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../../electron/engine/engine';
import { nowIso } from '../../../electron/engine/db/changes';
import type { Caller } from '../../../shared/api/access';
import type { Code, CodeId, Coding } from '../../../shared/model/types';
import { cellText } from '../../../shared/reports/table';
import { b64, newProject, tempDir } from '../../helpers/temp';

const TEXT = (pid: string) => `Interviewer: What helped?\n${pid}: The clinical group met weekly and every decision was clinically driven.\n`;
// "The clinical group met weekly" starts after "Interviewer: What helped?\nIDxx: " (26 + 6 characters).
const START = 32;
const END = START + 'The clinical group met weekly'.length;

describe('themes', () => {
  const dir = tempDir();
  let engine: Engine;
  let codes: Code[];
  const docIds: number[] = [];

  async function code(name: string, docIndex: number, codeId: CodeId): Promise<Coding> {
    await engine.call('coders:select', { name });
    const [made] = await engine.call('codings:apply', { documentId: docIds[docIndex] as never, codeIds: [codeId], start: START, end: END });
    return made;
  }

  beforeAll(async () => {
    engine = await newProject(dir);
    for (const pid of ['ID12', 'ID17', 'ID20', 'ID29']) {
      const r = await engine.call('documents:import', { fileName: `${pid} interview.txt`, dataBase64: b64(TEXT(pid)) });
      docIds.push(r.document.id);
    }
    // A document without a participant (archival) adds to N documents but not to N participants.
    await engine.call('documents:import', { fileName: 'minutes.txt', dataBase64: b64('Steering group minutes.'), kind: 'archival' });
    await engine.call('codebook:import', { fileName: 'codes.txt', text: '10\tFeatures of the innovation\n10a.\tAdaptation\n20\tOuter setting\n' });
    codes = await engine.call('codebook:list', {});
  });

  const byLabel = (label: string) => codes.find((c) => c.label.replace(/\.$/, '') === label)!;

  it('creates ordered themes and subthemes, two levels only', async () => {
    const a = await engine.call('themes:create', { name: 'Leadership', summary: '' });
    const b = await engine.call('themes:create', { name: 'Engagement', summary: '' });
    const sub = await engine.call('themes:create', { parentId: b.id, name: 'Clinician input', summary: 'clinicians shaped the project' });
    expect([a.order, b.order, sub.order]).toEqual([0, 1, 0]);
    await expect(engine.call('themes:create', { parentId: sub.id, name: 'Too deep' })).rejects.toThrow(/subthemes cannot have subthemes/);
    const moved = await engine.call('themes:move', { id: b.id, index: 0 });
    expect(moved.themes.map((t) => t.name)).toEqual(['Engagement', 'Leadership']);
    expect(moved.themes[0].subthemes.map((t) => t.name)).toEqual(['Clinician input']);
    const table = await engine.call('reports:table', { table: 'themes' });
    // Table 2: theme | subtheme summaries joined as the study prints them.
    expect(table.rows.map((r) => r.cells.map(cellText))).toEqual([
      ['Engagement', 'clinicians shaped the project.'],
      ['Leadership', ''],
    ]);
  });

  it('offers codings of linked codes and their sub-codes, the consensus layer by default only where it covers the coded documents', async () => {
    const overview = await engine.call('themes:list', {});
    const sub = overview.themes[0].subthemes[0];
    await engine.call('themes:linkCode', { themeId: sub.id, codeId: byLabel('10').id });
    await code('Ana', 0, byLabel('10a').id);
    await code('Ben', 1, byLabel('10a').id);
    await code('Ben', 2, byLabel('20').id);
    let candidates = await engine.call('themes:candidates', { themeId: sub.id });
    // No consensus layer yet: every coder's codings of 10 and its child 10a (not 20).
    expect(candidates.layer).toMatch(/every coder \(Ana, Ben; the consensus layer not included\)/);
    expect(candidates.candidates.map((c) => [c.participant, c.coder, c.code])).toEqual([
      ['ID12', 'Ana', '10a Adaptation'],
      ['ID17', 'Ben', '10a Adaptation'],
    ]);
    expect(candidates.candidates[0].text).toBe('The clinical group met weekly');

    // A consensus layer that covers none of the three documents the coders coded (it coded ID29 only)
    // does not become the default: support from it would miss ID12, ID17 and ID20.
    const consensusId = engine.current.change('coder.create', 'add consensus', (c) =>
      c.insert('coders', { name: 'Consensus', color: '#444444', is_consensus: 1, created_at: nowIso() }),
    );
    await code('Consensus', 3, byLabel('10a').id);
    candidates = await engine.call('themes:candidates', { themeId: sub.id });
    expect(candidates.layer).toMatch(/every coder \(Ana, Ben; the consensus layer not included\)/);
    expect(candidates.candidates.map((c) => c.participant)).toEqual(['ID12', 'ID17']);
    const overview2 = await engine.call('themes:list', {});
    expect(overview2.layerKind).toBe('coders');
    expect(overview2.layerNote).toBe('The consensus layer covers none of the 3 coded documents: support counted from it would leave out the other 3.');
    // Chosen explicitly, the consensus layer is read, and the note still says how little it covers.
    candidates = await engine.call('themes:candidates', { themeId: sub.id, coderId: consensusId as never });
    expect(candidates.layer).toMatch(/consensus layer \(Consensus\)/);
    expect(candidates.candidates.map((c) => c.participant)).toEqual(['ID29']);
    const chosen = await engine.call('themes:list', { layer: 'consensus' });
    expect(chosen).toMatchObject({ layerKind: 'consensus', layerNote: overview2.layerNote });
    const all = await engine.call('themes:candidates', { themeId: sub.id, coderId: null });
    expect(all.candidates).toHaveLength(3);
  });

  it('adds quotes with participant IDs and lead-ins, reorders them, and exports Supplemental Table 2', async () => {
    const sub = (await engine.call('themes:list', {})).themes[0].subthemes[0];
    const all = (await engine.call('themes:candidates', { themeId: sub.id, coderId: null })).candidates;
    const q1 = await engine.call('themes:addQuote', { themeId: sub.id, codingId: all[0].codingId, leadIn: '' });
    const q2 = await engine.call('themes:addQuote', { themeId: sub.id, codingId: all[2].codingId, leadIn: 'Clinical group' });
    expect([q1.participant, q1.document, q1.order]).toEqual(['ID12', 'ID12 interview', 0]);
    expect([q2.participant, q2.leadIn, q2.order]).toEqual(['ID29', 'Clinical group', 1]);
    expect((await engine.call('themes:candidates', { themeId: sub.id, coderId: null })).candidates.map((c) => c.quoted)).toEqual([true, false, true]);

    const node = await engine.call('themes:moveQuote', { id: q2.id, index: 0 });
    expect(node.quotes.map((q) => q.participant)).toEqual(['ID29', 'ID12']);
    await engine.call('themes:updateQuote', { id: q1.id, text: 'The clinical group…met weekly' });

    const table = await engine.call('reports:table', { table: 'quotes' });
    // A quote without a lead-in is labelled with its subtheme (the study's "Clinician input: … ID12").
    expect(table.rows.map((r) => r.cells.map(cellText))).toEqual([
      ['Engagement', 'Clinical group: The clinical group met weekly ID29\nClinician input: The clinical group…met weekly ID12'],
      ['Leadership', ''],
    ]);
  });

  it('counts support as n of N participants and documents, a theme including its subthemes', async () => {
    const [engagement, leadership] = (await engine.call('themes:list', {})).themes;
    const sub = engagement.subthemes[0];
    // Default layer = the coders' own codings (the consensus layer covers none of their documents).
    // 10a: Ana in ID12, Ben in ID17; the quotes add ID12 and ID29 (a consensus coding's document).
    // Participants {ID12, ID17, ID29} = 3 of N = 4; documents 3 of 5. The coders coded ID12, ID17 and
    // ID20: 3 participants and 3 documents.
    expect(sub.support).toEqual({
      participants: 3,
      participantsTotal: 4,
      participantsCoded: 3,
      documents: 3,
      documentsTotal: 5,
      documentsCoded: 3,
      participantIds: ['ID12', 'ID17', 'ID29'],
    });
    expect(engagement.support.participants).toBe(3);
    expect(leadership.support).toMatchObject({ participants: 0, documents: 0 });
    await engine.call('themes:linkCode', { themeId: leadership.id, codeId: byLabel('20').id });
    // 20 was coded by Ben in ID20: one participant from the coders' layer …
    const after = (await engine.call('themes:list', {})).themes[1];
    expect(after.codes.map((c) => c.label)).toEqual(['20']);
    expect(after.support.participants).toBe(1);
    // … and none from the consensus layer, which coded only ID29 (1 participant, 1 document).
    const consensus = (await engine.call('themes:list', { layer: 'consensus' })).themes;
    expect(consensus[1].support).toMatchObject({ participants: 0, participantsCoded: 1, documentsCoded: 1 });
    expect(consensus[0].subthemes[0].support.participantIds).toEqual(['ID12', 'ID29']);
  });

  it('warns when one participant supplies most quotes', async () => {
    const leadership = (await engine.call('themes:list', {})).themes[1];
    const ana = await code('Ana', 0, byLabel('20').id);
    const other = await engine.call('codings:apply', { documentId: docIds[0] as never, codeIds: [byLabel('20').id], start: START, end: START + 7 });
    await engine.call('themes:addQuote', { themeId: leadership.id, codingId: ana.id, leadIn: '' });
    const one = (await engine.call('themes:list', {})).themes[1];
    expect(one.balance.warning).toBeNull();
    await engine.call('themes:addQuote', { themeId: leadership.id, codingId: other[0].id, leadIn: '' });
    const two = (await engine.call('themes:list', {})).themes[1];
    expect(two.balance.warning).toBe('All 2 quotes come from ID12');
    const text = (await engine.call('reports:methods', {})).sections.find((s) => s.heading === 'Themes')!.paragraphs.join('\n');
    expect(text).toContain('Quote balance for “Leadership”: All 2 quotes come from ID12');
  });

  it('keeps a quote when its coding is removed, and undo restores a deleted theme with its quotes and links', async () => {
    const before = await engine.call('themes:list', {});
    const leadership = before.themes[1];
    await engine.call('codings:remove', { id: leadership.quotes[1].codingId! });
    const kept = (await engine.call('themes:list', {})).themes[1].quotes[1];
    expect(kept).toMatchObject({ codingExists: false, participant: 'ID12', text: 'The cli' });

    await engine.call('themes:delete', { id: before.themes[0].id });
    const gone = await engine.call('themes:list', {});
    expect(gone.themes.map((t) => [t.name, t.order])).toEqual([['Leadership', 0]]);
    await engine.call('history:undo', {});
    const back = await engine.call('themes:list', {});
    expect(back.themes.map((t) => t.name)).toEqual(['Engagement', 'Leadership']);
    expect(back.themes[0].subthemes[0].quotes.map((q) => q.participant)).toEqual(['ID29', 'ID12']);
    expect(back.themes[0].subthemes[0].codes.map((c) => c.label)).toEqual(['10']);
    const audit = engine.current.db.prepare("SELECT action FROM change_batches WHERE action LIKE 'theme.%' OR action LIKE 'quote.%' ORDER BY id").all() as { action: string }[];
    expect(audit.map((a) => a.action)).toContain('theme.delete');
  });

  it('deleting a linked code leaves the theme usable', async () => {
    const code20 = byLabel('20');
    await engine.call('codebook:delete', { id: code20.id });
    const leadership = (await engine.call('themes:list', {})).themes[1];
    expect(leadership.codes).toEqual([]);
    expect(leadership.quotes).toHaveLength(2);
  });
});

describe('theme support where the consensus layer covers every coded document', () => {
  it('reads the consensus layer by default, and the coders on request', async () => {
    const engine = await newProject(tempDir());
    const docs: number[] = [];
    for (const pid of ['ID1', 'ID2']) docs.push((await engine.call('documents:import', { fileName: `${pid} interview.txt`, dataBase64: b64(TEXT(pid)) })).document.id);
    const code = await engine.call('codebook:create', { parentId: null, label: '10', name: 'Features' });
    const apply = async (coder: string, doc: number) => {
      await engine.call('coders:select', { name: coder });
      await engine.call('codings:apply', { documentId: doc as never, codeIds: [code.id], start: START, end: END });
    };
    // Ana coded ID1 and ID2; the consensus layer first has a coding in ID1 only, then in both.
    await apply('Ana', docs[0]);
    await apply('Ana', docs[1]);
    engine.current.change('coder.create', 'add consensus', (c) => c.insert('coders', { name: 'Consensus', color: '#444444', is_consensus: 1, created_at: nowIso() }));
    await apply('Consensus', docs[0]);
    const partial = await engine.call('themes:create', { name: 'Features', summary: '' });
    await engine.call('themes:linkCode', { themeId: partial.id, codeId: code.id });
    // Consensus in ID1 only: 1 of 2 coded documents → the coders' layer, 2 of 2 participants.
    let overview = await engine.call('themes:list', {});
    expect(overview).toMatchObject({ layerKind: 'coders', layerNote: 'The consensus layer covers only 1 of 2 coded documents (ID1 interview): support counted from it would leave out the other 1.' });
    expect(overview.themes[0].support).toMatchObject({ participants: 2, participantsCoded: 2 });
    await apply('Consensus', docs[1]);
    // Now it covers both: the consensus layer is the default, with no note.
    overview = await engine.call('themes:list', {});
    expect(overview).toMatchObject({ layerKind: 'consensus', layerNote: null });
    expect(overview.layer).toBe('codings of the consensus layer (Consensus), which covers all 2 coded documents');
    expect(overview.themes[0].support).toMatchObject({ participants: 2, participantsCoded: 2, documents: 2 });
    expect((await engine.call('themes:list', { layer: 'coders' })).layerKind).toBe('coders');
    engine.close();
  });
});

describe('theme support seen by a blind coder', () => {
  it('counts only the codings the coder may see: their own on assigned documents, and revealed documents', async () => {
    const engine = await newProject(tempDir(), 'blind-support.accord', 'Ana');
    const docs: number[] = [];
    for (const pid of ['ID1', 'ID2', 'ID3']) docs.push((await engine.call('documents:import', { fileName: `${pid} interview.txt`, dataBase64: b64(TEXT(pid)) })).document.id);
    await engine.call('codebook:import', { fileName: 'codes.txt', text: '10\tFeatures\n10a.\tAdaptation\n' });
    const [parent, child] = await engine.call('codebook:list', {});
    const ben = await engine.call('coders:select', { name: 'Ben' });
    const apply = async (coder: string, doc: number, codeId: CodeId) => {
      await engine.call('coders:select', { name: coder });
      await engine.call('codings:apply', { documentId: doc as never, codeIds: [codeId], start: START, end: END });
    };
    // Ana (the lead) codes the sub-code 10a in ID1 and ID2; Ben codes it in ID3 only.
    await apply('Ana', docs[0], child.id);
    await apply('Ana', docs[1], child.id);
    await apply('Ben', docs[2], child.id);
    await engine.call('coders:select', { name: 'Ana' });
    const theme = await engine.call('themes:create', { name: 'Adapting', summary: '' });
    // Linked through the parent: a sub-code's codings count for it.
    await engine.call('themes:linkCode', { themeId: theme.id, codeId: parent.id });
    await engine.call('agreement:assign', { documentIds: [docs[2]], coderIds: [ben.id] });
    await engine.call('agreement:setBlind', { blind: true });
    const benCaller: Caller = { coderId: ben.id, name: 'Ben', role: 'coder', key: 'ben' };

    // The lead sees all three documents and participants.
    expect((await engine.call('themes:list', {})).themes[0].support).toMatchObject({ participants: 3, documents: 3, documentsCoded: 3, participantIds: ['ID1', 'ID2', 'ID3'] });
    // Ben sees only his own coding in ID3: Ana's codings in ID1 and ID2 are hidden from him.
    expect((await engine.call('themes:list', {}, benCaller)).themes[0].support).toMatchObject({
      participants: 1,
      documents: 1,
      participantsCoded: 1,
      documentsCoded: 1,
      participantIds: ['ID3'],
    });
    // Once ID1 is revealed, Ana's coding there counts for him too.
    await engine.call('agreement:reveal', { documentIds: [docs[0]] });
    expect((await engine.call('themes:list', {}, benCaller)).themes[0].support).toMatchObject({ participants: 2, documentsCoded: 2, participantIds: ['ID1', 'ID3'] });
    engine.close();
  });
});
