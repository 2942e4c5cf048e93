// Change events: one per committed batch, with the tables and ids it touched and who made it; the
// commits of another process on the same file arrive through the poll; a blind coder's events leave
// out other coders' codings.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Caller } from '../../shared/api/access';
import type { ChangeEvent } from '../../shared/api/events';
import type { CoderId } from '../../shared/model/types';
import { Engine } from '../../electron/engine/engine';
import { REPO } from '../helpers/shared-dir';
import { b64, newProject, tempDir } from '../helpers/temp';

const dir = tempDir();

function until(events: ChangeEvent[], n: number, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  return new Promise((ok, fail) => {
    const tick = () => (events.length >= n ? ok() : Date.now() > end ? fail(new Error(`${events.length} of ${n} events`)) : setTimeout(tick, 20));
    tick();
  });
}

describe('change events', () => {
  it('publishes each committed batch once, with tables, ids and actor, undo included', async () => {
    const engine = await newProject(dir, 'events.accord', 'Ana');
    const events: ChangeEvent[] = [];
    const stop = engine.subscribe((e) => events.push(e));
    const code = await engine.call('codebook:create', { parentId: null, name: 'Adaptation', label: '10a' });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actor: 'Ana', action: 'code.create', tables: { codes: [code.id] }, codings: [] });
    const { document } = await engine.call('documents:import', { fileName: 'ID1.txt', dataBase64: b64('ID1: We adapted it.\n') });
    const [coding] = await engine.call('codings:apply', { documentId: document.id, codeIds: [code.id], start: 5, end: 15 });
    const applied = events.at(-1)!;
    expect(applied).toMatchObject({ actor: 'Ana', tables: { codings: [coding.id] }, codings: [{ documentId: document.id, coderId: coding.coderId }] });
    await engine.call('history:undo', {});
    expect(events.at(-1)).toMatchObject({ action: 'undo', tables: { codings: [coding.id] } });
    const batches = events.map((e) => e.batch);
    expect(new Set(batches).size).toBe(batches.length);
    expect(batches).toEqual([...batches].sort((a, b) => a - b));
    stop();
    await engine.call('codebook:create', { parentId: null, name: 'Unseen' });
    expect(events.at(-1)!.action).toBe('undo');
  });

  it('delivers commits made by another process on the same file', async () => {
    const engine = await newProject(dir, 'shared.accord', 'Ana');
    const events: ChangeEvent[] = [];
    const stop = engine.subscribe((e) => events.push(e));
    writeFileSync(join(dir, 'codes.csv'), 'label,name\n10,Features\n10a,Adaptation\n');
    execFileSync(process.execPath, [join(REPO, 'bin/accord.mjs'), 'codes', 'import', join(dir, 'shared.accord'), join(dir, 'codes.csv')], { stdio: 'ignore' });
    await until(events, 1);
    expect(events[0]).toMatchObject({ action: 'code.import', tables: { codes: expect.any(Array) } });
    stop();
  }, 30_000);

  it("leaves out other coders' codings for a blind coder, and everything else passes", async () => {
    const engine = await newProject(dir, 'blind.accord', 'Ana');
    const ana = (await engine.call('coders:current', {}))!;
    const ben = await engine.call('coders:select', { name: 'Ben' });
    await engine.call('coders:select', { name: 'Ana' });
    const { document } = await engine.call('documents:import', { fileName: 'ID2.txt', dataBase64: b64('ID2: It fitted our locality well.\n') });
    await engine.call('agreement:assign', { documentIds: [document.id], coderIds: [ana.id, ben.id], assigned: true });
    await engine.call('agreement:setBlind', { blind: true });
    const code = await engine.call('codebook:create', { parentId: null, name: 'Fit' });

    const benCaller: Caller = { coderId: ben.id as CoderId, name: 'Ben', role: 'coder', key: 'ben' };
    const seenByBen: ChangeEvent[] = [];
    const seenByLead: ChangeEvent[] = [];
    engine.subscribe((e) => seenByBen.push(e), benCaller);
    engine.subscribe((e) => seenByLead.push(e), { coderId: ana.id as CoderId, name: 'Ana', role: 'lead', key: 'ana' });

    await engine.call('codings:apply', { documentId: document.id, codeIds: [code.id], start: 5, end: 12 });
    await engine.call('codebook:update', { id: code.id, definition: 'fits the place' });
    await engine.call('memos:save', { documentId: document.id, body: 'Ana thinks this is about fit' });
    expect(seenByLead.map((e) => e.action)).toEqual(['coding.apply', 'code.update', 'memo.save']);
    // Ben gets the codebook change, but not Ana's coding or her memo.
    expect(seenByBen.map((e) => e.action)).toEqual(['code.update']);

    await engine.call('coders:select', { name: 'Ben' });
    await engine.call('codings:apply', { documentId: document.id, codeIds: [code.id], start: 0, end: 3 });
    expect(seenByBen.at(-1)).toMatchObject({ actor: 'Ben', codings: [{ documentId: document.id, coderId: ben.id }] });
    await engine.call('coders:select', { name: 'Ana' });
    await engine.call('agreement:reveal', { documentIds: [document.id], revealed: true });
    await engine.call('codings:apply', { documentId: document.id, codeIds: [code.id], start: 13, end: 20 });
    expect(seenByBen.at(-1)).toMatchObject({ actor: 'Ana', codings: [{ documentId: document.id, coderId: ana.id }] });
  });

  it('follows the project that is open, and stops at close', async () => {
    const engine = new Engine({ stateDir: null });
    const events: ChangeEvent[] = [];
    engine.subscribe((e) => events.push(e));
    await engine.call('project:create', { path: join(dir, 'later.accord') });
    await engine.call('coders:select', { name: 'Cy' });
    expect(events.map((e) => e.action)).toEqual(['coder.create']);
    engine.close();
  });
});
