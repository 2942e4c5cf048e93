// Negotiated consensus: the regions of one code in one document side by side, each settled by a rule
// into the Consensus coder's layer, recorded (decision, audit log) and undoable; and agreement
// before vs. after consensus.
import { describe, expect, it } from 'vitest';
import type { CodeId } from '../../../shared/model/types';
import { b64, newProject, tempDir } from '../../helpers/temp';

const dir = tempDir();
const TEXT = 'x'.repeat(100);

describe('consensus', async () => {
  const engine = await newProject(dir, 'consensus.accord', 'Ana');
  const doc = (await engine.call('documents:import', { fileName: 'ID1 interview.txt', dataBase64: b64(TEXT) })).document;
  const code = await engine.call('codebook:create', { parentId: null, label: '10', name: 'Features' });
  const apply = async (coder: string, codeId: CodeId, start: number, end: number) => {
    await engine.call('coders:select', { name: coder });
    await engine.call('codings:apply', { documentId: doc.id, codeIds: [codeId], start, end });
  };
  // Region 1 [0,30): Ana [0,20), Ben [10,30) — a disagreement.
  // Region 2 [40,50): both [40,50) — agreed.
  // Region 3 [60,70) and [70,80): Ana [60,70) and [70,80) (touching: two units), Ben [60,80) — same
  // characters, so agreed character for character.
  // Region 4 [90,95): only Ben — a disagreement.
  await apply('Ana', code.id, 0, 20);
  await apply('Ben', code.id, 10, 30);
  await apply('Ana', code.id, 40, 50);
  await apply('Ben', code.id, 40, 50);
  await apply('Ana', code.id, 60, 70);
  await apply('Ana', code.id, 70, 80);
  await apply('Ben', code.id, 60, 80);
  await apply('Ben', code.id, 90, 95);
  await engine.call('coders:select', { name: 'Ana' });
  const coders = await engine.call('coders:list', {});
  const ana = coders.find((c) => c.name === 'Ana')!;
  const ben = coders.find((c) => c.name === 'Ben')!;

  it('lists the regions with each coder\'s ranges', async () => {
    const r = await engine.call('consensus:regions', { documentId: doc.id, codeId: code.id });
    expect(r.coders.map((c) => c.name)).toEqual(['Ana', 'Ben']);
    expect(r.regions.map((x) => [x.start, x.end, x.agreed])).toEqual([
      [0, 30, false],
      [40, 50, true],
      [60, 80, true],
      [90, 95, false],
    ]);
    expect(r.regions[0].coders).toEqual([
      { coderId: ana.id, name: 'Ana', ranges: [{ start: 0, end: 20 }] },
      { coderId: ben.id, name: 'Ben', ranges: [{ start: 10, end: 30 }] },
    ]);
    // Touching ranges stay separate units in the display.
    expect(r.regions[2].coders[0].ranges).toEqual([
      { start: 60, end: 70 },
      { start: 70, end: 80 },
    ]);
    expect(r.regions[3].coders[0].ranges).toEqual([]);
    expect(r.disagreements).toBe(2);
    expect(r.settled).toBe(0);
  });

  const consensusRanges = async () => {
    const all = await engine.call('codings:list', { documentId: doc.id });
    const c = (await engine.call('coders:list', {})).find((k) => k.isConsensus);
    return all.filter((k) => k.coderId === c?.id).map((k) => [k.start, k.end]);
  };

  it('settles by each rule into the Consensus coder, replacing the region\'s earlier result', async () => {
    const settle = (rule: 'accept' | 'union' | 'intersection' | 'edit' | 'reject', extra: object = {}) =>
      engine.call('consensus:settle', { documentId: doc.id, codeId: code.id, start: 0, end: 30, rule, rationale: `by ${rule}`, ...extra });

    const d1 = await settle('accept', { coderId: ben.id });
    expect(d1).toMatchObject({ rule: 'accept', acceptedCoderId: ben.id, author: 'Ana', rationale: 'by accept', after: [{ start: 10, end: 30 }] });
    expect(d1.before.coders.map((c) => c.ranges)).toEqual([[{ start: 0, end: 20 }], [{ start: 10, end: 30 }]]);
    expect(d1.before.consensus).toEqual([]);
    expect(await consensusRanges()).toEqual([[10, 30]]);
    const consensus = (await engine.call('coders:list', {})).find((c) => c.isConsensus)!;
    expect(consensus.name).toBe('Consensus');

    const d2 = await settle('union');
    expect(d2.before.consensus).toEqual([{ start: 10, end: 30 }]);
    expect(await consensusRanges()).toEqual([[0, 30]]);
    await settle('intersection');
    expect(await consensusRanges()).toEqual([[10, 20]]);
    await settle('edit', { ranges: [{ start: 5, end: 25 }] });
    expect(await consensusRanges()).toEqual([[5, 25]]);
    await settle('reject');
    expect(await consensusRanges()).toEqual([]);

    await expect(settle('accept')).rejects.toThrow(/"accept" needs one of the compared coders/);
    await expect(settle('edit', { ranges: [{ start: 5, end: 500 }] })).rejects.toThrow(/not inside the document/);

    const r = await engine.call('consensus:regions', { documentId: doc.id, codeId: code.id });
    expect(r.regions[0].decision?.rule).toBe('reject');
    expect(r.settled).toBe(1);
    const decisions = await engine.call('consensus:decisions', { documentId: doc.id });
    expect(decisions.map((d) => d.rule)).toEqual(['reject', 'edit', 'intersection', 'union', 'accept']);
  });

  it('is undoable and in the audit log', async () => {
    await engine.call('consensus:settle', { documentId: doc.id, codeId: code.id, start: 90, end: 95, rule: 'accept', coderId: ben.id, rationale: 'Ben is right' });
    expect(await consensusRanges()).toEqual([[90, 95]]);
    const log = await engine.call('audit:list', { limit: 20 });
    expect(log.some((e) => e.entity === 'consensus_decisions' && (e.after as { rationale?: string })?.rationale === 'Ben is right')).toBe(true);
    const state = await engine.call('history:undo', {});
    expect(state.redoLabel).toMatch(/settle 10 in ID1 interview \[90, 95\) by accept/);
    expect(await consensusRanges()).toEqual([]);
    expect((await engine.call('consensus:decisions', { documentId: doc.id })).map((d) => d.rationale)).not.toContain('Ben is right');
    await engine.call('history:redo', {});
    expect(await consensusRanges()).toEqual([[90, 95]]);
  });

  it('accepts every agreed region at once, and compares before with after', async () => {
    const made = await engine.call('consensus:acceptAgreed', { documentId: doc.id, codeId: code.id });
    expect(made.map((d) => [d.start, d.end])).toEqual([
      [40, 50],
      [60, 80],
    ]);
    // Region [60,80): the union of Ana's two touching units and Ben's one overlapping unit is one range.
    expect(await consensusRanges()).toEqual([
      [40, 50],
      [60, 80],
      [90, 95],
    ]);
    expect(await engine.call('consensus:acceptAgreed', { documentId: doc.id, codeId: code.id })).toEqual([]);

    const ba = await engine.call('agreement:beforeAfter', {});
    expect(ba.before.coders.map((c) => c.name)).toEqual(['Ana', 'Ben']);
    // Before: Ana 20+10+20 = 50 characters, Ben 20+10+20+5 = 55; they share 10+10+20 = 40.
    // Patterns over 100: 11 ×40, 10 ×10, 01 ×15, 00 ×35 → po = 0.75.
    expect(ba.before.overall.percentAgreement.value).toBeCloseTo(0.75, 12);
    // After: consensus = [40,50) [60,80) [90,95) = 35 characters. Ana vs consensus: 11 ×30,
    // 10 ×20, 01 ×5, 00 ×45 → 0.75; Ben: 11 ×35, 10 ×20 → 0.8.
    expect(ba.after.map((a) => [a.coder, a.report.overall.percentAgreement.value])).toEqual([
      ['Ana', 0.75],
      ['Ben', 0.8],
    ]);
    expect(ba.after[0].report.coders.map((c) => c.name)).toEqual(['Ana', 'Consensus']);
  });
});

