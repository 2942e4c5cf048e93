// Issue 5 on the command line: `accord report cooccurrence` (JSON shape, CSV, layer, mode and --where),
// `accord report attributes|saturation`, and `accord query` whose `text` is the document's slice.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../helpers/temp';
import { accord } from '../../helpers/cli';

const dir = tempDir();
const project = join(dir, 'study.accord');

const TEXTS = {
  ID1: 'Interviewer: What helped?\nID1: The clinicians led the work and the data were shared across the region.',
  ID2: 'Interviewer: What helped?\nID2: Managers paid for it and the data were shared late.',
};

beforeAll(async () => {
  expect((await accord('init', project)).code).toBe(0);
  for (const [pid, text] of Object.entries(TEXTS)) {
    const file = join(dir, `${pid} interview.txt`);
    writeFileSync(file, text);
    expect((await accord('import', project, file)).code).toBe(0);
  }
  const codes = join(dir, 'codes.csv');
  writeFileSync(codes, 'label,name,definition,parent\n10a,Leadership,,\n30a,Data sharing,,\n');
  expect((await accord('codes', 'import', project, codes)).code).toBe(0);
  const people = join(dir, 'people.csv');
  writeFileSync(people, 'Participant ID,Role\nID1,Clinician\nID2,Manager\n');
  expect((await accord('participants', 'import', project, people)).code).toBe(0);
  const code = async (pid: 'ID1' | 'ID2', label: string, phrase: string, coder = 'Ana') => {
    const start = TEXTS[pid].indexOf(phrase);
    const r = await accord('code', project, '--document', `${pid} interview`, '--code', label, '--start', String(start), '--end', String(start + phrase.length), '--coder', coder);
    expect(r.err).toBe('');
  };
  // ID1: "The clinicians led the work" (10a) overlaps "the work and the data were shared" (30a).
  await code('ID1', '10a', 'The clinicians led the work');
  await code('ID1', '30a', 'the work and the data were shared');
  // ID2: 10a and 30a apart.
  await code('ID2', '10a', 'Managers paid for it');
  await code('ID2', '30a', 'the data were shared late');
  // Ben codes the same overlap in ID2 only.
  await code('ID2', '10a', 'Managers paid for it and', 'Ben');
  await code('ID2', '30a', 'it and the data', 'Ben');
});

describe('accord report cooccurrence', () => {
  it('prints codes and one cell per ordered pair with n > 0, n(A) on the diagonal', async () => {
    const r = await accord('report', 'cooccurrence', project, '--layer', 'Ana', '--format', 'json');
    expect(r).toMatchObject({ code: 0, err: '' });
    const out = JSON.parse(r.out);
    expect(out.codes).toEqual(['10a', '30a']);
    // n(10a) = n(30a) = 2; one overlap (ID1): c = 1 / (2 + 2 − 1) = 1/3; P(B|A) = 1/2.
    // Characters: 10a covers 27 + 20 = 47, 30a 33 + 25 = 58, both "the work" = 8 → 8 / 97.
    expect(out.cells).toEqual([
      { a: '10a', b: '10a', n: 2, c: 1, jaccard: 1, p_b_given_a: 1, documents: 2, participants: 2 },
      { a: '10a', b: '30a', n: 1, c: 1 / 3, jaccard: 8 / 97, p_b_given_a: 0.5, documents: 1, participants: 1 },
      { a: '30a', b: '10a', n: 1, c: 1 / 3, jaccard: 8 / 97, p_b_given_a: 0.5, documents: 1, participants: 1 },
      { a: '30a', b: '30a', n: 2, c: 1, jaccard: 1, p_b_given_a: 1, documents: 2, participants: 2 },
    ]);
  });

  it('reads one coder by default and says what it counts; pooling carries its warning', async () => {
    const def = JSON.parse((await accord('report', 'cooccurrence', project, '--json')).out);
    // No consensus layer and no current coder on the command line: Ana has 4 codings, Ben 2.
    expect(def).toMatchObject({ layer: 'coder Ana', layer_kind: 'coder', mode: 'overlap', unit: 'passages', scope: { coders: ['Ana'], documents: 2, codings: 4 } });
    expect(def.layer_reason).toBe('there is no consensus layer yet and no coder is chosen, so the coder with most codings here is read');
    expect(def.counts).toMatch(/^Counts passages: /);
    expect(def.warning).toBeUndefined();
    const pooled = JSON.parse((await accord('report', 'cooccurrence', project, '--layer', 'all', '--json')).out);
    expect(pooled.warning).toMatch(/a disagreement between coders counts as a co-occurrence/);
    const csv = await accord('report', 'cooccurrence', project, '--layer', 'pooled', '--format', 'csv');
    expect(csv.err).toMatch(/^warning: Coders pooled \(Ana, Ben\)/);
    expect((await accord('report', 'cooccurrence', project, '--json', '--format', 'csv')).code).toBe(2);
  });

  it('takes the layer, mode and --where, and writes CSV', async () => {
    const pair = async (...args: string[]) => {
      const r = await accord('report', 'cooccurrence', project, ...args);
      expect(r.err).toBe('');
      return (JSON.parse(r.out).cells as { a: string; b: string; n: number }[]).find((c) => c.a === '10a' && c.b === '30a')?.n ?? 0;
    };
    expect(await pair('--layer', 'Ben')).toBe(1);
    expect(await pair('--layer', 'all')).toBe(2); // Ana's ID1 overlap, and Ben's ID2 one (Ana's ID2 codings join it)
    expect(await pair('--layer', 'Ana', '--mode', 'document')).toBe(2);
    expect(await pair('--layer', 'Ana', '--where', 'Role=Manager')).toBe(0);
    expect(await pair('--layer', 'all', '--where', 'Role=Manager')).toBe(1);
    const consensus = JSON.parse((await accord('report', 'cooccurrence', project, '--layer', 'consensus')).out);
    expect(consensus.cells).toEqual([]);
    expect(consensus.message).toMatch(/no consensus layer/);
    const csv = await accord('report', 'cooccurrence', project, '--layer', 'Ana', '--format', 'csv');
    expect(csv.out.split('\n')[0]).toBe('a,b,n,c,jaccard,p_b_given_a,documents,participants');
    expect(csv.out.split('\n')[2]).toBe(`10a,30a,1,${1 / 3},${8 / 97},0.5,1,1`);
  });

  it('fails clearly on a bad layer, mode or condition', async () => {
    expect(await accord('report', 'cooccurrence', project, '--layer', 'Zoe')).toMatchObject({ code: 1, err: expect.stringContaining('no coder called "Zoe"') });
    expect((await accord('report', 'cooccurrence', project, '--mode', 'sentence')).code).toBe(1);
    expect(await accord('report', 'cooccurrence', project, '--where', 'Grade=2')).toMatchObject({ code: 1, err: expect.stringContaining('no participant attribute called "Grade"') });
    expect((await accord('report', 'cooccurrence', project, '--format', 'xml')).code).toBe(2);
    expect((await accord('report', 'matrix', project)).code).toBe(2);
  });
});

