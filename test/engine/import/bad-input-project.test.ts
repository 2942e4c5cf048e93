// Bad input at project level (issue "bring in a whole study"): each bad file is refused with one
// message naming the file and the problem, and the project is unchanged — same counts, same audit log.
import { truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../../electron/cli/main';
import type { Engine } from '../../../electron/engine/engine';
import { newProject, tempDir } from '../../helpers/temp';
import { zeroBombDocx } from '../../helpers/fixtures';

const dir = tempDir();
const MB = 1024 * 1024;

/** A one-page PDF with one line of text and an exact xref (see pdf.test.ts for the layout). */
function makePdf(text: string, trailer = '', extra: string[] = []): Uint8Array {
  const body = `BT /F1 12 Tf 72 720 Td (${text}) Tj ET`;
  const objs = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [4 0 R] /Count 1 >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents 5 0 R >>',
    `<< /Length ${body.length} >>\nstream\n${body}\nendstream`,
    ...extra,
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objs.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R ${trailer}>>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(out, 'latin1'));
}


const b64 = (bytes: Uint8Array | string) => Buffer.from(bytes).toString('base64');

function snapshot(engine: Engine) {
  const n = (sql: string) => (engine.current.db.prepare(sql).get() as { n: number }).n;
  return { info: engine.info(), batches: n('SELECT count(*) AS n FROM change_batches'), audit: n('SELECT count(*) AS n FROM audit_log'), fts: n("SELECT count(*) AS n FROM documents_fts WHERE documents_fts MATCH 'secret OR hello'") };
}

async function refused(engine: Engine, method: 'documents:import' | 'participants:import', input: Record<string, unknown>): Promise<string> {
  const before = snapshot(engine);
  const r = await engine.invoke(method, input);
  expect(r.ok).toBe(false);
  expect(snapshot(engine)).toEqual(before);
  return (r as { error: { message: string } }).error.message;
}

