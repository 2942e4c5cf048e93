// codings:recode (issue 14, Shift+C): a coding gets another code in one undoable step, keeping its
// range, text and coder; another coder's coding is refused to a coder who is not the lead.
import { describe, expect, it } from 'vitest';
import { b64, newProject, tempDir } from '../../helpers/temp';

const dir = tempDir();

describe('codings:recode', () => {
  it('changes the code, keeps the passage, undoes in one step and refuses clashes and others\' codings', async () => {
    const engine = await newProject(dir, 'recode.accord', 'Ana');
    const doc = (await engine.call('documents:import', { fileName: 'ID01.txt', dataBase64: b64('We adapted the software to each practice.') })).document;
    const a = await engine.call('codebook:create', { parentId: null, label: '30a', name: 'Adaptation' });
    const b = await engine.call('codebook:create', { parentId: null, label: '30b', name: 'Planning' });
    const [coding] = await engine.call('codings:apply', { documentId: doc.id, codeIds: [a.id], start: 3, end: 10 });
    const recoded = await engine.call('codings:recode', { id: coding.id, codeId: b.id });
    expect(recoded).toMatchObject({ id: coding.id, codeId: b.id, start: 3, end: 10, text: 'adapted' });
    expect((await engine.call('history:state', {})).undoLabel).toBe('recode 30a as 30b');
    await engine.call('history:undo', {});
    expect((await engine.call('codings:list', { documentId: doc.id })).map((c) => c.codeId)).toEqual([a.id]);

    await engine.call('codings:apply', { documentId: doc.id, codeIds: [b.id], start: 3, end: 10 });
    expect(await engine.invoke('codings:recode', { id: coding.id, codeId: b.id })).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: 'this passage is already coded 30b by the same coder' } });

    await engine.call('agreement:setLead', { coderId: (await engine.call('coders:current', {}))!.id });
    await engine.call('coders:select', { name: 'Ben' });
    expect(await engine.invoke('codings:recode', { id: coding.id, codeId: b.id })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});
