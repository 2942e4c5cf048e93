// What a report counts, said under it: the layer (and why it is the default), the documents and
// codings read, the filters, and — when coders are pooled — the warning that a disagreement between
// coders counts as a co-occurrence.
import type { Scope } from '../../../shared/api/intersections';
import { grouped } from '../../../shared/text/wording';

export function scopeText(scope: Scope): string {
  if (scope.message) return scope.message;
  const filters = scope.filters.length ? `; ${scope.filters.join(', ')}` : '';
  const why = scope.layerReason ? ` — the default, because ${scope.layerReason}` : '';
  const codings = `${grouped(scope.codings)} coding${scope.codings === 1 ? '' : 's'}`;
  return `${codings} in ${grouped(scope.documents)} of ${grouped(scope.documentsTotal)} document${scope.documentsTotal === 1 ? '' : 's'}; ${scope.layer}${why}${filters}.`;
}

export function ScopeNote({ scope, counts }: { scope: Scope; counts?: string }) {
  return (
    <>
      {scope.warning && (
        <p className="ix-warning" role="alert" data-testid="ix-pooled-warning">
          {scope.warning}
        </p>
      )}
      <p className="ix-note" data-testid="ix-scope">
        {scopeText(scope)}
      </p>
      {counts && !scope.message && (
        <p className="ix-note" data-testid="ix-counts">
          {counts.replace(/ Layer: .*$/, '')}
        </p>
      )}
    </>
  );
}
