// Issue #12: Accord → .qdpx → Accord keeps what REFI-QDA has no place for (the consensus layer and its
// decisions with rationales, themes and quotes, assignments and blind mode, COREQ answers, saved
// queries) through accord/extension.json, keeps code colours and invents none; the .qde still
// validates, and importing the same file again changes nothing.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { Engine } from '../../../electron/engine/engine';
import type { Session } from '../../../electron/engine/session';
import { refiDir, samplesDir, xmllint } from '../refi/helpers';
import { describeIf } from '../../helpers/shared-dir';
import { tempDir } from '../../helpers/temp';
import { buildStudy, emptyProject, projectView, span, TEXT_1 } from './fixtures';

const dir = tempDir('accord-extension-');
const PROJECT_XSD = path.join(refiDir, 'Project.xsd');
const b64ToBytes = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'base64'));

/** Everything the extension carries, by names and texts rather than row ids. */
function extensionView(s: Session) {
  const all = <T>(sql: string): T[] => s.db.prepare(sql).all() as T[];
  return {
    coders: all('SELECT name, color, is_consensus FROM coders ORDER BY name'),
    colours: all('SELECT label, name, color, color_chosen FROM codes ORDER BY label, name'),
    settings: all('SELECT c.name AS lead, blind FROM agreement_settings s LEFT JOIN coders c ON c.id = s.lead_coder_id'),
    assignments: all('SELECT d.name AS doc, c.name AS coder FROM coder_assignments a JOIN documents d ON d.id = a.document_id JOIN coders c ON c.id = a.coder_id ORDER BY 1, 2'),
    decisions: all(
      `SELECT d.name AS doc, k.name AS code, region_start, region_end, rule, c.name AS accepted, rationale, author, decided_at, after
       FROM consensus_decisions x JOIN documents d ON d.id = x.document_id JOIN codes k ON k.id = x.code_id
       LEFT JOIN coders c ON c.id = x.accepted_coder_id ORDER BY decided_at, region_start`,
    ),
    decisionCoders: all<{ before: string }>('SELECT before FROM consensus_decisions ORDER BY id').map((r) =>
      (JSON.parse(r.before) as { coders: { name: string; ranges: unknown }[] }).coders.map((k) => [k.name, k.ranges]),
    ),
    themes: all('SELECT t.name, p.name AS parent, t.summary FROM themes t LEFT JOIN themes p ON p.id = t.parent_id ORDER BY t.name'),
    themeCodes: all('SELECT t.name AS theme, k.name AS code FROM theme_codes x JOIN themes t ON t.id = x.theme_id JOIN codes k ON k.id = x.code_id ORDER BY 1, 2'),
    quotes: all(
      `SELECT t.name AS theme, q.text, q.participant, q.document, q.lead_in, q.ord, k.text AS coded, c.name AS coder
       FROM theme_quotes q JOIN themes t ON t.id = q.theme_id LEFT JOIN codings k ON k.id = q.coding_id LEFT JOIN coders c ON c.id = k.coder_id ORDER BY 1, q.ord`,
    ),
    coreq: all('SELECT item, answer, page FROM coreq_answers ORDER BY item'),
    queries: all('SELECT name, query, filters FROM saved_queries ORDER BY name'),
  };
}

