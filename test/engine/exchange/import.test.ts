// Importing REFI-QDA files into a project: users → coders, codes with hierarchy, GUIDs and colours,
// text sources → documents, codings by the Coding's creatingUser, notes → memos, cases + variables →
// participants + attributes, sets → document groups (code sets reported); the NVivo 12.6 sample's
// counts and coded words, the ATLAS.ti 8.4 sample's sets.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { samplesDir } from '../refi/helpers';
import { tempDir } from '../../helpers/temp';
import { emptyProject, projectView } from './fixtures';
import { describeIf } from '../../helpers/shared-dir';

const dir = tempDir('accord-exchange-import-');
const g = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

/**
 * An NVivo-style archive: BOM + CRLF + emoji in the source file, UTF-16 offsets.
 * Raw "Hi 😀\r\nthere 👍 ok\r\nbye": "there" [7,12), "ok" [16,18), "bye" [20,23) in UTF-16 units with
 * CRLF as 2; in Accord's normalised text "Hi 😀\nthere 👍 ok\nbye" they are [6,11), [15,17), [18,21).
 */
function nvivoStyle(): Uint8Array {
  const qde = `<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="Synthetic" origin="NVivo for Windows 12.6">
  <Users><User guid="{${g(1).toUpperCase()}}" name="Ann"/><User guid="${g(2)}" name="Bob"/></Users>
  <CodeBook><Codes>
    <Code guid="${g(10)}" name="Folder" isCodable="false" color="#F00"><Description>A folder.</Description>
      <Code guid="${g(11)}" name="Child" isCodable="true"/>
      <Code guid="${g(12)}" name="Child" isCodable="true"><NoteRef targetGUID="${g(90)}"/></Code>
    </Code>
    <Code guid="${g(13)}" name="Top" isCodable="true" color="#00aa00"/>
  </Codes></CodeBook>
  <Variables><Variable guid="${g(70)}" name="age" typeOfVariable="Integer"/><Variable guid="${g(71)}" name="role" typeOfVariable="Text"/></Variables>
  <Cases><Case guid="${g(60)}" name="P1">
    <VariableValue><VariableRef targetGUID="${g(70)}"/><IntegerValue>42</IntegerValue></VariableValue>
    <VariableValue><VariableRef targetGUID="${g(71)}"/><TextValue>nurse</TextValue></VariableValue>
    <SourceRef targetGUID="${g(20)}"/></Case></Cases>
  <Sources>
    <TextSource guid="${g(20)}" name="Interview 1.docx" plainTextPath="internal://${g(20)}.txt">
      <PlainTextSelection guid="${g(30)}" startPosition="7" endPosition="12" creatingUser="${g(1)}">
        <Coding guid="${g(40)}" creatingUser="${g(2)}"><CodeRef targetGUID="${g(11)}"/></Coding>
        <Coding guid="${g(41)}" creatingUser="${g(1)}"><CodeRef targetGUID="${g(13)}"/></Coding>
        <NoteRef targetGUID="${g(91)}"/>
      </PlainTextSelection>
      <PlainTextSelection guid="${g(31)}" startPosition="16" endPosition="18">
        <Coding guid="${g(42)}" creatingUser="${g(2)}"><CodeRef targetGUID="${g(10)}"/></Coding>
      </PlainTextSelection>
      <PlainTextSelection guid="${g(32)}" startPosition="20" endPosition="23">
        <Coding guid="${g(43)}" creatingUser="${g(5)}"><CodeRef targetGUID="${g(12)}"/></Coding>
      </PlainTextSelection>
      <NoteRef targetGUID="${g(92)}"/>
    </TextSource>
    <PDFSource guid="${g(21)}" name="scan.pdf" path="internal://${g(21)}.pdf"><PDFSelection guid="${g(33)}" page="1" firstX="0" firstY="0" secondX="1" secondY="1"><Coding guid="${g(44)}"><CodeRef targetGUID="${g(13)}"/></Coding></PDFSelection></PDFSource>
  </Sources>
  <Notes>
    <Note guid="${g(90)}" name="code memo"><PlainTextContent>About the second child.</PlainTextContent></Note>
    <Note guid="${g(91)}" name="quote memo"><PlainTextContent>On "there".</PlainTextContent></Note>
    <Note guid="${g(92)}" name="source memo"><PlainTextContent>Whole interview.</PlainTextContent></Note>
    <Note guid="${g(93)}" name="loose"><PlainTextContent>Project-level.</PlainTextContent></Note>
  </Notes>
  <Sets><Set guid="${g(80)}" name="Nurses"><MemberSource targetGUID="${g(20)}"/></Set></Sets>
</Project>`;
  return zipSync({ 'project.qde': strToU8(qde), [`Sources/${g(20)}.txt`]: strToU8('\uFEFFHi \u{1F600}\r\nthere \u{1F44D} ok\r\nbye') });
}

