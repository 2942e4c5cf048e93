// Participant-ID detection: from a file name (`ID21 interview.docx`), a header line
// (`Participant: ID21`), a speakers line (`Speakers: Interviewer, ABC01`), a single ID-shaped
// speaker label, or the first turn ("this is interview XY02"). Returns null when unsure, and says
// where the ID was found so the import summary can show it.

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
 * A study code of 2–4 capital letters and 2–4 digits (`ABC01`, `XY02`, `GF-12`): the other common
 * way studies label participants (site or group letters plus a number). Capitals only, and at least
 * two digits, so that words and "MP3" or "Q1" are not taken for IDs.
 */
const CODE_TOKEN = /(?<![\p{L}\p{N}])([A-Z]{2,4})[_-]?(\d{2,4})(?![\p{L}\p{N}])/gu;
/** Letter codes that are units, formats or time zones, not participants (`MP4`, `FY23`, `UTC10`). */
const NOT_CODES = new Set(['MP', 'FY', 'CY', 'AD', 'BC', 'UTC', 'GMT', 'CET', 'CEST', 'ISO', 'COVID', 'SARS', 'WAV', 'DSC', 'IMG', 'VID', 'REC']);

/** Where an ID was found, in the order they are tried. */
export type ParticipantSource = 'file name' | 'header' | 'speakers line' | 'speaker label' | 'first turn';

/** A detected participant ID and where it came from. */
export interface ParticipantMatch {
  id: string;
  source: ParticipantSource;
  /** The text it was found in: the file name, the header or speakers line, the label, the turn's start. */
  evidence: string;
}

/**
 * How a project recognises its participants' IDs. `pattern`: the project's own ID pattern (a
 * regular expression for one ID, e.g. `CH\d{3}`) replacing the built-in ones, or null for the
 * built-in ones (prefixes ID/P/PID/PT/PP/R/S with a number, `Participant 3`, and capital-letter
 * codes such as `ABC01`). `known`: the IDs already in the participants table, recognised wherever
 * they occur as a whole token (in any letter case), and preferred to pattern matches.
 */
export interface ParticipantRules {
  pattern?: string | null;
  known?: readonly string[];
  /**
   * The known IDs already indexed (lower-cased, trimmed → ID, as `knownIndex` builds it), used as is
   * in place of `known`: a run of imports keeps one index instead of rebuilding it for every file.
   */
  knownIndex?: ReadonlyMap<string, string>;
}

/** The lookup of known IDs a matcher uses: each non-blank ID by its trimmed, lower-cased form. */
export function knownIndex(known: Iterable<string>, into = new Map<string, string>()): Map<string, string> {
  for (const k of known) if (k.trim() !== '') into.set(k.trim().toLowerCase(), k);
  return into;
}

/** A compiled ParticipantRules: finds the distinct IDs in a string. */
export interface ParticipantMatcher {
  /** Distinct IDs in `s`, in order of appearance; `prose` leaves out lone R/S ("S 3"). */
  idsIn(s: string, prose: boolean): string[];
  /** Whether the whole of `s` is one ID (a speaker label `ABC01`); the ID, or null. */
  whole(s: string): string | null;
}

/**
 * Canonical form of one ID token: the prefix upper-cased (long words shortened to their letter),
 * separators dropped, digits as written. `id_7` → `ID7`, `p03` → `P03`, `Participant 3` → `P3`.
 */
export function canonicalParticipantId(prefix: string, digits: string): string {
  return (PREFIXES[prefix.toLowerCase()] ?? prefix.toUpperCase()) + digits;
}

/** Longest project pattern accepted; an ID pattern is a short expression. */
export const MAX_ID_PATTERN_LENGTH = 200;

/**
 * Checks a project's ID pattern: it must be a valid regular expression (Unicode mode) of at most
 * 200 characters that does not match the empty string. Returns the problem in words, or null.
 */
