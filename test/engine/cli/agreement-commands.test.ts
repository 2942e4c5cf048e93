// `accord codings import|export` and the core `accord codings PROJECT --document NAME` still working
// beside them.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { accord } from '../../helpers/cli';
import { tempDir } from '../../helpers/temp';

const dir = tempDir();

describe('accord codings import / export', () => {
  const project = join(dir, 'p.accord');
  const transcript = join(dir, 'ID21 interview.txt');
  writeFileSync(transcript, 'ID21: We adapted the software to each locality.');
  const codes = join(dir, 'codes.txt');
  writeFileSync(codes, '10\tFeatures of the innovation\n10a.\tAdaptation\n');

  it('imports a CSV, exports it in long format, and lists one document\'s codings', async () => {
    expect((await accord('init', project)).code).toBe(0);
    expect((await accord('import', project, transcript)).code).toBe(0);
    expect((await accord('codes', 'import', project, codes)).code).toBe(0);
    const csv = join(dir, 'codings.csv');
    // "adapted" is [9, 16): "ID21: " (6) + "We " (3).
    writeFileSync(csv, 'document,coder,code,start,end\r\nID21 interview,Ben,10a,9,16\r\nID21 interview,Cy,10,0,47\r\n');
    const imp = await accord('codings', 'import', project, csv);
    expect(imp.err).toBe('');
    expect(imp.out).toBe('Imported 2 codings from codings.csv; new coders: Ben, Cy\n');

    const exp = await accord('codings', 'export', project, '--format', 'csv');
    expect(exp.code).toBe(0);
    expect(exp.out.split('\r\n')).toEqual([
      'document,participant,coder,code_label,code_name,code_path,start,end,text',
      'ID21 interview,ID21,Cy,10,Features of the innovation,10 Features of the innovation,0,47,ID21: We adapted the software to each locality.',
      'ID21 interview,ID21,Ben,10a,Adaptation,10 Features of the innovation > 10a Adaptation,9,16,adapted',
      '',
    ]);

    const core = await accord('codings', project, '--document', 'ID21 interview', '--json');
    expect(core.code).toBe(0);
    expect(JSON.parse(core.out).map((r: { code: string; coder: string }) => [r.code, r.coder])).toEqual([
      ['10', 'Cy'],
      ['10a', 'Ben'],
    ]);
  });

  it('a bad row exits 1 naming the row; a wrong format exits 2', async () => {
    const csv = join(dir, 'bad.csv');
    writeFileSync(csv, 'document,coder,code,start,end\nID21 interview,Ben,10a,9,16\nNobody,Ben,10a,0,1\n');
    const r = await accord('codings', 'import', project, csv);
    expect(r.code).toBe(1);
    expect(r.err).toBe('accord codings: bad.csv row 3: no document named "Nobody"\n');
    expect((await accord('codings', 'export', project, '--format', 'xlsx')).code).toBe(2);
  });
});
