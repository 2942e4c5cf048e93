// A filterable multi-choice list usable from the keyboard: type to filter, arrows to move,
// Shift+Enter (or a click on the box) to add an item to the choice, Enter to apply.
import { useMemo, useRef, useState } from 'react';

export interface PickerItem {
  id: number;
  primary: string;
  secondary: string;
  color?: string;
  depth?: number;
  /** A short mark shown before the item, e.g. the number key that applies a recent code. */
  badge?: string;
}

export interface PickerProps {
  items: PickerItem[];
  onApply: (ids: number[]) => void;
  label: string;
  applyText?: string;
}

/** Matches when every word of the query occurs in the primary or secondary text. */
export function filterItems(items: PickerItem[], query: string): PickerItem[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return items;
  return items.filter((it) => {
    const hay = `${it.primary} ${it.secondary}`.toLowerCase();
    return words.every((w) => hay.includes(w));
  });
}

export function Picker({ items, onApply, label, applyText = 'Apply' }: PickerProps) {
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const [chosen, setChosen] = useState<number[]>([]);
  const listRef = useRef<HTMLUListElement>(null);
  const visible = useMemo(() => filterItems(items, query), [items, query]);
  const current = visible[Math.min(active, visible.length - 1)];

  const toggle = (id: number) => setChosen((c) => (c.includes(id) ? c.filter((x) => x !== id) : [...c, id]));
  const apply = (extra?: number) => {
    const ids = extra !== undefined && !chosen.includes(extra) ? [...chosen, extra] : chosen;
    if (ids.length > 0) onApply(ids);
  };
  const move = (delta: number) => {
    const next = Math.max(0, Math.min(visible.length - 1, active + delta));
    setActive(next);
    listRef.current?.children[next]?.scrollIntoView({ block: 'nearest' });
  };

  return (
    <div className="picker" data-testid="picker">
      <label className="field">
        <span>{label}</span>
        <input
          autoFocus
          value={query}
          role="combobox"
          aria-expanded="true"
          aria-controls="picker-list"
          aria-activedescendant={current ? `picker-item-${current.id}` : undefined}
          data-testid="picker-filter"
          onChange={(e) => {
            setQuery(e.target.value);
            setActive(0);
          }}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown') {
              e.preventDefault();
              move(1);
            } else if (e.key === 'ArrowUp') {
              e.preventDefault();
              move(-1);
            } else if (e.key === 'Enter' && e.shiftKey) {
              e.preventDefault();
              if (current) toggle(current.id);
            } else if (e.key === 'Enter') {
              e.preventDefault();
              apply(current?.id);
            }
          }}
        />
      </label>
      <ul className="picker-list" id="picker-list" role="listbox" aria-multiselectable="true" ref={listRef}>
        {visible.map((it, i) => (
          <li
            key={it.id}
            id={`picker-item-${it.id}`}
            role="option"
            aria-selected={chosen.includes(it.id)}
            className={i === active ? 'picker-item active' : 'picker-item'}
            style={{ paddingLeft: `${0.5 + (it.depth ?? 0) * 1}rem` }}
            data-testid="picker-item"
            onMouseEnter={() => setActive(i)}
            onClick={() => toggle(it.id)}
          >
            {/* A drawn box, not a checkbox input: an option may hold no control of its own (aria-selected says it). */}
            <span className={chosen.includes(it.id) ? 'picker-check checked' : 'picker-check'} aria-hidden="true" />
            {it.badge && (
              <kbd className="picker-badge" title={`Recently used: press ${it.badge} in the document to apply`}>
                {it.badge}
              </kbd>
            )}
            {it.color && <span className="swatch" style={{ background: it.color }} />}
            <span className="picker-primary">{it.primary}</span>
            <span className="picker-secondary">{it.secondary}</span>
          </li>
        ))}
        {visible.length === 0 && <li className="picker-empty">Nothing matches “{query}”.</li>}
      </ul>
      <footer className="picker-footer">
        <span className="hint">↑↓ move · Shift+Enter add another · Enter apply · Esc cancel</span>
        <button type="button" className="primary" disabled={chosen.length === 0 && !current} onClick={() => apply(chosen.length === 0 ? current?.id : undefined)}>
          {applyText}
          {chosen.length > 0 ? ` (${chosen.length})` : ''}
        </button>
      </footer>
    </div>
  );
}
