// Export buttons for a view's table: CSV and Word, written by the engine's table writers.
import { api, errorMessage } from '../../api/client';
import { downloadFile } from '../../components/download';
import { useNotify } from '../../components/Notices';

export interface TableData {
  title: string;
  caption?: string;
  columns: string[];
  rows: string[][];
  notes?: string[];
}


export function TableExport({ table }: { table: () => TableData }) {
  const notify = useNotify();
  const save = async (format: 'csv' | 'docx') => {
    try {
      const file = await api['intersections:exportTable']({ format, ...table() });
      downloadFile(file);
    } catch (err) {
      notify('error', errorMessage(err));
    }
  };
  return (
    <span className="ix-export">
      <button type="button" onClick={() => void save('csv')} data-testid="ix-export-csv">
        Export CSV
      </button>
      <button type="button" onClick={() => void save('docx')} data-testid="ix-export-docx">
        Export Word
      </button>
    </span>
  );
}
