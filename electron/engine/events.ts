// Change events of one open project. The recorder calls `notifyCommitted` after each commit (see
// db/changes.ts); a slow poll of the batch table adds commits made by other processes on the same
// file (a CLI, a second server). Each batch is read back from the audit log once, as one event, and
// handed to every subscriber after the subscriber's own filter (a blind coder's view).
import type { Caller } from '../../shared/api/access';
import { EVENT_ID_LIMIT, type ChangeEvent } from '../../shared/api/events';
import { cached } from './db/changes';
import type { Db } from './db/connection';

export type ChangeListener = (event: ChangeEvent) => void;

/** How often a followed project looks for batches committed by other processes. */
const POLL_MS = 250;

const feeds = new WeakMap<Db, ChangeFeed>();

/** Called by the recorder once a change batch has been committed on `db`. */
export function notifyCommitted(db: Db): void {
  // Inside an outer transaction the batch is not committed yet; the poll picks it up once it is.
  if (!db.inTransaction) feeds.get(db)?.sync();
}

interface AuditItem {
  entity: string;
  entity_id: number;
  coder_id: number | null;
  document_id: number | null;
}

/** Publishes the batches committed on one database connection. */
export class ChangeFeed {
  private last: number;
  private readonly listeners = new Set<ChangeListener>();
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor(private readonly db: Db) {
    this.last = this.latest();
    feeds.set(db, this);
  }

  private latest(): number {
    return (cached(this.db, 'SELECT coalesce(max(id), 0) AS n FROM change_batches').get() as { n: number }).n;
  }

  subscribe(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    if (!this.timer) {
      this.timer = setInterval(() => this.sync(), POLL_MS);
      this.timer.unref?.();
    }
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.stop();
    };
  }

  /** Publish every batch committed since the last call. */
  sync(): void {
    if (!this.db.open) return this.stop();
    if (this.listeners.size === 0) {
      this.last = this.latest();
      return;
    }
    const batches = cached(this.db, 'SELECT id, at, actor, action FROM change_batches WHERE id > ? ORDER BY id')
      .all(this.last) as { id: number; at: string; actor: string; action: string }[];
    for (const b of batches) {
      this.last = b.id;
      const event = this.read(b);
      for (const l of this.listeners) {
        try {
          l(event);
        } catch {
          // One receiver's failure (a closed stream) must not stop the others.
        }
      }
    }
  }

  private read(b: { id: number; at: string; actor: string; action: string }): ChangeEvent {
    const items = cached(
        this.db,
        `SELECT entity, entity_id,
           CASE WHEN entity = 'codings' THEN json_extract(coalesce(after, before), '$.coder_id') END AS coder_id,
           CASE WHEN entity = 'codings' THEN json_extract(coalesce(after, before), '$.document_id') END AS document_id
         FROM audit_log WHERE batch_id = ? ORDER BY id`,
      ).all(b.id) as AuditItem[];
    const tables: Record<string, number[] | null> = {};
    const pairs = new Map<string, { documentId: number; coderId: number }>();
    for (const it of items) {
      const ids = Object.prototype.hasOwnProperty.call(tables, it.entity) ? tables[it.entity] : (tables[it.entity] = []);
      if (ids && !ids.includes(it.entity_id)) {
        if (ids.length >= EVENT_ID_LIMIT) tables[it.entity] = null;
        else ids.push(it.entity_id);
      }
      if (it.coder_id !== null && it.document_id !== null) pairs.set(`${it.document_id}:${it.coder_id}`, { documentId: it.document_id, coderId: it.coder_id });
    }
    return { batch: b.id, at: b.at, actor: b.actor, action: b.action, tables, codings: [...pairs.values()] };
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  close(): void {
    this.stop();
    this.listeners.clear();
    feeds.delete(this.db);
  }
}

/** Tables whose rows belong to one coder (or the lead) and stay hidden from a blind coder. */
const PRIVATE_TABLES = ['memos', 'consensus_decisions', 'theme_quotes'];

/**
 * The event as `caller` may see it, or null when nothing of it is theirs to see. A coder who is
 * blind (blind mode on, not a lead) sees coding changes only for their own codings and revealed
 * documents, and no other member's memos, consensus decisions or quotes; the rest passes unchanged.
 */
export function eventFor(db: Db, event: ChangeEvent, caller: Caller | undefined): ChangeEvent | null {
  if (!caller || caller.role === 'lead') return event;
  const settings = cached(db, 'SELECT lead_coder_id, blind FROM agreement_settings WHERE id = 1').get() as
    | { lead_coder_id: number | null; blind: number }
    | undefined;
  if (!settings || settings.blind !== 1 || (caller.coderId !== null && settings.lead_coder_id === caller.coderId)) return event;
  const own = caller.name !== null && event.actor === caller.name;
  const revealed = cached(db, 'SELECT 1 FROM revealed_documents WHERE document_id = ?');
  const codings = event.codings.filter((p) => p.coderId === caller.coderId || revealed.get(p.documentId) !== undefined);
  const tables: Record<string, number[] | null> = {};
  for (const [table, ids] of Object.entries(event.tables)) {
    if (table === 'codings') {
      // Ids would tell how many codings others made; the pairs say what to reload.
      if (codings.length > 0) tables.codings = codings.length === event.codings.length ? ids : null;
    } else if (!PRIVATE_TABLES.includes(table) || own) tables[table] = ids;
  }
  if (Object.keys(tables).length === 0) return null;
  return { ...event, tables, codings };
}

/**
 * The engine's subscribers, kept across project switches: each follows whatever project is open,
 * receiving its events filtered for the subscriber's caller.
 */
export class ProjectEvents {
  private feed: ChangeFeed | null = null;
  private db: Db | null = null;
  private unfollow: (() => void) | null = null;
  private readonly subscribers = new Set<{ listener: ChangeListener; caller: Caller | undefined }>();

  attach(db: Db): void {
    this.detach();
    this.db = db;
    this.feed = new ChangeFeed(db);
    this.follow();
  }

  detach(): void {
    this.unfollow?.();
    this.unfollow = null;
    this.feed?.close();
    this.feed = null;
    this.db = null;
  }

  subscribe(listener: ChangeListener, caller?: Caller): () => void {
    const sub = { listener, caller };
    this.subscribers.add(sub);
    this.follow();
    return () => {
      this.subscribers.delete(sub);
      if (this.subscribers.size === 0) {
        this.unfollow?.();
        this.unfollow = null;
      }
    };
  }

  private follow(): void {
    if (this.unfollow || !this.feed || !this.db || this.subscribers.size === 0) return;
    const db = this.db;
    this.unfollow = this.feed.subscribe((event) => {
      for (const s of this.subscribers) {
        const seen = eventFor(db, event, s.caller);
        if (seen) s.listener(seen);
      }
    });
  }
}
