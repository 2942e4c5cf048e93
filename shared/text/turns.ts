// Speaker-turn detection for plain-text transcripts: finds lines that start with a speaker label
// (`Interviewer:`, `ID21:`, `[00:12:03] Rosa:`, QualCoder's `[id1]`) and turns them into spans.

import type { Cue, Turn } from '../model/types';

/** Role words that mark a speaker even when they occur once (lower case, several languages). */
const ROLE_WORDS = new Set([
  'interviewer', 'interviewee', 'moderator', 'facilitator', 'participant', 'respondent', 'researcher',
  'investigator', 'speaker', 'host', 'guest', 'observer', 'int', 'resp', 'iv', 'ie', 'iwr', 'mod', 'q', 'a', 'i', 'r', 'b', 'p',
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
  'nb', 'ps', 'url', 'email', 'tel', 'phone', 'address', 'total', 'step', 'speakers', 'participants',
  'attendees', 'present', 'interviewees', 'respondents', 'participantes', 'asistentes', 'start', 'end',
]);

/** Lower-case particles allowed inside a capitalised name ("María de la Cruz", "Ludwig van Beethoven"). */
const NAME_PARTICLES = new Set([
  'de', 'del', 'la', 'las', 'los', 'van', 'von', 'der', 'den', 'da', 'di', 'du', 'le', 'y', 'e', 'bin',
  'al', 'dos', 'das',
]);

const TS = String.raw`(\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?)`;
/** A line holding nothing but a timestamp, e.g. `[00:00:08]`. */
const TIMESTAMP_LINE = new RegExp(String.raw`^[ \t]*[\[(]?${TS}[\])]?[ \t]*$`);
/**
 * A line holding nothing but a time range, as Teams' older transcript downloads write it above the
 * speaker's name: `0:0:6.120 --> 0:0:9.300` (unpadded hours, minutes and seconds).
 */
const TIME_RANGE_LINE = /^[ \t]*(\d{1,2}):(\d{1,2}):(\d{1,2})(?:[.,](\d{1,3}))?[ \t]*-->[ \t]*\d{1,2}:\d{1,2}:\d{1,2}(?:[.,]\d{1,3})?[ \t]*$/;

/** The time a timestamp or time-range line gives, or undefined when the line is neither. */
function timeLine(line: string): number | null | undefined {
  // Most lines are speech: a time line starts with a digit, maybe after spaces or a bracket.
  let i = 0;
  while (line.charCodeAt(i) === 32 || line.charCodeAt(i) === 9) i++;
  const first = line.charCodeAt(i) === 91 || line.charCodeAt(i) === 40 ? line.charCodeAt(i + 1) : line.charCodeAt(i);
  if (!(first >= 48 && first <= 57)) return undefined;
  const ts = TIMESTAMP_LINE.exec(line);
  if (ts) return parseTimestamp(ts[1]);
  const range = TIME_RANGE_LINE.exec(line);
  if (!range) return undefined;
  const [, h, m, sec, frac] = range;
  if (Number(m) > 59 || Number(sec) > 59) return null;
  return ((Number(h) * 60 + Number(m)) * 60 + Number(sec)) * 1000 + (frac ? Number(frac.padEnd(3, '0')) : 0);
}
/**
 * An optional timestamp before the label, e.g. `[00:12:03] ` or `00:12:03 `; oTranscribe writes a
 * no-break space after it.
 */
const TIMESTAMP_PREFIX = new RegExp(String.raw`^[ \t]*(?:[\[(]${TS}[\])]|${TS})[ \t\u00a0]+`);
/** A full `hh:mm:ss` time with the name right after it, as MAXQDA's timestamped import writes `00:03:40.5Zack:`. */
const TIMESTAMP_GLUED = /^[ \t]*(\d{1,2}:\d{2}:\d{2}(?:[.,]\d{1,3})?)(?=\p{L})/u;
/**
 * Lines tools append after the last turn: Otter's `Transcribed by https://otter.ai`, Google Meet's
 * `Transcription ended after 00:06:12` and its computer-generated notice, Teams' `Ana Ruiz stopped
 * transcription`. Each ends the turn above it.
 */
