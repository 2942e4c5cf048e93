// `accord` sub-commands of the study namespace.
import type { Command } from './command';

export const studyCommands: Record<string, Command> = {};
