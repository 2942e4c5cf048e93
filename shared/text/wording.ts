// Numbers and counts as people read them: "1 coding" / "2 codings", thousands grouped, and no
// "-0.00" for a value that rounds to zero. Used by every view, export and CLI line that prints counts.

/** `n thing` / `n things`, with thousands grouped: `1 coding`, `2 codings`, `1,204 codings`. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${grouped(n)} ${n === 1 ? one : many}`;
}

/**
 * A whole number with its thousands grouped as en-GB writes them (`1,204`). Not through
 * toLocaleString: its first call loads the locale data, about 17 ms of a command line's start-up.
 */
export function grouped(n: number): string {
  return Number.isSafeInteger(n) ? String(n).replace(/\B(?=(\d{3})+$)/g, ',') : n.toLocaleString('en-GB');
}

/** Fixed decimals without a negative zero: -0.0004 → "0.00", -0.004 → "-0.00" never happens. */
export function fixed(value: number, decimals = 2): string {
  const s = value.toFixed(decimals);
  return /^-0\.?0*$/.test(s) ? s.slice(1) : s;
}
