// `unblinded` methods are refused while the caller is blind on any selected document (issue 11): a
// blind coder may run agreement and code queries on documents the lead has revealed, never on others.
import { describe, expect, it } from 'vitest';
import type { Caller } from '../../../shared/api/access';
import { b64, newProject, tempDir } from '../../helpers/temp';

const dir = tempDir();

describe('unblinded: refused while blind on any selected document', async () => {
  const engine = await newProject(dir, 'selection.accord', 'Ana');
  const d1 = (await engine.call('documents:import', { fileName: 'ID1 interview.txt', dataBase64: b64('ID1: revealed words here') })).document;
  const d2 = (await engine.call('documents:import', { fileName: 'ID2 interview.txt', dataBase64: b64('ID2: hidden secret words') })).document;
  const code = await engine.call('codebook:create', { parentId: null, label: '10', name: 'Features' });
  const ben = await engine.call('coders:select', { name: 'Ben' });
  await engine.call('coders:select', { name: 'Ana' });
  await engine.call('codings:apply', { documentId: d1.id, codeIds: [code.id], start: 5, end: 13 });
  await engine.call('codings:apply', { documentId: d2.id, codeIds: [code.id], start: 5, end: 18 });
  await engine.call('agreement:assign', { documentIds: [d1.id, d2.id], coderIds: [ben.id] });
  await engine.call('agreement:setBlind', { blind: true });
  await engine.call('agreement:reveal', { documentIds: [d1.id] });
  const benMember: Caller = { coderId: ben.id, name: 'Ben', role: 'coder', key: 'ben' };
  await engine.call('codings:apply', { documentId: d1.id, codeIds: [code.id], start: 5, end: 21 }, benMember);

  it('runs on revealed documents only', async () => {
    const report = await engine.call('agreement:report', { documentIds: [d1.id] }, benMember);
    expect(report.coders.map((c) => c.name)).toEqual(['Ana', 'Ben']);
    const quotes = await engine.call('queries:run', { query: '10', documentIds: [d1.id] }, benMember);
    expect(JSON.stringify(quotes)).toContain('revealed');
    expect(JSON.stringify(quotes)).not.toContain('secret');
    expect((await engine.call('intersections:matrix', { mode: 'overlap', documentIds: [d1.id] }, benMember)).codes.length).toBeGreaterThan(0);
  });

  for (const [label, input] of [
    ['no selection (every document)', {}],
    ['a hidden document', { documentIds: [d2.id] }],
    ['a revealed and a hidden document', { documentIds: [d1.id, d2.id] }],
  ] as const) {
    it(`is refused with ${label}`, async () => {
      await expect(engine.call('agreement:report', input, benMember)).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(engine.call('queries:run', { query: '10', ...input }, benMember)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    });
  }

  it('an export reads every document, so it waits for the reveal of all', async () => {
    await expect(engine.call('codings:exportCsv', {}, benMember)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
