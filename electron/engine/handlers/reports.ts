// The engine's implementation of the reports namespace of the contract (shared/api/reports.ts).
import type { ReportsOutputs } from '../../../shared/api/reports';
import type { HandlersFor, SessionRef } from './types';

export function reportsHandlers(_session: SessionRef): HandlersFor<ReportsOutputs> {
  return {};
}
