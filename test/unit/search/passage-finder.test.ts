// "Code all hits" by sentence over many hits of one text: passageFinder splits each paragraph once and
// must give exactly what passageFor gives hit by hit (sentences inside the hit's paragraph, a turn's
// speaker label left out, whitespace trimmed), on random texts of sentences, lines and turns.
import { describe, expect, it } from 'vitest';
import type { Span, Turn } from '../../../shared/model/types';
import { passageFinder, passageFor, type PassageUnit } from '../../../shared/search/units';
import { rng } from '../../helpers/fixtures';

describe('passageFinder', () => {
  it('equals passageFor for every hit, by sentence, turn and hit, on random texts', () => {
    const random = rng(2026);
    const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];
    const words = ['we', 'shared', 'records', 'Dr. Lee', 'agreed', 'e.g.', 'the plan', 'worked', '"quoted."', '(aside)', 'etc.)', '3.5', 'U.S.', '—', '…'];
    for (let round = 0; round < 150; round++) {
      // Lines of speaker turns ("ID1: …") and plain paragraphs, sentences ending in . ? or !
      const lines: string[] = [];
      const turns: Turn[] = [];
      let at = 0;
      for (let l = 0; l < 1 + Math.floor(random() * 5); l++) {
        const speaker = random() < 0.6 ? `${pick(['ID1', 'Interviewer', 'ID22'])}: ` : '';
        let line = speaker;
        for (let k = 0; k < 1 + Math.floor(random() * 4); k++) {
          for (let w = 0; w < 1 + Math.floor(random() * 4); w++) line += `${pick(words)} `;
          line = `${line.trimEnd()}${pick(['.', '?', '!', '.'])} `;
        }
        line = line.trimEnd();
        if (speaker) turns.push({ speaker: speaker.slice(0, -2), start: at, end: at + line.length } as Turn);
        lines.push(line);
        at += line.length + 1;
      }
      const text = lines.join('\n');
      // Hits: every occurrence of a word (as search finds them).
      const term = pick(['shared', 'records', 'plan', 'we', 'agreed']);
      const hits: Span[] = [];
      for (let i = text.indexOf(term); i !== -1; i = text.indexOf(term, i + 1)) hits.push({ start: i, end: i + term.length });
      for (const unit of ['sentence', 'turn', 'hit'] as PassageUnit[]) {
        // The default window, and windows of 8 to 64 characters: sentences found a window at a time.
        for (const window of [4096, 8, 16, 64]) {
          const find = passageFinder(text, unit, turns, 'en', window);
          for (const h of hits) expect(find(h), JSON.stringify({ text, h, unit, window })).toEqual(passageFor(text, h, unit, turns));
        }
      }
    }
  });

  it('a sentence in a long one-line text, many hits; a sentence longer than the window', () => {
    const text = 'We shared the records. '.repeat(20_000).trimEnd();
    const find = passageFinder(text, 'sentence');
    const at = text.indexOf('records', 400_000);
    const span = find({ start: at, end: at + 7 });
    expect(text.slice(span.start, span.end)).toBe('We shared the records.');
    // One sentence of 3,000 characters in 16-character windows: the window grows until it holds a boundary.
    const long = `Short one. Very ${'very '.repeat(600)}long indeed. Last.`;
    const hit = { start: long.indexOf('long'), end: long.indexOf('long') + 4 };
    expect(passageFinder(long, 'sentence', [], 'en', 16)(hit)).toEqual(passageFor(long, hit, 'sentence'));
    expect(long.slice(passageFor(long, hit, 'sentence').start, passageFor(long, hit, 'sentence').end)).toMatch(/^Very very .*long indeed\.$/);
  });
});
