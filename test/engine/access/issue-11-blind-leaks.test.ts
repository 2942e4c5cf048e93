// Regression tests for issue 11: with Ana as lead and Ben blind, Ben reached Ana's hidden codings
// through audit:list, themes:addQuote, codings:remove and the shared undo stack. A blind coder gets
// "not found" for another coder's hidden ids, never their text, and cannot remove or change them.
import { describe, expect, it } from 'vitest';
import type { Caller } from '../../../shared/api/access';
import type { CodingId } from '../../../shared/model/types';
import { b64, newProject, tempDir } from '../../helpers/temp';

const dir = tempDir();
const SECRET = 'the secret passage only Ana coded';

describe('issue 11: blind coding holds on every channel', async () => {
  const engine = await newProject(dir, 'issue-11.accord', 'Ana');
  const d1 = (await engine.call('documents:import', { fileName: 'ID0002 interview.txt', dataBase64: b64(`ID0002: ${SECRET}. And Ben's part here.`) })).document;
  const code = await engine.call('codebook:create', { parentId: null, label: '10b', name: 'Adaptation' });
  const ana = (await engine.call('coders:current', {}))!;
  const ben = await engine.call('coders:select', { name: 'Ben' });
  await engine.call('coders:select', { name: 'Ana' });
  const start = 'ID0002: '.length;
  const [anaCoding] = await engine.call('codings:apply', { documentId: d1.id, codeIds: [code.id], start, end: start + SECRET.length });
  await engine.call('memos:save', { codingId: anaCoding.id, title: 'Ana', body: 'why I coded the secret' });
  const theme = await engine.call('themes:create', { parentId: null, name: 'Change' });
  await engine.call('themes:addQuote', { themeId: theme.id, codingId: anaCoding.id, leadIn: '' });
  await engine.call('agreement:assign', { documentIds: [d1.id], coderIds: [ben.id] });
  await engine.call('agreement:setBlind', { blind: true });

  // Ben, as a signed-in member and as a local user who chose his name.
  const benMember: Caller = { coderId: ben.id, name: 'Ben', role: 'coder', key: 'ben' };
  const benLocal: Caller = { coderId: null, name: null, role: 'lead', key: 'tab-ben', local: true };
  await engine.call('coders:select', { name: 'Ben' }, benLocal);
  const benStart = d1.length - 'here.'.length;
  const [benCoding] = await engine.call('codings:apply', { documentId: d1.id, codeIds: [code.id], start: benStart, end: d1.length }, benMember);

  for (const [label, caller] of [
    ['member', benMember],
    ['local', benLocal],
  ] as const) {
    describe(`Ben (${label})`, () => {
      it('audit:list carries none of Ana\'s codings, memos or quotes', async () => {
        const log = await engine.call('audit:list', { limit: 10000 }, caller);
        expect(JSON.stringify(log)).not.toContain('secret');
        expect(log.filter((e) => e.entity === 'codings').map((e) => e.entityId)).toEqual([benCoding.id]);
        // Everyone else's work that is not hidden is still there.
        expect(log.map((e) => e.entity)).toEqual(expect.arrayContaining(['codes', 'themes', 'agreement_settings', 'coder_assignments']));
        // The lead sees it all.
        expect(JSON.stringify(await engine.call('audit:list', { limit: 10000 }))).toContain(SECRET);
      });

      it('themes:addQuote with Ana\'s coding id is "not found", and themes:list shows no quote of hers', async () => {
        await expect(engine.call('themes:addQuote', { themeId: theme.id, codingId: anaCoding.id, leadIn: '' }, caller)).rejects.toMatchObject({
          code: 'NOT_FOUND',
          message: `no coding with id ${anaCoding.id}`,
        });
        const themes = await engine.call('themes:list', {}, caller);
        expect(JSON.stringify(themes)).not.toContain('secret');
        expect(themes.themes[0].quotes).toEqual([]);
        const quoteId = (await engine.call('themes:list', {})).themes[0].quotes[0].id;
        await expect(engine.call('themes:updateQuote', { id: quoteId, text: 'changed' }, caller)).rejects.toMatchObject({ code: 'NOT_FOUND' });
        await expect(engine.call('themes:removeQuote', { id: quoteId }, caller)).rejects.toMatchObject({ code: 'NOT_FOUND' });
      });

      it('codings:remove of Ana\'s hidden coding is "not found" and removes nothing', async () => {
        await expect(engine.call('codings:remove', { id: anaCoding.id }, caller)).rejects.toMatchObject({ code: 'NOT_FOUND', message: `no coding with id ${anaCoding.id}` });
        await expect(engine.call('memos:save', { codingId: anaCoding.id, body: 'x' }, caller)).rejects.toMatchObject({ code: 'NOT_FOUND' });
        // Nor by deleting the code or the document her codings are on.
        await expect(engine.call('codebook:delete', { id: code.id }, caller)).rejects.toMatchObject({ code: 'FORBIDDEN' });
        await expect(engine.call('documents:delete', { id: d1.id }, caller)).rejects.toMatchObject({ code: 'FORBIDDEN' });
        const all = await engine.call('codings:list', { documentId: d1.id });
        expect(all.map((c) => c.coderId).sort()).toEqual([ana.id, ben.id].sort());
        expect((await engine.call('codebook:usage', { id: code.id }, caller)).codings).toBe(1);
        expect((await engine.call('project:info', {}, caller))?.codings).toBe(1);
        expect(JSON.stringify(await engine.call('memos:list', {}, caller))).not.toContain('secret');
      });
    });
  }

  it('undo/redo are per caller: Ben never sees the label of Ana\'s action, and his undo leaves her coding alone', async () => {
    const benTab: Caller = { coderId: null, name: null, role: 'lead', key: 'tab-2', local: true };
    await engine.call('coders:select', { name: 'Ben' }, benTab);
    expect(await engine.call('history:state', {}, benTab)).toEqual({ canUndo: false, canRedo: false, undoLabel: null, redoLabel: null });
    // The same window switching from Ana to Ben gets Ben's (empty) history too.
    const shared: Caller = { coderId: null, name: null, role: 'lead', key: 'window', local: true };
    await engine.call('coders:select', { name: 'Ana' }, shared);
    await engine.call('codings:apply', { documentId: d1.id, codeIds: [code.id], start, end: start + 3 }, shared);
    expect((await engine.call('history:state', {}, shared)).undoLabel).toBe('code 10b in ID0002 interview');
    await engine.call('coders:select', { name: 'Ben' }, shared);
    expect((await engine.call('history:state', {}, shared)).undoLabel).toBeNull();
    const before = (await engine.call('codings:list', { documentId: d1.id })).length;
    expect((await engine.call('history:undo', {}, shared)).canUndo).toBe(false);
    expect((await engine.call('codings:list', { documentId: d1.id })).length).toBe(before);
    // Ben's own undo removes only his coding.
    expect((await engine.call('history:state', {}, benMember)).undoLabel).toBe('code 10b in ID0002 interview');
    await engine.call('history:undo', {}, benMember);
    const left = await engine.call('codings:list', { documentId: d1.id });
    expect(left.map((c) => c.coderId)).not.toContain(ben.id);
    expect(left.filter((c) => c.coderId === ana.id).length).toBe(2);
  });

  it('an undo that would overwrite another coder\'s later change is refused', async () => {
    const c = await engine.call('codebook:create', { parentId: null, label: '99', name: 'Temporary' });
    await engine.call('codebook:update', { id: c.id, name: 'Renamed by Ben' }, benMember);
    await expect(engine.call('history:undo', {})).rejects.toThrow(/can't undo "create code 99 Temporary": Ben changed it since/);
    expect((await engine.call('codebook:list', {})).find((k) => k.id === c.id)?.name).toBe('Renamed by Ben');
  });

  it('the lead removes a coder\'s coding; a coder who is not blind cannot remove another\'s', async () => {
    await engine.call('agreement:setBlind', { blind: false });
    const [mine] = await engine.call('codings:apply', { documentId: d1.id, codeIds: [code.id], start: 0, end: 6 }, benMember);
    const anaIds = (await engine.call('codings:list', { documentId: d1.id })).filter((k) => k.coderId === ana.id).map((k) => k.id as CodingId);
    await expect(engine.call('codings:remove', { id: anaIds[0] }, benMember)).rejects.toThrow(/this coding is Ana's: only they or the lead \(Ana\) can remove it/);
    await engine.call('codings:remove', { id: mine.id });
    expect((await engine.call('codings:list', { documentId: d1.id })).map((k) => k.id)).not.toContain(mine.id);
  });
});
