// CSV readers: participants tables, survey responses, transcript tables, attribute-type inference.
import { describe, expect, it } from 'vitest';
import { AccordError } from '../../../shared/errors';
import {
  inferAttributeType,
  parseParticipantsCsv,
  parseSurveyCsv,
  parseTranscriptCsv,
} from '../../../electron/engine/import/csv';
import { extractDocument } from '../../../electron/engine/import/extract';

function failure(fn: () => unknown): { code: string; message: string } {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(AccordError);
    return { code: (e as AccordError).code, message: (e as AccordError).message };
  }
  throw new Error('expected an AccordError');
}

describe('parseParticipantsCsv', () => {
  it('auto-detects the ID column and keeps the other columns as attributes', () => {
    const t = parseParticipantsCsv('p.csv', 'Gender,Participant ID,Age\nF,ID21,34\nM,ID22,51\n');
    expect(t).toEqual({
      idColumn: 'Participant ID',
      attributes: ['Gender', 'Age'],
      rows: [
        { id: 'ID21', attributes: { Gender: 'F', Age: '34' } },
        { id: 'ID22', attributes: { Gender: 'M', Age: '51' } },
      ],
    });
  });

  it('falls back to the first column, or uses the given one', () => {
    expect(parseParticipantsCsv('p.csv', 'Code,Site\nA1,North\nA2,South').idColumn).toBe('Code');
    const t = parseParticipantsCsv('p.csv', 'Name,Who\nAna,P1\nBea,P2', 'who');
    expect(t.idColumn).toBe('Who');
    expect(t.rows[1]).toEqual({ id: 'P2', attributes: { Name: 'Bea' } });
    expect(failure(() => parseParticipantsCsv('p.csv', 'A,B\n1,2', 'ID'))).toEqual({
      code: 'INVALID_INPUT',
      message: 'p.csv: has no column "ID" (columns: A, B)',
    });
  });

  it('handles a BOM, ";" delimiters, CRLF and quoted newlines', () => {
    const text = '\uFEFFID;Role;Notes\r\nP01;nurse;"first line\r\nsecond; line"\r\nP02;"doctor";plain\r\n';
    const t = parseParticipantsCsv('semi.csv', text);
    expect(t.idColumn).toBe('ID');
    expect(t.rows).toEqual([
      { id: 'P01', attributes: { Role: 'nurse', Notes: 'first line\nsecond; line' } },
      { id: 'P02', attributes: { Role: 'doctor', Notes: 'plain' } },
    ]);
  });

  it('names the row for ragged rows, empty IDs and duplicate IDs', () => {
    expect(failure(() => parseParticipantsCsv('r.csv', 'ID,Age\nP1,30\nP2\nP3,40')).message).toBe(
      'r.csv: row 3 has 1 cells but the header has 2',
    );
    expect(failure(() => parseParticipantsCsv('r.csv', 'ID,Age\nP1,30,x')).message).toBe('r.csv: row 2 has 3 cells but the header has 2');
    expect(failure(() => parseParticipantsCsv('e.csv', 'ID,Age\nP1,30\n,31')).message).toBe(
      'e.csv: row 3 has no participant ID (column "ID")',
    );
    expect(failure(() => parseParticipantsCsv('d.csv', 'ID,Age\nID21,30\nP2,31\nid21,32')).message).toBe(
      'd.csv: row 4 repeats participant ID "id21" (first on row 2)',
    );
  });

  it('tolerates extra empty trailing cells from spreadsheet exports', () => {
    expect(parseParticipantsCsv('x.csv', 'ID,Age,,\nP1,30,,\n').rows).toEqual([{ id: 'P1', attributes: { Age: '30' } }]);
  });

  it('refuses an empty ID column, an empty file, and repeated column names', () => {
    expect(failure(() => parseParticipantsCsv('c.csv', 'ID,Age\n,30\n,31')).message).toBe('c.csv: the ID column "ID" is empty');
    expect(failure(() => parseParticipantsCsv('z.csv', '')).message).toBe('z.csv: is empty (no header row)');
    expect(failure(() => parseParticipantsCsv('h.csv', 'ID,Age,age\nP1,1,2')).message).toBe(
      'h.csv: two columns are named "age" (columns 2 and 3)',
    );
  });
});

