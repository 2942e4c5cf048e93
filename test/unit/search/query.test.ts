// Search query parsing, the FTS5 expression, hit offsets and the passage units of "code all hits".
// Expected offsets are counted by hand on the strings in each test.
import { describe, expect, it } from 'vitest';
import { findHits, findHitsTokenized, fold, ftsExpression, parseQuery, tokenize } from '../../../shared/search/query';
import { passageFor, sentenceAround } from '../../../shared/search/units';

describe('parseQuery and ftsExpression', () => {
  it('reads words, phrases, prefixes and OR', () => {
    const q = parseQuery('care "Shared  Record" integrat* OR Café');
    expect(parseQuery('"shared rec*"').terms).toEqual([{ tokens: ['shared', 'rec'], prefix: true }]);
    expect(q.terms).toEqual([
      { tokens: ['care'], prefix: false },
      { tokens: ['shared', 'record'], prefix: false },
      { tokens: ['integrat'], prefix: true },
      { tokens: ['cafe'], prefix: false },
    ]);
    expect(q.operators).toEqual(['AND', 'AND', 'OR']);
    expect(ftsExpression(q)).toBe('"care" AND "shared record" AND "integrat" * OR "cafe"');
  });

  it('splits punctuation inside a word as the index does, and quotes FTS syntax away', () => {
    expect(parseQuery("don't").terms).toEqual([{ tokens: ['don', 't'], prefix: false }]);
    // NEAR, AND, column filters and parentheses are only words here.
    expect(ftsExpression(parseQuery('text:NEAR(a) AND'))).toBe('"text near a" AND "and"');
  });

  it('refuses a query with no words', () => {
    expect(() => parseQuery(' "" * -- ')).toThrow(/has no words/);
  });
});

describe('tokenize and fold', () => {
  it('folds case and accents like unicode61 remove_diacritics 2', () => {
    expect(fold('Café')).toBe('cafe');
    expect(fold('NAÏVE')).toBe('naive');
    expect(tokenize('São Paulo, 2021!').map((t) => [t.start, t.end, t.folded])).toEqual([
      [0, 3, 'sao'],
      [4, 9, 'paulo'],
      [11, 15, '2021'],
    ]);
  });
});

describe('findHits', () => {
  const text = 'ID05: Shared records helped. The shared record was late; sharing mattered.';
  it('finds phrases and prefixes with exact offsets, merging overlaps', () => {
    // "Shared records" starts at 6; "shared record" at 33 ("ID05: Shared records helped. The " is 33 long).
    expect(findHits(text, parseQuery('"shared record"'))).toEqual([{ start: 33, end: 46 }]);
    const hits = findHits(text, parseQuery('shar*'));
    expect(hits.map((h) => text.slice(h.start, h.end))).toEqual(['Shared', 'shared', 'sharing']);
    // "record*" and "records" overlap on one word: one hit.
    expect(findHits(text, parseQuery('record* records')).map((h) => text.slice(h.start, h.end))).toEqual(['records', 'record']);
  });

  it('matches across accents and case, reporting the text as written', () => {
    const t = 'Le café du coin. Un CAFE noir.';
    expect(findHits(t, parseQuery('cafe')).map((h) => t.slice(h.start, h.end))).toEqual(['café', 'CAFE']);
  });
});

describe('passageFor', () => {
  const text = 'Interviewer: What helped?\n\nID21: We met daily. The data was late. It improved.\n\nNotes without a speaker here.';
  const turns = [
    { speaker: 'Interviewer', start: 0, end: 25 },
    { speaker: 'ID21', start: 27, end: 78 },
  ];
  const at = (w: string) => ({ start: text.indexOf(w), end: text.indexOf(w) + w.length });

  it('hit, sentence (without the speaker label) and turn', () => {
    expect(passageFor(text, at('data'), 'hit', turns)).toEqual(at('data'));
    const s = passageFor(text, at('data'), 'sentence', turns);
    expect(text.slice(s.start, s.end)).toBe('The data was late.');
    const first = sentenceAround(text, at('met'), turns);
    expect(text.slice(first.start, first.end)).toBe('We met daily.');
    const t = passageFor(text, at('data'), 'turn', turns);
    expect(text.slice(t.start, t.end)).toBe('ID21: We met daily. The data was late. It improved.');
  });

  it('a hit outside any turn codes its paragraph as the turn', () => {
    const p = passageFor(text, at('speaker'), 'turn', turns);
    expect(text.slice(p.start, p.end)).toBe('Notes without a speaker here.');
  });
});

describe('the ASCII fast path', () => {
  it('finds exactly what the tokenising matcher finds', () => {
    const texts = [
      'Interviewer: shared engagement, shared—engagement; SHARED   engagement.\nID01: sharedengagement xshared engagements share',
      'It’s the “shared record” – care, careful, CARE-giver; 2021 care2 care',
      'café shared',
    ];
    const queries = ['"shared engagement"', 'shar*', 'care', 'care*', '"shared engagement*"', 'record OR 2021', '"it s"', 'cafe'];
    for (const t of texts) {
      for (const query of queries) {
        const q = parseQuery(query);
        expect(findHits(t, q), `${query} in ${t.slice(0, 20)}`).toEqual(findHitsTokenized(t, q));
      }
    }
    // Spot check by hand: three "shared engagement" phrases, the third in capitals across spaces.
    const t0 = texts[0];
    expect(findHits(t0, parseQuery('"shared engagement"')).map((h) => t0.slice(h.start, h.end))).toEqual([
      'shared engagement', 'shared—engagement', 'SHARED   engagement',
    ]);
  });
});

describe('the ASCII hint (the text is known to be all ASCII)', () => {
  it('finds exactly what the tokenising matcher finds, on hand-made and random all-ASCII texts', () => {
    const texts = [
      'Interviewer: shared engagement, shared--engagement; SHARED   engagement.\nID01: sharedengagement xshared engagements share',
      "It's the \"shared record\" - care, careful, CARE-giver; 2021 care2 care_plan care",
      'shared shared shared engagement engagement',
    ];
    // Random texts over a small alphabet of words and separators, so phrases and overlaps are frequent.
    const words = ['shared', 'Shared', 'SHARED', 'engagement', 'care', 'careful', 'x', '2021', 'sharedx', 'it', 's'];
    const seps = [' ', '  ', ', ', '\n', '-', "'", '_', '.', '\t'];
    let seed = 7;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    for (let k = 0; k < 200; k++) {
      let t = '';
      for (let i = 0; i < 30; i++) t += words[rand(words.length)] + seps[rand(seps.length)];
      texts.push(t);
    }
    const queries = ['"shared engagement"', 'shar*', 'care', 'care*', '"shared engagement*"', '"shared shared"', 'care OR 2021', '"it s"', 'cafe', '"x x"'];
    for (const t of texts) {
      for (const query of queries) {
        const q = parseQuery(query);
        expect(findHits(t, q, true), `${query} in ${t.slice(0, 30)}`).toEqual(findHitsTokenized(t, q));
      }
    }
  });
});

