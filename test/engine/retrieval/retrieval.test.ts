// Retrieval of coded segments (issue 14): every passage coded 30a and its children, with who said it,
// their attributes and the time in the recording; filtered by layer, coder and attribute; exported to
// Word, CSV, XLSX and Markdown. Expected values are read off the fixture below by hand.
import { unzipSync, strFromU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { CodeId, DocumentId } from '../../../shared/model/types';
import { b64, newProject, tempDir } from '../../helpers/temp';

const dir = tempDir();

// Two timestamped transcripts (`[00:12:03] ID01: …` lines give turn times), one archival document.
const vtt = (pid: string, a: string, b: string) => [`[00:00:01] Interviewer: ${a}`, `[00:12:03] ${pid}: ${b}`, ''].join('\n');

async function study() {
  const engine = await newProject(dir, `r${Math.random().toString(36).slice(2)}.accord`, 'Ana');
  const d1 = (await engine.call('documents:import', { fileName: 'ID01 interview.txt', dataBase64: b64(vtt('ID01', 'How was it?', 'We adapted it to each practice.')) })).document;
  const d2 = (await engine.call('documents:import', { fileName: 'ID02 interview.txt', dataBase64: b64(vtt('ID02', 'And for you?', 'It needed a lot of tailoring.')) })).document;
  const d3 = (await engine.call('documents:import', { fileName: 'Board minutes.txt', dataBase64: b64('The board agreed to adapt the service.'), kind: 'archival' })).document;
  await engine.call('participants:import', { fileName: 'people.csv', text: 'ID,Role\nID01,GP\nID02,Nurse\n' });
  const c30 = await engine.call('codebook:create', { parentId: null, label: '30', name: 'Process' });
  const c30a = await engine.call('codebook:create', { parentId: c30.id, label: '30a', name: 'Adaptation' });
  const c30b = await engine.call('codebook:create', { parentId: c30.id, label: '30b', name: 'Planning' });
  const c40 = await engine.call('codebook:create', { parentId: null, label: '40', name: 'Outcomes' });
  const docs = [d1, d2, d3];
  const text = async (id: DocumentId) => (await engine.call('documents:get', { id })).text;
  const span = async (id: DocumentId, phrase: string) => {
    const t = await text(id);
    const start = t.indexOf(phrase);
    expect(start).toBeGreaterThanOrEqual(0);
    return { start, end: start + phrase.length };
  };
  const code = async (d: DocumentId, codeId: CodeId, phrase: string) => engine.call('codings:apply', { documentId: d, codeIds: [codeId], ...(await span(d, phrase)) });
  // Ana: 30a on both interviews and the minutes, 40 on ID01; Ben: 30b on ID02.
  await code(d1.id, c30a.id, 'adapted it to each practice');
  await code(d2.id, c30a.id, 'a lot of tailoring');
  await code(d3.id, c30a.id, 'agreed to adapt');
  await code(d1.id, c40.id, 'How was it?');
  await engine.call('coders:select', { name: 'Ben' });
  await code(d2.id, c30b.id, 'It needed');
  await engine.call('coders:select', { name: 'Ana' });
  return { engine, docs, c30, c30a, c30b, c40 };
}

describe('retrieval of coded segments (issue 14)', () => {
  it('retrieves a parent with its descendants, with participant, attributes, coder and recording time', async () => {
    const { engine, c30 } = await study();
    const r = await engine.call('retrieval:run', { codeIds: [c30.id] });
    expect(r.codes.map((c) => c.label)).toEqual(['30', '30a', '30b']);
    // Document order: ID01 (30a), ID02 (30b "It needed" precedes 30a "a lot of tailoring"), minutes.
    expect(r.segments.map((s) => [s.document, s.codeLabel, s.coder, s.text])).toEqual([
      ['ID01 interview', '30a', 'Ana', 'adapted it to each practice'],
      ['ID02 interview', '30b', 'Ben', 'It needed'],
      ['ID02 interview', '30a', 'Ana', 'a lot of tailoring'],
      ['Board minutes', '30a', 'Ana', 'agreed to adapt'],
    ]);
    expect(r.segments[0]).toMatchObject({ participant: 'ID01', attributes: { Role: 'GP' }, timeMs: 723_000 });
    expect(r.segments[3]).toMatchObject({ participant: null, attributes: {}, timeMs: null });
    expect(r.documents).toBe(3);
    expect(r.participants).toBe(2);
    expect(r.attributes).toEqual(['Role']);
    expect(r.summary).toBe('4 segments coded 30 (with 2 subcodes) by every coder in 3 documents (2 participants).');
  });

  it('narrows by attribute, coder and layer, and sorts by participant or code', async () => {
    const { engine, c30, c30a } = await study();
    const nurses = await engine.call('retrieval:run', { codeIds: [c30.id], where: [{ attribute: 'role', values: ['nurse'] }] });
    expect(nurses.segments.map((s) => s.text)).toEqual(['It needed', 'a lot of tailoring']);
    expect(nurses.summary).toBe('2 segments coded 30 (with 2 subcodes) by every coder in 1 document (1 participant), where Role is nurse.');
    const coders = await engine.call('coders:list', {});
    const ben = coders.find((c) => c.name === 'Ben')!;
    const bens = await engine.call('retrieval:run', { codeIds: [c30.id], coderIds: [ben.id] });
    expect(bens.segments.map((s) => s.text)).toEqual(['It needed']);
    const only = await engine.call('retrieval:run', { codeIds: [c30.id], descendants: false });
    expect(only.segments).toEqual([]);
    const consensus = await engine.call('retrieval:run', { codeIds: [c30a.id], layer: 'consensus' });
    expect(consensus.segments).toEqual([]);
    const byCode = await engine.call('retrieval:run', { codeIds: [c30.id], sort: 'code' });
    expect(byCode.segments.map((s) => s.codeLabel)).toEqual(['30a', '30a', '30a', '30b']);
    const byParticipant = await engine.call('retrieval:run', { codeIds: [c30.id], sort: 'participant' });
    expect(byParticipant.segments.map((s) => s.participant)).toEqual(['ID01', 'ID02', 'ID02', null]);
    const missing = await engine.invoke('retrieval:run', { codeIds: [c30.id], where: [{ attribute: 'Age', values: ['40'] }] });
    expect(missing).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: 'no participant attribute "Age" (there are: Role)' } });
  });

  it('exports CSV with attribute columns, XLSX, Markdown and a Word quote table grouped by code', async () => {
    const { engine, c30 } = await study();
    const csv = await engine.call('retrieval:export', { codeIds: [c30.id], format: 'csv' });
    const lines = Buffer.from(csv.dataBase64, 'base64').toString('utf8').split('\r\n');
    expect(lines[0]).toBe('document,participant,code_label,code,coder,start,end,timestamp,text,Role');
    expect(lines[1]).toMatch(/^ID01 interview,ID01,30a,Adaptation,Ana,\d+,\d+,00:12:03,adapted it to each practice,GP$/);
    expect(lines).toHaveLength(5);

    const xlsx = await engine.call('retrieval:export', { codeIds: [c30.id], format: 'xlsx' });
    expect(xlsx.fileName).toBe('retrieved-30.xlsx');
    const files = unzipSync(new Uint8Array(Buffer.from(xlsx.dataBase64, 'base64')));
    const sheet = strFromU8(files['xl/worksheets/sheet1.xml']);
    expect(sheet).toContain('<c r="J1" t="inlineStr" s="1"><is><t xml:space="preserve">Role</t></is></c>');
    expect(sheet).toContain('<t xml:space="preserve">a lot of tailoring</t>');
    expect(sheet.match(/<row /g)).toHaveLength(5);

    const md = Buffer.from((await engine.call('retrieval:export', { codeIds: [c30.id], format: 'markdown' })).dataBase64, 'base64').toString('utf8');
    expect(md).toContain('30a Adaptation');
    // Segments of two coders (Ana's 30a, Ben's 30b): each says whose it is.
    expect(md).toContain('adapted it to each practice ID01, 00:12:03 (coded by Ana)');
    expect(md).toContain('It needed ID02, 00:12:03 (coded by Ben)');
    expect(md).toContain('agreed to adapt Board minutes (coded by Ana)');
    expect(md).toContain('From project data: 4 segments in 2 codes, coded by 2 coders (Ana, Ben); each segment names its coder.');
    // One coder's segments need no label.
    const coders = await engine.call('coders:list', {});
    const ana = coders.find((c) => c.name === 'Ana')!;
    const anas = Buffer.from((await engine.call('retrieval:export', { codeIds: [c30.id], coderIds: [ana.id], format: 'markdown' })).dataBase64, 'base64').toString('utf8');
    expect(anas).toContain('adapted it to each practice ID01, 00:12:03<br>');
    expect(anas).not.toContain('coded by');
    expect(anas).toContain('From project data: 3 segments in 1 code.');

    const docx = await engine.call('retrieval:export', { codeIds: [c30.id], format: 'docx' });
    const xml = strFromU8(unzipSync(new Uint8Array(Buffer.from(docx.dataBase64, 'base64')))['word/document.xml']);
    expect(xml).toContain('Retrieved segments');
    expect(xml).toContain('a lot of tailoring ID02, 00:12:03 (coded by Ana)');
    expect(xml).toContain('30b Planning');
  });
});
