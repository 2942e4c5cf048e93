// The exchange dialog: import a REFI-QDA file (.qdpx/.qde/.qdc) and show its report, download the
// project as .qdpx or its codebook as .qdc, and merge coders' copies (by path) with the conflicts listed.
import { useState } from 'react';
import type { MergeReport, RefiImportReport } from '../../../shared/api/exchange';
import { api, callFollowed, errorMessage } from '../../api/client';
import { Dialog } from '../../components/Dialog';
import { bytesToBase64 } from '../documents/import-files';
import { importCounts, mergeLines, offsetLine } from './report-lines';
import './exchange.css';
import { downloadFile } from '../../components/download';

export interface ExchangeDialogProps {
  onClose: () => void;
  /** Called after an import or merge changed the project, so the workbench reloads its lists. */
  onChanged: () => void;
}


function ImportReportView({ report }: { report: RefiImportReport }) {
  const offsets = offsetLine(report);
  return (
    <div className="exchange-report" data-testid="exchange-import-report">
      <div>
        <strong>{report.file}</strong>
        {report.origin ? ` (written by ${report.origin})` : ''}: {importCounts(report)}
      </div>
      {offsets && <div>{offsets}</div>}
      {report.skipped.length > 0 && (
        <>
          <div>Not imported:</div>
          <ul>
            {report.skipped.map((s, i) => (
              <li key={i}>{s}</li>
            ))}
          </ul>
        </>
      )}
      {report.warnings.length > 0 && (
        <>
          <div>Notes:</div>
          <ul>
            {report.warnings.map((s, i) => (
              <li key={i}>{s}</li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

function MergeReportView({ report }: { report: MergeReport }) {
  const conflicts = report.sources.flatMap((s) => s.conflicts.map((c) => ({ ...c, from: s.path.split(/[\\/]/).pop() ?? s.path })));
  return (
    <div className="exchange-report" data-testid="exchange-merge-report">
      {report.backup && <div>Backup of this project: {report.backup}</div>}
      <ul>
        {mergeLines(report).map((l, i) => (
          <li key={i}>{l}</li>
        ))}
        {report.sources.flatMap((s) => s.notMerged.map((n, i) => <li key={`${s.path}-${i}`}>Not merged: {n}</li>))}
      </ul>
      {report.unchanged && <div>Nothing new: this project already held everything.</div>}
      {conflicts.length > 0 && (
        <>
          <div>
            {conflicts.length} conflict(s). This project’s value was kept; settle them by hand:
          </div>
          <table className="exchange-conflicts" data-testid="exchange-conflicts">
            <thead>
              <tr>
                <th>What</th>
                <th>Field</th>
                <th>Here</th>
                <th>In the copy</th>
              </tr>
            </thead>
            <tbody>
              {conflicts.map((c, i) => (
                <tr key={i}>
                  <td>{c.subject}</td>
                  <td>{c.field}</td>
                  <td>{c.target}</td>
                  <td>
                    {c.source} <span className="hint">({c.from})</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </div>
  );
}

export function ExchangeDialog({ onClose, onChanged }: ExchangeDialogProps) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [imported, setImported] = useState<RefiImportReport | null>(null);
  const [merged, setMerged] = useState<MergeReport | null>(null);
  const [offsets, setOffsets] = useState<'codepoint' | 'utf16'>('codepoint');
  const [paths, setPaths] = useState('');

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const importFile = (file: File) =>
    run(async () => {
      setImported(null);
      const dataBase64 = bytesToBase64(new Uint8Array(await file.arrayBuffer()));
      setImported(await api['exchange:import']({ fileName: file.name, dataBase64 }));
      onChanged();
    });

  const download = (format: 'qdpx' | 'qdc') =>
    run(async () => {
      // A report (every coding of the project), beside the window's other calls.
      const file = await callFollowed('exchange:export', { format, offsets }, {});
      downloadFile(file);
    });

  const merge = () =>
    run(async () => {
      setMerged(null);
      const sources = paths
        .split('\n')
        .map((p) => p.trim())
        .filter(Boolean);
      if (sources.length === 0) throw new Error('Give the path of at least one project file to merge.');
      setMerged(await api['exchange:merge']({ sources }));
      onChanged();
    });

  return (
    <Dialog title="Exchange and merge" onClose={onClose} testId="exchange-dialog">
      <div className="exchange-dialog">
        <section>
          <h3>Import a REFI-QDA file</h3>
          <p className="hint">A project (.qdpx, .qde) from NVivo, ATLAS.ti, MAXQDA or QualCoder, or a codebook (.qdc). All or nothing.</p>
          <input
            type="file"
            accept=".qdpx,.qde,.qdc"
            aria-label="REFI-QDA file to import"
            disabled={busy}
            data-testid="exchange-import-file"
            onChange={(e) => {
              const f = e.target.files?.[0];
              e.target.value = '';
              if (f) void importFile(f);
            }}
          />
          {imported && <ImportReportView report={imported} />}
        </section>
        <section>
          <h3>Export</h3>
          <div className="exchange-row">
            <label>
              Offsets{' '}
              <select value={offsets} onChange={(e) => setOffsets(e.target.value as 'codepoint' | 'utf16')} data-testid="exchange-offsets">
                <option value="codepoint">code points (the standard)</option>
                <option value="utf16">UTF-16 units (for NVivo)</option>
              </select>
            </label>
            <button type="button" disabled={busy} onClick={() => void download('qdpx')} data-testid="exchange-export-qdpx">
              Download project (.qdpx)
            </button>
            <button type="button" disabled={busy} onClick={() => void download('qdc')} data-testid="exchange-export-qdc">
              Download codebook (.qdc)
            </button>
          </div>
        </section>
        <section>
          <h3>Merge coders’ copies into this project</h3>
          <p className="hint">Paths of .accord files, one per line. They are only read; this project is backed up first.</p>
          <textarea rows={3} cols={60} value={paths} onChange={(e) => setPaths(e.target.value)} placeholder="/path/to/ana.accord" data-testid="exchange-merge-paths" />
          <div className="exchange-row">
            <button type="button" className="primary" disabled={busy} onClick={() => void merge()} data-testid="exchange-merge">
              Merge
            </button>
          </div>
          {merged && <MergeReportView report={merged} />}
        </section>
        {error && (
          <p role="alert" className="error" data-testid="exchange-error">
            {error}
          </p>
        )}
      </div>
    </Dialog>
  );
}
