// The workbench settings. settings.update's schema is built from the field
// rules the settings page shares (SETTINGS_UPDATE_SCHEMA in settings-rules.ts).
import { CPE_AUTH_SCHEMES, SETTINGS_UPDATE_SCHEMA } from '../settings-rules';
import { obj, produced, type ChannelSchema, type EventSchema } from './fields';

export type CpeAuthScheme = (typeof CPE_AUTH_SCHEMES)[number];

/**
 * The workbench settings as the API shows them. Passwords are write-only:
 * only whether one is set ever leaves the core.
 */
export interface Settings {
  /** CWMP listener address and port (0 = any free port). */
  cwmpHost: string;
  cwmpPort: number;
  /** CPE → ACS authentication (TR-069 §3.4.4). */
  cpeAuth: { scheme: CpeAuthScheme; username: string; passwordSet: boolean };
  /** ACS → CPE connection request credentials (§3.2.2). */
  connectionRequest: { username: string; passwordSet: boolean };
  /** Send HoldRequests=true in every ACS message (A.4.2.2). */
  holdRequests: boolean;
  /** A session with no message for this long is over. */
  sessionTimeoutSeconds: number;
  /**
   * Session log history kept on disk per device (issue 4): the newest
   * session files while they fit both limits; older ones are deleted.
   */
  logRetention: { maxSessionsPerDevice: number; maxMiBPerDevice: number };
  /** Read-only: where devices, logs and settings.json live. */
  dataDir: string;
  /** Fields set by a command-line flag for this run (the stored value is used on runs without the flag). */
  overridden: ('cwmpHost' | 'cwmpPort')[];
}

export const SETTINGS_CHANNELS = {
  'settings.get': {
    description: 'settings (passwords are write-only: only `passwordSet` is returned)',
    args: obj({}), result: produced<Settings>(),
  },
  'settings.update': {
    description: 'any of the fields; applies live (a new host/port moves the listener, which stays where it was if the new address '
      + 'cannot be bound) and is kept in `<data>/settings.json`; the settings',
    args: SETTINGS_UPDATE_SCHEMA, result: produced<Settings>(),
  },
} satisfies Record<string, ChannelSchema>;

export const SETTINGS_EVENTS = {
  'settings.updated': { payload: produced<Settings>() },
} satisfies Record<string, EventSchema>;
