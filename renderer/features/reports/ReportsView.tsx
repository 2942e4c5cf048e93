// The reports view: pick one of the paper's tables (or the methods appendix), preview it, and
// download it as Word, Markdown, CSV or HTML — the same files `accord export --table` writes.
import { useCallback, useEffect, useState } from 'react';
import { REPORT_FORMATS, REPORT_TABLES, type ReportAttribute, type ReportFormat, type ReportTableKind } from '../../../shared/api/reports';
import { cellText, fullTitle, unprintedColumnName, type ReportTable } from '../../../shared/reports/table';
import { api, callFollowed, errorMessage } from '../../api/client';
import { useNotify } from '../../components/Notices';
import './reports.css';
import { downloadFile } from '../../components/download';

const TABLE_NAMES: Record<ReportTableKind, string> = {
  participants: 'Table 1: participant characteristics',
  themes: 'Table 2: themes and subthemes',
  codebook: 'Supplemental Table 1: code structure',
  quotes: 'Supplemental Table 2: themes with quotes',
  agreement: 'Inter-coder agreement',
  coreq: 'COREQ checklist',
  methods: 'Methods appendix',
};
const FORMAT_NAMES: Record<ReportFormat, string> = { docx: 'Word (.docx)', markdown: 'Markdown (.md)', csv: 'CSV (.csv)', html: 'HTML (.html)' };


function Preview({ table }: { table: ReportTable }) {
  return (
    <div className="report-preview" data-testid="report-preview">
      <table>
        <caption>{fullTitle(table)}</caption>
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
            <tr key={i} className={r.rowKind ?? 'data'}>
              {table.columns.map((_, j) => {
                const cell = r.cells[j];
                return (
                  <td key={j} style={cell?.indent ? { paddingLeft: `${cell.indent * 1.5 + 0.6}em` } : undefined}>
                    {cell?.runs.map((run, k) => (run.italic ? <em key={k}>{run.text}</em> : <span key={k}>{run.text}</span>))}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      {table.caption && <p>{table.caption}</p>}
      {table.footnote && <p className="note">{table.footnote}</p>}
      {table.notes?.map((n, i) => (
        <p key={i} className="note">
          <em>{n}</em>
        </p>
      ))}
    </div>
  );
}

export function ReportsView() {
  const notify = useNotify();
  const [kind, setKind] = useState<ReportTableKind>('participants');
  const [format, setFormat] = useState<ReportFormat>('docx');
  const [attributes, setAttributes] = useState<ReportAttribute[]>([]);
  const [chosen, setChosen] = useState<string[] | null>(null);
  const [table, setTable] = useState<ReportTable | null>(null);
  const [methods, setMethods] = useState<string[] | null>(null);

  useEffect(() => {
    api['reports:attributes']({}).then(setAttributes, (err) => notify('error', errorMessage(err)));
  }, [notify]);

  const picked = kind === 'participants' && chosen ? { attributes: chosen } : {};

  // Each table is built by the engine as a report (the agreement table and the methods appendix compute
  // the agreement report): cancelled when another table is chosen or the view closes.
  const load = useCallback(
    (signal: AbortSignal): Promise<void> => {
      const fail = (err: unknown) => {
        if (signal.aborted) return;
        setTable(null);
        setMethods(null);
        notify('error', errorMessage(err));
      };
      if (kind === 'methods') {
        return callFollowed('reports:methods', {}, { signal }).then((a) => {
          setTable(null);
          setMethods([a.title, ...a.sections.flatMap((s) => [s.heading, ...s.paragraphs]), 'Sources', ...a.sources.map((s, i) => `[${i + 1}] ${s}`)]);
        }, fail);
      }
      return callFollowed('reports:table', { table: kind, ...(kind === 'participants' && chosen ? { attributes: chosen } : {}) }, { signal }).then((t) => {
        setMethods(null);
        setTable(t);
      }, fail);
    },
    [kind, chosen, notify],
  );

  useEffect(() => {
    const abort = new AbortController();
    void load(abort.signal);
    return () => abort.abort();
  }, [load]);

  const download = async () => {
    try {
      // A report (the agreement table and the methods appendix compute the agreement report), beside the window's other calls.
      const file = await callFollowed('reports:export', { table: kind, format, ...picked }, {});
      downloadFile(file);
      notify('info', `Saved ${file.fileName}`);
    } catch (err) {
      notify('error', errorMessage(err));
    }
  };

  const toggle = (name: string) => {
    const current = chosen ?? attributes.filter((a) => a.participants > 0).map((a) => a.name);
    setChosen(current.includes(name) ? current.filter((n) => n !== name) : [...current, name]);
  };
  const isChosen = (a: ReportAttribute) => (chosen ? chosen.includes(a.name) : a.participants > 0);

  return (
    <div className="reports-view" data-testid="reports-view">
      <h2>Tables for the paper</h2>
      <div className="reports-controls">
        <label className="field">
          Table
          <select value={kind} onChange={(e) => {
              const next = e.target.value as ReportTableKind;
              setKind(next);
              if (next === 'methods' && format === 'csv') setFormat('docx');
            }} data-testid="report-table">
            {REPORT_TABLES.map((t) => (
              <option key={t} value={t}>
                {TABLE_NAMES[t]}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          Format
          <select value={format} onChange={(e) => setFormat(e.target.value as ReportFormat)} data-testid="report-format">
            {REPORT_FORMATS.filter((f) => kind !== 'methods' || f !== 'csv').map((f) => (
              <option key={f} value={f}>
                {FORMAT_NAMES[f]}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="primary" onClick={() => void download()} disabled={kind === 'methods' && format === 'csv'} data-testid="report-download">
          Download
        </button>
      </div>
      {kind === 'participants' && attributes.length > 0 && (
        <fieldset className="reports-controls">
          <legend>Attributes counted</legend>
          {attributes.map((a) => (
            <label key={a.name} className="toggle">
              <input type="checkbox" checked={isChosen(a)} onChange={() => toggle(a.name)} />
              {a.name} ({a.participants})
            </label>
          ))}
        </fieldset>
      )}
      {table && <Preview table={table} />}
      {methods && (
        <div className="report-preview" data-testid="report-preview">
          {methods.map((p, i) => (
            <p key={i}>{p}</p>
          ))}
        </div>
      )}
    </div>
  );
}
