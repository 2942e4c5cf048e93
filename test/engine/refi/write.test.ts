// Tests for writing REFI-QDA: every export validates against the bundled XSDs (xmllint), offsets go
// out in code points or UTF-16 as asked, and write → read gives back the same model.

import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readRefi } from '../../../electron/engine/refi/read';
import { writeQdc, writeQde, writeQdpx } from '../../../electron/engine/refi/write';
import type { QdaProject } from '../../../electron/engine/refi/model';
import { refiDir, roundTripView, samplesDir, xmllint } from './helpers';
import { describeIf } from '../../helpers/shared-dir';

const PROJECT_XSD = path.join(refiDir, 'Project.xsd');
const CODEBOOK_XSD = path.join(refiDir, 'Codebook.xsd');
const NOW = new Date('2024-01-02T03:04:05.678Z');

const g = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

/**
 * A synthetic project whose source file has a BOM, CRLF line endings and emoji. Read from an
 * NVivo-style archive (UTF-16 offsets, CRLF = 2), so the model holds already-converted offsets.
 * Raw "Hi 😀\r\nthere 👍 ok\r\nbye": "there" [7,12), "ok" [16,18), "bye" [20,23) in UTF-16 units;
 * normalised "Hi 😀\nthere 👍 ok\nbye": [6,11), [15,17), [18,21); in code points of that: [5,10), [13,15), [16,19).
 */
function syntheticArchive(): Uint8Array {
  const qde = `<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="Synthetic &amp; co" origin="NVivo for Windows 12.6">
  <Users><User guid="${g(1)}" name="Ann"/><User guid="${g(2)}" name="Bob"/></Users>
  <CodeBook><Codes>
    <Code guid="${g(10)}" name="Folder" isCodable="false" color="#FF0000"><Description>Line 1
Line 2 "quoted" &lt;b&gt;</Description>
      <Code guid="${g(11)}" name="B child" isCodable="true"/>
      <Code guid="${g(12)}" name="A child" isCodable="true"><NoteRef targetGUID="${g(90)}"/></Code>
    </Code>
    <Code guid="${g(13)}" name="Top 😀" isCodable="true" color="#0a0"/>
  </Codes></CodeBook>
  <Variables><Variable guid="${g(70)}" name="age" typeOfVariable="Integer"/><Variable guid="${g(71)}" name="role" typeOfVariable="Text"/></Variables>
  <Cases><Case guid="${g(60)}" name="P1">
    <VariableValue><VariableRef targetGUID="${g(70)}"/><IntegerValue>42</IntegerValue></VariableValue>
    <VariableValue><VariableRef targetGUID="${g(71)}"/><TextValue>nurse, day shift</TextValue></VariableValue>
    <SourceRef targetGUID="${g(20)}"/></Case></Cases>
  <Sources>
    <TextSource guid="${g(20)}" name="Interview 1" plainTextPath="internal://${g(20)}.txt" creatingUser="${g(1)}">
      <PlainTextSelection guid="${g(30)}" name="" startPosition="7" endPosition="12" creatingUser="${g(1)}">
        <Coding guid="${g(40)}" creatingUser="${g(2)}"><CodeRef targetGUID="${g(11)}"/></Coding>
        <Coding guid="${g(41)}" creatingUser="${g(1)}"><CodeRef targetGUID="${g(13)}"/></Coding>
        <NoteRef targetGUID="${g(91)}"/>
      </PlainTextSelection>
      <PlainTextSelection guid="${g(31)}" name="the ok" startPosition="16" endPosition="18">
        <Coding guid="${g(42)}" creatingUser="${g(2)}"><CodeRef targetGUID="${g(10)}"/></Coding>
      </PlainTextSelection>
      <PlainTextSelection guid="${g(32)}" startPosition="20" endPosition="23" creatingUser="${g(1)}">
        <Coding guid="${g(43)}"><CodeRef targetGUID="${g(12)}"/></Coding>
      </PlainTextSelection>
    </TextSource>
    <PDFSource guid="${g(21)}" name="scan.pdf" path="internal://${g(21)}.pdf"/>
  </Sources>
  <Notes>
    <Note guid="${g(90)}" name="code memo"><PlainTextContent>About A child.</PlainTextContent></Note>
    <Note guid="${g(91)}" name="quote memo"><PlainTextContent>Tab\there &amp; 😀</PlainTextContent></Note>
  </Notes>
  <Sets><Set guid="${g(80)}" name="group"><MemberCode targetGUID="${g(11)}"/><MemberSource targetGUID="${g(20)}"/><MemberSource targetGUID="${g(21)}"/></Set></Sets>
</Project>`;
  return zipSync({ 'project.qde': strToU8(qde), [`Sources/${g(20)}.txt`]: strToU8('\uFEFFHi \u{1F600}\r\nthere \u{1F44D} ok\r\nbye') });
}

