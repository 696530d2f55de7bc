// A job is what one queued task means on the wire: one RPC for most tasks,
// several for discovery. The session drives jobs one request at a time
// (TR-069 §3.7.2.4: the ACS sends its next request once the last is answered).
import type { AcsRequestName, CwmpBody, CwmpFault, ParameterValueStruct, RpcBodies } from '../../../shared/cwmp/types';
import type { CompatProfile } from '../../../shared/model/compat';
import type { AnyTask, ResponseBody, ResponseName, TaskResult } from '../../../shared/model/records';
import type { ParameterChange } from '../store/parameter-table';
import type { Effect } from './session-effects';

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

/** What a job may read: nothing but these facts (jobs decide; the effect runner writes). */
export interface JobView {
  deviceId: string;
  sessionId: string;
  /** Device's data-model root: 'Device.' or 'InternetGatewayDevice.'. */
  root: string;
  /** ISO time of the message being handled. */
  now: string;
  /** The device's compatibility profile (shared/model/compat.ts) as it is now. */
  compat: CompatProfile;
}

/**
 * What a job does next, with the effects of the answer that led there.
 * `followUp`: an object path to read once this task's outcome is recorded,
 * as a task of its own (issue 10, rule 1: a failed read never re-runs the change).
 */
export type Step<R extends AcsRequestName = AcsRequestName> = { effects: Effect[] } & (
  | { request: AnyRequest<R> }
  | { done: TaskResult<AcsRequestName>; followUp?: string }
  | { failed: string });

/**
 * A job is what one queued task means on the wire. It sends requests of the
 * kinds in R, one at a time, and is given each answer typed as that
 * request's. Pure: it reads its view and its own state, and says what
 * changes as effects.
 */
export interface Job<R extends AcsRequestName = AcsRequestName> {
  readonly task: AnyTask;
  /** First request. */
  start(view: JobView): Step<R>;
  /** The CPE answered the outstanding request (the session checked that it is its answer). */
  onResponse(view: JobView, answer: Answer<R>): Step<R>;
  /** The CPE answered with a SOAP fault; a job may fall back instead of failing (null: the task fails with it). */
  onFault(view: JobView, fault: CwmpFault): Step<R> | null;
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
