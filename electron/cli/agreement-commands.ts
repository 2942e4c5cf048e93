// `accord` sub-commands of the agreement namespace.
import type { Command } from './command';

export const agreementCommands: Record<string, Command> = {};
