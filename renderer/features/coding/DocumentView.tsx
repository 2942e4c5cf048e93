// The coding view of one document: loads its text and codings, shows them in the read-only editor,
// opens the code picker for a selection (key C or the button) and lists / removes the codings
// under a clicked highlight.
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { LexicalEditor } from 'lexical';
import type { Code, Coder, CoderId, Coding, DocumentFull, DocumentId, Span } from '../../../shared/model/types';
import { plural } from '../../../shared/text/wording';
import { api, errorMessage } from '../../api/client';
import { CODER_SWITCH, useChanges } from '../../api/events';
import { useHostCommands } from '../../api/host';
import { Dialog } from '../../components/Dialog';
import { useNotify } from '../../components/Notices';
import { Picker } from '../../components/Picker';
import { DocumentEditor } from '../../editor/DocumentEditor';
import { APPLY_CODE_COMMAND } from '../../editor/commands';
import { paragraphAt, splitParagraphs, type MarkSpan } from '../../editor/segments';
import { selectOffsets } from '../../editor/selection-offsets';
import { isProvisional, OwnChanges, provisionalCodings, withCodings, withoutCodings } from './codings-state';
import { MarkCache, pickerItems } from './marks';
import { RecordingPlayer } from './RecordingPlayer';
import { useTranscriptSync } from './useTranscriptSync';
import { DocumentMemo } from './DocumentMemo';

export interface DocumentViewProps {
  documentId: DocumentId;
  codes: Code[];
  coders: Coder[];
  currentCoderId: CoderId | null;
  showOthers: boolean;
  /** Bumped by the workbench after undo/redo or codebook changes, to reload codings. */
  version: number;
  /** Called after codings change here, so the workbench refreshes history and counts. */
  onChanged: () => void;
  /** Select [start, end) and scroll to it once shown (a quote opened from a report). */
  focus?: Span | null;
  /** Codes used most recently, most recent first (number keys 1–9 apply them). */
  recent?: readonly number[];
  /** Called with the codes just applied, so the workbench can keep the recent list. */
  onCodesUsed?: (codeIds: number[]) => void;
  /** Called after a code was created here (in-vivo coding), so the codebook reloads. */
  onCodebookChanged?: () => void;
}

/** The coding view's keys, shown in tooltips and in the `?` cheat sheet. */
export const CODING_KEYS: [string, string][] = [
  ['C', 'Code the selection: type a label or name, Enter applies'],
  ['1 … 9', 'Apply one of the last nine codes used to the selection'],
  ['V', 'In-vivo: create a code named by the selected words and apply it'],
  ['Shift+C', 'Recode: give your coding under the selection another code'],
  ['Shift+Enter', 'In the picker: add another code before applying'],
  ['Ctrl+Z / Ctrl+Shift+Z', 'Undo / redo'],
  ['Esc', 'Close a dialog'],
  ['Ctrl+F', 'Find in the document (the whole text, not only what is drawn)'],
  ['?', 'Show these keys'],
];

/** Every case-insensitive occurrence of `query` in `text` (accents kept), in order. */
export function findAll(text: string, query: string): Span[] {
  const q = query.trim().toLowerCase();
  if (!q) return [];
  const hay = text.toLowerCase();
  const out: Span[] = [];
  // toLowerCase keeps UTF-16 lengths for all but a few characters (e.g. İ); offsets are checked below.
  const sameLength = hay.length === text.length;
  for (let at = hay.indexOf(q); at !== -1 && out.length < 10000; at = hay.indexOf(q, at + q.length)) {
    if (sameLength) out.push({ start: at, end: at + q.length });
  }
  return out;
}

function isTypingIn(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && target.closest('input, textarea, select, dialog, [contenteditable="true"]') !== null;
}

/** Resolves once the next frame has been painted (or after 100 ms, in a tab that draws no frames). */
function afterNextPaint(): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, 100);
    requestAnimationFrame(() =>
      setTimeout(() => {
        clearTimeout(timer);
        resolve();
      }, 0),
    );
  });
}

