// Commands of the document view. DocumentEditor registers their handlers (forwarding to its props);
// the key C, clicks on highlights and the code picker dispatch them.
import { createCommand, type LexicalCommand } from 'lexical';
import type { Span } from '../../shared/model/types';

/** Open the code picker for the current selection. */
export const OPEN_CODE_PICKER_COMMAND: LexicalCommand<Span> = createCommand('OPEN_CODE_PICKER_COMMAND');

/** Apply the given codes (code ids) to a range of the document. */
export const APPLY_CODE_COMMAND: LexicalCommand<{ codeIds: number[]; range: Span }> = createCommand('APPLY_CODE_COMMAND');

/** A highlight was clicked: show the codings with these ids. */
export const SHOW_CODINGS_COMMAND: LexicalCommand<{ ids: string[]; x: number; y: number }> = createCommand('SHOW_CODINGS_COMMAND');
