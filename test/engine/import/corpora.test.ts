// Real-data import tests on the shared corpora (/work/shared/corpora, next to the repo).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { extractDocument } from '../../../electron/engine/import/extract';
import { parseParticipantsCsv } from '../../../electron/engine/import/csv';
import { describeIf } from '../../helpers/shared-dir';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const corpora = path.resolve(repoRoot, '..', 'shared', 'corpora');
const read = (rel: string) => new Uint8Array(readFileSync(path.join(corpora, rel)));

function txtFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? txtFiles(path.join(dir, e.name)) : e.name.endsWith('.txt') ? [path.join(dir, e.name)] : [],
  );
}

// The corpora live outside the repository (in /work/shared); CI checkouts without them skip.
describeIf(existsSync(corpora), '../shared/corpora')('shared corpora', () => {
  it('imports every .txt with turns; text is the file minus its final newline', async () => {
    const files = txtFiles(corpora);
    expect(files.length).toBeGreaterThanOrEqual(4);
    for (const f of files) {
      const d = await extractDocument(path.basename(f), new Uint8Array(readFileSync(f)));
      expect(d.text).toBe(readFileSync(f, 'utf8').replace(/\r\n?/g, '\n').replace(/\s+$/, ''));
      expect(d.turns.length, f).toBeGreaterThan(0);
      for (const t of d.turns) expect(d.text.slice(t.start, t.end)).toMatch(new RegExp(`^(\\[[\\d:]+\\]\\n)?\\[?${t.speaker}`));
    }
  });

  // SOURCES.md gives 2173, 2834 and 2396 characters; those include the final newline, which
  // normalisation drops (trailing whitespace is trimmed), hence one less.
  it.each([
    ['curso-qualcoder-es/05-entrevista-ejemplo.txt', 2172, 14, ['Entrevistadora', 'Rosa']],
    ['curso-qualcoder-es/09-entrevista-cuidado.txt', 2833, 18, ['Entrevistador', 'Guadalupe']],
  ])('%s: %i chars, %i alternating turns', async (rel, length, count, speakers) => {
    const d = await extractDocument(path.basename(rel), read(rel));
    expect(d.text.length).toBe(length);
    expect(d.turns).toHaveLength(count); // counted with grep -cE '^(Speaker1|Speaker2):'
    expect(d.turns.map((t) => t.speaker)).toEqual(Array.from({ length: count }, (_, i) => speakers[i % 2]));
    // The header ("Proyecto: ...", "Duración: ...") is not a turn: the first turn is the first question.
    expect(d.text.slice(d.turns[0].start, d.turns[0].start + speakers[0].length + 1)).toBe(`${speakers[0]}:`);
    expect(d.turns.at(-1)?.end).toBe(d.text.length);
    expect(d.participant).toBeNull();
  });

  it('12-transcripcion-grupo-focal.txt: 21 timed turns, 7 speakers, header not a turn', async () => {
    const d = await extractDocument('12-transcripcion-grupo-focal.txt', read('curso-qualcoder-es/12-transcripcion-grupo-focal.txt'));
    expect(d.text.length).toBe(2395);
    expect(d.turns).toHaveLength(21); // 21 "[hh:mm:ss]" lines, each followed by "Name: ..."
    expect(new Set(d.turns.map((t) => t.speaker))).toEqual(
      new Set(['Moderadora', 'Rosa', 'Guadalupe', 'Martín', 'Teresa', 'Luis', 'Carmen']),
    );
    expect(d.turns[0]).toMatchObject({ speaker: 'Moderadora', startMs: 1000 });
    expect(d.text.slice(d.turns[0].start, d.turns[0].end)).toBe(
      '[00:00:01]\nModeradora: Vamos a empezar por algo sencillo. ¿Cómo describirían su semana en tres palabras?',
    );
    expect(d.turns[1]).toMatchObject({ speaker: 'Rosa', startMs: 8000 });
    expect(d.turns.at(-1)).toMatchObject({ speaker: 'Teresa', startMs: 140_000 }); // [00:02:20]
    expect(d.turns.every((t) => typeof t.startMs === 'number')).toBe(true);
  });

  it('qualcoder transcript.txt: [id1]/[id2]/[id3] speakers, no single participant', async () => {
    const d = await extractDocument('transcript.txt', read('qualcoder-examples/transcript.txt'));
    expect(d.turns.map((t) => t.speaker)).toEqual(['id1', 'id2', 'id3', 'id1', 'id3', 'id1', 'id2']);
    expect(d.text.slice(d.turns[1].start, d.turns[1].end)).toBe(
      '[id2] I am struggling with the lecture slides. I felt that they were too busy and I switched off.',
    );
    expect(d.participant).toBeNull();
  });

  it.each([
    ['interview_A.csv', 32, 'Alex Morgan', 181_000],
    ['interview_B.csv', 32, 'Priya Sharma', 181_000],
    ['interview_C.csv', 30, 'David Kim', 170_000],
  ])('IBM %s: %i rows as timed turns', async (name, rows, interviewee, lastMs) => {
    const bytes = read(`ibm-qux360-synthetic-interviews/${name}`);
    const d = await extractDocument(name, bytes);
    expect(d.format).toBe('csv');
    expect(d.turns).toHaveLength(rows); // data rows counted with Python's csv module
    expect(new Set(d.turns.map((t) => t.speaker))).toEqual(new Set(['Jordan Lee', interviewee]));
    expect(d.turns.at(-1)?.startMs).toBe(lastMs); // last timestamp 3:01 or 2:50
    expect(d.durationMs).toBe(lastMs);
    expect(d.text.startsWith('Jordan Lee: Thanks for joining today,')).toBe(true);
    expect(d.text).toContain('’'); // curly quotes survive decoding
    // The participants reader also accepts the file (BOM, CRLF, quoted commas); "timestamp" is the first column.
    const table = parseParticipantsCsv(name, new TextDecoder().decode(bytes), 'statement');
    expect(table.rows).toHaveLength(rows);
    expect(table.attributes).toEqual(['timestamp', 'speaker']);
  });
});
