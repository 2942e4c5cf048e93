// The shape of a namespace's handlers: one function per channel, receiving the validated input.
import type { Method, Output, Outputs, ParsedInput } from '../../../shared/api/contract';
import type { Session } from '../session';

export type HandlersFor<O> = {
  [M in keyof O & keyof Outputs & Method]: (input: ParsedInput<M>) => Output<M> | Promise<Output<M>>;
};

/** The open project, or an AccordError('NO_PROJECT'). */
export type SessionRef = () => Session;