describe('bad documents leave the project unchanged', () => {
  it('truncated and encrypted PDFs, a .docx that is not a zip, a zip bomb, broken .vtt, an empty file', async () => {
    const engine = await newProject(dir, 'bad-docs.accord');
    await engine.call('documents:import', { fileName: 'ok.txt', dataBase64: b64('Interviewer: hello\nID01: fine') });
    const pdf = makePdf('Interviewer: hello there, this is a longer line of text');
    expect(await refused(engine, 'documents:import', { fileName: 'cut.pdf', dataBase64: b64(pdf.subarray(0, pdf.length - 60)) })).toBe(
      'cut.pdf: is damaged (truncated: the end of the file is missing)',
    );
    const encrypt = `<< /Filter /Standard /V 1 /R 2 /O <${'cd'.repeat(32)}> /U <${'ab'.repeat(32)}> /P -4 >>`;
    const id = '<0123456789abcdef0123456789abcdef>';
    expect(await refused(engine, 'documents:import', { fileName: 'locked.pdf', dataBase64: b64(makePdf('secret', `/Encrypt 6 0 R /ID [${id} ${id}] `, [encrypt])) })).toBe(
      'locked.pdf: is encrypted (password protected); save an unprotected copy and import that',
    );
    expect(await refused(engine, 'documents:import', { fileName: 'ID07 interview.docx', dataBase64: b64('just text renamed to .docx') })).toMatch(/^ID07 interview\.docx: .*zip/i);
    const before = process.memoryUsage().rss;
    expect(await refused(engine, 'documents:import', { fileName: 'bomb.docx', dataBase64: b64(zeroBombDocx(210)) })).toMatch(/^bomb\.docx: .*(200 MB|too large)/);
    // The bomb is refused from its declared size, before 210 MB are inflated.
    expect(process.memoryUsage().rss - before).toBeLessThan(150 * MB);
    expect(await refused(engine, 'documents:import', { fileName: 'b.vtt', dataBase64: b64('WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nok\n\n00:00:03.5 --> 00:00:04.000\nbad') })).toBe(
      'b.vtt: line 6: broken timestamp "00:00:03.5 --> 00:00:04.000" (expected 00:00:01.000 --> 00:00:04.000)',
    );
    expect(await refused(engine, 'documents:import', { fileName: 'empty.txt', dataBase64: '' })).toBe('empty.txt: is empty');
    expect(await refused(engine, 'documents:import', { fileName: 'table.xlsx', dataBase64: b64('x') })).toMatch(/^table\.xlsx: Accord can't read \.xlsx files; it reads \.txt, .*\(save the sheet as \.csv first\)/);
  }, 30000);

  it('non-ASCII file names are kept, in documents and in errors', async () => {
    const engine = await newProject(dir, 'names.accord');
    const r = await engine.call('documents:import', { fileName: 'Entrevista São Paulo – ID12 ñandú.txt', dataBase64: b64('Entrevistador: ¿Qué ayudó?\nID12: La coordinación.') });
    expect(r.document.name).toBe('Entrevista São Paulo – ID12 ñandú');
    expect(r.participant).toBe('ID12');
    expect(await refused(engine, 'documents:import', { fileName: 'Überblick 日本.txt', dataBase64: '' })).toBe('Überblick 日本.txt: is empty');
  });
});

describe('participant tables', () => {
  it('ragged rows, duplicate IDs and an empty ID column are refused by file and row', async () => {
    const engine = await newProject(dir, 'bad-csv.accord');
    const csv = (text: string) => ({ fileName: 'teilnehmer.csv', text });
    expect(await refused(engine, 'participants:import', csv('ID,Sex\nID01,Male\nID02,Female,Extra\n'))).toBe('teilnehmer.csv: row 3 has 3 cells but the header has 2');
    expect(await refused(engine, 'participants:import', csv('ID,Sex\nID01,Male\nid01,Female\n'))).toBe('teilnehmer.csv: row 3 repeats participant ID "id01" (first on row 2)');
    expect(await refused(engine, 'participants:import', csv('ID,Sex\n,Male\n,Female\n'))).toBe('teilnehmer.csv: the ID column "ID" is empty');
  });

  it('a BOM, `;` delimiters and quoted newlines are read correctly', async () => {
    const engine = await newProject(dir, 'good-csv.accord');
    await engine.call('participants:import', { fileName: 'p.csv', text: '\uFEFFID;Role;Notes\r\nID01;Clinician;"Joined late;\r\nleft early"\r\nID02;CCG leadership;\r\n' });
    const people = await engine.call('participants:list', {});
    expect(people.map((p) => [p.pid, p.attributes])).toEqual([
      ['ID01', { Role: 'Clinician', Notes: 'Joined late;\nleft early' }],
      ['ID02', { Role: 'CCG leadership' }],
    ]);
  });
});

describe('a 200 MB text file through the CLI', () => {
  it('is refused from its size before it is read, and nothing changes', async () => {
    const project = join(dir, 'big.accord');
    const big = join(dir, 'huge transcript.txt');
    // A sparse file: 200 MB on paper, nothing on disk; the CLI must refuse it by size, unread.
    writeFileSync(big, '');
    truncateSync(big, 200 * MB);
    let out = '';
    let err = '';
    const io = { out: (s: string) => (out += s), err: (s: string) => (err += s) };
    expect(await run(['init', project], io)).toBe(0);
    const before = process.memoryUsage().rss;
    expect(await run(['import', project, big, '--json'], io)).toBe(1);
    expect(process.memoryUsage().rss - before).toBeLessThan(100 * MB);
    expect(JSON.parse(out.slice(out.indexOf('{'))).failed[0].error).toMatch(/^huge transcript\.txt: is too large/);
    expect(err).toMatch(/huge transcript\.txt: is too large/);
    out = '';
    expect(await run(['info', project, '--json'], io)).toBe(0);
    expect(JSON.parse(out)).toEqual({ documents: 0, participants: 0, codes: 0, codings: 0, coders: 0 });
  });
});
