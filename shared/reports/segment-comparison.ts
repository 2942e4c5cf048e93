// The segment comparison's unmatched segments as CSV (the same for the command line and the
// dashboard's download), and its JSON form for the command line. One place, so the two agree.
import Papa from 'papaparse';
import type { SegmentComparisonReport } from '../api/agreement';
import type { AgreementTally, SegmentTally } from '../stats/segment-comparison';

// A spreadsheet runs a cell starting with = + - @ as a formula; signed numbers stay plain data.
const FORMULA = /^[=+\-@\t\r](?![0-9]*\.?[0-9]+%?$)/;

/** The overlap as a percentage with one decimal, e.g. 80 → "80.0". */
export function overlapPercent(overlap: number): string {
  return (Math.round(overlap * 1000) / 10).toFixed(1);
}

/** Unmatched segments as CSV: one row each, with the other coder's closest segment of the code. */
export function unmatchedCsv(r: SegmentComparisonReport): string {
  const other = (coder: string) => r.coders.find((c) => c.name !== coder)?.name ?? '';
  return Papa.unparse(
    {
      fields: ['document', 'code', 'coder', 'start', 'end', 'text', 'other_coder', 'other_start', 'other_end', 'other_text', 'overlap_percent'],
      data: r.unmatched.map((u) => [
        u.document,
        u.code,
        u.coder,
        String(u.start),
        String(u.end),
        u.text,
        other(u.coder),
        u.other ? String(u.other.start) : '',
        u.other ? String(u.other.end) : '',
        u.other?.text ?? '',
        overlapPercent(u.overlap),
      ]),
    },
    { quotes: false, newline: '\r\n', escapeFormulae: FORMULA },
  );
}

function tallyJson(t: AgreementTally) {
  return { agree: t.agree, disagree: t.disagree, percent: t.percent, ...(t.percent === null ? { percent_reason: t.reason ?? 'undefined' } : {}) };
}

function segmentJson(t: SegmentTally) {
  return { ...tallyJson(t), kappa_bp: t.kappaBP, ...(t.kappaBP === null ? { kappa_bp_reason: t.kappaBPReason ?? 'undefined' } : {}) };
}

/** The command line's JSON (documented in `accord --help` and docs/team-workflow.md). */
export function segmentComparisonJson(r: SegmentComparisonReport) {
  return {
    scope: r.scope,
    sentence: r.sentence,
    coders: r.coders.map((c) => c.name),
    documents: r.documents.map((d) => d.name),
    overlap_threshold: r.overlapThreshold,
    chance: { codes: r.chance.codes, pc: r.chance.pc },
    codes: r.codes.map((c) => ({
      code: c.label || c.name,
      path: c.path,
      existence: tallyJson(c.existence),
      frequency: tallyJson(c.frequency),
      segments: segmentJson(c.segments),
    })),
    total: { existence: tallyJson(r.total.existence), frequency: tallyJson(r.total.frequency), segments: segmentJson(r.total.segments) },
    by_document: r.byDocument.map((d) => ({
      document: d.name,
      existence: tallyJson(d.existence),
      frequency: tallyJson(d.frequency),
      segments: tallyJson(d.segments),
    })),
    unmatched: r.unmatched.map((u) => ({
      document: u.document,
      code: u.code,
      coder: u.coder,
      start: u.start,
      end: u.end,
      text: u.text,
      other: u.other ? { start: u.other.start, end: u.other.end, text: u.other.text } : null,
      overlap: u.overlap,
    })),
    notes: r.notes,
  };
}
