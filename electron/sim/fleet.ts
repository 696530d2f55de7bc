// Many virtual CPEs in one process: one generated template per model and
// scale shared by all (templates.ts caches it; each CPE keeps only its
// overlay), one connection-request server for all of them (one port, a
// random path each), distinct serial numbers SIM000001…, OUI 00D09E.
import { ConnectionRequestServer } from './connection-request';
import type { Quirks } from './quirks';
import { VirtualCpe, type VirtualCpeOptions } from './virtual-cpe';

export interface FleetOptions {
  acsUrl: string;
  count: number;
  model?: 'tr181' | 'tr098';
  scale?: number;
  seed?: number;
  /** Serial number prefix (default 'SIM'), followed by the zero-padded index. */
  serialPrefix?: string;
  /** First index (default 1). */
  startIndex?: number;
  productClass?: string;
  periodicInformInterval?: number;
  /** Milliseconds between two CPEs' first Informs (default 0: all at once). */
  stagger?: number;
  username?: string;
  password?: string;
  connectionRequest?: { host?: string; port?: number; username?: string; password?: string };
  quirks?: Quirks;
  /** Anything else a VirtualCpe takes (timeScale, retryScale, rebootDelayMs...). */
  cpe?: Partial<Omit<VirtualCpeOptions, 'acsUrl' | 'model' | 'serialNumber' | 'connectionRequest'>>;
}

export interface FleetSummary {
  cpes: number; sessions: number; failedSessions: number; messagesSent: number; connectionRequests: number; busy: number;
}

export interface Fleet {
  cpes: VirtualCpe[];
  connectionRequestServer: ConnectionRequestServer;
  summary(): FleetSummary;
  stop(): Promise<void>;
}

export function serialFor(prefix: string, index: number): string {
  return `${prefix}${String(index).padStart(6, '0')}`;
}

export async function startFleet(opts: FleetOptions): Promise<Fleet> {
  const server = await ConnectionRequestServer.start({ host: opts.connectionRequest?.host, port: opts.connectionRequest?.port });
  const cpes: VirtualCpe[] = [];
  const start = opts.startIndex ?? 1;
  const timers = new Set<NodeJS.Timeout>();
  let stopped = false;
  for (let i = 0; i < opts.count; i++) {
    const serial = serialFor(opts.serialPrefix ?? 'SIM', start + i);
    cpes.push(new VirtualCpe({
      ...opts.cpe,
      acsUrl: opts.acsUrl,
      model: opts.model ?? 'tr181',
      scale: opts.scale,
      seed: opts.seed,
      serialNumber: serial,
      oui: '00D09E',
      productClass: opts.productClass,
      periodicInformInterval: opts.periodicInformInterval,
      username: opts.username,
      password: opts.password,
      quirks: opts.quirks,
      connectionRequest: {
        server,
        username: opts.connectionRequest?.username ?? `cr-${serial}`,
        password: opts.connectionRequest?.password ?? `cr-${serial}`,
      },
    }));
  }
  const stagger = opts.stagger ?? 0;
  await Promise.all(cpes.map((cpe, i) => {
    if (!stagger || i === 0) return cpe.start();
    const t = setTimeout(() => {
      timers.delete(t);
      if (!stopped) void cpe.start();
    }, i * stagger);
    timers.add(t);
    return undefined;
  }));
  return {
    cpes,
    connectionRequestServer: server,
    summary() {
      const s: FleetSummary = { cpes: cpes.length, sessions: 0, failedSessions: 0, messagesSent: 0, connectionRequests: 0, busy: 0 };
      for (const c of cpes) {
        s.sessions += c.stats.sessions;
        s.failedSessions += c.stats.failedSessions;
        s.messagesSent += c.stats.messagesSent;
        s.connectionRequests += c.stats.connectionRequests;
        if (c.busy) s.busy++;
      }
      return s;
    },
    async stop() {
      stopped = true;
      for (const t of timers) clearTimeout(t);
      await Promise.all(cpes.map((c) => c.stop()));
      await server.close();
    },
  };
}