describe('parseSurveyCsv', () => {
  it('returns each response with the other columns as attributes and skips empty responses', () => {
    const text = 'Respondent,Answer,Country\nR1,"I liked it, mostly.",UK\nR2,,FR\nR3,"Too long\nand dull",DE';
    const t = parseSurveyCsv('s.csv', text, 'Answer');
    expect(t.textColumn).toBe('Answer');
    expect(t.attributes).toEqual(['Respondent', 'Country']);
    expect(t.rows).toEqual([
      { row: 2, text: 'I liked it, mostly.', attributes: { Respondent: 'R1', Country: 'UK' } },
      { row: 4, text: 'Too long\nand dull', attributes: { Respondent: 'R3', Country: 'DE' } },
    ]);
    expect(t.warnings).toEqual(['s.csv: 1 row has no response in "Answer" and was skipped (row 3)']);
  });
});

describe('parseTranscriptCsv and .csv documents', () => {
  it('joins rows as "speaker: statement" with timed turns', async () => {
    const csv = '\uFEFFtimestamp,speaker,statement\r\n0:01,Jordan Lee,"Hi, Alex."\r\n1:15,Alex Morgan,It’s fine.\r\n';
    const t = parseTranscriptCsv('i.csv', csv);
    expect(t).toEqual({
      text: 'Jordan Lee: Hi, Alex.\n\nAlex Morgan: It’s fine.',
      turns: [
        { speaker: 'Jordan Lee', start: 0, end: 21, startMs: 1000, endMs: null },
        { speaker: 'Alex Morgan', start: 23, end: 46, startMs: 75_000, endMs: null },
      ],
      durationMs: 75_000,
    });
    const d = await extractDocument('i.csv', new TextEncoder().encode(csv));
    expect(d.format).toBe('csv');
    expect(d.text).toBe(t?.text);
  });

  it("reads NVivo's Timespan column, a time or a range's start", () => {
    // NVivo's transcript table (Timespan, Speaker, Content), tab-separated, as NVivo imports and exports it.
    const t = parseTranscriptCsv('n.csv', 'Timespan\tSpeaker\tContent\n00:00:03.5\tAna Ruiz\tThanks for joining.\n0:00:06.9 - 0:00:11.0\tRosa M\tSure.\n');
    expect(t?.turns.map((x) => [x.speaker, x.startMs])).toEqual([
      ['Ana Ruiz', 3_500],
      ['Rosa M', 6_900],
    ]);
  });

  it('refuses a table that is not a transcript', async () => {
    await expect(extractDocument('p.csv', new TextEncoder().encode('ID,Age\nP1,3'))).rejects.toThrow(
      'p.csv: is a table without speaker and statement columns; import it as participants or survey responses instead',
    );
  });
});

describe('inferAttributeType', () => {
  it('recognises numbers, dates, categories and free text', () => {
    expect(inferAttributeType(['34', '51', '', '-2.5', '1,200'])).toBe('number');
    expect(inferAttributeType(['2022-03-14', '14/03/2022', '2021-11'])).toBe('date');
    expect(inferAttributeType(['F', 'M', 'F', 'F'])).toBe('category');
    expect(inferAttributeType(['nurse', 'doctor'])).toBe('category');
    expect(inferAttributeType(['Ana', 'Bea', 'Carla', 'Dora'])).toBe('text'); // all distinct: names, not groups
    expect(inferAttributeType(['a long free-text answer that goes on and on for a while', 'another one', 'another one'])).toBe('text');
    expect(inferAttributeType(['', ' '])).toBe('text');
  });
});
