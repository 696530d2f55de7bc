// Does a value fit a parameter's syntax? TR-106 Section 3.2 (data types) and
// Annex A.2.3 (facets). The one data-model value check: the virtual CPE
// answers SetParameterValues with 9007 from it, the core refuses an ACS
// request with it before anything is sent (request-check.ts), the log's
// data-model check warns with it, and the renderer's editors check typed
// values with it (features/device/validate-value.ts). Pure: no Node or DOM.
import type { ParameterType } from '../cwmp/types';

/**
 * What a value is checked against: the TR-106 facets of a parameter as the
 * BBF model declares them (electron/lib/datamodel ParamDef and the API's
 * ModelDescription both carry them).
 */
export interface ValueFacets {
  /** TR-106 base type; 'string' for lists (a list is a string on the wire). */
  type: ParameterType;
  /** Comma-separated list value (TR-106 3.2.3). */
  list?: boolean;
  itemType?: ParameterType;
  /** For lists: the allowed item values. */
  enumeration?: string[];
  /** XML Schema regexes; any one must match the whole value (or item). */
  pattern?: string[];
  ranges?: { min?: number; max?: number; step?: number }[];
  /** Size of the value; for lists, of the whole comma-separated string. */
  maxLength?: number; minLength?: number;
  itemMaxLength?: number; itemMinLength?: number;
  minItems?: number; maxItems?: number;
}

type ParamDef = ValueFacets;

const INT_LIMITS: Record<string, [bigint, bigint]> = {
  unsignedInt: [0n, 4294967295n],
  int: [-2147483648n, 2147483647n],
  unsignedLong: [0n, 18446744073709551615n],
  long: [-9223372036854775808n, 9223372036854775807n],
};

// xsd:dateTime lexical form; TR-106 3.2.1 allows it with or without fraction
// and time zone (absent zone = local time, "0001-01-01T00:00:00Z" = unknown).
const DATETIME = /^(-?\d{4,})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(\.\d+)?(Z|[+-](\d\d):(\d\d))?$/;

const patternCache = new WeakMap<ParamDef, RegExp[]>();

function patterns(def: ParamDef): RegExp[] {
  let r = patternCache.get(def);
  if (!r) {
    r = [];
    for (const p of def.pattern ?? []) {
      // XML Schema regexes are implicitly anchored; the BBF ones are all in the
      // subset JavaScript shares (no \i, \c, character-class subtraction).
      try { r.push(new RegExp(`^(?:${p})$`, 'u')); } catch {
        try { r.push(new RegExp(`^(?:${p})$`)); } catch { /* unusable pattern: not enforced */ }
      }
    }
    patternCache.set(def, r);
  }
  return r;
}

/**
 * The length of every string a pattern matches, when it is the same for all
 * (literals, escapes, character classes, groups repeated {n} times); undefined
 * for anything else (*, +, ?, |, {m,n}, or syntax this does not follow).
 */
export function fixedLength(pattern: string): number | undefined {
  let i = 0;
  const seq = (): number | undefined => {
    let total = 0;
    while (i < pattern.length && pattern[i] !== ')') {
      let unit: number | undefined;
      const c = pattern[i]!;
      if (c === '(') {
        i++;
        if (pattern.startsWith('?:', i)) i += 2;
        unit = seq();
        if (unit === undefined || pattern[i] !== ')') return undefined;
        i++;
      } else if (c === '[') {
        const end = pattern.indexOf(']', i + 2); // "[]...]" is not used by BBF patterns
        if (end < 0) return undefined;
        i = end + 1;
        unit = 1;
      } else if (c === '\\') {
        if (pattern[i + 1] === undefined || /[pPkx]/.test(pattern[i + 1]!)) return undefined; // \p{..}, \k<..>, \x..: not one plain character
        i += 2;
        unit = 1;
      } else if ('*+?|{}^$'.includes(c)) {
        return undefined;
      } else {
        i++;
        unit = 1;
      }
      const rep = /^\{(\d+)\}/.exec(pattern.slice(i));
      if (rep) {
        i += rep[0].length;
        unit *= Number(rep[1]);
      } else if (i < pattern.length && '*+?{'.includes(pattern[i]!)) {
        return undefined;
      }
      total += unit;
    }
    return total;
  };
  const n = seq();
  return n !== undefined && i === pattern.length ? n : undefined;
}

