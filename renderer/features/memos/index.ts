// Public entry of the memos feature: the memo panel (list, filter, search, edit).
export { MemosView, type MemosViewProps } from './MemosView';
