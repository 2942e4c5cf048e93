// The CLI's JSON writer: the same text as JSON.stringify(value, null, 2) for ordinary values, rows
// one compact value per line, and output in pieces (never one string of the whole document).
import { describe, expect, it } from 'vitest';
import { jsonNumber, rows, writeJson } from '../../../electron/cli/json-out';

function written(v: unknown): { text: string; pieces: string[] } {
  const pieces: string[] = [];
  writeJson(v, (s) => pieces.push(s));
  return { text: pieces.join(''), pieces };
}

describe('writeJson', () => {
  it('lays out ordinary values exactly as JSON.stringify(v, null, 2) does', () => {
    const values: unknown[] = [
      null,
      0,
      -0,
      1.5e-300,
      'a "quoted"\nline — ü',
      [],
      {},
      [1, 'x', null, true],
      { a: 1, b: [], c: {}, d: [[1, 2], [], [{ e: null }]], f: undefined, g: 'h', i: { j: [null, 'k'] }, l: NaN, m: Infinity },
      [undefined, () => 1, { n: [1, { o: [] }] }],
      { date: new Date(0), nested: { deeper: { deepest: [1, [2, [3]]] } } },
    ];
    for (const v of values) expect(written(v).text).toBe(`${JSON.stringify(v, null, 2)}\n`);
  });

  it('writes rows one compact value per line, parsing to the same document', () => {
    const cells = [
      { a: '10', b: '10.20', n: 3, c: 0.25, x: null },
      { a: 'Ana "A"', b: 'b', n: 0, c: NaN, x: 1 },
    ];
    const doc = { mode: 'overlap', cells: rows(cells), empty: rows([]), nested: [{ pairs: rows([[1, 2]]) }] };
    const { text } = written(doc);
    expect(JSON.parse(text)).toEqual({ mode: 'overlap', cells: JSON.parse(JSON.stringify(cells)), empty: [], nested: [{ pairs: [[1, 2]] }] });
    expect(text).toContain('\n  "cells": [\n    {"a":"10","b":"10.20","n":3,"c":0.25,"x":null},\n    {"a":"Ana \\"A\\"","b":"b","n":0,"c":null,"x":1}\n  ],\n');
    expect(text).toContain('"empty": [],');
  });

  it('hands the output over in pieces of about a megabyte', () => {
    const many = Array.from({ length: 60_000 }, (_, i) => ({ i, label: `code ${i}`, value: i / 7 }));
    const { text, pieces } = written({ cells: rows(many) });
    expect(pieces.length).toBeGreaterThan(2);
    expect(Math.max(...pieces.map((p) => p.length))).toBeLessThan(1.1 * 2 ** 20);
    expect(JSON.parse(text).cells).toEqual(many);
  });

  it('writes numbers as JSON does', () => {
    expect([0.1 + 0.2, -0, 1e21, NaN, -Infinity, null, undefined].map(jsonNumber)).toEqual(['0.30000000000000004', '0', '1e+21', 'null', 'null', 'null', 'null']);
  });
});

describe('agreement rows written directly', () => {
  it('are the JSON of the measures object, key for key', async () => {
    const { jsonMeasures, jsonMeasuresText } = await import('../../../electron/cli/agreement-commands');
    const m = (value: number | null, reason?: string) => (value === null ? { value, reason: reason ?? 'no unit', n: 0 } : { value, n: 7 });
    const rowsToCheck = [
      { units: 10, percentAgreement: m(0.5), percentAllAgree: m(0.25), cohenKappa: m(null, "Cohen's kappa needs exactly two coders, got 3"), pairwiseCohen: [], fleissKappa: m(-0.1), krippendorffAlpha: m(1 / 3), alphaU: m(null, 'only one category "x"') },
      { units: 0, percentAgreement: m(null), percentAllAgree: m(null), cohenKappa: m(null), pairwiseCohen: [], fleissKappa: m(null), krippendorffAlpha: m(null), alphaU: null },
      { coderA: 'A', coderB: 'B', units: 3, percentAgreement: m(1), percentAllAgree: m(1), cohenKappa: m(0.2), krippendorffAlpha: m(0.1), alphaU: m(0.3) },
      // Reasons are kept per measure and per wording: another count, the same wording under another key.
      { units: 4, percentAgreement: m(0.5), percentAllAgree: m(null, "Cohen's kappa needs exactly two coders, got 3"), cohenKappa: m(null, "Cohen's kappa needs exactly two coders, got 8"), pairwiseCohen: [], fleissKappa: m(null, 'no unit'), krippendorffAlpha: m(null, 'no unit'), alphaU: m(0) },
    ];
    for (const r of rowsToCheck) expect(`{${jsonMeasuresText(r as never)}}`).toBe(JSON.stringify(jsonMeasures(r as never)));
  });
});

describe('paced writing', () => {
  it('waits for the reader whenever the stream says its buffer is full, and writes the same text', async () => {
    const { writeJsonPaced } = await import('../../../electron/cli/json-out');
    const many = Array.from({ length: 60_000 }, (_, i) => ({ i, label: `code ${i}` }));
    const doc = { cells: rows(many), tail: { n: 1 } };
    const pieces: string[] = [];
    let waits = 0;
    let full = false;
    await writeJsonPaced(
      doc,
      (s) => {
        pieces.push(s);
        full = !full;
        return !full;
      },
      async () => {
        waits++;
      },
    );
    expect(waits).toBe(Math.ceil(pieces.length / 2));
    expect(pieces.join('')).toBe(written(doc).text);
  });
});
