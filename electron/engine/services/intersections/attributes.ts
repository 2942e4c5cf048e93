// Codes × a participant attribute: per code, participants and codings for each of the attribute's values.
import { AccordError } from '../../../../shared/errors';
import type { AttributeMatrix, Filters } from '../../../../shared/api/intersections';
import type { Session } from '../../session';
import { codeTree, load, natural, withRollUp } from './scope';

/** Per code, participants and codings for each value of a participant attribute. */
export function codeAttributeMatrix(s: Session, input: Filters & { attribute: string; rollUp: boolean }): AttributeMatrix {
  const attr = s.db.prepare('SELECT id, name FROM attributes WHERE name = ?').get(input.attribute) as { id: number; name: string } | undefined;
  if (!attr) {
    const known = (s.db.prepare('SELECT name FROM attributes ORDER BY ord, id').all() as { name: string }[]).map((r) => r.name);
    throw new AccordError('INVALID_INPUT', `no participant attribute called "${input.attribute}" (attributes: ${known.join(', ') || 'none'})`);
  }
  const NONE = '(no value)';
  const valueOf = new Map(
    (s.db.prepare('SELECT participant_id AS p, value FROM participant_attributes WHERE attribute_id = ?').all(attr.id) as { p: number; value: string }[])
      .filter((r) => r.value.trim() !== '')
      .map((r) => [r.p, r.value.trim()]),
  );
  const { codes, parentOf } = codeTree(s);
  const loaded = load(s, input);
  const people = new Set(loaded.docs.map((d) => d.participantId).filter((p): p is number => p !== null));
  const present = [...new Set([...people].map((p) => valueOf.get(p) ?? NONE))];
  const values = present.filter((v) => v !== NONE).sort(natural);
  if (present.includes(NONE)) values.push(NONE);
  const col = new Map(values.map((v, i) => [v, i]));
  const participantsPerValue = values.map(() => 0);
  for (const p of people) participantsPerValue[col.get(valueOf.get(p) ?? NONE)!]++;

  const docPerson = new Map(loaded.docs.map((d) => [d.id, d.participantId]));
  const codeIndex = new Map(codes.map((c, k) => [c.code.id as number, k]));
  const codingCounts = codes.map(() => values.map(() => 0));
  const seen = codes.map(() => new Set<number>());
  for (const c of withRollUp(loaded.codings, input.rollUp, parentOf)) {
    const p = docPerson.get(c.documentId);
    const k = codeIndex.get(c.codeId);
    if (p === null || p === undefined || k === undefined) continue;
    codingCounts[k][col.get(valueOf.get(p) ?? NONE)!]++;
    seen[k].add(p);
  }
  const rows = codes.map((c, k) => {
    const participants = values.map(() => 0);
    for (const p of seen[k]) participants[col.get(valueOf.get(p) ?? NONE)!]++;
    return { codeId: c.code.id, label: c.code.label, name: c.code.name, depth: c.depth, participants, codings: codingCounts[k] };
  });
  return { attribute: attr.name, values, participantsPerValue, rows, scope: loaded.scope };
}

