// Public entry of the documents feature.
export { DocumentsPanel, type DocumentsPanelProps } from './DocumentsPanel';
export { importFiles, bytesToBase64, type ImportOutcome, type ImportProgress } from './import-files';
