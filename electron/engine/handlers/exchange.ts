// The engine's implementation of the exchange namespace of the contract (shared/api/exchange.ts).
import type { ExchangeOutputs } from '../../../shared/api/exchange';
import type { HandlersFor, SessionRef } from './types';

export function exchangeHandlers(_session: SessionRef): HandlersFor<ExchangeOutputs> {
  return {};
}
