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
}

/**
 * - `open`: anyone; needs no project, or shows nothing private (project info, recent projects).
 * - `read`: any member; the output is filtered to what the caller may see.
 * - `own`: acts only on the caller's own data (their codings, memos, undo/redo, current coder).
 * - `write`: coders and the lead, not viewers; changes shared data (codebook, documents, themes).
 * - `lead`: the lead only (assignments, blind mode, consensus, merges).
 * - `unblinded`: refused while the caller is blind on any selected document (reads every coder's codings).
 */
export type Access = 'open' | 'read' | 'own' | 'write' | 'lead' | 'unblinded';

export const ACCESS_LEVELS: readonly Access[] = ['open', 'read', 'own', 'write', 'lead', 'unblinded'];
