// The engine's implementation of the study namespace of the contract (shared/api/study.ts):
// participants and attributes, survey import, groups, search and autocode, and the demo study.
import { existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { StudyOutputs } from '../../../shared/api/study';
import type { ProjectInfo } from '../../../shared/model/types';
import {
  assignParticipant,
  characteristics,
  createParticipant,
  exportParticipantsCsv,
  importParticipants,
  listAttributes,
  setParticipantValue,
  updateAttribute,
} from '../services/attributes';
import { buildDemo } from '../services/demo';
import { createGroup, deleteGroup, listGroups, renameGroup, setGroupMembers } from '../services/groups';
import { autocode, runSearch } from '../services/search';
import { importSurvey } from '../services/survey';
import type { HandlersFor, SessionRef } from './types';

/** What the demo channel needs from the engine: opening a project file, and where state lives. */
export interface ProjectOpener {
  open(path: string): ProjectInfo;
  stateDir: string | null;
}

/** Where the demo is built when no path is given. */
export function defaultDemoPath(stateDir: string | null): string {
  return join(stateDir ?? join(tmpdir(), 'accord'), 'demo', 'Accord demo study.accord');
}

export function studyHandlers(session: SessionRef, engine?: ProjectOpener): HandlersFor<StudyOutputs> {
  const s = session;
  return {
    'participants:attributes': () => listAttributes(s()),
    'participants:import': ({ fileName, text, idColumn }) => importParticipants(s(), fileName, text, idColumn),
    'participants:create': ({ pid }) => createParticipant(s(), pid),
    'participants:setValue': ({ participantId, attribute, value }) => setParticipantValue(s(), participantId, attribute, value),
    'participants:updateAttribute': ({ id, name, type }) => updateAttribute(s(), id, { name, type }),
    'participants:assign': ({ documentId, participant }) => assignParticipant(s(), documentId, participant),
    'participants:exportCsv': () => exportParticipantsCsv(s()),
    'participants:characteristics': ({ attributes, percent }) => characteristics(s(), attributes, percent),
    'survey:import': ({ fileName, text, ...o }) => importSurvey(s(), fileName, text, o),
    'groups:list': () => listGroups(s()),
    'groups:create': ({ name }) => createGroup(s(), name),
    'groups:rename': ({ id, name }) => renameGroup(s(), id, name),
    'groups:delete': ({ id }) => {
      deleteGroup(s(), id);
      return null;
    },
    'groups:setMembers': ({ groupId, documentIds, member }) => setGroupMembers(s(), groupId, documentIds, member),
    'search:run': ({ query, limit, groupId }) => runSearch(s(), query, limit, groupId),
    'search:autocode': ({ query, codeId, unit, groupId }) => autocode(s(), query, codeId, unit, groupId),
    'project:openDemo': async ({ path }) => {
      if (!engine) throw new Error('project:openDemo needs the engine');
      const target = path ?? defaultDemoPath(engine.stateDir);
      if (!existsSync(target)) {
        mkdirSync(dirname(target), { recursive: true });
        await buildDemo(target);
      }
      return engine.open(target);
    },
  };
}