const TRAILER_LINE = /^[ \t]*(?:Transcribed by https?:\/\/otter\.ai\b.*|Transcription ended after \d.*|This editable transcript was computer generated\b.*|.{1,80}\b(?:started|stopped) transcription)[ \t]*$/i;
/** A label alone on its line, with neither colon nor time (aTrain's `SPEAKER_00`, NVivo's `Interviewer` above the statement). */
const BARE_LABEL = /^[ \t]*([^:\n[\]#]{1,40}?)[ \t]*$/;
/**
 * How a candidate's label was written, when that alone does not settle it (see detectTranscript);
 * `underTime` is a name alone on its line right under a time line (Teams' older downloads).
 */
type Form = 'nameTime' | 'timeName' | 'bare' | 'underTime' | null;
/** `[label] text` (QualCoder style); the label must not itself be a timestamp. */
const BRACKET_LABEL = /^[ \t]*\[([^\]\n:]{1,40})\]:?(?=[ \t]|$)/;
/** `Label: text`; the colon must be followed by a space or the end of the line (not `10:30`, `http://`). */
const COLON_LABEL = /^[ \t]*([^:\n[\]]{1,60}?)[ \t]*:(?=[ \t]|$)/;
/**
 * `Name (00:01:02):` / `Name [00:01:02]:` / `Name - 00:01:02:` (Rev, Temi, Trint, Descript, Sonix
 * exports): the timestamp sits between the name and the colon.
 */
const TIMED_COLON_LABEL = new RegExp(String.raw`^[ \t]*([^:\n[\]()]{1,60}?)[ \t]*(?:[-–][ \t]*)?(?:[\[(]${TS}[\])]|${TS})[ \t]*:(?=[ \t]|$)`);
/**
 * A line that is only a name and a time: Otter.ai's `Jane Doe  0:13` (the statement follows on the
 * next lines), a Teams Word transcript's `XY02 (Guest)   0:10`, Zoom's saved transcript
 * `[Jane Doe] 00:12:03`, or `Name (00:01:02)`.
 */
const NAME_TIME_LINE = new RegExp(String.raw`^[ \t]*(?:\[([^\]\n]{1,60})\]|([^\n:[\]]{1,60}?))[ \t]*(?:[-–|][ \t]*)?(?:[\[(]${TS}[\])]|${TS})[ \t]*$`);
/**
 * Zoom's saved chat after its time: `From Jane Doe to Everyone:` (the message on the same line or
 * the next, tab-indented), or the older `From  Jane Doe : message`.
 */
const ZOOM_CHAT_FROM = /^From[ \t]+(.+?)(?:[ \t]+to[ \t]+(?:Everyone|[^:\n]{1,60}?)(?:\(Direct Message\))?)?[ \t]*:(?=[ \t]|$)/;
/** A timestamp right after the label's colon (Sonix: `Name: [00:00:05] text`). */
const TIMESTAMP_AFTER_LABEL = new RegExp(String.raw`^[ \t]*[\[(]${TS}[\])]`);

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

/** A header word ("Note", "Date: …", "Speakers") rather than someone speaking. */
export function isHeaderLabel(label: string): boolean {
  const lower = label.toLowerCase();
  return NOT_SPEAKERS.has(lower) || NOT_SPEAKERS.has(lower.split(/\s+/)[0]);
}

/**
 * How sure the label's shape alone makes us that it names a speaker: 'strong' for IDs and roles,
 * 'weak' for name-shaped labels (a person's name, or a heading), 'none' for headers and prose.
 */
export function labelStrength(label: string): Strength {
  const words = label.split(/\s+/);
  if (isHeaderLabel(label)) return 'none';
  // An ID, also with a role or status after it: `P3 (mother)`, Teams' `XY02 (Guest)`.
  if (ID_LABEL.test(label) || ID_LABEL.test(label.replace(/\s*\([^)]*\)$/, ''))) return 'strong';
  // A role numbered in one word: WhisperX's and pyannote's `SPEAKER_00`, `Speaker-2`, `Participant_3`.
  const numbered = /^(\p{L}+)[_-](\d{1,4})$/u.exec(label);
  if (numbered && ROLE_WORDS.has(numbered[1].toLowerCase())) return 'strong';
  if (ROLE_WORDS.has(words[0].toLowerCase().replace(/[.]$/, ''))) {
    // "Interviewer", "Participant 3", "Speaker #2", "Moderator (Alicia)"
    if (words.length === 1) return 'strong';
    if (words.length <= 3 && /^(?:#?\d{1,4}[A-Za-z]?|\(?\p{Lu}[\p{L}.'’-]*\)?)$/u.test(words.slice(1).join(' ').replace(/\s+/g, ''))) {
      return 'strong';
    }
  }
  // At most four name words; particles come on top ("María José de la Fuente").
  if (words.length > 6 || words.filter((w) => !NAME_PARTICLES.has(w)).length > 4) return 'none';
  const nameLike = words.every(
    (w, i) =>
      /^\(?\p{Lu}[\p{L}\p{M}.'’-]*\)?$/u.test(w) ||
      (i > 0 && (NAME_PARTICLES.has(w) || /^#?\d{1,4}$/.test(w))),
  );
  return nameLike ? 'weak' : 'none';
}

/**
 * The first cell of a two-cell row, `Interviewer<TAB>How did it go?` (a transcript kept in a table,
 * as Word and transcription services write it), when it is label-shaped: no colon, no bracket, no
 * closing punctuation, and a statement of two words or more in the one cell after it; else null.
 */
function tabLabel(rest: string, firstColon: number): string | null {
  const tab = rest.indexOf('\t');
  if (tab <= 0 || tab > 60 || (firstColon !== -1 && firstColon < tab)) return null;
  const cell = rest.slice(0, tab).trim();
  const statement = rest.slice(tab).trim();
  if (cell === '' || cell.includes('[') || /[.?!,;]$/.test(cell) || statement.includes('\t')) return null;
  return /\S\s+\S/.test(statement) ? cell : null;
}

/** The label a line holding nothing else would be (see BARE_LABEL), spaces collapsed; null when the line is not one. */
function bareName(line: string): string | null {
  const bare = BARE_LABEL.exec(line);
  const name = bare ? bare[1].trim().replace(/\s+/g, ' ') : '';
  return name !== '' && !/[.?!,;]$/.test(name) ? name : null;
}

interface Candidate {
  lineStart: number;
  lineEnd: number;
  speaker: string;
  strength: Strength;
  ms: number | null;
  /**
   * A label on a line of its own whose shape is a whole transcript's format rather than proof:
   * `Name  0:25` (Otter, Teams), `00:00:07 Speaker 2` (Word's Transcribe), a bare `SPEAKER_00`.
   */
  form: Form;
}

/**
 * Reads one line as a possible turn opening; null when it has no label shape at all. `strengths`
 * remembers each label's strength: a transcript repeats a handful of labels hundreds of times.
 */
function readCandidate(line: string, lineStart: number, strengths: Map<string, Strength>): Candidate | null {
  let rest = line;
  let ms: number | null = null;
  const ts = TIMESTAMP_PREFIX.exec(rest) ?? TIMESTAMP_GLUED.exec(rest);
  if (ts) {
    ms = parseTimestamp(ts[1] ?? ts[2]);
    rest = rest.slice(ts[0].length);
  }
  let label: string | null = null;
  let form: Form = null;
  let cell: string | null;
  // How much the timestamp vouches for the label: a time beside a name is how timed transcripts
  // look, except on a bare `Name 10:30` line, which prose can produce too ("Doors Open 10:30").
  let timeVouches = true;
  // Cheap checks first, since most lines are neither: a name-and-time line ends in a digit or a
  // bracket; a time before a label's colon puts a digit right before the first colon.
  let end = rest.length - 1;
  while (end >= 0 && (rest[end] === ' ' || rest[end] === '\t')) end--;
  const lastChar = rest.charCodeAt(end);
  const endsTimed = (lastChar >= 48 && lastChar <= 57) || lastChar === 41 || lastChar === 93; // 0-9 ) ]
  const firstColon = rest.indexOf(':');
  const digitBeforeColon = firstColon > 0 && /\d/.test(rest[firstColon - 1]);
  const nameTime = ms === null && endsTimed ? NAME_TIME_LINE.exec(rest) : null;
  const chat = ms !== null ? ZOOM_CHAT_FROM.exec(rest) : null;
  if (chat) label = chat[1];
  else if (nameTime) {
    label = nameTime[1] ?? nameTime[2];
    ms = parseTimestamp(nameTime[3] ?? nameTime[4]);
    timeVouches = nameTime[1] !== undefined;
    form = 'nameTime';
  } else if ((cell = tabLabel(rest, firstColon)) !== null) {
    // A table's row (Speaker | Text, or Time | Speaker | Text): the first cell.
    label = cell;
  } else if (firstColon === -1 && rest.length <= 64 && !rest.includes('[')) {
    // No colon: a name after a time (`00:00:07 Speaker 2`), or a label alone on its line.
    const alone = bareName(rest);
    if (alone !== null) {
      // Most short lines are prose: without a time, only an ID or a role is worth remembering, and not
      // a letter or two alone ("I", "A", "IV" head sections and lists as often as they name speakers).
      if (ms === null && (alone.length < 3 || labelStrength(alone) !== 'strong')) return null;
      label = alone;
      form = ms !== null ? 'timeName' : 'bare';
      timeVouches = false;
    }
  } else {
    const bracket = BRACKET_LABEL.exec(rest);
    const timedColon = bracket || !digitBeforeColon ? null : TIMED_COLON_LABEL.exec(rest);
    if (bracket && parseTimestamp(bracket[1]) === null) label = bracket[1];
    else if (timedColon && ms === null) {
      label = timedColon[1];
      ms = parseTimestamp(timedColon[2] ?? timedColon[3]);
    } else {
      const colon = COLON_LABEL.exec(rest);
      if (colon) {
        const after = rest.slice(colon[0].length);
        // "Participant: ID21" names the participant in a header; it is not someone speaking.
        if (ID_LABEL.test(after.trim())) return null;
        label = colon[1];
        const inner = ms === null ? TIMESTAMP_AFTER_LABEL.exec(after) : null;
        if (inner) ms = parseTimestamp(inner[1]);
      }
    }
  }
  if (label === null) return null;
  const speaker = label.trim().replace(/\s+/g, ' ');
  if (speaker === '') return null;
  let strength = strengths.get(speaker);
  if (strength === undefined) strengths.set(speaker, (strength = labelStrength(speaker)));
  if (strength === 'weak' && ms !== null && timeVouches) strength = 'strong';
  if (strength === 'none') return null;
  return { lineStart, lineEnd: lineStart + line.length, speaker, strength, ms, form };
}

/** What `detectTranscript` finds: speaker turns and, for timed transcripts, their timed pieces. */
export interface TranscriptStructure {
  turns: Turn[];
  cues: Cue[];
}

/**
 * Finds speaker turns and their times in a normalised text.
 *
 * A line opens a turn when it starts with a speaker label:
 * - `Label: text`, `[label] text` or `[label]: text` (WhisperX), optionally after a `[hh:mm:ss]`
 *   timestamp (Descript, Trint: `[00:01:02] Name: …`; oTranscribe puts a no-break space after it,
 *   MAXQDA none: `00:03:40.5Zack:`) or with the time between the name and the colon (Rev, Temi:
 *   `Name (00:01:02):`), or right after the colon (Sonix: `Name: [00:01:02] …`);
 * - `Label<TAB>text`: a transcript kept in a table, one row per turn, maybe after a time cell;
 * - a line that is only a name and a time (Otter.ai's `Jane Doe  0:13`, Zoom's saved transcript
 *   `[Jane Doe] 00:12:03`), or a time and a name (Word's Transcribe: `00:00:07 Speaker 2`), the
 *   statement following on the next lines;
 * - a label alone on its line above the statement (aTrain's `SPEAKER_00`, NVivo's `Interviewer`),
 *   or a name alone under a time line (Teams' older downloads: `0:0:6.120 --> 0:0:9.300`, `Rosa`);
 * - Zoom's saved chat, `14:05:12 From Jane Doe to Everyone:` (the message on the next line).
 * Because a colon at the start of a line is also ordinary prose ("Note: the call dropped"), a label
 * counts only if
 * - it looks like an ID (`ID21`, `P03`, `id1`) or a role (`Interviewer`, `Moderadora`,
 *   `Participant 3`, `SPEAKER_00`, `Q`, `I`, `R`, `INT`, `RESP`), or it comes with a timestamp (on
 *   the same line or on the line above); or
 * - it is name-shaped (1–4 capitalised words, particles like "de"/"van", parentheses and hyphens
 *   allowed: `Ana Ruiz-Gómez (SL)`) and the same label opens at least two lines in the document, or
 *   the document is written in that label's shape throughout (see formAccepts), or nearly every
 *   paragraph opens with a label (a focus group's participant heard once);
 * and it is never one of a short list of header words (Note, Date, Project, Duration, ...). A line
 * whose whole content is one ID (`Participant: ID21`) is a header, not a turn; a label alone on its
 * line must be an ID or a role of three characters or more.
 *
 * A line holding only a timestamp (or a time range) directly before a turn's line belongs to that
 * turn and gives its time. When most turns are timed, untimed labels before the first timed turn
 * are treated as the header ("Moderator: Alicia" above a timed focus group) and dropped.
 *
 * A turn runs from the start of its line (or its timestamp line) to just before the next turn's
 * line, or before a tool's closing line (TRAILER_LINE), with trailing whitespace excluded. Every
 * timed turn line is a cue (its span and time); a cue ends when the next turn starts, if that turn
 * is timed (else its end is unknown: null, as is the last one's). Consecutive timed lines of one
 * speaker (a speaker's paragraphs, each with its time, as Otter and Zoom write them) form one turn
 * from the first cue's start to the last cue's end; untimed turns are never merged.
 */
export function detectTranscript(text: string): TranscriptStructure {
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
  const forms = { nameTime: 0, timeName: 0, bare: 0, underTime: 0 };
  /** Whether the last line with text was a time line (a timestamp or a time range). */
  let underTime = false;
  lines.forEach((l, i) => {
    let c = readCandidate(l.text, l.start, strengths);
    if (!c && underTime) {
      // A name alone under a time line: Teams' older downloads write the speaker's name so.
      const name = bareName(l.text);
      if (name !== null && labelStrength(name) !== 'none') {
        c = { lineStart: l.start, lineEnd: l.start + l.text.length, speaker: name, strength: 'weak', ms: null, form: 'underTime' };
      }
    }
    if (l.text.trim() !== '') underTime = timeLine(l.text) !== undefined;
    if (!c) return;
    candidates.set(i, c);
    const key = c.speaker.toLowerCase();
    counts.set(key, (counts.get(key) ?? 0) + 1);
    if (c.form) forms[c.form]++;
  });

  /** The next line after `i` with any text, or -1. */
  const nextText = (i: number): number => {
    for (let j = i + 1; j < lines.length; j++) if (lines[j].text.trim() !== '') return j;
    return -1;
  };
  /**
   * Whether a label alone on line `i` has a statement under it: not another label or time, and not a
   * timed line either unless `timed` (aTrain times the statement; in a transcript of timed lines
   * without speakers, `[00:10:00] Okay` above `[00:10:03] And then…` is speech, not a label).
   */
  const statementBelow = (i: number, timed: boolean): boolean => {
    const j = nextText(i);
    return j !== -1 && !candidates.has(j) && timeLine(lines[j].text) === undefined && (timed || !TIMESTAMP_PREFIX.test(lines[j].text));
  };
  /**
   * Labels whose line is a whole transcript's format count once the transcript shows that format:
   * three `Name  0:25` lines make every such line a turn (Otter's "Unknown Speaker", heard once);
   * a name after a time with a statement below counts when strong or recurring (Word's Transcribe);
   * a bare ID or role with a statement below counts when there are two of them (aTrain, NVivo), or
   * right under a time line; a name under a time line, as three make the format or when it recurs.
   */
  const formAccepts = (c: Candidate, i: number): boolean => {
    if (c.form === 'nameTime') return forms.nameTime >= 3;
    if (c.form === 'timeName') return statementBelow(i, false) && (c.strength === 'strong' || (counts.get(c.speaker.toLowerCase()) ?? 0) >= 2);
    if (c.form === 'bare') return forms.bare >= 2 && statementBelow(i, true);
    if (c.form === 'underTime') return (forms.underTime >= 3 || (counts.get(c.speaker.toLowerCase()) ?? 0) >= 2) && statementBelow(i, false);
    return false;
  };

  // When nearly every paragraph opens with a label (a focus group written `Name: …`), a paragraph
  // opening with a name heard once is a speaker too, not a line of the speaker above: every
  // paragraph but a header or two and those once-heard names is labelled by the rules below.
  const starts: number[] = [];
  for (let i = 0, blankAbove = true; i < lines.length; i++) {
    const blank = lines[i].text.trim() === '';
    if (!blank && blankAbove) starts.push(i);
    blankAbove = blank;
  }
  const units = starts.length >= 5 ? starts : lines.flatMap((l, i) => (l.text.trim() === '' ? [] : [i]));
  const surely = (c: Candidate) => c.strength === 'strong' || (counts.get(c.speaker.toLowerCase()) ?? 0) >= 2;
  const labelled = units.filter((i) => {
    const c = candidates.get(i);
    return c !== undefined && c.form === null && surely(c);
  }).length;
  const everyParagraph = labelled >= 4 && units.length - labelled <= Math.max(2, 0.2 * units.length);
  const unitStart = new Set(everyParagraph ? units : []);

  const opened: { start: number; speaker: string; ms: number | null }[] = [];
  /** Starts of trailer lines (see TRAILER_LINE): the turn above ends there. */
  const cuts: number[] = [];
  let pendingTimestamp: { start: number; ms: number | null } | null = null;
  lines.forEach((l, i) => {
    const c = candidates.get(i);
    // A timestamp line just above a name-shaped label is as telling as one on the same line.
    const accepted =
      c &&
      (c.form === 'timeName' || c.form === 'bare' || c.form === 'underTime'
        ? formAccepts(c, i) || (c.form !== 'timeName' && c.strength === 'strong' && pendingTimestamp !== null)
        : surely(c) || pendingTimestamp !== null || formAccepts(c, i) || (c.form === null && unitStart.has(i)));
    if (c && accepted) {
      const start = pendingTimestamp ? pendingTimestamp.start : c.lineStart;
      let ms = c.ms ?? pendingTimestamp?.ms ?? null;
      // aTrain writes the time on the statement's first line, under the bare label.
      const j = ms === null && c.form === 'bare' ? nextText(i) : -1;
      if (j !== -1) {
        const below = TIMESTAMP_PREFIX.exec(lines[j].text);
        if (below) ms = parseTimestamp(below[1] ?? below[2]);
      }
      opened.push({ start, speaker: c.speaker, ms });
      pendingTimestamp = null;
      return;
    }
    if (l.text.includes('ranscri') && TRAILER_LINE.test(l.text)) cuts.push(l.start);
    const ms = timeLine(l.text);
    if (ms !== undefined) pendingTimestamp = { start: l.start, ms };
    else if (l.text.trim() !== '') pendingTimestamp = null;
  });

  let kept = opened;
  const timed = opened.filter((o) => o.ms !== null).length;
  if (timed > 0 && timed * 2 >= opened.length) {
    const firstTimed = opened.findIndex((o) => o.ms !== null);
    kept = opened.slice(firstTimed);
  }

  let cut = 0;
  const pieces = kept.map((o, i) => {
    let next = i + 1 < kept.length ? kept[i + 1].start : text.length;
    while (cut < cuts.length && cuts[cut] <= o.start) cut++;
    if (cut < cuts.length && cuts[cut] < next) next = cuts[cut];
    // trimEnd drops exactly the code units /\s/ matches, stopping at the turn's start like a loop would.
    const end = o.start + text.slice(o.start, next).trimEnd().length;
    return { speaker: o.speaker, start: o.start, end, ms: o.ms };
  });

  const cues: Cue[] = [];
  const cueOf = new Map<number, Cue>();
  pieces.forEach((p, i) => {
    if (p.ms === null) return;
    const cue: Cue = { start: p.start, end: p.end, startMs: p.ms, endMs: null };
    const prev = cues[cues.length - 1];
    // A time earlier than the one before (a clock reset, a typo) cannot close the previous cue, nor
    // can one after untimed turns (Google Meet times a line every five minutes): when those began is unknown.
    if (prev && cueOf.has(i - 1) && p.ms >= prev.startMs) prev.endMs = p.ms;
    cues.push(cue);
    cueOf.set(i, cue);
  });

  const turns: Turn[] = [];
  pieces.forEach((p, i) => {
    const last = turns[turns.length - 1];
    const cue = cueOf.get(i);
    // One speaker's timed lines merge while their times run forward (a time going back starts a new turn).
    const prevCue = cueOf.get(i - 1);
    if (last && cue && prevCue && last.speaker === p.speaker && cue.startMs >= prevCue.startMs) {
      last.end = p.end;
      return;
    }
    turns.push({ speaker: p.speaker, start: p.start, end: p.end, startMs: p.ms, endMs: null });
  });
  // A turn's end time is its last cue's end, known once every cue has been closed.
  let c = 0;
  for (const t of turns) {
    if (t.startMs === null) continue;
    while (c + 1 < cues.length && cues[c + 1].start < t.end) c++;
    t.endMs = cues[c].endMs;
    c++;
  }
  return { turns, cues };
}

/** The speaker turns of a normalised text (see detectTranscript). */
export function detectTurns(text: string): Turn[] {
  return detectTranscript(text).turns;
}
