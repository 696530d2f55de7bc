// Secrets out of captured messages, before they are stored, shown or sent
// anywhere (ARCHITECTURE.md, "Redacted by default").
//
// What counts as secret:
// - Authorization / Proxy-Authorization header credentials. The scheme stays;
//   for Digest every field stays (username, realm, nonce, uri, qop, nc,
//   cnonce: all needed to follow a 401 loop) except `response`, the hash a
//   dictionary attack would start from. WWW-Authenticate is a challenge, not
//   a secret.
// - The text of <Password> elements (Download, Upload, ScheduleDownload,
//   ChangeDUState operations), in any namespace prefix.
// - The Value of a Name/Value pair (ParameterValueStruct, ArgStruct) whose
//   Name's last segment ends in Password, Passphrase, PreSharedKey, WEPKey,
//   Secret or PIN: ConnectionRequestPassword, KeyPassphrase, ...
// - The password part of `scheme://user:password@host` URLs (request URL,
//   Download URLs).
//
// Bodies can be 16 MB, so this scans the raw XML with a few regular
// expressions instead of parsing it, and skips the scan entirely when the
// body cannot contain a secret. Elements stay in place with `***` as their
// text, so the XML stays well-formed and the message still reads naturally.
import type { LoggedMessage } from './records';

export const MASK = '***';

const SECRET_HEADERS = new Set(['authorization', 'proxy-authorization']);

/** Last path segment of a secret parameter name (TR-181 and TR-098 spellings, vendor X_ names too). */
export const SECRET_NAME = /(Password|Passphrase|PreSharedKey|KeyPassphrase|WEPKey|Secret|PIN)$/i;

/** Cheap pre-check: every secret in a body contains one of these words. */
const SECRET_HINT = /password|passphrase|presharedkey|wepkey|secret|pin/i;

// Element text: characters other than '<', and CDATA sections. Written as
// "unrolled loop" (x*(?:c x*)*) so there is exactly one way to match it: a
// failed match costs linear time, never exponential backtracking.
const TEXT = String.raw`[^<]*(?:<!\[CDATA\[[\s\S]*?\]\]>[^<]*)*`;
const PREFIX = String.raw`(?:[A-Za-z_][\w.-]*:)?`;

/** <Password>text</Password>, any prefix, optional attributes (not self-closing: text may hold no tag). */
const PASSWORD_ELEMENT = new RegExp(String.raw`(<(${PREFIX}Password)(?:\s[^>]*)?>)(${TEXT})(<\/\2\s*>)`, 'g');

/**
 * <Name>…secret-word</Name> directly followed by <Value …>text</Value>. The
 * secret word is part of the pattern, so the other 99.9% of the pairs in a
 * big GetParameterValuesResponse fail fast and are never rebuilt. The value
 * text may hold no tag, so a self-closing <Value/> never lets a match run on
 * into the next struct. Case-insensitive like SECRET_NAME.
 */
const NAME_VALUE = new RegExp(
  String.raw`(<${PREFIX}Name(?:\s[^>]*)?>)([^<]*?(?:Password|Passphrase|PreSharedKey|KeyPassphrase|WEPKey|Secret|PIN)\s*)` +
    String.raw`(<\/${PREFIX}Name\s*>\s*<(${PREFIX}Value)(?:\s[^>]*)?>)(${TEXT})(<\/\4\s*>)`,
  'gi',
);

/** scheme://user:password@ — the password part. */
const URL_CREDENTIALS = /(\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@<>"']*:)([^\s/@<>"']+)(@)/gi;

/** Returns `m` itself when nothing was secret, else a copy with the secrets masked and `redacted: true`. */
export function redactMessage(m: LoggedMessage): LoggedMessage {
  let changed = false;
  let headers = m.headers;
  for (const [k, v] of Object.entries(m.headers ?? {})) {
    if (!SECRET_HEADERS.has(k.toLowerCase()) || typeof v !== 'string') continue;
    const masked = redactAuthorization(v);
    if (masked !== v) {
      if (headers === m.headers) headers = { ...m.headers };
      headers[k] = masked;
      changed = true;
    }
  }
  const body = typeof m.body === 'string' ? redactXml(m.body) : m.body;
  if (body !== m.body) changed = true;
  const url = m.url !== undefined ? redactUrls(m.url) : undefined;
  if (url !== m.url) changed = true;
  if (!changed) return m;
  const out: LoggedMessage = { ...m, headers, body, redacted: true };
  if (url !== undefined) out.url = url;
  return out;
}

/** `Basic abc` → `Basic ***`; Digest keeps every field but `response`. */
export function redactAuthorization(value: string): string {
  const m = /^\s*([A-Za-z][\w-]*)(\s+)([\s\S]*)$/.exec(value);
  if (!m) return value.trim() === '' ? value : MASK;
  const [, scheme, space, rest] = m as unknown as [string, string, string, string];
  if (scheme.toLowerCase() === 'digest') {
    return `${scheme}${space}${rest.replace(/(\bresponse\s*=\s*)("[^"]*"|[^,\s]*)/gi, (_s, k: string, v: string) =>
      `${k}${v.startsWith('"') ? `"${MASK}"` : MASK}`)}`;
  }
  return `${scheme}${space}${MASK}`;
}

/** Masks secrets in XML text (or any text: only the URL rule applies to non-XML). */
export function redactXml(body: string): string {
  let out = body;
  if (SECRET_HINT.test(body)) {
    // Empty text stays empty: "no password was sent" is worth seeing and not a secret.
    out = out.replace(PASSWORD_ELEMENT, (s, open: string, _n: string, text: string, close: string) =>
      (text === '' ? s : `${open}${MASK}${close}`));
    out = out.replace(NAME_VALUE, (s, open: string, name: string, mid: string, _v: string, text: string, close: string) =>
      (text === '' || !SECRET_NAME.test(lastSegment(name)) ? s : `${open}${name}${mid}${MASK}${close}`));
  }
  return redactUrls(out);
}

/**
 * The secret texts redactXml() would mask, as written and with the five XML
 * entities decoded: for scrubbing text derived from a raw body (a validator
 * quoting a bad value, a data-model warning) before anyone sees it.
 */
export function secretValues(body: string): string[] {
  const out = new Set<string>();
  const add = (t: string | undefined) => {
    if (!t) return;
    out.add(t);
    out.add(t.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&'));
  };
  if (SECRET_HINT.test(body)) {
    for (const m of body.matchAll(PASSWORD_ELEMENT)) add(m[3]);
    for (const m of body.matchAll(NAME_VALUE)) if (SECRET_NAME.test(lastSegment(m[2]!))) add(m[5]);
  }
  if (body.includes('@') && body.includes('://')) for (const m of body.matchAll(URL_CREDENTIALS)) add(m[2]);
  return [...out];
}

/** Replaces each secret (3 characters or more: shorter ones would blank unrelated text) with the mask. */
export function scrubSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of [...secrets].sort((a, b) => b.length - a.length)) if (s.length >= 3 && s !== MASK) out = out.split(s).join(MASK);
  return out;
}

/** `http://user:pw@host` → `http://user:***@host`. */
export function redactUrls(text: string): string {
  if (!text.includes('@') || !text.includes('://')) return text;
  return text.replace(URL_CREDENTIALS, (s, pre: string, pw: string, at: string) =>
    (pw === MASK ? s : `${pre}${MASK}${at}`));
}

function lastSegment(name: string): string {
  const n = name.trim();
  return n.slice(n.lastIndexOf('.') + 1);
}
