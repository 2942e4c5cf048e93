// Channels of the contract that no other test calls by name: each is exercised here with its real
// output (the access policy test runs every channel too, for every role, but checks only access).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { b64, newProject, tempDir } from '../../helpers/temp';
import { makeWav } from '../../helpers/wav';

const dir = tempDir();

describe('the rest of the contract, called by name', () => {
  it('finds documents by name, lists attributes, creates participants, edits themes, unlinks recordings', async () => {
    const engine = await newProject(dir, 'rest.accord');
    const doc = (await engine.call('documents:import', { fileName: 'ID21 interview.txt', dataBase64: b64('Interviewer: Hello?\nID21: We adapted it.') })).document;
    expect(await engine.call('documents:find', { name: 'id21 INTERVIEW' })).toMatchObject({ id: doc.id, name: 'ID21 interview' });
    expect(await engine.invoke('documents:find', { name: 'nothing' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });

    const p = await engine.call('participants:create', { pid: 'ID30' });
    expect(p).toMatchObject({ pid: 'ID30', attributes: {} });
    expect((await engine.call('participants:create', { pid: 'id30' })).id).toBe(p.id);
    await engine.call('participants:setValue', { participantId: p.id, attribute: 'Role', value: 'Clinician' });
    expect((await engine.call('participants:attributes', {})).map((a) => [a.name, a.type])).toEqual([['Role', 'category']]);
    expect(await engine.call('reports:attributes', {})).toEqual([{ name: 'Role', type: 'category', participants: 1 }]);

    const definitions = await engine.call('intersections:definitions', {});
    expect(Object.keys(definitions).length).toBeGreaterThan(3);
    expect(Object.values(definitions).every((d) => typeof d === 'string' && d.length > 10)).toBe(true);

    const code = await engine.call('codebook:create', { parentId: null, label: '10a', name: 'Adaptation' });
    const theme = await engine.call('themes:create', { name: 'Tailoring' });
    expect((await engine.call('themes:update', { id: theme.id, name: 'Local tailoring', summary: 'Services fitted to places' })).name).toBe('Local tailoring');
    expect((await engine.call('themes:linkCode', { themeId: theme.id, codeId: code.id })).codes.map((c) => c.label)).toEqual(['10a']);
    expect((await engine.call('themes:unlinkCode', { themeId: theme.id, codeId: code.id })).codes).toEqual([]);

    const rec = await engine.call('recordings:link', { documentId: doc.id, fileName: 'ID21 interview.wav', dataBase64: Buffer.from(makeWav(1000)).toString('base64') });
    expect(rec.status).toBe('ok');
    expect(await engine.call('recordings:unlink', { documentId: doc.id })).toBeNull();
    expect(await engine.call('recordings:get', { documentId: doc.id })).toBeNull();
    // Unlinking keeps the copied file in the media folder (a later link can use it again).
    expect(existsSync(join(dir, rec.path))).toBe(true);
  });
});
