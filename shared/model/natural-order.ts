// Natural order for parameter paths: segment by segment, with runs of digits
// compared as numbers, so `Device.IP.Interface.2.` sorts before
// `Device.IP.Interface.10.` (people read instance numbers as numbers; the
// CPE's GetParameterNames order is arbitrary).
//
// The comparison walks characters instead of splitting paths into segments:
// sorting 100,000 paths makes ~1.7 million comparisons, and splitting in each
// of them would allocate millions of arrays. `.` ranks below every other
// character, which makes the order segment-wise (`A.` < `A-B` < `AB`) and
// keeps every subtree (all paths starting with `X.`) contiguous, right after
// `X.` itself. The range helpers below rely on that.

const DOT = 46; // '.'

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

export function comparePaths(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  if (i === n) return a.length - b.length; // a prefix sorts first (parents before children)
  // Back up to the start of a digit run shared by both sides, if any.
  let j = i;
  while (j > 0 && isDigit(a.charCodeAt(j - 1))) j--;
  if (isDigit(a.charCodeAt(j)) && isDigit(b.charCodeAt(j))) {
    let ea = j;
    while (ea < a.length && isDigit(a.charCodeAt(ea))) ea++;
    let eb = j;
    while (eb < b.length && isDigit(b.charCodeAt(eb))) eb++;
    // Longer run = bigger number (leading zeros do not occur in instance numbers;
    // if they do, the order is still total and stable).
    if (ea - j !== eb - j) return ea - j - (eb - j);
    // Same length: the first differing digit decides; if the runs are equal the
    // difference lies after them and is handled below.
    if (i < ea) return a.charCodeAt(i) - b.charCodeAt(i);
  }
  const ca = a.charCodeAt(i);
  const cb = b.charCodeAt(i);
  if (ca === DOT) return -1;
  if (cb === DOT) return 1;
  return ca - cb;
}

/** First index in `sorted` whose element is >= `key`. */
export function lowerBound(sorted: readonly string[], key: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (comparePaths(sorted[mid]!, key) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * End (exclusive) of the run of paths starting with `prefix` that begins at
 * `from`. Valid because subtrees are contiguous (see above): binary search on
 * "still starts with the prefix".
 */
export function prefixEnd(sorted: readonly string[], prefix: string, from: number): number {
  let lo = from;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]!.startsWith(prefix)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** [start, end) of `prefix` and everything below it in `sorted`. */
export function subtreeRange(sorted: readonly string[], prefix: string): [number, number] {
  const start = lowerBound(sorted, prefix);
  return [start, prefixEnd(sorted, prefix, start)];
}
