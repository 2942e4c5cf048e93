// WebVTT (.vtt) and SubRip (.srt) captions → transcript text with timed speaker turns.
// Timestamps go into the turns, never into the text.

import { AccordError } from '../../../shared/errors';
import type { Cue as TimedCue, Turn } from '../../../shared/model/types';
import { isHeaderLabel, labelStrength } from '../../../shared/text/turns';

export interface SubtitleDocument {
  text: string;
  turns: Turn[];
  cues: TimedCue[];
  durationMs: number | null;
  warnings: string[];
}

interface Cue {
  startMs: number;
  endMs: number;
  speaker: string;
  text: string;
}

const VTT_TIME = /^(?:(\d+):)?([0-5]\d):([0-5]\d)\.(\d{3})$/;
const SRT_TIME = /^(\d+):([0-5]\d):([0-5]\d)[,.](\d{1,3})$/;

function toMs(m: RegExpExecArray): number {
  return ((Number(m[1] ?? 0) * 60 + Number(m[2])) * 60 + Number(m[3])) * 1000 + Number(m[4].padEnd(3, '0'));
}

/** Parses `start --> end [settings]`; throws a BAD_FILE naming the line when it is malformed. */
function parseTiming(fileName: string, line: string, lineNo: number, kind: 'vtt' | 'srt'): { startMs: number; endMs: number } {
  const re = kind === 'vtt' ? VTT_TIME : SRT_TIME;
  const [a, rest = ''] = line.split('-->');
  const b = rest.trim().split(/\s+/)[0] ?? '';
  const sa = re.exec(a.trim());
  const sb = re.exec(b);
  const shape = kind === 'vtt' ? '00:00:01.000 --> 00:00:04.000' : '00:00:01,000 --> 00:00:04,000';
  if (!sa || !sb) {
    throw new AccordError('BAD_FILE', `${fileName}: line ${lineNo}: broken timestamp "${line.trim()}" (expected ${shape})`);
  }
  const startMs = toMs(sa);
  const endMs = toMs(sb);
  if (endMs < startMs) throw new AccordError('BAD_FILE', `${fileName}: line ${lineNo}: the cue ends before it starts ("${line.trim()}")`);
  return { startMs, endMs };
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', nbsp: '\u00a0', lrm: '\u200e', rlm: '\u200f', quot: '"', apos: "'" };

/**
 * A `Name: ` prefix in a caption, as Zoom writes the speaker into every cue: any short run of words
 * before the first colon (names with spaces, hyphens, accents, apostrophes, initials and
 * parentheses: `Ana Ruiz-Gómez (SL): …`). Whether it really is a speaker is decided per file.
 */
const PREFIX = /^([^\s:][^:]{0,58}?):\s+/u;
const LOOSE_NAME_WORD = /^[([]?[\p{L}\p{M}\p{N}.'’&_-]+[)\]]?,?$/u;

/** A cue's payload lines → voice-tag speaker, possible `Name:` prefix and plain text. */
function readPayload(lines: string[]): { voice: string; prefix: string; text: string } {
  let voice = '';
  const joined = lines.join(' ');
  const tag = /<v(?:\.[^\s>]*)?\s+([^>]+)>/.exec(joined);
  if (tag) voice = tag[1].trim().replace(/\s+/g, ' ').normalize('NFC');
  const text = joined
    .replace(/<[^>]*>/g, '')
    // SubStation override tags that .srt files from subtitle editors carry: {\an8}, {\i1}.
    .replace(/\{\\[^}]*\}/g, '')
    .replace(/&(amp|lt|gt|nbsp|lrm|rlm|quot|apos);/g, (_, e: string) => ENTITIES[e])
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/\s+/g, ' ')
    .trim()
    .normalize('NFC');
  let prefix = '';
  const m = voice ? null : PREFIX.exec(text);
  if (m) {
    const words = m[1].trim().split(' ');
    // WhisperX writes the speaker in brackets, `[SPEAKER_00]: …`: the name is what is inside.
    if (words.length <= 6 && words.every((w) => LOOSE_NAME_WORD.test(w))) prefix = m[1].trim().replace(/^\[([^\]]+)\]$/, '$1');
  }
  return { voice, prefix, text };
}

/** Splits into blocks of non-blank lines, remembering each block's first line number (1-based). */
function blocks(text: string): { lineNo: number; lines: string[] }[] {
  const out: { lineNo: number; lines: string[] }[] = [];
  let cur: { lineNo: number; lines: string[] } | null = null;
  text.split('\n').forEach((raw, i) => {
    const line = raw.replace(/\s+$/, '');
    if (line === '') cur = null;
    else {
      if (!cur) out.push((cur = { lineNo: i + 1, lines: [] }));
      cur.lines.push(line);
    }
  });
  return out;
}

interface RawCue {
  startMs: number;
  endMs: number;
  voice: string;
  prefix: string;
  text: string;
}

function parseCues(fileName: string, text: string, kind: 'vtt' | 'srt'): RawCue[] {
  const all = blocks(text);
  let list = all;
  if (kind === 'vtt') {
    if (!/^WEBVTT(?:[ \t]|$)/.test(all[0]?.lines[0] ?? '')) {
      throw new AccordError('BAD_FILE', `${fileName}: is not a WebVTT file (the first line must be WEBVTT)`);
    }
    list = all.slice(1).filter((b) => !/^(NOTE|STYLE|REGION)(?:[ \t]|$)/.test(b.lines[0]));
  }
  const cues: RawCue[] = [];
  for (const b of list) {
    const t = b.lines.findIndex((l) => l.includes('-->'));
    if (t === -1 || t > 1) {
      const lineNo = b.lineNo + Math.min(1, b.lines.length - 1);
      throw new AccordError('BAD_FILE', `${fileName}: line ${lineNo}: expected a cue timing line ("start --> end")`);
    }
    if (kind === 'srt' && t === 1 && !/^\d+$/.test(b.lines[0].trim())) {
      throw new AccordError('BAD_FILE', `${fileName}: line ${b.lineNo}: expected a cue number, found "${b.lines[0]}"`);
    }
    const timing = parseTiming(fileName, b.lines[t], b.lineNo + t, kind);
    const payload = readPayload(b.lines.slice(t + 1));
    if (payload.text === '') continue;
    cues.push({ ...timing, ...payload });
  }
  return cues;
}

/**
 * Decides which `Name:` prefixes are speakers. A prefix that opens two or more cues is one (Zoom
 * writes the speaker into every cue, whatever the display name looks like: `jsmith`, `iPad de
 * Ana`); one seen once counts only when its shape alone says so (a capitalised name, a role, an
 * ID) and it is not a header word ("Note:"). Returns the cues with speaker and text settled.
 */
function settleSpeakers(raw: RawCue[]): Cue[] {
  const counts = new Map<string, number>();
  for (const c of raw) if (c.prefix) counts.set(c.prefix, (counts.get(c.prefix) ?? 0) + 1);
  return raw.map((c) => {
    if (c.voice) return { startMs: c.startMs, endMs: c.endMs, speaker: c.voice, text: c.text };
    const seen = counts.get(c.prefix) ?? 0;
    const strength = c.prefix ? labelStrength(c.prefix) : 'none';
    const speaker = c.prefix && !isHeaderLabel(c.prefix) && (strength !== 'none' || seen >= 2) ? c.prefix : '';
    const text = speaker ? c.text.slice(c.text.indexOf(':') + 1).trimStart() : c.text;
    return { startMs: c.startMs, endMs: c.endMs, speaker, text };
  });
}

/**
 * Parses a .vtt or .srt file (already decoded and normalised to LF) into a transcript.
 *
 * Speakers come from WebVTT voice tags (`<v Rosa>`, Microsoft Teams) or a `Name:` prefix in the cue
 * text (Zoom, many .srt files; see settleSpeakers). Consecutive cues of the same speaker are joined
 * into one turn (captions split sentences at arbitrary points), and a cue without a speaker
 * continues the turn before it; cues before any speaker is known stay one line each with speaker ''
 * so their timing is not lost. Each turn is one paragraph written `Speaker: text` (just `text` when
 * the speaker is unknown), paragraphs separated by a blank line; the turn spans the whole paragraph
 * and carries startMs/endMs. Every caption stays a cue with its own times: the first cue of a turn
 * spans from the paragraph's start (its label included), later ones their own words. durationMs is
 * the last cue's end.
 */
export function parseSubtitles(fileName: string, text: string, kind: 'vtt' | 'srt'): SubtitleDocument {
  const cues = settleSpeakers(parseCues(fileName, text, kind));
  if (cues.length === 0) throw new AccordError('BAD_FILE', `${fileName}: has no captions`);

  let out = '';
  const turns: Turn[] = [];
  const timed: TimedCue[] = [];
  for (const c of cues) {
    const last = turns[turns.length - 1];
    if (last && last.speaker !== '' && (c.speaker === last.speaker || c.speaker === '')) {
      out += ' ';
      const start = out.length;
      out += c.text;
      last.end = out.length;
      last.endMs = Math.max(last.endMs ?? 0, c.endMs);
      timed.push({ start, end: out.length, startMs: c.startMs, endMs: c.endMs });
      continue;
    }
    if (out !== '') out += '\n\n';
    const start = out.length;
    out += c.speaker ? `${c.speaker}: ${c.text}` : c.text;
    turns.push({ speaker: c.speaker, start, end: out.length, startMs: c.startMs, endMs: c.endMs });
    timed.push({ start, end: out.length, startMs: c.startMs, endMs: c.endMs });
  }
  const durationMs = Math.max(...cues.map((c) => c.endMs));
  return { text: out, turns, cues: timed, durationMs, warnings: [] };
}