/**
 * True when the model's own size facet rules out everything its patterns
 * match: e.g. TR-181 2.19 Bridging...PriorityCodePoint.PCPDecoding declares
 * items of exactly 15 characters with the pattern ([0-7],[0-1],){7}[0-7],[0-1],
 * which only matches 31 (the description's own example has 31). The pattern
 * is the specific rule; such a size is a model erratum and not enforced.
 */
function sizeContradictsPatterns(def: ParamDef, minLen?: number, maxLen?: number): boolean {
  if (!def.pattern?.length || (minLen === undefined && maxLen === undefined)) return false;
  return def.pattern.every((p) => {
    const n = fixedLength(p);
    return n !== undefined && ((minLen !== undefined && n < minLen) || (maxLen !== undefined && n > maxLen));
  });
}

function quote(v: string): string {
  return JSON.stringify(v.length > 60 ? v.slice(0, 57) + '...' : v);
}

/** Type check only. Returns a reason or null. */
export function checkType(type: ParameterType, value: string): string | null {
  switch (type) {
    case 'string': return null;
    case 'boolean':
      return /^(0|1|true|false)$/.test(value) ? null : `${quote(value)} is not a boolean (0, 1, true or false)`;
    case 'unsignedInt': case 'int': case 'unsignedLong': case 'long': {
      if (!/^[+-]?\d+$/.test(value)) return `${quote(value)} is not an integer (${type})`;
      const n = BigInt(value.replace(/^\+/, ''));
      const [lo, hi] = INT_LIMITS[type];
      return n < lo || n > hi ? `${value} is outside the ${type} range ${lo}..${hi}` : null;
    }
    case 'decimal':
      return /^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(value) ? null : `${quote(value)} is not a decimal number`;
    case 'dateTime': {
      const m = DATETIME.exec(value);
      if (!m) return `${quote(value)} is not a dateTime (YYYY-MM-DDThh:mm:ss[.fff][Z|±hh:mm])`;
      const [mo, d, h, mi, s] = [m[2], m[3], m[4], m[5], m[6]].map(Number);
      const endOfDay = h === 24 && mi === 0 && s === 0;
      if (mo < 1 || mo > 12 || d < 1 || d > 31 || (h > 23 && !endOfDay) || mi > 59 || s > 59) {
        return `${quote(value)} is not a valid date and time`;
      }
      if (m[8] && m[8] !== 'Z' && (Number(m[9]) > 14 || Number(m[10]) > 59)) return `${quote(value)} has an invalid time zone offset`;
      return null;
    }
    case 'hexBinary':
      return /^([0-9A-Fa-f]{2})*$/.test(value) ? null : `${quote(value)} is not hexBinary (pairs of hex digits)`;
    case 'base64': {
      const s = value.replace(/\s+/g, '');
      return /^[A-Za-z0-9+/]*={0,2}$/.test(s) && s.length % 4 === 0 ? null : `${quote(value)} is not base64`;
    }
    default: return null;
  }
}

/** Length that size facets constrain: characters, or bytes after decoding for
 * hexBinary and base64 (TR-106 Table 4: "maximum length ... after decoding"). */
function sizeOf(type: ParameterType, value: string): number {
  if (type === 'hexBinary') return value.length / 2;
  if (type === 'base64') {
    const s = value.replace(/\s+/g, '');
    return (s.length / 4) * 3 - (s.endsWith('==') ? 2 : s.endsWith('=') ? 1 : 0);
  }
  return [...value].length;   // characters, not UTF-16 units
}

/** In words a person acts on: "too long: 33 characters, at most 32 allowed". `unit` is plural ("characters", "bytes", "items"). */
function checkLength(unit: string, n: number, min?: number, max?: number, whole = ''): string | null {
  const many = unit === 'items' ? ['too many', 'too few'] : ['too long', 'too short'];
  if (max !== undefined && n > max) return `${many[0]}: ${n} ${unit}, at most ${max} allowed${whole}`;
  if (min !== undefined && n < min) return `${many[1]}: ${n} ${unit}, at least ${min} needed${whole}`;
  return null;
}

