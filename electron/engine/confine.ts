// Confinement of file paths in the contract's inputs. Where the host sets a root (browser and team
// mode), the page may create or open files only inside that folder: paths are relative to it, never
// absolute, never through `..`, and never through a symlink that leads out of it.
import { lstatSync, realpathSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep, win32 } from 'node:path';
import type { z } from 'zod';
import { methods, type Method } from '../../shared/api/contract';
import { AccordError } from '../../shared/errors';
import { filePath } from '../../shared/api/paths';

/** Input fields declared with the contract's `filePath` schema, per method: a path, or a list of them. */
type PathField = { key: string; many: boolean };

function unwrap(schema: z.ZodType): z.ZodType {
  let t = schema as z.ZodType & { _zod: { def: { type: string; innerType?: z.ZodType } } };
  while (['optional', 'default', 'nullable', 'prefault'].includes(t._zod.def.type) && t._zod.def.innerType) t = t._zod.def.innerType as typeof t;
  return t;
}

function pathFieldsOf(schema: z.ZodType): PathField[] {
  const def = (schema as unknown as { _zod: { def: { type: string; shape?: Record<string, z.ZodType> } } })._zod.def;
  if (def.type !== 'object' || !def.shape) return [];
  const out: PathField[] = [];
  for (const [key, field] of Object.entries(def.shape)) {
    const t = unwrap(field);
    if (t === filePath) out.push({ key, many: false });
    const inner = t as unknown as { _zod: { def: { type: string; element?: z.ZodType } } };
    if (inner._zod.def.type === 'array' && inner._zod.def.element && unwrap(inner._zod.def.element) === filePath) out.push({ key, many: true });
  }
  return out;
}

/** Each method's path fields, read from its schema the first time the method is confined. */
const PATH_FIELDS = new Map<Method, PathField[]>();
function pathFields(method: Method): PathField[] {
  let fields = PATH_FIELDS.get(method);
  if (!fields) PATH_FIELDS.set(method, (fields = pathFieldsOf(methods[method] as z.ZodType)));
  return fields;
}

/** Every method that takes paths, with its path fields (reads every schema: for tests and tools). */
export function allPathFields(): ReadonlyMap<Method, PathField[]> {
  return new Map((Object.keys(methods) as Method[]).map((m) => [m, pathFields(m)] as const).filter(([, f]) => f.length > 0));
}

function refuse(path: string, why: string): AccordError {
  return new AccordError('FORBIDDEN', `${path}: ${why}; paths are relative to the folder Accord was started for`);
}

/**
 * The absolute path of `path` inside `root`, or FORBIDDEN when it is absolute, climbs out with `..`,
 * or reaches (through a symlink anywhere along it, dangling or not) a place outside `root`.
 */
export function confinePath(root: string, path: string): string {
  if (isAbsolute(path) || win32.isAbsolute(path)) throw refuse(path, 'an absolute path is not allowed');
  if (path.split(/[\\/]+/).includes('..')) throw refuse(path, '".." is not allowed');
  const realRoot = realpathSync(root);
  const full = resolve(realRoot, path);
  // The deepest part of the path that exists decides where the rest would be created.
  let existing = full;
  for (;;) {
    try {
      lstatSync(existing);
      break;
    } catch {
      existing = dirname(existing);
    }
  }
  let real: string;
  try {
    real = realpathSync(existing);
  } catch {
    throw refuse(path, 'a symlink that leads nowhere is not allowed');
  }
  if (real !== realRoot && !real.startsWith(realRoot + sep)) throw refuse(path, 'it leads outside that folder');
  return resolve(real, relative(existing, full));
}

/** `input` with every declared path field of `method` confined to `root`. */
export function confineInput(method: Method, input: Record<string, unknown>, root: string): Record<string, unknown> {
  const fields = pathFields(method);
  if (fields.length === 0) return input;
  const out = { ...input };
  for (const { key, many } of fields) {
    const v = out[key];
    if (v === undefined || v === null) continue;
    out[key] = many ? (v as string[]).map((p) => confinePath(root, p)) : confinePath(root, v as string);
  }
  return out;
}
