// The engine's implementation of the reports namespace of the contract (shared/api/reports.ts):
// themes and quotes, COREQ answers, the paper's tables and the methods appendix.
import type { ReportsOutputs } from '../../../shared/api/reports';
import { categoryAttributes, listCoreq, saveCoreq } from '../services/coreq';
import { methodsAppendix } from '../services/methods';
import { buildReportTable, exportReport } from '../services/report-tables';
import {
  addQuote,
  createTheme,
  deleteTheme,
  linkCode,
  listThemes,
  moveQuote,
  moveTheme,
  quoteCandidates,
  removeQuote,
  unlinkCode,
  updateQuote,
  themeLayer,
  updateTheme,
} from '../services/themes';
import type { HandlersFor, SessionRef } from './types';

export function reportsHandlers(s: SessionRef): HandlersFor<ReportsOutputs> {
  return {
    'themes:list': ({ layer }) => listThemes(s(), themeLayer(s(), layer)),
    'themes:create': (i) => createTheme(s(), i),
    'themes:update': (i) => updateTheme(s(), i),
    'themes:move': ({ id, index }) => moveTheme(s(), id, index),
    'themes:delete': ({ id }) => deleteTheme(s(), id),
    'themes:linkCode': ({ themeId, codeId }) => linkCode(s(), themeId, codeId),
    'themes:unlinkCode': ({ themeId, codeId }) => unlinkCode(s(), themeId, codeId),
    'themes:candidates': ({ themeId, coderId }) => quoteCandidates(s(), themeId, coderId),
    'themes:addQuote': ({ themeId, codingId, leadIn }) => addQuote(s(), themeId, codingId, leadIn),
    'themes:updateQuote': (i) => updateQuote(s(), i),
    'themes:moveQuote': ({ id, index }) => moveQuote(s(), id, index),
    'themes:removeQuote': ({ id }) => {
      removeQuote(s(), id);
      return null;
    },
    'coreq:list': () => listCoreq(s()),
    'coreq:save': (i) => saveCoreq(s(), i),
    'reports:attributes': () => categoryAttributes(s()).map((a) => ({ name: a.name, type: 'category', participants: a.participants })),
    'reports:table': ({ table, attributes }) => buildReportTable(s(), table, attributes),
    'reports:methods': () => methodsAppendix(s()),
    'reports:export': ({ table, format, attributes }) => exportReport(s(), table, format, attributes),
  };
}
