// Participants: an editable table of typed attributes (CSV import and export) and the live
// participant characteristics table (the study's Table 1), which recounts after every edit.
import { plural } from '../../../shared/text/wording';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { Attribute, AttributeType } from '../../../shared/api/study';
import type { Participant } from '../../../shared/model/types';
import { cellText, unprintedColumnName, type ReportTable } from '../../../shared/reports/table';
import { api, errorMessage } from '../../api/client';
import { useNotify } from '../../components/Notices';
import { downloadText } from '../../components/download';

const TYPES: AttributeType[] = ['category', 'number', 'date', 'text'];

export interface ParticipantsViewProps {
  /** Called after a change so the workbench can refresh undo state and lists. */
  onChanged: () => void;
}


export function ParticipantsView({ onChanged }: ParticipantsViewProps) {
  const notify = useNotify();
  const fileRef = useRef<HTMLInputElement>(null);
  const [people, setPeople] = useState<Participant[]>([]);
  const [attributes, setAttributes] = useState<Attribute[]>([]);
  const [table, setTable] = useState<ReportTable | null>(null);
  const [tableNote, setTableNote] = useState('');

  const [tick, setTick] = useState(0);
  const load = () => setTick((t) => t + 1);

  useEffect(() => {
    let live = true;
    Promise.all([api['participants:list']({}), api['participants:attributes']({})]).then(
      ([p, a]) => {
        if (!live) return;
        setPeople(p);
        setAttributes(a);
      },
      (err) => notify('error', errorMessage(err)),
    );
    api['participants:characteristics']({}).then(
      (t) => {
        if (!live) return;
        setTable(t);
        setTableNote('');
      },
      (err) => {
        if (!live) return;
        setTable(null);
        setTableNote(errorMessage(err));
      },
    );
    return () => {
      live = false;
    };
  }, [tick, notify]);

  const act = async (p: Promise<unknown>) => {
    try {
      await p;
      onChanged();
    } catch (err) {
      notify('error', errorMessage(err));
    }
    load();
  };

  const importCsv = async (file: File) => {
    try {
      const r = await api['participants:import']({ fileName: file.name, text: await file.text() });
      notify('info', `Imported ${plural(r.created + r.updated, 'participant')} (${r.created} new); ${plural(r.linked.length, 'document')} linked`);
      onChanged();
    } catch (err) {
      notify('error', errorMessage(err));
    }
    load();
  };

  const add = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const pid = String(new FormData(form).get('pid') ?? '').trim();
    if (!pid) return;
    form.reset();
    void act(api['participants:create']({ pid }));
  };

  return (
    <div className="participants-view" data-testid="participants-view" style={{ display: 'flex', gap: '1.5rem', padding: '1rem', overflow: 'auto', height: '100%' }}>
      <section aria-labelledby="participants-heading" style={{ flex: 2, minWidth: 0 }}>
        <header className="panel-header">
          <h2 id="participants-heading">Participants ({people.length})</h2>
          <div className="panel-actions">
            <button type="button" onClick={() => fileRef.current?.click()} data-testid="participants-import">
              Import CSV…
            </button>
            <input
              ref={fileRef}
              type="file"
              accept=".csv,.tsv,.txt"
              hidden
              aria-label="Import participants CSV"
              data-testid="participants-import-input"
              onChange={(e) => {
                const f = e.target.files?.[0];
                e.target.value = '';
                if (f) void importCsv(f);
              }}
            />
            <button type="button" onClick={() => void api['participants:exportCsv']({}).then((csv) => downloadText('participants.csv', csv, 'text/csv;charset=utf-8'), (err) => notify('error', errorMessage(err)))}>
              Export CSV
            </button>
          </div>
        </header>
        <form className="field-inline" onSubmit={add} style={{ display: 'flex', gap: '0.5rem', margin: '0.5rem 0' }}>
          <input name="pid" placeholder="New participant ID, e.g. ID34" aria-label="New participant ID" />
          <button type="submit">Add participant</button>
        </form>
        <div className="table-scroll">
        <table className="data-table" data-testid="participants-table">
          <thead>
            <tr>
              <th scope="col">ID</th>
              {attributes.map((a) => (
                <th key={a.id} scope="col">
                  {a.name}{' '}
                  <select
                    aria-label={`Type of ${a.name}`}
                    value={a.type}
                    onChange={(e) => void act(api['participants:updateAttribute']({ id: a.id, type: e.target.value as AttributeType }))}
                  >
                    {TYPES.map((t) => (
                      <option key={t} value={t}>
                        {t}
                      </option>
                    ))}
                  </select>
                </th>
              ))}
              <th scope="col">Documents</th>
            </tr>
          </thead>
          <tbody>
            {people.map((p) => (
              <tr key={p.id}>
                <th scope="row">{p.pid}</th>
                {attributes.map((a) => (
                  <td key={a.id}>
                    <input
                      key={`${p.id}:${a.id}:${p.attributes[a.name] ?? ''}`}
                      defaultValue={p.attributes[a.name] ?? ''}
                      inputMode={a.type === 'number' ? 'decimal' : undefined}
                      aria-label={`${a.name} of ${p.pid}`}
                      onBlur={(e) => {
                        if (e.target.value !== (p.attributes[a.name] ?? '')) void act(api['participants:setValue']({ participantId: p.id, attribute: a.name, value: e.target.value }));
                      }}
                    />
                  </td>
                ))}
                <td>{p.documents.join(', ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
        </div>
      </section>
      <section aria-labelledby="characteristics-heading" style={{ flex: '0 0 auto', minWidth: '16rem' }}>
        <h2 id="characteristics-heading">Participant characteristics</h2>
        {table ? (
          <table className="data-table counts" data-testid="characteristics-table">
            <thead>
              <tr>
                {table.columns.map((c, i) => (
                  <th key={i} scope="col">
                    {cellText(c) || <span className="visually-hidden">{unprintedColumnName(table, i)}</span>}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {table.rows.map((r, i) => (
                <tr key={i} className={r.rowKind === 'section' ? 'section-row' : undefined}>
                  {r.cells.map((c, k) =>
                    r.rowKind === 'section' ? (
                      // The section's name heads its rows; the empty cells beside it are not headers.
                      k === 0 ? (
                        <th key={k} scope="rowgroup">
                          {cellText(c)}
                        </th>
                      ) : (
                        <td key={k}>{cellText(c)}</td>
                      )
                    ) : (
                      <td key={k} style={k === 0 ? { paddingLeft: '1.5rem' } : undefined}>
                        {cellText(c)}
                      </td>
                    ),
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="empty">{tableNote || 'Add category attributes (e.g. Sex, Role) to see the counts.'}</p>
        )}
        {table?.notes && table.notes.length > 0 && (
          <ul className="table-notes muted" data-testid="characteristics-notes">
            {table.notes.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
