// Properties of detectTranscript on random timed and untimed transcripts: turns and cues in text
// order, every cue inside one turn, times never running backwards within a cue or a turn.
import { describe, expect, it } from 'vitest';
import { detectTranscript } from '../../../shared/text/turns';
import { rng } from '../../helpers/fixtures';

const OPENINGS = ['Interviewer: ', 'ID21: ', '[00:01:02] Rosa Díaz: ', 'Rosa Díaz  1:05\n', '[Ana Ruiz] 14:03:22\n', 'Karen Lee (00:00:09):\n', 'Sonix: [00:00:05] ', '00:00:08\nP3: ', ''];
const WORDS = ['we', 'shared', 'the data', 'Relief: yes', 'at 10:30', 'Note: x', 'café', '0:13'];

describe('detectTranscript properties', () => {
  it('keeps turns and cues ordered and nested, with sane times (2,000 random transcripts)', () => {
    const rand = rng(12);
    const pick = <T,>(xs: T[]) => xs[Math.floor(rand() * xs.length)];
    let cues = 0;
    for (let i = 0; i < 2000; i++) {
      const paragraphs: string[] = [];
      for (let k = 1 + Math.floor(rand() * 10); k > 0; k--) {
        let body = '';
        for (let w = Math.floor(rand() * 5); w > 0; w--) body += `${pick(WORDS)} `;
        paragraphs.push(pick(OPENINGS) + body.trim());
      }
      const text = paragraphs.join(rand() < 0.5 ? '\n' : '\n\n');
      const s = detectTranscript(text);
      let at = 0;
      for (const t of s.turns) {
        expect(t.start).toBeGreaterThanOrEqual(at);
        expect(t.end).toBeGreaterThanOrEqual(t.start);
        at = t.end;
        if (t.startMs !== null && t.startMs !== undefined && t.endMs !== null && t.endMs !== undefined) expect(t.endMs).toBeGreaterThanOrEqual(t.startMs);
      }
      at = 0;
      for (const c of s.cues) {
        expect(c.start).toBeGreaterThanOrEqual(at);
        at = c.end;
        const owner = s.turns.filter((t) => t.start <= c.start && c.end <= t.end);
        expect(owner).toHaveLength(1);
        expect(owner[0].startMs).not.toBeNull();
        if (c.endMs !== null) expect(c.endMs).toBeGreaterThanOrEqual(c.startMs);
      }
      cues += s.cues.length;
    }
    expect(cues).toBeGreaterThan(2000);
  });
});
