// The intersections view: one set of filters over five reports — the co-occurrence matrix, code ×
// attribute, the network graph, the saturation curve and the query builder — with every quote
// opening its document at that place.
import { useState } from 'react';
import type { Code, Coder, DocumentId, DocumentSummary } from '../../../shared/model/types';
import { AttributePanel } from './AttributePanel';
import { Filters, NO_FILTERS, type FilterState } from './filters';
import { MatrixPanel } from './MatrixPanel';
import { QueryPanel } from './QueryPanel';
import { SaturationPanel } from './SaturationPanel';
import './intersections.css';

const TABS = [
  ['matrix', 'Co-occurrence matrix'],
  ['attributes', 'Codes × attribute'],
  ['network', 'Network'],
  ['saturation', 'Saturation'],
  ['query', 'Query'],
] as const;
type Tab = (typeof TABS)[number][0];

export interface IntersectionsViewProps {
  documents: DocumentSummary[];
  codes: Code[];
  coders: Coder[];
  /** Open a document in the coding view with [start, end) selected. */
  onOpenDocument: (documentId: DocumentId, start: number, end: number) => void;
  /** Called after this view changed the codebook and codings (query results coded). */
  onChanged: () => void;
}

export function IntersectionsView({ documents, coders, onOpenDocument, onChanged }: IntersectionsViewProps) {
  const [tab, setTab] = useState<Tab>('matrix');
  const [filters, setFilters] = useState<FilterState>(NO_FILTERS);
  return (
    <div className="ix-view" data-testid="intersections-view">
      {/* The view's heading, as the other views have one; its reports' headings sit under it. */}
      <h2 className="visually-hidden">Intersection reports</h2>
      <nav className="ix-tabs" aria-label="Intersection reports">
        {TABS.map(([id, label]) => (
          <button key={id} type="button" className={tab === id ? 'primary' : undefined} aria-pressed={tab === id} onClick={() => setTab(id)} data-testid={`ix-tab-${id}`}>
            {label}
          </button>
        ))}
      </nav>
      <Filters value={filters} onChange={setFilters} documents={documents} coders={coders} />
      {tab === 'matrix' && <MatrixPanel kind="matrix" filters={filters} onOpen={onOpenDocument} />}
      {tab === 'network' && <MatrixPanel kind="network" filters={filters} onOpen={onOpenDocument} />}
      {tab === 'attributes' && <AttributePanel filters={filters} />}
      {tab === 'saturation' && <SaturationPanel filters={filters} />}
      {tab === 'query' && <QueryPanel filters={filters} onFiltersChange={setFilters} onOpen={onOpenDocument} onCoded={onChanged} />}
    </div>
  );
}
