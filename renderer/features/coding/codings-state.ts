// The codings the document view holds, kept up to date from its own calls' answers instead of
// re-fetching the document's thousands of codings after each one: a coding applied here is drawn at
// once as a provisional coding (negative id) and replaced by the engine's answer; the change events
// those calls cause are recognised and skipped, while anyone else's change still reloads the list.
import type { ChangeEvent } from '../../../shared/api/events';
import type { Coding, CodingId } from '../../../shared/model/types';

/** `list` with `add` in it: a coding with the same id is replaced in place, a new one appended. */
export function withCodings(list: readonly Coding[], add: readonly Coding[]): Coding[] {
  if (add.length === 0) return list as Coding[];
  const byId = new Map(add.map((c) => [c.id as number, c]));
  const out = list.map((c) => {
    const next = byId.get(c.id);
    if (!next) return c;
    byId.delete(c.id);
    return next;
  });
  return byId.size === 0 ? out : [...out, ...byId.values()];
}

/** `list` without the codings whose ids are in `ids`. */
export function withoutCodings(list: readonly Coding[], ids: ReadonlySet<number>): Coding[] {
  return ids.size === 0 ? (list as Coding[]) : list.filter((c) => !ids.has(c.id));
}

let provisionalSeq = 0;

/** True for a coding drawn before the engine answered (it has no id of its own yet). */
export function isProvisional(c: Coding): boolean {
  return c.id < 0;
}

/**
 * The codings applying `codeIds` to a range will make, drawn before the engine answers; codes the
 * coder already applied to exactly this range are left out (the engine makes nothing for them).
 */
export function provisionalCodings(list: readonly Coding[], input: Omit<Coding, 'id' | 'codeId' | 'createdAt'> & { codeIds: readonly number[] }): Coding[] {
  const { codeIds, ...rest } = input;
  const exists = (codeId: number) => list.some((c) => c.codeId === codeId && c.coderId === rest.coderId && c.start === rest.start && c.end === rest.end);
  return [...new Set(codeIds)].filter((id) => !exists(id)).map((codeId) => ({ ...rest, id: -++provisionalSeq as CodingId, codeId: codeId as Coding['codeId'], createdAt: '' }));
}

/** Actions whose events list exactly the codings one call changed. */
const OWN_ACTIONS = new Set(['coding.apply', 'coding.recode', 'coding.remove']);
/** Ids remembered at most: events that never arrive (a host without events) must not grow it forever. */
const REMEMBERED = 2000;

/**
 * Tells the change events of the view's own calls (already applied from their answers) from the rest.
 * An event may arrive before its call's answer: while calls are pending, events that could be theirs
 * wait, and are decided when the calls have answered.
 */
export class OwnChanges {
  private pending = 0;
  /** How many calls have answered: a list fetched before one answered may lack its change. */
  settled = 0;
  private readonly ids = new Set<number>();
  private waiting: ChangeEvent[] = [];

  constructor(private readonly documentId: number) {}

  /** A call of this view starts. */
  begin(): void {
    this.pending++;
  }

  /**
   * The call answered (having changed the codings `ids`, already applied here) or failed (no ids).
   * True when an event that waited for it turned out not to be its own: the list needs a reload.
   */
  end(ids: readonly number[] = []): boolean {
    this.pending = Math.max(0, this.pending - 1);
    this.settled++;
    for (const id of ids) this.ids.add(id);
    while (this.ids.size > REMEMBERED) this.ids.delete(this.ids.values().next().value as number);
    if (this.pending > 0) return false;
    const waiting = this.waiting;
    this.waiting = [];
    let reload = false;
    for (const e of waiting) if (!this.consume(e)) reload = true;
    return reload;
  }

  /** True when `event` changed this document's codings in a way the view has not applied yet. */
  needsReload(event: ChangeEvent): boolean {
    if (!event.codings.some((p) => p.documentId === this.documentId)) return false;
    if (this.consume(event)) return false;
    if (this.pending > 0 && this.couldBeOwn(event)) {
      this.waiting.push(event);
      return false;
    }
    return true;
  }

  private couldBeOwn(event: ChangeEvent): boolean {
    return OWN_ACTIONS.has(event.action) && Array.isArray(event.tables.codings) && event.tables.codings.length > 0;
  }

  /** The event is one of this view's calls (every coding it lists came from their answers): forget them. */
  private consume(event: ChangeEvent): boolean {
    if (!this.couldBeOwn(event)) return false;
    const ids = event.tables.codings!;
    if (!ids.every((id) => this.ids.has(id))) return false;
    for (const id of ids) this.ids.delete(id);
    return true;
  }
}
