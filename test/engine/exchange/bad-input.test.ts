// Bad REFI-QDA input at the project level: each file is refused with one line naming the problem, and
// the project is unchanged (the counts `accord info` shows, memos and the audit log before and after).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../../electron/engine/engine';
import { importRefi } from '../../../electron/engine/services/exchange';
import { tempDir } from '../../helpers/temp';
import { accord, buildStudy, snapshot } from './fixtures';

const dir = tempDir('accord-exchange-bad-');
const project = join(dir, 'study.accord');
const g = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

function qde(body: string): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="Bad" origin="Tests">
  <Users><User guid="${g(1)}" name="Ann"/></Users>
  <CodeBook><Codes><Code guid="${g(10)}" name="Only code" isCodable="true"/></Codes></CodeBook>
  <Sources>${body}</Sources>
</Project>`;
}

const source = (selections: string): string =>
  `<TextSource guid="${g(20)}" name="Doc"><PlainTextContent>Twelve chars</PlainTextContent>${selections}</TextSource>`;

/** Overwrite the declared uncompressed size of every central-directory entry. */
function patchDeclaredSize(zip: Uint8Array, size: number): Uint8Array {
  const out = zip.slice();
  const view = new DataView(out.buffer);
  for (let p = 0; p + 4 <= out.length; p++) if (view.getUint32(p, true) === 0x02014b50) view.setUint32(p + 24, size, true);
  return out;
}

const cases: [string, string, Uint8Array | string, RegExp][] = [
  ['a .qdpx that is not a zip', 'notes.qdpx', '<Project/>', /notes\.qdpx: not a zip/],
  ['a zip without a .qde', 'empty.qdpx', zipSync({ 'sources/a.txt': strToU8('text') }), /empty\.qdpx: the archive holds no \.qde project file/],
  ['XML that is not well-formed', 'broken.qde', qde('<TextSource guid="x">').replace('</Sources>', ''), /broken\.qde: XML is not well-formed \(line \d+, column \d+\)/],
  [
    'a selection past the end of its text',
    'past.qde',
    qde(source(`<PlainTextSelection guid="${g(30)}" startPosition="5" endPosition="99"><Coding guid="${g(40)}" creatingUser="${g(1)}"><CodeRef targetGUID="${g(10)}"/></Coding></PlainTextSelection>`)),
    new RegExp(`past\\.qde: selection ${g(30)} \\[5, 99\\) in source 'Doc' lies outside its text \\(12 positions.*nothing imported`),
  ],
  [
    "a Coding whose code GUID doesn't exist",
    'ghost.qde',
    qde(source(`<PlainTextSelection guid="${g(30)}" startPosition="0" endPosition="6"><Coding guid="${g(40)}"><CodeRef targetGUID="${g(99)}"/></Coding></PlainTextSelection>`)),
    new RegExp(`ghost\\.qde: Coding ${g(40)} refers to code ${g(99)}, which is not in the codebook`),
  ],
  ['a path escaping the archive', 'evil.qdpx', zipSync({ 'project.qde': strToU8(qde('')), '../../etc/evil.txt': strToU8('x') }), /evil\.qdpx: entry '\.\.\/\.\.\/etc\/evil\.txt' has a path outside the archive/],
  [
    'a nested archive named as a source (issue #12)',
    'nested.qdpx',
    zipSync({
      'project.qde': strToU8(qde(`<TextSource guid="${g(20)}" name="Inner" plainTextPath="internal://inner.zip"/>`)),
      'sources/inner.zip': zipSync({ 'a.txt': strToU8('hidden text') }),
    }),
    /nested\.qdpx \(project\.qde\): 'sources\/inner\.zip' is an archive inside the archive; nested archives are not imported/,
  ],
  [
    'a nested .qdpx behind a .txt name (issue #12)',
    'disguised.qdpx',
    zipSync({
      'project.qde': strToU8(qde(`<TextSource guid="${g(20)}" name="Inner" plainTextPath="inner.txt"/>`)),
      'sources/inner.txt': zipSync({ 'project.qde': strToU8(qde('')) }),
    }),
    /disguised\.qdpx \(project\.qde\): 'sources\/inner\.txt' is an archive inside the archive/,
  ],
  ['a huge entry', 'huge.qdpx', patchDeclaredSize(zipSync({ 'project.qde': strToU8(qde('')) }), 600 * 1024 * 1024), /huge\.qdpx: entry 'project\.qde' is too large \(629145600 bytes/],
];

describe('accord import with bad REFI-QDA files', () => {
  let before: Record<string, number>;
  let info: string;
  beforeAll(async () => {
    const e = new Engine({ stateDir: null });
    await e.call('project:create', { path: project });
    await buildStudy(e);
    e.close();
    info = (await accord('info', project, '--json')).out;
    const check = new Engine({ stateDir: null });
    await check.call('project:open', { path: project });
    before = snapshot(check.current);
    check.close();
  });

  it.each(cases)('%s: one clear line, exit 1, the project unchanged', async (_what, name, content, message) => {
    const file = join(dir, name);
    writeFileSync(file, content);
    const r = await accord('import', project, file);
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toMatch(message);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect((await accord('info', project, '--json')).out).toBe(info);
    const e = new Engine({ stateDir: null });
    await e.call('project:open', { path: project });
    expect(snapshot(e.current)).toEqual(before);
    e.close();
  });

  it('a file that fails while writing leaves nothing half-imported', async () => {
    const e = new Engine({ stateDir: null });
    await e.call('project:open', { path: project });
    // Valid file; the database refuses the second coding, after the codes and the document went in.
    const file = qde(
      source(
        `<PlainTextSelection guid="${g(30)}" startPosition="0" endPosition="6"><Coding guid="${g(40)}" creatingUser="${g(1)}"><CodeRef targetGUID="${g(10)}"/></Coding></PlainTextSelection>` +
          `<PlainTextSelection guid="${g(31)}" startPosition="7" endPosition="12"><Coding guid="${g(41)}" creatingUser="${g(1)}"><CodeRef targetGUID="${g(10)}"/></Coding></PlainTextSelection>`,
      ),
    );
    e.current.db.exec("CREATE TEMP TRIGGER fail_import BEFORE INSERT ON codings WHEN NEW.start = 7 BEGIN SELECT RAISE(ABORT, 'simulated failure'); END");
    expect(() => importRefi(e.current, 'late.qde', strToU8(file))).toThrow(/simulated failure/);
    expect(snapshot(e.current)).toEqual(before);
    e.current.db.exec('DROP TRIGGER fail_import');
    const r = importRefi(e.current, 'late.qde', strToU8(file));
    expect(r.created).toMatchObject({ codes: 1, documents: 1, codings: 2 });
    e.close();
  });
});
