// Applies settings live and keeps them: `settings.update` checks the change,
// moves the CWMP listener when its address or port changed (the old one stays
// if the new bind fails), hands the new credentials, timeouts and session log
// caps to the parts that use them, then saves and tells every window
// (settings.updated).
import type { Settings, SettingsUpdate } from '../../../shared/api/contract';
import type { CpeAuthSettings } from '../../lib/auth/cpe-auth';
import type { EventBus } from '../runtime/events';
import { MiB, type RetentionOptions } from '../log/retention';
import { mergeSettings, publicSettings, SettingsError, type SettingsStore, type StoredSettings } from './settings-store';

/**
 * Values given at start (command-line flags, or options in tests) that win
 * over settings.json for this run. A field the user then changes in Settings
 * is theirs: saved, and the start value no longer applies.
 */
export interface SettingsOverrides {
  cwmpHost?: string;
  cwmpPort?: number;
  cpeAuth?: CpeAuthSettings;
  connectionRequest?: { username: string; password: string };
  holdRequests?: boolean;
  /** Milliseconds, so tests can use sub-second timeouts. */
  sessionTimeoutMs?: number;
  /** Bytes, so tests can use caps below one MiB; a field not given comes from settings.json. */
  logRetention?: RetentionOptions;
}

/** What the control drives when settings change (the listener, the engine, the virtual CPEs). */
export interface SettingsTargets {
  /** Resolves once bound; rejects with the system error (the old listener still serving). */
  moveListener(host: string, port: number): Promise<void>;
  /** Where the listener is bound now, "host:port", for messages. */
  listening(): string;
  setAuth(auth: CpeAuthSettings): void;
  setSessionTimeoutMs(ms: number): void;
  setHoldRequests(on: boolean): void;
  /** New per-device session log caps; lowering them deletes the oldest session files soon after (not awaited). */
  setLogRetention(limits: Required<RetentionOptions>): void;
  /** After any change: where the listener is now, and the credentials in force. */
  changed(s: EffectiveSettings): void;
}

export interface EffectiveSettings {
  settings: StoredSettings;
  /** Exact timeout (an override may be below one second). */
  sessionTimeoutMs: number;
  /** The realm for Basic/Digest challenges (an override may set one). */
  realm?: string;
  /** Exact session log caps (an override may give bytes below one MiB). */
  logRetention: Required<RetentionOptions>;
}

/** The caps the session log applies for stored settings. */
export function retentionOf(s: StoredSettings): Required<RetentionOptions> {
  return { maxSessionsPerDevice: s.logRetention.maxSessionsPerDevice, maxBytesPerDevice: s.logRetention.maxMiBPerDevice * MiB };
}

export interface SettingsControl {
  get(): Settings;
  update(u: SettingsUpdate): Promise<Settings>;
  effective(): EffectiveSettings;
}

const LISTENER_FIELDS = ['cwmpHost', 'cwmpPort'] as const;

