// The COREQ checklist: 32 items by domain and section, each with the author's answer and page.
// Answers the project can give are pre-filled and marked "from project data" with their evidence;
// an author's answer overrides the pre-fill and is saved in the project (clearing it restores it).
import { useCallback, useEffect, useState } from 'react';
import type { CoreqRow } from '../../../shared/api/reports';
import { api, callFollowed, errorMessage } from '../../api/client';
import { useNotify } from '../../components/Notices';
import './coreq.css';

export interface CoreqViewProps {
  /** Called after a save so the workbench can refresh undo/redo. */
  onChanged: () => void;
}

const DOMAINS: Record<number, string> = {
  1: 'Domain 1: Research team and reflexivity',
  2: 'Domain 2: Study design',
  3: 'Domain 3: Analysis and findings',
};

function CoreqItemRow({ row, onSave }: { row: CoreqRow; onSave: (answer: string, page: string) => Promise<void> }) {
  // The field holds the author's own answer; the pre-fill shows as placeholder and mark until overridden.
  const own = row.fromProject ? '' : row.answer;
  const [answer, setAnswer] = useState(own);
  const [page, setPage] = useState(row.page);
  const dirty = answer !== own || page !== row.page;
  return (
    <tr data-testid="coreq-row" data-item={row.number}>
      <td>
        {row.number}. {row.title}
      </td>
      <td className="coreq-question">{row.question}</td>
      <td>
        <textarea
          rows={2}
          value={answer}
          placeholder={row.prefill?.answer ?? ''}
          onChange={(e) => setAnswer(e.target.value)}
          aria-label={`Answer to item ${row.number}`}
          data-testid={`coreq-answer-${row.number}`}
        />
        {row.fromProject && row.prefill && (
          <span className={`coreq-mark${row.draft ? ' coreq-draft' : ''}`} data-testid="coreq-prefilled" title={row.prefill.evidence}>
            {row.draft ? 'Draft from project data — check and complete before reporting: ' : 'From project data: '}
            {row.prefill.answer.replace(/^Draft: /, '')}
            <span className="coreq-evidence">{row.prefill.evidence}</span>
          </span>
        )}
      </td>
      <td>
        <input value={page} onChange={(e) => setPage(e.target.value)} size={8} aria-label={`Page for item ${row.number}`} data-testid={`coreq-page-${row.number}`} />
      </td>
      <td>
        <button type="button" disabled={!dirty} onClick={() => void onSave(answer, page)} data-testid={`coreq-save-${row.number}`}>
          Save
        </button>
      </td>
    </tr>
  );
}

export function CoreqView({ onChanged }: CoreqViewProps) {
  const notify = useNotify();
  const [rows, setRows] = useState<CoreqRow[] | null>(null);

  const load = useCallback(
    // A report (its pre-filled answers read the whole project), beside the window's other calls.
    (): Promise<void> => callFollowed('coreq:list', {}, {}).then(setRows, (err) => notify('error', errorMessage(err))),
    [notify],
  );

  useEffect(() => {
    void load();
  }, [load]);

  const save = async (number: number, answer: string, page: string) => {
    try {
      const saved = await api['coreq:save']({ number, answer, page });
      setRows((list) => list?.map((r) => (r.number === number ? saved : r)) ?? null);
      onChanged();
    } catch (err) {
      notify('error', errorMessage(err));
    }
  };

  if (!rows) return <div className="loading-screen">Loading…</div>;
  const prefilled = rows.filter((r) => r.fromProject).length;
  return (
    <div className="coreq-view" data-testid="coreq-view">
      <h2>COREQ checklist</h2>
      <p className="lede">
        32 items of Tong, Sainsbury &amp; Craig (2007). {prefilled} answers are pre-filled from project data ({rows.filter((r) => r.draft).length} of them drafts to check); type your own answer to override one.
      </p>
      <table className="coreq-table">
        <thead>
          <tr>
            <th>No. Item</th>
            <th>Guide questions/description</th>
            <th>Answer</th>
            <th>Reported on page #</th>
            <th>
              <span className="visually-hidden">Save</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.flatMap((row, i) => {
            const out = [];
            const prev = i > 0 ? rows[i - 1] : null;
            if (row.domain !== prev?.domain) {
              out.push(
                <tr key={`d${row.domain}`} className="coreq-section">
                  <td colSpan={5}>{DOMAINS[row.domain]}</td>
                </tr>,
              );
            }
            if (row.section !== prev?.section) {
              out.push(
                <tr key={`s${row.number}`} className="coreq-section">
                  <td colSpan={5}>
                    <em>{row.section}</em>
                  </td>
                </tr>,
              );
            }
            out.push(<CoreqItemRow key={`${row.number}:${row.answer}:${row.page}:${row.fromProject}`} row={row} onSave={(a, p) => save(row.number, a, p)} />);
            return out;
          })}
        </tbody>
      </table>
    </div>
  );
}
