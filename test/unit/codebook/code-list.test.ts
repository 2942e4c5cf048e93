import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parentLabelOf, parseCodeList, parseCsvCodeList, parseStudyCodeList, splitNameDefinition } from '../../../shared/codebook/code-list';
import { compareLabels } from '../../../shared/codebook/tree';
import { HAS_SHARED, SEED_STUDY, describeIf } from '../../helpers/shared-dir';

describe('study code-structure form', () => {
  it('splits label, name and the parenthesised definition, dropping italics tags', () => {
    const d = parseStudyCodeList(
      '10\tFeatures of the innovation (<i>higher level design principles; the innovation is the full bundle including e.g., software</i>)\n' +
        '10a.\tAdaptation (e.g., make innovation fit, refine based on user need/experience, tailor to each locality)\n',
    );
    expect(d).toEqual([
      { label: '10', name: 'Features of the innovation', definition: 'higher level design principles; the innovation is the full bundle including e.g., software', parent: null },
      { label: '10a', name: 'Adaptation', definition: 'e.g., make innovation fit, refine based on user need/experience, tailor to each locality', parent: '10' },
    ]);
  });

  it('keeps nested parentheses inside the definition and handles codes without one', () => {
    expect(splitNameDefinition('Flexibility (e.g., not adapting the project design per se (that is 10a), giving up control)')).toEqual({
      name: 'Flexibility',
      definition: 'e.g., not adapting the project design per se (that is 10a), giving up control',
    });
    expect(splitNameDefinition('Of GP practices, GPs, practice managers, practice staff')).toEqual({
      name: 'Of GP practices, GPs, practice managers, practice staff',
      definition: '',
    });
  });

  it('derives parents from the numbering: 10a → 10, 100 is top level, 10a1 → 10a', () => {
    expect(parentLabelOf('10a')).toBe('10');
    expect(parentLabelOf('100')).toBeNull();
    expect(parentLabelOf('10a1')).toBe('10a');
  });

  it('refuses a label that appears twice, naming the line', () => {
    expect(() => parseStudyCodeList('10\tA\n10\tB\n', 'codes.txt')).toThrow('codes.txt, line 2: label 10 appears twice');
  });

  it('sorts labels naturally', () => {
    const labels = ['100', '10b', '999', '20', '10', '10a', '90', '300', '200', '30j', '30i'];
    expect(labels.sort(compareLabels)).toEqual(['10', '10a', '10b', '20', '30i', '30j', '90', '100', '200', '300', '999']);
  });
});

describeIf(HAS_SHARED, '../shared/seeds (the seed study)')('the study\'s Supplemental Table 1 (needs ../shared/seeds)', () => {
  // Supplemental Table 1 of Curry et al. (BMJ Open 2022) lists 64 codes: 13 top-level codes
  // (10–90, 100, 200, 300, 999) and 51 children (10a–g: 7, 20a–d: 4, 30a–j: 10, 40a–d: 4, 50a–d: 4,
  // 60a–d: 4, 70a–k: 11, 80a–g: 7). Counted by hand from the seed file.
  const text = HAS_SHARED ? readFileSync(SEED_STUDY, 'utf8') : '';
  const section = text.slice(text.indexOf('Supplemental Table 1 Code Structure'), text.indexOf('Supplemental Table 2 Additional Quotes'));

  it('yields the 64 codes with the right parents', () => {
    const { format, drafts } = parseCodeList('code-structure.txt', section);
    expect(format).toBe('study');
    expect(drafts).toHaveLength(64);
    const top = drafts.filter((d) => d.parent === null).map((d) => d.label);
    expect(top).toEqual(['10', '20', '30', '40', '50', '60', '70', '80', '90', '100', '200', '300', '999']);
    const childCount = (p: string) => drafts.filter((d) => d.parent === p).length;
    expect([10, 20, 30, 40, 50, 60, 70, 80].map((p) => childCount(String(p)))).toEqual([7, 4, 10, 4, 4, 4, 11, 7]);
    const c30h = drafts.find((d) => d.label === '30h')!;
    expect(c30h.name).toBe('Flexibility');
    expect(c30h.definition).toContain('(that is 10a)');
    expect(drafts.find((d) => d.label === '999')).toEqual({ label: '999', name: 'Great Quotes', definition: '', parent: null });
    expect(drafts.find((d) => d.label === '10')!.definition.startsWith('higher level design principles')).toBe(true);
  });
});

describe('CSV code lists', () => {
  it('reads label,name,definition,parent with quoted commas and a BOM', () => {
    const d = parseCsvCodeList('\uFEFFlabel,name,definition,parent\n10,Features,"design, principles",\n10a,Adaptation,"fit, refine",10\n');
    expect(d).toEqual([
      { label: '10', name: 'Features', definition: 'design, principles', parent: null },
      { label: '10a', name: 'Adaptation', definition: 'fit, refine', parent: '10' },
    ]);
  });

  it('names the row of an unknown parent and of an empty name', () => {
    expect(() => parseCsvCodeList('label,name,parent\n10a,Adaptation,77\n', 'c.csv')).toThrow('c.csv, row 2: parent "77"');
    expect(() => parseCsvCodeList('label,name\n10,\n', 'c.csv')).toThrow('c.csv, row 2: the name is empty');
  });

  it('detects CSV by its header even without a .csv name', () => {
    expect(parseCodeList('codes.txt', 'label,name,definition,parent\n1,One,,\n').format).toBe('csv');
  });

  it('reports a file with no codes clearly', () => {
    expect(() => parseCodeList('notes.txt', 'just some words\n')).toThrow('notes.txt: no codes found');
  });
});
