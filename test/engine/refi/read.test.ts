// Tests for reading REFI-QDA files: the public samples in /work/shared (when present), hand-made
// fixtures for each trap (BOM + CRLF + emoji, braces, namespaces, inline text) and bad input.

import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { AccordError } from '../../../shared/api/errors';
import { readRefi } from '../../../electron/engine/refi/read';
import { isWordBoundary } from '../../../electron/engine/refi/offsets';
import type { QdaProject } from '../../../electron/engine/refi/model';
import { samplesDir } from './helpers';
import { describeIf } from '../../helpers/shared-dir';

const G = {
  userA: 'AAAAAAAA-0000-4000-8000-000000000001',
  userB: 'bbbbbbbb-0000-4000-8000-000000000002',
  folder: 'CCCCCCCC-0000-4000-8000-000000000001',
  child: 'cccccccc-0000-4000-8000-000000000002',
  source: 'DDDDDDDD-0000-4000-8000-000000000001',
  sel1: 'eeeeeeee-0000-4000-8000-000000000001',
  sel2: 'eeeeeeee-0000-4000-8000-000000000002',
  cod1: 'ffffffff-0000-4000-8000-000000000001',
  cod2: 'ffffffff-0000-4000-8000-000000000002',
  note: '99999999-0000-4000-8000-000000000001',
};
const low = (g: string): string => g.toLowerCase();

// "Hi 😀\r\nthere 👍 ok" with a BOM, as NVivo writes its .txt files. UTF-16 offsets (CRLF = 2):
// "there" = [7, 12), "ok" = [16, 18). In the normalised text "Hi 😀\nthere 👍 ok": [6, 11), [15, 17).
const RAW = 'Hi \u{1F600}\r\nthere \u{1F44D} ok';
const NORM = 'Hi \u{1F600}\nthere \u{1F44D} ok';

function nvivoLikeQde(opts: { ns?: string; end2?: number; code2?: string } = {}): string {
  return `\uFEFF<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="${opts.ns ?? 'urn:QDA-XML:project:1.0'}" name="Synthetic" origin="NVivo for Windows 12.6">
  <Users><User guid="{${G.userA}}" name="Ann"/><User guid="${G.userB}" name="Bob"/></Users>
  <CodeBook><Codes>
    <Code guid="${G.folder}" name="Folder" isCodable="false" color="#FF0000"><Description>Group &amp; more</Description>
      <Code guid="${G.child}" name="Child" isCodable="true"/>
    </Code>
  </Codes></CodeBook>
  <Sources>
    <TextSource guid="{${G.source}}" name="Doc" plainTextPath="internal://${G.source}.txt">
      <PlainTextSelection guid="${G.sel1}" name="" startPosition="7" endPosition="12" creatingUser="${G.userA}">
        <Description/>
        <Coding guid="${G.cod1}" creatingUser="${G.userB}"><CodeRef targetGUID="${G.child}"/><NoteRef targetGUID="${G.note}"/></Coding>
      </PlainTextSelection>
      <PlainTextSelection guid="${G.sel2}" startPosition="16" endPosition="${opts.end2 ?? 18}" creatingUser="${G.userA}">
        <Coding guid="${G.cod2}"><CodeRef targetGUID="${opts.code2 ?? G.folder}"/></Coding>
      </PlainTextSelection>
    </TextSource>
  </Sources>
  <Notes><Note guid="${G.note}" name="memo"><PlainTextContent>Why &lt;this&gt;?</PlainTextContent></Note></Notes>
</Project>`;
}

function nvivoLikeQdpx(opts: Parameters<typeof nvivoLikeQde>[0] = {}, qdeName = 'project.qde'): Uint8Array {
  return zipSync({
    [qdeName]: strToU8(nvivoLikeQde(opts)),
    [`Sources/${G.source}.txt`]: strToU8(`\uFEFF${RAW}`),
  });
}

function badFile(fn: () => unknown): AccordError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(AccordError);
    expect((e as AccordError).code).toBe('BAD_FILE');
    return e as AccordError;
  }
  throw new Error('expected a BAD_FILE error');
}

const depth = (p: QdaProject): number => {
  const parent = new Map(p.codes.map((c) => [c.guid, c.parentGuid]));
  let max = 0;
  for (const c of p.codes) {
    let d = 1;
    for (let g = c.parentGuid; g; g = parent.get(g) ?? null) d += 1;
    max = Math.max(max, d);
  }
  return max;
};

