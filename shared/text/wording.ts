// Numbers and counts as people read them: "1 coding" / "2 codings", thousands grouped, and no
// "-0.00" for a value that rounds to zero. Used by every view, export and CLI line that prints counts.

/** `n thing` / `n things`, with thousands grouped: `1 coding`, `2 codings`, `1,204 codings`. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;
}

/** Fixed decimals without a negative zero: -0.0004 → "0.00", -0.004 → "-0.00" never happens. */
export function fixed(value: number, decimals = 2): string {
  const s = value.toFixed(decimals);
  return /^-0\.?0*$/.test(s) ? s.slice(1) : s;
}
