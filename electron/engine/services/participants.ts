// Participants (cases) and their attributes.
import type { Participant, ParticipantId } from '../../../shared/model/types';
import type { Session } from '../session';

export function listParticipants(s: Session): Participant[] {
  const people = s.db.prepare('SELECT id, pid FROM participants ORDER BY pid COLLATE NOCASE').all() as { id: number; pid: string }[];
  const attrs = s.db
    .prepare(
      `SELECT pa.participant_id AS pid, a.name, pa.value FROM participant_attributes pa
       JOIN attributes a ON a.id = pa.attribute_id ORDER BY a.ord, a.id`,
    )
    .all() as { pid: number; name: string; value: string }[];
  const docs = s.db.prepare('SELECT participant_id AS pid, name FROM documents WHERE participant_id IS NOT NULL ORDER BY ord').all() as {
    pid: number;
    name: string;
  }[];
  return people.map((p) => ({
    id: p.id as ParticipantId,
    pid: p.pid,
    attributes: Object.fromEntries(attrs.filter((a) => a.pid === p.id).map((a) => [a.name, a.value])),
    documents: docs.filter((d) => d.pid === p.id).map((d) => d.name),
  }));
}
