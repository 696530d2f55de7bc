// The rules for a settings change, in one place: shared/api/validate.ts checks
// the shape of `settings.update` with them, the core checks them again before
// anything is applied (an in-process caller skips the transport), and the
// settings page shows the same messages next to the fields before sending.
// Pure: no Node or DOM APIs.
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

function checkCredential(v: unknown, what: string): string | null {
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

// Plain objects only (JSON data): a Date or a class instance is not an update.
function isObj(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

function unknownKeys(v: Record<string, unknown>, allowed: readonly string[], prefix: string): string | null {
  const bad = Object.keys(v).find((k) => !allowed.includes(k));
  return bad === undefined ? null : `${prefix}has unknown key ${JSON.stringify(bad.slice(0, 64))}`;
}

/**
 * Checks each field present in a (partial) update; returns one message per
 * bad field (empty when all is fine), or a top-level `shape` error for
 * something that is not an update at all.
 */
export function checkSettingsUpdate(u: unknown): { errors: SettingsErrors; shape?: string } {
  const errors: SettingsErrors = {};
  if (!isObj(u)) return { errors, shape: 'must be an object' };
  const top = unknownKeys(u, ['cwmpHost', 'cwmpPort', 'cpeAuth', 'connectionRequest', 'holdRequests', 'sessionTimeoutSeconds', 'logRetention'], '');
  if (top) return { errors, shape: top };
  const set = (f: SettingsField, msg: string | null) => { if (msg) errors[f] = msg; };
  if (u.cwmpHost !== undefined) set('cwmpHost', checkHost(u.cwmpHost));
  if (u.cwmpPort !== undefined) set('cwmpPort', checkPort(u.cwmpPort));
  if (u.holdRequests !== undefined && typeof u.holdRequests !== 'boolean') set('holdRequests', 'must be true or false');
  if (u.sessionTimeoutSeconds !== undefined) set('sessionTimeoutSeconds', checkSessionTimeout(u.sessionTimeoutSeconds));
  if (u.cpeAuth !== undefined) {
    if (!isObj(u.cpeAuth)) return { errors, shape: 'cpeAuth must be an object' };
    const bad = unknownKeys(u.cpeAuth, ['scheme', 'username', 'password'], 'cpeAuth ');
    if (bad) return { errors, shape: bad };
    const a = u.cpeAuth;
    if (a.scheme !== undefined && !(CPE_AUTH_SCHEMES as readonly unknown[]).includes(a.scheme)) {
      set('cpeAuth.scheme', `one of ${CPE_AUTH_SCHEMES.join(', ')}`);
    }
    if (a.username !== undefined) set('cpeAuth.username', checkCredential(a.username, 'username'));
    if (a.password !== undefined) set('cpeAuth.password', checkCredential(a.password, 'password'));
  }
  if (u.connectionRequest !== undefined) {
    if (!isObj(u.connectionRequest)) return { errors, shape: 'connectionRequest must be an object' };
    const bad = unknownKeys(u.connectionRequest, ['username', 'password'], 'connectionRequest ');
    if (bad) return { errors, shape: bad };
    const c = u.connectionRequest;
    if (c.username !== undefined) set('connectionRequest.username', checkCredential(c.username, 'username'));
    if (c.password !== undefined) set('connectionRequest.password', checkCredential(c.password, 'password'));
  }
  if (u.logRetention !== undefined) {
    if (!isObj(u.logRetention)) return { errors, shape: 'logRetention must be an object' };
    const bad = unknownKeys(u.logRetention, ['maxSessionsPerDevice', 'maxMiBPerDevice'], 'logRetention ');
    if (bad) return { errors, shape: bad };
    const r = u.logRetention;
    if (r.maxSessionsPerDevice !== undefined) set('logRetention.maxSessionsPerDevice', checkRetentionSessions(r.maxSessionsPerDevice));
    if (r.maxMiBPerDevice !== undefined) set('logRetention.maxMiBPerDevice', checkRetentionMiB(r.maxMiBPerDevice));
  }
  return { errors };
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

/** Used by validate.ts: the transport-level verdict, in its "path must …" style. */
export function settingsUpdateProblem(u: unknown, path: string): string | null {
  const { errors, shape } = checkSettingsUpdate(u);
  if (shape) return `${path} ${shape}`;
  const first = Object.entries(errors)[0];
  return first ? `${path}.${first[0]}: ${first[1]}` : null;
}
