// The error envelope moved to shared/errors.ts (algorithms need it without the contract); this
// re-export keeps older import paths working.
export * from '../errors';
