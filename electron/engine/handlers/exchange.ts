// The engine's implementation of the exchange namespace of the contract (shared/api/exchange.ts).
import type { ExchangeOutputs } from '../../../shared/api/exchange';
import type { ProjectInfo } from '../../../shared/model/types';
import { recoverProject } from '../db/recover';
import { exportRefi, importRefi } from '../services/exchange';
import { mergeProjects } from '../services/merge';
import { getRecording, linkRecording, listRecordings, syncRecording, unlinkRecording } from '../services/recordings';
import type { HandlersFor, SessionRef } from './types';

export function exchangeHandlers(session: SessionRef, host: { open: (path: string) => ProjectInfo }): HandlersFor<ExchangeOutputs> {
  return {
    'exchange:import': ({ fileName, dataBase64 }) => importRefi(session(), fileName, new Uint8Array(Buffer.from(dataBase64, 'base64'))),
    'exchange:export': ({ format, offsets }) => exportRefi(session(), format, offsets),
    'exchange:merge': ({ sources, backup }) => mergeProjects(session(), sources, { backup }),
    'project:recover': ({ path, to }) => {
      const recovery = recoverProject(path, to);
      return { project: host.open(to), recovery };
    },
    'recordings:get': ({ documentId }) => getRecording(session(), documentId),
    'recordings:list': () => listRecordings(session()),
    'recordings:link': (input) => linkRecording(session(), input),
    'recordings:sync': ({ documentId, startsAtMs }) => syncRecording(session(), documentId, startsAtMs),
    'recordings:unlink': ({ documentId }) => {
      unlinkRecording(session(), documentId);
      return null;
    },
  };
}
