// `accord` sub-commands of the exchange namespace.
import type { Command } from './command';

export const exchangeCommands: Record<string, Command> = {};
