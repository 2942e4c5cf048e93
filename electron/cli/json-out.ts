// Writing `--json` output without building it as one string first. A report of a large project has
// hundreds of thousands of rows (a co-occurrence cell per pair of 500 codes, a row per code and
// document): as one pretty-printed string that is hundreds of megabytes, more than a JavaScript string
// may hold, and the time goes to building and copying it. Here the document is written in pieces of
// about a megabyte as it is walked; arrays marked as rows (`rows(...)`) print one compact element per
// line, each made when it is written. Everything else is laid out as JSON.stringify(value, null, 2).

/** An array written one compact JSON value per line, each element made (`json`) when it is written. */
export class JsonRows<T> {
  constructor(
    readonly items: ArrayLike<T>,
    /** The element (the index-th) as JSON text (compact: no newline). */
    readonly json: (item: T, index: number) => string,
  ) {}
}

/** Mark `items` to be written as rows; `json` gives each one's JSON text (default JSON.stringify). */
export function rows<T>(items: ArrayLike<T>, json: (item: T, index: number) => string = (x) => JSON.stringify(x) ?? 'null'): JsonRows<T> {
  return new JsonRows(items, json);
}

/** A number as JSON writes it (null for NaN and the infinities), null as null. */
export function jsonNumber(v: number | null | undefined): string {
  return typeof v === 'number' && Number.isFinite(v) ? String(v) : 'null';
}

const CHUNK = 1 << 20;

/**
 * Write `value` as JSON (two-space indentation, as JSON.stringify(value, null, 2), rows one per
 * line) followed by a newline, through `out` in pieces of about a megabyte.
 */
export function writeJson(value: unknown, out: (s: string) => void): void {
  for (const piece of jsonPieces(value)) out(piece);
}

/**
 * As writeJson, waiting for `drained` whenever `out` says its buffer is full (a stream's write
 * returning false): a slow reader (a pipe into jq) then holds the writing back instead of every
 * piece being queued in memory.
 */
export async function writeJsonPaced(value: unknown, out: (s: string) => unknown, drained: () => Promise<void>): Promise<void> {
  for (const piece of jsonPieces(value)) if (out(piece) === false) await drained();
}

/** The JSON text of `value` in pieces of about CHUNK characters (see writeJson). */
export function* jsonPieces(value: unknown): Generator<string> {
  let buf = '';
  const put = (s: string): void => {
    buf += s;
  };
  function* walk(v: unknown, pad: string): Generator<string> {
    if (buf.length >= CHUNK) {
      yield buf;
      buf = '';
    }
    if (v instanceof JsonRows) {
      const n = v.items.length;
      if (n === 0) return put('[]');
      const inner = `${pad}  `;
      put('[\n');
      for (let i = 0; i < n; i++) {
        put(`${inner}${v.json(v.items[i], i)}${i + 1 < n ? ',\n' : '\n'}`);
        if (buf.length >= CHUNK) {
          yield buf;
          buf = '';
        }
      }
      return put(`${pad}]`);
    }
    if (Array.isArray(v)) {
      if (!v.some((x) => x instanceof JsonRows || (x !== null && typeof x === 'object'))) {
        // Primitives only: the native layout, indented to this depth.
        return put(pad ? (JSON.stringify(v, null, 2) ?? 'null').replaceAll('\n', `\n${pad}`) : (JSON.stringify(v, null, 2) ?? 'null'));
      }
      if (v.length === 0) return put('[]');
      const inner = `${pad}  `;
      put('[\n');
      for (let i = 0; i < v.length; i++) {
        const x: unknown = v[i];
        put(inner);
        if (x === undefined || typeof x === 'function' || typeof x === 'symbol') put('null');
        else yield* walk(x, inner);
        put(i + 1 < v.length ? ',\n' : '\n');
      }
      return put(`${pad}]`);
    }
    if (v !== null && typeof v === 'object' && !('toJSON' in v && typeof (v as { toJSON: unknown }).toJSON === 'function')) {
      const entries = Object.entries(v).filter(([, x]) => x !== undefined && typeof x !== 'function' && typeof x !== 'symbol');
      if (entries.length === 0) return put('{}');
      const inner = `${pad}  `;
      put('{\n');
      for (let i = 0; i < entries.length; i++) {
        put(`${inner}${JSON.stringify(entries[i][0])}: `);
        yield* walk(entries[i][1], inner);
        put(i + 1 < entries.length ? ',\n' : '\n');
      }
      return put(`${pad}}`);
    }
    put(JSON.stringify(v) ?? 'null');
  }
  yield* walk(value, '');
  put('\n');
  if (buf) yield buf;
}
