// Contract namespace: the members of a team project and their personal access tokens, and backups. A project
// becomes a team project when its lead is named (`team:init`); the team server then lets only
// members in, each as themselves. Merged into the whole contract by shared/api/contract.ts.
import { z } from 'zod';
import { lazySchemas, once } from './lazy-schemas';
import type { Access, Role } from './access';
import type { CoderId } from '../model/types';

const empty = once(() => z.object({}).strict());
const memberName = once(() => z.string().trim().min(1).max(80));
export const role = once(() => z.enum(['lead', 'coder', 'viewer']));

/** Input schemas of this namespace, one per channel. */
export const teamMethods = lazySchemas({
  /**
   * Make the open project a team project with `lead` as its lead. Returns the lead's personal access
   * token, which is shown this once and stored only as a hash.
   */
  'team:init': () => z.object({ lead: memberName() }).strict(),
  /** Add a member (or bring back a revoked one) with a new personal access token, shown this once. */
  'team:invite': () => z.object({ name: memberName(), role: role().default('coder') }).strict(),
  /** End a member's access: their token stops working and their open sessions end at once. */
  'team:revoke': () => z.object({ name: memberName() }).strict(),
  /** Change a member's role. */
  'team:setRole': () => z.object({ name: memberName(), role: role() }).strict(),
  /** The members, revoked ones included; empty when the project is not a team project. */
  'team:members': () => empty(),
  /**
   * Exchange a personal access token for its member, recording the sign-in in the audit log.
   * Only the team server calls this (it refuses it over HTTP); wrong or revoked tokens are refused
   * with one message that does not say which.
   */
  'team:signIn': () => z.object({ token: z.string().min(1).max(200), from: z.string().max(100).default('') }).strict(),
  /**
   * Copy the open project to `path` (a new file) with SQLite's online backup, which reads a
   * consistent snapshot while others keep writing: how a running team server's project is backed up.
   */
  'project:backup': () => z.object({ path: z.string().min(1) }).strict(),
});

/** Who may call each channel of this namespace (see ./access.ts). Members and tokens are the lead's
 * business; on the command line the file's owner runs them as its local lead. */
export const teamAccess = {
  'team:init': 'lead',
  'team:invite': 'lead',
  'team:revoke': 'lead',
  'team:setRole': 'lead',
  'team:members': 'read',
  'team:signIn': 'open',
  'project:backup': 'lead',
} as const satisfies Record<keyof typeof teamMethods, Access>;

/** Channels a host answers only for itself, never for a client over HTTP. */
export const HOST_ONLY_METHODS: readonly string[] = ['team:signIn', 'project:backup'];

export interface Member {
  id: number;
  name: string;
  role: Role;
  /** The coder whose codings are this member's; null for a viewer who never coded. */
  coderId: CoderId | null;
  createdAt: string;
  /** When access was revoked; null while the member may sign in. */
  revokedAt: string | null;
  lastSignInAt: string | null;
}

/** A member with the token just issued: the only time the token is ever shown. */
export interface IssuedToken {
  member: Member;
  token: string;
}

export interface TeamOutputs {
  'team:init': IssuedToken;
  'team:invite': IssuedToken;
  'team:revoke': Member;
  'team:setRole': Member;
  'team:members': Member[];
  'team:signIn': Member;
  'project:backup': { path: string; bytes: number };
}
