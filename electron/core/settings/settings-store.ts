// The workbench settings, persisted in <dataDir>/settings.json through lowdb
// (atomic writes: temp file + rename). The file holds the passwords in clear
// because the ACS needs them (Digest checks and connection requests hash the
// password itself), so it is written owner-only; the API never returns them
// (see publicSettings).
import { chmod, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import type { Settings, SettingsUpdate } from '../../../shared/api/contract';
import {
  checkHost, checkPort, checkRetentionMiB, checkRetentionSessions, checkSessionTimeout, checkSettingsResult, checkSettingsUpdate,
  CPE_AUTH_SCHEMES, formatSettingsErrors, LOG_RETENTION_DEFAULTS, SETTINGS_LIMITS,
} from '../../../shared/api/settings-rules';
import { readJson, type Warn } from '../store/json-files';

/** Everything the core needs, passwords included. Never sent to a client. */
export interface StoredSettings {
  cwmpHost: string;
  cwmpPort: number;
  cpeAuth: { scheme: 'none' | 'basic' | 'digest'; username: string; password: string };
  connectionRequest: { username: string; password: string };
  holdRequests: boolean;
  sessionTimeoutSeconds: number;
  /** Session log history per device (log/retention.ts enforces it). */
  logRetention: { maxSessionsPerDevice: number; maxMiBPerDevice: number };
}

/** What a newcomer gets: every interface on the IANA CWMP port, no CPE auth (so a new CPE gets in). */
export const DEFAULT_SETTINGS: StoredSettings = {
  cwmpHost: '0.0.0.0',
  cwmpPort: 7547,
  cpeAuth: { scheme: 'none', username: 'cpe', password: '' },
  // The README tells users to set these on their CPEs.
  connectionRequest: { username: 'acs', password: 'workbench' },
  holdRequests: false,
  sessionTimeoutSeconds: 30,
  logRetention: { ...LOG_RETENTION_DEFAULTS },
};

export class SettingsError extends Error {
  override name = 'SettingsError';
}

export function settingsFile(dataDir: string): string {
  return join(dataDir, 'settings.json');
}

/** The view the API gives: passwords reduced to "is one set". */
export function publicSettings(s: StoredSettings, dataDir: string, overridden: Settings['overridden']): Settings {
  return {
    cwmpHost: s.cwmpHost,
    cwmpPort: s.cwmpPort,
    cpeAuth: { scheme: s.cpeAuth.scheme, username: s.cpeAuth.username, passwordSet: s.cpeAuth.password !== '' },
    connectionRequest: { username: s.connectionRequest.username, passwordSet: s.connectionRequest.password !== '' },
    holdRequests: s.holdRequests,
    sessionTimeoutSeconds: s.sessionTimeoutSeconds,
    logRetention: { ...s.logRetention },
    dataDir,
    overridden: [...overridden],
  };
}

/**
 * The settings after `update`, or a SettingsError naming each bad field
 * ("cwmpPort: …; cpeAuth.password: …") — the same rules the transport and the
 * settings page apply, checked again because in-process callers skip both.
 */
export function mergeSettings(current: StoredSettings, update: SettingsUpdate): StoredSettings {
  const { errors, shape } = checkSettingsUpdate(update);
  if (shape) throw new SettingsError(`settings update ${shape}`);
  if (Object.keys(errors).length > 0) throw new SettingsError(formatSettingsErrors(errors));
  const next: StoredSettings = {
    ...current,
    ...(update.cwmpHost !== undefined ? { cwmpHost: update.cwmpHost.trim() } : {}),
    ...(update.cwmpPort !== undefined ? { cwmpPort: update.cwmpPort } : {}),
    ...(update.holdRequests !== undefined ? { holdRequests: update.holdRequests } : {}),
    ...(update.sessionTimeoutSeconds !== undefined ? { sessionTimeoutSeconds: update.sessionTimeoutSeconds } : {}),
    cpeAuth: { ...current.cpeAuth, ...definedOnly(update.cpeAuth) },
    connectionRequest: { ...current.connectionRequest, ...definedOnly(update.connectionRequest) },
    logRetention: { ...current.logRetention, ...definedOnly(update.logRetention) },
  };
  const after = checkSettingsResult(next);
  if (Object.keys(after).length > 0) throw new SettingsError(formatSettingsErrors(after));
  return next;
}

function definedOnly<T extends object>(o: T | undefined): Partial<T> {
  const out: Partial<T> = {};
  for (const [k, v] of Object.entries(o ?? {})) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  return out;
}

/**
 * A file edited by hand (or written by another version) may hold anything:
 * each field that breaks a rule falls back to its default, with a warning,
 * rather than keeping the app from starting.
 */
export function sanitize(raw: unknown, warn: Warn): StoredSettings {
  const d = DEFAULT_SETTINGS;
  const r = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const obj = (v: unknown) => (typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {});
  const pick = <T>(name: string, value: unknown, fallback: T, problem: (v: unknown) => string | null): T => {
    if (value === undefined) return fallback;
    const why = problem(value);
    if (why === null) return value as T;
    warn(`settings.json: ${name} ignored (${why}); using ${JSON.stringify(fallback)}`);
    return fallback;
  };
  const cred = (v: unknown) =>
    typeof v === 'string' && v.length <= SETTINGS_LIMITS.credentialMax ? null : `a string of at most ${SETTINGS_LIMITS.credentialMax} characters`;
  const auth = obj(r.cpeAuth);
  const cr = obj(r.connectionRequest);
  const lr = obj(r.logRetention);
  const s: StoredSettings = {
    cwmpHost: pick('cwmpHost', r.cwmpHost, d.cwmpHost, checkHost),
    cwmpPort: pick('cwmpPort', r.cwmpPort, d.cwmpPort, checkPort),
    cpeAuth: {
      scheme: pick('cpeAuth.scheme', auth.scheme, d.cpeAuth.scheme, (v) =>
        (CPE_AUTH_SCHEMES as readonly unknown[]).includes(v) ? null : `one of ${CPE_AUTH_SCHEMES.join(', ')}`),
      username: pick('cpeAuth.username', auth.username, d.cpeAuth.username, cred),
      password: pick('cpeAuth.password', auth.password, d.cpeAuth.password, cred),
    },
    connectionRequest: {
      username: pick('connectionRequest.username', cr.username, d.connectionRequest.username, cred),
      password: pick('connectionRequest.password', cr.password, d.connectionRequest.password, cred),
    },
    holdRequests: pick('holdRequests', r.holdRequests, d.holdRequests, (v) => (typeof v === 'boolean' ? null : 'true or false')),
    sessionTimeoutSeconds: pick('sessionTimeoutSeconds', r.sessionTimeoutSeconds, d.sessionTimeoutSeconds, checkSessionTimeout),
    logRetention: {
      maxSessionsPerDevice: pick('logRetention.maxSessionsPerDevice', lr.maxSessionsPerDevice, d.logRetention.maxSessionsPerDevice, checkRetentionSessions),
      maxMiBPerDevice: pick('logRetention.maxMiBPerDevice', lr.maxMiBPerDevice, d.logRetention.maxMiBPerDevice, checkRetentionMiB),
    },
  };
  // Auth switched on without credentials would lock every CPE out: keep it off.
  if (Object.keys(checkSettingsResult(s)).length > 0) {
    warn(`settings.json: cpeAuth ${s.cpeAuth.scheme} lacks a username or password; CPE authentication is off`);
    s.cpeAuth = { ...s.cpeAuth, scheme: 'none' };
  }
  return s;
}

export class SettingsStore {
  private constructor(private db: Low<StoredSettings>, private file: string) {}

  static async open(dataDir: string, warn: Warn = (m) => console.warn(m)): Promise<SettingsStore> {
    await mkdir(dataDir, { recursive: true });
    const file = settingsFile(dataDir);
    // Never JSONFilePreset: it keeps data in memory only when NODE_ENV=test.
    const db = new Low<StoredSettings>(new JSONFile<StoredSettings>(file), structuredClone(DEFAULT_SETTINGS));
    await readJson(db, file, warn);
    db.data = sanitize(db.data, warn);
    return new SettingsStore(db, file);
  }

  get(): StoredSettings {
    return structuredClone(this.db.data);
  }

  /** Replaces the stored settings (already merged and checked by the caller) and writes the file. */
  async save(next: StoredSettings): Promise<void> {
    this.db.data = structuredClone(next);
    await this.db.write();
    // Owner-only: the file holds passwords. Best effort (Windows has no POSIX modes).
    await chmod(this.file, 0o600).catch(() => undefined);
  }
}
