// The engine's implementation of the team namespace of the contract (shared/api/team.ts).
import type { TeamOutputs } from '../../../shared/api/team';
import { backupProject, initTeam, inviteMember, listMembers, revokeMember, setMemberRole, signIn } from '../services/team';
import type { HandlersFor, SessionRef } from './types';

export function teamHandlers(s: SessionRef): HandlersFor<TeamOutputs> {
  return {
    'team:init': ({ lead }) => initTeam(s(), lead),
    'team:invite': ({ name, role }) => inviteMember(s(), name, role),
    'team:revoke': ({ name }) => revokeMember(s(), name),
    'team:setRole': ({ name, role }) => setMemberRole(s(), name, role),
    'team:members': () => listMembers(s()),
    'team:signIn': ({ token, from }) => signIn(s(), token, from),
    'project:backup': ({ path }) => backupProject(s(), path),
  };
}