describe('readRefi on hand-made files', () => {
  it('reads an NVivo-style archive: BOM + CRLF + emoji, braces, coder from the Coding', () => {
    const { project: p, report } = readRefi('synthetic.qdpx', nvivoLikeQdpx());
    expect(report.offsetUnit).toBe('utf16');
    expect(report.crlfCountsAs).toBe(2);
    expect(p.users).toEqual([
      { guid: low(G.userA), name: 'Ann' },
      { guid: low(G.userB), name: 'Bob' },
    ]);
    expect(p.codes).toEqual([
      { guid: low(G.folder), parentGuid: null, name: 'Folder', description: 'Group & more', color: '#FF0000', isCodable: false, order: 0 },
      { guid: low(G.child), parentGuid: low(G.folder), name: 'Child', description: '', color: null, isCodable: true, order: 0 },
    ]);
    expect(p.sources).toEqual([{ guid: low(G.source), name: 'Doc', kind: 'text', text: NORM }]);
    expect(p.codings).toEqual([
      { guid: low(G.cod1), sourceGuid: low(G.source), codeGuid: low(G.child), userGuid: low(G.userB), start: 6, end: 11, selectionGuid: low(G.sel1) },
      { guid: low(G.cod2), sourceGuid: low(G.source), codeGuid: low(G.folder), userGuid: low(G.userA), start: 15, end: 17, selectionGuid: low(G.sel2) },
    ]);
    expect(p.codings.map((c) => NORM.slice(c.start, c.end))).toEqual(['there', 'ok']);
    expect(p.notes).toEqual([{ guid: low(G.note), name: 'memo', text: 'Why <this>?', targets: [low(G.cod1)] }]);
    expect(report.skipped).toEqual([]);
    expect(report.warnings).toEqual([]);
  });

  it('finds a .qde with any name and accepts the 1:0 namespace spelling', () => {
    const { project, report } = readRefi('x.qdpx', nvivoLikeQdpx({ ns: 'urn:QDA-XML:project:1:0' }, 'My Study.qde'));
    expect(project.codings).toHaveLength(2);
    expect(report.warnings).toEqual([]);
    const other = readRefi('x.qdpx', nvivoLikeQdpx({ ns: 'urn:example' }));
    expect(other.report.warnings[0]).toMatch(/namespace 'urn:example'/);
  });

  it('reads ATLAS.ti-style inline text: code points, a line break counted once, names as evidence', () => {
    // "Line one\r\nLine two 😀 end" in code points with CRLF = 1: "Line two" [9, 17), "end" [20, 23).
    // Normalised "Line one\nLine two 😀 end": "Line two" [9, 17), "end" [21, 24).
    const qde = `<?xml version="1.0"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="A" origin="Some tool">
  <CodeBook><Codes><Code guid="${G.child}" name="c" isCodable="true"/></Codes></CodeBook>
  <Variables><Variable guid="${G.userA}" name="gender" typeOfVariable="Text"/></Variables>
  <Cases><Case guid="${G.userB}" name="P1"><VariableValue><VariableRef targetGUID="${G.userA}"/><TextValue>female</TextValue></VariableValue><SourceRef targetGUID="${G.source}"/></Case></Cases>
  <Sources><TextSource guid="${G.source}" name="Inline">
    <PlainTextContent>Line one&#13;&#10;Line two \u{1F600} end</PlainTextContent>
    <PlainTextSelection guid="${G.sel1}" name="Line two" startPosition="9" endPosition="17"><Coding guid="${G.cod1}"><CodeRef targetGUID="${G.child}"/></Coding></PlainTextSelection>
    <PlainTextSelection guid="${G.sel2}" name="end" startPosition="20" endPosition="23"><Coding guid="${G.cod2}"><CodeRef targetGUID="${G.child}"/></Coding></PlainTextSelection>
  </TextSource></Sources>
  <Sets><Set guid="${G.folder}" name="group"><MemberCode targetGUID="${G.child}"/><MemberSource targetGUID="${G.source}"/></Set></Sets>
</Project>`;
    const { project: p, report } = readRefi('inline.qde', strToU8(qde));
    expect(report.offsetUnit).toBe('codepoint');
    expect(report.crlfCountsAs).toBe(1);
    expect(report.offsetReason).toMatch(/2\/2 names match/);
    expect(p.codings.map((c) => [c.start, c.end, c.selectionName])).toEqual([
      [9, 17, 'Line two'],
      [21, 24, 'end'],
    ]);
    expect(p.cases).toEqual([{ guid: low(G.userB), name: 'P1', variables: { gender: 'female' }, sourceGuids: [low(G.source)] }]);
    expect(p.variables).toEqual([{ guid: low(G.userA), name: 'gender', type: 'Text' }]);
    expect(p.sets).toEqual([{ guid: low(G.folder), name: 'group', memberSources: [low(G.source)], memberCodes: [low(G.child)] }]);
  });

  it('reads a codebook with the 0:4 namespace and MemberCode guid=', () => {
    const qdc = `\uFEFF<?xml version="1.0"?><CodeBook xmlns="urn:QDA-XML:codebook:0:4" origin="T">
      <Codes><Code guid="${G.child}" name="c" isCodable="true" color="#abc"><Description>d</Description></Code></Codes>
      <Sets><Set guid="${G.folder}" name="s"><MemberCode guid="${G.child}"/></Set></Sets></CodeBook>`;
    const { project: p, report } = readRefi('book.qdc', strToU8(qdc));
    expect(report.warnings).toEqual([]);
    expect(p.codes).toEqual([{ guid: G.child, parentGuid: null, name: 'c', description: 'd', color: '#abc', isCodable: true, order: 0 }]);
    expect(p.sets).toEqual([{ guid: low(G.folder), name: 's', memberSources: [], memberCodes: [G.child] }]);
  });
});