export function idPatternProblem(pattern: string): string | null {
  if (pattern.trim() === '') return 'the ID pattern is empty';
  if (pattern.length > MAX_ID_PATTERN_LENGTH) return `the ID pattern is longer than ${MAX_ID_PATTERN_LENGTH} characters`;
  let re: RegExp;
  try {
    re = new RegExp(`^(?:${pattern})$`, 'u');
  } catch (err) {
    // "Invalid regular expression: /…/u: Unterminated group" → "Unterminated group".
    const why = (err instanceof Error ? err.message : String(err)).replace(/^.*:\s*/s, '');
    return `the ID pattern is not a valid regular expression (${why})`;
  }
  if (re.test('')) return 'the ID pattern matches an empty string';
  return null;
}

/** A run of letters and digits, possibly joined by - _ . ; and one part of such a run. */
const WORD_RUN = /[\p{L}\p{N}]+(?:[-_.][\p{L}\p{N}]+)*/gu;
const PART = /[\p{L}\p{N}]+/gu;

const B = String.raw`(?<![\p{L}\p{N}])`;
const E = String.raw`(?![\p{L}\p{N}])`;

/** Compiles rules into a matcher (do it once per import, not per string). */
export function participantMatcher(rules: ParticipantRules = {}): ParticipantMatcher {
  const knownByLower = rules.knownIndex ?? knownIndex(rules.known ?? []);
  /**
   * [index, id] of the known IDs in s. Words are looked up in a map rather than matched with one
   * alternation of every ID: a study with 2,000 participants would otherwise compile and run a
   * 2,000-way Unicode regex per file. A word is a run of letters and digits, possibly joined by
   * - _ . (`rosa-7`, `interview_P03`); the whole run, each part and each pair of neighbouring parts
   * are tried, so a known `Rosa-7` or `P03` is found inside it.
   */
  const knownHits = (s: string): [number, string][] => {
    const hits: [number, string][] = [];
    WORD_RUN.lastIndex = 0;
    for (let m = WORD_RUN.exec(s); m !== null; m = WORD_RUN.exec(s)) {
      const run = m[0];
      const whole = knownByLower.get(run.toLowerCase());
      if (whole) {
        hits.push([m.index, whole]);
        continue;
      }
      const parts: { at: number; text: string }[] = [];
      PART.lastIndex = 0;
      for (let p = PART.exec(run); p !== null; p = PART.exec(run)) parts.push({ at: p.index, text: p[0] });
      for (let i = 0; i < parts.length; i++) {
        const pair = i + 1 < parts.length ? run.slice(parts[i].at, parts[i + 1].at + parts[i + 1].text.length) : null;
        const id = (pair && knownByLower.get(pair.toLowerCase())) || knownByLower.get(parts[i].text.toLowerCase());
        if (id) hits.push([m.index + parts[i].at, id]);
      }
    }
    return hits;
  };
  const custom = rules.pattern && idPatternProblem(rules.pattern) === null ? rules.pattern : null;
  const customRe = custom ? new RegExp(`${B}(?:${custom})${E}`, 'gu') : null;
  const customWhole = custom ? new RegExp(`^(?:${custom})$`, 'u') : null;

  /** [index, id] of every pattern match in s. */
  const patternHits = (s: string, prose: boolean): [number, string][] => {
    const hits: [number, string][] = [];
    if (customRe) {
      customRe.lastIndex = 0;
      for (let m = customRe.exec(s); m !== null; m = customRe.exec(s)) {
        if (m[0] === '') customRe.lastIndex++;
        else hits.push([m.index, m[0]]);
      }
      return hits;
    }
    // exec on the shared /g regexes rather than matchAll, which clones the regex on every call.
    ID_TOKEN.lastIndex = 0;
    for (let m = ID_TOKEN.exec(s); m !== null; m = ID_TOKEN.exec(s)) {
      const prefix = m[1].toLowerCase();
      // Lone R/S in prose ("S 3", "r-2") are too ambiguous outside a file name.
      if (prose && (prefix === 'r' || prefix === 's')) continue;
      hits.push([m.index, canonicalParticipantId(m[1], m[2])]);
    }
    CODE_TOKEN.lastIndex = 0;
    for (let m = CODE_TOKEN.exec(s); m !== null; m = CODE_TOKEN.exec(s)) {
      if (!NOT_CODES.has(m[1])) hits.push([m.index, m[1] + m[2]]);
    }
    return hits.sort((a, b) => a[0] - b[0]);
  };

  return {
    idsIn(s, prose) {
      const hits = knownByLower.size ? knownHits(s) : [];
      // Known IDs, when the string holds any, win over pattern matches.
      const all = hits.length ? hits : patternHits(s, prose);
      const found: string[] = [];
      for (const [, id] of all) if (!found.includes(id)) found.push(id);
      return found;
    },
    whole(s) {
      // A role or status in parentheses is not part of the ID: Teams' `XY02 (Guest)`, `P3 (mother)`.
      const t = s.replace(/\s*\([^)]*\)\s*$/, '').trim();
      const k = knownByLower.get(t.toLowerCase());
      if (k) return k;
      if (customWhole) return customWhole.test(t) ? t : null;
      const m = /^(participant|pid|id|pt|pp|p)[ _-]?(\d{1,4})$/i.exec(t);
      if (m) return canonicalParticipantId(m[1], m[2]);
      const c = /^([A-Z]{2,4})[_-]?(\d{2,4})$/u.exec(t);
      return c && !NOT_CODES.has(c[1]) ? c[1] + c[2] : null;
    },
  };
}

