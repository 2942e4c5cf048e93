// Export buttons for a view's table: CSV and Word, written by the engine's table writers.
import { api, errorMessage } from '../../api/client';
import { downloadBlob } from '../../charts/export';
import { useNotify } from '../../components/Notices';

export interface TableData {
  title: string;
  caption?: string;
  columns: string[];
  rows: string[][];
  notes?: string[];
}

function base64ToBytes(data: string): Uint8Array<ArrayBuffer> {
  const raw = atob(data);
  const bytes = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
  return bytes;
}

export function TableExport({ table }: { table: () => TableData }) {
  const notify = useNotify();
  const save = async (format: 'csv' | 'docx') => {
    try {
      const file = await api['intersections:exportTable']({ format, ...table() });
      downloadBlob(new Blob([base64ToBytes(file.dataBase64)], { type: file.mimeType }), file.fileName);
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