export function createSettingsControl(o: {
  store: SettingsStore;
  dataDir: string;
  overrides: SettingsOverrides;
  bus: EventBus;
  targets: SettingsTargets;
}): SettingsControl {
  const overrides: SettingsOverrides = { ...o.overrides };
  const effective = (): EffectiveSettings => {
    const s = o.store.get();
    if (overrides.cwmpHost !== undefined) s.cwmpHost = overrides.cwmpHost;
    if (overrides.cwmpPort !== undefined) s.cwmpPort = overrides.cwmpPort;
    if (overrides.cpeAuth) s.cpeAuth = { scheme: overrides.cpeAuth.scheme, username: overrides.cpeAuth.username, password: overrides.cpeAuth.password };
    if (overrides.connectionRequest) s.connectionRequest = { ...overrides.connectionRequest };
    if (overrides.holdRequests !== undefined) s.holdRequests = overrides.holdRequests;
    const ms = overrides.sessionTimeoutMs ?? s.sessionTimeoutSeconds * 1000;
    if (overrides.sessionTimeoutMs !== undefined) s.sessionTimeoutSeconds = Math.max(1, Math.round(ms / 1000));
    const lr = overrides.logRetention;
    const stored = retentionOf(s);
    const logRetention = {
      maxSessionsPerDevice: lr?.maxSessionsPerDevice ?? stored.maxSessionsPerDevice,
      maxBytesPerDevice: lr?.maxBytesPerDevice ?? stored.maxBytesPerDevice,
    };
    if (lr) {
      s.logRetention = {
        maxSessionsPerDevice: logRetention.maxSessionsPerDevice, maxMiBPerDevice: Math.max(1, Math.ceil(logRetention.maxBytesPerDevice / MiB)),
      };
    }
    return { settings: s, sessionTimeoutMs: ms, realm: overrides.cpeAuth?.realm, logRetention };
  };
  const view = (): Settings =>
    publicSettings(effective().settings, o.dataDir, LISTENER_FIELDS.filter((f) => overrides[f] !== undefined));

  // One update at a time: two concurrent listener moves must not interleave.
  let chain: Promise<unknown> = Promise.resolve();

  async function apply(u: SettingsUpdate): Promise<Settings> {
    const before = effective();
    const next = mergeSettings(before.settings, u); // throws SettingsError naming the bad fields
    const touched = new Set(Object.keys(u).filter((k) => (u as Record<string, unknown>)[k] !== undefined));

    if (next.cwmpHost !== before.settings.cwmpHost || next.cwmpPort !== before.settings.cwmpPort) {
      try {
        await o.targets.moveListener(next.cwmpHost, next.cwmpPort);
      } catch (err) {
        throw new SettingsError(listenError(err, next, o.targets.listening()));
      }
    }
    // Only what changed is pushed, so an unrelated save does not reset timers.
    const b = before.settings;
    if (touched.has('cpeAuth')) o.targets.setAuth({ ...next.cpeAuth, realm: before.realm });
    if (touched.has('sessionTimeoutSeconds') && next.sessionTimeoutSeconds !== b.sessionTimeoutSeconds) {
      o.targets.setSessionTimeoutMs(next.sessionTimeoutSeconds * 1000);
    }
    if (next.holdRequests !== b.holdRequests) o.targets.setHoldRequests(next.holdRequests);
    const caps = retentionOf(next);
    if (touched.has('logRetention') && (caps.maxSessionsPerDevice !== before.logRetention.maxSessionsPerDevice
      || caps.maxBytesPerDevice !== before.logRetention.maxBytesPerDevice)) {
      o.targets.setLogRetention(caps);
    }

    // Saved: the stored values, with each section the update touched taken whole from `next`.
    const stored = o.store.get();
    const out: StoredSettings = { ...stored };
    for (const k of touched) (out as unknown as Record<string, unknown>)[k] = (next as unknown as Record<string, unknown>)[k];
    if (touched.has('cwmpHost') || touched.has('cwmpPort')) {
      // Moving the listener from Settings makes both halves of the address the user's.
      out.cwmpHost = next.cwmpHost;
      out.cwmpPort = next.cwmpPort;
    }
    try {
      await o.store.save(out);
    } catch (err) {
      throw new SettingsError(`the change is in effect but could not be saved to settings.json: ${err instanceof Error ? err.message : String(err)}`);
    }
    for (const k of touched) delete (overrides as Record<string, unknown>)[k === 'sessionTimeoutSeconds' ? 'sessionTimeoutMs' : k];
    if (touched.has('cwmpHost') || touched.has('cwmpPort')) {
      delete overrides.cwmpHost;
      delete overrides.cwmpPort;
    }
    o.targets.changed(effective());
    const result = view();
    o.bus.emit('settings.updated', result);
    return result;
  }

  return {
    get: view,
    effective,
    update(u) {
      const run = chain.then(() => apply(u), () => apply(u));
      chain = run.catch(() => undefined);
      return run;
    },
  };
}

/** A bind failure in words, naming the field so the settings page can show it there. */
export function listenError(err: unknown, next: StoredSettings, current: string): string {
  const code = (err as NodeJS.ErrnoException)?.code;
  const where = `${next.cwmpHost}:${next.cwmpPort}`;
  // No ";" inside: it separates fields (settings-rules.ts).
  const kept = `The listener stays on ${current}.`;
  switch (code) {
    case 'EADDRINUSE':
      return `cwmpPort: port ${next.cwmpPort} is already in use on ${next.cwmpHost} (another program or another ACS). ${kept}`;
    case 'EACCES':
      return `cwmpPort: not allowed to listen on ${where} (ports below 1024 need administrator rights). ${kept}`;
    case 'EADDRNOTAVAIL':
      return `cwmpHost: ${next.cwmpHost} is not an address of this machine. ${kept}`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `cwmpHost: the name ${next.cwmpHost} does not resolve. ${kept}`;
    default:
      return `cwmpHost: could not listen on ${where} (${err instanceof Error ? err.message : String(err)}). ${kept}`;
  }
}
