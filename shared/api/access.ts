// Who may call a method and what it may see. Every channel of the contract declares one `Access`
// beside its input schema (the `…Access` maps in each namespace module, exhaustive by type); the
// engine enforces it at one point (`Engine.call`) for every host: desktop IPC, HTTP, CLI and tests.
import type { CoderId } from '../model/types';

/** A member's role in a project: the lead runs the study, coders code, viewers read. */
export type Role = 'lead' | 'coder' | 'viewer';

/**
 * The person behind a call. Every host passes one: the desktop window and single-user browser mode a
 * local caller, team mode the signed-in member (whatever the page says), the CLI the local user.
 */
export interface Caller {
  /** The caller's coder, or null while a local user has not yet chosen who is coding. */
  coderId: CoderId | null;
  /** The member's display name, or null for an anonymous local caller. */
  name: string | null;
  role: Role;
  /** Owns per-caller state (undo/redo stacks, current coder): a member id in team mode, a window's id locally. */
  key: string;
  /**
   * A local caller: the person running Accord on this machine, with no signed-in member (desktop
   * window, single-user browser tab, CLI). Their coder is whoever they choose with `coders:select`,
   * and their role is resolved from the project: `lead` before they choose a coder and while the
   * chosen coder is the project's lead (the one set in agreement settings, else the first human
   * coder); `coder` otherwise; never more than `role`. A signed-in member's `role` and `coderId` are
   * fixed by the team and used as given.
   */
  local?: boolean;
}

/** The caller of a host without sign-in (see `Caller.local`); `key` tells windows or tabs apart. */
export function localCaller(key = 'local'): Caller {
  return { coderId: null, name: null, role: 'lead', key, local: true };
}

/**
 * - `open`: anyone; needs no project, or shows nothing private (project info).
 * - `host`: local callers only (see `Caller.local`): opens, creates or closes the engine's project
 *   file, or lists files of this machine; a team server's project is fixed for its members.
 * - `read`: any member; the output is filtered to what the caller may see (in blind mode, another
 *   coder's codings, quotes, memos and audit entries on hidden documents are left out, and their ids
 *   answer "not found").
 * - `own`: coders and the lead, not viewers; acts only on the caller's own data (their codings, memos,
 *   undo/redo, current coder).
 * - `write`: coders and the lead, not viewers; changes shared data (codebook, documents, themes).
 * - `lead`: the lead only (assignments, blind mode, consensus, merges).
 * - `unblinded`: reads every coder's codings, so refused while the caller is blind on any selected
 *   document (those of `documentIds` where the method narrows to them, else every document): the
 *   lead always, others once blind mode is off or the selected documents are revealed.
 */
export type Access = 'open' | 'host' | 'read' | 'own' | 'write' | 'lead' | 'unblinded';

export const ACCESS_LEVELS: readonly Access[] = ['open', 'host', 'read', 'own', 'write', 'lead', 'unblinded'];
