// Deterministic synthetic interview transcripts for the benchmarks (not test data: no assertions).
export function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = (
  'the a and of to in we that it was there project team practice patients local data risk clinical ' +
  'leadership support system care council call feedback meeting change working people really think ' +
  'shared engagement governance software quickly national guidance trust locality approach pandemic'
).split(' ');

/** A transcript of about `words` words in alternating Interviewer / participant turns. */
export function transcript(words: number, participant: string, seed: number): string {
  const rand = rng(seed);
  const lines: string[] = [];
  let n = 0;
  let turn = 0;
  while (n < words) {
    const len = turn % 2 === 0 ? 8 + Math.floor(rand() * 20) : 40 + Math.floor(rand() * 160);
    const w: string[] = [];
    for (let i = 0; i < len && n < words; i++, n++) w.push(WORDS[Math.floor(rand() * WORDS.length)]);
    lines.push(`${turn % 2 === 0 ? 'Interviewer' : participant}: ${w.join(' ')}.`);
    turn++;
  }
  return lines.join('\n') + '\n';
}

export function fmt(n: number, digits = 0): string {
  return n.toLocaleString('en-GB', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}
