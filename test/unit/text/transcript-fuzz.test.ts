// Turn detection on random mixtures of every line shape it reads (and prose around them): it never
// throws, and what it returns is well formed: turns in order inside the text, each cue inside a
// turn, times never negative, every turn's end after its start. Seeded, so a failure repeats.
import { describe, expect, it } from 'vitest';
import { rng } from '../../helpers/fixtures';
import { detectTranscript } from '../../../shared/text/turns';

const SHAPES = [
  'Interviewer: How did it go?',
  'ID21: It went well.',
  'Ana Ruiz  0:13',
  '[Ana Ruiz] 14:05:12',
  '00:00:07 Speaker 2',
  'SPEAKER_00',
  '[SPEAKER_01]: Yes.',
  '[00:00:00] - Thanks for joining.',
  '0:0:6.120 --> 0:0:9.300',
  '00:61:00',
  '00:05:00',
  '[00:01:02] Rosa: Bien.',
  'Rosa (00:01:02): Bien.',
  '00:03:40.5Zack: Fair enough.',
  '0:00:05\u00a0Interviewer: Hello.',
  'Interviewer\tThanks for joining today.',
  '00:00:04\tID41\tSure. I work as a nurse.',
  'Rosa Mendes',
  'I',
  'Note: the call dropped.',
  'Transcribed by https://otter.ai',
  'Ana Ruiz stopped transcription',
  'The rollout was slow, and the nurses adapted first.',
  '14:05:12 From Ana to Everyone:',
  '',
  '',
];

function randomText(next: () => number): string {
  const n = 1 + Math.floor(next() * 40);
  return Array.from({ length: n }, () => SHAPES[Math.floor(next() * SHAPES.length)]).join('\n');
}

describe('turn detection on random mixtures of shapes', () => {
  it('never throws and returns well-formed turns and cues (2,000 texts)', () => {
    const next = rng(23);
    for (let k = 0; k < 2000; k++) {
      const text = randomText(next);
      const { turns, cues } = detectTranscript(text);
      let prev = 0;
      for (const t of turns) {
        expect(t.start).toBeGreaterThanOrEqual(prev);
        expect(t.end).toBeGreaterThanOrEqual(t.start);
        expect(t.end).toBeLessThanOrEqual(text.length);
        expect(t.speaker).not.toBe('');
        if (typeof t.startMs === 'number') expect(t.startMs).toBeGreaterThanOrEqual(0);
        if (typeof t.startMs === 'number' && typeof t.endMs === 'number') expect(t.endMs).toBeGreaterThanOrEqual(t.startMs);
        prev = t.end;
      }
      for (const c of cues) {
        expect(turns.some((t) => t.start <= c.start && c.end <= t.end)).toBe(true);
        expect(c.startMs).toBeGreaterThanOrEqual(0);
      }
    }
  });
});
