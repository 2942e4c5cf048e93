// Line numbers printed before each line of a transcript (Word's line numbering in a PDF, a
// transcription service's numbered lines: `12  B1: It went well`). Readers cite "lines 12–15";
// in Accord they would sit inside every quote and hide every speaker label, so a consistently
// numbered text loses them at import.

const NUMBERED = /^[ \t]*(\d{1,5})(?:[ \t]+|$)/;

/** Fewer lines than this are too few to tell numbering from content. */
const MIN_LINES = 5;

/**
 * The lines without their line numbers, or null when the text is not numbered throughout: at least
 * four lines in five with text start with a number, the first of them 1, and nine steps in ten go
 * up by one (a restart at 1, on a new page, counts as one). A table of years or figures does not
 * start at 1 and step by one, nor does a numbered list (`1.`).
 */
export function stripLineNumbers(lines: readonly string[]): string[] | null {
  let withText = 0;
  let numbered = 0;
  let steps = 0;
  let byOne = 0;
  let first: number | null = null;
  let prev: number | null = null;
  for (const line of lines) {
    if (line.trim() === '') continue;
    withText++;
    const m = NUMBERED.exec(line);
    // Most texts show within a few lines that they are not numbered: stop reading them there.
    if (!m) {
      if (withText - numbered > Math.max(5, 0.2 * withText)) return null;
      continue;
    }
    numbered++;
    const n = Number(m[1]);
    first ??= n;
    if (first !== 1) return null;
    if (prev !== null) {
      steps++;
      if (n === prev + 1 || n === 1) byOne++;
    }
    prev = n;
  }
  if (withText < MIN_LINES || first !== 1 || numbered < 0.8 * withText || byOne < 0.9 * steps) return null;
  return lines.map((line) => {
    const m = NUMBERED.exec(line);
    return m ? line.slice(m[0].length) : line;
  });
}

/** What the import summary says of a file whose line numbers were taken out: its text differs from the file's. */
export function lineNumbersNote(fileName: string): string {
  return `${fileName}: its printed line numbers were taken out of the text`;
}
