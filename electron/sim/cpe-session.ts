// One session of a virtual CPE, as the device runs it: the events and Forced
// Inform parameters it reports (TR-069 Amd 6 §3.7.1.1, §3.7.1.5), an HTTP
// client with the ACS URL and credentials from ManagementServer, and the
// counters, log lines and events around the protocol run (session.ts).
// When a session runs is virtual-cpe.ts's business; this runs one.
import { formatDateTime } from '../../shared/cwmp';
import type { CwmpVersion, EventStruct } from '../../shared/cwmp/types';
import type { CpeLog } from './config-file';
import type { CpeState } from './cpe-state';
import { CwmpClient } from './cwmp-client';
import { deviceIdOf, informParameterList, managementServer } from './identity';
import { composeEvents } from './inform-events';
import type { Listeners } from './listeners';
import { breakEventCode, dropOn, type Quirks } from './quirks';
import { handleAcsRequest, type RpcHost } from './rpc-handlers';
import { runSession, type OutboxItem } from './session';
import type { SessionReport, VirtualCpeEvents, VirtualCpeOptions, VirtualCpeStats } from './virtual-cpe-options';

export interface CpeSessionContext {
  state: CpeState;
  quirks: Quirks;
  opts: VirtualCpeOptions;
  version: CwmpVersion;
  /** Counted into. */
  stats: VirtualCpeStats;
  log: CpeLog;
  listeners: Listeners<VirtualCpeEvents>;
  host: RpcHost;
  /** Events not delivered yet. */
  pendingEvents: readonly EventStruct[];
  /** Live list: the CPE's own requests; acknowledged ones are removed. */
  outbox: OutboxItem[];
  nextId(): string;
  /** The client of the session in progress (so that stop() can cut it), then null. */
  setClient(client: CwmpClient | null): void;
  /** The ACS acknowledged the Inform: these events and changes are delivered. */
  onInformAcked(delivered: readonly EventStruct[], changed: readonly string[], codes: readonly string[]): void;
}

export async function runCpeSession(c: CpeSessionContext): Promise<{ report: SessionReport; after: (() => void)[] }> {
  const ms = (name: string) => managementServer(c.state, name);
  const t0 = Date.now();
  const events = composeEvents(c.pendingEvents, c.state.pendingChanges().length > 0, c.outbox);
  const delivered = [...c.pendingEvents];
  const changed = c.state.pendingChanges().map((p) => p.Name);
  const extra = c.quirks.vendorParameter ? [`${c.state.root}X_ACME_Debug`] : [];
  if (c.opts.sendGetRPCMethods && events.some((e) => e.EventCode === '0 BOOTSTRAP')
    && !c.outbox.some((o) => o.body.name === 'GetRPCMethods')) {
    c.outbox.push({ body: { name: 'GetRPCMethods', args: {} }, events: [] });
  }
  const codes = events.map((e) => e.EventCode);
  c.listeners.emit('sessionStart', { events: codes, retryCount: c.stats.retryCount });
  c.log.add(`session start: ${codes.join(', ')}`);
  const client = new CwmpClient({
    url: ms('URL') || c.opts.acsUrl, username: ms('Username'), password: ms('Password'),
    quirks: c.quirks, timeoutMs: c.opts.httpTimeoutMs, rejectUnauthorized: c.opts.rejectUnauthorized,
    onExchange: (sent, reply) => {
      c.stats.messagesSent++;
      c.stats.messagesReceived++;
      c.listeners.emit('message', { direction: 'out', body: sent.body });
      c.listeners.emit('message', { direction: 'in', body: reply.body, status: reply.status });
    },
  });
  c.setClient(client);
  const result = await runSession({
    client,
    version: c.version,
    inform: {
      DeviceId: deviceIdOf(c.state),
      Event: c.quirks.invalidMessage ? events.map((e) => ({ ...e, EventCode: breakEventCode(e.EventCode) })) : events,
      MaxEnvelopes: 1,
      CurrentTime: formatDateTime(new Date()),
      RetryCount: c.stats.retryCount,
      ParameterList: informParameterList(c.state, extra),
    },
    informHeader: c.opts.supportedCWMPVersions ? { SupportedCWMPVersions: c.opts.supportedCWMPVersions } : undefined,
    outbox: c.outbox,
    nextId: c.nextId,
    handle: (body) => handleAcsRequest(c.host, body),
    dropOn: (xml, body, previous) => dropOn(c.quirks, xml, body, previous),
    onInformAcked: () => c.onInformAcked(delivered, changed, codes),
    onRpc: (e) => {
      c.listeners.emit('rpc', e);
      if (e.fault !== undefined) {
        c.stats.faults++;
        c.listeners.emit('fault', { ...e, fault: e.fault });
      }
    },
  });
  c.setClient(null);
  const report: SessionReport = {
    ok: result.ok, informAcked: result.informAcked, error: result.error, events: codes,
    messagesSent: result.messagesSent, durationMs: Date.now() - t0,
  };
  if (result.ok) c.stats.sessions++;
  else c.stats.failedSessions++;
  c.log.add(result.ok ? 'session end' : `session failed: ${result.error}`);
  c.listeners.emit('sessionEnd', report);
  return { report, after: result.after };
}
