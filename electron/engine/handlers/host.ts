// The engine's side of the host namespace (shared/api/host.ts): wherever the engine answers these
// channels itself (browser mode, the command line, tests) there are no native dialogs. The desktop
// shell answers them before they reach the engine.
import { AccordError } from '../../../shared/api/errors';
import type { HostOutputs } from '../../../shared/api/host';
import type { HandlersFor } from './types';

function unavailable(): never {
  throw new AccordError('NOT_FOUND', 'file dialogs are not available here: type the path instead');
}

export function hostHandlers(): HandlersFor<HostOutputs> {
  return {
    'host:capabilities': () => ({ dialogs: false }),
    'host:pickOpen': () => unavailable(),
    'host:pickSave': () => unavailable(),
  };
}
