// The engine's implementation of the intersections namespace of the contract (shared/api/intersections.ts):
// co-occurrence matrix and evidence, code × attribute, saturation, table export and code queries.
import type { IntersectionsOutputs } from '../../../shared/api/intersections';
import { codeAttributeMatrix } from '../services/intersections/attributes';
import { cellEvidence, cooccurrenceMatrix } from '../services/intersections/cooccurrence';
import { codeQueryResults, deleteSavedQuery, listSavedQueries, rerunQuery, runQuery, saveQuery } from '../services/intersections/queries';
import { saturationCurve } from '../services/intersections/saturation';
import { definitions, exportTable } from '../services/intersections/tables';
import type { HandlersFor, SessionRef } from './types';

export function intersectionsHandlers(s: SessionRef): HandlersFor<IntersectionsOutputs> {
  return {
    'intersections:matrix': (i) => cooccurrenceMatrix(s(), i),
    'intersections:evidence': (i) => cellEvidence(s(), i),
    'intersections:attributes': (i) => codeAttributeMatrix(s(), i),
    'intersections:saturation': (i) => saturationCurve(s(), i),
    'intersections:definitions': () => definitions(),
    'intersections:exportTable': (i) => exportTable(i),
    'queries:run': (i) => runQuery(s(), i),
    'queries:list': () => listSavedQueries(s()),
    'queries:save': (i) => saveQuery(s(), i),
    'queries:delete': ({ id }) => {
      deleteSavedQuery(s(), id);
      return null;
    },
    'queries:rerun': ({ id, context }) => rerunQuery(s(), id, context),
    'queries:codeResults': (i) => codeQueryResults(s(), i),
  };
}
