// What every `accord` sub-command receives: the engine, output functions and a project opener.
import type { Engine } from '../engine/engine';

/** What commands may use of the engine: the contract, like every other host (never its session). */
export type ContractClient = Pick<Engine, 'call'>;

export interface CommandContext {
  engine: ContractClient;
  out(s: string): void;
  json(v: unknown): void;
  open(path: string): Promise<void>;
}

export type Command = (args: string[], ctx: CommandContext) => Promise<void>;
