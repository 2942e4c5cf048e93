// "Segment comparison (MAXQDA)": MAXQDA's intercoder agreement for two coders beside the character
// measures — per code, code existence and frequency per document and segment agreement at a minimum
// overlap with κ in Brennan & Prediger's form, and every unmatched segment, each opening the document
// at that segment. Computed only while the section is open.
import { useEffect, useMemo, useState } from 'react';
import type { AgreementScope, SegmentComparisonReport } from '../../../shared/api/agreement';
import type { CodeId, Coder, CoderId, DocumentId } from '../../../shared/model/types';
import { overlapPercent, unmatchedCsv } from '../../../shared/reports/segment-comparison';
import type { AgreementTally } from '../../../shared/stats/segment-comparison';
import { grouped } from '../../../shared/text/wording';
import { callFollowed, errorMessage } from '../../api/client';
import { downloadText } from '../../components/download';
import { band } from './agreement-table';

export interface SegmentComparisonProps {
  /** The coders who can be compared (not the consensus layer). */
  coders: Coder[];
  scope: AgreementScope;
  documentIds?: DocumentId[];
  /** Open a document in the coding view with [start, end) selected. */
  onOpenSegment?: (documentId: DocumentId, start: number, end: number) => void;
  /** Open the consensus view on a code's disagreements in one document. */
  onOpenDisagreements?: (target: { documentId: DocumentId; codeId: CodeId }) => void;
}

/** Unmatched rows shown before "show all". */
const FIRST_ROWS = 200;
/**
 * The most unmatched rows asked for: two coders of a large project can leave hundreds of thousands
 * (a hundred megabytes as JSON); the view lists the first ones and the CSV asks for them all.
 */
const CAP = 5000;

const pct = (t: AgreementTally) => (t.percent === null ? '—' : `${(t.percent * 100).toFixed(1)}%`);

function TallyCells({ t, testId }: { t: AgreementTally; testId: string }) {
  return (
    <>
      <td className="count">
        {t.agree} / {t.disagree}
      </td>
      <td title={t.reason} data-testid={testId}>
        {pct(t)}
      </td>
    </>
  );
}

