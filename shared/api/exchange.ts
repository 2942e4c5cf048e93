// Contract namespace: REFI-QDA import/export and merging projects.
// Merged into the whole contract by shared/api/contract.ts.

/** Input schemas of this namespace, one per channel. */
export const exchangeMethods = {} as const;

/** Output types of this namespace, one per channel. */
export type ExchangeOutputs = Record<never, never>;
