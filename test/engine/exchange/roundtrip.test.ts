// Export → import gives back the same project: on a synthetic study (emoji, labels, hierarchy, three
// coders, memos, participants with attributes, document groups) and on each public REFI-QDA sample.
// Every export is validated against the bundled XSDs with xmllint (Debian libxml2-utils).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { refiDir, samplesDir, xmllint } from '../refi/helpers';
import { tempDir } from '../../helpers/temp';
import { buildStudy, emptyProject, projectView, span, TEXT_1 } from './fixtures';
import { describeIf } from '../../helpers/shared-dir';

const dir = tempDir('accord-exchange-');
const PROJECT_XSD = path.join(refiDir, 'Project.xsd');
const CODEBOOK_XSD = path.join(refiDir, 'Codebook.xsd');
const HAS_XSD = existsSync(PROJECT_XSD);

function expectValid(xml: string, xsd: string): void {
  if (!HAS_XSD) return;
  const r = xmllint(xml, xsd);
  expect(r.output).toMatch(/validates/);
  expect(r.ok).toBe(true);
}

const b64ToBytes = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'base64'));

describe('export → import of a synthetic study', () => {
  it.each(['codepoint', 'utf16'] as const)('gives back the same project with %s offsets', async (offsets) => {
    const a = await emptyProject(dir, `synthetic-${offsets}.accord`);
    await buildStudy(a);
    const exported = await a.call('exchange:export', { format: 'qdpx', offsets });
    expect(exported.counts).toEqual({ users: 3, codes: 5, sources: 2, codings: 7, notes: 4, cases: 2 });
    const files = unzipSync(b64ToBytes(exported.dataBase64));
    const qde = strFromU8(files['project.qde']);
    expectValid(qde, PROJECT_XSD);

    // Offsets: "We adapted" starts after one emoji (2 UTF-16 units, 1 code point) in TEXT_1.
    const { start } = span(TEXT_1, 'We adapted 👍 the software');
    expect(qde).toContain(`startPosition="${offsets === 'utf16' ? start : start - 1}"`);
    // A label travels as `label<EN SPACE>name`, so other tools show "10a Adaptation".
    expect(qde).toContain('name="10a\u2002Adaptation"');
    // Each group is a Set whose MemberSource names the document's TextSource; the empty group too.
    const id01 = /<TextSource guid="([^"]+)" name="ID01 interview"/.exec(qde)![1];
    expect(qde).toMatch(new RegExp(`<Set guid="[^"]+" name="Nurses">\\s*<MemberSource targetGUID="${id01}"/>\\s*</Set>`));
    expect(qde.match(/<Set /g)).toHaveLength(4);
    expect(qde).toMatch(/<Set guid="[^"]+" name="Pilot">\s*<\/Set>/);

    const b = await emptyProject(dir, `synthetic-${offsets}-back.accord`);
    const report = await b.call('exchange:import', { fileName: exported.fileName, dataBase64: exported.dataBase64 });
    expect(report.offsetUnit).toBe(offsets);
    expect(report.skipped).toEqual([]);
    expect(report.warnings).toEqual([]);
    expect(report).toMatchObject({ users: 3, codes: 5, sources: 2, codings: 7, notes: 4, cases: 2 });
    expect(projectView(b.current)).toEqual(projectView(a.current));
    // The view holds what the study was built with, so the comparison is not vacuous.
    const view = projectView(b.current);
    expect(view.coders).toEqual(['Ana', 'Ben', 'Chloé']);
    expect(view.codings.map((k) => k.text)).toContain('We adapted 👍 the software');
    expect(view.attributes).toContainEqual({ pid: 'ID01', name: 'Joined', type: 'date', value: '2019-03-01' });
    expect(view.attributes).toContainEqual({ pid: 'ID02', name: 'Age', type: 'number', value: '51' });
    expect(view.attributes).toContainEqual({ pid: 'ID02', name: 'Role', type: 'category', value: 'Manager' });
    expect(view.attributes.find((x) => x.name === 'Notes')?.type).toBe('text');
    expect(view.groups).toEqual([
      { name: 'Nurses', documents: ['ID01 interview'] },
      { name: 'Managers', documents: ['ID02 interview'] },
      { name: 'Interviews', documents: ['ID01 interview', 'ID02 interview'] },
      { name: 'Pilot', documents: [] },
    ]);
    expect(view.memos.map((m) => m.target)).toEqual(
      expect.arrayContaining(['project', 'document ID01 interview', 'code Hope 🌱', expect.stringMatching(/^coding ID01 interview \| 10 Features of the innovation > 10a Adaptation \| Ana \|/)]),
    );
  });

  it('writes a bare .qde and a .qdc that validate, and re-importing the same file changes nothing', async () => {
    const a = await emptyProject(dir, 'synthetic-qde.accord');
    await buildStudy(a);
    const qde = await a.call('exchange:export', { format: 'qde', offsets: 'codepoint' });
    expectValid(Buffer.from(qde.dataBase64, 'base64').toString('utf8'), PROJECT_XSD);
    const qdc = await a.call('exchange:export', { format: 'qdc', offsets: 'codepoint' });
    expect(qdc.counts).toEqual({ users: 0, codes: 5, sources: 0, codings: 0, notes: 0, cases: 0 });
    expectValid(Buffer.from(qdc.dataBase64, 'base64').toString('utf8'), CODEBOOK_XSD);

    const b = await emptyProject(dir, 'synthetic-qde-back.accord');
    await b.call('exchange:import', { fileName: 'x.qde', dataBase64: qde.dataBase64 });
    const once = projectView(b.current);
    expect(once).toEqual(projectView(a.current));
    const again = await b.call('exchange:import', { fileName: 'x.qde', dataBase64: qde.dataBase64 });
    expect(again.created).toEqual({ coders: 0, codes: 0, documents: 0, codings: 0, memos: 0, participants: 0, attributes: 0 });
    expect(projectView(b.current)).toEqual(once);

    // The .qdc brings only the codebook, with labels, hierarchy, definitions and colours.
    const c = await emptyProject(dir, 'synthetic-qdc-back.accord');
    const r = await c.call('exchange:import', { fileName: 'codes.qdc', dataBase64: qdc.dataBase64 });
    expect(r).toMatchObject({ kind: 'codebook', codes: 5, users: 0, sources: 0 });
    expect(projectView(c.current).codes).toEqual(projectView(a.current).codes);
    expect(c.info()).toMatchObject({ documents: 0, codings: 0, coders: 0 });
    // Document groups are not part of a codebook.
    expect(projectView(c.current).groups).toEqual([]);
  });
});

