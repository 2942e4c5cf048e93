// The engine's implementation of the intersections namespace of the contract (shared/api/intersections.ts).
import type { IntersectionsOutputs } from '../../../shared/api/intersections';
import type { HandlersFor, SessionRef } from './types';

export function intersectionsHandlers(_session: SessionRef): HandlersFor<IntersectionsOutputs> {
  return {};
}
