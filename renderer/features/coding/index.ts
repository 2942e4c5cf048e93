// Public entry of the coding feature: the document view with the picker and codings list.
export { DocumentView, type DocumentViewProps } from './DocumentView';
export { codingsToMarks, initials, pickerItems, pushRecent } from './marks';
