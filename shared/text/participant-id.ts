// Participant-ID detection: from a file name (`ID21 interview.docx`), a header line
// (`Participant: ID21`) or a single ID-shaped speaker label. Returns null when unsure.

import type { Turn } from '../model/types';

/** Prefixes that stand for "participant" in study IDs, and the short form a study would write. */
const PREFIXES: Record<string, string> = {
  id: 'ID',
  p: 'P',
  pt: 'PT',
  pp: 'PP',
  pid: 'PID',
  r: 'R',
  s: 'S',
  participant: 'P',
  participante: 'P',
  respondent: 'R',
  subject: 'S',
};

/**
 * An ID token not glued to other letters or digits. `_` and `-` count as separators so that
 * `interview_P03` and `id_7` are found. The number keeps its zero padding (`P03` stays `P03`).
 */
const ID_TOKEN =
  /(?<![\p{L}\p{N}])(participante|participant|respondent|subject|pid|id|pt|pp|p|r|s)[ _#.-]?(\d{1,4})(?![\p{L}\p{N}])/giu;

/**
 * Canonical form of one ID token: the prefix upper-cased (long words shortened to their letter),
 * separators dropped, digits as written. `id_7` → `ID7`, `p03` → `P03`, `Participant 3` → `P3`.
 */
export function canonicalParticipantId(prefix: string, digits: string): string {
  return (PREFIXES[prefix.toLowerCase()] ?? prefix.toUpperCase()) + digits;
}

/** The distinct IDs in a string, in order of appearance. */
function idsIn(s: string, allowSingleLetters: boolean): string[] {
  const found: string[] = [];
  // exec on the shared /g regex rather than matchAll, which clones the regex on every call.
  ID_TOKEN.lastIndex = 0;
  for (let m = ID_TOKEN.exec(s); m !== null; m = ID_TOKEN.exec(s)) {
    const prefix = m[1].toLowerCase();
    // Lone R/S in prose ("S 3", "r-2") are too ambiguous outside a file name.
    if (!allowSingleLetters && (prefix === 'r' || prefix === 's')) continue;
    const id = canonicalParticipantId(m[1], m[2]);
    if (!found.includes(id)) found.push(id);
  }
  return found;
}

/**
 * The participant ID in a file name, or null. Exactly one distinct ID must appear
 * (`ID21 interview.docx` → `ID21`, `P03.txt` → `P03`, `id_7.txt` → `ID7`); two different IDs
 * (`P01 and P02.txt`) are ambiguous and give null. The extension is ignored.
 */
export function participantFromFileName(fileName: string): string | null {
  const base = fileName.replace(/^.*[\\/]/, '').replace(/\.[A-Za-z0-9]{1,5}$/, '');
  const ids = idsIn(base, true);
  return ids.length === 1 ? ids[0] : null;
}

/**
 * The participant ID stated in the first lines of a text, e.g. `Participant: ID21`,
 * `Participant ID = P03`, `Participante: P3`, `Respondent #12`. Only the first 15 lines are read.
 */
export function participantFromHeader(text: string): string | null {
  const head = text.split('\n', 15);
  for (const line of head) {
    const m =
      /^[ \t]*(?:participant|participante|respondent|interviewee|entrevistad[oa]|case|caso)(?:[ \t]*(?:id|no\.?|number|n\.?º|#))?[ \t]*[:=#][ \t]*(\S+)/iu.exec(
        line,
      );
    if (!m) continue;
    const ids = idsIn(m[1], true);
    if (ids.length === 1) return ids[0];
    if (/^\d{1,4}$/.test(m[1])) return canonicalParticipantId('P', m[1]);
  }
  return null;
}

/**
 * The participant ID from speaker labels: when exactly one distinct speaker label is an ID
 * (`ID21:` answering an `Interviewer:`), that is the participant. Several ID speakers mean a
 * group (QualCoder's `[id1]`/`[id2]`) and give null.
 */
export function participantFromTurns(turns: readonly Turn[]): string | null {
  const ids = new Set<string>();
  for (const t of turns) {
    const m = /^(participant|pid|id|pt|pp|p)[ _-]?(\d{1,4})$/i.exec(t.speaker);
    if (m) ids.add(canonicalParticipantId(m[1], m[2]));
  }
  return ids.size === 1 ? [...ids][0] : null;
}

/**
 * Best guess of a document's participant: the file name first (researchers name files by
 * participant), then a header line, then a single ID-shaped speaker. Null when none is sure.
 */
export function detectParticipant(fileName: string, text: string, turns: readonly Turn[] = []): string | null {
  return participantFromFileName(fileName) ?? participantFromHeader(text) ?? participantFromTurns(turns);
}
