// Contract namespace: themes, the paper's tables, COREQ answers and the methods appendix.
// Merged into the whole contract by shared/api/contract.ts.

/** Input schemas of this namespace, one per channel. */
export const reportsMethods = {} as const;

/** Output types of this namespace, one per channel. */
export type ReportsOutputs = Record<never, never>;
