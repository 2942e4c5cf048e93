// The disagreement list (issue 14): every region where coders' ranges of a code differ, per document
// or for the project, with who coded what and its size. Values worked out by hand from the fixture.
import { describe, expect, it } from 'vitest';
import type { CodeId, DocumentId } from '../../../shared/model/types';
import { compareLabels } from '../../../shared/codebook/tree';
import { rng } from '../../helpers/fixtures';
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
    expect(all.total).toBe(2);

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

describe('the list agrees with the explorer, code by code', () => {
  // The list reads each document once for all its codes; the explorer (consensus:regions) reads one
  // code in one document. On random codings of three coders and a consensus layer with decisions,
  // every disagreement the list gives is exactly a non-agreed region the explorer gives, and no more.
  it('on 40 random (document, code) pairs, with decisions, a coder filter and a code filter', async () => {
    const engine = await newProject(dir, 'dis-random.accord', 'Ana');
    const random = rng(20261207);
    const pick = (n: number) => Math.floor(random() * n);
    const docs = [];
    for (let i = 0; i < 5; i++) docs.push((await engine.call('documents:import', { fileName: `ID${i + 1}.txt`, dataBase64: b64(`${i}`.repeat(400)) })).document);
    expect(new Set(docs.map((d) => d.id)).size).toBe(5);
    const codes = [];
    for (const label of ['10', '10a', '20', '100']) codes.push(await engine.call('codebook:create', { parentId: null, label, name: `Code ${label}` }));
    for (const coder of ['Ana', 'Ben', 'Cai']) {
      await engine.call('coders:select', { name: coder });
      for (let k = 0; k < 40; k++) {
        // Cai codes only the first three documents: the others are compared between Ana and Ben.
        const doc = docs[coder === 'Cai' ? pick(3) : pick(docs.length)];
        const start = pick(380);
        await engine.call('codings:apply', { documentId: doc.id, codeIds: [codes[pick(codes.length)].id], start, end: start + 1 + pick(20) }).catch(() => undefined);
      }
    }
    await engine.call('coders:select', { name: 'Ana' });
    const ana = (await engine.call('coders:list', {})).find((c) => c.name === 'Ana')!;
    // Settle a few regions (the consensus layer gets codings and decisions).
    for (const d of (await engine.call('consensus:disagreements', {})).items.filter((_, i) => i % 5 === 0)) {
      await engine.call('consensus:settle', { documentId: d.documentId, codeId: d.codeId, start: d.start, end: d.end, rule: 'union', rationale: 'both' });
    }
    const coders = await engine.call('coders:list', {});
    const human = coders.filter((c) => !c.isConsensus);

    for (const filter of [{}, { coderIds: [ana.id, human.find((c) => c.name === 'Ben')!.id] }, { codeId: codes[1].id }, { documentId: docs[4].id }]) {
      const list = await engine.call('consensus:disagreements', filter);
      const expected: unknown[] = [];
      let pairs = 0;
      for (const doc of docs) {
        if ('documentId' in filter && filter.documentId !== doc.id) continue;
        const codings = await engine.call('codings:list', { documentId: doc.id });
        const humans = new Set(codings.filter((c) => !coders.find((x) => x.id === c.coderId)!.isConsensus).map((c) => c.coderId));
        if (humans.size < 2) continue;
        for (const code of codes) {
          if ('codeId' in filter && filter.codeId !== code.id) continue;
          if (!codings.some((c) => c.codeId === code.id && humans.has(c.coderId))) continue;
          pairs++;
          const r = await engine.call('consensus:regions', { documentId: doc.id, codeId: code.id, ...('coderIds' in filter ? { coderIds: filter.coderIds } : {}) });
          for (const region of r.regions.filter((x) => !x.agreed)) expected.push([doc.name, code.label, region.start, region.end, region.coders, region.decision !== null]);
        }
      }
      expect(list.pairs).toBe(pairs);
      expect(list.items.map((i) => [i.document, i.code, i.start, i.end, i.coders, i.settled])).toEqual(expected);
      expect(list.settled).toBe(list.items.filter((i) => i.settled).length);
    }
    // The random codings give something to compare: disagreements, settled and open.
    const all = await engine.call('consensus:disagreements', {});
    expect(all.items.length).toBeGreaterThan(20);
    expect(all.settled).toBeGreaterThan(0);
    expect(all.settled).toBeLessThan(all.items.length);
    expect(all.total).toBe(all.items.length);

    // Sorted, open only and limited: the first items of the whole list in that order (ties in place
    // order), while every disagreement is still counted. Small limits make the engine trim its
    // candidates many times over.
    const orders = {
      place: () => 0,
      code: (a: (typeof all.items)[number], b: (typeof all.items)[number]) => compareLabels(a.code, b.code),
      size: (a: (typeof all.items)[number], b: (typeof all.items)[number]) => b.size - a.size,
    };
    for (const sort of ['place', 'code', 'size'] as const) {
      for (const openOnly of [false, true]) {
        for (const limit of [undefined, 1, 3, 7, 1000]) {
          const page = await engine.call('consensus:disagreements', { sort, openOnly, ...(limit ? { limit } : {}) });
          const expected = all.items.filter((i) => !openOnly || !i.settled).sort(orders[sort]).slice(0, limit ?? Infinity);
          expect(page.items).toEqual(expected);
          expect([page.total, page.settled, page.pairs, page.documents]).toEqual([all.total, all.settled, all.pairs, all.documents]);
        }
      }
    }
    engine.close();
  });
});
