// parameter.search: find parameters by path or value in a device's stored
// tree. Support staff type a fragment of a path ("SSID.1", "PortMapping") or
// a value they saw on the device ("HomeNet", "203.0.113.10"); every
// whitespace-separated term must occur, case-insensitively, in the path or
// in the value. The best hits come first: a parameter or object named exactly
// like a term ("SSID" → Device.WiFi.SSID.1.SSID), then names starting with
// one, then other path matches, then value matches; shallower paths first
// within each, natural order after that.
import type { ParameterRecord } from '../../../shared/model/records';
import type { DeviceStore } from '../store/device-store';

export const SEARCH_DEFAULT_LIMIT = 200;
/** Hits ranked at most: enough for any useful query, bounded for "Device." on a 100k tree. */
const RANK_POOL = 5000;

export type Matcher = (path: string, value: string | null) => boolean;

/** null when the query has no terms (nothing to search for). */
function searchTerms(query: string): string[] {
  return query.toLowerCase().split(/\s+/).filter(Boolean);
}

export function searchMatcher(query: string): Matcher | null {
  const terms = searchTerms(query);
  if (terms.length === 0) return null;
  if (terms.length === 1) {
    const t = terms[0]!;
    return (path, value) => path.toLowerCase().includes(t) || (value !== null && value.toLowerCase().includes(t));
  }
  return (path, value) => {
    const p = path.toLowerCase();
    const v = value?.toLowerCase() ?? '';
    return terms.every((t) => p.includes(t) || v.includes(t));
  };
}

/** The last segment of a path: "SSID" for Device.WiFi.SSID.1.SSID and for Device.WiFi.SSID. */
function nameOf(path: string): string {
  const end = path.endsWith('.') ? path.length - 1 : path.length;
  return path.slice(path.lastIndexOf('.', end - 1) + 1, end);
}

/** 0: named like a term; 1: name starts with a term; 2: every term in the path; 3: matched through the value. */
export function searchRank(path: string, terms: readonly string[]): number {
  const name = nameOf(path).toLowerCase();
  if (terms.some((t) => name === t)) return 0;
  if (terms.some((t) => name.startsWith(t))) return 1;
  const p = path.toLowerCase();
  return terms.every((t) => p.includes(t)) ? 2 : 3;
}

function depth(path: string): number {
  let d = 0;
  for (let i = 0; i < path.length - 1; i++) if (path.charCodeAt(i) === 46) d++;
  return d;
}

export async function searchParameters(
  store: DeviceStore, deviceId: string, query: string, limit = SEARCH_DEFAULT_LIMIT,
): Promise<ParameterRecord[]> {
  const match = searchMatcher(query);
  if (!match) return [];
  const terms = searchTerms(query);
  const hits = await store.searchParameters(deviceId, match, Math.max(limit, RANK_POOL));
  const keyed = hits.map((r, i) => ({ r, i, rank: searchRank(r.path, terms), depth: depth(r.path) }));
  // Stable: natural order (the scan's) decides last.
  keyed.sort((a, b) => a.rank - b.rank || a.depth - b.depth || a.i - b.i);
  return keyed.slice(0, limit).map((k) => k.r);
}
