// Public entry of the intersections feature: co-occurrence matrix, code × attribute, network,
// saturation curve and query builder.
export { IntersectionsView, type IntersectionsViewProps } from './IntersectionsView';
