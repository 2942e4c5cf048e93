// Code × attribute: for each code, how many participants (or codings) per value of a participant
// attribute, e.g. codes × Role, with the participants per value as the header's denominators.
import { useEffect, useState } from 'react';
import type { AttributeMatrix } from '../../../shared/api/intersections';
import type { Attribute } from '../../../shared/api/study';
import { api, callFollowed, errorMessage } from '../../api/client';
import { useNotify } from '../../components/Notices';
import { toFilters, type FilterState } from './filters';
import { codeTitle } from './matrix-model';
import { ScopeNote } from './scope-note';
import { TableExport } from './table-export';

export function AttributePanel({ filters }: { filters: FilterState }) {
  const notify = useNotify();
  const [attributes, setAttributes] = useState<Attribute[]>([]);
  const [attribute, setAttribute] = useState('');
  const [measure, setMeasure] = useState<'participants' | 'codings'>('participants');
  const [rollUp, setRollUp] = useState(true);
  const [table, setTable] = useState<AttributeMatrix | null>(null);

  useEffect(() => {
    api['participants:attributes']({}).then(
      (list) => {
        setAttributes(list);
        setAttribute((cur) => cur || (list.find((a) => a.type === 'category') ?? list[0])?.name || '');
      },
      (err) => notify('error', errorMessage(err)),
    );
  }, [notify]);

  useEffect(() => {
    if (!attribute) return;
    let live = true;
    // A report (beside the window's other calls), cancelled when the settings change or the panel closes.
    const abort = new AbortController();
    callFollowed('intersections:attributes', { ...toFilters(filters), attribute, rollUp }, { signal: abort.signal }).then(
      (t) => live && setTable(t),
      (err) => live && notify('error', errorMessage(err)),
    );
    return () => {
      live = false;
      abort.abort();
    };
  }, [filters, attribute, rollUp, notify]);

  if (attributes.length === 0) return <p className="ix-note">Import participants’ attributes (e.g. Role) to compare codes across them.</p>;
  const columns = table ? table.values.map((v, i) => `${v} (${measure === 'participants' ? `n = ${table.participantsPerValue[i]}` : 'codings'})`) : [];

  return (
    <div className="ix-panel" data-testid="ix-attributes">
      <div className="ix-controls">
        <label className="field">
          Attribute
          <select value={attribute} onChange={(e) => setAttribute(e.target.value)} data-testid="ix-attribute">
            {attributes.map((a) => (
              <option key={a.id}>{a.name}</option>
            ))}
          </select>
        </label>
        <label className="field">
          Count
          <select value={measure} onChange={(e) => setMeasure(e.target.value as 'participants' | 'codings')} data-testid="ix-measure">
            <option value="participants">Participants with the code</option>
            <option value="codings">Codings</option>
          </select>
        </label>
        <label className="toggle">
          <input type="checkbox" checked={rollUp} onChange={(e) => setRollUp(e.target.checked)} />
          Parent codes include their children
        </label>
        {table && (
          <TableExport
            table={() => ({
              title: `Codes by ${table.attribute}`,
              caption: `${measure === 'participants' ? 'Participants with at least one coding of the code' : 'Codings'} per ${table.attribute}; ${table.scope.layer}`,
              columns: ['Code', ...columns],
              rows: table.rows.map((r) => [codeTitle(r), ...(measure === 'participants' ? r.participants : r.codings).map(String)]),
            })}
          />
        )}
      </div>
      {table && (
        <>
          <ScopeNote scope={table.scope} />
          <table className="ix-table" data-testid="ix-attribute-table">
            <thead>
              <tr>
                <th>Code</th>
                {columns.map((c) => (
                  <th key={c}>{c}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {table.rows.map((r) => (
                <tr key={r.codeId}>
                  <td style={{ paddingLeft: `${0.6 + r.depth}em` }}>{codeTitle(r)}</td>
                  {(measure === 'participants' ? r.participants : r.codings).map((n, i) => (
                    <td key={i} className="num">
                      {n || ''}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </div>
  );
}