/** The synthetic study plus consensus on ID01, two themes with quotes, blind mode, COREQ and a query. */
async function buildFullStudy(e: Engine): Promise<void> {
  await buildStudy(e);
  const docs = await e.call('documents:list', {});
  const d1 = docs.find((d) => d.name === 'ID01 interview')!;
  const codes = await e.call('codebook:list', {});
  const c10a = codes.find((c) => c.label === '10a')!;
  const coders = await e.call('coders:list', {});
  const ana = coders.find((c) => c.name === 'Ana')!;
  const ben = coders.find((c) => c.name === 'Ben')!;
  await e.call('coders:select', { name: 'Ana' });
  await e.call('agreement:setLead', { coderId: ana.id });
  const region = span(TEXT_1, 'We adapted 👍 the software to each locality');
  await e.call('consensus:settle', { documentId: d1.id, codeId: c10a.id, ...region, rule: 'accept', coderId: ben.id, rationale: 'Ben kept to the clause; agreed in meeting 3.' });
  await e.call('agreement:assign', { documentIds: [d1.id], coderIds: [ben.id] });
  // A code read from a file without a colour: shown in a palette colour nobody chose.
  e.current.db.prepare("UPDATE codes SET color_chosen = 0 WHERE name = 'Quiet hope'").run();

  const theme = await e.call('themes:create', { name: 'Making it fit' , summary: 'Local adaptation.' });
  const sub = await e.call('themes:create', { parentId: theme.id, name: 'Adapting the software' });
  await e.call('themes:linkCode', { themeId: sub.id, codeId: c10a.id });
  const consensusCoding = (await e.call('codings:list', { documentId: d1.id })).find((k) => coders.every((c) => c.id !== k.coderId))!;
  await e.call('themes:addQuote', { themeId: sub.id, codingId: consensusCoding.id, leadIn: 'On the rollout' });
  await e.call('coreq:save', { number: 9, answer: 'Two pairs of coders; consensus by discussion.', page: 'p. 4' });
  await e.call('queries:save', { name: 'Adaptation near climate', query: '10a AND 20' });
  await e.call('agreement:setBlind', { blind: true });
}

describe('Accord → .qdpx → Accord (issue #12)', () => {
  it('keeps the consensus layer, decisions, themes, quotes, assignments, COREQ, queries and colours', async () => {
    const a = await emptyProject(dir, 'full.accord');
    await buildFullStudy(a);
    const exported = await a.call('exchange:export', { format: 'qdpx', offsets: 'codepoint' });
    const files = unzipSync(b64ToBytes(exported.dataBase64));
    expect(Object.keys(files)).toContain('accord/extension.json');
    const qde = strFromU8(files['project.qde']);
    if (existsSync(PROJECT_XSD)) expect(xmllint(qde, PROJECT_XSD)).toMatchObject({ ok: true });
    // The code nobody gave a colour leaves without one; the chosen ones keep theirs.
    expect(qde).toMatch(/<Code guid="[^"]+" name="Quiet hope" isCodable="true"\/>/);
    expect(qde).toMatch(/name="Hope 🌱" isCodable="true" color="#12ab9f"/);

    const b = await emptyProject(dir, 'full-back.accord');
    await b.call('coders:select', { name: 'Ana' });
    const report = await b.call('exchange:import', { fileName: exported.fileName, dataBase64: exported.dataBase64 });
    expect(report.warnings).toEqual([]);
    expect(report.accord).toEqual({ consensusLayer: true, decisions: 1, themes: 2, quotes: 1, assignments: 1, coreqAnswers: 1, savedQueries: 1 });

    const before = extensionView(a.current);
    const after = extensionView(b.current);
    expect(after).toEqual(before);
    // Not vacuous: the view holds the study's consensus and themes.
    expect(after.coders).toContainEqual(expect.objectContaining({ name: 'Consensus', is_consensus: 1 }));
    expect(after.coders.filter((c) => (c as { is_consensus: number }).is_consensus === 0)).toHaveLength(3);
    expect(after.decisions).toEqual([expect.objectContaining({ rule: 'accept', accepted: 'Ben', rationale: 'Ben kept to the clause; agreed in meeting 3.' })]);
    expect(after.quotes).toEqual([expect.objectContaining({ theme: 'Adapting the software', coder: 'Consensus', lead_in: 'On the rollout', participant: 'ID01' })]);
    expect(after.colours).toContainEqual(expect.objectContaining({ name: 'Quiet hope', color_chosen: 0 }));
    expect(after.settings).toEqual([{ lead: 'Ana', blind: 1 }]);
    expect(projectView(b.current)).toEqual(projectView(a.current));
    // Agreement treats the layer as the layer: the report compares the three coders only.
    const coders = (await b.call('coders:list', {})).filter((c) => !c.isConsensus).map((c) => c.name).sort();
    expect(coders).toEqual(['Ana', 'Ben', 'Chloé']);

    // The same file again changes nothing.
    const again = await b.call('exchange:import', { fileName: exported.fileName, dataBase64: exported.dataBase64 });
    expect(again.created).toEqual({ coders: 0, codes: 0, documents: 0, codings: 0, memos: 0, participants: 0, attributes: 0 });
    expect(again.accord).toEqual({ consensusLayer: true, decisions: 0, themes: 0, quotes: 0, assignments: 0, coreqAnswers: 0, savedQueries: 0 });
    expect(extensionView(b.current)).toEqual(before);
  });

  it('a broken extension file is refused by name and the project is left as it was', async () => {
    const a = await emptyProject(dir, 'broken-src.accord');
    await buildFullStudy(a);
    const files = unzipSync(b64ToBytes((await a.call('exchange:export', { format: 'qdpx' })).dataBase64));
    files['accord/extension.json'] = strToU8('{"format":"accord-extension","version":1,"offsets":"utf16","decisions":[{"source":"x"}]}');
    const b = await emptyProject(dir, 'broken-dst.accord');
    const r = await b.invoke('exchange:import', { fileName: 'broken.qdpx', dataBase64: Buffer.from(zipSync(files)).toString('base64') });
    expect(r).toMatchObject({ ok: false, error: { code: 'BAD_FILE' } });
    expect(JSON.stringify(r)).toMatch(/broken\.qdpx \(accord\/extension\.json\): accord\/extension\.json: decisions\.0\.source/);
    expect((await b.call('project:info', {}))!.codes).toBe(0);
  });
});

