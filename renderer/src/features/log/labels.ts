// How a log row names itself: the RPC column (a request refused with 401 is
// the Inform it holds, not "(empty)"), what is painted as an error (the
// expected 401 of a Digest handshake is not), the Device column's parts, and
// the schema verdict in words. Pure: tested without a browser.
import type { LoggedMessage } from '../../../../shared/model/records';
import type { PrettyNode } from './pretty-xml';

function authScheme(m: LoggedMessage): string {
  const h = Object.entries(m.headers).find(([k]) => k.toLowerCase() === 'www-authenticate')?.[1] ?? '';
  return /^\s*(\w+)/.exec(h)?.[1] ?? '';
}

/** What the RPC column says: the method, "empty" for an empty POST or 204, the authentication step, or the HTTP status. */
export function rpcLabel(m: LoggedMessage): string {
  const fromCpe = m.direction === 'cpe->acs';
  if (fromCpe && m.auth) return `${m.rpc ?? 'request'} (${m.auth === 'challenge' ? 'no credentials yet' : 'credentials refused'})`;
  if (!fromCpe && m.status === 401 && m.auth) {
    const scheme = authScheme(m);
    return m.auth === 'challenge' ? `401 ${scheme ? `${scheme} ` : ''}challenge` : '401 authentication failed';
  }
  if (m.rpc && m.rpc !== 'empty') return m.rpc;
  if (!fromCpe && m.status === 204) return '(end: 204)';
  if (m.status && m.status !== 200) return `HTTP ${m.status}`;
  return '(empty)';
}

/** Painted as an error: faults, transport errors, HTTP errors — but not the challenge a Digest handshake starts with. */
export function isBad(m: LoggedMessage): boolean {
  if (m.auth) return m.auth === 'rejected';
  return m.faultCode !== undefined || (m.status !== undefined && m.status >= 400) || !!m.error;
}

/** The device a row belongs to, or the one a refused request claims to be (not authenticated). */
export function rowDevice(m: LoggedMessage): { id: string; claimed: boolean } | undefined {
  if (m.deviceId) return { id: m.deviceId, claimed: false };
  if (m.claimedDeviceId) return { id: m.claimedDeviceId, claimed: true };
  return undefined;
}

export interface DeviceParts { oui: string; productClass: string; serial: string }

/**
 * OUI-ProductClass-SerialNumber split back into its parts. The serial is
 * exact when known (it may hold '-'); else the key is cut at its last '-'.
 * The OUI is 6 hex digits (TR-069 A.3.3.1) and never holds a '-'.
 */
export function deviceParts(key: string, serial?: string): DeviceParts {
  const first = key.indexOf('-');
  const oui = first < 0 ? '' : key.slice(0, first);
  const ser = serial && key.endsWith(`-${serial}`) ? serial : key.slice(key.lastIndexOf('-') + 1);
  const middle = key.slice(first + 1, key.length - ser.length - 1);
  return { oui, productClass: first + 1 <= key.length - ser.length - 1 ? middle : '', serial: ser };
}

/** Hover text of the Device column. */
export function deviceTitle(key: string, parts: DeviceParts, claimed: boolean): string {
  const lines = [`SerialNumber ${parts.serial}`, `OUI ${parts.oui || '?'}`, `ProductClass ${parts.productClass || '(none)'}`, `key ${key}`];
  if (claimed) lines.push('Not authenticated: named in the body of a request the ACS refused with 401');
  return lines.join('\n');
}

/** The SerialNumber an Inform body names (for a claimed device, which the device list does not know). */
export function serialInBody(body: string): string | undefined {
  return /<(?:[\w.-]+:)?SerialNumber>([^<]*)</.exec(body)?.[1].trim();
}

/** The CWMP namespace version of a body ('1-2' for urn:dslforum-org:cwmp-1-2), if any. */
export function cwmpNamespace(body: string): string | undefined {
  return /urn:dslforum-org:cwmp-(\d+-\d+)/.exec(body)?.[1];
}

/**
 * The schema verdict in words: the namespace's schema named, and when the
 * file checked against is a newer one, which and why (CWMP 1.2–1.4 share
 * the cwmp-1-2 namespace, TR-069 Amd 6 §A.1: cwmp-1-4.xsd is the newest
 * schema for it and includes cwmp-1-2.xsd and cwmp-1-3.xsd;
 * electron/core/check/schema-files.ts planSchema).
 */
export function schemaLabel(m: LoggedMessage): { label: string; why?: string } | undefined {
  const v = m.schema;
  if (!v || (v.verdict !== 'valid' && v.verdict !== 'invalid')) return undefined;
  const word = v.verdict === 'valid' ? 'schema valid' : 'schema INVALID';
  const ns = cwmpNamespace(m.body);
  const file = v.schema;
  if (!ns) return { label: file ? `${word} (${file})` : word, ...(v.note ? { why: v.note } : {}) };
  const own = `cwmp-${ns}.xsd`;
  if (!file || file === own) return { label: `${word}: ${own}`, ...(v.note ? { why: v.note } : {}) };
  const why = ns === '1-2' || ns === '1-3' || ns === '1-4'
    ? `CWMP 1.2, 1.3 and 1.4 share the urn:dslforum-org:cwmp-1-2 namespace (TR-069 Amd 6 §A.1); ${file} is the newest schema for it `
      + 'and includes cwmp-1-2.xsd, so every RPC of those versions is checked'
    : `checked with ${file}`;
  return { label: `${word}: cwmp-${ns} namespace, checked with ${file}`, why: v.note ? `${why}. ${v.note}` : why };
}

/**
 * The Pretty view's line for a line of the message as sent (xmllint numbers
 * the lines it was given): the element that starts on that line (or the
 * last one started before it), found by counting start tags in document
 * order, which is also the decoded tree's order. xmllint names the element
 * it complains about ("Element '{ns}EventCode': …"): on a line holding
 * several, that one is taken.
 */
export function prettyLineFor(body: string, sentLine: number, root: PrettyNode | null, message?: string): number | undefined {
  if (!root || sentLine < 1) return undefined;
  // Comments, CDATA and PIs hold no elements; blank them keeping newlines so line numbers stay.
  const clean = body.replace(/<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<\?[\s\S]*?\?>/g, (s) => s.replace(/[^\n]/g, ' '));
  const lines = clean.split('\n');
  if (sentLine > lines.length) return undefined;
  const before = lines.slice(0, sentLine - 1).join('\n');
  const starts = (s: string) => (s.match(/<[A-Za-z_]/g) ?? []).length;
  const line = lines[sentLine - 1]!;
  const onLine = starts(line);
  const named = /Element '(?:\{[^}]*\})?([\w.-]+)'/.exec(message ?? '')?.[1];
  const tags = [...line.matchAll(/<(?:[\w.-]+:)?([A-Za-z_][\w.-]*)/g)].map((t) => t[1]);
  const within = named ? Math.max(0, tags.indexOf(named)) : 0;
  const ordinal = starts(before) + (onLine > 0 ? within : -1);
  if (ordinal < 0) return 1;
  let n = 0;
  let found: PrettyNode | undefined;
  const walk = (node: PrettyNode): boolean => {
    if (n++ === ordinal) {
      found = node;
      return true;
    }
    return node.children.some(walk);
  };
  walk(root);
  return found?.from;
}
