// The quotes behind a number or a query: text with context, document, participant and coders, each
// with a button that opens the document at that place.
import type { IntersectionQuote } from '../../../shared/api/intersections';
import { formatClock } from '../../../shared/text/clock';
import type { DocumentId } from '../../../shared/model/types';

export interface QuotesProps {
  quotes: IntersectionQuote[];
  onOpen: (documentId: DocumentId, start: number, end: number) => void;
  /** Shown when there are none. */
  empty?: string;
}

export function Quotes({ quotes, onOpen, empty = 'No quotes.' }: QuotesProps) {
  if (quotes.length === 0) return <p className="ix-note">{empty}</p>;
  return (
    <ol className="ix-quotes" data-testid="ix-quotes">
      {quotes.map((q) => (
        <li key={`${q.documentId}:${q.start}:${q.end}`} className="ix-quote" data-testid="ix-quote">
          <blockquote>
            {q.before && <span className="ix-context">…{q.before}</span>}
            <mark>{q.text}</mark>
            {q.after && <span className="ix-context">{q.after}…</span>}
          </blockquote>
          <div className="ix-quote-meta">
            <span>{q.document}</span>
            {q.participant && <span>{q.participant}</span>}
            {typeof q.timeMs === 'number' && <span data-testid="quote-time">{formatClock(q.timeMs)}</span>}
            <span>{q.codes.join(', ')}</span>
            <span>coded by {q.coders.join(', ')}</span>
            <span>
              {q.start}–{q.end}
            </span>
            <button type="button" onClick={() => onOpen(q.documentId, q.start, q.end)} data-testid="ix-quote-open">
              Open in document
            </button>
          </div>
        </li>
      ))}
    </ol>
  );
}
