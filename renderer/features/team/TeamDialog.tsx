// Members of a team project, for its lead: invite (the token is shown here once), change roles,
// revoke. In single-user mode the file's owner can make the project a team project first. The list
// follows change events, so a revoke from the command line shows here too.
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { Role } from '../../../shared/api/access';
import type { IssuedToken, Member } from '../../../shared/api/team';
import { api, errorMessage } from '../../api/client';
import { useChanges } from '../../api/events';
import { Dialog } from '../../components/Dialog';
import { useNotify } from '../../components/Notices';

const ROLES: Role[] = ['lead', 'coder', 'viewer'];

export interface TeamDialogProps {
  onClose: () => void;
}

export function TeamDialog({ onClose }: TeamDialogProps) {
  const notify = useNotify();
  const [members, setMembers] = useState<Member[] | null>(null);
  const [issued, setIssued] = useState<IssuedToken | null>(null);
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('coder');

  const load = useCallback(() => {
    api['team:members']({}).then(setMembers, (err) => notify('error', errorMessage(err)));
  }, [notify]);
  useEffect(load, [load]);
  useChanges((e) => {
    if ('team_members' in e.tables) load();
  });

  const run = async <T,>(p: Promise<T>): Promise<T | undefined> => {
    try {
      const value = await p;
      load();
      return value;
    } catch (err) {
      notify('error', errorMessage(err));
      return undefined;
    }
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const n = name.trim();
    if (!n) return;
    const made = await run(members?.length ? api['team:invite']({ name: n, role }) : api['team:init']({ lead: n }));
    if (made) {
      setIssued(made);
      setName('');
    }
  };
  const team = (members?.length ?? 0) > 0;

  return (
    <Dialog title="Team" onClose={onClose} testId="team-dialog">
      {issued && (
        <div role="status" data-testid="team-issued" style={{ marginBottom: '1rem' }}>
          <p>
            Personal access token for <strong>{issued.member.name}</strong> ({issued.member.role}). It is shown only now: give it to them
            privately. They paste it on the team server’s sign-in page.
          </p>
          <input readOnly value={issued.token} onFocus={(e) => e.target.select()} aria-label={`Token for ${issued.member.name}`} data-testid="team-token" style={{ display: 'block', width: '100%', boxSizing: 'border-box', fontFamily: 'monospace' }} />
        </div>
      )}
      {members === null ? (
        <p>Loading…</p>
      ) : !team ? (
        <p>This is not a team project yet. Name its lead to make it one; the lead then invites members and runs `accord serve PROJECT --team`.</p>
      ) : (
        <table className="assignments" data-testid="team-members">
          <thead>
            <tr>
              <th>Member</th>
              <th>Role</th>
              <th>Last signed in</th>
              <th>
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {members.map((m) => (
              <tr key={m.id} data-testid="team-member">
                <td>{m.name}</td>
                <td>
                  <select value={m.role} disabled={m.revokedAt !== null} onChange={(e) => void run(api['team:setRole']({ name: m.name, role: e.target.value as Role }))} aria-label={`Role of ${m.name}`}>
                    {ROLES.map((r) => (
                      <option key={r}>{r}</option>
                    ))}
                  </select>
                </td>
                <td>{m.revokedAt ? `revoked ${m.revokedAt.slice(0, 16).replace('T', ' ')}` : m.lastSignInAt ? m.lastSignInAt.slice(0, 16).replace('T', ' ') : 'not yet'}</td>
                <td>
                  {m.revokedAt === null && (
                    <button type="button" onClick={() => void run(api['team:revoke']({ name: m.name }))} aria-label={`Revoke ${m.name}`}>
                      Revoke
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form className="form" onSubmit={(e) => void submit(e)}>
        <label className="field">
          <span>{team ? 'Invite a member (or give a revoked one a new token)' : 'Lead'}</span>
          <input value={name} onChange={(e) => setName(e.target.value)} maxLength={80} data-testid="team-name" />
        </label>
        {team && (
          <label className="field">
            <span>Role</span>
            <select value={role} onChange={(e) => setRole(e.target.value as Role)} data-testid="team-role">
              {ROLES.map((r) => (
                <option key={r}>{r}</option>
              ))}
            </select>
          </label>
        )}
        <div className="form-actions">
          <button type="submit" className="primary" disabled={!name.trim()} data-testid="team-submit">
            {team ? 'Invite' : 'Make it a team project'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
