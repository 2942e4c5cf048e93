// MAXQDA's segment comparison through the contract and the command line: two coders, the study's
// design scope, and the blind-coding rules of the agreement report. Every figure is worked out by
// hand below (the same layout as test/unit/stats/segment-comparison.test.ts, on 100-character texts).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Caller } from '../../../shared/api/access';
import type { Engine } from '../../../electron/engine/engine';
import type { CodeId, DocumentId } from '../../../shared/model/types';
import { accord } from '../../helpers/cli';
import { b64, newProject, tempDir } from '../../helpers/temp';

const dir = tempDir();

/**
 * D1, D2: assigned to Ana and Ben. D3: assigned to Ana and Cy (Ben does not count there).
 *   D1  X: Ana [0,20) [40,60)   Ben [1,20) [40,56)   → 19/20 = .95 agrees; 16/20 = .8 does not
 *       Y: Ana [70,80)          Ben —
 *   D2  X: Ana [0,10)           Ben [0,10)
 *       Z: Ana —                Ben [10,20) [30,40)
 *       Y: Ana [60,70)          Ben [60,70) [80,90)
 *   D3  X: Ana [0,10)           Cy [0,10)
 */
async function build(engine: Engine) {
  const docs: DocumentId[] = [];
  for (const [name, letter] of [['D1', 'a'], ['D2', 'b'], ['D3', 'c']]) {
    const text = Array.from({ length: 10 }, (_, i) => `${letter}${i}word ==`).join('').slice(0, 100);
    docs.push((await engine.call('documents:import', { fileName: `${name}.txt`, dataBase64: b64(text) })).document.id);
  }
  const codes: Record<string, CodeId> = {};
  for (const label of ['X', 'Y', 'Z']) codes[label] = (await engine.call('codebook:create', { parentId: null, label, name: `code ${label}` })).id;
  const ids: Record<string, number> = {};
  for (const name of ['Ana', 'Ben', 'Cy']) ids[name] = (await engine.call('coders:select', { name })).id;
  await engine.call('coders:select', { name: 'Ana' });
  await engine.call('agreement:assign', { documentIds: [docs[0], docs[1]], coderIds: [ids.Ana, ids.Ben] as never });
  await engine.call('agreement:assign', { documentIds: [docs[2]], coderIds: [ids.Ana, ids.Cy] as never });
  const code = async (coder: string, doc: number, label: string, start: number, end: number) => {
    await engine.call('coders:select', { name: coder });
    await engine.call('codings:apply', { documentId: docs[doc], codeIds: [codes[label]], start, end });
  };
  await code('Ana', 0, 'X', 0, 20);
  await code('Ana', 0, 'X', 40, 60);
  await code('Ben', 0, 'X', 1, 20);
  await code('Ben', 0, 'X', 40, 56);
  await code('Ana', 0, 'Y', 70, 80);
  await code('Ana', 1, 'X', 0, 10);
  await code('Ben', 1, 'X', 0, 10);
  await code('Ben', 1, 'Z', 10, 20);
  await code('Ben', 1, 'Z', 30, 40);
  await code('Ana', 1, 'Y', 60, 70);
  await code('Ben', 1, 'Y', 60, 70);
  await code('Ben', 1, 'Y', 80, 90);
  await code('Ana', 2, 'X', 0, 10);
  await code('Cy', 2, 'X', 0, 10);
  await engine.call('coders:select', { name: 'Ana' });
  return { docs, codes, ids };
}

