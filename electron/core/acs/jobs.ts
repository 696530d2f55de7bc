// Jobs for each ACS request (TR-069 A.3.2 and A.4.1): what to send, and what
// the answer teaches us about the device.
import type { AcsRequestName, CwmpFault } from '../../../shared/cwmp/types';
import type { AnyTask, ResponseBody, TaskRecord, TaskResult } from '../../../shared/model/records';
import type { ParameterChange } from '../store/device-store';
import { DiscoveryJob } from './discovery';
import { namesToChanges, valuesToChanges, type Answer, type Job, type JobContext, type Step } from './job';

export function createJob(task: AnyTask): Job {
  if (task.origin === 'discovery' || task.origin === 'follow-up') {
    if (task.rpc === 'GetParameterNames') return new DiscoveryJob(task);
  }
  if (task.rpc === 'AddObject') return new AddObjectJob(task);
  return new SingleRpcJob(task);
}

/** One request, one response, effects applied to the store. */
class SingleRpcJob<K extends AcsRequestName> implements Job<K> {
  constructor(readonly task: TaskRecord<K> & AnyTask) {}

  get endsSession(): boolean {
    // TR-069 A.3.2.7/A.4.1.5: the CPE reboots (or resets) after the session ends, so end it now.
    return this.task.rpc === 'Reboot' || this.task.rpc === 'FactoryReset';
  }

  async start(): Promise<Step<K>> {
    return { request: { name: this.task.rpc, args: this.task.args } };
  }

  async onResponse(ctx: JobContext, answer: Answer<K>): Promise<Step<K>> {
    const learn = LEARNT[this.task.rpc];
    const facts = learn?.(this.task, answer.args);
    if (facts?.changes) await ctx.store.applyParameters(ctx.deviceId, facts.changes, ctx.now());
    if (facts?.removed) await ctx.store.removeSubtree(ctx.deviceId, facts.removed);
    return { done: compactResult(answer.args) };
  }

  async onFault(): Promise<Step<K> | null> {
    return null;
  }
}

/** What an answered request of kind K tells about the tree: parameters learnt, or a subtree gone. */
type Facts = { changes?: ParameterChange[]; removed?: string };
type Learnt = { [K in AcsRequestName]?: (task: TaskRecord<K>, response: ResponseBody<K>) => Facts };

const LEARNT: Learnt = {
  GetParameterValues: (_t, r) => ({ changes: valuesToChanges(r.ParameterList) }),
  GetParameterNames: (_t, r) => ({ changes: namesToChanges(r.ParameterList) }),
  // Status 0: applied; 1: applied and committed after a reboot (A.3.2.1). Either way it is the new value.
  SetParameterValues: (t) => ({ changes: valuesToChanges(t.args.ParameterList) }),
  GetParameterAttributes: (_t, r) => ({
    changes: r.ParameterList.map((p) => ({ path: p.Name, notification: p.Notification, accessList: p.AccessList })),
  }),
  SetParameterAttributes: (t) => ({
    changes: t.args.ParameterList.map((p) => ({
      path: p.Name,
      ...(p.NotificationChange ? { notification: p.Notification } : {}),
      ...(p.AccessListChange ? { accessList: p.AccessList } : {}),
    })),
  }),
  DeleteObject: (t) => ({ removed: t.args.ObjectName }),
};

const RESULT_LIST_MAX = 200;

/** Task results live in the device's small file: big lists are kept in the tree, not twice. */
function compactResult(body: TaskResult<AcsRequestName>): TaskResult<AcsRequestName> {
  return hasList(body) && body.ParameterList.length > RESULT_LIST_MAX ? clip(body) : body;
}

function hasList(body: TaskResult<AcsRequestName>): body is Extract<TaskResult<AcsRequestName>, { ParameterList: readonly unknown[] }> {
  return 'ParameterList' in body && Array.isArray(body.ParameterList);
}

function clip<B extends { ParameterList: readonly unknown[] }>(body: B): B & { total: number; truncated: true } {
  return { ...body, ParameterList: body.ParameterList.slice(0, RESULT_LIST_MAX), total: body.ParameterList.length, truncated: true };
}

/**
 * AddObject (A.3.2.6). Its answer is the outcome, recorded at once; reading
 * the new instance (its parameters and defaults, so the tree shows it) is a
 * follow-up task of its own: a CPE that drops the session on that read (seen
 * in the field) must not get the AddObject again (issue 10, item 1).
 */
class AddObjectJob implements Job<'AddObject'> {
  constructor(readonly task: TaskRecord<'AddObject'>) {}

  async start(): Promise<Step<'AddObject'>> {
    return { request: { name: 'AddObject', args: this.task.args } };
  }

  async onResponse(ctx: JobContext, answer: Answer<'AddObject'>): Promise<Step<'AddObject'>> {
    const instance = `${this.task.args.ObjectName}${answer.args.InstanceNumber}.`;
    await ctx.store.applyParameters(ctx.deviceId, [{ path: instance, writable: true }], ctx.now());
    return { done: answer.args, followUp: instance };
  }

  async onFault(_ctx: JobContext, _fault: CwmpFault): Promise<Step<'AddObject'> | null> {
    return null;
  }
}