function expectValid(xml: string, xsd: string): void {
  const r = xmllint(xml, xsd);
  expect(r.output).toMatch(/validates/);
  expect(r.ok).toBe(true);
}

function roundTrip(p: QdaProject, offsets: 'codepoint' | 'utf16'): QdaProject {
  const bytes = writeQdpx(p, { offsets, now: NOW });
  const back = readRefi('export.qdpx', bytes);
  expect(back.report.offsetUnit).toBe(offsets);
  expect(back.report.warnings).toEqual([]);
  return back.project;
}

function expectSameModel(original: QdaProject, back: QdaProject): void {
  expect(roundTripView(back, false)).toEqual(roundTripView(original, false));
  // Selection names the original had must survive; the writer fills in the others with the quoted text.
  original.codings.forEach((c, i) => {
    if (c.selectionName) expect(back.codings[i].selectionName).toBe(c.selectionName);
  });
}

describe('writeQdpx without /work/shared', () => {
  const { project } = readRefi('synthetic.qdpx', syntheticArchive());

  it('reads the synthetic fixture as intended (UTF-16, CRLF, emoji)', () => {
    const text = project.sources[0].text!;
    expect(text).toBe('Hi \u{1F600}\nthere \u{1F44D} ok\nbye');
    expect(project.codings.map((c) => [c.start, c.end, text.slice(c.start, c.end)])).toEqual([
      [6, 11, 'there'],
      [6, 11, 'there'],
      [15, 17, 'ok'],
      [18, 21, 'bye'],
    ]);
  });

  it('writes code-point offsets by default and UTF-16 offsets on request', () => {
    const cp = strFromU8(unzipSync(writeQdpx(project, { now: NOW }))['project.qde']);
    expect([...cp.matchAll(/startPosition="(\d+)" endPosition="(\d+)"/g)].map((m) => [Number(m[1]), Number(m[2])])).toEqual([
      [5, 10],
      [13, 15],
      [16, 19],
    ]);
    const files = unzipSync(writeQdpx(project, { offsets: 'utf16', now: NOW }));
    const u16 = strFromU8(files['project.qde']);
    expect([...u16.matchAll(/startPosition="(\d+)" endPosition="(\d+)"/g)].map((m) => [Number(m[1]), Number(m[2])])).toEqual([
      [6, 11],
      [15, 17],
      [18, 21],
    ]);
    // Sources go out as UTF-8 without BOM, LF only, under sources/<guid>.txt.
    expect(Object.keys(files).sort()).toEqual(['project.qde', `sources/${g(20)}.txt`]);
    expect(strFromU8(files[`sources/${g(20)}.txt`])).toBe(project.sources[0].text);
    expect(u16).toContain(`plainTextPath="internal://${g(20)}.txt"`);
  });

  it('round-trips the model through .qdpx with either offset unit, and through a bare .qde', () => {
    expectSameModel(project, roundTrip(project, 'codepoint'));
    expectSameModel(project, roundTrip(project, 'utf16'));
    const bare = readRefi('export.qde', strToU8(writeQde(project, { now: NOW })));
    expect(bare.report.warnings).toEqual([]);
    expectSameModel(project, bare.project);
    // The PDF is not written, so the set keeps only its text member; the reader reported the PDF.
    expect(bare.project.sets[0].memberSources).toEqual([g(20)]);
  });

  it('round-trips the codebook through .qdc', () => {
    const back = readRefi('book.qdc', strToU8(writeQdc(project))).project;
    expect(back.codes).toEqual(project.codes);
    expect(back.sets).toEqual([{ guid: g(80), name: 'group', memberSources: [], memberCodes: [g(11)] }]);
  });
});

