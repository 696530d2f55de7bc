// HTTP Range requests (RFC 9110 §14) for the file server: CPEs resume an
// interrupted firmware download with `Range: bytes=N-`. One range per
// request; a multi-range request is answered with the whole file (a server
// may ignore Range, §14.2), which every client handles.

export type RangeResult =
  | { kind: 'full' }
  | { kind: 'partial'; start: number; end: number }
  | { kind: 'unsatisfiable' };

const NUM = /^\d{1,15}$/;

/**
 * `end` is inclusive, as in Content-Range. A byte range that is malformed or
 * lies beyond the file is 'unsatisfiable' (answered 416 with the size, so the
 * client can correct itself); a unit other than bytes is ignored.
 */
export function parseRange(header: string | undefined, size: number): RangeResult {
  if (header === undefined) return { kind: 'full' };
  const eq = header.indexOf('=');
  if (eq < 0) return { kind: 'unsatisfiable' };
  if (header.slice(0, eq).trim().toLowerCase() !== 'bytes') return { kind: 'full' };
  const spec = header.slice(eq + 1).trim();
  if (spec.includes(',')) return { kind: 'full' };
  const dash = spec.indexOf('-');
  if (dash < 0) return { kind: 'unsatisfiable' };
  const first = spec.slice(0, dash).trim();
  const last = spec.slice(dash + 1).trim();
  if (first === '') {
    // Suffix range: the last N bytes.
    if (!NUM.test(last)) return { kind: 'unsatisfiable' };
    const n = Number(last);
    if (n === 0 || size === 0) return { kind: 'unsatisfiable' };
    return { kind: 'partial', start: Math.max(0, size - n), end: size - 1 };
  }
  if (!NUM.test(first) || (last !== '' && !NUM.test(last))) return { kind: 'unsatisfiable' };
  const start = Number(first);
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  if (start >= size || (last !== '' && Number(last) < start)) return { kind: 'unsatisfiable' };
  return { kind: 'partial', start, end };
}

/** Merges [start, end) into a sorted list of disjoint intervals; returns the new list. */
export function addInterval(list: [number, number][], start: number, end: number): [number, number][] {
  if (end <= start) return list;
  const out: [number, number][] = [];
  let s = start;
  let e = end;
  for (const [a, b] of list) {
    if (b < s || a > e) out.push([a, b]);
    else {
      s = Math.min(s, a);
      e = Math.max(e, b);
    }
  }
  out.push([s, e]);
  return out.sort((x, y) => x[0] - y[0]);
}

/** The intervals cover [0, size). */
export function covers(list: [number, number][], size: number): boolean {
  return size === 0 || (list.length === 1 && list[0]![0] === 0 && list[0]![1] >= size);
}
