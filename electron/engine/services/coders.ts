// Coders: every coding belongs to exactly one. The consensus layer is a coder of its own.
import { AccordError } from '../../../shared/errors';
import { paletteColor } from '../../../shared/model/colors';
import type { Coder } from '../../../shared/model/types';
import { nowIso } from '../db/changes';
import type { Session } from '../session';
import { toCoder, type CoderRow } from './rows';

export function listCoders(s: Session): Coder[] {
  return (s.db.prepare('SELECT id, name, color, is_consensus FROM coders ORDER BY is_consensus, id').all() as CoderRow[]).map(toCoder);
}

export function findCoder(s: Session, name: string): Coder | null {
  const row = s.db.prepare('SELECT id, name, color, is_consensus FROM coders WHERE name = ?').get(name) as CoderRow | undefined;
  return row ? toCoder(row) : null;
}

/** The coder of that name, created if new (recorded, not undoable: a coder is not a coding action). */
export function ensureCoder(s: Session, name: string): Coder {
  const trimmed = name.trim();
  if (!trimmed) throw new AccordError('INVALID_INPUT', 'a coder needs a name');
  const found = findCoder(s, trimmed);
  if (found) return found;
  const count = (s.db.prepare('SELECT count(*) AS n FROM coders').get() as { n: number }).n;
  s.change(
    'coder.create',
    `add coder ${trimmed}`,
    (c) => c.insert('coders', { name: trimmed, color: paletteColor(count + 3), is_consensus: 0, created_at: nowIso() }),
    false,
  );
  return findCoder(s, trimmed)!;
}

/** Make `name` the current coder of this session, adding it if new. */
export function selectCoder(s: Session, name: string): Coder {
  const coder = ensureCoder(s, name);
  s.coder = coder;
  return coder;
}