describe('readRefi on bad input', () => {
  it('rejects XML that is not well-formed, naming the file and position', () => {
    const e = badFile(() => readRefi('broken.qde', strToU8('<Project name="x"><Users></Project>')));
    expect(e.message).toMatch(/^broken\.qde: XML is not well-formed \(line 1/);
    const inZip = zipSync({ 'p.qde': strToU8('<Project><Users></Project>') });
    expect(badFile(() => readRefi('z.qdpx', inZip)).message).toMatch(/^z\.qdpx \(p\.qde\): XML is not well-formed/);
  });

  it('rejects an archive without a .qde', () => {
    const z = zipSync({ 'sources/a.txt': strToU8('text') });
    expect(badFile(() => readRefi('empty.qdpx', z)).message).toBe('empty.qdpx: the archive holds no .qde project file');
  });

  it('rejects a Coding whose code is not in the codebook', () => {
    const missing = '12345678-1234-4234-8234-123456789abc';
    const e = badFile(() => readRefi('x.qdpx', nvivoLikeQdpx({ code2: missing })));
    expect(e.message).toContain(`Coding ${low(G.cod2)} refers to code ${missing}, which is not in the codebook`);
  });

  it('skips a selection past the end of its text with a report line naming it', () => {
    const { project, report } = readRefi('x.qdpx', nvivoLikeQdpx({ end2: 99 }));
    expect(project.codings.map((c) => c.guid)).toEqual([low(G.cod1)]);
    expect(report.warnings).toHaveLength(1);
    expect(report.warnings[0]).toMatch(new RegExp(`^selection ${low(G.sel2)} \\[16, 99\\) in source 'Doc' lies outside its text`));
  });

  it('rejects a DOCTYPE (entity expansion) and a root that is not REFI-QDA', () => {
    badFile(() => readRefi('x.qde', strToU8('<!DOCTYPE x [<!ENTITY a "aaaa">]><Project name="x"/>')));
    expect(badFile(() => readRefi('x.qde', strToU8('<html/>'))).message).toMatch(/root element is <html>/);
  });
});

const NV12 = path.join(samplesDir, 'nvivo-12.6-win_hungarian-comments_2users.qdpx');
const NV15 = path.join(samplesDir, 'nvivo-15.0-mac_deep-codebook_no-text.qdpx');
const ATLAS = path.join(samplesDir, 'atlasti-8.4-mac_refi-standard-project.qde');
const QDC = path.join(samplesDir, 'atlasti-23.4-win_codebook.qdc');

// The samples are public files kept outside the repo (see /work/shared/refi-qda/SOURCES.md); the
// expected counts below are the ones SOURCES.md documents for each file.
describeIf(existsSync(samplesDir), '../shared/refi-qda/samples')('readRefi on the public samples (needs /work/shared/refi-qda)', () => {
  it('NVivo 12.6: 2 users, 152 codes, 2 text sources, 303 codings on the intended words', () => {
    const bytes = readFileSync(NV12);
    const { project: p, report } = readRefi(path.basename(NV12), bytes);
    expect(p.users).toHaveLength(2);
    expect(p.codes).toHaveLength(152);
    expect(p.codes.filter((c) => !c.isCodable)).toHaveLength(1);
    expect(p.codes.filter((c) => c.description !== '')).toHaveLength(82);
    expect(depth(p)).toBe(4);
    expect(p.sources.filter((s) => s.kind === 'text' && s.text !== null)).toHaveLength(2);
    expect(p.codings).toHaveLength(303);
    expect(report.offsetUnit).toBe('utf16');
    expect(report.crlfCountsAs).toBe(2);
    expect(report.offsetReason).toMatch(/NVivo/);
    expect(report.skipped).toEqual([]);

    // The coder is the Coding's creatingUser (all 303), not the selection's (297 by the other user).
    expect(new Set(p.codings.map((c) => c.userGuid))).toEqual(new Set(['29518289-d0e3-447b-b7dd-ae1d8cd880a0']));
    const parents = new Set(p.codes.map((c) => c.parentGuid));
    expect(p.codings.filter((c) => parents.has(c.codeGuid))).toHaveLength(10);

    // Independent check: slice the raw .txt (BOM dropped) with the file's own UTF-16 offsets.
    const files = unzipSync(bytes);
    const qde = new TextDecoder().decode(files['project.qde']);
    const raw = new Map<string, { start: number; end: number }>();
    for (const m of qde.matchAll(/<PlainTextSelection guid="([^"]+)"[^>]*startPosition="(\d+)" endPosition="(\d+)"/g)) {
      raw.set(m[1], { start: Number(m[2]), end: Number(m[3]) });
    }
    expect(raw.size).toBe(303);
    const rawTexts = new Map(p.sources.map((s) => [s.guid, new TextDecoder().decode(files[`Sources/${s.guid}.txt`]).replace(/^\uFEFF/, '')]));
    let onBoundaries = 0;
    for (const c of p.codings) {
      const text = p.sources.find((s) => s.guid === c.sourceGuid)!.text!;
      const rawText = rawTexts.get(c.sourceGuid)!;
      const r = raw.get(c.selectionGuid!)!;
      expect(text.slice(c.start, c.end)).toBe(rawText.slice(r.start, r.end).replace(/\r\n/g, '\n'));
      if (isWordBoundary(text, c.start) && isWordBoundary(text, c.end)) onBoundaries += 1;
    }
    expect(onBoundaries).toBeGreaterThanOrEqual(295);
    for (const s of p.sources) expect(s.text!.includes('\r')).toBe(false);
  });

  it('NVivo 15 Mac: 262 codes 7 deep, same names under different parents, stray sources/.root', () => {
    const { project: p, report } = readRefi(path.basename(NV15), readFileSync(NV15));
    expect(p.users).toHaveLength(2);
    expect(p.codes).toHaveLength(262);
    expect(depth(p)).toBe(7);
    expect(new Set(p.codes.map((c) => c.guid)).size).toBe(262);
    expect(p.codes.filter((c) => c.name === 'programming').length).toBeGreaterThan(1);
    expect(p.sources).toHaveLength(2);
    expect(p.codings).toHaveLength(0);
    expect(report.skipped).toEqual([]);
  });

  it('ATLAS.ti 8.4 standard project: users, flat codes, notes, sets; media and missing texts reported', () => {
    const { project: p, report } = readRefi(path.basename(ATLAS), readFileSync(ATLAS));
    expect(p.users.map((u) => u.name)).toEqual(['ATLAS.ti', 'Friedrich Markgraf', 'Sebastian Petrausch']);
    expect(p.codes).toHaveLength(14);
    expect(p.codes.every((c) => c.parentGuid === null)).toBe(true);
    expect(p.codes.find((c) => c.name === 'Coke::diet Coke')!.description).toBe('non sucré');
    expect(p.sets).toHaveLength(16);
    expect(p.notes.map((n) => n.name)).toEqual(['Research Plan', 'My favorite Coke ad']);
    // The memo is linked to a quotation through <Link originGUID=note targetGUID=selection>.
    expect(p.notes[1].targets).toEqual(['238965cb-e557-405d-b4f0-6f824b2f4570']);
    // 6 text sources whose .txt files are not in a bare .qde, plus picture, 2 PDFs, audio, 2 videos.
    expect(report.skipped).toHaveLength(12);
    expect(report.skipped.filter((s) => s.includes('(text)'))).toHaveLength(6);
    expect(report.skipped.filter((s) => /\((pdf|picture|audio|video)\)/.test(s))).toHaveLength(6);
    expect(p.sources).toHaveLength(12);
    expect(p.codings).toHaveLength(0);
    expect(report.crlfCountsAs).toBe(1);
  });

  it('ATLAS.ti 23.4 codebook: one coloured code and one code group', () => {
    const { project: p } = readRefi(path.basename(QDC), readFileSync(QDC));
    expect(p.origin).toBe('ATLAS.ti Win 23.4.0');
    expect(p.codes).toEqual([
      { guid: '1ff58b12-6f6f-4b0c-8be5-bbdc91f55294', parentGuid: null, name: 'code1', description: 'description', color: '#46AA00', isCodable: true, order: 0 },
    ]);
    expect(p.sets).toEqual([
      { guid: 'eca18d76-2b8b-4f26-bc1d-19eca19fb3f0', name: 'code group 1', memberSources: [], memberCodes: ['1ff58b12-6f6f-4b0c-8be5-bbdc91f55294'] },
    ]);
  });
});
