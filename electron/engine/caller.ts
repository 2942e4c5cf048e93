// The caller of the engine call being run. `Engine.call` runs each handler inside `withCaller`, so the
// session can resolve per-caller state (current coder, undo/redo, role) without every service taking
// a caller argument; code run outside a call (tests calling services) acts as the default local caller.
import { AsyncLocalStorage } from 'node:async_hooks';
import { localCaller, type Caller } from '../../shared/api/access';

const DEFAULT_CALLER: Caller = Object.freeze(localCaller());
const store = new AsyncLocalStorage<Caller>();

/** Run `fn` (and everything it awaits) as `caller`. */
export function withCaller<T>(caller: Caller, fn: () => T): T {
  return store.run(caller, fn);
}

/** The caller of the running call; the default local caller outside any call. */
export function currentCaller(): Caller {
  return store.getStore() ?? DEFAULT_CALLER;
}
