// Blind coding: the lead assigns documents; in blind mode another coder sees only their own codings
// on documents assigned to them until the lead reveals the document; the lead sees everything.
import { describe, expect, it } from 'vitest';
import { b64, newProject, tempDir } from '../../helpers/temp';

const dir = tempDir();

describe('blind coding and assignments', async () => {
  // Ana creates the project, so she is the lead by default.
  const engine = await newProject(dir, 'blind.accord', 'Ana');
  const d1 = (await engine.call('documents:import', { fileName: 'ID1 interview.txt', dataBase64: b64('ID1: one two three four five six') })).document;
  const d2 = (await engine.call('documents:import', { fileName: 'ID2 interview.txt', dataBase64: b64('ID2: seven eight nine ten eleven') })).document;
  const code = await engine.call('codebook:create', { parentId: null, label: '10', name: 'Features' });
  const ben = await engine.call('coders:select', { name: 'Ben' });
  const cy = await engine.call('coders:select', { name: 'Cy' });
  const apply = async (coder: string, documentId: typeof d1.id, start: number, end: number) => {
    await engine.call('coders:select', { name: coder });
    await engine.call('codings:apply', { documentId, codeIds: [code.id], start, end });
  };
  await apply('Ana', d1.id, 5, 8);
  await apply('Ben', d1.id, 5, 12);
  await apply('Cy', d1.id, 9, 14);
  await apply('Ben', d2.id, 5, 10);

  const coderNames = async (documentId: typeof d1.id) => {
    const coders = await engine.call('coders:list', {});
    const list = await engine.call('codings:list', { documentId });
    return list.map((c) => coders.find((k) => k.id === c.coderId)!.name).sort();
  };

  it('the first coder is the lead; only the lead changes the settings', async () => {
    await engine.call('coders:select', { name: 'Ben' });
    const s = await engine.call('agreement:settings', {});
    expect(s.lead?.name).toBe('Ana');
    expect(s.isLead).toBe(false);
    expect(s.blind).toBe(false);
    await expect(engine.call('agreement:setBlind', { blind: true })).rejects.toThrow(/only the lead \(Ana\)/);
  });

  it('without blind mode everyone sees every coding', async () => {
    expect(await coderNames(d1.id)).toEqual(['Ana', 'Ben', 'Cy']);
  });

  it('in blind mode: own codings on assigned documents only; the lead sees all', async () => {
    await engine.call('coders:select', { name: 'Ana' });
    await engine.call('agreement:assign', { documentIds: [d1.id], coderIds: [ben.id, cy.id] });
    const s = await engine.call('agreement:setBlind', { blind: true });
    expect(s.blind).toBe(true);
    expect(s.assignments).toEqual([
      { documentId: d1.id, coderId: ben.id },
      { documentId: d1.id, coderId: cy.id },
    ]);
    expect(await coderNames(d1.id)).toEqual(['Ana', 'Ben', 'Cy']);

    await engine.call('coders:select', { name: 'Ben' });
    expect(await coderNames(d1.id)).toEqual(['Ben']);
    // d2 is not assigned to Ben: nothing, not even his own coding there.
    expect(await coderNames(d2.id)).toEqual([]);
    const docs = await engine.call('documents:list', {});
    expect(docs.map((d) => [d.name, d.assigned, d.codingCount])).toEqual([
      ['ID1 interview', true, 1],
      ['ID2 interview', false, 0],
    ]);
    await engine.call('coders:select', { name: 'Cy' });
    expect(await coderNames(d1.id)).toEqual(['Cy']);
    // Consensus work needs the others' codings: refused while hidden.
    await expect(engine.call('consensus:regions', { documentId: d1.id, codeId: code.id })).rejects.toThrow(/hidden until the lead reveals/);
    // So do reports and exports that read every coder's codings across documents.
    for (const [method, input] of [
      ['agreement:report', {}],
      ['intersections:matrix', { mode: 'overlap' }],
      ['codings:exportCsv', {}],
      ['exchange:export', { format: 'qdpx' }],
    ] as const) {
      await expect(engine.call(method, input), method).rejects.toThrow(/^blind mode: .* is for the lead \(Ana\) until the documents are revealed$/);
    }
    await engine.call('coders:select', { name: 'Ana' });
    expect((await engine.call('agreement:report', {})).coders.map((c) => c.name)).toEqual(['Ana', 'Ben', 'Cy']);
  });

  it('the lead reveals one document; blind mode off shows everything', async () => {
    await engine.call('coders:select', { name: 'Ana' });
    const s = await engine.call('agreement:reveal', { documentIds: [d1.id] });
    expect(s.revealedDocumentIds).toEqual([d1.id]);
    await engine.call('coders:select', { name: 'Cy' });
    expect(await coderNames(d1.id)).toEqual(['Ana', 'Ben', 'Cy']);
    expect(await coderNames(d2.id)).toEqual([]);
    await engine.call('coders:select', { name: 'Ana' });
    await engine.call('agreement:setBlind', { blind: false });
    await engine.call('coders:select', { name: 'Cy' });
    expect(await coderNames(d2.id)).toEqual(['Ben']);
  });

  it('the lead hands over the lead; settings changes are in the audit log', async () => {
    await engine.call('coders:select', { name: 'Ana' });
    const s = await engine.call('agreement:setLead', { coderId: ben.id });
    expect(s.lead?.name).toBe('Ben');
    expect(s.isLead).toBe(false);
    await expect(engine.call('agreement:setBlind', { blind: true })).rejects.toThrow(/only the lead \(Ben\)/);
    const log = await engine.call('audit:list', { limit: 50 });
    expect(log.map((e) => e.entity)).toEqual(expect.arrayContaining(['agreement_settings', 'coder_assignments', 'revealed_documents']));
  });
});
