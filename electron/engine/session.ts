// One open project: its database, the current coder, and this session's undo/redo stacks.
// Services receive a Session; nothing else holds a database handle.
import { basename } from 'node:path';
import { AccordError } from '../../shared/api/errors';
import type { Coder } from '../../shared/model/types';
import { createProjectFile, openProjectFile, type Db } from './db/connection';
import { recordChanges, type ChangeSet } from './db/changes';

export class Session {
  /** Who is coding; null until chosen. */
  coder: Coder | null = null;
  /** Batches this session can undo (newest last) and redo (newest last). */
  readonly undoStack: { batch: number; label: string }[] = [];
  readonly redoStack: { batch: number; label: string }[] = [];

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

  /** The name written to the audit log for changes made in this session. */
  get actor(): string {
    return this.coder?.name ?? 'unknown';
  }

  requireCoder(): Coder {
    if (!this.coder) throw new AccordError('INVALID_INPUT', 'choose who is coding first');
    return this.coder;
  }

  /**
   * Run a change in one transaction and record it in the audit log. With `undoable`, the change
   * joins the undo stack and clears the redo stack.
   */
  change<T>(action: string, label: string, fn: (c: ChangeSet) => T, undoable = true): T {
    const { result, batch } = recordChanges(this.db, { actor: this.actor, action, label }, fn);
    if (undoable && batch !== null) {
      this.undoStack.push({ batch, label });
      if (this.undoStack.length > 500) this.undoStack.shift();
      this.redoStack.length = 0;
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
