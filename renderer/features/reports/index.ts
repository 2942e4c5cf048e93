// Public entry of the reports feature: preview and download the paper's tables.
export { ReportsView } from './ReportsView';
