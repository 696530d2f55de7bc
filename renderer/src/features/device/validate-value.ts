// Checking a value typed into the tree before anything is sent: the TR-106
// base type (shared/cwmp/data-types typeError), then what the official data
// model adds (TR-106 Annex A.2.3 facets: enumeration, pattern, range, size),
// as model.describe reports them. A value that fails here never becomes a
// SetParameterValues task; the CPE would only answer 9007 anyway.
import { parseBoolean, typeError } from '../../../../shared/cwmp/data-types';
import type { ParameterType } from '../../../../shared/cwmp/types';
import type { ModelDescription } from '../../../../shared/model/records';

export type EditorKind = 'boolean' | 'integer' | 'decimal' | 'enum' | 'datetime' | 'text';

const INTEGER_TYPES: readonly ParameterType[] = ['int', 'unsignedInt', 'long', 'unsignedLong'];

/** Which editor fits: a switch for booleans, a number field for integers, a select for enumerations… */
export function editorKind(type: ParameterType | undefined, desc?: ModelDescription | null): EditorKind {
  const t = type ?? desc?.type ?? 'string';
  if (t === 'boolean') return 'boolean';
  if (desc?.list) return 'text'; // a list of enumerated items is typed, comma-separated
  if (desc?.enumeration?.length && !desc.pattern?.length) return 'enum';
  if (INTEGER_TYPES.includes(t)) return 'integer';
  if (t === 'decimal') return 'decimal';
  if (t === 'dateTime') return 'datetime';
  return 'text';
}

function compile(pattern: string): RegExp | null {
  // XML Schema regexes are implicitly anchored; the BBF ones use the subset JavaScript shares.
  try { return new RegExp(`^(?:${pattern})$`, 'u'); } catch { /* fall through */ }
  try { return new RegExp(`^(?:${pattern})$`); } catch { return null; }
}

const quote = (v: string): string => JSON.stringify(v.length > 40 ? `${v.slice(0, 37)}...` : v);

/** Characters as a person counts them (not UTF-16 units), the unit of TR-106 string sizes. */
const charLength = (s: string): number => [...s].length;

/** Comma-separated list items (TR-106 §3.2.3); whitespace around items is not part of them. */
export function listItems(value: string): string[] {
  return value.trim() === '' ? [] : value.split(',').map((s) => s.trim());
}

function rangeText(desc: ModelDescription): string {
  return (desc.ranges ?? []).map((r) => `${r.min ?? ''}..${r.max ?? ''}${r.step ? ` step ${r.step}` : ''}`).join(' or ');
}

function checkScalar(value: string, type: ParameterType, desc: ModelDescription | null | undefined, maxLen?: number, minLen?: number): string | null {
  const t = typeError(type, value);
  if (t) return t;
  if (!desc) return null;
  const enums = desc.enumeration ?? [];
  const pats = (desc.pattern ?? []).map(compile).filter((r): r is RegExp => r !== null);
  // Enumeration and pattern are alternatives when both are declared (TR-106 A.2.3.3).
  if (enums.length || pats.length) {
    const ok = enums.includes(value) || pats.some((re) => re.test(value));
    if (!ok) {
      if (enums.length) {
        const shown = enums.length > 10 ? `${enums.slice(0, 10).join(', ')}, …` : enums.join(', ');
        return `${quote(value)} is not one of the allowed values: ${shown}`;
      }
      return `${quote(value)} does not have the required format (pattern ${desc.pattern!.join(' or ')})`;
    }
  }
  if ((INTEGER_TYPES.includes(type) || type === 'decimal') && desc.ranges?.length) {
    const n = Number(value.trim());
    const inside = desc.ranges.some((r) => (r.min === undefined || n >= r.min) && (r.max === undefined || n <= r.max)
      && (!r.step || r.min === undefined || Math.abs((n - r.min) % r.step) < 1e-9));
    if (!inside) return `${value.trim()} is outside the allowed range ${rangeText(desc)}${desc.units ? ` ${desc.units}` : ''}`;
  }
  if (type === 'string' || type === 'hexBinary') {
    const n = type === 'hexBinary' ? value.trim().length / 2 : charLength(value);
    const unit = type === 'hexBinary' ? 'bytes' : 'characters';
    if (maxLen !== undefined && n > maxLen) return `too long: ${n} ${unit}, at most ${maxLen} allowed`;
    if (minLen !== undefined && n < minLen) return `too short: ${n} ${unit}, at least ${minLen} needed`;
  }
  return null;
}

/**
 * Why `value` cannot be sent as this parameter, or null when it can. `type`
 * is what the device reported (its xsi:type); the model's type is used when
 * the device sent none.
 */
export function validateValue(value: string, type: ParameterType | undefined, desc?: ModelDescription | null): string | null {
  const t = type ?? desc?.type ?? 'string';
  if (!desc?.list) return checkScalar(value, t, desc, desc?.maxLength, desc?.minLength);
  if (desc.maxLength !== undefined && charLength(value) > desc.maxLength) {
    return `too long: ${charLength(value)} characters, at most ${desc.maxLength} allowed for the whole list`;
  }
  const items = listItems(value);
  for (const item of items) {
    const why = checkScalar(item, desc.itemType ?? 'string', desc, desc.itemMaxLength);
    if (why) return `list item ${why}`;
  }
  return null;
}

/** What is sent: integers trimmed, booleans as true/false (the core echoes the CPE's 0/1 style). */
export function normalizeValue(value: string, kind: EditorKind): string {
  if (kind === 'boolean') return parseBoolean(value) ? 'true' : 'false';
  if (kind === 'integer' || kind === 'decimal' || kind === 'datetime') return value.trim();
  return value;
}

/** A one-line summary of what the model allows, shown under the editor. */
export function constraintText(type: ParameterType | undefined, desc?: ModelDescription | null): string {
  const t = type ?? desc?.type ?? 'string';
  const parts: string[] = [desc?.list ? `list of ${desc.itemType ?? 'string'}` : t];
  if (desc?.ranges?.length) parts.push(rangeText(desc));
  if (desc?.units) parts.push(desc.units);
  if (desc?.enumeration?.length && desc.list) parts.push(`items: ${desc.enumeration.slice(0, 6).join(', ')}${desc.enumeration.length > 6 ? ', …' : ''}`);
  if (desc?.maxLength !== undefined) parts.push(`max ${desc.maxLength} ${t === 'hexBinary' ? 'bytes' : 'chars'}`);
  if (t === 'dateTime') parts.push('e.g. 2026-01-31T12:00:00Z');
  return parts.join(' · ');
}
