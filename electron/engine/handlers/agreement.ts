// The engine's implementation of the agreement namespace of the contract (shared/api/agreement.ts).
import type { AgreementOutputs } from '../../../shared/api/agreement';
import type { HandlersFor, SessionRef } from './types';

export function agreementHandlers(_session: SessionRef): HandlersFor<AgreementOutputs> {
  return {};
}
