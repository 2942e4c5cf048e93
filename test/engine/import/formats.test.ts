// Tests for extractDocument on text-like and office formats, with fixtures built in the test.
import { Document, Packer, Paragraph, TextRun } from 'docx';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { extractDocument, formatOf, MAX_IMPORT_BYTES, SUPPORTED_EXTENSIONS } from '../../../electron/engine/import/extract';
import { badFile } from '../../helpers/fixtures';

const utf8 = (s: string) => new TextEncoder().encode(s);


describe('dispatch by extension', () => {
  it('lists the supported extensions and refuses others with one clear line', async () => {
    expect(SUPPORTED_EXTENSIONS).toEqual(['.txt', '.md', '.docx', '.pdf', '.vtt', '.srt', '.html', '.rtf', '.odt', '.csv']);
    expect(await badFile(extractDocument('x.xyz', utf8('hi')))).toBe(
      "x.xyz: Accord can't read .xyz files; it reads .txt, .md, .docx, .pdf, .vtt, .srt, .html, .rtf, .odt, .csv",
    );
    expect(await badFile(extractDocument('old.DOC', utf8('hi')))).toMatch(/^old\.DOC: Accord can't read \.doc files; .*save it as \.docx/);
    expect(await badFile(extractDocument('Otter export.zip', utf8('PK')))).toMatch(/^Otter export\.zip: Accord can't read \.zip files; .*\(unzip it and import the folder\)$/);
    expect(await badFile(extractDocument('ID21.tsv', utf8('start\tend\ttext')))).toBe(
      "ID21.tsv: Accord can't read .tsv files; it reads .txt, .md, .docx, .pdf, .vtt, .srt, .html, .rtf, .odt, .csv (for a Whisper transcript, import the .srt or .vtt written beside it)",
    );
    expect(formatOf('Page.HTM')).toBe('html');
    expect(formatOf('notes.MD')).toBe('md');
  });

  it('refuses a file over 100 MB before reading it', async () => {
    const big = new Uint8Array(MAX_IMPORT_BYTES + 1);
    expect(await badFile(extractDocument('big.txt', big))).toBe('big.txt: is too large (100.1 MB; the limit is 100 MB)');
    expect(await badFile(extractDocument('big.pdf', big))).toBe('big.pdf: is too large (100.1 MB; the limit is 100 MB)');
  });

  it('refuses a 0-byte file of any format', async () => {
    for (const name of ['e.txt', 'e.docx', 'e.pdf', 'e.vtt', 'e.odt']) {
      expect(await badFile(extractDocument(name, new Uint8Array(0)))).toBe(`${name}: is empty`);
    }
  });
});

describe('.txt / .md', () => {
  it('normalises line ends and finds turns and the participant', async () => {
    const d = await extractDocument('ID21 interview.txt', utf8('Interviewer: Hi.\r\nID21: Hello!\r\n\r\n'));
    expect(d).toEqual({
      text: 'Interviewer: Hi.\nID21: Hello!',
      format: 'txt',
      turns: [
        { speaker: 'Interviewer', start: 0, end: 16, startMs: null, endMs: null },
        { speaker: 'ID21', start: 17, end: 29, startMs: null, endMs: null },
      ],
      cues: [],
      pages: [],
      participant: 'ID21',
      participantMatch: { id: 'ID21', source: 'file name', evidence: 'ID21 interview.txt' },
      durationMs: null,
      encoding: 'utf-8',
      warnings: [],
    });
  });

  it('keeps markdown as text', async () => {
    const d = await extractDocument('notes.md', utf8('# Title\n\n**bold** and _it_'));
    expect(d.text).toBe('# Title\n\n**bold** and _it_');
    expect(d.format).toBe('md');
  });

  it('handles a non-ASCII file name and NFC-normalises decomposed text', async () => {
    const name = 'Entrevista_señora_Núñez.txt';
    const d = await extractDocument(name, utf8('Entrevistadora: ¿Señora Nu\u0301n\u0303ez?'));
    expect(d.text).toBe('Entrevistadora: ¿Señora Núñez?');
    expect(d.participant).toBeNull();
    expect(await badFile(extractDocument(name, new Uint8Array([0x20])))).toBe(`${name}: is empty`);
  });

  it('reads Windows-1252 bytes and refuses binary junk', async () => {
    const d = await extractDocument('old.txt', new Uint8Array([0x63, 0x61, 0x66, 0xe9]));
    expect(d.text).toBe('café');
    expect(d.warnings).toHaveLength(1);
    expect(await badFile(extractDocument('junk.txt', new Uint8Array([1, 2, 0, 3, 255])))).toBe('junk.txt: looks binary, not text');
  });
});

describe('.html', () => {
  it('makes block elements paragraphs, drops scripts/styles and decodes entities', async () => {
    const html = `<!doctype html><html><head><title>T</title><style>p{color:red}</style></head><body>
      <h1>Interview   &amp; notes</h1>
      <script>alert("x")</script>
      <p>Interviewer: Caf&eacute;&nbsp;ok?<br>second line</p>
      <div>P3: <b>Yes</b>, &lt;really&gt;.</div>
      <ul><li>one</li><li>two</li></ul>
      <table><tr><td>a</td><td>b</td></tr></table>
      <pre>  keep   spaces</pre>
    </body></html>`;
    const d = await extractDocument('page.html', utf8(html));
    expect(d.text).toBe(
      'Interview & notes\n\nInterviewer: Caf\u00e9\u00a0ok?\nsecond line\n\nP3: Yes, <really>.\n\none\n\ntwo\n\na\tb\n\n  keep   spaces',
    );
    expect(d.turns.map((t) => t.speaker)).toEqual(['Interviewer', 'P3']);
  });
});

describe('.rtf', () => {
  it('reads paragraphs, \\line, \\tab, \\uN with \\ucN, \\\'hh in the code page, and skips destinations', async () => {
    const rtf = String.raw`{\rtf1\ansi\ansicpg1252\deff0{\fonttbl{\f0\fswiss Helvetica;}}{\colortbl;\red255\green0\blue0;}
{\*\generator Test;}{\info{\title Secret title}}
\pard Interviewer: Caf\'e9 \'80 ok?\par
P3: line one\line line two\tab end\par
{\pict\pngblip 89504e47}
\uc1 Unicode: \u8364? and \u-3913? mark\par
\uc0 Zero skip: \u233 x \{braces\}\par}`;
    const d = await extractDocument('r.rtf', utf8(rtf));
    expect(d.text).toBe(
      'Interviewer: Café € ok?\n\nP3: line one\nline two\tend\n\nUnicode: € and \uf0b7 mark\n\nZero skip: éx {braces}',
    );
    expect(d.turns.map((t) => t.speaker)).toEqual(['Interviewer', 'P3']);
  });

  it('decodes \\\'hh in another declared code page (1251, Cyrillic)', async () => {
    const d = await extractDocument('ru.rtf', utf8(String.raw`{\rtf1\ansi\ansicpg1251 \'cf\'f0\'e8\'e2\'e5\'f2\par}`));
    expect(d.text).toBe('Привет');
  });

  it('refuses a file that is not RTF', async () => {
    expect(await badFile(extractDocument('fake.rtf', utf8('hello')))).toBe('fake.rtf: is not an RTF file (it does not start with {\\rtf)');
  });
});

describe('.odt', () => {
  const contentXml = (body: string) =>
    `<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text>${body}</office:text></office:body></office:document-content>`;
  const odt = (body: string, mimetype = 'application/vnd.oasis.opendocument.text') =>
    zipSync({ mimetype: [strToU8(mimetype), { level: 0 }], 'content.xml': strToU8(contentXml(body)) });

  it('reads text:p and text:h, text:s, text:tab, text:line-break; skips annotations and notes', async () => {
    const body =
      '<text:h text:outline-level="1">Entrevista &amp; notas</text:h>' +
      '<text:p>Entrevistadora: ¿Hola?<text:s text:c="3"/>sí<office:annotation><text:p>a comment</text:p></office:annotation></text:p>\n  ' +
      '<text:p>Rosa: uno<text:tab/>dos<text:line-break/>tres<text:note><text:note-body><text:p>footnote</text:p></text:note-body></text:note></text:p>' +
      '<text:p/>' +
      '<text:list><text:list-item><text:p>item <text:span>span</text:span></text:p></text:list-item></text:list>';
    const d = await extractDocument('e.odt', odt(body));
    expect(d.text).toBe('Entrevista & notas\n\nEntrevistadora: ¿Hola?   sí\n\nRosa: uno\tdos\ntres\n\nitem span');
    expect(d.format).toBe('odt');
    expect(d.turns.map((t) => t.speaker)).toEqual(['Entrevistadora']);
  });

  it('refuses junk, a spreadsheet, and a zip without content.xml', async () => {
    expect(await badFile(extractDocument('j.odt', utf8('not a zip at all')))).toBe('j.odt: is not an OpenDocument text file (not a valid .odt zip)');
    expect(await badFile(extractDocument('s.odt', odt('<text:p>x</text:p>', 'application/vnd.oasis.opendocument.spreadsheet')))).toBe(
      's.odt: is not an OpenDocument text file (it is application/vnd.oasis.opendocument.spreadsheet)',
    );
    expect(await badFile(extractDocument('n.odt', zipSync({ 'other.xml': strToU8('<a/>') })))).toBe(
      'n.odt: is not an OpenDocument text file (not a valid .odt zip)',
    );
  });
});

describe('.docx', () => {
  it('reads paragraphs (blank line between) and line breaks from a Word file built with the docx package', async () => {
    const doc = new Document({
      sections: [
        {
          children: [
            new Paragraph({ children: [new TextRun('Participant: ID07')] }),
            new Paragraph({ children: [new TextRun('Interviewer: How was it?')] }),
            new Paragraph({ children: [new TextRun('ID07: Fine, '), new TextRun({ text: 'really', bold: true })] }),
            new Paragraph({ children: [new TextRun('Second line'), new TextRun({ text: 'after break', break: 1 })] }),
            new Paragraph({ children: [] }),
            new Paragraph({ children: [new TextRun('Café & “quotes”')] }),
          ],
        },
      ],
    });
    const bytes = new Uint8Array(await Packer.toBuffer(doc));
    const d = await extractDocument('interview.docx', bytes);
    expect(d.text).toBe(
      'Participant: ID07\n\nInterviewer: How was it?\n\nID07: Fine, really\n\nSecond line\nafter break\n\nCafé & “quotes”',
    );
    expect(d.format).toBe('docx');
    expect(d.participant).toBe('ID07');
    expect(d.turns.map((t) => t.speaker)).toEqual(['Interviewer', 'ID07']);
  });

  it('refuses junk renamed .docx and a zip without word/document.xml', async () => {
    const msg = 'x.docx: is not a Word document (not a valid .docx zip)';
    expect(await badFile(extractDocument('x.docx', utf8('This is really a text file.')))).toBe(msg);
    expect(await badFile(extractDocument('x.docx', zipSync({ 'hello.txt': strToU8('hi') })))).toBe(msg);
    // A zip whose central directory is cut off.
    const zip = zipSync({ 'word/document.xml': strToU8('<w:document/>') });
    expect(await badFile(extractDocument('x.docx', zip.subarray(0, zip.length - 30)))).toBe(msg);
  });
});
