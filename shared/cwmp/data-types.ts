// TR-106 data types on the wire (TR-106 Amd 8 §3.2; TR-069 Amd 6 Table 3).
import type { ParameterType } from './types';

export const PARAMETER_TYPES: readonly ParameterType[] = [
  'string', 'boolean', 'unsignedInt', 'int', 'unsignedLong', 'long', 'dateTime', 'base64', 'hexBinary', 'decimal',
];

/** xsi:type for a TR-106 type: base64 travels as xsd:base64Binary. */
export function xsdType(type: ParameterType): string {
  return type === 'base64' ? 'xsd:base64Binary' : `xsd:${type}`;
}

/** The TR-106 type named by an xsi:type value, whatever its prefix; undefined when unknown. */
export function fromXsdType(xsiType: string | undefined): ParameterType | undefined {
  if (!xsiType) return undefined;
  const local = xsiType.slice(xsiType.indexOf(':') + 1);
  if (local === 'base64Binary' || local === 'base64') return 'base64';
  return (PARAMETER_TYPES as readonly string[]).includes(local) ? (local as ParameterType) : undefined;
}

/** xs:boolean allows true/false/1/0; CPEs also send True/FALSE. */
export function parseBoolean(v: string): boolean | undefined {
  const s = v.trim().toLowerCase();
  if (s === 'true' || s === '1') return true;
  if (s === 'false' || s === '0') return false;
  return undefined;
}

/** dateTime without fraction, UTC (what the schema's xs:dateTime and most CPEs accept). */
export function formatDateTime(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The "unknown time" of TR-069 (e.g. DownloadResponse StartTime when Status is 1). */
export const UNKNOWN_TIME = '0001-01-01T00:00:00Z';

const DATE_TIME_RE = /^-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/;
const RANGES: Partial<Record<ParameterType, [bigint, bigint]>> = {
  unsignedInt: [0n, 4294967295n],
  int: [-2147483648n, 2147483647n],
  unsignedLong: [0n, 18446744073709551615n],
  long: [-9223372036854775808n, 9223372036854775807n],
};

/** Why `value` is not a valid `type` on the wire, or null when it is. */
export function typeError(type: ParameterType, value: string): string | null {
  switch (type) {
    case 'string':
      return null;
    case 'boolean':
      return parseBoolean(value) === undefined ? `"${value}" is not a boolean (true, false, 1 or 0)` : null;
    case 'unsignedInt': case 'int': case 'unsignedLong': case 'long': {
      if (!/^[+-]?\d+$/.test(value.trim())) return `"${value}" is not an integer`;
      const n = BigInt(value.trim());
      const [lo, hi] = RANGES[type]!;
      return n < lo || n > hi ? `${value} is outside the ${type} range ${lo}..${hi}` : null;
    }
    case 'dateTime':
      return DATE_TIME_RE.test(value.trim()) ? null : `"${value}" is not a dateTime (e.g. 2026-01-31T12:00:00Z)`;
    case 'base64':
      return /^[A-Za-z0-9+/\s]*={0,2}\s*$/.test(value) ? null : 'not valid base64';
    case 'hexBinary':
      return /^([0-9A-Fa-f]{2})*$/.test(value.trim()) ? null : 'not valid hexBinary (pairs of hex digits)';
    case 'decimal':
      return /^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(value.trim()) ? null : `"${value}" is not a decimal number`;
  }
}

/**
 * Format a boolean the way this CPE writes them: some CPEs reject "true" and
 * only take 1/0 (seen in GenieACS reports), so we echo the style the CPE used.
 */
export function formatBooleanLike(v: boolean, sample: string | undefined): string {
  if (sample === '0' || sample === '1') return v ? '1' : '0';
  return v ? 'true' : 'false';
}
