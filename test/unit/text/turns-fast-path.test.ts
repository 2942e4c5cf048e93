// detectTurns' shortcuts: a turn's end found with trimEnd instead of a per-character /\s/ loop, and
// each label's strength worked out once per text. Both must give what the plain definitions give.
import { describe, expect, it } from 'vitest';
import { detectTurns } from '../../../shared/text/turns';
import { rng } from '../../helpers/fixtures';


/** Whitespace /\s/ matches (ASCII, Unicode spaces, separators, BOM) and look-alikes it does not (ZWSP). */
const TAILS = [' ', '\t', '\n', '\n\n', '\u00a0', '\u3000', '\u2028', '\ufeff', '\u200b', 'x', '.', '\u00e9', '\ud83d\ude00', '\ud800'];
const LABELS = ['Interviewer:', 'ID21:', '[00:01:02] Rosa Díaz:', 'Rosa Díaz:', 'Note:', 'P03:', '[id1]', 'Moderator (Alicia):'];
const WORDS = ['we', 'shared', 'the data', 'Q:', 'time 10:30', 'http://x', 'café'];

function randomTranscript(rand: () => number): string {
  const pick = <T,>(xs: T[]) => xs[Math.floor(rand() * xs.length)];
  const lines: string[] = [];
  const n = 1 + Math.floor(rand() * 12);
  for (let i = 0; i < n; i++) {
    const label = rand() < 0.7 ? `${pick(LABELS)} ` : '';
    let body = '';
    for (let k = Math.floor(rand() * 5); k > 0; k--) body += `${pick(WORDS)} `;
    let tail = '';
    for (let k = Math.floor(rand() * 4); k > 0; k--) tail += pick(TAILS);
    lines.push(label + body + tail);
  }
  return lines.join('\n');
}

describe('detectTurns shortcuts', () => {
  it('ends every turn where the per-character /\\s/ loop would (random texts with Unicode whitespace)', () => {
    const rand = rng(5);
    let checked = 0;
    for (let i = 0; i < 2000; i++) {
      const text = randomTranscript(rand);
      const turns = detectTurns(text);
      turns.forEach((t, k) => {
        const next = k + 1 < turns.length ? turns[k + 1].start : text.length;
        // The definition: step back from the next turn's start over whitespace, never past this start.
        let end = next;
        while (end > t.start && /\s/.test(text[end - 1])) end--;
        expect(t.end).toBe(end);
        checked++;
      });
    }
    expect(checked).toBeGreaterThan(2000);
  });

  it('classifies a repeated label the same way every time it opens a line', () => {
    // "Rosa Díaz" is name-shaped: a turn when it recurs or follows a timestamp. "Note" never is.
    const text = ['Note: recorded at home', 'Rosa Díaz: first', 'Note: second note', 'Interviewer: and?', 'Rosa Díaz: again'].join('\n');
    expect(detectTurns(text).map((t) => t.speaker)).toEqual(['Rosa Díaz', 'Interviewer', 'Rosa Díaz']);
    const many = Array.from({ length: 300 }, (_, i) => (i % 3 === 0 ? 'Note: n' : i % 3 === 1 ? 'Interviewer: q' : 'ID21: a')).join('\n');
    const turns = detectTurns(many);
    expect(turns.length).toBe(200);
    expect(new Set(turns.map((t) => t.speaker))).toEqual(new Set(['Interviewer', 'ID21']));
  });
});
