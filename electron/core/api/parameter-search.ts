// parameter.search: find parameters by path or value in a device's stored
// tree. Support staff type a fragment of a path ("SSID.1", "PortMapping") or
// a value they saw on the device ("HomeNet", "203.0.113.10"); every
// whitespace-separated term must occur, case-insensitively, in the path or
// in the value.
import type { ParameterRecord } from '../../../shared/model/records';
import type { DeviceStore } from '../store/device-store';

export const SEARCH_DEFAULT_LIMIT = 200;

export type Matcher = (path: string, value: string | null) => boolean;

/** null when the query has no terms (nothing to search for). */
export function searchMatcher(query: string): Matcher | null {
  const terms = query.toLowerCase().split(/\s+/).filter(Boolean);
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

export async function searchParameters(
  store: DeviceStore, deviceId: string, query: string, limit = SEARCH_DEFAULT_LIMIT,
): Promise<ParameterRecord[]> {
  const match = searchMatcher(query);
  return match ? store.searchParameters(deviceId, match, limit) : [];
}
