// One open project: its database, and per caller the current coder and undo/redo stacks.
// Services receive a Session; nothing else holds a database handle. The per-caller accessors resolve
// the caller of the running engine call (see caller.ts), so one open project serves several callers.
import { basename } from 'node:path';
import type { Caller } from '../../shared/api/access';
import { AccordError } from '../../shared/api/errors';
import type { Coder } from '../../shared/model/types';
import { currentCaller } from './caller';
import { cached, recordChanges, type ChangeSet } from './db/changes';
import { createProjectFile, openProjectFile, type Db } from './db/connection';
import { toCoder, type CoderRow } from './services/rows';

export interface UndoStep {
  batch: number;
  label: string;
}

/** What the session keeps for one caller (`Caller.key`). */
interface CallerState {
  /** The coder a local caller chose with coders:select. */
  chosen: Coder | null;
  readonly undoStack: UndoStep[];
  readonly redoStack: UndoStep[];
}

export class Session {
  private readonly callers = new Map<string, CallerState>();

  private constructor(
    readonly db: Db,
    readonly path: string,
  ) {}

  static create(path: string): Session {
    return new Session(createProjectFile(path), path);
  }

  static open(path: string): Session {
    return new Session(openProjectFile(path), path);
  }

  get name(): string {
    return basename(this.path).replace(/\.accord$/i, '');
  }

  /** The caller of the running call. */
  get caller(): Caller {
    return currentCaller();
  }

  private state(): CallerState {
    const key = currentCaller().key;
    let st = this.callers.get(key);
    if (!st) this.callers.set(key, (st = { chosen: null, undoStack: [], redoStack: [] }));
    return st;
  }

  /**
   * Who is coding for the running caller: a signed-in member's own coder, or the coder a local caller
   * chose; null until chosen.
   */
  get coder(): Coder | null {
    const caller = currentCaller();
    if (caller.coderId !== null) {
      const row = cached(this.db, 'SELECT id, name, color, is_consensus FROM coders WHERE id = ?').get(caller.coderId) as CoderRow | undefined;
      return row ? toCoder(row) : null;
    }
    return this.state().chosen;
  }

  set coder(coder: Coder | null) {
    this.state().chosen = coder;
  }

  /** The running caller's batches to undo and to redo (newest last). */
  get undoStack(): UndoStep[] {
    return this.state().undoStack;
  }

  get redoStack(): UndoStep[] {
    return this.state().redoStack;
  }

  /** The name written to the audit log for changes made by the running caller. */
  get actor(): string {
    return this.coder?.name ?? currentCaller().name ?? 'unknown';
  }

  requireCoder(): Coder {
    const coder = this.coder;
    if (!coder) throw new AccordError('INVALID_INPUT', 'choose who is coding first');
    return coder;
  }

  /**
   * Run a change in one transaction and record it in the audit log. With `undoable`, the change
   * joins the running caller's undo stack and clears their redo stack.
   */
  change<T>(action: string, label: string, fn: (c: ChangeSet) => T, undoable = true): T {
    const { result, batch } = recordChanges(this.db, { actor: this.actor, action, label }, fn);
    if (undoable && batch !== null) {
      const st = this.state();
      st.undoStack.push({ batch, label });
      if (st.undoStack.length > 500) st.undoStack.shift();
      st.redoStack.length = 0;
    }
    return result;
  }

  close(): void {
    if (this.db.open) {
      this.db.pragma('wal_checkpoint(TRUNCATE)');
      this.db.close();
    }
  }
}
