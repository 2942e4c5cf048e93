// Change events: the engine publishes one for every committed change batch, so that every window,
// browser and team member can update the views that show what changed instead of re-fetching
// everything. Hosts deliver them (Server-Sent Events over HTTP, IPC in the desktop app), each filtered
// to what its receiver may see.

/** Most ids an event lists per table; a larger change says `null` ("many": reload the table). */
export const EVENT_ID_LIMIT = 200;

export interface ChangeEvent {
  /** The batch in the audit log (increasing). */
  batch: number;
  at: string;
  /** Who made the change (a coder's or member's name). */
  actor: string;
  /** What kind of change, e.g. `coding.apply`, `codebook.create`, `undo`. */
  action: string;
  /** The tables touched, each with the ids of its changed rows, or null when there were more than EVENT_ID_LIMIT. */
  tables: Record<string, number[] | null>;
  /** Whose codings changed on which documents (only pairs the receiver may see). */
  codings: { documentId: number; coderId: number }[];
}

/** True when the event touched any of `tables`. */
export function touches(event: ChangeEvent, ...tables: string[]): boolean {
  return tables.some((t) => Object.prototype.hasOwnProperty.call(event.tables, t));
}
