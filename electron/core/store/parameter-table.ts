// One device's parameter tree in memory, in the compact shape it has on disk.
//
// A large CPE has 100,000+ parameters and the store may hold hundreds of
// devices, so an entry is a short array rather than an object with named
// fields: about half the bytes on disk, far fewer allocations when parsing,
// and JSON.parse/stringify stay the whole codec (no per-entry conversion on
// load or save):
//
//   "Device.WiFi.SSID.1.SSID": ["HomeNet", "string", 1, 1767225600000]
//                               value      type      writable  updated (epoch ms)
//   "Device.WiFi.SSID.1.":     [null, null, 0, 1767225600000]          objects carry no value
//   "...":                     [v, t, w, u, notification, accessList]  once attributes are known
//
// null = not learnt yet (GetParameterNames gives names before values).
// `updated` is kept as epoch ms (13 digits instead of a 26-byte ISO string,
// and a number instead of a string object per entry once loaded) and given
// back as an ISO string.
import type { ParameterType } from '../../../shared/cwmp/types';
import type { ParameterRecord } from '../../../shared/model/records';
import { comparePaths, lowerBound, prefixEnd, subtreeRange } from '../../../shared/model/natural-order';

export type Entry = [
  value: string | null,
  type: ParameterType | null,
  writable: 0 | 1 | null,
  updated: number | null,
  notification?: number | null,
  accessList?: string[] | null,
];

export interface ParametersFileData {
  v: 1;
  params: Record<string, Entry>;
}

export interface ParameterChange {
  /** Object paths end with '.'. */
  path: string;
  value?: string;
  type?: ParameterType;
  writable?: boolean;
  notification?: number;
  accessList?: string[];
}

/** Past this many additions since the last sort, re-sorting beats merging. */
const MERGE_LIMIT = 5000;

export class ParameterTable {
  /** Null prototype: paths are data, never `constructor` or `__proto__` lookups. */
  readonly #params: Record<string, Entry>;
  #count: number;
  /** All paths in natural order, built on first listing and kept up to date cheaply. */
  #sorted: string[] | null = null;
  /** Paths added since #sorted was built, merged in on the next listing. */
  #added: string[] = [];
  /** Changed since the last save. */
  dirty = false;

  private constructor(params: Record<string, Entry>, count: number) {
    this.#params = params;
    this.#count = count;
  }

  static empty(): ParameterTable {
    return new ParameterTable(Object.create(null) as Record<string, Entry>, 0);
  }

  /**
   * Adopts parsed file contents without copying them. Throws when the shape is
   * wrong (the caller treats that like a corrupt file). Entries are not
   * checked one by one here (a lookup per entry is ~50 ms per 100,000);
   * a malformed one reads as "nothing known" and is replaced when learnt again.
   */
  static fromData(data: unknown): ParameterTable {
    const d = data as Partial<ParametersFileData> | null;
    if (!d || typeof d !== 'object' || d.v !== 1 || !d.params || typeof d.params !== 'object' || Array.isArray(d.params)) {
      throw new Error('not a parameters file (expected {"v":1,"params":{...}})');
    }
    const params = d.params;
    Object.setPrototypeOf(params, null); // O(1); see #params
    const keys = Object.keys(params);
    const table = new ParameterTable(params, keys.length);
    // Files are written in natural order (see toData), so the key order is
    // usually the sorted index already: checking costs one comparison per
    // path, sorting 100,000 paths 0.1-0.4 s.
    let sorted = true;
    for (let i = 1; i < keys.length && sorted; i++) sorted = comparePaths(keys[i - 1]!, keys[i]!) < 0;
    if (sorted) table.#sorted = keys;
    return table;
  }

