// The settings form's logic without React: text fields ↔ a settings.update
// (only what changed, passwords only when typed), checked with the same
// rules the core applies (shared/api/settings-rules.ts), so a bad value is
// explained next to its field before anything is sent.
import type { Settings, SettingsUpdate } from '../../../../shared/api/contract';
import { checkSettingsResult, checkSettingsUpdate, type SettingsErrors } from '../../../../shared/api/settings-rules';

/** What the inputs hold: numbers as typed text; passwords empty = keep the stored one. */
export interface SettingsForm {
  cwmpHost: string;
  cwmpPort: string;
  authScheme: Settings['cpeAuth']['scheme'];
  authUsername: string;
  authPassword: string;
  crUsername: string;
  crPassword: string;
  holdRequests: boolean;
  sessionTimeoutSeconds: string;
  retentionSessions: string;
  retentionMiB: string;
}

export function formFromSettings(s: Settings): SettingsForm {
  return {
    cwmpHost: s.cwmpHost,
    cwmpPort: String(s.cwmpPort),
    authScheme: s.cpeAuth.scheme,
    authUsername: s.cpeAuth.username,
    authPassword: '',
    crUsername: s.connectionRequest.username,
    crPassword: '',
    holdRequests: s.holdRequests,
    sessionTimeoutSeconds: String(s.sessionTimeoutSeconds),
    retentionSessions: String(s.logRetention.maxSessionsPerDevice),
    retentionMiB: String(s.logRetention.maxMiBPerDevice),
  };
}

/** "7547" → 7547; anything that is not plain digits → NaN (so the rule says why). */
function whole(text: string): number {
  const t = text.trim();
  return /^\d{1,6}$/.test(t) ? Number(t) : Number.NaN;
}

/**
 * The update that turns `base` into what the form shows, and the message for
 * each field that would be refused. An empty update means nothing to save.
 */
export function updateFromForm(form: SettingsForm, base: Settings): { update: SettingsUpdate; errors: SettingsErrors } {
  const u: SettingsUpdate = {};
  if (form.cwmpHost.trim() !== base.cwmpHost) u.cwmpHost = form.cwmpHost.trim();
  const port = whole(form.cwmpPort);
  if (port !== base.cwmpPort) u.cwmpPort = port;
  const auth: NonNullable<SettingsUpdate['cpeAuth']> = {};
  if (form.authScheme !== base.cpeAuth.scheme) auth.scheme = form.authScheme;
  if (form.authUsername !== base.cpeAuth.username) auth.username = form.authUsername;
  if (form.authPassword !== '') auth.password = form.authPassword;
  if (Object.keys(auth).length) u.cpeAuth = auth;
  const cr: NonNullable<SettingsUpdate['connectionRequest']> = {};
  if (form.crUsername !== base.connectionRequest.username) cr.username = form.crUsername;
  if (form.crPassword !== '') cr.password = form.crPassword;
  if (Object.keys(cr).length) u.connectionRequest = cr;
  if (form.holdRequests !== base.holdRequests) u.holdRequests = form.holdRequests;
  const timeout = whole(form.sessionTimeoutSeconds);
  if (timeout !== base.sessionTimeoutSeconds) u.sessionTimeoutSeconds = timeout;
  const lr: NonNullable<SettingsUpdate['logRetention']> = {};
  const sessions = whole(form.retentionSessions);
  if (sessions !== base.logRetention.maxSessionsPerDevice) lr.maxSessionsPerDevice = sessions;
  const mib = whole(form.retentionMiB);
  if (mib !== base.logRetention.maxMiBPerDevice) lr.maxMiBPerDevice = mib;
  if (Object.keys(lr).length) u.logRetention = lr;

  const { errors } = checkSettingsUpdate(u);
  // Rules on the result: switching authentication on needs a username and a password (typed or stored).
  const after = checkSettingsResult({
    cpeAuth: {
      scheme: form.authScheme,
      username: form.authUsername,
      password: form.authPassword || (base.cpeAuth.passwordSet ? 'set' : ''),
    },
  });
  return { update: u, errors: { ...after, ...errors } };
}

export function isEmptyUpdate(u: SettingsUpdate): boolean {
  return Object.keys(u).length === 0;
}
