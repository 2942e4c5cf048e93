// Contract namespace: participants, attributes, groups, search, autocode and the demo study (issue: bring in a whole study).
// Merged into the whole contract by shared/api/contract.ts.

/** Input schemas of this namespace, one per channel. */
export const studyMethods = {} as const;

/** Output types of this namespace, one per channel. */
export type StudyOutputs = Record<never, never>;