const b64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');

describe('exchange:import', () => {
  it('maps an NVivo-style archive into the project and reports what it did', async () => {
    const e = await emptyProject(dir, 'nvivo-style.accord');
    const r = await e.call('exchange:import', { fileName: 'synthetic.qdpx', dataBase64: b64(nvivoStyle()) });
    expect(r).toMatchObject({ kind: 'project', users: 2, codes: 4, sources: 1, codings: 4, notes: 4, cases: 1, offsetUnit: 'utf16', crlfCountsAs: 2 });
    expect(r.created).toEqual({ coders: 3, codes: 4, documents: 1, codings: 4, memos: 4, participants: 1, attributes: 2 });
    expect(r.skipped).toEqual(expect.arrayContaining(['scan.pdf (pdf): only text sources are imported; 1 codings not imported']));
    // The set of the one text source became a group; its member was imported, so nothing is reported.
    expect(r.skipped.filter((x) => x.startsWith('set '))).toEqual([]);
    expect(r.warnings).toEqual(
      expect.arrayContaining([
        `1 coding(s) on code 'Folder', which the file marks as a folder (isCodable="false"), were imported`,
        `1 coding(s) by users not listed in <Users> were given coders named 'user <guid>'`,
      ]),
    );

    const v = projectView(e.current);
    // Codes keep the file's GUIDs (braces and case normalised), hierarchy, description and colour (#F00 → #ff0000).
    // (projectView sorts by its JSON, where 'Folder > Child' comes before 'Folder'.)
    expect(v.codes).toEqual([
      { path: 'Folder > Child', guid: g(11), label: '', name: 'Child', definition: '', color: expect.stringMatching(/^#[0-9a-f]{6}$/), ord: 0 },
      { path: 'Folder > Child', guid: g(12), label: '', name: 'Child', definition: '', color: expect.stringMatching(/^#[0-9a-f]{6}$/), ord: 1 },
      { path: 'Folder', guid: g(10), label: '', name: 'Folder', definition: 'A folder.', color: '#ff0000', ord: 0 },
      { path: 'Top', guid: g(13), label: '', name: 'Top', definition: '', color: '#00aa00', ord: 1 },
    ]);
    expect(v.coders).toEqual(['Ann', 'Bob', `user ${g(5).slice(0, 8)}`]);
    // The document is named after the source without its extension, text normalised to LF.
    expect(v.documents).toEqual([{ name: 'Interview 1', text: 'Hi \u{1F600}\nthere \u{1F44D} ok\nbye', participant: 'P1' }]);
    // The coder is the Coding's creatingUser (Bob), not the selection's (Ann).
    expect(v.codings).toEqual([
      { key: 'Interview 1 | Folder > Child | Bob | 6-11', text: 'there' },
      { key: 'Interview 1 | Folder > Child | user 00000000 | 18-21', text: 'bye' },
      { key: 'Interview 1 | Folder | Bob | 15-17', text: 'ok' },
      { key: 'Interview 1 | Top | Ann | 6-11', text: 'there' },
    ]);
    expect(v.memos).toEqual([
      { target: 'code Folder > Child', title: 'code memo', body: 'About the second child.' },
      { target: 'coding Interview 1 | Folder > Child | Bob | 6-11', title: 'quote memo', body: 'On "there".' },
      { target: 'document Interview 1', title: 'source memo', body: 'Whole interview.' },
      { target: 'project', title: 'loose', body: 'Project-level.' },
    ]);
    // The code memo is on the second "Child" (g12), not the first.
    const memoCode = e.current.db.prepare('SELECT c.guid FROM memos m JOIN codes c ON c.id = m.code_id').get() as { guid: string };
    expect(memoCode.guid).toBe(g(12));
    expect(v.groups).toEqual([{ name: 'Nurses', documents: ['Interview 1'] }]);
    expect(v.attributes).toEqual([
      { pid: 'P1', name: 'age', type: 'number', value: '42' },
      { pid: 'P1', name: 'role', type: 'category', value: 'nurse' },
    ]);
    const doc = e.current.db.prepare('SELECT format, source_name, content_hash, length FROM documents').get();
    expect(doc).toMatchObject({ format: 'refi', source_name: 'Interview 1.docx', length: 21 });

    // One audit batch, action exchange.import.
    const batches = e.current.db.prepare("SELECT action, label FROM change_batches WHERE action = 'exchange.import'").all();
    expect(batches).toEqual([{ action: 'exchange.import', label: 'import synthetic.qdpx' }]);
  });

  it('reuses a document with the same text and a code with the same GUID; a second import changes nothing', async () => {
    const e = await emptyProject(dir, 'reuse.accord');
    await e.call('exchange:import', { fileName: 'synthetic.qdpx', dataBase64: b64(nvivoStyle()) });
    const before = projectView(e.current);
    const again = await e.call('exchange:import', { fileName: 'synthetic.qdpx', dataBase64: b64(nvivoStyle()) });
    expect(again.created).toEqual({ coders: 0, codes: 0, documents: 0, codings: 0, memos: 0, participants: 0, attributes: 0 });
    expect(again.warnings).toContain("source 'Interview 1.docx' has the same text as document 'Interview 1'; its codings were added to that document");
    expect(again.warnings).toContain('4 coding(s) were already in the project and were not duplicated');
    expect(projectView(e.current)).toEqual(before);
  });

  it('imports a .qdc as codebook only, matching existing codes by path', async () => {
    const e = await emptyProject(dir, 'codebook.accord');
    await e.call('codebook:create', { parentId: null, name: 'Top', definition: 'mine' });
    const qdc = `<?xml version="1.0"?>
<CodeBook xmlns="urn:QDA-XML:codebook:0:4" origin="ATLAS.ti Win 23.4.0"><Codes>
  <Code guid="${g(13)}" name="Top" isCodable="true"><Code guid="${g(14)}" name="Sub" isCodable="true" color="#123456"/></Code>
  <Code guid="${g(15)}" name="New" isCodable="true"/>
</Codes><Sets><Set guid="${g(80)}" name="grp"><MemberCode guid="${g(15)}"/></Set></Sets></CodeBook>`;
    const r = await e.call('exchange:import', { fileName: 'book.qdc', dataBase64: b64(strToU8(qdc)) });
    expect(r).toMatchObject({ kind: 'codebook', codes: 3, users: 0, sources: 0, codings: 0 });
    expect(r.created.codes).toBe(2);
    expect(r.skipped).toEqual(["set 'grp': code set not imported (Accord has no code groups)"]);
    expect(projectView(e.current).groups).toEqual([]);
    const v = projectView(e.current);
    expect(v.codes.map((c) => [c.path, c.definition])).toEqual([
      ['New', ''],
      ['Top > Sub', ''],
      ['Top', 'mine'],
    ]);
    expect(v.codes.find((c) => c.path === 'Top > Sub')?.color).toBe('#123456');
  });
});

/**
 * A bare .qde with sets of every kind: two text sources and a PDF; "Site A" holds both texts, "Themes"
 * only codes, "Mixed" a text, the PDF and a code, "Scans" only the PDF.
 */
function setsQde(): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="Sets" origin="Hand-made">
  <Users><User guid="${g(1)}" name="Ann"/></Users>
  <CodeBook><Codes><Code guid="${g(10)}" name="Alpha" isCodable="true"/><Code guid="${g(11)}" name="Beta" isCodable="true"/></Codes></CodeBook>
  <Sources>
    <TextSource guid="${g(20)}" name="First.txt"><PlainTextContent>First text.</PlainTextContent></TextSource>
    <TextSource guid="${g(21)}" name="Second.txt"><PlainTextContent>Second text.</PlainTextContent></TextSource>
    <PDFSource guid="${g(22)}" name="scan.pdf" path="file:///tmp/scan.pdf"/>
  </Sources>
  <Sets>
    <Set guid="${g(80)}" name="Site A"><MemberSource targetGUID="${g(20)}"/><MemberSource targetGUID="${g(21)}"/></Set>
    <Set guid="${g(81)}" name="Themes"><MemberCode targetGUID="${g(10)}"/><MemberCode targetGUID="${g(11)}"/></Set>
    <Set guid="${g(82)}" name="Mixed"><Description>both kinds</Description><MemberCode targetGUID="${g(10)}"/><MemberSource targetGUID="${g(20)}"/><MemberSource targetGUID="${g(22)}"/></Set>
    <Set guid="${g(83)}" name="Scans"><MemberSource targetGUID="${g(22)}"/></Set>
  </Sets>
</Project>`;
}

describe('exchange:import of sets', () => {
  it('document sets become groups (matched by name in any case), code members are reported', async () => {
    const e = await emptyProject(dir, 'sets.accord');
    // The project already has the group, in other case: the set's documents join it.
    await e.call('groups:create', { name: 'SITE A' });
    const r = await e.call('exchange:import', { fileName: 'sets.qde', dataBase64: b64(strToU8(setsQde())) });
    expect(r).toMatchObject({ sources: 2, codes: 2 });
    // Site A (matched) and Mixed (created) are groups; 2 + 1 memberships.
    expect(r.groups).toEqual({ sets: 2, created: 1, addedMembers: 3 });
    expect(projectView(e.current).groups).toEqual([
      { name: 'SITE A', documents: ['First', 'Second'] },
      { name: 'Mixed', documents: ['First'] },
    ]);
    expect(r.skipped.filter((x) => x.startsWith('set '))).toEqual([
      "set 'Themes': code set not imported (Accord has no code groups)",
      "set 'Mixed': 1 of its 2 sources (scan.pdf) were not imported as documents, so are not in group 'Mixed'",
      "set 'Mixed': 1 code member(s) not imported (Accord has no code groups); its documents are in group 'Mixed'",
      "set 'Scans': none of its 1 source(s) (scan.pdf) was imported as a document; no group made",
    ]);
    // All in the import's one batch.
    expect(e.current.db.prepare('SELECT action, count(*) AS n FROM change_batches GROUP BY action ORDER BY action').all()).toEqual([
      { action: 'exchange.import', n: 1 },
      { action: 'group.create', n: 1 },
    ]);

    // Importing the same file again adds no group and no membership.
    const before = projectView(e.current);
    const again = await e.call('exchange:import', { fileName: 'sets.qde', dataBase64: b64(strToU8(setsQde())) });
    expect(again.groups).toEqual({ sets: 2, created: 0, addedMembers: 0 });
    expect(projectView(e.current)).toEqual(before);
  });
});

describeIf(existsSync(samplesDir), '../shared/refi-qda/samples')('importing the public samples (needs /work/shared/refi-qda)', () => {
  it('NVivo 12.6: 2 coders, 152 codes, 2 documents, 303 codings, each on the intended words', async () => {
    const file = path.join(samplesDir, 'nvivo-12.6-win_hungarian-comments_2users.qdpx');
    const bytes = readFileSync(file);
    const e = await emptyProject(dir, 'nvivo12.accord');
    const r = await e.call('exchange:import', { fileName: path.basename(file), dataBase64: bytes.toString('base64') });
    expect(r).toMatchObject({ users: 2, codes: 152, sources: 2, codings: 303, offsetUnit: 'utf16', skipped: [] });
    expect(e.info()).toMatchObject({ coders: 2, codes: 152, documents: 2, codings: 303 });

    // Independent check (SOURCES.md: NVivo offsets are UTF-16 units of the .txt without its BOM,
    // CRLF counted as 2, i.e. plain JavaScript slicing): every coding's text is the file's selection.
    const files = unzipSync(bytes);
    const qde = new TextDecoder().decode(files['project.qde']);
    const expected: string[] = [];
    for (const src of qde.matchAll(/<TextSource guid="([^"]+)"[\s\S]*?<\/TextSource>/g)) {
      const raw = new TextDecoder().decode(files[`Sources/${src[1]}.txt`]).replace(/^\uFEFF/, '');
      for (const m of src[0].matchAll(/<PlainTextSelection [^>]*startPosition="(\d+)" endPosition="(\d+)"/g)) {
        expected.push(raw.slice(Number(m[1]), Number(m[2])).replace(/\r\n/g, '\n'));
      }
    }
    expect(expected).toHaveLength(303);
    const got = (e.current.db.prepare('SELECT text FROM codings').all() as { text: string }[]).map((x) => x.text);
    expect(got.sort()).toEqual(expected.sort());
    // All 303 codings are by the Coding's creatingUser.
    expect((e.current.db.prepare('SELECT count(DISTINCT coder_id) AS n FROM codings').get() as { n: number }).n).toBe(1);
  });

  it('ATLAS.ti 8.4: non-text sources and missing texts are listed, notes become memos', async () => {
    const file = path.join(samplesDir, 'atlasti-8.4-mac_refi-standard-project.qde');
    const e = await emptyProject(dir, 'atlas.accord');
    const r = await e.call('exchange:import', { fileName: path.basename(file), dataBase64: readFileSync(file).toString('base64') });
    expect(r).toMatchObject({ users: 3, codes: 14, sources: 0, codings: 0, notes: 2 });
    expect(r.skipped.filter((x) => / \((pdf|picture|audio|video)\): only text sources are imported/.test(x))).toHaveLength(6);
    expect(r.skipped.filter((x) => x.includes('its plain text is not in the file'))).toHaveLength(6);
    // 16 sets (SOURCES.md; counted in the file): 11 of documents, none of which has its text in the
    // file, 4 of codes only, and the empty '<3', which becomes an empty group.
    const sets = r.skipped.filter((x) => x.startsWith('set '));
    expect(sets.filter((x) => x.endsWith('was imported as a document; no group made'))).toHaveLength(11);
    expect(sets.filter((x) => x.endsWith(': code set not imported (Accord has no code groups)')).sort()).toEqual([
      "set 'Breakfast food': code set not imported (Accord has no code groups)",
      "set 'Feelings': code set not imported (Accord has no code groups)",
      "set 'negative feelings': code set not imported (Accord has no code groups)",
      "set 'positive feelings': code set not imported (Accord has no code groups)",
    ]);
    expect(sets).toHaveLength(15);
    expect(sets).toContain("set 'Coke': none of its 2 source(s) (1994 Diet Coke-Diet Coke Break.mp4, 1960s Coca Cola commercial.mp4) was imported as a document; no group made");
    expect(projectView(e.current).groups).toEqual([{ name: '<3', documents: [] }]);
    expect(e.info()).toMatchObject({ coders: 3, codes: 14, documents: 0 });
    expect(projectView(e.current).memos.map((m) => m.title).sort()).toEqual(['My favorite Coke ad', 'Research Plan']);
  });
});
