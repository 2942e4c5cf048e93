// Contract namespace: coders' assignments, blind coding, agreement measures and the consensus layer.
// Merged into the whole contract by shared/api/contract.ts.

/** Input schemas of this namespace, one per channel. */
export const agreementMethods = {} as const;

/** Output types of this namespace, one per channel. */
export type AgreementOutputs = Record<never, never>;
