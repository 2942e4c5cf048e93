// Speaker-turn detection for plain-text transcripts: finds lines that start with a speaker label
// (`Interviewer:`, `ID21:`, `[00:12:03] Rosa:`, QualCoder's `[id1]`) and turns them into spans.

import type { Turn } from '../model/types';

/** Role words that mark a speaker even when they occur once (lower case, several languages). */
const ROLE_WORDS = new Set([
  'interviewer', 'interviewee', 'moderator', 'facilitator', 'participant', 'respondent', 'researcher',
  'investigator', 'speaker', 'host', 'guest', 'observer', 'int', 'resp', 'iv', 'q', 'a', 'i', 'r', 'b',
  'entrevistador', 'entrevistadora', 'entrevistado', 'entrevistada', 'moderador', 'moderadora',
  'participante', 'investigador', 'investigadora', 'informante',
  'enquêteur', 'enquêtrice', 'enquêté', 'enquêtée', 'interviewerin', 'befragte', 'befragter',
]);

/**
 * Labels that are headers, not people, even when they recur ("Note: ...", "Date: ..."). Without this
 * a transcript with two "Note:" lines would gain a speaker called Note.
 */
const NOT_SPEAKERS = new Set([
  'note', 'notes', 'nota', 'notas', 'date', 'fecha', 'time', 'hora', 'location', 'place', 'lugar',
  'duration', 'duración', 'project', 'proyecto', 'title', 'título', 'subject', 'asunto', 're', 'fw',
  'fwd', 'tags', 'keywords', 'comment', 'comments', 'comentario', 'summary', 'resumen', 'context',
  'setting', 'transcript', 'transcription', 'transcripción', 'transcriber', 'source', 'fuente',
  'recording', 'grabación', 'file', 'archivo', 'topic', 'tema', 'warning', 'example', 'important',
  'nb', 'ps', 'url', 'email', 'tel', 'phone', 'address', 'total', 'step',
]);

/** Lower-case particles allowed inside a capitalised name ("María de la Cruz", "Ludwig van Beethoven"). */
const NAME_PARTICLES = new Set([
  'de', 'del', 'la', 'las', 'los', 'van', 'von', 'der', 'den', 'da', 'di', 'du', 'le', 'y', 'e', 'bin',
  'al', 'dos', 'das',
]);

const TS = String.raw`(\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?)`;
/** A line holding nothing but a timestamp, e.g. `[00:00:08]`. */
const TIMESTAMP_LINE = new RegExp(String.raw`^[ \t]*[\[(]?${TS}[\])]?[ \t]*$`);
/** An optional timestamp before the label, e.g. `[00:12:03] ` or `00:12:03 `. */
const TIMESTAMP_PREFIX = new RegExp(String.raw`^[ \t]*(?:[\[(]${TS}[\])]|${TS})[ \t]+`);
/** `[label] text` (QualCoder style); the label must not itself be a timestamp. */
const BRACKET_LABEL = /^[ \t]*\[([^\]\n:]{1,40})\](?=[ \t]|$)/;
/** `Label: text`; the colon must be followed by a space or the end of the line (not `10:30`, `http://`). */
const COLON_LABEL = /^[ \t]*([^:\n[\]]{1,60}?)[ \t]*:(?=[ \t]|$)/;

/**
 * `ID21`, `P3`, `P03`, `id1`, `R-12`, `S_4`. No space: "Step 1", "Week 2", "Part 3" are headings
 * (role words with a number, "Participant 3", are handled separately).
 */
const ID_LABEL = /^[A-Za-z]{1,4}[_-]?\d{1,4}[A-Za-z]?$/;

/**
 * Milliseconds for `hh:mm:ss`, `mm:ss` or either with a `.mmm`/`,mmm` fraction; null if malformed.
 */
export function parseTimestamp(value: string): number | null {
  const m = /^(?:(\d{1,3}):)?(\d{1,2}):(\d{2})(?:[.,](\d{1,3}))?$/.exec(value.trim());
  if (!m) return null;
  const h = m[1] ? Number(m[1]) : 0;
  const min = Number(m[2]);
  const sec = Number(m[3]);
  if (sec > 59 || (m[1] !== undefined && min > 59)) return null;
  const frac = m[4] ? Number(m[4].padEnd(3, '0')) : 0;
  return ((h * 60 + min) * 60 + sec) * 1000 + frac;
}

type Strength = 'strong' | 'weak' | 'none';