  /**
   * The file contents with entries in natural order, so loading skips the
   * sort (see fromData). The sorted index is needed for listing anyway and is
   * kept up to date incrementally, so only the first save after a bulk
   * change (a discovery) pays for a full sort. Serialize it right away: it
   * shares the entry arrays with the live table.
   */
  toData(): ParametersFileData {
    // After a bulk change nothing is sorted yet: write in the order the CPE
    // sent (usually tree order already) rather than sort 100k paths on the
    // ingest path; listing sorts lazily, and loading checks the order first.
    if (!this.#sorted) return { v: 1, params: this.#params };
    const params = Object.create(null) as Record<string, Entry>;
    for (const p of this.#ensureSorted()) params[p] = this.#params[p]!;
    return { v: 1, params };
  }

  get size(): number {
    return this.#count;
  }

  /**
   * Merges facts learnt from the CPE. Entries that change get `updated`; the
   * parent objects a path implies are created (CPEs omit them from
   * GetParameterNames, and the tree needs them). Returns how many entries
   * changed value (new parameters with a value included).
   */
  apply(changes: readonly ParameterChange[], updated: string): number {
    const parsed = Date.parse(updated);
    const stamp = Number.isNaN(parsed) ? null : parsed;
    let valuesChanged = 0;
    for (const c of changes) {
      const path = c.path;
      if (typeof path !== 'string' || path.length === 0) continue;
      this.#ensureParents(path, stamp);
      const isObject = path.endsWith('.');
      let e = this.#params[path];
      let changed = false;
      if (!Array.isArray(e)) {
        if (e !== undefined) this.#remove([path]); // malformed in the file: start over
        e = [null, null, null, stamp];
        this.#insert(path, e);
        changed = true;
      }
      if (!isObject && c.value !== undefined && e[0] !== c.value) {
        e[0] = String(c.value);
        valuesChanged++;
        changed = true;
      }
      if (!isObject && c.type !== undefined && e[1] !== c.type) {
        e[1] = c.type;
        changed = true;
      }
      if (c.writable !== undefined) {
        const w = c.writable ? 1 : 0;
        if (e[2] !== w) {
          e[2] = w;
          changed = true;
        }
      }
      if (c.notification !== undefined && e[4] !== c.notification) {
        e[4] = c.notification;
        if (e[5] === undefined) e[5] = null;
        changed = true;
      }
      if (c.accessList !== undefined && !sameList(e[5] ?? undefined, c.accessList)) {
        if (e[4] === undefined) e[4] = null;
        e[5] = [...c.accessList];
        changed = true;
      }
      if (changed) {
        e[3] = stamp;
        this.dirty = true;
      }
    }
    return valuesChanged;
  }

  /** Removes `path` and everything below it; returns the number of entries removed. */
  removeSubtree(path: string): number {
    if (!path.endsWith('.')) {
      if (!(path in this.#params)) return 0;
      this.#remove([path]);
      return 1;
    }
    let doomed: string[];
    if (this.#sorted && this.#added.length === 0) {
      const [start, end] = subtreeRange(this.#sorted, path);
      doomed = this.#sorted.slice(start, end);
    } else {
      doomed = [];
      for (const p in this.#params) if (p.startsWith(path)) doomed.push(p);
    }
    this.#remove(doomed);
    return doomed.length;
  }

  get(path: string): ParameterRecord | undefined {
    const e = this.#params[path];
    return e !== undefined ? toRecord(path, e) : undefined;
  }

  /**
   * Entries strictly below `path` (all entries when omitted), natural order.
   * depth 1 = direct children. A path without the trailing dot that names an
   * object is read as the object (CPEs and people both drop the dot); one that
   * names a parameter gives that parameter alone.
   */
  list(path?: string, depth?: number): ParameterRecord[] {
    let prefix = path ?? '';
    if (prefix !== '' && !prefix.endsWith('.')) {
      const e = this.#params[prefix];
      if (e !== undefined) return [toRecord(prefix, e)];
      prefix += '.';
    }
    const sorted = this.#ensureSorted();
    let [i, end] = prefix === '' ? [0, sorted.length] : subtreeRange(sorted, prefix);
    if (i < end && sorted[i] === prefix) i++;
    const limit = depth !== undefined && depth > 0 ? depth : Infinity;
    const out: ParameterRecord[] = [];
    for (; i < end; i++) {
      const p = sorted[i]!;
      const isObject = p.endsWith('.');
      let d = isObject ? 0 : 1;
      for (let k = prefix.length; k < p.length; k++) if (p.charCodeAt(k) === 46) d++;
      if (d > limit) continue;
      out.push(toRecord(p, this.#params[p]!));
      // Nothing below an object at the depth limit can be listed: jump past its subtree.
      if (isObject && d === limit) i = prefixEnd(sorted, p, i + 1) - 1;
    }
    return out;
  }

  /**
   * Entries for which `match(path, value)` holds, natural order, at most
   * `limit`. A scan of the raw entries: records are built for hits only, so a
   * search over 100,000 parameters allocates next to nothing.
   */
  search(match: (path: string, value: string | null) => boolean, limit: number): ParameterRecord[] {
    const out: ParameterRecord[] = [];
    if (limit <= 0) return out;
    for (const p of this.#ensureSorted()) {
      const e = this.#params[p]!;
      const value = Array.isArray(e) && typeof e[0] === 'string' ? e[0] : null;
      if (!match(p, value)) continue;
      out.push(toRecord(p, e));
      if (out.length >= limit) break;
    }
    return out;
  }

  #ensureParents(path: string, stamp: number | null): void {
    // Deepest first, stopping at the first parent that exists: every entry's
    // ancestors exist (this method is the only way entries appear), so one
    // lookup per change is the common case.
    let i = path.lastIndexOf('.', path.length - 2);
    const missing: string[] = [];
    while (i > 0) {
      const parent = path.slice(0, i + 1);
      if (parent in this.#params) break;
      missing.push(parent);
      i = path.lastIndexOf('.', i - 1);
    }
    for (let k = missing.length - 1; k >= 0; k--) {
      this.#insert(missing[k]!, [null, null, null, stamp]);
      this.dirty = true;
    }
  }

  #insert(path: string, e: Entry): void {
    this.#params[path] = e;
    this.#count++;
    if (this.#sorted) {
      this.#added.push(path);
      // A bulk load (discovery) would make merging slower than sorting afresh.
      if (this.#added.length > MERGE_LIMIT) {
        this.#sorted = null;
        this.#added = [];
      }
    }
  }

  #remove(paths: readonly string[]): void {
    if (paths.length === 0) return;
    for (const p of paths) delete this.#params[p];
    this.#count -= paths.length;
    this.dirty = true;
    if (this.#sorted && this.#added.length === 0 && paths.length > 0) {
      // removeSubtree passes a contiguous run of #sorted: cut it out.
      const start = lowerBound(this.#sorted, paths[0]!);
      if (this.#sorted[start] === paths[0] && this.#sorted[start + paths.length - 1] === paths[paths.length - 1]) {
        this.#sorted.splice(start, paths.length);
        return;
      }
    }
    this.#sorted = null;
    this.#added = [];
  }

  #ensureSorted(): string[] {
    if (!this.#sorted) {
      this.#sorted = Object.keys(this.#params).sort(comparePaths);
      this.#added = [];
    } else if (this.#added.length > 0) {
      this.#sorted = mergeSorted(this.#sorted, this.#added.sort(comparePaths));
      this.#added = [];
    }
    return this.#sorted;
  }
}

function mergeSorted(a: readonly string[], b: readonly string[]): string[] {
  const out = new Array<string>(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) out[k++] = comparePaths(a[i]!, b[j]!) <= 0 ? a[i++]! : b[j++]!;
  while (i < a.length) out[k++] = a[i++]!;
  while (j < b.length) out[k++] = b[j++]!;
  return out;
}

function sameList(a: readonly string[] | undefined, b: readonly string[]): boolean {
  if (!a || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function toRecord(path: string, e: Entry): ParameterRecord {
  const r: ParameterRecord = { path, object: path.endsWith('.') };
  if (!Array.isArray(e)) return r; // malformed in the file (see fromData)
  if (e[0] !== null && e[0] !== undefined) r.value = e[0];
  if (e[1] !== null && e[1] !== undefined) r.type = e[1];
  if (e[2] !== null && e[2] !== undefined) r.writable = e[2] === 1;
  if (typeof e[3] === 'number') r.updated = new Date(e[3]).toISOString();
  if (typeof e[4] === 'number') r.notification = e[4];
  if (Array.isArray(e[5])) r.accessList = [...e[5]];
  return r;
}
