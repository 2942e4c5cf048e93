// The one enforcement point of the contract's access policies (shared/api/access.ts): `Engine.call`
// runs `enforce` for every method of every host before its handler. What a `read` method may show is
// filtered by its handler (blind.ts); everything else is decided here, from the method's declared Access.
import { ACCESS, type Method } from '../../shared/api/contract';
import type { Caller } from '../../shared/api/access';
import { AccordError } from '../../shared/api/errors';
import { callerRole, leadOnly, requireUnblinded } from './services/blind';
import type { Session } from './session';

/** How a lead-only method is named in its refusal ("only the lead (Ana) can …"). */
const LEAD_ACTIONS: Partial<Record<Method, string>> = {
  'agreement:setLead': 'hand over the lead',
  'agreement:setBlind': 'change blind mode',
  'agreement:assign': 'assign documents',
  'agreement:reveal': 'reveal codings',
  'consensus:settle': 'settle consensus',
  'consensus:acceptAgreed': 'accept agreed codings into the consensus',
  'codings:importCsv': 'import codings',
  'exchange:import': 'import REFI-QDA projects',
  'exchange:merge': "merge coders' copies",
};

/**
 * Refuse the call when `caller` may not run `method` on the open project (`s`, null when none is
 * open: then only the handler can say so). Runs inside the call's caller context.
 */
export function enforce(method: Method, s: Session | null, caller: Caller): void {
  const access = ACCESS[method];
  if (access === 'open') return;
  if (access === 'host') {
    if (!caller.local) throw new AccordError('FORBIDDEN', `${method}: the project is chosen by whoever runs the server; members work in the project it serves`);
    return;
  }
  if (!s) return;
  const role = callerRole(s);
  switch (access) {
    case 'read':
      return;
    case 'own':
    case 'write':
      if (role === 'viewer') throw new AccordError('FORBIDDEN', `${method}: a viewer can read this project but not change it`);
      return;
    case 'lead':
      if (role !== 'lead') throw leadOnly(s, LEAD_ACTIONS[method] ?? `use ${method}`);
      return;
    case 'unblinded':
      requireUnblinded(s, method);
      return;
  }
}
