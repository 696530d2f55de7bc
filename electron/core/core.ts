// The Electron-free core: store, session log, task queue, CWMP listener and
// the contract's handlers, wired once. Electron main, the headless entry and
// the integration tests all start exactly this.
import { networkInterfaces, homedir, platform } from 'node:os';
import { join } from 'node:path';
import type { AcsInfo, EventChannel, EventMap, Handlers } from '../../shared/api/contract';
import type { CpeAuthSettings } from './acs/cpe-auth';
import type { BodyLimits } from './acs/http-body';
import { CwmpListener } from './acs/listener';
import { SessionEngine } from './acs/session';
import { TaskQueue } from './acs/task-queue';
import { createHandlers, type SimControl } from './api/handlers';
import { EventBus } from './events';
import { SessionLog } from './log/session-log';
import { createSimControl } from './sim/sim-control';
import { DeviceStore } from './store/device-store';

export interface CoreOptions {
  dataDir: string;
  cwmpPort?: number;
  cwmpHost?: string;
  /** CPE → ACS authentication (none by default, so a new CPE gets in). */
  auth?: CpeAuthSettings;
  /** ACS → CPE connection request credentials (also given to built-in virtual CPEs). */
  connectionRequest?: { username: string; password: string };
  holdRequests?: boolean;
  sessionTimeoutMs?: number;
  limits?: Partial<BodyLimits>;
  /** Start virtual CPEs with faster reboots/retries (tests). */
  simTiming?: { rebootDelayMs?: number };
}

export interface Core {
  handlers: Handlers;
  on<E extends EventChannel>(event: E, cb: (p: EventMap[E]) => void): () => void;
  info(): AcsInfo;
  stop(): Promise<void>;
  /** For tests and the headless entry: the parts, not for the renderer. */
  readonly store: DeviceStore;
  readonly log: SessionLog;
  readonly listener: CwmpListener;
  readonly sims: SimControl;
}

export const VERSION = '0.1.0';

export function defaultDataDir(): string {
  const home = homedir();
  if (platform() === 'win32') return join(process.env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'TR-069 Workbench');
  if (platform() === 'darwin') return join(home, 'Library', 'Application Support', 'TR-069 Workbench');
  return join(process.env.XDG_DATA_HOME ?? join(home, '.local', 'share'), 'tr069-workbench');
}

/** URLs a CPE could use: one per external IPv4 address, loopback last. */
export function acsUrls(host: string, port: number): string[] {
  if (host !== '0.0.0.0' && host !== '::') return [`http://${host.includes(':') ? `[${host}]` : host}:${port}/`];
  const out: string[] = [];
  for (const list of Object.values(networkInterfaces())) {
    for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) out.push(`http://${a.address}:${port}/`);
  }
  out.push(`http://127.0.0.1:${port}/`);
  return out;
}

export async function startCore(opts: CoreOptions): Promise<Core> {
  const store = await DeviceStore.open(opts.dataDir);
  const log = new SessionLog({ dataDir: opts.dataDir });
  const bus = new EventBus();
  log.onMessage((m) => bus.emit('session.messageLogged', m));
  const queue = new TaskQueue(store, bus);
  await queue.recover();
  const engine = new SessionEngine(store, queue, bus, { holdRequests: opts.holdRequests });
  const listener = new CwmpListener(engine, log, {
    host: opts.cwmpHost ?? '0.0.0.0', port: opts.cwmpPort ?? 7547, auth: opts.auth,
    sessionTimeoutMs: opts.sessionTimeoutMs, limits: opts.limits,
  });
  const addr = await listener.start();
  const host = opts.cwmpHost ?? '0.0.0.0';
  const crCreds = opts.connectionRequest ?? { username: 'acs', password: 'workbench' };
  const info = (): AcsInfo => ({ version: VERSION, cwmpHost: host, cwmpPort: addr.port, acsUrls: acsUrls(host, addr.port), dataDir: opts.dataDir });
  const localAcsUrl = `http://127.0.0.1:${addr.port}/`;
  const sims = createSimControl({
    acsUrl: localAcsUrl, acsAuth: opts.auth, connectionRequest: crCreds, rebootDelayMs: opts.simTiming?.rebootDelayMs,
  });
  const handlers = createHandlers({ store, queue, log, bus, info, connectionRequestCredentials: () => crCreds, sims });
  return {
    handlers, store, log, listener, sims, info,
    on: (event, cb) => bus.on(event, cb),
    async stop() {
      await sims.stop();
      await listener.stop();
      await log.close();
      await store.close();
    },
  };
}
