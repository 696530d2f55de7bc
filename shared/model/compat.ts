// A device's compatibility profile: the quirks of its CWMP stack, as facts
// about that one device (learned from what it did, or set by the user), not
// global switches. Every message the ACS builds for the device follows it.
// No Node or DOM APIs here: the renderer shows and edits the same records.

/** The switches and what each means on the wire. */
export interface CompatProfile {
  /** Start each ACS message with `<?xml version="1.0" encoding="UTF-8"?>` (optional in XML 1.0 §2.8; some CPE parsers choke on it). */
  xmlDeclaration: boolean;
  /** How booleans are written in SetParameterValues: 'auto' echoes the style the CPE reported (1/0 or true/false). */
  booleanStyle: 'auto' | 'words' | 'digits';
  /** dateTime values written with milliseconds (…T12:00:00.000Z) or without (…T12:00:00Z). */
  dateTimeFraction: boolean;
  /** GetParameterNames on the root object is allowed (some stacks fault it). */
  rootGetParameterNames: boolean;
  /** GetParameterValues on a partial path (an object ending in '.') is allowed (A.3.2.2; some stacks crash on it). */
  partialPathGetParameterValues: boolean;
  /** Answer a connection-request Basic challenge over plain HTTP (the password then travels in clear; TR-069 §3.2.2 asks for Digest). */
  basicConnectionRequest: boolean;
  /** At most this many names in one GetParameterValues (0 = no limit). */
  maxParametersPerGet: number;
  /** The CPE sends no cookies: find its session by address and connection. */
  cookieless: boolean;
}

// Not a switch: "omit empty optional Download arguments". Every cwmp-1-0 … 1-4
// schema requires all eleven Download elements (Username, Password,
// TargetFileName, SuccessURL, FailureURL included), so the ACS never drops
// them (rule 3: nothing schema-invalid is emitted).

export type CompatSwitch = keyof CompatProfile;

export const COMPAT_DEFAULTS: Readonly<CompatProfile> = {
  xmlDeclaration: true,
  booleanStyle: 'auto',
  dateTimeFraction: false,
  rootGetParameterNames: true,
  partialPathGetParameterValues: true,
  basicConnectionRequest: false,
  maxParametersPerGet: 0,
  cookieless: false,
};

export const COMPAT_SWITCHES = Object.keys(COMPAT_DEFAULTS) as CompatSwitch[];

/** One switch that differs from the default, and where that came from. */
export interface CompatEntry<S extends CompatSwitch = CompatSwitch> {
  value: CompatProfile[S];
  /** 'learned': a failure proved it was needed; 'user': set on the device page or through the API. */
  source: 'learned' | 'user';
  /** ISO time it was set. */
  at: string;
  /** Why, in words: what the device did (learned) or 'set by the user'. */
  reason: string;
  /** The session whose failure taught it (learned switches). */
  sessionId?: string;
}

/** What a device record keeps: only the switches that are not at their default. */
export type CompatEntries = { [S in CompatSwitch]?: CompatEntry<S> };

/** Defaults with the device's entries on top. */
export function effectiveCompat(entries: CompatEntries | undefined): CompatProfile {
  const out = { ...COMPAT_DEFAULTS } as Record<CompatSwitch, unknown>;
  for (const s of COMPAT_SWITCHES) {
    const e = entries?.[s];
    if (e) out[s] = e.value;
  }
  return out as unknown as CompatProfile;
}

/** Why `value` cannot be the value of switch `s`, or null when it can. */
export function compatValueError(s: string, value: unknown): string | null {
  if (!(COMPAT_SWITCHES as string[]).includes(s)) return `unknown compatibility switch "${s}" (known: ${COMPAT_SWITCHES.join(', ')})`;
  const d = COMPAT_DEFAULTS[s as CompatSwitch];
  if (s === 'booleanStyle') return value === 'auto' || value === 'words' || value === 'digits' ? null : 'booleanStyle is auto, words or digits';
  if (typeof d === 'boolean') return typeof value === 'boolean' ? null : `${s} is true or false`;
  if (typeof d === 'number') {
    return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 100_000 ? null : `${s} is a whole number from 0 to 100000`;
  }
  return null;
}

/** Words for the device page and the session log. */
export const COMPAT_LABELS: Record<CompatSwitch, string> = {
  xmlDeclaration: 'XML declaration in ACS messages',
  booleanStyle: 'Boolean style in SetParameterValues',
  dateTimeFraction: 'dateTime with fraction',
  rootGetParameterNames: 'GetParameterNames on the root',
  partialPathGetParameterValues: 'Partial-path GetParameterValues',
  basicConnectionRequest: 'Basic connection request over plain HTTP',
  maxParametersPerGet: 'Max parameters per GetParameterValues',
  cookieless: 'Cookie-less sessions',
};
