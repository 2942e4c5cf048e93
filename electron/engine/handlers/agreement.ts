// The engine's implementation of the agreement namespace of the contract (shared/api/agreement.ts).
import type { AgreementOutputs } from '../../../shared/api/agreement';
import { agreementReport, beforeAfterReport } from '../services/agreement';
import { domainsReport } from '../services/agreement-domains';
import { agreementSettings, assignDocuments, revealDocuments, setBlind, setLead } from '../services/blind';
import { exportCodingsCsv, importCodingsCsv } from '../services/codings-csv';
import { acceptAgreed, consensusRegions, listDecisions, settleRegion } from '../services/consensus';
import { listDisagreements } from '../services/disagreements';
import { segmentComparisonReport } from '../services/segment-comparison';
import type { HandlersFor, SessionRef } from './types';

export function agreementHandlers(s: SessionRef): HandlersFor<AgreementOutputs> {
  return {
    'agreement:report': (i) => agreementReport(s(), i),
    'agreement:beforeAfter': (i) => beforeAfterReport(s(), i),
    'agreement:segments': (i) => segmentComparisonReport(s(), i),
    'agreement:domains': (i) => domainsReport(s(), i),
    'agreement:settings': () => agreementSettings(s()),
    'agreement:setLead': ({ coderId }) => setLead(s(), coderId),
    'agreement:setBlind': ({ blind }) => setBlind(s(), blind),
    'agreement:assign': ({ documentIds, coderIds, assigned }) => assignDocuments(s(), documentIds, coderIds, assigned),
    'agreement:reveal': ({ documentIds, revealed }) => revealDocuments(s(), documentIds, revealed),
    'consensus:regions': ({ documentId, codeId, coderIds }) => consensusRegions(s(), documentId, codeId, coderIds),
    'consensus:disagreements': (f) => listDisagreements(s(), f),
    'consensus:settle': (i) => settleRegion(s(), i),
    'consensus:acceptAgreed': ({ documentId, codeId, coderIds }) => acceptAgreed(s(), documentId, codeId, coderIds),
    'consensus:decisions': (f) => listDecisions(s(), f),
    'codings:importCsv': ({ fileName, text }) => importCodingsCsv(s(), fileName, text),
    'codings:exportCsv': () => exportCodingsCsv(s()),
  };
}
