// `accord` sub-commands of the reports namespace.
import type { Command } from './command';

export const reportsCommands: Record<string, Command> = {};
