// `accord` sub-commands of the intersections namespace.
import type { Command } from './command';

export const intersectionsCommands: Record<string, Command> = {};
