// A job is what one queued task means on the wire: one RPC for most tasks,
// several for discovery or AddObject (which learns the new instance right
// after creating it). The session drives jobs one request at a time.
import type { AcsRequestName, CwmpBody, CwmpFault, ParameterValueStruct, RpcBodies } from '../../../shared/cwmp/types';
import type { CompatProfile, CompatSwitch } from '../../../shared/model/compat';
import type { AnyTask, ResponseBody, ResponseName, TaskResult } from '../../../shared/model/records';
import type { DeviceStore, ParameterChange } from '../store/device-store';

/** One ACS request of kind K with its arguments (A.3.2, A.4.1). */
export interface Request<K extends AcsRequestName = AcsRequestName> { name: K; args: RpcBodies[K] }
/** A request of any of the kinds in K, discriminated by `name`. */
export type AnyRequest<K extends AcsRequestName = AcsRequestName> = { [P in K]: Request<P> }[K];
/** The CPE's answer to a request of one of the kinds in K (`<Method>Response`, A.3.1), discriminated by `name`. */
export type Answer<K extends AcsRequestName = AcsRequestName> = { [P in K]: { name: ResponseName<P>; args: ResponseBody<P> } }[K];

/** The answer to `request`: the one check that ties a response body to the request it answers. */
export function isAnswerTo<K extends AcsRequestName>(request: K, body: CwmpBody): body is Extract<CwmpBody, Answer<K>> {
  return body.name === `${request}Response`;
}

export interface JobContext {
  store: DeviceStore;
  deviceId: string;
  /** Device's data-model root: 'Device.' or 'InternetGatewayDevice.'. */
  root: string;
  now(): string;
  /** Progress for long jobs (discovery). */
  progress(update: { names?: number; values?: number }): void;
  /** The device's compatibility profile (shared/model/compat.ts), as it was when the job started. */
  compat: CompatProfile;
  /** Learns a switch the device's answer proved (kept on the device, noted in the session log). */
  learn(s: CompatSwitch, value: boolean, reason: string): Promise<void>;
}

/**
 * `followUp`: an object path to read once this task's outcome is recorded,
 * as a task of its own (issue 10, rule 1: a failed read never re-runs the change).
 */
export type Step<R extends AcsRequestName = AcsRequestName> =
  | { request: AnyRequest<R> } | { done: TaskResult<AcsRequestName>; followUp?: string } | { failed: string };

/** A job sends requests of the kinds in R, one at a time, and is given each answer typed as that request's. */
export interface Job<R extends AcsRequestName = AcsRequestName> {
  readonly task: AnyTask;
  /** First request. */
  start(ctx: JobContext): Promise<Step<R>>;
  /** The CPE answered the outstanding request (the session checked that it is its answer). */
  onResponse(ctx: JobContext, answer: Answer<R>): Promise<Step<R>>;
  /** The CPE answered with a SOAP fault; a job may fall back instead of failing. */
  onFault(ctx: JobContext, fault: CwmpFault): Promise<Step<R> | null>;
  /** After this job the session should end (Reboot, FactoryReset). */
  readonly endsSession?: boolean;
}

/** Facts from GetParameterValuesResponse. */
export function valuesToChanges(list: ParameterValueStruct[]): ParameterChange[] {
  const out: ParameterChange[] = new Array(list.length);
  for (let i = 0; i < list.length; i++) {
    const p = list[i];
    out[i] = p.Type ? { path: p.Name, value: p.Value, type: p.Type } : { path: p.Name, value: p.Value };
  }
  return out;
}

/**
 * Facts from GetParameterNamesResponse. Field quirk: some CPEs drop the
 * trailing '.' of object names; a name that prefixes another is an object.
 */
export function namesToChanges(list: { Name: string; Writable: boolean }[]): ParameterChange[] {
  const names = new Set(list.map((p) => p.Name));
  const prefixes = new Set<string>();
  for (const n of names) {
    let i = n.indexOf('.');
    while (i >= 0 && i < n.length - 1) {
      prefixes.add(n.slice(0, i));
      i = n.indexOf('.', i + 1);
    }
  }
  return list.map((p) => {
    const path = !p.Name.endsWith('.') && prefixes.has(p.Name) ? `${p.Name}.` : p.Name;
    return { path, writable: p.Writable };
  });
}
