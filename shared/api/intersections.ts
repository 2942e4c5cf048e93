// Contract namespace: co-occurrence matrices, code × attribute tables, saturation and code queries.
// Merged into the whole contract by shared/api/contract.ts.

/** Input schemas of this namespace, one per channel. */
export const intersectionsMethods = {} as const;

/** Output types of this namespace, one per channel. */
export type IntersectionsOutputs = Record<never, never>;