describe('writer input checks', () => {
  const base = (): QdaProject => ({
    origin: null,
    name: 'p',
    users: [],
    codes: [{ guid: g(1), parentGuid: null, name: 'bad\u0001 \uD800 ok \u{1F600}', description: '', color: 'red', isCodable: true, order: 0 }],
    sources: [],
    codings: [],
    notes: [],
    cases: [],
    variables: [],
    sets: [],
  });

  it('replaces characters XML 1.0 cannot hold with U+FFFD and drops colours that are not #RGB', () => {
    const back = readRefi('x.qde', strToU8(writeQde(base(), { now: NOW }))).project;
    expect(back.codes[0].name).toBe('bad\uFFFD \uFFFD ok \u{1F600}');
    expect(back.codes[0].color).toBeNull();
  });

  it('refuses ids that are not GUIDs and codings outside their text', () => {
    const p = base();
    p.codes[0].guid = 'code-1';
    expect(() => writeQde(p)).toThrow(/code 'bad.*' has id 'code-1', which is not a GUID/);
    const q = base();
    q.sources = [{ guid: g(2), name: 'doc', kind: 'text', text: 'short' }];
    q.codings = [{ sourceGuid: g(2), codeGuid: g(1), userGuid: null, start: 2, end: 9 }];
    expect(() => writeQdpx(q)).toThrow(/coding on source 'doc' at \[2, 9\) lies outside its text/);
  });
});

// Schema checks need the bundled XSDs and xmllint (Debian package libxml2-utils).
describeIf(existsSync(refiDir), '../shared/refi-qda (the schemas)')('exports validate against the REFI-QDA schemas (needs /work/shared/refi-qda)', () => {
  const { project } = readRefi('synthetic.qdpx', syntheticArchive());

  it('synthetic project: .qdpx (both units), bare .qde and .qdc are schema-valid', () => {
    for (const offsets of ['codepoint', 'utf16'] as const) {
      expectValid(strFromU8(unzipSync(writeQdpx(project, { offsets, now: NOW }))['project.qde']), PROJECT_XSD);
    }
    expectValid(writeQde(project, { now: NOW }), PROJECT_XSD);
    expectValid(writeQdc(project), CODEBOOK_XSD);
  });

  it('the schema check can fail: a Project without a name is rejected', () => {
    const xml = writeQde(project, { now: NOW }).replace(/ name="Synthetic &amp; co"/, '');
    expect(xmllint(xml, PROJECT_XSD).ok).toBe(false);
  });

  const samples = existsSync(samplesDir) ? ['nvivo-12.6-win_hungarian-comments_2users.qdpx', 'nvivo-15.0-mac_deep-codebook_no-text.qdpx', 'atlasti-8.4-mac_refi-standard-project.qde', 'atlasti-23.4-win_codebook.qdc'] : [];
  for (const name of samples) {
    it(`${name}: exports are schema-valid and round-trip`, () => {
      const original = readRefi(name, readFileSync(path.join(samplesDir, name))).project;
      for (const offsets of ['codepoint', 'utf16'] as const) {
        const bytes = writeQdpx(original, { offsets, now: NOW });
        expectValid(strFromU8(unzipSync(bytes)['project.qde']), PROJECT_XSD);
        expectSameModel(original, roundTrip(original, offsets));
      }
      expectValid(writeQde(original, { now: NOW }), PROJECT_XSD);
      const qdc = writeQdc(original);
      expectValid(qdc, CODEBOOK_XSD);
      expect(readRefi('book.qdc', strToU8(qdc)).project.codes).toEqual(original.codes);
    });
  }
});