export function SegmentComparison({ coders, scope, documentIds, onOpenSegment, onOpenDisagreements }: SegmentComparisonProps) {
  const [open, setOpen] = useState(false);
  // The coders chosen here; until chosen (or when a choice is no longer listed), the first two listed.
  // The list may still be loading when the view opens: the default then follows it when it arrives.
  const [chosen, setPair] = useState<[CoderId | null, CoderId | null]>([null, null]);
  const listed = (id: CoderId | null) => id !== null && coders.some((c) => c.id === id);
  const firstId = listed(chosen[0]) ? chosen[0] : (coders[0]?.id ?? null);
  const secondId = listed(chosen[1]) ? chosen[1] : (coders.find((c) => c.id !== firstId)?.id ?? null);
  const pair = useMemo<[CoderId | null, CoderId | null]>(() => [firstId, secondId], [firstId, secondId]);
  const [threshold, setThreshold] = useState('90');
  const [report, setReport] = useState<SegmentComparisonReport | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [all, setAll] = useState(false);
  const [csvBusy, setCsvBusy] = useState(false);
  const overlap = Number(threshold);
  const validThreshold = threshold.trim() !== '' && overlap > 0 && overlap <= 100;

  const invalid =
    pair[0] === null || pair[1] === null || pair[0] === pair[1]
      ? 'Choose two different coders to compare.'
      : !validThreshold
        ? 'The minimum overlap is a percentage above 0 and at most 100.'
        : null;

  useEffect(() => {
    if (!open || pair[0] === null || pair[1] === null || pair[0] === pair[1] || !validThreshold) return;
    let live = true;
    // A report (beside the window's other calls), cancelled when the choice changes or the view closes.
    const abort = new AbortController();
    callFollowed('agreement:segments', { coderIds: [pair[0], pair[1]], scope, overlap, limit: CAP, ...(documentIds ? { documentIds } : {}) }, { signal: abort.signal }).then(
      (r) => {
        if (!live) return;
        setReport(r);
        setProblem(null);
      },
      (err) => {
        if (!live) return;
        setReport(null);
        setProblem(errorMessage(err));
      },
    );
    return () => {
      live = false;
      abort.abort();
    };
  }, [open, pair, scope, documentIds, overlap, validThreshold]);

  const picker = (side: 0 | 1) => (
    <select
      value={pair[side] ?? ''}
      onChange={(e) => setPair(side === 0 ? [Number(e.target.value) as CoderId, pair[1]] : [pair[0], Number(e.target.value) as CoderId])}
      aria-label={side === 0 ? 'First coder' : 'Second coder'}
      data-testid={`segments-coder-${side}`}
    >
      {coders.map((c) => (
        <option key={c.id} value={c.id}>
          {c.name}
        </option>
      ))}
    </select>
  );

  const shown = invalid ? null : report;
  const message = invalid ?? problem;
  const complete = !shown || shown.unmatched.length === shown.unmatchedTotal;
  /** The unmatched segments as CSV: those listed when they are all, else every one, asked for again without the cap. */
  const downloadCsv = async () => {
    if (!shown || pair[0] === null || pair[1] === null) return;
    if (complete) return downloadText('unmatched-segments.csv', unmatchedCsv(shown), 'text/csv;charset=utf-8');
    setCsvBusy(true);
    try {
      const whole = await callFollowed('agreement:segments', { coderIds: [pair[0], pair[1]], scope, overlap, ...(documentIds ? { documentIds } : {}) }, {});
      downloadText('unmatched-segments.csv', unmatchedCsv(whole), 'text/csv;charset=utf-8');
    } catch (err) {
      setProblem(errorMessage(err));
    } finally {
      setCsvBusy(false);
    }
  };
  const rows = shown ? (all ? shown.unmatched : shown.unmatched.slice(0, FIRST_ROWS)) : [];
  return (
    <details className="agreement-section segment-comparison" data-testid="segment-comparison" onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}>
      <summary>Segment comparison (MAXQDA)</summary>
      <div className="agreement-controls">
        <label className="field-inline">Coders {picker(0)} × {picker(1)}</label>
        <label className="field-inline" title="Two segments of the same code agree when they overlap by at least this share of the text either coded">
          Minimum overlap
          <input
            type="number"
            min={1}
            max={100}
            step={1}
            value={threshold}
            onChange={(e) => setThreshold(e.target.value)}
            aria-invalid={!validThreshold}
            data-testid="segments-threshold"
            className="threshold"
          />
          %
        </label>
        <span className="spacer" />
        <button
          type="button"
          disabled={!shown || shown.unmatchedTotal === 0 || csvBusy}
          onClick={() => void downloadCsv()}
          data-testid="segments-csv"
        >
          {csvBusy ? 'Preparing the CSV…' : 'Unmatched as CSV'}
        </button>
      </div>
      {open && !shown && !message && <p className="muted">Computing…</p>}
      {message && (
        <p className="empty" data-testid="segments-problem">
          {message}
        </p>
      )}
      {shown && (
        <>
          <p className="agreement-sentence" data-testid="segments-summary">
            {shown.sentence}
            <button type="button" className="link" onClick={() => void navigator.clipboard?.writeText(shown.sentence)} title="Copy the sentence for a methods section">
              Copy
            </button>
          </p>
          <table className="agreement-table" data-testid="segments-table">
            <thead>
              <tr>
                <th>Code</th>
                <th title="Documents where both coders applied the code / where only one did">Existence: both / one</th>
                <th title="Code existence per document: agree ÷ (agree + disagree)">%</th>
                <th title="Documents where both applied the code equally often / not (of those where either applied it)">Frequency: same / not</th>
                <th title="Code frequency per document: agree ÷ (agree + disagree)">%</th>
                <th title="Segments of both coders, each counted once: with a match in the other coder's segments / without">Segments: agree / not</th>
                <th title="Segment agreement: agree ÷ (agree + disagree)">%</th>
                <th title={`κ in Brennan & Prediger's form: (% − 1/k) ÷ (1 − 1/k), k = ${shown.chance.codes} codes in the table`}>κ (B&amp;P)</th>
              </tr>
            </thead>
            <tbody>
              {shown.codes.map((c) => (
                <tr key={c.codeId} data-testid="segments-row">
                  <th scope="row" title={c.path}>
                    {c.label && <span className="code-label">{c.label}</span>} {c.name}
                  </th>
                  <TallyCells t={c.existence} testId="segments-existence" />
                  <TallyCells t={c.frequency} testId="segments-frequency" />
                  <TallyCells t={c.segments} testId="segments-percent" />
                  <td className={`band-${band(c.segments.kappaBP)}`} title={c.segments.kappaBPReason} data-testid="segments-kappa">
                    {c.segments.kappaBP === null ? '—' : c.segments.kappaBP.toFixed(3)}
                  </td>
                </tr>
              ))}
              <tr className="overall" data-testid="segments-total">
                <th scope="row">Total</th>
                <TallyCells t={shown.total.existence} testId="segments-existence" />
                <TallyCells t={shown.total.frequency} testId="segments-frequency" />
                <TallyCells t={shown.total.segments} testId="segments-percent" />
                <td className={`band-${band(shown.total.segments.kappaBP)}`} title={shown.total.segments.kappaBPReason} data-testid="segments-kappa">
                  {shown.total.segments.kappaBP === null ? '—' : shown.total.segments.kappaBP.toFixed(3)}
                </td>
              </tr>
            </tbody>
          </table>
          {shown.byDocument.length > 1 && (
            <details className="per-document" data-testid="segments-by-document">
              <summary>Per document ({shown.byDocument.length})</summary>
              <table className="agreement-table">
                <thead>
                  <tr>
                    <th>Document</th>
                    <th title="Codes both coders applied in the document / codes only one did">Existence: codes both / one</th>
                    <th>%</th>
                    <th title="Codes applied equally often by both / not">Frequency: same / not</th>
                    <th>%</th>
                    <th title="Segments with a match in the other coder's segments / without">Segments: agree / not</th>
                    <th>%</th>
                  </tr>
                </thead>
                <tbody>
                  {shown.byDocument.map((d) => (
                    <tr key={d.documentId}>
                      <th scope="row">{d.name}</th>
                      <TallyCells t={d.existence} testId="segments-doc-existence" />
                      <TallyCells t={d.frequency} testId="segments-doc-frequency" />
                      <TallyCells t={d.segments} testId="segments-doc-percent" />
                    </tr>
                  ))}
                </tbody>
              </table>
            </details>
          )}
          {shown.notes.map((n) => (
            <p key={n} className="note">
              {n}
            </p>
          ))}
          <h4>Unmatched segments ({grouped(shown.unmatchedTotal)})</h4>
          {!complete && (
            <p className="muted" data-testid="segments-capped">
              The first {grouped(shown.unmatched.length)} of {grouped(shown.unmatchedTotal)} unmatched segments, in reading order, are listed here; the CSV has
              them all.
            </p>
          )}
          {shown.unmatched.length === 0 ? (
            <p className="muted">Every segment has a match in the other coder&apos;s segments.</p>
          ) : (
            <table className="agreement-table unmatched" data-testid="unmatched-table">
              <thead>
                <tr>
                  <th>Document</th>
                  <th>Code</th>
                  <th>Coder</th>
                  <th>Text</th>
                  <th title="The other coder's segment of the code overlapping it most, else the nearest">Other coder&apos;s closest</th>
                  <th title="Characters both coded ÷ characters either coded">Overlap</th>
                  <th>
                    <span className="visually-hidden">Disagreements</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((u) => (
                  <tr key={`${u.codingId}`} data-testid="unmatched-row">
                    <td>{u.document}</td>
                    <td>{u.code}</td>
                    <td>{u.coder}</td>
                    <td className="excerpt" title={`[${u.start}, ${u.end})`}>
                      {onOpenSegment ? (
                        <button type="button" className="link" onClick={() => onOpenSegment(u.documentId, u.start, u.end)} title="Open the document at this segment" data-testid="open-segment">
                          {u.text}
                        </button>
                      ) : (
                        u.text
                      )}
                    </td>
                    <td className="excerpt" title={u.other ? `[${u.other.start}, ${u.other.end})` : undefined}>
                      {u.other ? u.other.text : <span className="muted">none in this document</span>}
                    </td>
                    <td className="count">{overlapPercent(u.overlap)}%</td>
                    <td>
                      {onOpenDisagreements && (
                        <button
                          type="button"
                          className="link disagreements"
                          onClick={() => onOpenDisagreements({ documentId: u.documentId, codeId: u.codeId })}
                          title={`Open the disagreements on ${u.code} in ${u.document}`}
                        >
                          disagreements →
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {!all && shown.unmatched.length > FIRST_ROWS && (
            <button type="button" className="link" onClick={() => setAll(true)}>
              {complete ? `Show all ${grouped(shown.unmatched.length)}` : `Show the first ${grouped(shown.unmatched.length)}`}
            </button>
          )}
        </>
      )}
    </details>
  );
}
