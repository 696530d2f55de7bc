// A world for the session decision core without sockets, store or queue: a
// read-only view over in-memory devices and tasks, and an in-memory stand-in
// for the effect runner, so a test can drive a whole session (decide, apply,
// continue…) and assert the exact replies and effects of each step.
import { decide } from '../../electron/core/acs/session-decide';
import type { Effect } from '../../electron/core/acs/session-effects';
import {
  newSession, type Decision, type DecidedReply, type EngineSettings, type SessionContext, type SessionInput, type SessionView,
} from '../../electron/core/acs/session-state';
import type { AcsRequestName, CwmpBody, CwmpEnvelope, CwmpVersion, RpcBodies } from '../../shared/cwmp/types';
import type { CompatEntries } from '../../shared/model/compat';
import type { AnyTask, DeviceSummary } from '../../shared/model/records';

export const NOW = Date.parse('2026-03-01T10:00:00.000Z');
export const AT = new Date(NOW).toISOString();
export const DEVICE = '00D09E-HGW-SN1';

export function informOf(opts: { serial?: string; events?: string[]; version?: CwmpVersion; supported?: string; id?: string } = {}): CwmpEnvelope {
  return {
    version: opts.version ?? '1-2',
    header: { ID: opts.id ?? 'inf-1', ...(opts.supported ? { SupportedCWMPVersions: opts.supported } : {}) },
    body: {
      name: 'Inform',
      args: {
        DeviceId: { Manufacturer: 'Example', OUI: '00D09E', ProductClass: 'HGW', SerialNumber: opts.serial ?? 'SN1' },
        Event: (opts.events ?? ['2 PERIODIC']).map((EventCode) => ({ EventCode, CommandKey: '' })),
        MaxEnvelopes: 1, CurrentTime: '2026-03-01T10:00:00Z', RetryCount: 0,
        ParameterList: [
          { Name: 'Device.DeviceInfo.SoftwareVersion', Value: '5.4.1', Type: 'string' },
          { Name: 'Device.ManagementServer.ConnectionRequestURL', Value: 'http://192.0.2.7:7547/cr', Type: 'string' },
        ],
      },
    },
  };
}

export function envelope(body: CwmpBody | null, id?: string, version: CwmpVersion = '1-2'): CwmpEnvelope {
  return { version, header: id === undefined ? {} : { ID: id }, body };
}

export function answer<K extends AcsRequestName>(name: `${K}Response` & CwmpBody['name'], args: object, id?: string): CwmpEnvelope {
  return envelope({ name, args } as CwmpBody, id);
}

export function device(extra: Partial<DeviceSummary> = {}, compat?: CompatEntries): DeviceSummary {
  return {
    id: DEVICE, deviceId: { Manufacturer: 'Example', OUI: '00D09E', ProductClass: 'HGW', SerialNumber: 'SN1' },
    cwmpVersion: 'urn:dslforum-org:cwmp-1-2', root: 'Device.', firstSeen: AT, lastEvents: [], parameterCount: 10,
    discovery: { status: 'done' }, pendingTasks: 0, ...(compat ? { compat } : {}), ...extra,
  };
}

let taskSeq = 0;
export function task<K extends AcsRequestName>(rpc: K, args: RpcBodies[K], extra: Partial<AnyTask> = {}): AnyTask {
  return {
    id: `t${++taskSeq}`, deviceId: DEVICE, rpc, args, status: 'queued', origin: 'api',
    created: new Date(NOW - 60_000 + taskSeq).toISOString(), attempts: 0, ...extra,
  } as AnyTask;
}

export class World {
  readonly devices = new Map<string, DeviceSummary>();
  readonly tasks: AnyTask[] = [];
  readonly carried = new Map<string, string[]>();
  readonly settings: EngineSettings = {};
  /** Every effect applied, in order. */
  readonly applied: Effect[] = [];
  readonly view: SessionView = {
    clock: () => NOW,
    settings: this.settings,
    device: (id) => this.devices.get(id),
    nextTask: (id) => this.tasks.find((t) => t.deviceId === id && t.status === 'queued'),
    carriedNotes: (id) => this.carried.get(id),
  };

  /** A session past its InformResponse and the CPE's empty POST: the ACS's turn. */
  acsTurn(): SessionContext {
    if (!this.devices.has(DEVICE)) this.devices.set(DEVICE, device());
    return { ...newSession('192.0.2.7'), deviceId: DEVICE, root: 'Device.', version: '1-2', state: 'acs', messages: 2, lastSent: 'InformResponse' };
  }

  /** One decision, its effects applied the way the effect runner would, in memory. */
  step(s: SessionContext, input: SessionInput): Decision {
    const d = decide(s, input, this.view);
    for (const e of d.effects) this.apply(e);
    return d;
  }

  /** Like SessionEngine: decide, apply, and decide again while the core asks to continue. */
  drive(s: SessionContext, input: SessionInput): { reply: DecidedReply | null; effects: Effect[] } {
    const effects: Effect[] = [];
    let d = this.step(s, input);
    effects.push(...d.effects);
    while (d.reply?.kind === 'continue') {
      d = this.step(s, { kind: 'continue' });
      effects.push(...d.effects);
    }
    return { reply: d.reply, effects };
  }

  private apply(e: Effect): void {
    this.applied.push(e);
    switch (e.kind) {
      case 'inform': this.devices.set(e.summary.id, e.summary); break;
      case 'save-task': {
        const i = this.tasks.findIndex((t) => t.id === e.task.id);
        if (i >= 0) this.tasks[i] = e.task;
        else this.tasks.push(e.task);
        break;
      }
      case 'enqueue-discovery':
        this.tasks.push(task('GetParameterNames', { ParameterPath: e.path, NextLevel: false }, { origin: e.origin, deviceId: e.deviceId }));
        break;
      case 'learn': {
        const d = this.devices.get(e.deviceId)!;
        this.devices.set(e.deviceId, { ...d, compat: { ...d.compat, [e.switch]: { value: e.value, source: 'learned', at: AT, reason: e.reason } } });
        break;
      }
      default: break;
    }
  }
}

/** The kinds of a list of effects, in order: what a test reads first. */
export const kinds = (effects: readonly Effect[]): string[] => effects.map((e) => e.kind);

/** The saved tasks among the effects. */
export const saved = (effects: readonly Effect[]): AnyTask[] =>
  effects.flatMap((e) => (e.kind === 'save-task' ? [e.task] : []));
