// Jobs for each ACS request (TR-069 A.3.2 and A.4.1): what to send, and what
// the answer teaches us about the device (as effects: jobs never write).
import type { AcsRequestName } from '../../../shared/cwmp/types';
import type { AnyTask, ResponseBody, TaskRecord, TaskResult } from '../../../shared/model/records';
import type { ParameterChange } from '../store/parameter-table';
import { DiscoveryJob } from './discovery';
import { namesToChanges, valuesToChanges, type Answer, type Job, type JobView, type Step } from './job';
import type { Effect } from './session-effects';

export function createJob(task: AnyTask): Job {
  if (task.origin === 'discovery' || task.origin === 'follow-up') {
    if (task.rpc === 'GetParameterNames') return new DiscoveryJob(task);
  }
  if (task.rpc === 'AddObject') return new AddObjectJob(task);
  return new SingleRpcJob(task);
}

/** One request, one response, its facts for the tree. */
class SingleRpcJob<K extends AcsRequestName> implements Job<K> {
  constructor(readonly task: TaskRecord<K> & AnyTask) {}

  get endsSession(): boolean {
    // TR-069 A.3.2.7/A.4.1.5: the CPE reboots (or resets) after the session ends, so end it now.
    return this.task.rpc === 'Reboot' || this.task.rpc === 'FactoryReset';
  }

  start(): Step<K> {
    return { effects: [], request: { name: this.task.rpc, args: this.task.args } };
  }

  onResponse(view: JobView, answer: Answer<K>): Step<K> {
    const facts = LEARNT[this.task.rpc]?.(this.task, answer.args);
    const effects: Effect[] = [];
    if (facts?.changes) effects.push({ kind: 'parameters', deviceId: view.deviceId, changes: facts.changes, at: view.now });
    if (facts?.removed) effects.push({ kind: 'remove-subtree', deviceId: view.deviceId, path: facts.removed });
    return { effects, done: compactResult(answer.args) };
  }

  onFault(): Step<K> | null {
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

  start(): Step<'AddObject'> {
    return { effects: [], request: { name: 'AddObject', args: this.task.args } };
  }

  onResponse(view: JobView, answer: Answer<'AddObject'>): Step<'AddObject'> {
    const instance = `${this.task.args.ObjectName}${answer.args.InstanceNumber}.`;
    const changes = [{ path: instance, writable: true }];
    return { effects: [{ kind: 'parameters', deviceId: view.deviceId, changes, at: view.now }], done: answer.args, followUp: instance };
  }

  onFault(): Step<'AddObject'> | null {
    return null;
  }
}
