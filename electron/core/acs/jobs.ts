// Jobs for each ACS request (TR-069 A.3.2 and A.4.1): what to send, and what
// the answer teaches us about the device.
import type { CwmpFault, RpcBodies, RpcName } from '../../../shared/cwmp/types';
import type { TaskRecord } from '../../../shared/model/records';
import { DiscoveryJob } from './discovery';
import { expectResponse, namesToChanges, valuesToChanges, type Job, type JobContext, type Step } from './job';

export function createJob(task: TaskRecord): Job {
  if (task.origin === 'discovery' || task.origin === 'follow-up') return new DiscoveryJob(task);
  if (task.rpc === 'AddObject') return new AddObjectJob(task);
  return new SingleRpcJob(task);
}

/** One request, one response, effects applied to the store. */
class SingleRpcJob implements Job {
  constructor(readonly task: TaskRecord) {}

  get endsSession(): boolean {
    // TR-069 A.3.2.7/A.4.1.5: the CPE reboots (or resets) after the session ends, so end it now.
    return this.task.rpc === 'Reboot' || this.task.rpc === 'FactoryReset';
  }

  async start(): Promise<Step> {
    return { request: { name: this.task.rpc, args: this.task.args } };
  }

  async onResponse(ctx: JobContext, name: RpcName, args: unknown): Promise<Step> {
    const wrong = expectResponse(this.task.rpc, name);
    if (wrong) return { failed: wrong };
    await applyEffects(ctx, this.task, args);
    return { done: compactResult(args) };
  }

  async onFault(): Promise<Step | null> {
    return null;
  }
}

const RESULT_LIST_MAX = 200;

/** Task results live in the device's small file: big lists are kept in the tree, not twice. */
function compactResult(args: unknown): unknown {
  const list = (args as { ParameterList?: unknown[] } | undefined)?.ParameterList;
  if (!Array.isArray(list) || list.length <= RESULT_LIST_MAX) return args;
  return { ...(args as object), ParameterList: list.slice(0, RESULT_LIST_MAX), total: list.length, truncated: true };
}

async function applyEffects(ctx: JobContext, task: TaskRecord, response: unknown): Promise<void> {
  const now = ctx.now();
  switch (task.rpc) {
    case 'GetParameterValues': {
      const r = response as RpcBodies['GetParameterValuesResponse'];
      await ctx.store.applyParameters(ctx.deviceId, valuesToChanges(r.ParameterList), now);
      break;
    }
    case 'GetParameterNames': {
      const r = response as RpcBodies['GetParameterNamesResponse'];
      await ctx.store.applyParameters(ctx.deviceId, namesToChanges(r.ParameterList), now);
      break;
    }
    case 'SetParameterValues': {
      // Status 0: applied; 1: applied and committed after a reboot (A.3.2.1). Either way it is the new value.
      const a = task.args as RpcBodies['SetParameterValues'];
      await ctx.store.applyParameters(ctx.deviceId, valuesToChanges(a.ParameterList), now);
      break;
    }
    case 'GetParameterAttributes': {
      const r = response as RpcBodies['GetParameterAttributesResponse'];
      await ctx.store.applyParameters(
        ctx.deviceId,
        r.ParameterList.map((p) => ({ path: p.Name, notification: p.Notification, accessList: p.AccessList })),
        now,
      );
      break;
    }
    case 'SetParameterAttributes': {
      const a = task.args as RpcBodies['SetParameterAttributes'];
      await ctx.store.applyParameters(
        ctx.deviceId,
        a.ParameterList.map((p) => ({
          path: p.Name,
          ...(p.NotificationChange ? { notification: p.Notification } : {}),
          ...(p.AccessListChange ? { accessList: p.AccessList } : {}),
        })),
        now,
      );
      break;
    }
    case 'DeleteObject': {
      const a = task.args as RpcBodies['DeleteObject'];
      await ctx.store.removeSubtree(ctx.deviceId, a.ObjectName);
      break;
    }
    default:
      break;
  }
}

/**
 * AddObject (A.3.2.6). Its answer is the outcome, recorded at once; reading
 * the new instance (its parameters and defaults, so the tree shows it) is a
 * follow-up task of its own: a CPE that drops the session on that read (seen
 * in the field) must not get the AddObject again (issue 10, item 1).
 */
class AddObjectJob implements Job {
  constructor(readonly task: TaskRecord) {}

  async start(): Promise<Step> {
    return { request: { name: 'AddObject', args: this.task.args } };
  }

  async onResponse(ctx: JobContext, name: RpcName, args: unknown): Promise<Step> {
    const wrong = expectResponse('AddObject', name);
    if (wrong) return { failed: wrong };
    const response = args as RpcBodies['AddObjectResponse'];
    const instance = `${(this.task.args as RpcBodies['AddObject']).ObjectName}${response.InstanceNumber}.`;
    await ctx.store.applyParameters(ctx.deviceId, [{ path: instance, writable: true }], ctx.now());
    return { done: response, followUp: instance };
  }

  async onFault(_ctx: JobContext, _fault: CwmpFault): Promise<Step | null> {
    return null;
  }
}
