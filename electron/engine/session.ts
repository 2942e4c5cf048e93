// One open project: its database, and per caller the current coder and undo/redo stacks.
// Services receive a Session; nothing else holds a database handle. The per-caller accessors resolve
// the caller of the running engine call (see caller.ts), so one open project serves several callers.
import { basename } from 'node:path';
import type { Caller } from '../../shared/api/access';
import { AccordError } from '../../shared/errors';
import type { Coder } from '../../shared/model/types';
import { currentCaller } from './caller';
import { cached, recordChanges, type ChangeSet } from './db/changes';
import { createProjectFile, openProjectFile, type Db } from './db/connection';
import { toCoder, type CoderRow } from './services/rows';

export interface UndoStep {
  batch: number;
  label: string;
}

/** A caller's undo and redo stacks (newest last). */
interface Stacks {
  readonly undoStack: UndoStep[];
  readonly redoStack: UndoStep[];
}

export class Session {
  /** The coder each local caller (`Caller.key`) chose with coders:select. */
  private readonly chosen = new Map<string, Coder | null>();
  /**
   * Undo/redo per caller and coder: a local user who switches from Ana to Ben gets Ben's stacks,
   * so Ben neither sees the labels of Ana's actions nor undoes them.
   */
  private readonly stacks = new Map<string, Stacks>();

  private constructor(
    readonly db: Db,
    readonly path: string,
  ) {}

  static create(path: string): Session {
    return new Session(createProjectFile(path), path);
  }

  static open(path: string, options: { readOnly?: boolean } = {}): Session {
    return new Session(openProjectFile(path, options), path);
  }

  /** Opened for reading only (project:open's `readOnly`): every write fails. */
  get readOnly(): boolean {
    return this.db.pragma('query_only', { simple: true }) === 1;
  }

  get name(): string {
    return basename(this.path).replace(/\.accord$/i, '');
  }

  /** The caller of the running call. */
  get caller(): Caller {
    return currentCaller();
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
    return this.chosen.get(caller.key) ?? null;
  }

  set coder(coder: Coder | null) {
    this.chosen.set(currentCaller().key, coder);
  }

  private currentStacks(): Stacks {
    const key = `${currentCaller().key}\u0000${this.coder?.id ?? ''}`;
    let st = this.stacks.get(key);
    if (!st) this.stacks.set(key, (st = { undoStack: [], redoStack: [] }));
    return st;
  }

  /** The running caller's batches to undo and to redo (newest last). */
  get undoStack(): UndoStep[] {
    return this.currentStacks().undoStack;
  }

  get redoStack(): UndoStep[] {
    return this.currentStacks().redoStack;
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
      const st = this.currentStacks();
      st.undoStack.push({ batch, label });
      if (st.undoStack.length > 500) st.undoStack.shift();
      st.redoStack.length = 0;
    }
    return result;
  }

  close(): void {
    if (this.db.open) {
      // A connection opened for reading only has nothing of its own to checkpoint.
      if (!this.readOnly) this.db.pragma('wal_checkpoint(TRUNCATE)');
      this.db.close();
    }
  }
}
