// Public entry of the codebook feature.
export { CodebookPanel, type CodebookPanelProps } from './CodebookPanel';
export { buildTree, flattenTree, codeTitle, dropTarget, keyboardTarget } from './code-tree';
