// Contract namespace: what the host around the workbench can do for the page (native open/save
// dialogs). The desktop shell answers these channels itself; the engine, which every other host runs,
// answers that they are not available, so the page falls back to its own inputs.
import { z } from 'zod';
import { lazySchemas, once } from './lazy-schemas';
import type { Access } from './access';

/** One file-type filter of a dialog: `{ name: 'Accord projects', extensions: ['accord'] }`. */
const fileFilter = once(() => z.object({
  name: z.string().trim().min(1).max(100),
  extensions: z.array(z.string().regex(/^(\*|[A-Za-z0-9]{1,16})$/, 'an extension is letters and digits, without the dot')).min(1).max(50),
}));

/** Input schemas of this namespace, one per channel. */
export const hostMethods = lazySchemas({
  /** What this host offers: native dialogs (desktop) or not (browser, command line). */
  'host:capabilities': () => z.object({}).strict(),
  /** Ask the user for one or more existing files; null when they cancel. */
  'host:pickOpen': () => z.object({
    title: z.string().max(200).optional(),
    filters: z.array(fileFilter()).max(20).default([]),
    multiple: z.boolean().default(false),
  }),
  /** Ask the user where to save a file; null when they cancel. */
  'host:pickSave': () => z.object({
    title: z.string().max(200).optional(),
    defaultName: z.string().max(255).optional(),
    filters: z.array(fileFilter()).max(20).default([]),
  }),
});

/** Who may call each channel of this namespace (see ./access.ts): dialogs show nothing of a project. */
export const hostAccess = {
  'host:capabilities': 'open',
  'host:pickOpen': 'open',
  'host:pickSave': 'open',
} as const satisfies Record<keyof typeof hostMethods, Access>;

export interface HostCapabilities {
  /** Native open/save dialogs answer `host:pickOpen` and `host:pickSave`. */
  dialogs: boolean;
}

/** Output types of this namespace, one per channel. */
export interface HostOutputs {
  'host:capabilities': HostCapabilities;
  /** Absolute paths of the chosen files. */
  'host:pickOpen': string[] | null;
  /** The absolute path chosen. */
  'host:pickSave': string | null;
}

/** Channels the desktop shell answers itself instead of forwarding them to the engine. */
export const HOST_CHANNELS = Object.keys(hostMethods) as (keyof typeof hostMethods)[];

/**
 * Commands the desktop shell sends to the page (from its menus, a second launch or a file opened from
 * the system). `open-project` and `new-project` carry the path the user chose.
 */
export type HostCommand =
  | { command: 'open-project'; path: string }
  | { command: 'new-project'; path: string }
  | { command: 'close-project' | 'import-documents' | 'export' | 'find' | 'shortcuts' | 'undo' | 'redo' };
