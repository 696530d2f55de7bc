// Checking a value typed into the tree before anything is sent: the same
// check the core and the virtual CPE make (shared/model/value-check.ts): the
// TR-106 base type, then what the official data model adds (TR-106 Annex
// A.2.3 facets: enumeration, pattern, range, size), as model.describe reports them. A value that fails here never becomes a
// SetParameterValues task; the CPE would only answer 9007 anyway.
import { parseBoolean } from '../../../../shared/cwmp/data-types';
import { checkType, checkValue, splitList } from '../../../../shared/model/value-check';
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

/** Comma-separated list items (TR-106 §3.2.3); whitespace around items is not part of them. */
export function listItems(value: string): string[] {
  return splitList(value);
}

function rangeText(desc: ModelDescription): string {
  return (desc.ranges ?? []).map((r) => `${r.min ?? ''}..${r.max ?? ''}${r.step ? ` step ${r.step}` : ''}`).join(' or ');
}

/**
 * Why `value` cannot be sent as this parameter, or null when it can. `type`
 * is what the device reported (its xsi:type); the model's type is used when
 * the device sent none.
 */
export function validateValue(value: string, type: ParameterType | undefined, desc?: ModelDescription | null): string | null {
  const t = type ?? desc?.type ?? 'string';
  // What a person types may carry spaces around a number or a date; the value sent is trimmed (normalizeValue).
  const typed = t === 'string' || desc?.list ? value : value.trim();
  if (!desc) return t === 'boolean' ? (parseBoolean(typed) === undefined ? `${JSON.stringify(typed)} is not a boolean (true, false, 1 or 0)` : null) : checkType(t, typed);
  // The switch's words (True/FALSE) are booleans too: the core writes them the device's way.
  const checked = t === 'boolean' && parseBoolean(typed) !== undefined ? String(parseBoolean(typed)) : typed;
  return checkValue({ ...desc, type: desc.list ? 'string' : t }, checked);
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
