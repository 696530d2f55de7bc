// The rules for a settings change, in one place: the `settings.update`
// argument schema is built from them (SETTINGS_UPDATE_SCHEMA, used by
// shared/api/validate.ts), the core checks them again before anything is
// applied (an in-process caller skips the transport), and the settings page
// shows the same messages next to the fields before sending.
// Pure: no Node or DOM APIs.
import * as z from 'zod';
import { firstIssue, isRuleIssue, issueText, obj, ruled } from './schema/fields';

export const CPE_AUTH_SCHEMES = ['none', 'basic', 'digest'] as const;

export const SETTINGS_LIMITS = {
  /** A DNS name is at most 253 characters (RFC 1035); IPv6 literals are far shorter. */
  hostMax: 253,
  /** TR-181 ManagementServer.Username/Password and ConnectionRequestUsername/Password are string(256). */
  credentialMax: 256,
  /** TR-069 §3.7.2.5 asks for at least 30 s; shorter is allowed for labs and tests, never below 5 s. */
  sessionTimeoutMin: 5,
  sessionTimeoutMax: 3600,
  /** Session log history per device (issue 4): at least one session, at most 100,000 files in a folder. */
  retentionSessionsMax: 100_000,
  /** At most 100 GiB of session files per device. */
  retentionMiBMax: 102_400,
} as const;

/** What a device keeps on disk unless Settings say otherwise (electron/core/log/retention.ts applies it). */
export const LOG_RETENTION_DEFAULTS = { maxSessionsPerDevice: 1000, maxMiBPerDevice: 256 } as const;

/** Field names as they appear in errors: `cwmpPort`, `cpeAuth.password`, … */
export type SettingsField =
  | 'cwmpHost' | 'cwmpPort' | 'holdRequests' | 'sessionTimeoutSeconds'
  | 'cpeAuth.scheme' | 'cpeAuth.username' | 'cpeAuth.password'
  | 'connectionRequest.username' | 'connectionRequest.password'
  | 'logRetention.maxSessionsPerDevice' | 'logRetention.maxMiBPerDevice';

export const SETTINGS_FIELDS: readonly SettingsField[] = [
  'cwmpHost', 'cwmpPort', 'holdRequests', 'sessionTimeoutSeconds',
  'cpeAuth.scheme', 'cpeAuth.username', 'cpeAuth.password',
  'connectionRequest.username', 'connectionRequest.password',
  'logRetention.maxSessionsPerDevice', 'logRetention.maxMiBPerDevice',
];

export type SettingsErrors = Partial<Record<SettingsField, string>>;

// Letters, digits, dots, hyphens (host names and IPv4), colons and a zone
// suffix (IPv6 literals, e.g. fe80::1%eth0). Nothing that could smuggle a URL.
const HOST_RE = /^[A-Za-z0-9.:%_-]+$/;

export function checkHost(v: unknown): string | null {
  if (typeof v !== 'string' || v.trim() === '') return 'enter an address, e.g. 0.0.0.0 for every interface';
  if (v.length > SETTINGS_LIMITS.hostMax) return `at most ${SETTINGS_LIMITS.hostMax} characters`;
  if (!HOST_RE.test(v)) return 'an IP address or host name (letters, digits, ".", ":", "-")';
  return null;
}

export function checkPort(v: unknown): string | null {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 65535
    ? null
    : 'a port number from 0 to 65535 (0 = any free port)';
}

export function checkCredential(v: unknown, what: string): string | null {
  if (typeof v !== 'string' || v === '') return `enter a ${what}`;
  if (v.length > SETTINGS_LIMITS.credentialMax) return `at most ${SETTINGS_LIMITS.credentialMax} characters`;
  // Control characters cannot travel in an HTTP Authorization header.
  if (/[\u0000-\u001f\u007f]/.test(v)) return 'no control characters'; // eslint-disable-line no-control-regex
  return null;
}

export function checkSessionTimeout(v: unknown): string | null {
  const { sessionTimeoutMin: lo, sessionTimeoutMax: hi } = SETTINGS_LIMITS;
  return typeof v === 'number' && Number.isInteger(v) && v >= lo && v <= hi ? null : `whole seconds from ${lo} to ${hi}`;
}

function wholeIn(v: unknown, lo: number, hi: number): boolean {
  return typeof v === 'number' && Number.isInteger(v) && v >= lo && v <= hi;
}

export function checkRetentionSessions(v: unknown): string | null {
  return wholeIn(v, 1, SETTINGS_LIMITS.retentionSessionsMax) ? null : `a whole number from 1 to ${SETTINGS_LIMITS.retentionSessionsMax}`;
}

export function checkRetentionMiB(v: unknown): string | null {
  return wholeIn(v, 1, SETTINGS_LIMITS.retentionMiBMax) ? null : `whole MiB from 1 to ${SETTINGS_LIMITS.retentionMiBMax} (100 GiB)`;
}