const DEFAULT_MATCHER = participantMatcher();

/**
 * The participant ID in a file name, or null. Exactly one distinct ID must appear
 * (`ID21 interview.docx` → `ID21`, `P03.txt` → `P03`, `id_7.txt` → `ID7`, `ABC01.vtt` → `ABC01`);
 * two different IDs (`P01 and P02.txt`) are ambiguous and give null. The extension is ignored.
 */
export function participantFromFileName(fileName: string, matcher: ParticipantMatcher = DEFAULT_MATCHER): string | null {
  const base = fileName.replace(/^.*[\\/]/, '').replace(/\.[A-Za-z0-9]{1,5}$/, '');
  const ids = matcher.idsIn(base, false);
  return ids.length === 1 ? ids[0] : null;
}

const HEADER_LINE =
  /^[ \t]*(?:participant|participante|respondent|interviewee|entrevistad[oa]|case|caso)(?:[ \t]*(?:id|no\.?|number|n\.?º|#|code|código))?[ \t]*[:=#][ \t]*(\S+)/iu;
const SPEAKERS_LINE = /^[ \t]*(?:speakers|participants|attendees|present|interviewees|respondents|participantes|asistentes)[ \t]*:[ \t]*(.+)$/iu;

/** The first 15 lines: where transcripts put their header. */
function headLines(text: string): string[] {
  return text.split('\n', 15);
}

/**
 * The participant ID stated in the first lines of a text, e.g. `Participant: ID21`,
 * `Participant ID = P03`, `Participante: P3`, `Respondent #12`. Only the first 15 lines are read.
 */
export function participantFromHeader(text: string, matcher: ParticipantMatcher = DEFAULT_MATCHER): string | null {
  return headerMatch(text, matcher)?.id ?? null;
}

function headerMatch(text: string, matcher: ParticipantMatcher): ParticipantMatch | null {
  for (const line of headLines(text)) {
    const m = HEADER_LINE.exec(line);
    if (!m) continue;
    const ids = matcher.idsIn(m[1], false);
    if (ids.length === 1) return { id: ids[0], source: 'header', evidence: line.trim() };
    if (/^\d{1,4}$/.test(m[1])) return { id: canonicalParticipantId('P', m[1]), source: 'header', evidence: line.trim() };
  }
  return null;
}

/** `Speakers: Interviewer (Ana), ABC01` in the first lines: the one ID listed. */
function speakersLineMatch(text: string, matcher: ParticipantMatcher): ParticipantMatch | null {
  for (const line of headLines(text)) {
    const m = SPEAKERS_LINE.exec(line);
    if (!m) continue;
    const ids = matcher.idsIn(m[1], true);
    if (ids.length === 1) return { id: ids[0], source: 'speakers line', evidence: line.trim() };
  }
  return null;
}

/**
 * The participant ID from speaker labels: when exactly one distinct speaker label is an ID
 * (`ID21:` answering an `Interviewer:`), that is the participant. Several ID speakers mean a
 * group (QualCoder's `[id1]`/`[id2]`) and give null.
 */
export function participantFromTurns(turns: readonly Turn[], matcher: ParticipantMatcher = DEFAULT_MATCHER): string | null {
  const ids = new Set<string>();
  const seen = new Set<string>();
  for (const t of turns) {
    if (seen.has(t.speaker)) continue;
    seen.add(t.speaker);
    const id = matcher.whole(t.speaker);
    if (id) ids.add(id);
  }
  return ids.size === 1 ? [...ids][0] : null;
}

/** Characters of the first turn read for an ID: an introduction, not the whole answer. */
const FIRST_TURN_CHARS = 400;

/**
 * Best guess of a document's participant, and where it was found, trying in order: the file name
 * (researchers name files by participant), a header line (`Participant: ID21`), a speakers line,
 * a single ID-shaped speaker, and the start of the first turn ("Interviewer: This is XY02's
 * interview"). Each place must hold exactly one distinct ID. Null when none is sure.
 */
export function findParticipant(
  fileName: string,
  text: string,
  turns: readonly Turn[] = [],
  matcher: ParticipantMatcher = DEFAULT_MATCHER,
): ParticipantMatch | null {
  const fromName = participantFromFileName(fileName, matcher);
  if (fromName) return { id: fromName, source: 'file name', evidence: fileName.replace(/^.*[\\/]/, '') };
  const fromHeader = headerMatch(text, matcher) ?? speakersLineMatch(text, matcher);
  if (fromHeader) return fromHeader;
  const fromTurns = participantFromTurns(turns, matcher);
  if (fromTurns) return { id: fromTurns, source: 'speaker label', evidence: fromTurns };
  if (turns.length > 0) {
    // The turn's words, not its label: `[id1] hello` names a speaker, it does not introduce one.
    const t = turns[0];
    let from = t.start;
    const label = t.speaker === '' ? -1 : text.indexOf(t.speaker, t.start);
    if (label !== -1 && label < t.end && !text.slice(t.start, label).includes('\n')) from = label + t.speaker.length;
    const first = text.slice(from, Math.min(t.end, from + FIRST_TURN_CHARS));
    const speakerIds = new Set(turns.map((x) => matcher.whole(x.speaker)));
    const ids = matcher.idsIn(first, true).filter((id) => !speakerIds.has(id));
    if (ids.length === 1) {
      const line = first.split('\n').find((l) => l.includes(ids[0])) ?? first;
      return { id: ids[0], source: 'first turn', evidence: line.replace(/^[\s:\]).-]+/, '').trim().slice(0, 160) };
    }
  }
  return null;
}

/** findParticipant's ID alone. */
export function detectParticipant(fileName: string, text: string, turns: readonly Turn[] = [], matcher?: ParticipantMatcher): string | null {
  return findParticipant(fileName, text, turns, matcher)?.id ?? null;
}

/**
 * The evidence of a match cut to about `max` characters around the ID, so the ID stays visible:
 * `…and your participant code is ABC01.`
 */
export function evidenceAround(evidence: string, id: string, max = 60): string {
  if (evidence.length <= max) return evidence;
  const at = evidence.toLowerCase().indexOf(id.toLowerCase());
  if (at === -1) return evidence.slice(0, max - 1) + '…';
  let from = Math.max(0, Math.min(at - Math.floor((max - id.length) / 2), evidence.length - max));
  // Start at a word, not inside one.
  if (from > 0 && evidence[from - 1] !== ' ') {
    const space = evidence.indexOf(' ', from);
    if (space !== -1 && space < at) from = space + 1;
  }
  const to = Math.min(evidence.length, from + max);
  return `${from > 0 ? '…' : ''}${evidence.slice(from, to).trim()}${to < evidence.length ? '…' : ''}`;
}
