// The engine's implementation of the study namespace of the contract (shared/api/study.ts).
import type { StudyOutputs } from '../../../shared/api/study';
import type { HandlersFor, SessionRef } from './types';

export function studyHandlers(_session: SessionRef): HandlersFor<StudyOutputs> {
  return {};
}