function checkScheme(v: unknown): string | null {
  return (CPE_AUTH_SCHEMES as readonly unknown[]).includes(v) ? null : `one of ${CPE_AUTH_SCHEMES.join(', ')}`;
}

const checkBoolean = (v: unknown): string | null => (typeof v === 'boolean' ? null : 'must be true or false');

/** An optional field checked by its rule (the same sentence for the API, the core and the form), typed by `shape`. */
const field = <T extends z.ZodType>(rule: (v: unknown) => string | null, shape: T) => ruled(rule, shape).optional();

/**
 * The `settings.update` argument schema (shared/api/schema/settings.ts), built
 * from the field rules above: a partial change, passwords given here and
 * never read back; unknown keys are refused.
 */
export const SETTINGS_UPDATE_SCHEMA = obj({
  cwmpHost: field(checkHost, z.string().max(SETTINGS_LIMITS.hostMax)),
  cwmpPort: field(checkPort, z.int().min(0).max(65535)),
  cpeAuth: obj({
    scheme: field(checkScheme, z.enum(CPE_AUTH_SCHEMES)),
    username: field((v) => checkCredential(v, 'username'), z.string().max(SETTINGS_LIMITS.credentialMax)),
    password: field((v) => checkCredential(v, 'password'), z.string().max(SETTINGS_LIMITS.credentialMax)),
  }).optional(),
  connectionRequest: obj({
    username: field((v) => checkCredential(v, 'username'), z.string().max(SETTINGS_LIMITS.credentialMax)),
    password: field((v) => checkCredential(v, 'password'), z.string().max(SETTINGS_LIMITS.credentialMax)),
  }).optional(),
  holdRequests: field(checkBoolean, z.boolean()),
  sessionTimeoutSeconds: field(checkSessionTimeout, z.int().min(SETTINGS_LIMITS.sessionTimeoutMin).max(SETTINGS_LIMITS.sessionTimeoutMax)),
  logRetention: obj({
    maxSessionsPerDevice: field(checkRetentionSessions, z.int().min(1).max(SETTINGS_LIMITS.retentionSessionsMax)),
    maxMiBPerDevice: field(checkRetentionMiB, z.int().min(1).max(SETTINGS_LIMITS.retentionMiBMax)),
  }).optional(),
});

export type SettingsUpdate = z.infer<typeof SETTINGS_UPDATE_SCHEMA>;

/**
 * Checks each field present in a (partial) update with SETTINGS_UPDATE_SCHEMA;
 * returns one message per bad field (empty when all is fine), or a `shape`
 * error for something that is not an update at all (not an object, an unknown key).
 */
export function checkSettingsUpdate(u: unknown): { errors: SettingsErrors; shape?: string } {
  const errors: SettingsErrors = {};
  const r = SETTINGS_UPDATE_SCHEMA.safeParse(u);
  if (r.success) return { errors };
  const other = r.error.issues.filter((i) => !isRuleIssue(i));
  for (const issue of r.error.issues) {
    const f = issue.path.join('.') as SettingsField;
    if (!other.includes(issue) && !errors[f]) errors[f] = issue.message;
  }
  return other.length > 0 ? { errors, shape: issueText(firstIssue(other), '') } : { errors };
}

/** Rules that need the settings as they would be after the update (the core applies them). */
export function checkSettingsResult(next: {
  cpeAuth: { scheme: string; username: string; password: string };
}): SettingsErrors {
  const errors: SettingsErrors = {};
  if (next.cpeAuth.scheme !== 'none') {
    if (!next.cpeAuth.username) errors['cpeAuth.username'] = `a username is needed for ${next.cpeAuth.scheme} authentication`;
    if (!next.cpeAuth.password) errors['cpeAuth.password'] = `a password is needed for ${next.cpeAuth.scheme} authentication`;
  }
  return errors;
}

/** "cwmpPort: …; cpeAuth.password: …" — the form every layer uses, so the UI can map it back to fields. */
export function formatSettingsErrors(errors: SettingsErrors): string {
  return Object.entries(errors).map(([f, m]) => `${f}: ${m}`).join('; ');
}

/**
 * The field an error message is about, whichever layer wrote it (the
 * transport's `settings.update: args.cwmpPort must …`, the core's
 * `cwmpPort: port 7547 is in use …`, Electron's `Error invoking remote
 * method …: Error: cwmpPort: …`), with the message text for that field.
 */
export function settingsErrorsFromMessage(message: string): SettingsErrors {
  const out: SettingsErrors = {};
  // Longest names first, so `cpeAuth.username` is not read as a shorter field.
  const names = [...SETTINGS_FIELDS].sort((a, b) => b.length - a.length).map((f) => f.replace('.', '\\.'));
  const re = new RegExp(`(?:args\\.)?\\b(${names.join('|')})\\b[:]?\\s+([^;]+)`, 'g');
  let m: RegExpExecArray | null;
  while ((m = re.exec(message))) {
    const field = m[1] as SettingsField;
    if (!out[field]) out[field] = m[2].trim();
  }
  return out;
}
