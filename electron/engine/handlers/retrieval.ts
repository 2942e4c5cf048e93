// The engine's implementation of the retrieval namespace of the contract (shared/api/retrieval.ts).
import type { RetrievalOutputs } from '../../../shared/api/retrieval';
import { exportRetrieval, retrieve } from '../services/retrieval';
import type { HandlersFor, SessionRef } from './types';

export function retrievalHandlers(s: SessionRef): HandlersFor<RetrievalOutputs> {
  return {
    'retrieval:run': (q) => retrieve(s(), q),
    'retrieval:export': ({ format, ...q }) => exportRetrieval(s(), q, format),
  };
}
