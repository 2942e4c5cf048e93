// The workbench of an open project: header (project, coder, undo/redo), the documents and codebook
// panels, and the document view. It owns the shared lists and reloads them after every change,
// its own or anyone's (change events); on a team server the header shows the signed-in member.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { HistoryState } from '../../shared/api/contract';
import type { Code, CodeId, Coder, DocumentId, DocumentSummary, ProjectInfo } from '../../shared/model/types';
import type { ChangeEvent } from '../../shared/api/events';
import { plural } from '../../shared/text/wording';
import { api, errorMessage, signOut, teamMember } from '../api/client';
import { announceCoderSwitch, useChanges } from '../api/events';
import { pickOpen, useHostCommands } from '../api/host';
import { useNotify } from '../components/Notices';
import { CodebookPanel } from '../features/codebook';
import { DocumentView, pushRecent } from '../features/coding';
import { DocumentsPanel } from '../features/documents';
import { ExchangeDialog } from '../features/exchange';
import { CoderSelect } from '../features/project';
import { CoreqView } from '../features/coreq';
import { ReportsView } from '../features/reports';
import { ThemesView } from '../features/themes';
import { AgreementView } from '../features/agreement';
import { ConsensusView } from '../features/consensus';
import { ParticipantsView } from '../features/participants';
import { SearchView } from '../features/search';
import { GroupsView } from '../features/groups';
import { IntersectionsView } from '../features/intersections';
import { TeamDialog } from '../features/team';
import { MemosView } from '../features/memos';
import { RetrievalView } from '../features/retrieval';

const VIEWS = [
  ['coding', 'Coding'],
  ['search', 'Search'],
  ['retrieval', 'Retrieval'],
  ['memos', 'Memos'],
  ['participants', 'Participants'],
  ['groups', 'Groups'],
  ['agreement', 'Agreement'],
  ['consensus', 'Consensus'],
  ['intersections', 'Intersections'],
  ['themes', 'Themes'],
  ['coreq', 'COREQ'],
  ['reports', 'Tables'],
] as const;
type View = (typeof VIEWS)[number][0];

export interface WorkbenchProps {
  project: ProjectInfo;
  onClose: () => void;
}

const lastDocKey = (path: string) => `accord:last-document:${path}`;
const recentKey = (path: string) => `accord:recent-codes:${path}`;

function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && target.closest('input, textarea, select, [contenteditable="true"]') !== null;
}

/** Which shared lists a change event makes stale. */
const STALE_BY_TABLE: Record<string, 'codes' | 'documents' | 'coders'> = {
  codes: 'codes',
  documents: 'documents',
  codings: 'documents',
  document_groups: 'documents',
  coder_assignments: 'documents',
  revealed_documents: 'documents',
  agreement_settings: 'documents',
  participants: 'documents',
  coders: 'coders',
  team_members: 'coders',
};