describe('agreement:segments', async () => {
  const engine = await newProject(dir, 'segments.accord', 'Ana');
  const { docs, codes, ids } = await build(engine);
  const project = join(dir, 'segments.accord');

  it('design scope: D1 and D2 only; existence, frequency, segments and κ as worked out by hand', async () => {
    const r = await engine.call('agreement:segments', { coderIds: [ids.Ana, ids.Ben] as never });
    expect(r.documents.map((d) => d.name)).toEqual(['D1', 'D2']);
    expect(r.notes[0]).toMatch(/1 document where the two coders do not both count left out .*: D3/);
    const row = (label: string) => r.codes.find((c) => c.label === label)!;
    expect(r.codes.map((c) => c.label)).toEqual(['X', 'Y', 'Z']);
    // Existence: X both in D1, D2 (2/0); Y only Ana in D1, both in D2 (1/1); Z only Ben in D2 (0/1).
    expect([row('X').existence, row('Y').existence, row('Z').existence].map((t) => [t.agree, t.disagree])).toEqual([[2, 0], [1, 1], [0, 1]]);
    expect(r.total.existence.percent).toBeCloseTo(3 / 5, 15);
    // Frequency: X 2=2, 1=1 (2/0); Y 1≠0, 1≠2 (0/2); Z 0≠2 (0/1) → 2/5.
    expect(r.total.frequency).toMatchObject({ agree: 2, disagree: 3 });
    // Segments: X 4/2, Y 2/2, Z 0/2 → 6/12; κ = (1/2 − 1/3)/(2/3) = 0.25 with k = 3.
    expect([row('X').segments, row('Y').segments, row('Z').segments].map((t) => [t.agree, t.disagree])).toEqual([[4, 2], [2, 2], [0, 2]]);
    expect(r.total.segments.percent).toBe(0.5);
    expect(r.total.segments.kappaBP).toBeCloseTo(0.25, 15);
    expect(row('X').segments.kappaBP).toBeCloseTo(0.5, 15);
    expect(r.chance).toEqual({ codes: 3, pc: 1 / 3 });
    expect(r.sentence).toBe(
      'Segment agreement between Ana and Ben was computed on 2 documents, 12 coded segments and 3 codes (scope: design, the documents both coders ' +
        'were assigned or, where a document had no assignments, both coded): two segments of the same code agreed when they overlapped by at least ' +
        "90 % of the text either coded, each coder's segments checked against the other's; κ in Brennan and Prediger's form with chance agreement 1/3.",
    );
  });

  it('lists the unmatched segments in reading order with the text and the other coder’s closest segment', async () => {
    const r = await engine.call('agreement:segments', { coderIds: [ids.Ana, ids.Ben] as never });
    const text = (await engine.call('documents:get', { id: docs[0] })).text;
    expect(r.unmatched.map((u) => [u.document, u.code, u.coder, u.start, u.end, u.other && [u.other.start, u.other.end], u.overlap])).toEqual([
      ['D1', 'X', 'Ben', 40, 56, [40, 60], 0.8],
      ['D1', 'X', 'Ana', 40, 60, [40, 56], 0.8],
      ['D1', 'Y', 'Ana', 70, 80, null, 0],
      ['D2', 'Z', 'Ben', 10, 20, null, 0],
      ['D2', 'Z', 'Ben', 30, 40, null, 0],
      ['D2', 'Y', 'Ben', 80, 90, [60, 70], 0],
    ]);
    expect(r.unmatched[1].text).toBe(text.slice(40, 60).replace(/\s+/g, ' ').trim());
    expect(r.unmatched[1].other!.text).toBe(text.slice(40, 56).replace(/\s+/g, ' ').trim());
  });

  it('with a limit, lists the first unmatched segments in reading order and counts them all', async () => {
    const all = await engine.call('agreement:segments', { coderIds: [ids.Ana, ids.Ben] as never });
    expect(all.unmatchedTotal).toBe(6);
    // Within D1 (the first document) and across into D2: the same rows as without the limit, cut.
    for (const limit of [1, 2, 3, 4, 6, 10]) {
      const r = await engine.call('agreement:segments', { coderIds: [ids.Ana, ids.Ben] as never, limit });
      expect(r.unmatchedTotal).toBe(6);
      expect(r.unmatched).toEqual(all.unmatched.slice(0, limit));
      // Everything else is the whole comparison's.
      expect({ ...r, unmatched: [] }).toEqual({ ...all, unmatched: [] });
    }
  });

  it('scope all adds D3, where Ben coded nothing: X gains a disagreement per level', async () => {
    // Segments 6/13; κ = (6/13 − 1/3)/(2/3) = 5/26.
    const r = await engine.call('agreement:segments', { coderIds: [ids.Ana, ids.Ben] as never, scope: 'all' });
    expect(r.documents.map((d) => d.name)).toEqual(['D1', 'D2', 'D3']);
    expect(r.codes.find((c) => c.label === 'X')!.existence).toMatchObject({ agree: 2, disagree: 1 });
    expect(r.total.segments).toMatchObject({ agree: 6, disagree: 7 });
    expect(r.total.segments.kappaBP).toBeCloseTo(5 / 26, 15);
  });

  it('the threshold, the codes and the documents narrow the comparison', async () => {
    // At 80 % the [40,60)~[40,56) pair agrees: X 6/0.
    const r80 = await engine.call('agreement:segments', { coderIds: [ids.Ana, ids.Ben] as never, overlap: 80 });
    expect(r80.codes.find((c) => c.label === 'X')!.segments).toMatchObject({ agree: 6, disagree: 0, percent: 1 });
    // Only X: one code in the table, so κ is undefined (chance 1/1).
    const onlyX = await engine.call('agreement:segments', { coderIds: [ids.Ana, ids.Ben] as never, codeIds: [codes.X] });
    expect(onlyX.total.segments).toMatchObject({ agree: 4, disagree: 2, kappaBP: null, kappaBPReason: 'only one code in the table: chance agreement 1/k = 1' });
    const d2 = await engine.call('agreement:segments', { coderIds: [ids.Ana, ids.Ben] as never, documentIds: [docs[1]] });
    expect(d2.total.segments).toMatchObject({ agree: 4, disagree: 3 });
  });

  it('needs exactly two coders, and says so', async () => {
    await expect(engine.call('agreement:segments', { coderIds: [ids.Ana] as never })).rejects.toThrow(/exactly two coders .*1 were given/);
    await expect(engine.call('agreement:segments', { coderIds: [ids.Ana, ids.Ben, ids.Cy] as never })).rejects.toThrow(/exactly two coders/);
    await expect(engine.call('agreement:segments', { coderIds: [ids.Ana, ids.Ben] as never, overlap: 0 })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('the command line: table, JSON with every documented field, and the unmatched segments as CSV', async () => {
    const table = await accord('agreement', project, '--segments', '--coders', 'Ana,Ben');
    expect(table.code).toBe(0);
    expect(table.out).toContain('X code X\t2/0\t100.0 %\t2/0\t100.0 %\t4/2\t66.7 %\t0.500');
    expect(table.out).toContain('total\t3/2\t60.0 %\t2/3\t40.0 %\t6/6\t50.0 %\t0.250');
    expect(table.out).toContain('Unmatched segments (6):');
    expect(table.out).toContain('D2\t2/1\t66.7 %\t1/2\t33.3 %\t4/3\t57.1 %\t—');
    expect(table.out).toContain('D2\tY\tBen\t[80, 90)\t[60, 70)\t0.0 %\t');

    const json = await accord('agreement', project, '--segments', '--coders', 'Ana,Ben', '--overlap', '80', '--json');
    expect(json.code).toBe(0);
    const j = JSON.parse(json.out);
    expect(Object.keys(j)).toEqual(['scope', 'sentence', 'coders', 'documents', 'overlap_threshold', 'chance', 'codes', 'total', 'by_document', 'unmatched', 'notes']);
    // Per document at 80 %: D1 X both + Y Ana only → existence 1/1, frequency 1/1, segments 4/1; D2 as at 90 %: 2/1, 1/2, 4/3.
    expect(j.by_document.map((d: { document: string; existence: { agree: number; disagree: number }; frequency: { agree: number; disagree: number }; segments: { agree: number; disagree: number } }) => [d.document, d.existence.agree, d.existence.disagree, d.frequency.agree, d.frequency.disagree, d.segments.agree, d.segments.disagree])).toEqual([
      ['D1', 1, 1, 1, 1, 4, 1],
      ['D2', 2, 1, 1, 2, 4, 3],
    ]);
    expect(j.overlap_threshold).toBe(80);
    expect(j.coders).toEqual(['Ana', 'Ben']);
    expect(j.codes[0]).toMatchObject({ code: 'X', path: 'X code X', existence: { agree: 2, disagree: 0, percent: 1 }, segments: { agree: 6, disagree: 0, percent: 1 } });
    expect(j.codes[0].segments.kappa_bp).toBeCloseTo(1, 15);
    expect(j.total.segments.kappa_bp).toBeCloseTo(0.5, 15); // 8/12: (2/3 − 1/3)/(2/3)
    expect(j.unmatched[0]).toMatchObject({ document: 'D1', code: 'Y', coder: 'Ana', start: 70, end: 80, other: null, overlap: 0 });

    const onlyX = JSON.parse((await accord('agreement', project, '--segments', '--coders', 'Ana,Ben', '--codes', 'X', '--json')).out);
    expect(onlyX.total.segments.kappa_bp).toBeNull();
    expect(onlyX.total.segments.kappa_bp_reason).toMatch(/only one code/);

    const csvFile = join(dir, 'unmatched.csv');
    const csv = await accord('agreement', project, '--segments', '--coders', 'Ana,Ben', '--format', 'csv', '-o', csvFile);
    expect(csv.out).toMatch(/Wrote .*unmatched\.csv \(6 unmatched segments, csv\)/);
    const lines = readFileSync(csvFile, 'utf8').trim().split('\r\n');
    expect(lines[0]).toBe('document,code,coder,start,end,text,other_coder,other_start,other_end,other_text,overlap_percent');
    expect(lines).toHaveLength(7);
    expect(lines[1]).toMatch(/^D1,X,Ben,40,56,.*,Ana,40,60,.*,80\.0$/);
  });

  it('accord --help documents every field of the JSON', async () => {
    const help = (await accord('--help')).out;
    for (const field of ['--segments', 'overlap_threshold', 'by_document[] {document, existence', 'chance {codes', 'existence {agree, disagree', 'frequency {', 'segments {agree', 'kappa_bp', 'unmatched[] {document, code, coder, start, end, text', 'other {start, end, text}', 'overlap (0-1', 'percent_reason', 'kappa_bp_reason', '--format csv']) {
      expect(help.replace(/\s+/g, ' '), field).toContain(field);
    }
  });

  it('the command line refuses what does not fit', async () => {
    expect((await accord('agreement', project, '--segments', '--coders', 'Ana')).err).toMatch(/exactly two coders: give them with --coders A,B/);
    expect((await accord('agreement', project, '--segments')).err).toMatch(/exactly two coders/);
    expect((await accord('agreement', project, '--segments', '--coders', 'Ana,Ben', '--overlap', '0')).err).toMatch(/--overlap is a percentage above 0 and at most 100, not "0"/);
    expect((await accord('agreement', project, '--segments', '--coders', 'Ana,Ben', '--unit', 'turn')).err).toMatch(/--unit does not go with --segments/);
    expect((await accord('agreement', project, '--overlap', '50')).err).toMatch(/--overlap goes with --segments/);
    expect((await accord('agreement', project, '--segments', '--coders', 'Ana,Nobody')).err).toMatch(/no coder named "Nobody"/);
  });
});

describe('agreement:segments and blind coding: as the agreement report', async () => {
  const engine = await newProject(dir, 'segments-blind.accord', 'Ana');
  const d1 = (await engine.call('documents:import', { fileName: 'ID1 interview.txt', dataBase64: b64('ID1: revealed words here') })).document;
  const d2 = (await engine.call('documents:import', { fileName: 'ID2 interview.txt', dataBase64: b64('ID2: hidden secret words') })).document;
  const code = await engine.call('codebook:create', { parentId: null, label: '10', name: 'Features' });
  const ben = await engine.call('coders:select', { name: 'Ben' });
  const ana = await engine.call('coders:select', { name: 'Ana' });
  await engine.call('codings:apply', { documentId: d1.id, codeIds: [code.id], start: 5, end: 13 });
  await engine.call('codings:apply', { documentId: d2.id, codeIds: [code.id], start: 5, end: 18 });
  await engine.call('agreement:assign', { documentIds: [d1.id, d2.id], coderIds: [ben.id, ana.id] });
  await engine.call('agreement:setBlind', { blind: true });
  await engine.call('agreement:reveal', { documentIds: [d1.id] });
  const benMember: Caller = { coderId: ben.id, name: 'Ben', role: 'coder', key: 'ben' };
  await engine.call('codings:apply', { documentId: d1.id, codeIds: [code.id], start: 5, end: 21 }, benMember);
  const input = { coderIds: [ana.id, ben.id] };

  it('a blind coder is refused on every document, or on a hidden one, and never sees its text', async () => {
    await expect(engine.call('agreement:segments', input, benMember)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const refused = await engine.call('agreement:segments', { ...input, documentIds: [d1.id, d2.id] }, benMember).catch((e: Error) => e.message);
    expect(refused).not.toMatch(/secret/);
  });

  it('runs on revealed documents only, and for the lead on all', async () => {
    const r = await engine.call('agreement:segments', { ...input, documentIds: [d1.id] }, benMember);
    expect(r.unmatched.map((u) => [u.coder, u.text])).toEqual([
      ['Ana', 'revealed'],
      ['Ben', 'revealed words h'],
    ]);
    const lead = await engine.call('agreement:segments', input);
    expect(lead.documents.map((d) => d.name)).toEqual(['ID1 interview', 'ID2 interview']);
  });
});
