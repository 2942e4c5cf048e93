// Public entry of the search feature: full-text search with hits in context and "code all hits".
export { SearchView, type SearchViewProps } from './SearchView';