describe('codings CSV', async () => {
  const engine = await newProject(dir, 'csv.accord', 'Ana');
  const doc = (await engine.call('documents:import', { fileName: 'ID21 interview.txt', dataBase64: b64('ID21: We adapted the software to each locality.') })).document;
  const c10 = await engine.call('codebook:create', { parentId: null, label: '10', name: 'Features of the innovation' });
  await engine.call('codebook:create', { parentId: c10.id, label: '10a', name: 'Adaptation' });

  it('imports all rows in one step, adding coders', async () => {
    const csv = 'document,coder,code,start,end\nID21 interview,Ben,10a,9,16\nID21 interview,Cy,10a.,9,28\nid21 interview,ben,Features of the innovation,0,47\n';
    const r = await engine.call('codings:importCsv', { fileName: 'codings.csv', text: csv });
    expect(r).toEqual({ imported: 3, duplicates: 0, codersCreated: ['Ben', 'Cy'] });
    const list = await engine.call('codings:list', { documentId: doc.id });
    expect(list.map((k) => k.text)).toEqual(['ID21: We adapted the software to each locality.', 'adapted', 'adapted the softwar']);
    // Again: every row is already there.
    expect(await engine.call('codings:importCsv', { fileName: 'codings.csv', text: csv })).toMatchObject({ imported: 0, duplicates: 3 });
  });

  it('an unknown document or code names the row, and nothing is imported', async () => {
    const before = (await engine.call('codings:list', { documentId: doc.id })).length;
    await expect(
      engine.call('codings:importCsv', { fileName: 'bad.csv', text: 'document,coder,code,start,end\nID21 interview,Dee,10a,0,5\nID99,Dee,10a,0,5\n' }),
    ).rejects.toThrow('bad.csv row 3: no document named "ID99"');
    await expect(
      engine.call('codings:importCsv', { fileName: 'bad.csv', text: 'document,coder,code,start,end\nID21 interview,Dee,10a,0,5\nID21 interview,Dee,77,0,5\n' }),
    ).rejects.toThrow('bad.csv row 3: no code with label or name "77"');
    await expect(
      engine.call('codings:importCsv', { fileName: 'bad.csv', text: 'document,coder,code,start,end\nID21 interview,Dee,10a,5,500\n' }),
    ).rejects.toThrow(/row 2: the range \[5, 500\) is empty or not inside/);
    await expect(engine.call('codings:importCsv', { fileName: 'bad.csv', text: 'document,coder,start,end\n' })).rejects.toThrow(/missing column\(s\) code/);
    expect((await engine.call('codings:list', { documentId: doc.id })).length).toBe(before);
    expect((await engine.call('coders:list', {})).map((c) => c.name)).not.toContain('Dee');
  });

  it('exports one row per coding with participant, code path and text, and imports back', async () => {
    const csv = await engine.call('codings:exportCsv', {});
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('document,participant,coder,code_label,code_name,code_path,start,end,text');
    expect(lines).toContain('ID21 interview,ID21,Ben,10a,Adaptation,10 Features of the innovation > 10a Adaptation,9,16,adapted');
    expect(lines).toHaveLength(4);
    const again = await engine.call('codings:importCsv', { fileName: 'export.csv', text: csv });
    expect(again).toMatchObject({ imported: 0, duplicates: 3 });
  });
});
