// The codebook panel: the code tree with create / edit / move / delete, import of a code list
// and export as CSV. Every change goes through the engine; the parent refreshes afterwards.
import { plural } from '../../../shared/text/wording';
import { useRef, useState, type KeyboardEvent } from 'react';
import type { Code, CodeId } from '../../../shared/model/types';
import type { CodeUsage } from '../../../shared/api/contract';
import { api, errorMessage } from '../../api/client';
import { Dialog } from '../../components/Dialog';
import { useNotify } from '../../components/Notices';
import { Tree, type DropPosition } from '../../components/Tree';
import { CodeEditor, type CodeDraftFields } from './CodeEditor';
import { buildTree, codeTitle, dropTarget, keyboardTarget, type KeyboardMove, type MoveTarget } from './code-tree';
import { downloadText } from '../../components/download';

export interface CodebookPanelProps {
  codes: Code[];
  /** Called after any change so the workbench reloads codes, codings and history. */
  onChanged: () => void;
}

const PALETTE = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f'];

type Editing = { mode: 'create'; parentId: CodeId | null } | { mode: 'edit'; code: Code };

export function CodebookPanel({ codes, onChanged }: CodebookPanelProps) {
  const notify = useNotify();
  const [selected, setSelected] = useState<number | null>(null);
  const [editing, setEditing] = useState<Editing | null>(null);
  const [deleting, setDeleting] = useState<{ code: Code; usage: CodeUsage } | null>(null);
  const [menuFor, setMenuFor] = useState<number | null>(null);
  const fileRef = useRef<HTMLInputElement>(null);

  const run = async (what: () => Promise<unknown>, done?: string) => {
    try {
      await what();
      if (done) notify('info', done);
      onChanged();
      return true;
    } catch (err) {
      notify('error', errorMessage(err));
      return false;
    }
  };

  const move = (id: CodeId, target: MoveTarget | null) => {
    if (!target) return;
    void run(() => api['codebook:move']({ id, parentId: target.parentId, index: target.index }));
  };
  const keyboardMove = (id: number, m: KeyboardMove) => move(id as CodeId, keyboardTarget(codes, id as CodeId, m));
  const onDrop = (dragId: number, targetId: number, pos: DropPosition) => {
    const target = dropTarget(codes, dragId as CodeId, targetId as CodeId, pos);
    if (!target) notify('error', 'A code cannot be moved inside itself or its own sub-codes.');
    move(dragId as CodeId, target);
  };

  const askDelete = async (code: Code) => {
    try {
      const usage = await api['codebook:usage']({ id: code.id });
      setDeleting({ code, usage });
    } catch (err) {
      notify('error', errorMessage(err));
    }
  };

  const save = async (fields: CodeDraftFields) => {
    if (!editing) return;
    const ok =
      editing.mode === 'create'
        ? await run(() => api['codebook:create']({ parentId: editing.parentId, ...fields }))
        : await run(() => api['codebook:update']({ id: editing.code.id, ...fields }));
    if (ok) setEditing(null);
  };

  const onItemKeyDown = (id: number, e: KeyboardEvent) => {
    const code = codes.find((c) => c.id === id);
    if (!code) return;
    const moves: Record<string, KeyboardMove> = { ArrowUp: 'up', ArrowDown: 'down', ArrowRight: 'indent', ArrowLeft: 'outdent' };
    if (e.altKey && moves[e.key]) keyboardMove(id, moves[e.key]);
    else if (e.key === 'F2' || e.key === 'Enter') setEditing({ mode: 'edit', code });
    else if (e.key === 'Delete') void askDelete(code);
    else return;
    e.preventDefault();
  };

  const importFile = async (file: File) => {
    try {
      const text = await file.text();
      const result = await api['codebook:import']({ fileName: file.name, text });
      notify('info', `Imported ${plural(result.created, 'code')} from ${file.name} (${result.format === 'study' ? 'study code structure' : 'CSV'}).`);
      onChanged();
    } catch (err) {
      notify('error', errorMessage(err));
    }
  };

  const exportCsv = async () => {
    try {
      const csv = await api['codebook:exportCsv']({});
      downloadText('codebook.csv', csv, 'text/csv;charset=utf-8');
    } catch (err) {
      notify('error', errorMessage(err));
    }
  };

  const nextColor = PALETTE[codes.length % PALETTE.length];

  return (
    <section className="panel codebook-panel" aria-labelledby="codebook-heading" data-testid="codebook-panel">
      <header className="panel-header">
        <h2 id="codebook-heading">Codebook</h2>
        <div className="panel-actions">
          <button type="button" onClick={() => setEditing({ mode: 'create', parentId: null })} data-testid="code-new">
            New code
          </button>
          <button type="button" onClick={() => fileRef.current?.click()}>
            Import…
          </button>
          <button type="button" onClick={exportCsv} disabled={codes.length === 0}>
            Export CSV
          </button>
          <input
            ref={fileRef}
            type="file"
            accept=".txt,.tsv,.csv,text/plain,text/csv"
            hidden
            aria-label="Import a code list"
            data-testid="codebook-import-input"
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (file) void importFile(file);
            }}
          />
        </div>
      </header>
      {codes.length === 0 ? (
        <p className="empty">No codes yet. Create one or import the study’s code list.</p>
      ) : (
        <div className="panel-scroll">
          <Tree
            nodes={buildTree(codes)}
            label="Codes"
            selectedId={selected}
            onSelect={setSelected}
            onDrop={onDrop}
            onItemKeyDown={onItemKeyDown}
            renderItem={(node) => (
              <span className="code-row" data-testid="code-row" data-code-label={node.data.label} title={[codeTitle(node.data), node.data.definition].filter(Boolean).join('\n\n')}>
                <span className="swatch" style={{ background: node.data.color }} aria-hidden="true" />
                {node.data.label && <span className="code-label">{node.data.label}</span>}
                <span className="code-name">{node.data.name}</span>
                <span className="row-actions">
                  <button type="button" className="icon-button" title="Add a sub-code" aria-label={`Add a sub-code to ${codeTitle(node.data)}`} onClick={(e) => { e.stopPropagation(); setEditing({ mode: 'create', parentId: node.data.id }); }}>
                    +
                  </button>
                  <button type="button" className="icon-button" title="Edit" aria-label={`Edit ${codeTitle(node.data)}`} onClick={(e) => { e.stopPropagation(); setEditing({ mode: 'edit', code: node.data }); }}>
                    ✎
                  </button>
                  <button type="button" className="icon-button" title="More" aria-haspopup="menu" aria-expanded={menuFor === node.id} aria-label={`More actions for ${codeTitle(node.data)}`} onClick={(e) => { e.stopPropagation(); setMenuFor(menuFor === node.id ? null : node.id); }}>
                    ⋯
                  </button>
                </span>
                {menuFor === node.id && (
                  <span className="menu" role="menu" onClick={(e) => e.stopPropagation()}>
                    {(
                      [
                        ['up', 'Move up (Alt+↑)'],
                        ['down', 'Move down (Alt+↓)'],
                        ['indent', 'Make sub-code of previous (Alt+→)'],
                        ['outdent', 'Move out one level (Alt+←)'],
                      ] as [KeyboardMove, string][]
                    ).map(([m, text]) => (
                      <button key={m} type="button" role="menuitem" disabled={keyboardTarget(codes, node.data.id, m) === null} onClick={() => { setMenuFor(null); keyboardMove(node.id, m); }}>
                        {text}
                      </button>
                    ))}
                    <button type="button" role="menuitem" className="danger" onClick={() => { setMenuFor(null); void askDelete(node.data); }}>
                      Delete…
                    </button>
                  </span>
                )}
              </span>
            )}
          />
        </div>
      )}
      {editing && (
        <CodeEditor
          title={editing.mode === 'create' ? (editing.parentId === null ? 'New code' : 'New sub-code') : `Edit ${codeTitle(editing.code)}`}
          initial={editing.mode === 'edit' ? editing.code : { color: nextColor }}
          onSave={save}
          onClose={() => setEditing(null)}
        />
      )}
      {deleting && (
        <Dialog title="Delete code" onClose={() => setDeleting(null)} testId="confirm-delete">
          <p>
            Delete <strong>{codeTitle(deleting.code)}</strong>? This removes {deleting.usage.codes}{' '}
            {deleting.usage.codes === 1 ? 'code' : 'codes'} and {deleting.usage.codings}{' '}
            {deleting.usage.codings === 1 ? 'coding' : 'codings'}. You can undo it.
          </p>
          <div className="form-actions">
            <button type="button" onClick={() => setDeleting(null)} autoFocus>
              Cancel
            </button>
            <button
              type="button"
              className="danger"
              onClick={async () => {
                const code = deleting.code;
                setDeleting(null);
                await run(() => api['codebook:delete']({ id: code.id }), `Deleted ${codeTitle(code)}.`);
              }}
            >
              Delete
            </button>
          </div>
        </Dialog>
      )}
    </section>
  );
}