/** How sure the label's shape alone makes us that it names a speaker. */
function labelStrength(label: string): Strength {
  const words = label.split(/\s+/);
  if (NOT_SPEAKERS.has(label.toLowerCase()) || NOT_SPEAKERS.has(words[0].toLowerCase())) return 'none';
  if (ID_LABEL.test(label)) return 'strong';
  if (ROLE_WORDS.has(words[0].toLowerCase().replace(/[.]$/, ''))) {
    // "Interviewer", "Participant 3", "Speaker #2", "Moderator (Alicia)"
    if (words.length === 1) return 'strong';
    if (words.length <= 3 && /^(?:#?\d{1,4}[A-Za-z]?|\(?\p{Lu}[\p{L}.'’-]*\)?)$/u.test(words.slice(1).join(' ').replace(/\s+/g, ''))) {
      return 'strong';
    }
  }
  if (words.length > 4) return 'none';
  const nameLike = words.every(
    (w, i) =>
      /^\(?\p{Lu}[\p{L}\p{M}.'’-]*\)?$/u.test(w) ||
      (i > 0 && (NAME_PARTICLES.has(w) || /^#?\d{1,4}$/.test(w))),
  );
  return nameLike ? 'weak' : 'none';
}

interface Candidate {
  lineStart: number;
  lineEnd: number;
  speaker: string;
  strength: Strength;
  ms: number | null;
}

/**
 * Reads one line as a possible turn opening; null when it has no label shape at all. `strengths`
 * remembers each label's strength: a transcript repeats a handful of labels hundreds of times.
 */
function readCandidate(line: string, lineStart: number, strengths: Map<string, Strength>): Candidate | null {
  let rest = line;
  let ms: number | null = null;
  const ts = TIMESTAMP_PREFIX.exec(rest);
  if (ts) {
    ms = parseTimestamp(ts[1] ?? ts[2]);
    rest = rest.slice(ts[0].length);
  }
  let label: string | null = null;
  const bracket = BRACKET_LABEL.exec(rest);
  if (bracket && parseTimestamp(bracket[1]) === null) label = bracket[1];
  else {
    const colon = COLON_LABEL.exec(rest);
    if (colon) {
      // "Participant: ID21" names the participant in a header; it is not someone speaking.
      if (ID_LABEL.test(rest.slice(colon[0].length).trim())) return null;
      label = colon[1];
    }
  }
  if (label === null) return null;
  const speaker = label.trim().replace(/\s+/g, ' ');
  if (speaker === '') return null;
  let strength = strengths.get(speaker);
  if (strength === undefined) strengths.set(speaker, (strength = labelStrength(speaker)));
  // A timestamp in front of a name-shaped label is what timed transcripts look like.
  if (strength === 'weak' && ms !== null) strength = 'strong';
  if (strength === 'none') return null;
  return { lineStart, lineEnd: lineStart + line.length, speaker, strength, ms };
}

/**
 * Finds speaker turns in a normalised text.
 *
 * A line opens a turn when it starts with a speaker label (optionally after a `[hh:mm:ss]`
 * timestamp): `[id1]` in brackets, or `Label:` followed by a space or the line end. Because a colon
 * at the start of a line is also ordinary prose ("Note: the call dropped"), a label counts only if
 * - it looks like an ID (`ID21`, `P03`, `id1`) or a role (`Interviewer`, `Moderadora`,
 *   `Participant 3`, `Q`), or it follows a timestamp (on the same line or on the line above); or
 * - it is name-shaped (1–4 capitalised words, particles like "de"/"van" allowed) and the same label
 *   opens at least two lines in the document (a real speaker speaks more than once);
 * and it is never one of a short list of header words (Note, Date, Project, Duration, ...). A line
 * whose whole content is one ID (`Participant: ID21`) is a header, not a turn.
 *
 * A line holding only a timestamp directly before a turn's line belongs to that turn and gives it
 * `startMs`. When most turns are timed, untimed labels before the first timed turn are treated as
 * the header ("Moderator: Alicia" above a timed focus group) and dropped.
 *
 * A turn runs from the start of its line (or its timestamp line) to just before the next turn's
 * line, with trailing whitespace (the separating newlines) excluded. `endMs` is not known from
 * plain text and is null.
 */
export function detectTurns(text: string): Turn[] {
  const lines: { start: number; text: string }[] = [];
  for (let pos = 0; pos <= text.length; ) {
    const nl = text.indexOf('\n', pos);
    const end = nl === -1 ? text.length : nl;
    lines.push({ start: pos, text: text.slice(pos, end) });
    if (nl === -1) break;
    pos = nl + 1;
  }

  const candidates = new Map<number, Candidate>();
  const counts = new Map<string, number>();
  const strengths = new Map<string, Strength>();
  lines.forEach((l, i) => {
    const c = readCandidate(l.text, l.start, strengths);
    if (!c) return;
    candidates.set(i, c);
    const key = c.speaker.toLowerCase();
    counts.set(key, (counts.get(key) ?? 0) + 1);
  });

  const opened: { start: number; speaker: string; ms: number | null }[] = [];
  let pendingTimestamp: { start: number; ms: number | null } | null = null;
  lines.forEach((l, i) => {
    const c = candidates.get(i);
    // A timestamp line just above a name-shaped label is as telling as one on the same line.
    const accepted =
      c && (c.strength === 'strong' || pendingTimestamp !== null || (counts.get(c.speaker.toLowerCase()) ?? 0) >= 2);
    if (c && accepted) {
      const start = pendingTimestamp ? pendingTimestamp.start : c.lineStart;
      const ms = c.ms ?? pendingTimestamp?.ms ?? null;
      opened.push({ start, speaker: c.speaker, ms });
      pendingTimestamp = null;
      return;
    }
    const ts = TIMESTAMP_LINE.exec(l.text);
    if (ts) pendingTimestamp = { start: l.start, ms: parseTimestamp(ts[1]) };
    else if (l.text.trim() !== '') pendingTimestamp = null;
  });

  let kept = opened;
  const timed = opened.filter((o) => o.ms !== null).length;
  if (timed > 0 && timed * 2 >= opened.length) {
    const firstTimed = opened.findIndex((o) => o.ms !== null);
    kept = opened.slice(firstTimed);
  }

  return kept.map((o, i) => {
    const next = i + 1 < kept.length ? kept[i + 1].start : text.length;
    // trimEnd drops exactly the code units /\s/ matches, stopping at the turn's start like a loop would.
    const end = o.start + text.slice(o.start, next).trimEnd().length;
    return { speaker: o.speaker, start: o.start, end, startMs: o.ms, endMs: null };
  });
}
