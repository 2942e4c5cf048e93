// WebVTT (.vtt) and SubRip (.srt) captions → transcript text with timed speaker turns.
// Timestamps go into the turns, never into the text.

import { AccordError } from '../../../shared/errors';
import type { Turn } from '../../../shared/model/types';

export interface SubtitleDocument {
  text: string;
  turns: Turn[];
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

/** A cue's payload lines → speaker and plain text (tags removed, entities decoded, lines joined). */
function readPayload(lines: string[]): { speaker: string; text: string } {
  let speaker = '';
  const joined = lines.join(' ');
  const voice = /<v(?:\.[^\s>]*)?\s+([^>]+)>/.exec(joined);
  if (voice) speaker = voice[1].trim().normalize('NFC');
  let text = joined
    .replace(/<[^>]*>/g, '')
    .replace(/&(amp|lt|gt|nbsp|lrm|rlm|quot|apos);/g, (_, e: string) => ENTITIES[e])
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/\s+/g, ' ')
    .trim()
    .normalize('NFC');
  if (!speaker) {
    // "Name: text" at the start of the cue (short and capitalised, like a transcript label).
    const m = /^((?:\p{Lu}[\p{L}\p{M}.'’-]*|\d{1,4})(?: (?:\p{Lu}[\p{L}\p{M}.'’-]*|\d{1,4})){0,3}):\s+/u.exec(text);
    if (m) {
      speaker = m[1];
      text = text.slice(m[0].length);
    }
  }
  return { speaker, text };
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

function parseCues(fileName: string, text: string, kind: 'vtt' | 'srt'): Cue[] {
  const all = blocks(text);
  let list = all;
  if (kind === 'vtt') {
    if (!/^WEBVTT(?:[ \t]|$)/.test(all[0]?.lines[0] ?? '')) {
      throw new AccordError('BAD_FILE', `${fileName}: is not a WebVTT file (the first line must be WEBVTT)`);
    }
    list = all.slice(1).filter((b) => !/^(NOTE|STYLE|REGION)(?:[ \t]|$)/.test(b.lines[0]));
  }
  const cues: Cue[] = [];
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
 * Parses a .vtt or .srt file (already decoded and normalised to LF) into a transcript.
 *
 * Speakers come from WebVTT voice tags (`<v Rosa>`) or a `Name:` prefix in the cue text. Consecutive
 * cues of the same speaker are joined into one turn (captions split sentences at arbitrary points),
 * and a cue without a speaker continues the turn before it; cues before any speaker is known stay
 * one line each with speaker '' so their timing is not lost. Each turn is one paragraph written
 * `Speaker: text` (just `text` when the speaker is unknown), paragraphs separated by a blank line;
 * the turn spans the whole paragraph and carries startMs/endMs. durationMs is the last cue's end.
 */
export function parseSubtitles(fileName: string, text: string, kind: 'vtt' | 'srt'): SubtitleDocument {
  const cues = parseCues(fileName, text, kind);
  if (cues.length === 0) throw new AccordError('BAD_FILE', `${fileName}: has no captions`);

  const merged: Cue[] = [];
  for (const c of cues) {
    const last = merged[merged.length - 1];
    if (last && last.speaker !== '' && (c.speaker === last.speaker || c.speaker === '')) {
      last.text += ' ' + c.text;
      last.endMs = Math.max(last.endMs, c.endMs);
    } else merged.push({ ...c });
  }

  let out = '';
  const turns: Turn[] = [];
  for (const m of merged) {
    if (out !== '') out += '\n\n';
    const start = out.length;
    out += m.speaker ? `${m.speaker}: ${m.text}` : m.text;
    turns.push({ speaker: m.speaker, start, end: out.length, startMs: m.startMs, endMs: m.endMs });
  }
  const durationMs = Math.max(...cues.map((c) => c.endMs));
  return { text: out, turns, durationMs, warnings: [] };
}
