// The foundation's engine flow through the typed contract: import, codebook, coding, undo/redo, audit.
import { describe, expect, it } from 'vitest';
import type { Code, CodeId, DocumentId } from '../../../shared/model/types';
import { b64, newProject, tempDir } from '../../helpers/temp';

const dir = tempDir();

const TRANSCRIPT = [
  'Interviewer: Please describe your role in your organization.',
  'ID21: I lead the locality team. We adapted the software to each practice.',
  'Interviewer: What helped?',
  'ID21: There was a shared imperative and a very clear, shared objective.',
].join('\r\n');

const CODES = [
  'Covid Protect Final Code Structure\t',
  '10\tFeatures of the innovation (<i>higher level design principles or properties of the innovation</i>)',
  '10a.\tAdaptation (e.g., make innovation fit, refine based on user need/experience, tailor to each locality)',
  '10b.\tPerceived value/need for the innovation (e.g., by GPs, patients, voluntary sector)',
  '100\tFacilitators/positive aspects or effects (<i>double code with any other code/s</i>)',
].join('\n');

describe('importing a transcript', () => {
  it('normalises line endings once, names it after the file, finds turns and links the participant', async () => {
    const engine = await newProject(dir, 'import.accord');
    const r = await engine.call('documents:import', { fileName: 'ID21 interview.txt', dataBase64: b64(TRANSCRIPT) });
    expect(r.document.name).toBe('ID21 interview');
    expect(r.participant).toBe('ID21');
    expect(r.turns).toBe(4);
    const doc = await engine.call('documents:get', { id: r.document.id });
    expect(doc.text).toBe(TRANSCRIPT.replace(/\r\n/g, '\n'));
    expect(doc.turns.map((t) => t.speaker)).toEqual(['Interviewer', 'ID21', 'Interviewer', 'ID21']);
    expect(doc.text.slice(doc.turns[1].start, doc.turns[1].end)).toBe('ID21: I lead the locality team. We adapted the software to each practice.');
    const people = await engine.call('participants:list', {});
    expect(people).toEqual([expect.objectContaining({ pid: 'ID21', documents: ['ID21 interview'] })]);
    // The same file name again gets a unique name.
    const again = await engine.call('documents:import', { fileName: 'ID21 interview.txt', dataBase64: b64(TRANSCRIPT + '\nmore') });
    expect(again.document.name).toBe('ID21 interview (2)');
    expect((await engine.call('participants:list', {})).length).toBe(1);
  });

  it('a bad file is reported by name and changes nothing', async () => {
    const engine = await newProject(dir, 'bad.accord');
    const before = engine.info();
    const empty = await engine.invoke('documents:import', { fileName: 'empty.txt', dataBase64: '' });
    expect(empty).toMatchObject({ ok: false, error: { code: 'BAD_FILE' } });
    expect((empty as { error: { message: string } }).error.message).toMatch(/^empty\.txt: /);
    const junk = await engine.invoke('documents:import', {
      fileName: 'ID07 interview.docx',
      dataBase64: Buffer.from('this is not a zip file at all, just junk renamed').toString('base64'),
    });
    expect(junk).toMatchObject({ ok: false, error: { code: 'BAD_FILE' } });
    expect((junk as { error: { message: string } }).error.message).toMatch(/^ID07 interview\.docx: /);
    expect(engine.info()).toEqual(before);
  });

  it('renames with unique names', async () => {
    const engine = await newProject(dir, 'rename.accord');
    const a = await engine.call('documents:import', { fileName: 'a.txt', dataBase64: b64('alpha') });
    await engine.call('documents:import', { fileName: 'b.txt', dataBase64: b64('beta') });
    expect((await engine.call('documents:rename', { id: a.document.id, name: 'Alpha doc' })).name).toBe('Alpha doc');
    expect(await engine.invoke('documents:rename', { id: a.document.id, name: 'b' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });
});

describe('codebook and coding', () => {
  async function setup(name: string) {
    const engine = await newProject(dir, name);
    const doc = (await engine.call('documents:import', { fileName: 'ID21 interview.txt', dataBase64: b64(TRANSCRIPT) })).document;
    const imported = await engine.call('codebook:import', { fileName: 'codes.txt', text: CODES });
    const byLabel = (l: string) => imported.codes.find((c) => c.label === l) as Code;
    return { engine, doc, imported, byLabel };
  }

  it('imports the study form with parents and is idempotent', async () => {
    const { engine, imported, byLabel } = await setup('codebook.accord');
    expect(imported).toMatchObject({ format: 'study', created: 4 });
    expect(byLabel('10a').parentId).toBe(byLabel('10').id);
    expect(byLabel('10a').definition).toBe('e.g., make innovation fit, refine based on user need/experience, tailor to each locality');
    expect(byLabel('100').parentId).toBeNull();
    const again = await engine.call('codebook:import', { fileName: 'codes.txt', text: CODES });
    expect(again.created).toBe(0);
    expect(again.codes).toHaveLength(4);
    expect(await engine.call('codebook:exportCsv', {})).toBe(
      'label,name,definition,parent,color\n' +
        `10,Features of the innovation,higher level design principles or properties of the innovation,,${byLabel('10').color}\n` +
        `10a,Adaptation,"e.g., make innovation fit, refine based on user need/experience, tailor to each locality",10,${byLabel('10a').color}\n` +
        `10b,Perceived value/need for the innovation,"e.g., by GPs, patients, voluntary sector",10,${byLabel('10b').color}\n` +
        `100,Facilitators/positive aspects or effects,double code with any other code/s,,${byLabel('100').color}\n`,
    );
  });

  it('moves codes, refusing cycles, and keeps sibling order dense', async () => {
    const { engine, byLabel } = await setup('move.accord');
    const moved = await engine.call('codebook:move', { id: byLabel('10b').id, parentId: byLabel('10').id, index: 0 });
    expect(moved.filter((c) => c.parentId === byLabel('10').id).map((c) => [c.label, c.order])).toEqual([['10b', 0], ['10a', 1]]);
    expect(await engine.invoke('codebook:move', { id: byLabel('10').id, parentId: byLabel('10a').id, index: 0 })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    const top = await engine.call('codebook:move', { id: byLabel('10a').id, parentId: null, index: 1 });
    expect(top.filter((c) => c.parentId === null).map((c) => c.label)).toEqual(['10', '10a', '100']);
  });

  it('codes a passage with a snapshot of the text; overlapping and duplicate codings behave', async () => {
    const { engine, doc, byLabel } = await setup('coding.accord');
    const text = (await engine.call('documents:get', { id: doc.id })).text;
    const start = text.indexOf('We adapted');
    const end = text.indexOf('practice.') + 'practice.'.length;
    const made = await engine.call('codings:apply', { documentId: doc.id, codeIds: [byLabel('10a').id, byLabel('100').id], start, end });
    expect(made.map((c) => c.text)).toEqual(['We adapted the software to each practice.', 'We adapted the software to each practice.']);
    const dup = await engine.call('codings:apply', { documentId: doc.id, codeIds: [byLabel('10a').id], start, end });
    expect(dup[0].id).toBe(made[0].id);
    await engine.call('codings:apply', { documentId: doc.id, codeIds: [byLabel('10a').id], start: start - 5, end: start + 10 });
    expect(await engine.call('codings:list', { documentId: doc.id })).toHaveLength(3);
    expect(await engine.invoke('codings:apply', { documentId: doc.id, codeIds: [byLabel('10a').id], start: 5, end: 5 })).toMatchObject({ ok: false });
    expect(await engine.invoke('codings:apply', { documentId: doc.id, codeIds: [byLabel('10a').id], start: 0, end: text.length + 1 })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    expect(await engine.invoke('codings:apply', { documentId: doc.id as DocumentId, codeIds: [9999 as CodeId], start: 0, end: 4 })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });

  it('deleting a code reports and removes its sub-codes and codings; undo brings everything back, redo removes it again', async () => {
    const { engine, doc, byLabel } = await setup('undo.accord');
    await engine.call('codings:apply', { documentId: doc.id, codeIds: [byLabel('10a').id], start: 0, end: 11 });
    await engine.call('codings:apply', { documentId: doc.id, codeIds: [byLabel('10').id], start: 20, end: 30 });
    expect(await engine.call('codebook:usage', { id: byLabel('10').id })).toEqual({ codes: 3, codings: 2 });
    expect(await engine.call('codebook:delete', { id: byLabel('10').id })).toEqual({ codes: 3, codings: 2 });
    expect((await engine.call('codebook:list', {})).map((c) => c.label)).toEqual(['100']);
    expect(await engine.call('codings:list', { documentId: doc.id })).toEqual([]);
    const state = await engine.call('history:undo', {});
    expect(state.canRedo).toBe(true);
    expect((await engine.call('codebook:list', {})).map((c) => c.label)).toEqual(['10', '10a', '10b', '100']);
    const restored = await engine.call('codings:list', { documentId: doc.id });
    expect(restored.map((c) => [c.start, c.end, c.text])).toEqual([[0, 11, 'Interviewer'], [20, 30, 'describe y']]);
    await engine.call('history:redo', {});
    expect((await engine.call('codebook:list', {})).map((c) => c.label)).toEqual(['100']);
    // Undo twice more: the deletion, then the second coding.
    await engine.call('history:undo', {});
    await engine.call('history:undo', {});
    expect((await engine.call('codings:list', { documentId: doc.id })).map((c) => c.text)).toEqual(['Interviewer']);
    expect((await engine.call('history:state', {})).undoLabel).toBe('code 10a in ID21 interview');
  });

  it('records who changed what, with before and after images', async () => {
    const { engine, byLabel } = await setup('audit.accord');
    await engine.call('codebook:update', { id: byLabel('10a').id, name: 'Adaptation of the innovation' });
    const [last] = await engine.call('audit:list', { limit: 1 });
    expect(last).toMatchObject({ actor: 'Ana', entity: 'codes', entityId: byLabel('10a').id });
    expect(last.action).toBe('code.update: edit code 10a (update)');
    expect((last.before as { name: string }).name).toBe('Adaptation');
    expect((last.after as { name: string }).name).toBe('Adaptation of the innovation');
  });

  it('every coding belongs to the current coder; none before one is chosen', async () => {
    const { engine, doc, byLabel } = await setup('coders.accord');
    const bo = await engine.call('coders:select', { name: 'Bo' });
    const [c] = await engine.call('codings:apply', { documentId: doc.id, codeIds: [byLabel('10b').id], start: 0, end: 5 });
    expect(c.coderId).toBe(bo.id);
    expect((await engine.call('coders:list', {})).map((x) => x.name)).toEqual(['Ana', 'Bo']);
  });
});
