// Every channel of the contract declares who may call it (shared/api/access.ts), and the engine
// enforces it at one point for every host. This enumerates the whole contract: a method without a
// policy fails here, and each method's policy is exercised for the lead, a coder (blind and not) and
// a viewer, as signed-in members and as local callers.
import { describe, expect, it } from 'vitest';
import { ACCESS_LEVELS, localCaller, type Access, type Caller, type Role } from '../../../shared/api/access';
import { ACCESS, METHOD_NAMES, methods, type Method } from '../../../shared/api/contract';
import { AccordError } from '../../../shared/api/errors';
import type { CoderId } from '../../../shared/model/types';
import { b64, newProject, tempDir } from '../../helpers/temp';

const dir = tempDir();

/** The outcome of calling `method` as `caller` with an input no schema accepts (so nothing runs). */
async function probe(engine: Awaited<ReturnType<typeof newProject>>, method: Method, caller: Caller): Promise<string> {
  try {
    await engine.call(method, 7, caller);
    return 'ran';
  } catch (err) {
    return err instanceof AccordError ? err.code : `bug: ${(err as Error).message}`;
  }
}

/** What the declared policy allows: FORBIDDEN, or the input's validation error once past the policy. */
function expected(access: Access, role: Role, local: boolean, blind: boolean): 'FORBIDDEN' | 'INVALID_INPUT' {
  const allowed = {
    open: true,
    host: local,
    read: true,
    own: role !== 'viewer',
    write: role !== 'viewer',
    lead: role === 'lead',
    unblinded: role === 'lead' || !blind,
  }[access];
  return allowed ? 'INVALID_INPUT' : 'FORBIDDEN';
}

describe('access is part of the contract', () => {
  it('every method of the contract declares a known access level, and nothing else does', () => {
    expect(METHOD_NAMES.length).toBeGreaterThan(90);
    for (const m of METHOD_NAMES) expect(ACCESS_LEVELS, `${m} has no declared access`).toContain(ACCESS[m]);
    expect(Object.keys(ACCESS).sort()).toEqual(Object.keys(methods).sort());
  });

  describe('each policy for each role, with blind mode off and on', async () => {
    const engine = await newProject(dir, 'policy.accord', 'Ana');
    const doc = (await engine.call('documents:import', { fileName: 'ID1 interview.txt', dataBase64: b64('ID1: one two three four') })).document;
    const ana = (await engine.call('coders:current', {}))!;
    const ben = await engine.call('coders:select', { name: 'Ben' });
    await engine.call('coders:select', { name: 'Ana' });
    await engine.call('agreement:assign', { documentIds: [doc.id], coderIds: [ben.id] });
    const member = (role: Role, coderId: CoderId | null): Caller => ({ coderId, name: role, role, key: `member-${role}` });
    const callers: { label: string; caller: Caller; role: Role; local: boolean }[] = [
      { label: 'lead (member)', caller: member('lead', ana.id), role: 'lead', local: false },
      { label: 'coder (member)', caller: member('coder', ben.id), role: 'coder', local: false },
      { label: 'viewer (member)', caller: member('viewer', null), role: 'viewer', local: false },
      { label: 'lead (local, acting as Ana)', caller: localCaller('as-ana'), role: 'lead', local: true },
      { label: 'coder (local, acting as Ben)', caller: localCaller('as-ben'), role: 'coder', local: true },
    ];
    await engine.call('coders:select', { name: 'Ana' }, localCaller('as-ana'));
    await engine.call('coders:select', { name: 'Ben' }, localCaller('as-ben'));

    for (const blind of [false, true]) {
      it(`blind mode ${blind ? 'on' : 'off'}: every method answers each caller as its access level says`, async () => {
        await engine.call('agreement:setBlind', { blind });
        const wrong: string[] = [];
        for (const method of METHOD_NAMES) {
          for (const c of callers) {
            const want = expected(ACCESS[method], c.role, c.local, blind);
            const got = await probe(engine, method, c.caller);
            if (got !== want) wrong.push(`${method} (${ACCESS[method]}) as ${c.label}: ${got}, expected ${want}`);
          }
        }
        expect(wrong).toEqual([]);
        // The project is still open and unchanged by all those refusals.
        expect((await engine.call('project:info', {}))?.documents).toBe(1);
      });
    }

    it('refusals name the reason', async () => {
      await engine.call('agreement:setBlind', { blind: true });
      await expect(engine.call('agreement:reveal', { documentIds: [doc.id] }, callers[1].caller)).rejects.toThrow(/^only the lead \(Ana\) can reveal codings$/);
      await expect(engine.call('codebook:create', { parentId: null, name: 'X' }, callers[2].caller)).rejects.toThrow(/a viewer can read this project but not change it/);
      await expect(engine.call('agreement:report', {}, callers[2].caller)).rejects.toThrow(/^blind mode: agreement:report shows every coder's codings/);
      await expect(engine.call('project:close', {}, callers[0].caller)).rejects.toThrow(/members work in the project it serves/);
    });

    it('a signed-in member codes under their own name only', async () => {
      const benMember = callers[1].caller;
      expect((await engine.call('coders:current', {}, benMember))?.name).toBe('Ben');
      expect((await engine.call('coders:select', { name: 'Ben' }, benMember)).id).toBe(ben.id);
      await expect(engine.call('coders:select', { name: 'Ana' }, benMember)).rejects.toThrow(/you code under your own name/);
      expect((await engine.call('coders:current', {}, benMember))?.name).toBe('Ben');
    });
  });

  it('a local caller is the lead until acting as a coder who is not the lead', async () => {
    const engine = await newProject(dir, 'local.accord', 'Ana');
    const me = localCaller('window-2');
    expect((await engine.call('agreement:settings', {}, me)).isLead).toBe(true);
    await engine.call('coders:select', { name: 'Ben' }, me);
    expect((await engine.call('agreement:settings', {}, me)).isLead).toBe(false);
    await expect(engine.call('agreement:setBlind', { blind: true }, me)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    // Another window of the same engine is still Ana, the lead.
    expect((await engine.call('agreement:settings', {})).isLead).toBe(true);
    await engine.call('coders:select', { name: 'Ana' }, me);
    expect((await engine.call('agreement:setBlind', { blind: true }, me)).blind).toBe(true);
  });
});