export function Workbench({ project, onClose }: WorkbenchProps) {
  const notify = useNotify();
  const member = teamMember();
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
  const [exchanging, setExchanging] = useState(false);
  const [teamOpen, setTeamOpen] = useState(false);
  const [version, setVersion] = useState(0);
  const [view, setView] = useState<View>('coding');
  /** Where the consensus view opens when the agreement dashboard leads there. */
  const [consensusTarget, setConsensusTarget] = useState<{ documentId: DocumentId; codeId: CodeId } | null>(null);
  // Where a report asked to open a document: the coding view selects and scrolls to it.
  const [focus, setFocus] = useState<{ documentId: DocumentId; start: number; end: number } | null>(null);
  // The codes this user applied last (number keys 1–9 in the document view), kept per project.
  const [recent, setRecent] = useState<number[]>(() => {
    try {
      const saved: unknown = JSON.parse(localStorage.getItem(recentKey(project.path)) ?? '[]');
      return Array.isArray(saved) ? saved.filter((x): x is number => Number.isInteger(x)) : [];
    } catch {
      return [];
    }
  });
  const codesUsed = useCallback(
    (ids: number[]) =>
      setRecent((r) => {
        const next = pushRecent(r, ids);
        localStorage.setItem(recentKey(project.path), JSON.stringify(next));
        return next;
      }),
    [project.path],
  );

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

  // Changes made anywhere (another window, a teammate, the command line) reload what they touched,
  // gathered over a few milliseconds so that a burst of changes (an import) reloads each list once.
  const stale = useRef<{ lists: Set<'codes' | 'documents' | 'coders'>; timer: number | null }>({ lists: new Set(), timer: null });
  useChanges((e: ChangeEvent) => {
    for (const table of Object.keys(e.tables)) {
      const list = STALE_BY_TABLE[table];
      if (list) stale.current.lists.add(list);
    }
    if (stale.current.timer !== null) return;
    stale.current.timer = window.setTimeout(() => {
      const lists = stale.current.lists;
      stale.current = { lists: new Set(), timer: null };
      if (lists.has('codes')) void loadCodes();
      if (lists.has('documents')) void loadDocuments();
      if (lists.has('coders')) void loadCoders();
      void loadHistory();
    }, 30);
  });
  useEffect(() => () => window.clearTimeout(stale.current.timer ?? undefined), []);

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

  /** File › Import documents…: files chosen in the native dialog, read by the engine from disk. */
  const importByDialog = async () => {
    const paths = await pickOpen({ title: 'Import documents', multiple: true, filters: [{ name: 'Transcripts and documents', extensions: ['txt', 'md', 'docx', 'pdf', 'vtt', 'srt', 'html', 'htm', 'rtf', 'odt', 'csv'] }] });
    if (!paths || paths.length === 0) return;
    let imported = 0;
    for (const path of paths) {
      try {
        const r = await api['documents:importFile']({ path });
        if (!r.skipped) imported++;
      } catch (err) {
        notify('error', errorMessage(err));
      }
    }
    notify('info', `Imported ${plural(imported, 'document')} of ${paths.length}.`);
    void loadDocuments();
    void loadHistory();
  };

  // The desktop menus: File › Export… opens the exchange dialog; Edit › Undo/Redo as Ctrl+Z/Y; Edit ›
  // Find… finds in the open document (the search view when none is open); Help › Keyboard shortcuts
  // shows the coding view's sheet.
  useHostCommands((command) => {
    if (command.command === 'import-documents') void importByDialog();
    else if (command.command === 'export') setExchanging(true);
    else if (command.command === 'find') setView(selectedDoc !== null ? 'coding' : 'search');
    else if (command.command === 'shortcuts') setView('coding');
    else if (command.command === 'undo' || command.command === 'redo') {
      // In a text field the menu undoes typing; elsewhere the last coding or codebook change.
      if (isTyping(document.activeElement)) document.execCommand(command.command);
      else void step(command.command === 'undo' ? 'history:undo' : 'history:redo');
    }
  });

  /** Open a document in the coding view. */
  const openDocument = (id: DocumentId) => {
    setSelectedDoc(id);
    setView('coding');
  };

  /** Open a document in the coding view with [start, end) selected and scrolled into view. */
  const openAt = (id: DocumentId, start: number, end: number) => {
    setSelectedDoc(id);
    setFocus({ documentId: id, start, end });
    setView('coding');
  };

  const chosen = (c: Coder) => {
    const switched = c.id !== coder?.id;
    setCoder(c);
    setSwitching(false);
    void loadCoders();
    if (!switched) return;
    // Nothing of the previous coder may stay on screen: views drop what they show and reload it.
    announceCoderSwitch(c.name);
    void loadDocuments();
    void loadHistory();
    setVersion((v) => v + 1);
  };

  return (
    <div className="workbench">
      <header className="app-header">
        <h1 className="brand">
          <strong>Accord</strong>
          <span className="project-name" title={project.path} data-testid="project-name">
            {project.name}
          </span>
        </h1>
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
          {member ? (
            <>
              <span className="coder-chip" data-testid="current-coder" title="Signed in to this team server">
                {coder && <span className="swatch" style={{ background: coder.color }} aria-hidden="true" />}
                Signed in as <strong>{member.name}</strong> · {member.role}
              </span>
              <button type="button" onClick={() => void signOut()} data-testid="sign-out">
                Sign out
              </button>
            </>
          ) : (
            <>
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
            </>
          )}
          {(!member || member.role === 'lead') && (
            <button type="button" onClick={() => setTeamOpen(true)} data-testid="open-team">
              Team…
            </button>
          )}
          <button type="button" onClick={() => setExchanging(true)} data-testid="open-exchange">
            Exchange…
          </button>
          {!member && (
            <button type="button" onClick={onClose}>
              Close project
            </button>
          )}
        </div>
        <nav className="view-tabs" aria-label="Views">
            {VIEWS.map(([id, label]) => (
              <button key={id} type="button" aria-pressed={view === id} onClick={() => setView(id)} data-testid={`view-${id}`}>
                {label}
              </button>
            ))}
          </nav>
      </header>
      <div className="workbench-body" style={view !== 'coding' ? { display: 'none' } : undefined}>
        <aside className="sidebar">
          <DocumentsPanel documents={documents} selectedId={selectedDoc} onSelect={setSelectedDoc} onChanged={() => void loadDocuments()} />
          <CodebookPanel codes={codes} onChanged={afterCodebookChange} />
        </aside>
        {/* Kept mounted while another view shows; marked hidden then, so a page has one main at a time. */}
        <main className="main" hidden={view !== 'coding'}>
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
              focus={focus?.documentId === selectedDoc ? focus : null}
              recent={recent.filter((id) => codes.some((c) => c.id === id))}
              onCodesUsed={codesUsed}
              onCodebookChanged={() => void loadCodes()}
            />
          ) : (
            <div className="placeholder">
              <p>{documents.length === 0 ? 'Import a transcript to begin.' : 'Choose a document to read and code.'}</p>
            </div>
          )}
        </main>
      </div>
      {view !== 'coding' && (
        // The page's main landmark while a view other than Coding is shown (Coding's is its own).
        <main className="workbench-view" style={{ flex: 1, minHeight: 0 }} aria-label={VIEWS.find(([id]) => id === view)?.[1]}>
          {view === 'themes' && <ThemesView key={version} codes={codes} coders={coders} onChanged={() => void loadHistory()} />}
          {view === 'coreq' && <CoreqView key={version} onChanged={() => void loadHistory()} />}
          {view === 'reports' && <ReportsView key={version} />}
          {view === 'intersections' && (
            <IntersectionsView
              documents={documents}
              codes={codes}
              coders={coders}
              onOpenDocument={openAt}
              onChanged={afterCodebookChange}
            />
          )}
          {view === 'search' && (
            <SearchView
              codes={codes}
              onOpen={openAt}
              onChanged={afterCodingChange}
            />
          )}
          {view === 'retrieval' && <RetrievalView codes={codes} coders={coders} onOpen={openAt} />}
          {view === 'memos' && (
            <MemosView
              key={version}
              onOpenDocument={openDocument}
              onChanged={() => void loadHistory()}
            />
          )}
          {view === 'participants' && <ParticipantsView key={version} onChanged={afterCodingChange} />}
          {view === 'groups' && (
            <GroupsView
              key={version}
              documents={documents}
              onOpen={openDocument}
              onChanged={() => void loadHistory()}
            />
          )}
          {view === 'agreement' && (
            <AgreementView
              key={version}
              documents={documents}
              codes={codes}
              coders={coders}
              onChanged={afterCodingChange}
              onOpenDisagreements={(target) => {
                setConsensusTarget(target);
                setView('consensus');
              }}
              onOpenSegment={openAt}
            />
          )}
          {view === 'consensus' && (
            <ConsensusView
              key={`${version}:${consensusTarget?.documentId ?? ''}:${consensusTarget?.codeId ?? ''}`}
              documents={documents}
              codes={codes}
              initial={consensusTarget}
              onChanged={() => {
                afterCodingChange();
                void loadCoders();
              }}
            />
          )}
        </main>
      )}
      {exchanging && (
        <ExchangeDialog
          onClose={() => setExchanging(false)}
          onChanged={() => {
            afterCodebookChange();
            void loadCoders();
          }}
        />
      )}
      {teamOpen && <TeamDialog onClose={() => setTeamOpen(false)} />}
      {!member && (coder === null || switching) && <CoderSelect current={coder ?? null} onSelected={chosen} onClose={coder ? () => setSwitching(false) : undefined} />}
    </div>
  );
}
