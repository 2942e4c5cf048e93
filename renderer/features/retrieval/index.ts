// Public entry of the retrieval feature: every passage of the chosen codes, filtered, opened in place, exported.
export { RetrievalView, type RetrievalViewProps } from './RetrievalView';
