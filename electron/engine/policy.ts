// The one enforcement point of the contract's access policies (shared/api/access.ts): `Engine.call`
// runs `enforce` for every method of every host before its handler. What a `read` method may show is
// filtered by its handler (blind.ts); everything else is decided here, from the method's declared Access.
import { ACCESS, type Method } from '../../shared/api/contract';
import type { Caller } from '../../shared/api/access';
import { AccordError } from '../../shared/errors';
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
 * `unblinded` methods whose `documentIds` narrows every coding they read to those documents: a blind
 * caller may run them on documents the lead has revealed.
 */
const NARROWED_BY_DOCUMENTS: ReadonlySet<Method> = new Set<Method>([
  'agreement:report',
  'agreement:beforeAfter',
  'agreement:segments',
  'agreement:domains',
  'intersections:matrix',
  'intersections:evidence',
  'intersections:attributes',
  'intersections:saturation',
  'queries:run',
]);

/** True when `input` selects documents explicitly and every one of them is revealed. */
function selectsOnlyRevealed(s: Session, input: unknown): boolean {
  const ids = input !== null && typeof input === 'object' ? (input as { documentIds?: unknown }).documentIds : undefined;
  if (!Array.isArray(ids) || ids.length === 0 || !ids.every((id) => Number.isSafeInteger(id))) return false;
  const revealed = s.db.prepare('SELECT 1 FROM revealed_documents WHERE document_id = ?');
  return ids.every((id) => revealed.get(id) !== undefined);
}

/**
 * Refuse the call when `caller` may not run `method` with `input` (as sent, before validation) on the
 * open project (`s`, null when none is open: then only the handler can say so). Runs inside the
 * call's caller context.
 */
export function enforce(method: Method, s: Session | null, caller: Caller, input?: unknown): void {
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
      // Refused while the caller is blind on any selected document (no selection: every document).
      if (NARROWED_BY_DOCUMENTS.has(method) && selectsOnlyRevealed(s, input)) return;
      requireUnblinded(s, method);
      return;
  }
}
