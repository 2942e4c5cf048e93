// Public entry of the themes feature: themes, subthemes, linked codes and quotes.
export { ThemesView, type ThemesViewProps } from './ThemesView';
