// Public entry of the exchange feature: REFI-QDA import/export and merging coders' project files.
export { ExchangeDialog } from './ExchangeDialog';
