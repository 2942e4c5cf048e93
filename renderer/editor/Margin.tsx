// The margin beside the text: for each paragraph near the viewport, the codes applied in it (one tag
// per code and coder), stacked so that neighbouring paragraphs' tags do not overlap. Hovering a tag
// lights up the passages it stands for.
import { memo } from 'react';
import type { MarginEntry } from './view-state';

/** Stack margin labels so that neighbouring paragraphs' labels do not overlap. */
export function stackEntries(entries: MarginEntry[], rowHeight = 22): (MarginEntry & { y: number })[] {
  let bottom = -Infinity;
  return entries.map((e) => {
    const y = Math.max(e.top, bottom);
    bottom = y + e.tags.length * rowHeight + 4;
    return { ...e, y };
  });
}


/** Light up (or stop lighting) the marks of the given coding ids. */
function hover(ids: readonly string[], on: boolean): void {
  const wanted = new Set(ids);
  for (const el of document.querySelectorAll<HTMLElement>('.doc-editor mark[data-coding-ids]')) {
    if ((el.dataset.codingIds ?? '').split(',').some((id) => wanted.has(id))) el.classList.toggle('mark-hover', on);
  }
}

/** One paragraph's tags; redrawn only when its tags or its place change. */
const MarginTags = memo(function MarginTags({ y, tags }: { y: number; tags: MarginEntry['tags'] }) {
  return (
    <ul className="margin-entry" style={{ top: y }}>
      {tags.map((t) => (
        <li
          key={t.tag}
          className="margin-tag"
          data-testid="margin-tag"
          title={t.title ?? t.label}
          style={{ borderLeftColor: t.color }}
          onMouseEnter={() => hover(t.ids, true)}
          onMouseLeave={() => hover(t.ids, false)}
        >
          <span className="swatch" style={{ background: t.color }} aria-hidden="true" />
          {t.who && <span className="margin-who">{t.who}</span>}
          <span className="margin-label">{t.label}</span>
        </li>
      ))}
    </ul>
  );
});

export function Margin({ entries }: { entries: MarginEntry[] }) {
  const stacked = stackEntries(entries);
  return (
    <aside className="doc-margin" aria-label="Codes in the margin" data-testid="document-margin">
      {stacked.map((e) => (
        <MarginTags key={e.para} y={e.y} tags={e.tags} />
      ))}
    </aside>
  );
}
