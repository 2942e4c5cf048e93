// Input schemas built on first use. A zod schema costs its construction when its module loads, and
// the contract has more than a hundred of them: a command that calls two methods (`accord info`)
// would build them all at every start. Each namespace declares its channels' schemas as thunks; the
// object keeps the channel names as ordinary keys (listing them builds nothing) and builds a
// channel's schema the first time it is read, once.
import type { z } from 'zod';

export type Schemas<T extends Record<string, () => z.ZodType>> = { readonly [K in keyof T]: ReturnType<T[K]> };

/** An object of schemas from an object of thunks: each built when first read, then kept. */
export function lazySchemas<T extends Record<string, () => z.ZodType>>(thunks: T): Schemas<T> {
  const out = {};
  for (const key of Object.keys(thunks)) {
    let built: z.ZodType | undefined;
    Object.defineProperty(out, key, {
      enumerable: true,
      get: () => (built ??= thunks[key]()),
    });
  }
  return out as Schemas<T>;
}

/** Several namespaces' schemas as one object, still built on first read (a spread would build them all). */
export function joinSchemas<T extends object[]>(...parts: T): UnionToIntersection<T[number]> {
  const out = {};
  for (const part of parts) Object.defineProperties(out, Object.getOwnPropertyDescriptors(part));
  return out as UnionToIntersection<T[number]>;
}

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;

/** A value (a schema shared by several channels) made on first use, then kept. */
export function once<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  return () => (made ??= { value: make() }).value;
}
