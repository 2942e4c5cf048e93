// The documents panel: the list, import by file picker or drag-and-drop (one call per file, with
// progress, cancel and a summary), and renaming.
import { plural } from '../../../shared/text/wording';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { DocumentId, DocumentSummary } from '../../../shared/model/types';
import type { Group } from '../../../shared/api/study';
import { api, errorMessage } from '../../api/client';
import { Dialog } from '../../components/Dialog';
import { useNotify } from '../../components/Notices';
import { droppedFiles, importFiles, isRefiFile, type ImportOutcome, type ImportProgress } from './import-files';

export interface DocumentsPanelProps {
  documents: DocumentSummary[];
  selectedId: DocumentId | null;
  onSelect: (id: DocumentId) => void;
  /** Called after imports or renames so the workbench reloads the list. */
  onChanged: () => void;
}

export function DocumentsPanel({ documents, selectedId, onSelect, onChanged }: DocumentsPanelProps) {
  const notify = useNotify();
  const inputRef = useRef<HTMLInputElement>(null);
  const cancelRef = useRef(false);
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  const [summary, setSummary] = useState<ImportOutcome[] | null>(null);
  const [dragging, setDragging] = useState(false);
  const [renaming, setRenaming] = useState<DocumentSummary | null>(null);
  const [groups, setGroups] = useState<Group[]>([]);
  const [groupId, setGroupId] = useState<number | null>(null);
  const [participantIds, setParticipantIds] = useState<string[]>([]);
  useEffect(() => {
    if (renaming) api['participants:list']({}).then((list) => setParticipantIds(list.map((p) => p.pid)), () => setParticipantIds([]));
  }, [renaming]);
  // Groups change elsewhere (the Groups view, imports): reload them whenever the document list does.
  useEffect(() => {
    api['groups:list']({}).then(setGroups, () => setGroups([]));
  }, [documents]);
  const group = groups.find((g) => g.id === groupId) ?? null;
  const shown = group ? documents.filter((d) => group.documentIds.includes(d.id)) : documents;

  // The files of the last import, so that skipped duplicates can be imported anyway.
  const lastFiles = useRef<File[]>([]);

  const runImport = async (files: File[], duplicates: 'skip' | 'import' = 'skip') => {
    if (files.length === 0 || progress) return;
    lastFiles.current = files;
    cancelRef.current = false;
    setSummary(null);
    setProgress({ done: 0, total: files.length, current: null });
    try {
      const outcomes = await importFiles(
        files,
        async (fileName, dataBase64) => {
          if (isRefiFile(fileName)) {
            const x = await api['exchange:import']({ fileName, dataBase64 });
            return `REFI-QDA: ${plural(x.sources, 'document')}, ${plural(x.codes, 'code')}, ${plural(x.codings, 'coding')}`;
          }
          const r = await api['documents:import']({ fileName, dataBase64, duplicates });
          if (r.skipped) return `skipped: ${r.skipped}`;
          return `${plural(r.turns, 'turn')}${r.participant ? `, participant ${r.participant}` : ''}`;
        },
        setProgress,
        () => cancelRef.current,
      );
      const skipped = files.length - outcomes.length;
      setSummary(
        skipped > 0
          ? [...outcomes, { fileName: `${skipped} more`, ok: false, message: 'not imported: cancelled' }]
          : outcomes,
      );
    } finally {
      setProgress(null);
      onChanged();
    }
  };

  const rename = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (!renaming) return;
    const form = new FormData(e.currentTarget);
    const name = String(form.get('name') ?? '').trim();
    const participant = String(form.get('participant') ?? '').trim();
    const kind = form.get('kind') === 'archival' ? 'archival' : 'transcript';
    try {
      if (name !== renaming.name) await api['documents:rename']({ id: renaming.id, name });
      if (kind !== renaming.kind) await api['documents:setKind']({ id: renaming.id, kind });
      if (participant !== (renaming.participant ?? '')) await api['participants:assign']({ documentId: renaming.id, participant: participant || null });
      setRenaming(null);
      onChanged();
    } catch (err) {
      notify('error', errorMessage(err));
    }
  };

  const duplicates = summary?.filter((s) => s.ok && s.message.startsWith('skipped: ')) ?? [];
  const imported = summary?.filter((s) => s.ok && !s.message.startsWith('skipped: ')) ?? [];
  const failed = summary?.filter((s) => !s.ok) ?? [];

  return (
    <section
      className={dragging ? 'panel documents-panel dragging' : 'panel documents-panel'}
      aria-labelledby="documents-heading"
      data-testid="documents-panel"
      onDragOver={(e) => {
        if (!e.dataTransfer.types.includes('Files')) return;
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setDragging(false);
      }}
      onDrop={(e) => {
        if (!e.dataTransfer.types.includes('Files')) return;
        e.preventDefault();
        setDragging(false);
        void droppedFiles(e.dataTransfer).then(runImport, (err) => notify('error', errorMessage(err)));
      }}
    >
      <header className="panel-header">
        <h2 id="documents-heading">Documents</h2>
        <div className="panel-actions">
          {groups.length > 0 && (
            <select
              aria-label="Show documents of a group"
              value={groupId ?? ''}
              onChange={(e) => setGroupId(e.target.value ? Number(e.target.value) : null)}
              data-testid="documents-group-filter"
            >
              <option value="">All documents</option>
              {groups.map((g) => (
                <option key={g.id} value={g.id}>
                  {g.name}
                </option>
              ))}
            </select>
          )}
          <button type="button" onClick={() => inputRef.current?.click()} disabled={progress !== null}>
            Import…
          </button>
          <input
            ref={inputRef}
            type="file"
            multiple
            hidden
            aria-label="Import documents"
            data-testid="documents-import-input"
            accept=".txt,.md,.docx,.pdf,.vtt,.srt,.html,.htm,.rtf,.odt,.csv,.qdpx,.qde,.qdc"
            onChange={(e) => {
              const files = Array.from(e.target.files ?? []);
              e.target.value = '';
              void runImport(files);
            }}
          />
        </div>
      </header>

      {progress && (
        <div className="import-progress" data-testid="import-progress">
          <progress max={progress.total} value={progress.done} aria-label="Import progress" />
          <span>
            {progress.done} of {progress.total}
            {progress.current ? ` · ${progress.current}` : ''}
          </span>
          <button type="button" onClick={() => (cancelRef.current = true)}>
            Cancel
          </button>
        </div>
      )}

      {summary && (
        <div className="import-summary" data-testid="import-summary" role="status">
          <div className="import-summary-head">
            <strong>
              Imported {imported.length} of {summary.length} {summary.length === 1 ? 'file' : 'files'}
              {duplicates.length > 0 ? `; ${duplicates.length} skipped (already in the project)` : ''}
              {failed.length > 0 ? `; ${failed.length} failed` : ''}.
            </strong>
            <button type="button" className="icon-button" aria-label="Dismiss import summary" onClick={() => setSummary(null)}>
              ×
            </button>
          </div>
          {duplicates.length > 0 && (
            <>
              <ul className="import-skipped">
                {duplicates.map((f, i) => (
                  <li key={i} data-testid="import-skipped">
                    <strong>{f.fileName}</strong>: {f.message}
                  </li>
                ))}
              </ul>
              <button
                type="button"
                onClick={() => {
                  const names = new Set(duplicates.map((f) => f.fileName));
                  void runImport(
                    lastFiles.current.filter((f) => names.has(f.name)),
                    'import',
                  );
                }}
                data-testid="import-anyway"
              >
                Import {duplicates.length === 1 ? 'it' : 'them'} anyway
              </button>
            </>
          )}
          {failed.length > 0 && (
            <ul className="import-failures">
              {failed.map((f, i) => (
                <li key={i} data-testid="import-failure">
                  <strong>{f.fileName}</strong>: {f.message}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}

      {documents.length === 0 ? (
        <p className="empty">No documents yet. Import files or drop them here.</p>
      ) : (
        <ul className="doc-list panel-scroll" data-testid="document-list">
          {shown.map((d) => (
            <li key={d.id} className={d.id === selectedId ? 'doc-item selected' : 'doc-item'}>
              <button type="button" className="doc-open" aria-current={d.id === selectedId ? 'true' : undefined} onClick={() => onSelect(d.id)} data-testid="document-item">
                <span className="doc-name">{d.name}</span>
                <span className="doc-meta">
                  {d.kind === 'archival' ? 'archival · ' : ''}
                  {d.format} · {plural(d.codingCount, 'coding')}{d.participant ? ` · ${d.participant}` : ''}
                </span>
              </button>
              <button type="button" className="icon-button" aria-label={`Edit ${d.name}: name, kind and participant`} title="Name, kind (transcript or archival) and participant" onClick={() => setRenaming(d)} data-testid="document-edit">
                ✎
              </button>
            </li>
          ))}
        </ul>
      )}
      <p className="drop-hint">Drop files or folders here to import them.</p>

      {renaming && (
        <Dialog title="Document" onClose={() => setRenaming(null)}>
          <form className="form" onSubmit={rename}>
            <label className="field">
              <span>Name</span>
              <input name="name" defaultValue={renaming.name} required autoFocus data-testid="rename-input" />
            </label>
            <fieldset className="field-inline" data-testid="kind-choice">
              <legend>Kind</legend>
              <label>
                <input type="radio" name="kind" value="transcript" defaultChecked={renaming.kind !== 'archival'} /> Transcript (an interview)
              </label>
              <label>
                <input type="radio" name="kind" value="archival" defaultChecked={renaming.kind === 'archival'} data-testid="kind-archival" /> Archival document
              </label>
            </fieldset>
            <label className="field">
              <span>Participant ID (empty: none)</span>
              <input name="participant" defaultValue={renaming.participant ?? ''} list="participant-ids" placeholder="e.g. ID21" data-testid="participant-input" />
              <datalist id="participant-ids">
                {participantIds.map((p) => (
                  <option key={p} value={p} />
                ))}
              </datalist>
            </label>
            <div className="form-actions">
              <button type="button" onClick={() => setRenaming(null)}>
                Cancel
              </button>
              <button type="submit" className="primary">
                Save
              </button>
            </div>
          </form>
        </Dialog>
      )}
    </section>
  );
}
