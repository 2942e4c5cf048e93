// Whether a theme's quotes lean on a few participants. Authors are warned, not stopped: a theme
// illustrated mostly by one voice may overstate how widely it was held.

/** The rule, stated once so the UI, the CLI and the methods appendix print the same words. */
export const QUOTE_BALANCE_RULE =
  'warned when one participant supplies more than 40% of a theme’s quotes, or the two most-quoted participants more than 60%, among at least 4 identified quotes; or when 2 or more quotes all come from one participant';

/** Share limits of the rule above. */
export const TOP_ONE_LIMIT = 0.4;
export const TOP_TWO_LIMIT = 0.6;
/** Below this many identified quotes the share limits are not applied (3 quotes from 3 people would already exceed 60%). */
export const MIN_QUOTES_FOR_SHARES = 4;

export interface QuoteBalance {
  /** Quotes carrying a participant ID. */
  identified: number;
  /** Quotes without a participant ID (not attributed to anyone). */
  unidentified: number;
  /** Participants quoted, most-quoted first (ties by ID). */
  byParticipant: { participant: string; quotes: number }[];
  /** A one-line warning, or null when the quotes are spread well enough. */
  warning: string | null;
}

const pct = (x: number): string => `${Math.round(x * 100)}%`;

/**
 * Counts quotes per participant and applies the rule in QUOTE_BALANCE_RULE. `participants` holds one
 * entry per quote: its participant ID, or an empty string when the quote has none.
 */
export function quoteBalance(participants: readonly string[]): QuoteBalance {
  const counts = new Map<string, number>();
  let unidentified = 0;
  for (const raw of participants) {
    const p = raw.trim();
    if (p === '') unidentified++;
    else counts.set(p, (counts.get(p) ?? 0) + 1);
  }
  const byParticipant = [...counts]
    .map(([participant, quotes]) => ({ participant, quotes }))
    .sort((a, b) => b.quotes - a.quotes || a.participant.localeCompare(b.participant, undefined, { numeric: true }));
  const identified = participants.length - unidentified;
  let warning: string | null = null;
  const [first, second] = byParticipant;
  if (identified >= 2 && byParticipant.length === 1) {
    warning = `All ${identified} quotes come from ${first.participant}`;
  } else if (identified >= MIN_QUOTES_FOR_SHARES) {
    const top1 = first.quotes / identified;
    const top2 = (first.quotes + (second?.quotes ?? 0)) / identified;
    if (top1 > TOP_ONE_LIMIT) {
      warning = `${first.participant} supplies ${first.quotes} of ${identified} quotes (${pct(top1)}, over ${pct(TOP_ONE_LIMIT)})`;
    } else if (top2 > TOP_TWO_LIMIT) {
      warning = `${first.participant} and ${second.participant} supply ${first.quotes + second.quotes} of ${identified} quotes (${pct(top2)}, over ${pct(TOP_TWO_LIMIT)})`;
    }
  }
  return { identified, unidentified, byParticipant, warning };
}