describe('accord report attributes and saturation', () => {
  it('counts codes per Role and lists new codes per transcript', async () => {
    const t = JSON.parse((await accord('report', 'attributes', project, '--attribute', 'Role', '--layer', 'Ana')).out);
    expect(t.values).toEqual(['Clinician', 'Manager']);
    expect(t.rows[0]).toEqual({ code: '10a', participants: { Clinician: 1, Manager: 1 }, codings: { Clinician: 1, Manager: 1 } });
    const s = JSON.parse((await accord('report', 'saturation', project, '--layer', 'Ana')).out);
    expect(s.points.map((p: { document: string; new_codes: string[]; cumulative: number }) => [p.document, p.new_codes, p.cumulative])).toEqual([
      ['ID1 interview', ['10a', '30a'], 2],
      ['ID2 interview', [], 2],
    ]);
    // Two coded transcripts are fewer than base 4 + run 2: every null carries its reason.
    expect(s.saturation).toMatchObject({ reached: false, reached_at: null, base_codes: null, runs: [] });
    expect(s.saturation.reached_at_reason).toBe('only 2 interviews to assess; the method needs at least 6 (base 4 + run 2)');
    expect(s.saturation.base_codes_reason).toBe('fewer coded transcripts than the base (4)');
    expect(s.points[0]).toMatchObject({ interview: 1, date: null, date_reason: 'ordered by import order, not by a date' });
    expect(s).toMatchObject({ method: 'Guest, Namey & Chen (2020), PLoS ONE 15(5): e0232076', base: 4, run: 2, threshold: 0.05, layer: 'coder Ana' });
    // Base 1 (ID1: 10a, 30a = 2 codes), run 1 (ID2: no new code) → 0 % ≤ 5 %: reached at interview 1.
    const small = JSON.parse((await accord('report', 'saturation', project, '--layer', 'Ana', '--base', '1', '--run', '1', '--threshold', '5%', '--json')).out);
    expect(small.saturation).toMatchObject({ reached: true, reached_at: 1, reached_at_document: 'ID1 interview', confirmed_by: [2, 2], base_codes: 2 });
    expect(small.saturation.runs).toEqual([{ interviews: [2, 2], documents: ['ID2 interview'], new_codes: 0, new_information: 0 }]);
    expect((await accord('report', 'saturation', project, '--threshold', 'lots')).code).toBe(2);
  });
});

describe('accord query', () => {
  it('prints quotes whose text equals the document slice', async () => {
    const r = await accord('query', project, '10a AND 30a', '--layer', 'all', '--json');
    expect(r.code).toBe(0);
    // Pooled coders: the warning goes to stderr, the results to stdout.
    expect(r.err).toMatch(/^warning: Coders pooled \(Ana, Ben\): a disagreement between coders counts as a co-occurrence/);
    const quotes = JSON.parse(r.out) as { document: string; participant: string; start: number; end: number; text: string; codes: string[] }[];
    expect(quotes.map((q) => Object.keys(q))).toEqual([
      ['document', 'participant', 'start', 'end', 'text', 'codes'],
      ['document', 'participant', 'start', 'end', 'text', 'codes'],
    ]);
    for (const q of quotes) {
      const pid = q.participant as 'ID1' | 'ID2';
      expect(q.text).toBe(TEXTS[pid].slice(q.start, q.end));
      expect(q.codes.sort()).toEqual(['10a', '30a']);
    }
    expect(quotes[0]).toMatchObject({ document: 'ID1 interview', participant: 'ID1', text: 'The clinicians led the work and the data were shared' });
    // ID2: Ana's and Ben's codings chain from "Managers" to the end of "the data were shared late".
    expect(quotes[1].text).toBe('Managers paid for it and the data were shared late');
    const filtered = JSON.parse((await accord('query', project, '10a AND 30a', '--where', 'Role=Clinician', '--json')).out);
    expect(filtered).toHaveLength(1);
  });

  it('reports a bad query with its column', async () => {
    const r = await accord('query', project, '10a AND (30a', '--json');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/column/);
  });
});

it('lists the commands in the help text', async () => {
  const help = (await accord('--help')).out;
  expect(help).toContain('accord report cooccurrence PROJECT.accord');
  expect(help).toContain('accord query PROJECT.accord');
});