// Each sample with text sources (or codes): import, export, validate, import again; the two projects
// must agree. Needs /work/shared/refi-qda (skipped in a clone without it).
describeIf(existsSync(samplesDir), '../shared/refi-qda/samples')('export → import of the public samples (needs /work/shared/refi-qda)', () => {
  const samples = [
    'nvivo-12.6-win_hungarian-comments_2users.qdpx',
    'nvivo-15.0-mac_deep-codebook_no-text.qdpx',
    'atlasti-8.4-mac_refi-standard-project.qde',
    'atlasti-23.4-win_codebook.qdc',
  ];
  it.each(samples)('%s', async (name) => {
    const bytes = readFileSync(path.join(samplesDir, name));
    const a = await emptyProject(dir, `${name}.accord`);
    const first = await a.call('exchange:import', { fileName: name, dataBase64: bytes.toString('base64') });
    const codebook = name.endsWith('.qdc');
    const exported = await a.call('exchange:export', { format: codebook ? 'qdc' : 'qdpx', offsets: 'codepoint' });
    const xml = codebook ? Buffer.from(exported.dataBase64, 'base64').toString('utf8') : strFromU8(unzipSync(b64ToBytes(exported.dataBase64))['project.qde']);
    expectValid(xml, codebook ? CODEBOOK_XSD : PROJECT_XSD);
    const b = await emptyProject(dir, `${name}-back.accord`);
    const second = await b.call('exchange:import', { fileName: exported.fileName, dataBase64: exported.dataBase64 });
    expect(second.warnings).toEqual([]);
    expect(projectView(b.current)).toEqual(projectView(a.current));
    expect(b.info()).toMatchObject({ codes: first.created.codes, documents: first.created.documents, codings: first.created.codings });
    if (name.startsWith('nvivo-12.6')) expect(b.info()).toMatchObject({ coders: 2, codes: 152, documents: 2, codings: 303 });
  });
});