function inRanges(def: ParamDef, value: string): string | null {
  if (!def.ranges?.length) return null;
  const v = Number(value);   // bounds are JS numbers; beyond 2^53 the comparison is approximate
  for (const r of def.ranges) {
    if ((r.min === undefined || v >= r.min) && (r.max === undefined || v <= r.max)
      && (!r.step || r.min === undefined || Math.abs((v - r.min) % r.step) < 1e-9)) return null;
  }
  const txt = def.ranges.map((r) => `${r.min ?? ''}..${r.max ?? ''}${r.step ? ` step ${r.step}` : ''}`).join(' or ');
  return `${value} is outside the allowed range ${txt}`;
}

/** One scalar value (or one list item) against type, enumeration/pattern, range and size. */
function checkScalar(def: ParamDef, type: ParameterType, value: string, minLen?: number, maxLen?: number): string | null {
  const t = checkType(type, value);
  if (t) return t;
  // Enumeration and pattern are alternatives when both are declared (e.g.
  // enumerated keywords plus a pattern for the general form).
  const enums = def.enumeration;
  const pats = def.pattern ? patterns(def) : [];
  if (enums?.length || pats.length) {
    const ok = (enums?.includes(value) ?? false) || pats.some((re) => re.test(value));
    if (!ok) {
      if (enums?.length) {
        const shown = enums.length > 12 ? enums.slice(0, 12).join(', ') + ', …' : enums.join(', ');
        return `${quote(value)} is not one of the allowed values: ${shown}`;
      }
      return `${quote(value)} does not have the required format (pattern ${def.pattern!.map((p) => JSON.stringify(p)).join(' or ')})`;
    }
  }
  if (type !== 'string' && type !== 'boolean' && type !== 'dateTime' && type !== 'hexBinary' && type !== 'base64') {
    const r = inRanges(def, value);
    if (r) return r;
  }
  if (type === 'string' && pats.length && sizeContradictsPatterns(def, minLen, maxLen)) return null;
  if (type === 'string' || type === 'hexBinary' || type === 'base64') {
    return checkLength(type === 'string' ? 'characters' : 'bytes', sizeOf(type, value), minLen, maxLen);
  }
  return null;
}

/**
 * Items of a list value (TR-106 3.2.3): comma-separated, optionally padded
 * with whitespace; an empty string is the empty list. Items that are
 * themselves lists are enclosed in brackets (the nestedBrackets list facet,
 * e.g. "[0,1,2],[3,4,5]"), so only commas outside brackets separate items.
 */
export function splitList(value: string): string[] {
  if (value.trim() === '') return [];
  if (!value.includes('[')) return value.split(',').map((s) => s.trim());
  const items: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i <= value.length; i++) {
    const ch = value[i];
    if (ch === '[') depth++;
    else if (ch === ']') depth--;
    else if ((ch === ',' && depth === 0) || i === value.length) {
      const item = value.slice(start, i).trim();
      items.push(item.startsWith('[') && item.endsWith(']') ? item.slice(1, -1) : item);
      start = i + 1;
    }
  }
  return items;
}

/**
 * Returns a human-readable reason when `value` does not fit the parameter's
 * syntax, or null when it does. Lists (TR-106 3.2.3) are checked as a whole
 * (size, item count) and item by item (type, enumeration, pattern, range, size).
 */
export function checkValue(def: ParamDef, value: string): string | null {
  if (!def.list) return checkScalar(def, def.type, value, def.minLength, def.maxLength);
  const whole = checkLength('characters', [...value].length, def.minLength, def.maxLength, ' for the whole list');
  if (whole) return whole;
  const items = splitList(value);
  const count = checkLength('items', items.length, def.minItems, def.maxItems, ' in the list');
  if (count) return count;
  const itemType = def.itemType ?? 'string';
  for (const item of items) {
    const r = checkScalar(def, itemType, item, def.itemMinLength, def.itemMaxLength);
    if (r) return `list item ${r}`;
  }
  return null;
}