export function DocumentView({ documentId, codes, coders, currentCoderId, showOthers, version, onChanged, focus, recent = [], onCodesUsed, onCodebookChanged }: DocumentViewProps) {
  const notify = useNotify();
  const [doc, setDoc] = useState<DocumentFull | null>(null);
  const [codings, setCodings] = useState<Coding[]>([]);
  const [selection, setSelection] = useState<Span | null>(null);
  const [picking, setPicking] = useState<Span | null>(null);
  // Shift+C: the coding under the selection whose code the picker replaces.
  const [recoding, setRecoding] = useState<Coding | null>(null);
  const [shown, setShown] = useState<{ ids: string[]; x: number; y: number } | null>(null);
  const [editor, setEditor] = useState<LexicalEditor | null>(null);
  const [cheatSheet, setCheatSheet] = useState(false);
  const [memoOpen, setMemoOpen] = useState(false);
  // Find in document: the whole text is searched (not only what the windowed view has drawn) and a
  // hit is selected and scrolled to through the same path as a quote opened from a report.
  const [finding, setFinding] = useState(false);
  const [findQuery, setFindQuery] = useState('');
  const [findIndex, setFindIndex] = useState(0);
  const [findFocus, setFindFocus] = useState<Span | null>(null);

  const [reloads, setReloads] = useState(0);
  const mediaRef = useRef<HTMLMediaElement | null>(null);
  // Where the playable recording starts on the transcript's clock; null while there is none.
  const [recordingStart, setRecordingStart] = useState<number | null>(null);
  const { playFromOffset } = useTranscriptSync(editor, doc?.text, doc?.turns, mediaRef, recordingStart);

  // The workbench mounts one view per document (keyed by id), so the id never changes here.
  useEffect(() => {
    let live = true;
    api['documents:get']({ id: documentId }).then(
      (d) => live && setDoc(d),
      (err) => notify('error', errorMessage(err)),
    );
    return () => {
      live = false;
    };
  }, [documentId, notify]);

  const reloadCodings = useCallback(() => setReloads((n) => n + 1), []);
  const own = useMemo(() => new OwnChanges(documentId), [documentId]);
  const codingsRef = useRef(codings);
  useEffect(() => {
    codingsRef.current = codings;
  });
  useEffect(() => {
    let live = true;
    const settled = own.settled;
    api['codings:list']({ documentId }).then(
      (list) => {
        if (!live) return;
        // A call of this view answered meanwhile: the list may predate it, so ask again. Codings
        // still drawn provisionally stay until their call answers.
        if (own.settled !== settled) reloadCodings();
        else setCodings((current) => withCodings(list, current.filter(isProvisional)));
      },
      (err) => notify('error', errorMessage(err)),
    );
    return () => {
      live = false;
    };
  }, [documentId, notify, version, reloads, own, reloadCodings]);
  // This view's own changes are applied from the engine's answers (see codings-state.ts); codings
  // changed by anyone else on this document reload here; after a switch of coder the previous
  // coder's codings leave the screen at once, before the new coder's arrive.
  useChanges((e) => {
    if (e.action === CODER_SWITCH) {
      setCodings([]);
      setShown(null);
      reloadCodings();
    } else if (own.needsReload(e)) reloadCodings();
  });

  const hits = useMemo(() => (doc && finding ? findAll(doc.text, findQuery) : []), [doc, finding, findQuery]);
  const goTo = useCallback(
    (index: number) => {
      if (hits.length === 0) return;
      const i = ((index % hits.length) + hits.length) % hits.length;
      setFindIndex(i);
      setFindFocus({ ...hits[i] });
    },
    [hits],
  );
  const target = findFocus ?? focus ?? null;

  // Opened at a place: paragraphs are added in batches, so wait until the focus is in the DOM.
  useEffect(() => {
    const focus = target;
    if (!focus || !doc || !editor) return;
    const paras = splitParagraphs(doc.text);
    const last = paragraphAt(paras, Math.max(focus.start, focus.end - 1));
    let frame = 0;
    let tries = 0;
    const attempt = () => {
      const root = editor.getRootElement();
      if (root && root.children.length > last) {
        if (selectOffsets(root, paras, focus, document.getSelection())) document.getSelection()?.anchorNode?.parentElement?.scrollIntoView({ block: 'center' });
      } else if (++tries < 600) frame = requestAnimationFrame(attempt);
    };
    frame = requestAnimationFrame(attempt);
    return () => cancelAnimationFrame(frame);
  }, [target, doc, editor]);

  const visible = useMemo(
    () => codings.filter((c) => showOthers || c.coderId === currentCoderId),
    [codings, showOthers, currentCoderId],
  );
  // Unchanged codings keep their mark objects, so the editor redraws only what a change touched.
  const markCache = useMemo(() => new MarkCache(), []);
  const marks: MarkSpan[] = useMemo(() => markCache.marks(visible, codes, coders), [markCache, visible, codes, coders]);

  const apply = useCallback(
    async (codeIds: number[], range: Span) => {
      // Drawn at once, before the engine answers; the answer replaces it (or an error takes it away).
      const drawn =
        currentCoderId === null || !doc
          ? []
          : provisionalCodings(codingsRef.current, { codeIds, documentId, coderId: currentCoderId, start: range.start, end: range.end, text: doc.text.slice(range.start, range.end) });
      const drawnIds = new Set(drawn.map((c) => c.id as number));
      if (drawn.length > 0) setCodings((list) => withCodings(list, drawn));
      own.begin();
      try {
        const made = await api['codings:apply']({ documentId, codeIds: codeIds as Code['id'][], start: range.start, end: range.end });
        // What the answer changes on screen (the highlight's ids, the notice, counts) waits for the
        // frame that draws the provisional coding, so that it never delays that frame.
        if (drawn.length > 0) await afterNextPaint();
        setCodings((list) => withCodings(withoutCodings(list, drawnIds), made));
        if (own.end(made.map((c) => c.id))) reloadCodings();
        notify('info', `Coded ${plural(range.end - range.start, 'character')} with ${plural(made.length, 'code')}.`);
        onCodesUsed?.(codeIds);
        onChanged();
      } catch (err) {
        setCodings((list) => withoutCodings(list, drawnIds));
        if (own.end()) reloadCodings();
        notify('error', errorMessage(err));
      }
    },
    [documentId, doc, currentCoderId, own, notify, reloadCodings, onChanged, onCodesUsed],
  );

  const remove = async (coding: Coding) => {
    if (isProvisional(coding)) return;
    own.begin();
    try {
      await api['codings:remove']({ id: coding.id });
      setShown((s) => (s ? { ...s, ids: s.ids.filter((id) => id !== String(coding.id)) } : s));
      setCodings((list) => withoutCodings(list, new Set([coding.id as number])));
      if (own.end([coding.id])) reloadCodings();
      onChanged();
    } catch (err) {
      if (own.end()) reloadCodings();
      notify('error', errorMessage(err));
    }
  };

  const openPicker = useCallback(
    (range: Span) => {
      if (!currentCoderId) notify('error', 'Choose who is coding first.');
      else if (codes.length === 0) notify('error', 'The codebook is empty: create or import codes first.');
      else setPicking(range);
    },
    [codes.length, currentCoderId, notify],
  );

  /** In-vivo coding: a new top-level code named by the selected words, applied to them. */
  const inVivo = useCallback(
    async (range: Span) => {
      if (!doc) return;
      const words = doc.text.slice(range.start, range.end).replace(/\s+/g, ' ').trim();
      if (!words) return;
      const name = words.length > 80 ? `${words.slice(0, 79)}…` : words;
      try {
        const code = await api['codebook:create']({ parentId: null, name });
        onCodebookChanged?.();
        editor?.dispatchCommand(APPLY_CODE_COMMAND, { codeIds: [code.id], range });
      } catch (err) {
        notify('error', errorMessage(err));
      }
    },
    [doc, editor, notify, onCodebookChanged],
  );

  // The desktop menus: Help › Keyboard shortcuts shows the same sheet as ?, Edit › Find… the same find as Ctrl+F.
  useHostCommands((command) => {
    if (command.command === 'shortcuts') setCheatSheet(true);
    else if (command.command === 'find') {
      setFinding(true);
      requestAnimationFrame(() => document.querySelector<HTMLInputElement>('[data-testid="find-input"]')?.select());
    }
  });
  // Number keys apply a recent code, V codes in vivo, ? shows the keys (C is the editor's).
  const keyState = useRef({ selection, recent, inVivo, currentCoderId, codings });
  // Before the browser paints what this render shows: a key pressed once the page says "19 characters
  // selected" must act on that selection (a passive effect may run after the key is handled).
  useLayoutEffect(() => {
    keyState.current = { selection, recent, inVivo, currentCoderId, codings };
  });
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 'f' && !document.querySelector('dialog[open]')) {
        // The browser's own find sees only the paragraphs drawn so far; this one searches the whole text.
        e.preventDefault();
        setFinding(true);
        requestAnimationFrame(() => document.querySelector<HTMLInputElement>('[data-testid="find-input"]')?.select());
        return;
      }
      if (e.ctrlKey || e.metaKey || e.altKey || isTypingIn(e.target) || document.querySelector('dialog[open]')) return;
      const { selection: range, recent: codesNow, inVivo: vivo, currentCoderId: coder, codings: all } = keyState.current;
      if (e.key === '?') {
        e.preventDefault();
        setCheatSheet(true);
        return;
      }
      if (!range || range.end <= range.start) return;
      if (/^[1-9]$/.test(e.key)) {
        const id = codesNow[Number(e.key) - 1];
        if (id === undefined) return;
        e.preventDefault();
        if (!coder) notify('error', 'Choose who is coding first.');
        else editor?.dispatchCommand(APPLY_CODE_COMMAND, { codeIds: [id], range });
      } else if (e.key === 'C' && e.shiftKey) {
        // The caller's coding that overlaps the selection most.
        const overlap = (c: Coding) => Math.min(c.end, range.end) - Math.max(c.start, range.start);
        const mine = all.filter((c) => c.coderId === coder && !isProvisional(c) && overlap(c) > 0).sort((a, b) => overlap(b) - overlap(a) || a.end - a.start - (b.end - b.start));
        e.preventDefault();
        if (mine.length === 0) notify('error', 'None of your codings is under the selection.');
        else setRecoding(mine[0]);
      } else if (e.key.toLowerCase() === 'v' && !e.shiftKey) {
        e.preventDefault();
        if (!coder) notify('error', 'Choose who is coding first.');
        else void vivo(range);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [editor, notify]);

  const codeById = useMemo(() => new Map(codes.map((c) => [c.id as number, c])), [codes]);
  const coderById = useMemo(() => new Map(coders.map((c) => [c.id as number, c])), [coders]);
  const shownCodings = shown ? codings.filter((c) => shown.ids.includes(String(c.id))) : [];

  if (!doc) return <section className="document-view loading" aria-busy="true">Loading…</section>;

  return (
    <section className="document-view" aria-label={`Document ${doc.name}`} data-testid="document-view">
      <header className="doc-toolbar">
        <h2 className="doc-title">{doc.name}</h2>
        <span className="doc-selection" data-testid="selection-info">
          {selection ? `${selection.end - selection.start} characters selected (${selection.start}–${selection.end})` : 'Select text to code it'}
        </span>
        <button type="button" className="primary" disabled={!selection} onClick={() => selection && openPicker(selection)} title="Code the selection (C)" data-testid="code-selection">
          Code selection <kbd>C</kbd>
        </button>
        <button type="button" disabled={!selection} onClick={() => selection && void inVivo(selection)} title="In-vivo code: a new code named by the selected words (V)" data-testid="code-in-vivo">
          In vivo <kbd>V</kbd>
        </button>
        <button type="button" aria-pressed={memoOpen} onClick={() => setMemoOpen((o) => !o)} title="The memo on this document, beside the text" data-testid="toggle-document-memo">
          Memo
        </button>
        <button type="button" className="icon-button" onClick={() => setCheatSheet(true)} title="Keyboard shortcuts (?)" aria-label="Keyboard shortcuts" data-testid="coding-keys">
          ?
        </button>
      </header>
      <RecordingPlayer documentId={documentId} mediaRef={mediaRef} timed={doc?.turns.some((t) => typeof t.startMs === 'number') ?? false} onPlayable={setRecordingStart} />
      {finding && (
        <form
          className="find-bar"
          role="search"
          onSubmit={(e) => {
            e.preventDefault();
            goTo(findFocus ? findIndex + 1 : findIndex);
          }}
        >
          <input
            value={findQuery}
            onChange={(e) => {
              setFindQuery(e.target.value);
              setFindIndex(0);
              setFindFocus(null);
            }}
            onKeyDown={(e) => {
              if (e.key === 'Escape') {
                e.preventDefault();
                setFinding(false);
                setFindFocus(null);
              } else if (e.key === 'Enter' && e.shiftKey) {
                e.preventDefault();
                goTo(findIndex - 1);
              }
            }}
            placeholder="Find in document"
            aria-label="Find in document"
            autoFocus
            data-testid="find-input"
          />
          <span className="muted" data-testid="find-count">
            {findQuery.trim() ? (hits.length ? `${findFocus ? findIndex + 1 : 0} of ${plural(hits.length, 'match', 'matches')}` : 'no match') : ''}
          </span>
          <button type="button" onClick={() => goTo(findIndex - 1)} disabled={hits.length === 0} title="Previous match (Shift+Enter)">
            ↑
          </button>
          <button type="submit" disabled={hits.length === 0} title="Next match (Enter)">
            ↓
          </button>
          <button
            type="button"
            className="icon-button"
            aria-label="Close find"
            onClick={() => {
              setFinding(false);
              setFindFocus(null);
            }}
          >
            ×
          </button>
        </form>
      )}
      {recent.length > 0 && (
        <div className="recent-codes" aria-label="Recent codes" data-testid="recent-codes">
          {recent.slice(0, 9).map((id, i) => {
            const code = codeById.get(id);
            if (!code) return null;
            return (
              <button
                key={id}
                type="button"
                disabled={!selection}
                onClick={() => selection && editor?.dispatchCommand(APPLY_CODE_COMMAND, { codeIds: [id], range: selection })}
                title={`Apply ${code.label ? `${code.label} ` : ''}${code.name} to the selection (${i + 1})`}
              >
                <kbd>{i + 1}</kbd>
                <span className="swatch" style={{ background: code.color }} aria-hidden="true" />
                {code.label || code.name}
              </button>
            );
          })}
        </div>
      )}
      <div className="doc-body">
      <DocumentEditor
        text={doc.text}
        marks={marks}
        onSelectionChange={setSelection}
        onRequestCode={openPicker}
        onApplyCodes={apply}
        onMarkClick={(ids, x, y) => {
          setShown({ ids, x, y });
          // A coded passage plays from its time, as a turn does.
          const starts = codings.filter((c) => ids.includes(String(c.id))).map((c) => c.start);
          if (starts.length > 0) playFromOffset(Math.min(...starts));
        }}
        onReady={setEditor}
      />
      {memoOpen && <DocumentMemo documentId={documentId} author={coders.find((c) => c.id === currentCoderId)?.name ?? null} onChanged={onChanged} />}
      </div>
      {picking && (
        <Dialog title="Apply codes" onClose={() => setPicking(null)} testId="code-picker">
          <blockquote className="picker-quote">{doc.text.slice(picking.start, Math.min(picking.end, picking.start + 240))}</blockquote>
          <Picker
            label="Filter codes"
            items={pickerItems(codes, recent)}
            onApply={(ids) => {
              const range = picking;
              setPicking(null);
              editor?.dispatchCommand(APPLY_CODE_COMMAND, { codeIds: ids, range });
            }}
          />
        </Dialog>
      )}
      {recoding && (
        <Dialog title="Recode" onClose={() => setRecoding(null)} testId="recode-picker">
          <blockquote className="picker-quote">{recoding.text.slice(0, 240)}</blockquote>
          <Picker
            label={`Replace ${codeById.get(recoding.codeId)?.label || codeById.get(recoding.codeId)?.name || 'the code'} with`}
            items={pickerItems(codes, recent).filter((i) => i.id !== recoding.codeId)}
            applyText="Recode"
            onApply={(ids) => {
              const target = recoding;
              setRecoding(null);
              own.begin();
              api['codings:recode']({ id: target.id, codeId: ids[0] as Code['id'] }).then(
                (recoded) => {
                  setCodings((list) => withCodings(list, [recoded]));
                  if (own.end([recoded.id])) reloadCodings();
                  notify('info', 'Recoded; Undo reverts it.');
                  onCodesUsed?.([ids[0]]);
                  onChanged();
                },
                (err) => {
                  if (own.end()) reloadCodings();
                  notify('error', errorMessage(err));
                },
              );
            }}
          />
        </Dialog>
      )}
      {cheatSheet && (
        <Dialog title="Keyboard shortcuts" onClose={() => setCheatSheet(false)} testId="coding-keys-sheet">
          <table className="keys-table">
            <tbody>
              {CODING_KEYS.map(([keys, what]) => (
                <tr key={keys}>
                  <th scope="row">
                    <kbd>{keys}</kbd>
                  </th>
                  <td>{what}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Dialog>
      )}
      {shown && shownCodings.length > 0 && (
        <Dialog title="Codings here" onClose={() => setShown(null)} testId="codings-popover">
          <ul className="codings-list">
            {shownCodings.map((c) => {
              const code = codeById.get(c.codeId);
              const coder = coderById.get(c.coderId);
              return (
                <li key={c.id} data-testid="coding-entry">
                  <span className="swatch" style={{ background: code?.color ?? '#999' }} aria-hidden="true" />
                  <span className="coding-code">{code ? `${code.label} ${code.name}`.trim() : `code ${c.codeId}`}</span>
                  <span className="coding-coder">{coder?.name ?? `coder ${c.coderId}`}</span>
                  <q className="coding-text">{c.text.length > 120 ? `${c.text.slice(0, 120)}…` : c.text}</q>
                  <button type="button" className="danger" onClick={() => void remove(c)} aria-label={`Remove coding ${code?.label ?? ''} by ${coder?.name ?? ''}`}>
                    Remove
                  </button>
                </li>
              );
            })}
          </ul>
        </Dialog>
      )}
    </section>
  );
}
