// The schema of a file path in the contract's inputs, in a module of its own so every namespace can
// use it without importing contract.ts (which imports the namespaces).
import { z } from 'zod';

/**
 * A path to a file on the engine's machine. Every input field of this schema (alone, optional or in
 * an array) is confined by the engine where the host sets a root (browser and team mode): relative to
 * that folder, no `..`, no absolute paths, no symlinks out. Use it for every channel taking a path.
 */
export const filePath = z.string().min(1);
