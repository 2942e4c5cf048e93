// Every disagreement in one document or the whole project, sortable by place, code or size; each
// row opens the consensus explorer at its region.
import { useEffect, useMemo, useState } from 'react';
import type { Disagreement, DisagreementList as List } from '../../../shared/api/agreement';
import { compareLabels } from '../../../shared/codebook/tree';
import type { DocumentId } from '../../../shared/model/types';
import { plural } from '../../../shared/text/wording';
import { api, errorMessage } from '../../api/client';

type Sort = 'place' | 'code' | 'size';

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

  useEffect(() => {
    let live = true;
    api['consensus:disagreements'](documentId === null ? {} : { documentId }).then(
      (l) => {
        if (!live) return;
        setList(l);
        setProblem(null);
      },
      (err) => live && setProblem(errorMessage(err)),
    );
    return () => {
      live = false;
    };
  }, [documentId, version]);

  const items = useMemo(() => {
    const shown = (list?.items ?? []).filter((d) => !open || !d.settled);
    if (sort === 'code') return [...shown].sort((a, b) => compareLabels(a.code, b.code));
    if (sort === 'size') return [...shown].sort((a, b) => b.size - a.size);
    return shown;
  }, [list, sort, open]);

  if (problem) return <p className="empty">{problem}</p>;
  if (!list) return <p className="muted">Loading disagreements…</p>;
  return (
    <section className="disagreement-list" aria-label="Disagreements" data-testid="disagreement-list">
      <div className="disagreement-head">
        <strong data-testid="disagreement-count">
          {plural(list.items.length, 'disagreement')}, {list.settled} settled
        </strong>
        <span className="muted">
          {' '}
          in {plural(list.documents, 'document')} coded by two or more coders
        </span>
        <label className="toggle">
          <input type="checkbox" checked={open} onChange={(e) => setOpen(e.target.checked)} /> Open only
        </label>
        <label>
          Sort{' '}
          <select value={sort} onChange={(e) => setSort(e.target.value as Sort)} aria-label="Sort disagreements">
            <option value="place">by document and place</option>
            <option value="code">by code</option>
            <option value="size">largest first</option>
          </select>
        </label>
      </div>
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
          {items.map((d) => (
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
                {list.items.length ? 'Every disagreement is settled.' : 'No disagreements: the coders agree.'}
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </section>
  );
}
