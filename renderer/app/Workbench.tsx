// The workbench of an open project: header (project, coder, undo/redo), the documents and codebook
// panels, and the document view. It owns the shared lists and reloads them after every change.
import { useCallback, useEffect, useState } from 'react';
import type { HistoryState } from '../../shared/api/contract';
import type { Code, Coder, DocumentId, DocumentSummary, ProjectInfo } from '../../shared/model/types';
import { api, errorMessage } from '../api/client';
import { useNotify } from '../components/Notices';
import { CodebookPanel } from '../features/codebook';
import { DocumentView } from '../features/coding';
import { DocumentsPanel } from '../features/documents';
import { CoderSelect } from '../features/project';

export interface WorkbenchProps {
  project: ProjectInfo;
  onClose: () => void;
}

const lastDocKey = (path: string) => `accord:last-document:${path}`;

function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && target.closest('input, textarea, select, [contenteditable="true"]') !== null;
}

export function Workbench({ project, onClose }: WorkbenchProps) {
  const notify = useNotify();
  const [documents, setDocuments] = useState<DocumentSummary[]>([]);
  const [codes, setCodes] = useState<Code[]>([]);
  const [coders, setCoders] = useState<Coder[]>([]);
  const [coder, setCoder] = useState<Coder | null | undefined>(undefined);
  const [history, setHistory] = useState<HistoryState | null>(null);
  const [selectedDoc, setSelectedDoc] = useState<DocumentId | null>(() => {
    const saved = Number(localStorage.getItem(lastDocKey(project.path)));
    return saved > 0 ? (saved as DocumentId) : null;
  });
  const [showOthers, setShowOthers] = useState(true);
  const [switching, setSwitching] = useState(false);
  const [version, setVersion] = useState(0);

  const guard = useCallback(
    async <T,>(p: Promise<T>): Promise<T | undefined> => {
      try {
        return await p;
      } catch (err) {
        notify('error', errorMessage(err));
        return undefined;
      }
    },
    [notify],
  );

  const loadDocuments = useCallback(async () => {
    const list = await guard(api['documents:list']({}));
    if (!list) return;
    setDocuments(list);
    setSelectedDoc((cur) => (cur !== null && list.some((d) => d.id === cur) ? cur : null));
  }, [guard]);
  const loadCodes = useCallback(async () => {
    const list = await guard(api['codebook:list']({}));
    if (list) setCodes(list);
  }, [guard]);
  const loadCoders = useCallback(async () => {
    const list = await guard(api['coders:list']({}));
    if (list) setCoders(list);
  }, [guard]);
  const loadHistory = useCallback(async () => {
    const h = await guard(api['history:state']({}));
    if (h) setHistory(h);
  }, [guard]);

  // First load in one go; later reloads go through the load* functions above.
  useEffect(() => {
    let live = true;
    Promise.all([
      api['documents:list']({}),
      api['codebook:list']({}),
      api['coders:list']({}),
      api['history:state']({}),
      api['coders:current']({}),
    ]).then(
      ([docs, codeList, coderList, h, current]) => {
        if (!live) return;
        setDocuments(docs);
        setSelectedDoc((cur) => (cur !== null && docs.some((d) => d.id === cur) ? cur : null));
        setCodes(codeList);
        setCoders(coderList);
        setHistory(h);
        setCoder(current);
      },
      (err) => notify('error', errorMessage(err)),
    );
    return () => {
      live = false;
    };
  }, [notify]);

  useEffect(() => {
    if (selectedDoc !== null) localStorage.setItem(lastDocKey(project.path), String(selectedDoc));
  }, [selectedDoc, project.path]);

  const afterCodebookChange = useCallback(() => {
    void loadCodes();
    void loadHistory();
    void loadDocuments();
    setVersion((v) => v + 1);
  }, [loadCodes, loadHistory, loadDocuments]);
  const afterCodingChange = useCallback(() => {
    void loadHistory();
    void loadDocuments();
  }, [loadHistory, loadDocuments]);

  const step = useCallback(
    async (method: 'history:undo' | 'history:redo') => {
      const h = await guard(api[method]({}));
      if (!h) return;
      setHistory(h);
      void loadCodes();
      void loadDocuments();
      setVersion((v) => v + 1);
    },
    [guard, loadCodes, loadDocuments],
  );

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || isTyping(e.target) || document.querySelector('dialog[open]')) return;
      const key = e.key.toLowerCase();
      if (key === 'z' && !e.shiftKey) void step('history:undo');
      else if ((key === 'z' && e.shiftKey) || key === 'y') void step('history:redo');
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [step]);

  const chosen = (c: Coder) => {
    setCoder(c);
    setSwitching(false);
    void loadCoders();
  };

  return (
    <div className="workbench">
      <header className="app-header">
        <div className="brand">
          <strong>Accord</strong>
          <span className="project-name" title={project.path} data-testid="project-name">
            {project.name}
          </span>
        </div>
        <div className="header-tools">
          <button type="button" onClick={() => void step('history:undo')} disabled={!history?.canUndo} title={history?.undoLabel ? `Undo ${history.undoLabel} (Ctrl+Z)` : 'Nothing to undo'} data-testid="undo">
            Undo
          </button>
          <button type="button" onClick={() => void step('history:redo')} disabled={!history?.canRedo} title={history?.redoLabel ? `Redo ${history.redoLabel} (Ctrl+Shift+Z)` : 'Nothing to redo'} data-testid="redo">
            Redo
          </button>
          <label className="toggle">
            <input type="checkbox" checked={showOthers} onChange={(e) => setShowOthers(e.target.checked)} data-testid="show-others" />
            Show other coders’ codings
          </label>
          <span className="coder-chip" data-testid="current-coder">
            {coder ? (
              <>
                <span className="swatch" style={{ background: coder.color }} aria-hidden="true" />
                Coding as <strong>{coder.name}</strong>
              </>
            ) : (
              'No coder chosen'
            )}
          </span>
          <button type="button" onClick={() => setSwitching(true)} data-testid="switch-coder">
            Switch coder
          </button>
          <button type="button" onClick={onClose}>
            Close project
          </button>
        </div>
      </header>
      <div className="workbench-body">
        <aside className="sidebar">
          <DocumentsPanel documents={documents} selectedId={selectedDoc} onSelect={setSelectedDoc} onChanged={() => void loadDocuments()} />
          <CodebookPanel codes={codes} onChanged={afterCodebookChange} />
        </aside>
        <main className="main">
          {selectedDoc !== null ? (
            <DocumentView
              key={selectedDoc}
              documentId={selectedDoc}
              codes={codes}
              coders={coders}
              currentCoderId={coder?.id ?? null}
              showOthers={showOthers}
              version={version}
              onChanged={afterCodingChange}
            />
          ) : (
            <div className="placeholder">
              <p>{documents.length === 0 ? 'Import a transcript to begin.' : 'Choose a document to read and code.'}</p>
            </div>
          )}
        </main>
      </div>
      {(coder === null || switching) && <CoderSelect current={coder ?? null} onSelected={chosen} onClose={coder ? () => setSwitching(false) : undefined} />}
    </div>
  );
}
