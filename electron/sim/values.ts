// Value synthesis from a parameter's syntax alone: type, enumeration, range,
// size, pattern and named data type (TR-106 Section 3.2 / Annex A.2.3).
// Presets and references (presets.ts, generate.ts) take precedence; what is
// produced here is plausible filler that is always valid for the syntax.
import type { ParamDef } from '../lib/datamodel/bbf-model';
import { checkValue } from '../../shared/model/value-check';
import type { Prng } from './prng';

/** 2025-05-01T12:00:00Z: generated timestamps lie in the 30 days before it. */
export const BASE_TIME = Date.UTC(2025, 4, 1, 12, 0, 0) / 1000;

export function isoTime(epochSeconds: number): string {
  return new Date(epochSeconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export interface SynthContext {
  def: ParamDef;
  path: string;       // concrete path (for stable per-path values such as UUIDs)
  idx: number;        // innermost instance number, 1 outside tables
  objName: string;    // name of the innermost object segment, e.g. 'SSID', 'Stats'
  rnd: Prng;
  nextMac: () => string;
}

const STAT_NAME = /(Bytes|Packets|Errors|Discarded|Retrans|Retries|Drops|Count)(Sent|Received)?$/;
const INT_MIN: Record<string, number> = { int: -2147483648, long: -9007199254740991 };
const INT_MAX: Record<string, number> = { unsignedInt: 4294967295, int: 2147483647 };

// Strings tried, in order, for a pattern-constrained parameter without a
// preset: between them they satisfy every pattern of TR-181 2.19 and TR-098
// Amendment 8 (empty is allowed by most; the rest are typical forms).
const PATTERN_SAMPLES = [
  '', '00D09E', '0', '1', '1.0', '2.19', '1/1', '0:0', '00:00', '0000', '12345678', '250501', '2505010A',
  '02:00:00:00:00:01', '02:00:00:ff:fe:00:00:01', '192.168.1.1', '192.168.1.0/24', '/24', '1B', 'USO',
  '000000000000001', '0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0', '0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0',
  '0b1d8c2e-0001-4a5b-8c6d-000000000001', 'X 00D09E ExampleNet',
];

function fnv(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619) >>> 0;
  return h;
}

const fallbackCache = new WeakMap<ParamDef, string>();

/**
 * A valid value with no realism: the model default when it fits, else the
 * empty string, the first enumeration value, the low end of the range, the
 * unknown time (TR-106 3.2.1), a pattern sample. Used for new instances
 * (AddObject) and as the safety net of every synthesized value.
 */
export function minimalValue(def: ParamDef): string {
  const hit = fallbackCache.get(def);
  if (hit !== undefined) return hit;
  const cands: string[] = [];
  if (def.defaultValue !== undefined) cands.push(def.defaultValue);
  cands.push('');
  const t = def.list ? (def.itemType ?? 'string') : def.type;
  // A list item that contains commas is bracketed (TR-106 nestedBrackets).
  const items = (v: string): string =>
    (def.list ? Array(Math.max(1, def.minItems ?? 1)).fill(v.includes(',') ? `[${v}]` : v).join(',') : v);
  if (def.enumeration?.length) cands.push(items(def.enumeration[0]));
  const r0 = def.ranges?.find((r) => r.min !== undefined || r.max !== undefined);
  switch (t) {
    case 'boolean': cands.push(items('false')); break;
    case 'dateTime': cands.push(items('0001-01-01T00:00:00Z')); break;
    case 'hexBinary': cands.push(items('00'.repeat(Math.max(1, def.list ? def.itemMinLength ?? 1 : def.minLength ?? 1)))); break;
    case 'base64': cands.push(items(Buffer.alloc(Math.max(1, def.minLength ?? 1)).toString('base64'))); break;
    case 'string': break;
    default:
      if (r0) cands.push(items(String(r0.min ?? r0.max)));
      cands.push(items('0'), items('1'));
  }
  for (const p of def.pattern ?? []) cands.push(items(p));   // literal patterns ('Null', 'YYYYMMDD.HHMMSS') match themselves
  for (const s of PATTERN_SAMPLES) cands.push(items(s));
  const min = def.list ? def.itemMinLength : def.minLength;
  if (min) cands.push(items('x'.repeat(min)));
  const v = cands.find((c) => checkValue(def, c) === null) ?? '';
  fallbackCache.set(def, v);
  return v;
}

function clampToRange(def: ParamDef, v: number, type: string): number {
  const r = def.ranges?.[0];
  let lo = r?.min ?? (type.startsWith('unsigned') ? 0 : INT_MIN[type] ?? -Number.MAX_SAFE_INTEGER);
  const hi = r?.max ?? INT_MAX[type] ?? Number.MAX_SAFE_INTEGER;
  if (r?.min === undefined && lo < 0 && v >= 0) lo = 0;
  let x = Math.min(Math.max(v, lo), hi);
  if (r?.step && r.min !== undefined) x = r.min + Math.floor((x - r.min) / r.step) * r.step;
  return x;
}

/** One scalar value of base type `type` (also used for list items). */
function scalar(c: SynthContext, type: string): string {
  const { def, rnd } = c;
  const name = def.name;
  switch (type) {
    case 'boolean':
      return name === 'Enable' || name === 'Enabled' || name.endsWith('Enable') ? 'true' : rnd.next() < 0.3 ? 'true' : 'false';
    case 'dateTime':
      return isoTime(BASE_TIME - rnd.int(0, 86400 * 30));
    case 'unsignedInt': case 'int': case 'unsignedLong': case 'long': {
      let v: number;
      if (def.dataType?.startsWith('StatsCounter') || STAT_NAME.test(name)) {
        v = rnd.int(0, type === 'unsignedInt' || type === 'int' ? 2_000_000_000 : 1e12);
      } else if (def.units === 'seconds' || name === 'UpTime' || name === 'LastChange') {
        v = rnd.int(60, 864000);
      } else if (def.units === 'dBm' || def.dataType === 'Dbm1000') {
        v = def.dataType === 'Dbm1000' ? -rnd.int(30000, 80000) : -rnd.int(30, 80);
      } else {
        v = rnd.int(0, 99);
      }
      return String(clampToRange(def, v, type));
    }
    case 'decimal':
      return String(clampToRange(def, Math.round(rnd.next() * 10000) / 100, 'decimal'));
    case 'hexBinary': case 'base64': {
      const max = def.list ? def.itemMaxLength : def.maxLength;
      const min = (def.list ? def.itemMinLength : def.minLength) ?? 0;
      const n = Math.max(min, Math.min(max ?? 4, 8));
      const bytes = Buffer.from(Array.from({ length: n }, () => rnd.int(0, 255)));
      return type === 'hexBinary' ? bytes.toString('hex') : bytes.toString('base64');
    }
    default:
      return text(c);
  }
}

function text(c: SynthContext): string {
  const { def, idx } = c;
  switch (def.dataType) {
    case 'MACAddress': return c.nextMac();
    case 'IPv4Address': case 'IPAddress': return `192.168.1.${1 + (idx % 253)}`;
    case 'IPv6Address': return `2001:db8::${idx.toString(16)}`;
    case 'IPv4Prefix': return '192.168.1.0/24';
    case 'IPv6Prefix': case 'IPPrefix': return `2001:db8:${idx.toString(16)}::/64`;
    case 'URL': case 'URI': return `https://example.net/${def.name.toLowerCase()}/${idx}`;
    case 'UUID': {
      const h = fnv(c.path).toString(16).padStart(8, '0');
      return `${h}-${(idx & 0xffff).toString(16).padStart(4, '0')}-4a5b-8c6d-${fnv(c.path + '#').toString(16).padStart(12, '0')}`;
    }
    case 'IEEE_EUI64': return `02:00:00:ff:fe:00:00:${(idx % 256).toString(16).padStart(2, '0')}`;
  }
  // TR-098 and older TR-181 parameters often lack the named data type.
  const max0 = def.list ? def.itemMaxLength : def.maxLength;
  if (!def.dataType && /(MACAddress|BSSID|PhysAddress|Chaddr)$/.test(def.name) && (max0 === undefined || max0 >= 17)) return c.nextMac();
  if (!def.dataType && /IPAddress$/.test(def.name) && (max0 === undefined || max0 >= 15)) return `192.168.1.${1 + (idx % 253)}`;
  if (def.pattern?.length) return minimalValue(def);
  const max = def.list ? def.itemMaxLength : def.maxLength;
  if (max !== undefined && max < 4) return minimalValue(def);
  if (def.name === 'Name') return `${c.objName.toLowerCase()}${idx - 1}`;
  let v = `${def.name}-${idx}`;
  if (max !== undefined) v = v.slice(0, max);
  const min = def.list ? def.itemMinLength : def.minLength;
  if (min !== undefined && v.length < min) v = v.padEnd(min, '0');
  return v;
}

/**
 * A plausible value from the syntax: the default when it fits (except for
 * Enable/Status, which read as a running device), enumerations (per-instance
 * rotation for enumerationRef'd ones, e.g. Radio 1 2.4GHz / Radio 2 5GHz),
 * then type-driven filler. Always valid for the syntax (falls back to
 * minimalValue()).
 */
export function synthesize(c: SynthContext): string {
  const { def } = c;
  let v: string | undefined;
  const name = def.name;
  const enums = def.enumeration;
  if (def.command) v = minimalValue(def);
  else if (name === 'Status' && enums) {
    v = ['Up', 'Enabled', 'Connected', 'Active', 'Available', 'Complete'].find((s) => enums.includes(s));
  } else if (def.type === 'boolean' && (name === 'Enable' || name === 'Enabled')) v = 'true';
  if (v === undefined && def.defaultValue && !def.list) v = def.defaultValue;
  if (v === undefined && enums?.length) {
    if (def.list) v = enums.filter((e) => e !== '').slice(0, Math.min(2, def.maxItems ?? 2)).join(',');
    else if (def.enumerationRef) v = enums[(c.idx - 1) % enums.length];
    else v = enums[0];
  }
  if (v === undefined) {
    if (def.list) {
      const t = def.itemType ?? 'string';
      v = scalar(c, t);
      if (t === 'string' && !def.reference && !def.pattern && !['IPv4Address', 'IPAddress', 'IPv6Address', 'MACAddress'].includes(def.dataType ?? '') && v) {
        const max = def.itemMaxLength;
        const b = (max !== undefined ? v.slice(0, Math.max(0, max - 1)) : v) + 'b';
        if (v !== b) v = `${v},${b}`;
      }
    } else v = scalar(c, def.type);
  }
  return checkValue(def, v) === null ? v : minimalValue(def);
}
