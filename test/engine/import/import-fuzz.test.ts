// Text imports on random mixtures of transcript lines, f4 time marks, printed line numbers and
// noScribe anchors: extractDocument never fails on them with anything but a clear BAD_FILE, and
// the document it returns is well formed (turns and cues inside the text, in order; no time mark,
// stand-in character or line number left where it was taken out). Seeded, so a failure repeats.
import { describe, expect, it } from 'vitest';
import { extractDocument } from '../../../electron/engine/import/extract';
import { rng } from '../../helpers/fixtures';

const LINES = [
  'I: Wie hat es funktioniert? #00:00:05-2#',
  'B1: Am Anfang gar nicht. #00:00:19-8#',
  'Interviewer: How did it go?',
  'ID21: Well. #12:30:00#',
  'SPEAKER_00',
  '[00:00:03] - Could you tell me?',
  'Ana Ruiz  0:13',
  'Note: the call dropped.',
  'The rollout was slow.',
  '#00:00:31-0#',
  '',
];

describe('text imports on random mixtures', () => {
  it('are well formed, with every mark and line number taken out where one is (600 files)', async () => {
    const next = rng(2312);
    for (let k = 0; k < 600; k++) {
      const n = 1 + Math.floor(next() * 30);
      let lines = Array.from({ length: n }, () => LINES[Math.floor(next() * LINES.length)]);
      const numbered = next() < 0.3;
      if (numbered) lines = lines.map((l, i) => `${i + 1}  ${l}`);
      const html = next() < 0.2;
      const body = html
        ? `<html><body>${lines.map((l, i) => `<p><a name="ts_${i * 1000}_${i * 1000 + 900}_S0${i % 2}">${l.replace(/</g, '&lt;')}</a></p>`).join('')}</body></html>`
        : lines.join('\n');
      let d;
      try {
        d = await extractDocument(html ? 'f.html' : 'f.txt', new TextEncoder().encode(body));
      } catch (err) {
        // Only a file with nothing in it may be refused.
        expect((err as { code?: string }).code).toBe('BAD_FILE');
        expect(lines.every((l) => l.replace(/^\d+ {2}/, '').trim() === '')).toBe(true);
        continue;
      }
      expect(d.text).not.toContain('\uE000');
      if (d.turns.some((t) => typeof t.startMs === 'number') && !html && /#\d\d:\d\d:\d\d-\d#/.test(body) && !/\[00:00:03\]|0:13/.test(body)) {
        expect(d.text).not.toMatch(/#\d\d:\d\d:\d\d-\d#/);
      }
      if (numbered && n >= 5 && !html) expect(d.text.split('\n').filter((l) => /^\d+ {2}/.test(l))).toEqual([]);
      let prev = 0;
      for (const t of d.turns) {
        expect(t.start).toBeGreaterThanOrEqual(prev);
        expect(t.end).toBeLessThanOrEqual(d.text.length);
        prev = t.end;
      }
      for (const c of d.cues) expect(d.turns.some((t) => t.start <= c.start && c.end <= t.end)).toBe(true);
    }
  });
});
