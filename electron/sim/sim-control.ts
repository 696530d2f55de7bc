// Built-in virtual CPEs started from the UI or the API ("Add virtual CPE"):
// they run in this process and point at our own listener on loopback.
import type { SimInfo } from '../../shared/api/contract';
import type { DeviceKey } from '../../shared/model/records';
import type { CpeAuthSettings } from '../lib/auth/cpe-auth';
import { parseQuirks } from './quirks';

export interface SimControl {
  /** `quirks`: names as the CLI's --quirk takes them; an unknown one is refused before any CPE starts. */
  start(count: number, model: 'tr181' | 'tr098', scale?: number, quirks?: string[]): Promise<SimInfo[]>;
  list(): SimInfo[];
  stop(id?: DeviceKey): Promise<number>;
}

export interface SimControlOptions {
  acsUrl: string;
  acsAuth?: CpeAuthSettings;
  connectionRequest: { username: string; password: string };
  rebootDelayMs?: number;
}

interface Running { info: SimInfo; stop(): Promise<void>; setLocal(path: string, value: string): number }

export interface SimControlWithRetarget extends SimControl {
  /**
   * The ACS moved (port, address) or changed its credentials in Settings:
   * new virtual CPEs use the new values, and running ones are re-pointed the
   * way a technician would on a real CPE (ManagementServer.* set locally), so
   * they keep reaching this ACS and accepting its connection requests.
   */
  retarget(next: SimControlOptions): void;
}

export function createSimControl(initial: SimControlOptions): SimControlWithRetarget {
  let opts = initial;
  const running = new Map<string, Running>();
  let counter = 0;
  return {
    async start(count, model, scale, quirkSpecs) {
      const quirks = parseQuirks(quirkSpecs ?? []); // throws on an unknown name, before anything starts
      // Loaded on first use: the data-model generator is only needed when a virtual CPE is wanted.
      const { VirtualCpe } = await import('./virtual-cpe');
      const started: SimInfo[] = [];
      for (let i = 0; i < count; i++) {
        const serial = `WB${String(Date.now() % 1e6).padStart(6, '0')}${String(++counter).padStart(3, '0')}`;
        const auth = opts.acsAuth && opts.acsAuth.scheme !== 'none' ? { username: opts.acsAuth.username, password: opts.acsAuth.password } : {};
        const cpe = new VirtualCpe({
          acsUrl: opts.acsUrl, model, scale, serialNumber: serial, ...auth,
          connectionRequest: { ...opts.connectionRequest, host: '127.0.0.1' },
          rebootDelayMs: opts.rebootDelayMs, quirks,
        });
        await cpe.start();
        const info: SimInfo = { id: cpe.deviceKey, model, parameters: cpe.parameterCount, online: true };
        running.set(info.id, { info, stop: () => cpe.stop(), setLocal: (p, v) => cpe.setLocal(p, v) });
        started.push(info);
      }
      return started;
    },
    list: () => [...running.values()].map((r) => r.info),
    retarget(next) {
      opts = next;
      for (const r of running.values()) {
        const ms = r.info.model === 'tr098' ? 'InternetGatewayDevice.ManagementServer.' : 'Device.ManagementServer.';
        const values: [string, string][] = [
          [`${ms}URL`, next.acsUrl],
          [`${ms}ConnectionRequestUsername`, next.connectionRequest.username],
          [`${ms}ConnectionRequestPassword`, next.connectionRequest.password],
        ];
        if (next.acsAuth && next.acsAuth.scheme !== 'none') {
          values.push([`${ms}Username`, next.acsAuth.username], [`${ms}Password`, next.acsAuth.password]);
        }
        for (const [path, value] of values) {
          try {
            r.setLocal(path, value);
          } catch (err) {
            // A value the model refuses (length) leaves that CPE as it was; it is a demo device.
            console.warn(`virtual CPE ${r.info.id}: could not set ${path}: ${err instanceof Error ? err.message : String(err)}`);
          }
        }
      }
    },
    async stop(id) {
      const targets = id ? [running.get(id)].filter((r): r is Running => !!r) : [...running.values()];
      for (const r of targets) {
        await r.stop();
        running.delete(r.info.id);
      }
      return targets.length;
    },
  };
}
