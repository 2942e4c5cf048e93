// Issue #12: REFI-QDA sources whose plainTextPath is not `internal://…`. The qc tool
// (github.com/cproctor/qualitative-coding, refi_qda/writer.py, older releases) writes the bare file
// name (`plainTextPath="interview.txt"`) for a file it stores at `sources/interview.txt`, one
// PlainTextSelection per coded line named `line:N`, offsets counting each line with its newline.
// Other tools write `Sources/` (NVivo), a sub-folder, or the absolute `file://` path of the author's copy.
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readRefi, resolveSourcePath } from '../../../electron/engine/refi/read';
import { openZip } from '../../../electron/engine/refi/zip';
import { newProject, tempDir } from '../../helpers/temp';
import { Buffer } from 'node:buffer';

const g = (n: number): string => `6f1c2d3e-0000-4000-8000-${String(n).padStart(12, '0')}`;

const LINES = [
  'Interviewer: What brought you to the programme?\n',
  'Student: Honestly, my friends were all signing up.\n',
  'Interviewer: And now?\n',
  'Student: Now I stay because I can build things myself.\n',
];
const TEXT = LINES.join('');
const lineSpan = (i: number): [number, number] => {
  const start = LINES.slice(0, i).join('').length;
  return [start, start + LINES[i].length];
};

/** A qc-shaped export: two coders, a nested codebook, codings on lines 1 and 3 (0-based). */
function qcExport(path: string, sourcesEntry: string): Uint8Array {
  const coded: [number, string, number][] = [
    [1, 'Ann', 11],
    [1, 'Ben', 11],
    [3, 'Ann', 12],
    [3, 'Ben', 13],
  ];
  const byLine = new Map<number, [string, number][]>();
  for (const [line, coder, code] of coded) byLine.set(line, [...(byLine.get(line) ?? []), [coder, code]]);
  let k = 100;
  const selections = [...byLine]
    .map(([line, cs]) => {
      const [s, e] = lineSpan(line);
      const codings = cs
        .map(([coder, code]) => `<Coding guid="${g(k++)}" creatingUser="${coder === 'Ann' ? g(1) : g(2)}"><CodeRef targetGUID="${g(code)}"/></Coding>`)
        .join('');
      return `<PlainTextSelection guid="${g(50 + line)}" name="line:${line}" startPosition="${s}" endPosition="${e}">${codings}</PlainTextSelection>`;
    })
    .join('');
  const qde = `<Project xmlns="urn:QDA-XML:project:1.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" origin="qc 1.4.0" name="qc project">` +
    `<Users><User name="Ann" guid="${g(1)}"/><User name="Ben" guid="${g(2)}"/></Users>` +
    `<CodeBook><Codes><Code name="motivation" guid="${g(10)}" isCodable="true">` +
    `<Code name="social" guid="${g(11)}" isCodable="true"/><Code name="making" guid="${g(12)}" isCodable="true"/></Code>` +
    `<Code name="agency" guid="${g(13)}" isCodable="true"/>` +
    `</Codes></CodeBook>` +
    `<Sources><TextSource plainTextPath="${path}" guid="${g(20)}" name="interview.txt">${selections}</TextSource></Sources></Project>`;
  return zipSync({ 'project.qde': strToU8(qde), [sourcesEntry]: strToU8(TEXT) });
}

describe('source paths in REFI-QDA archives (issue #12)', () => {
  it.each([
    ['a bare name (qc)', 'interview.txt', 'sources/interview.txt'],
    ['a bare name with NVivo\'s capital Sources/', 'interview.txt', 'Sources/interview.txt'],
    ['a relative path into a sub-folder', 'wave1/interview.txt', 'sources/wave1/interview.txt'],
    ['a relative path that names the folder', 'SOURCES/interview.txt', 'sources/interview.txt'],
    ['./ in front', './interview.txt', 'sources/interview.txt'],
    ['internal://', 'internal://interview.txt', 'sources/interview.txt'],
    ['an absolute file:// URL of the author\'s copy', 'file:///Users/cp/My%20Study/interview.txt', 'sources/interview.txt'],
    ['an absolute Windows path', 'C:\\Users\\cp\\interview.txt', 'Sources/interview.txt'],
  ])('%s: every coding lands on its words', async (_what, path, entry) => {
    const bytes = qcExport(path, entry);
    const { project, report } = readRefi('qc.qdpx', bytes);
    expect(report.warnings.filter((w) => /outside|not in the archive/.test(w))).toEqual([]);
    expect(project.sources[0].text).toBe(TEXT);
    expect(project.codings).toHaveLength(4);
    for (const c of project.codings) {
      const line = Number(c.selectionName!.slice('line:'.length));
      expect(TEXT.slice(c.start, c.end)).toBe(LINES[line]);
    }
  });

  it('imports a qc export into a project: 1 document, 4 codings by Ann and Ben on lines 2 and 4', async () => {
    const engine = await newProject(tempDir('accord-qc-'));
    const r = await engine.call('exchange:import', { fileName: 'qc.qdpx', dataBase64: Buffer.from(qcExport('interview.txt', 'sources/interview.txt')).toString('base64') });
    expect(r.created.documents).toBe(1);
    expect(r.created.codings).toBe(4);
    const doc = (await engine.call('documents:list', {}))[0];
    const codings = await engine.call('codings:list', { documentId: doc.id });
    const coders = new Map((await engine.call('coders:list', {})).map((c) => [c.id, c.name]));
    const codes = new Map((await engine.call('codebook:list', {})).map((c) => [c.id, c.name]));
    expect(codings.map((c) => [coders.get(c.coderId), codes.get(c.codeId), c.text]).sort()).toEqual(
      [
        ['Ann', 'social', LINES[1]],
        ['Ben', 'social', LINES[1]],
        ['Ann', 'making', LINES[3]],
        ['Ben', 'agency', LINES[3]],
      ].sort(),
    );
  });

  it('a file:// path to a file that is not in the archive is reported, never read from this disk', () => {
    const zip = openZip('x.qdpx', zipSync({ 'project.qde': strToU8('<Project/>'), 'sources/other.txt': strToU8('x') }));
    expect(resolveSourcePath(zip, 'file:///etc/passwd')).toBe('outside');
    expect(resolveSourcePath(zip, 'https://example.org/interview.txt')).toBe('outside');
    expect(resolveSourcePath(zip, '../other.txt')).toBeNull();
    expect(resolveSourcePath(zip, 'missing.txt')).toBeNull();
    expect(resolveSourcePath(zip, 'other.txt')?.toString()).toBeDefined();
  });
});