/** Each document's kind and file, and the structure read from it at import: turns, cues and pages. */
function structureView(s: Session) {
  const all = <T>(sql: string, ...args: unknown[]): T[] => s.db.prepare(sql).all(...args) as T[];
  return all<{ id: number; name: string; kind: string; format: string; source_name: string; duration_ms: number | null }>(
    'SELECT id, name, kind, format, source_name, duration_ms FROM documents ORDER BY name',
  ).map((d) => ({
    name: d.name,
    kind: d.kind,
    format: d.format,
    file: d.source_name,
    durationMs: d.duration_ms,
    turns: all('SELECT speaker, start, "end", start_ms, end_ms FROM turns WHERE document_id = ? ORDER BY ord', d.id),
    cues: all('SELECT start, "end", start_ms, end_ms FROM cues WHERE document_id = ? ORDER BY ord', d.id),
    pages: all('SELECT number, start, "end" FROM pages WHERE document_id = ? ORDER BY number', d.id),
  }));
}

const VTT = 'WEBVTT\n\n00:00:01.000 --> 00:00:04.000\n<v Interviewer>How did the rollout go?\n\n00:00:04.500 --> 00:00:09.250\n<v ID03>We adapted it as we went.\n';

describe("Accord → .qdpx → Accord keeps each document's kind and structure", () => {
  /** Two transcripts with turns, a subtitle transcript (cues, timed turns), archival minutes with pages. */
  async function structured(name: string): Promise<Engine> {
    const a = await emptyProject(dir, name);
    await buildStudy(a);
    await a.call('documents:import', { fileName: 'ID03 interview.vtt', dataBase64: Buffer.from(VTT).toString('base64') });
    const minutes = (await a.call('documents:import', { fileName: 'Board minutes.txt', dataBase64: Buffer.from('Page one of the minutes.\fPage two.').toString('base64'), kind: 'archival' })).document;
    // Pages as a PDF's reader writes them (the archive carries them whatever the file type).
    const page = a.current.db.prepare('INSERT INTO pages (document_id, number, start, "end") VALUES (?, ?, ?, ?)');
    page.run(minutes.id, 1, 0, 24);
    page.run(minutes.id, 2, 25, 34);
    return a;
  }

  it('brings back archival documents as archival, with their file names, turns, cues and pages', async () => {
    const a = await structured('structure.accord');
    const before = structureView(a.current);
    // Not vacuous: the study has speaker turns, a subtitle file's cues and times, and an archival document's pages.
    expect(before.find((d) => d.name === 'ID01 interview')!.turns).toHaveLength(4);
    expect(before.find((d) => d.name === 'ID03 interview')).toMatchObject({ format: 'vtt', cues: [expect.anything(), expect.anything()] });
    expect(before.find((d) => d.name === 'ID03 interview')!.turns).toEqual([
      expect.objectContaining({ speaker: 'Interviewer', start_ms: 1000 }),
      expect.objectContaining({ speaker: 'ID03', start_ms: 4500 }),
    ]);
    expect(before.find((d) => d.name === 'Board minutes')).toMatchObject({ kind: 'archival', file: 'Board minutes.txt', pages: [{ number: 1 }, { number: 2 }] });

    const exported = await a.call('exchange:export', { format: 'qdpx' });
    const b = await emptyProject(dir, 'structure-back.accord');
    await b.call('coders:select', { name: 'Ana' });
    const report = await b.call('exchange:import', { fileName: exported.fileName, dataBase64: exported.dataBase64 });
    expect(report.warnings).toEqual([]);
    expect(structureView(b.current)).toEqual(before);
    // What the kind decides: saturation and COREQ count the transcripts, not the minutes.
    const transcripts = (await b.call('documents:list', {})).filter((d) => d.kind === 'transcript').map((d) => d.name).sort();
    expect(transcripts).toEqual(['ID01 interview', 'ID02 interview', 'ID03 interview']);
  });

  it('finds the turns in the text of a transcript from a tool that sends none', async () => {
    const a = await structured('other-tool.accord');
    const files = unzipSync(b64ToBytes((await a.call('exchange:export', { format: 'qdpx' })).dataBase64));
    delete files['accord/extension.json'];
    const b = await emptyProject(dir, 'other-tool-back.accord');
    await b.call('coders:select', { name: 'Ana' });
    await b.call('exchange:import', { fileName: 'from-nvivo.qdpx', dataBase64: Buffer.from(zipSync(files)).toString('base64') });
    const view = structureView(b.current);
    // As importing ID01's text file would: four turns, by their labels.
    expect(view.find((d) => d.name === 'ID01 interview')!.turns.map((t) => (t as { speaker: string }).speaker)).toEqual(['Interviewer', 'ID01', 'Interviewer', 'ID01']);
    expect(view.find((d) => d.name === 'ID01 interview')!.turns).toEqual(structureView(a.current).find((d) => d.name === 'ID01 interview')!.turns);
    // Without Accord's file, every source is a transcript in REFI form, with no cues or pages.
    expect(view.find((d) => d.name === 'Board minutes')).toMatchObject({ kind: 'transcript', format: 'refi', cues: [], pages: [] });
  });

  it("a turn past its text's end refuses the file by name and leaves the project as it was", async () => {
    const a = await structured('hostile.accord');
    const files = unzipSync(b64ToBytes((await a.call('exchange:export', { format: 'qdpx' })).dataBase64));
    const ext = JSON.parse(strFromU8(files['accord/extension.json'])) as { sources: { turns: [string, number, number, number | null, number | null][] }[] };
    const withTurns = ext.sources.find((src) => src.turns.length > 0)!;
    withTurns.turns[1][2] = 1_000_000;
    files['accord/extension.json'] = strToU8(JSON.stringify(ext));
    const b = await emptyProject(dir, 'hostile-back.accord');
    const r = await b.invoke('exchange:import', { fileName: 'edited.qdpx', dataBase64: Buffer.from(zipSync(files)).toString('base64') });
    expect(r).toMatchObject({ ok: false, error: { code: 'BAD_FILE' } });
    expect(!r.ok && r.error.message).toMatch(/^edited\.qdpx \(accord\/extension\.json\): source '[^']+': turn 2 \[\d+, 1000000\) is out of order or not inside the text's \d+ characters$/);
    expect(await b.call('project:info', {})).toMatchObject({ documents: 0, codes: 0, codings: 0 });
  });
});

describeIf(existsSync(samplesDir), '../shared/refi-qda/samples')('code colours of tools that give none (needs /work/shared/refi-qda)', () => {
  it('an NVivo project without colours leaves Accord without colours (0 of 152, was 151)', async () => {
    const e = await emptyProject(dir, 'nvivo.accord');
    const file = path.join(samplesDir, 'nvivo-12.6-win_hungarian-comments_2users.qdpx');
    await e.call('exchange:import', { fileName: path.basename(file), dataBase64: readFileSync(file).toString('base64') });
    const codes = await e.call('codebook:list', {});
    expect(codes).toHaveLength(152);
    expect(codes.filter((c) => c.colorChosen !== false)).toHaveLength(0);
    const out = await e.call('exchange:export', { format: 'qdpx' });
    const qde = strFromU8(unzipSync(b64ToBytes(out.dataBase64))['project.qde']);
    expect(qde.match(/<Code /g)).toHaveLength(152);
    expect(qde.match(/ color="/g)).toBeNull();
  });
});
