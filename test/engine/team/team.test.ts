// Team members and personal access tokens through the contract: tokens shown once and stored only
// as salted scrypt hashes, sign-in in constant time with one refusal for every wrong token, revoke
// and role changes in the audit log with the member's name, and the CLI's `team` and `backup`.
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { accord } from '../../helpers/cli';
import { newProject, tempDir } from '../../helpers/temp';

const dir = tempDir();

describe('team members and tokens', () => {
  it('init names the lead and prints a token that signs in; the file holds only a salted hash', async () => {
    const engine = await newProject(dir, 'init.accord', 'Ana');
    const lead = await engine.call('team:init', { lead: 'Ana' });
    expect(lead.token).toMatch(/^accord_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$/);
    expect(lead.member).toMatchObject({ name: 'Ana', role: 'lead', revokedAt: null });
    // The lead codes as the existing coder of that name, and becomes the project's lead coder.
    const coders = await engine.call('coders:list', {});
    expect(lead.member.coderId).toBe(coders.find((c) => c.name === 'Ana')!.id);
    expect((await engine.call('agreement:settings', {})).lead?.name).toBe('Ana');
    await expect(engine.call('team:init', { lead: 'Ben' })).rejects.toThrow(/already a team project/);

    const me = await engine.call('team:signIn', { token: lead.token, from: '10.0.0.7' });
    expect(me).toMatchObject({ name: 'Ana', role: 'lead' });
    expect(me.lastSignInAt).not.toBeNull();

    const db = engine.current.db;
    const row = db.prepare('SELECT token_id, salt, hash FROM team_tokens').get() as { token_id: string; salt: Buffer; hash: Buffer };
    expect(lead.token.startsWith(`accord_${row.token_id}_`)).toBe(true);
    expect(row.salt.length).toBe(16);
    expect(row.hash.length).toBe(32);
    // The secret is base64url, which may itself contain '_': take everything after the id.
    const secret = lead.token.slice(`accord_${row.token_id}_`.length);
    expect(secret).toHaveLength(43);
    const fileText = db.prepare("SELECT group_concat(coalesce(before, '') || coalesce(after, '')) AS t FROM audit_log").get() as { t: string };
    expect(fileText.t).not.toContain(secret);
    expect(row.hash.toString('base64url')).not.toBe(secret);
  });

  it('refuses wrong, malformed, foreign and revoked tokens with one message', async () => {
    const engine = await newProject(dir, 'refuse.accord', 'Ana');
    const lead = await engine.call('team:init', { lead: 'Ana' });
    const ben = await engine.call('team:invite', { name: 'Ben', role: 'coder' });
    expect(ben.member).toMatchObject({ name: 'Ben', role: 'coder' });
    const wrongSecret = ben.token.slice(0, -4) + (ben.token.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    // The secret is everything after `accord_<16-hex id>_` (it may itself contain '_').
    const unknownId = `accord_${'0'.repeat(16)}_${ben.token.slice('accord_'.length + 17)}`;
    for (const token of [wrongSecret, unknownId, 'accord_nope', lead.token + 'x']) {
      await expect(engine.call('team:signIn', { token, from: '' })).rejects.toMatchObject({ code: 'UNAUTHORIZED', message: 'that token is not valid (wrong, mistyped or revoked)' });
    }
    expect((await engine.call('team:signIn', { token: ben.token, from: '' })).name).toBe('Ben');
    await expect(engine.call('team:invite', { name: 'ben', role: 'viewer' })).rejects.toThrow(/already a member/);

    const revoked = await engine.call('team:revoke', { name: 'Ben' });
    expect(revoked.revokedAt).not.toBeNull();
    await expect(engine.call('team:signIn', { token: ben.token, from: '' })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    // Invited again: a new token works, the old one stays dead.
    const again = await engine.call('team:invite', { name: 'Ben', role: 'viewer' });
    expect(again.member).toMatchObject({ role: 'viewer', revokedAt: null, coderId: revoked.coderId });
    await expect(engine.call('team:signIn', { token: ben.token, from: '' })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    expect((await engine.call('team:signIn', { token: again.token, from: '' })).role).toBe('viewer');
  });

  it('records sign-ins, invitations, role changes and revocations with the member name', async () => {
    const engine = await newProject(dir, 'audit.accord', 'Ana');
    const lead = await engine.call('team:init', { lead: 'Ana' });
    await engine.call('team:invite', { name: 'Ben', role: 'coder' });
    await engine.call('coders:select', { name: 'Ben' });
    await engine.call('team:signIn', { token: lead.token, from: '127.0.0.1' });
    await engine.call('coders:select', { name: 'Ana' });
    await engine.call('team:setRole', { name: 'Ben', role: 'lead' });
    await engine.call('team:revoke', { name: 'Ben' });
    await expect(engine.call('team:revoke', { name: 'Ana' })).rejects.toThrow(/only lead/);
    await expect(engine.call('team:setRole', { name: 'Ana', role: 'coder' })).rejects.toThrow(/only lead/);
    await expect(engine.call('team:revoke', { name: 'Zed' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const labels = (engine.current.db.prepare("SELECT action, label FROM change_batches WHERE action LIKE 'team.%' ORDER BY id").all() as { action: string; label: string }[]);
    // A sign-in is recorded under the member who signed in, whoever called last.
    expect(engine.current.db.prepare("SELECT actor FROM change_batches WHERE action = 'team.signIn'").get()).toEqual({ actor: 'Ana' });
    expect(labels).toEqual([
      { action: 'team.init', label: 'make audit a team project led by Ana' },
      { action: 'team.invite', label: 'invite Ben as coder' },
      { action: 'team.signIn', label: 'Ana signed in from 127.0.0.1' },
      { action: 'team.role', label: 'make Ben a lead (was coder)' },
      { action: 'team.revoke', label: "revoke Ben's access" },
    ]);
    const audit = await engine.call('audit:list', { limit: 50 });
    expect(audit.some((a) => a.entity === 'team_members' && a.action.includes("revoke Ben's access"))).toBe(true);
    // Undo never touches membership: these changes are not on anyone's undo stack.
    expect((await engine.call('history:state', {})).canUndo).toBe(false);
  });

  it('the CLI: team init, invite, members, revoke, role and backup', async () => {
    const project = join(dir, 'cli.accord');
    expect((await accord('init', project)).code).toBe(0);
    const init = await accord('team', 'init', project, '--lead', 'Ana');
    expect(init.code).toBe(0);
    expect(init.out).toMatch(/Ana \(lead\) — personal access token, shown only this once:\n\n {2}accord_[0-9a-f]{16}_\S{43}\n/);
    const invited = await accord('team', 'invite', project, 'Ben', '--role', 'coder', '--json');
    expect(JSON.parse(invited.out)).toMatchObject({ name: 'Ben', role: 'coder', token: expect.stringMatching(/^accord_/) });
    expect((await accord('team', 'invite', project, 'Cy', '--role', 'boss')).err).toBe('accord team: --role is lead, coder or viewer, not "boss"\n');
    expect((await accord('team', 'role', project, 'Ben', '--role', 'viewer')).out).toBe('Ben is now a viewer.\n');
    expect((await accord('team', 'revoke', project, 'Ben')).code).toBe(0);
    const members = JSON.parse((await accord('team', 'members', project, '--json')).out) as { name: string; role: string; revokedAt: string | null }[];
    expect(members.map((m) => [m.name, m.role, m.revokedAt !== null])).toEqual([
      ['Ana', 'lead', false],
      ['Ben', 'viewer', true],
    ]);
    expect(await accord('team', 'revoke', project, 'Nobody')).toMatchObject({ code: 1, err: 'accord team: cli: no member named "Nobody"\n' });
    expect((await accord('team', 'frobnicate', project)).code).toBe(2);

    const copy = join(dir, 'copy.accord');
    const backup = await accord('backup', project, copy);
    expect(backup.out).toMatch(/^Backed up to .*copy\.accord \(\d+ bytes\)\n$/);
    const db = new Database(copy, { readonly: true });
    expect(db.prepare('SELECT count(*) AS n FROM team_members').get()).toEqual({ n: 2 });
    db.close();
    expect(await accord('backup', project, copy)).toMatchObject({ code: 1, err: 'accord backup: copy.accord: a file of that name already exists\n' });
    expect(existsSync(join(dir, 'nowhere', 'x.accord'))).toBe(false);
    expect((await accord('backup', project, join(dir, 'nowhere', 'x.accord'))).code).toBe(1);
    expect(existsSync(join(dir, 'nowhere', 'x.accord'))).toBe(false);
    // Trusting a proxy's X-Forwarded-For is for a team server only.
    expect(await accord('serve', project, '--trust-proxy')).toMatchObject({
      code: 2,
      err: 'accord serve: --host, --tls-* and --trust-proxy are for a team server: add --team\n',
    });
  });
});
