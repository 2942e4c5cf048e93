// The view's commands: selection tracking (offsets into the text), the C key that opens the code
// picker, clicks on highlights, and the Lexical commands that hand them to the coding view.
import { COMMAND_PRIORITY_EDITOR, type LexicalEditor } from 'lexical';
import { useEffect, type RefObject } from 'react';
import type { Span } from '../../shared/model/types';
import { APPLY_CODE_COMMAND, OPEN_CODE_PICKER_COMMAND, SHOW_CODINGS_COMMAND } from './commands';
import { selectionToOffsets } from './selection-offsets';
import { mergeRegister, type ViewState } from './view-state';

export interface CodingCallbacks {
  onSelectionChange: (range: Span | null) => void;
  onRequestCode: (range: Span) => void;
  onApplyCodes: (codeIds: number[], range: Span) => void;
  onMarkClick: (ids: string[], x: number, y: number) => void;
}

export function useCodingCommands(editor: LexicalEditor, stateRef: RefObject<ViewState | null>, callbacks: RefObject<CodingCallbacks>): void {
  // Commands, selection tracking, the C key and clicks on highlights.
  useEffect(() => {
    const rangeNow = () => {
      const root = editor.getRootElement();
      const st = stateRef.current;
      return root && st ? selectionToOffsets(root, st.paras, document.getSelection()) : null;
    };
    const onSelectionChange = () => {
      const root = editor.getRootElement();
      const sel = document.getSelection();
      if (!root || !sel || sel.rangeCount === 0 || !root.contains(sel.anchorNode)) return;
      callbacks.current.onSelectionChange(rangeNow());
    };
    const onKeyDown = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (e.ctrlKey || e.metaKey || e.altKey || e.shiftKey || e.key.toLowerCase() !== 'c') return;
      if (target && (target.closest('input, textarea, select, dialog, [contenteditable="true"]') !== null)) return;
      const range = rangeNow();
      if (!range) return;
      e.preventDefault();
      editor.dispatchCommand(OPEN_CODE_PICKER_COMMAND, range);
    };
    const onClick = (e: MouseEvent) => {
      const sel = document.getSelection();
      if (sel && !sel.isCollapsed) return;
      const mark = (e.target as HTMLElement).closest<HTMLElement>('mark[data-coding-ids]');
      if (!mark) return;
      editor.dispatchCommand(SHOW_CODINGS_COMMAND, { ids: (mark.dataset.codingIds ?? '').split(','), x: e.clientX, y: e.clientY });
    };
    document.addEventListener('selectionchange', onSelectionChange);
    window.addEventListener('keydown', onKeyDown);
    const unregisterRoot = editor.registerRootListener((root, prev) => {
      prev?.removeEventListener('click', onClick);
      root?.addEventListener('click', onClick);
    });
    return mergeRegister(
      () => document.removeEventListener('selectionchange', onSelectionChange),
      () => window.removeEventListener('keydown', onKeyDown),
      unregisterRoot,
      editor.registerCommand(
        OPEN_CODE_PICKER_COMMAND,
        (range) => {
          callbacks.current.onRequestCode(range);
          return true;
        },
        COMMAND_PRIORITY_EDITOR,
      ),
      editor.registerCommand(
        APPLY_CODE_COMMAND,
        ({ codeIds, range }) => {
          callbacks.current.onApplyCodes(codeIds, range);
          return true;
        },
        COMMAND_PRIORITY_EDITOR,
      ),
      editor.registerCommand(
        SHOW_CODINGS_COMMAND,
        ({ ids, x, y }) => {
          callbacks.current.onMarkClick(ids, x, y);
          return true;
        },
        COMMAND_PRIORITY_EDITOR,
      ),
    );
  }, [editor, stateRef, callbacks]);

}
