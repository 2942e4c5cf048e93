// The disagreement list (issue 14): every region where coders' ranges of a code differ, per document
// or for the project, with who coded what and its size. Values worked out by hand from the fixture.
import { describe, expect, it } from 'vitest';
import type { CodeId, DocumentId } from '../../../shared/model/types';
import { b64, newProject, tempDir } from '../../helpers/temp';

const dir = tempDir();

describe('consensus:disagreements (issue 14)', () => {
  it('lists missing codes and boundary differences per document and code, with sizes and settlement', async () => {
    const engine = await newProject(dir, 'dis.accord', 'Ana');
    const text = 'We adapted the software to each practice. The hubs were tailored to demand.';
    const d1 = (await engine.call('documents:import', { fileName: 'ID01.txt', dataBase64: b64(text) })).document;
    const d2 = (await engine.call('documents:import', { fileName: 'ID02.txt', dataBase64: b64(text + ' More.') })).document;
    const d3 = (await engine.call('documents:import', { fileName: 'ID03.txt', dataBase64: b64(text + ' Only Ana.') })).document;
    const a = await engine.call('codebook:create', { parentId: null, label: '30a', name: 'Adaptation' });
    const b = await engine.call('codebook:create', { parentId: null, label: '30b', name: 'Planning' });
    const code = (doc: DocumentId, codeId: CodeId, start: number, end: number) => engine.call('codings:apply', { documentId: doc, codeIds: [codeId], start, end });
    // Ana: 30a [3, 40) and 30b [46, 75) on ID01; 30a [3, 40) on ID02; 30a on ID03 (Ben never codes ID03).
    await code(d1.id, a.id, 3, 40);
    await code(d1.id, b.id, 46, 75);
    await code(d2.id, a.id, 3, 40);
    await code(d3.id, a.id, 3, 40);
    await engine.call('coders:select', { name: 'Ben' });
    // Ben: 30a [3, 30) on ID01 (boundaries differ: 10 characters only Ana coded), nothing of 30b there
    // (missing: 29 characters); 30a [3, 40) on ID02 (agreed).
    await code(d1.id, a.id, 3, 30);
    await code(d2.id, a.id, 3, 40);
    await engine.call('coders:select', { name: 'Ana' });

    const all = await engine.call('consensus:disagreements', {});
    expect(all.documents).toBe(2); // ID03 has one coder only
    expect(all.pairs).toBe(3); // ID01 × 30a, ID01 × 30b, ID02 × 30a
    expect(all.items.map((i) => [i.document, i.code, i.start, i.end, i.size, i.kind, i.coders.map((c) => `${c.name}:${c.ranges.map((r) => `${r.start}-${r.end}`).join(',')}`).join(' ')])).toEqual([
      ['ID01', '30a', 3, 40, 10, 'boundaries', 'Ana:3-40 Ben:3-30'],
      ['ID01', '30b', 46, 75, 29, 'missing', 'Ana:46-75 Ben:'],
    ]);
    expect(all.settled).toBe(0);

    expect((await engine.call('consensus:disagreements', { documentId: d2.id })).items).toEqual([]);
    expect((await engine.call('consensus:disagreements', { codeId: b.id })).items.map((i) => i.code)).toEqual(['30b']);

    await engine.call('consensus:settle', { documentId: d1.id, codeId: a.id, start: 3, end: 40, rule: 'accept', coderId: (await engine.call('coders:list', {})).find((c) => c.name === 'Ana')!.id, rationale: 'whole sentence' });
    const after = await engine.call('consensus:disagreements', { documentId: d1.id });
    expect(after.items.map((i) => [i.code, i.settled])).toEqual([
      ['30a', true],
      ['30b', false],
    ]);
    expect(after.settled).toBe(1);
  });
});
