// Every disagreement in one document or the whole project, sortable by place, code or size; each
// row opens the consensus explorer at its region. On a large project the list is a long report: it
// shows its progress with Cancel, is cancelled when the view closes, and shows its rows a page at a
// time.
import { useEffect, useMemo, useState } from 'react';
import type { Disagreement, DisagreementList as List } from '../../../shared/api/agreement';
import { compareLabels } from '../../../shared/codebook/tree';
import { AccordError } from '../../../shared/errors';
import type { DocumentId } from '../../../shared/model/types';
import { grouped, plural } from '../../../shared/text/wording';
import { callFollowed, errorMessage } from '../../api/client';
import { ReportProgress, useReportProgress } from '../../components/ReportProgress';

type Sort = 'place' | 'code' | 'size';

/** Rows shown at first and added by "Show more": a table of every row of a large project would stall the window. */
export const PAGE = 200;

/**
 * The most disagreements asked for at once. A list that holds them all is sorted and filtered here;
 * beyond that, the engine sorts and filters, and a new order asks again.
 */
export const CAP = 5000;

const ORDER_NAMES: Record<Sort, string> = { place: 'by document and place', code: 'by code', size: 'largest first' };

export interface DisagreementListProps {
  /** Only this document's disagreements; null: the whole project. */
  documentId: DocumentId | null;
  /** Bumped after a decision, to reload. */
  version: number;
  onOpen: (d: Disagreement) => void;
}

export function DisagreementList({ documentId, version, onOpen }: DisagreementListProps) {
  const [list, setList] = useState<List | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [sort, setSort] = useState<Sort>('place');
  const [open, setOpen] = useState(true);
  const [limit, setLimit] = useState(PAGE);
  /** What the engine is asked for: changed only when the list at hand cannot answer a new choice. */
  const [asked, setAsked] = useState<{ sort: Sort; open: boolean }>({ sort: 'place', open: true });
  /** Every disagreement asked for is at hand (none left out by the cap): they are sorted and filtered here. */
  const complete = list !== null && list.items.length === (asked.open ? list.total - list.settled : list.total);

  const followed = useReportProgress();
  useEffect(() => {
    let live = true;
    const input = { ...(documentId === null ? {} : { documentId }), sort: asked.sort, openOnly: asked.open, limit: CAP };
    // A followed call: it runs in the report engine, so the explorer beside it is answered meanwhile.
    callFollowed('consensus:disagreements', input, followed.start()).then(
      (l) => {
        if (!live) return;
        followed.done();
        setList(l);
        setProblem(null);
      },
      (err) => {
        if (!live) return;
        followed.done();
        setProblem(err instanceof AccordError && err.code === 'CANCELLED' ? 'Listing the disagreements was cancelled: choose the list again to compute it.' : errorMessage(err));
      },
    );
    return () => {
      live = false;
      followed.cancel();
    };
    // `followed`'s functions are stable (useCallback): the effect reruns for the document and version only.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [documentId, version, asked]);

  const items = useMemo(() => {
    if (list && !complete) return list.items;
    const shown = (list?.items ?? []).filter((d) => !open || !d.settled);
    if (sort === 'code') return [...shown].sort((a, b) => compareLabels(a.code, b.code));
    if (sort === 'size') return [...shown].sort((a, b) => b.size - a.size);
    return shown;
  }, [list, complete, sort, open]);
  /** A new order or filter: here when every disagreement is at hand, else asked of the engine. */
  const choose = (next: { sort: Sort; open: boolean }) => {
    setSort(next.sort);
    setOpen(next.open);
    setLimit(PAGE);
    // Settled ones shown again need asking when the engine left them out.
    if (list && (!complete || (asked.open && !next.open))) setAsked(next);
  };

  const progress = followed.shown && <ReportProgress label="Listing disagreements" progress={followed.shown.progress} onCancel={followed.cancel} />;
  if (problem) return <p className="empty">{problem}</p>;
  if (!list) return progress || <p className="muted">Loading disagreements…</p>;
  return (
    <section className="disagreement-list" aria-label="Disagreements" data-testid="disagreement-list">
      {progress}
      <div className="disagreement-head">
        <strong data-testid="disagreement-count">
          {plural(list.total, 'disagreement')}, {grouped(list.settled)} settled
        </strong>
        <span className="muted">
          {' '}
          in {plural(list.documents, 'document')} coded by two or more coders
        </span>
        <label className="toggle">
          <input type="checkbox" checked={open} onChange={(e) => choose({ sort, open: e.target.checked })} /> Open only
        </label>
        <label>
          Sort{' '}
          <select value={sort} onChange={(e) => choose({ sort: e.target.value as Sort, open })} aria-label="Sort disagreements">
            {(Object.keys(ORDER_NAMES) as Sort[]).map((k) => (
              <option key={k} value={k}>
                {ORDER_NAMES[k]}
              </option>
            ))}
          </select>
        </label>
      </div>
      {!complete && (
        <p className="muted" data-testid="disagreement-capped">
          The first {grouped(list.items.length)} {asked.open ? 'open disagreements' : 'disagreements'} {ORDER_NAMES[asked.sort]} of{' '}
          {grouped(asked.open ? list.total - list.settled : list.total)} are listed.
        </p>
      )}
      <table className="disagreement-table">
        <thead>
          <tr>
            <th>Document</th>
            <th>Code</th>
            <th>Where</th>
            <th>Size</th>
            <th>Coders</th>
            <th>Status</th>
          </tr>
        </thead>
        <tbody>
          {items.slice(0, limit).map((d) => (
            <tr key={`${d.documentId}:${d.codeId}:${d.start}`} onClick={() => onOpen(d)} className="clickable" data-testid="disagreement-row">
              <td>{d.document}</td>
              <td>{d.code}</td>
              <td>
                <button type="button" className="link" onClick={() => onOpen(d)}>
                  [{d.start}–{d.end})
                </button>
              </td>
              <td>{plural(d.size, 'character')}</td>
              <td>{d.coders.map((c) => (c.ranges.length ? c.name : `${c.name} (not coded)`)).join(' · ')}</td>
              <td>{d.settled ? 'settled' : d.kind === 'missing' ? 'coded by some' : 'boundaries differ'}</td>
            </tr>
          ))}
          {items.length === 0 && (
            <tr>
              <td colSpan={6} className="muted">
                {list.total ? 'Every disagreement is settled.' : 'No disagreements: the coders agree.'}
              </td>
            </tr>
          )}
        </tbody>
      </table>
      {items.length > limit && (
        <p className="muted" data-testid="disagreement-more">
          Showing {grouped(limit)} of {grouped(items.length)}.{' '}
          <button type="button" className="link" onClick={() => setLimit((n) => n + PAGE)}>
            Show {grouped(Math.min(PAGE, items.length - limit))} more
          </button>
        </p>
      )}
    </section>
  );
}
