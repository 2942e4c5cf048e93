// Retrieved coded segments as the paper and the analyst need them: sorted, summarised in one
// sentence, as a quote table grouped by code (participant-labelled, like the seed study's
// Supplemental Table 2) and as flat rows with one column per participant attribute (for R or Python).
import type { RetrievalResult, RetrievalSort, RetrievedSegment } from '../api/retrieval';
import { compareLabels } from '../codebook/tree';
import { plural } from '../text/wording';
import { textCell, type ReportTable, type TableRow } from './table';


/** A time in ms as `00:12:03` (hours always shown, as transcripts print them). */
export function formatTimestamp(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return [h, m, s].map((v) => String(v).padStart(2, '0')).join(':');
}

/** The citation label of a passage: `ID21` or `ID21, 00:12:03`; the document name when no participant. */
export function segmentLabel(s: Pick<RetrievedSegment, 'participant' | 'document' | 'timeMs'>): string {
  const who = s.participant ?? s.document;
  return s.timeMs === null ? who : `${who}, ${formatTimestamp(s.timeMs)}`;
}

/** Sort in place-free fashion: document order (document, then offset), by code label, or by participant ID. */
export function sortSegments(segments: readonly RetrievedSegment[], sort: RetrievalSort, documentOrder: ReadonlyMap<number, number>): RetrievedSegment[] {
  const byPlace = (a: RetrievedSegment, b: RetrievedSegment) =>
    (documentOrder.get(a.documentId) ?? 0) - (documentOrder.get(b.documentId) ?? 0) || a.start - b.start || a.end - b.end || a.codingId - b.codingId;
  const out = [...segments];
  if (sort === 'document') out.sort(byPlace);
  else if (sort === 'code') out.sort((a, b) => compareLabels(a.codeLabel, b.codeLabel) || byPlace(a, b));
  else
    out.sort((a, b) => {
      if (a.participant === null || b.participant === null) return (a.participant === null ? 1 : 0) - (b.participant === null ? 1 : 0) || byPlace(a, b);
      return compareLabels(a.participant, b.participant) || byPlace(a, b);
    });
  return out;
}

export interface SummaryParts {
  codes: string[];
  descendants: number;
  layer: string;
  filters: string[];
}

/** "14 segments coded 30a (with 2 subcodes) by every coder in 5 documents (4 participants), where Role is GP." */
export function retrievalSummary(segments: readonly RetrievedSegment[], parts: SummaryParts): string {
  const documents = new Set(segments.map((s) => s.documentId)).size;
  const participants = new Set(segments.filter((s) => s.participant !== null).map((s) => s.participant)).size;
  const codes = parts.codes.join(', ');
  const sub = parts.descendants > 0 ? ` (with ${plural(parts.descendants, 'subcode')})` : '';
  const where = parts.filters.length > 0 ? `, where ${parts.filters.join(' and ')}` : '';
  return `${plural(segments.length, 'segment')} coded ${codes}${sub} by ${parts.layer} in ${plural(documents, 'document')} (${plural(participants, 'participant')})${where}.`;
}

/**
 * The Word/Markdown table: one row per code that has segments, each passage its own paragraph,
 * ending with its participant label (and time where the transcript has one). Where the segments are
 * more than one coder's, each also says whose it is: two coders' codings of one passage would
 * otherwise read as the same quote printed twice.
 */
export function retrievalQuoteTable(result: RetrievalResult): ReportTable {
  const coders = [...new Set(result.segments.map((s) => s.coder))];
  const byCoder = coders.length > 1;
  const rows: TableRow[] = [];
  for (const code of result.codes) {
    const quotes = result.segments.filter((s) => s.codeId === code.id);
    if (quotes.length === 0) continue;
    const paragraphs = quotes.map((s) => `${s.text.trim().replace(/\s*\n\s*/g, ' ')} ${segmentLabel(s)}${byCoder ? ` (coded by ${s.coder})` : ''}`);
    rows.push({ cells: [textCell(`${code.label ? `${code.label} ` : ''}${code.name}`), textCell(paragraphs.join('\n'))] });
  }
  const from = `From project data: ${plural(result.segments.length, 'segment')} in ${plural(rows.length, 'code')}`;
  return {
    title: 'Retrieved segments',
    caption: result.summary,
    columns: [textCell('Code'), textCell('Coded segments')],
    rows,
    notes: [byCoder ? `${from}, coded by ${plural(coders.length, 'coder')} (${coders.join(', ')}); each segment names its coder.` : `${from}.`],
  };
}

/** Column names of the flat export, then one string row per segment (attribute columns follow the fixed ones). */
export function retrievalRows(result: RetrievalResult): { header: string[]; rows: (string | number)[][] } {
  const header = ['document', 'participant', 'code_label', 'code', 'coder', 'start', 'end', 'timestamp', 'text', ...result.attributes];
  const rows = result.segments.map((s) => [
    s.document,
    s.participant ?? '',
    s.codeLabel,
    s.codeName,
    s.coder,
    s.start,
    s.end,
    s.timeMs === null ? '' : formatTimestamp(s.timeMs),
    s.text,
    ...result.attributes.map((a) => s.attributes[a] ?? ''),
  ]);
  return { header, rows };
}
