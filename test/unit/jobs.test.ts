// The jobs without a session or a store (electron/core/acs/jobs.ts,
// discovery.ts): what each step sends and which effects an answer has, the
// discovery fallbacks for field quirks, and what becomes of a task
// (task-transitions.ts, the re-send rule).
import { describe, expect, it } from 'vitest';
import { DiscoveryJob } from '../../electron/core/acs/discovery';
import type { Answer, JobView, Step } from '../../electron/core/acs/job';
import { createJob } from '../../electron/core/acs/jobs';
import type { Effect } from '../../electron/core/acs/session-effects';
import { asDone, asFailed, asRunning, asUnanswered } from '../../electron/core/acs/task-transitions';
import type { AcsRequestName, CwmpFault } from '../../shared/cwmp/types';
import { COMPAT_DEFAULTS, type CompatProfile } from '../../shared/model/compat';
import type { TaskRecord } from '../../shared/model/records';
import { AT, DEVICE, task } from './session-world';

const view = (compat: Partial<CompatProfile> = {}): JobView => ({
  deviceId: DEVICE, sessionId: 'S1', root: 'Device.', now: AT, compat: { ...COMPAT_DEFAULTS, ...compat },
});

const discovery = (path = 'Device.') =>
  new DiscoveryJob(task('GetParameterNames', { ParameterPath: path, NextLevel: false }, { origin: 'discovery' }) as TaskRecord<'GetParameterNames'>);

const names = (...list: [string, boolean][]): Answer<'GetParameterNames'> =>
  ({ name: 'GetParameterNamesResponse', args: { ParameterList: list.map(([Name, Writable]) => ({ Name, Writable })) } });
const values = (...list: [string, string][]): Answer<'GetParameterValues'> =>
  ({ name: 'GetParameterValuesResponse', args: { ParameterList: list.map(([Name, Value]) => ({ Name, Value, Type: 'string' as const })) } });
const fault = (code: number): CwmpFault => ({ faultcode: 'Server', faultstring: 'CWMP fault', detail: { FaultCode: code, FaultString: 'refused' } });

const requestOf = (step: Step | null) => (step && 'request' in step ? step.request : undefined);
const ofKind = <K extends Effect['kind']>(effects: readonly Effect[], kind: K) => effects.filter((e): e is Extract<Effect, { kind: K }> => e.kind === kind);

const TREE: [string, boolean][] = [
  ['Device.', false], ['Device.DeviceInfo.', false], ['Device.DeviceInfo.UpTime', false], ['Device.DeviceInfo.ModelName', false],
  ['Device.WiFi.', false], ['Device.WiFi.SSID.1.SSID', true], ['Device.RootDataModelVersion', false],
];
const LEAVES = ['Device.DeviceInfo.UpTime', 'Device.DeviceInfo.ModelName', 'Device.WiFi.SSID.1.SSID', 'Device.RootDataModelVersion'];

describe('discovery (A.3.2.2)', () => {
  it('names of the whole tree, then one partial-path read per top-level object and the direct leaves; done with its counts', () => {
    const job = discovery();
    expect(job.start(view())).toEqual({ effects: [], request: { name: 'GetParameterNames', args: { ParameterPath: 'Device.', NextLevel: false } } });
    const s1 = job.onResponse(view(), names(...TREE));
    expect(s1.effects).toEqual([
      { kind: 'progress', deviceId: DEVICE, names: 7, values: 0 },
      { kind: 'parameters', deviceId: DEVICE, at: AT, changes: TREE.map(([path, writable]) => ({ path, writable })) },
    ]);
    expect(requestOf(s1)).toEqual({ name: 'GetParameterValues', args: { ParameterNames: ['Device.DeviceInfo.'] } });
    const s2 = job.onResponse(view(), values(['Device.DeviceInfo.UpTime', '42'], ['Device.DeviceInfo.ModelName', 'HGW']));
    expect(requestOf(s2)).toEqual({ name: 'GetParameterValues', args: { ParameterNames: ['Device.WiFi.'] } });
    expect(ofKind(s2.effects, 'progress')).toEqual([{ kind: 'progress', deviceId: DEVICE, names: 7, values: 2 }]);
    const s3 = job.onResponse(view(), values(['Device.WiFi.SSID.1.SSID', 'Lab']));
    expect(requestOf(s3)).toEqual({ name: 'GetParameterValues', args: { ParameterNames: ['Device.RootDataModelVersion'] } });
    const s4 = job.onResponse(view(), values(['Device.RootDataModelVersion', '2.19']));
    expect('done' in s4 && s4.done).toEqual({ parameters: 4, names: 7, leaves: 4 });
    const [stale] = ofKind(s4.effects, 'drop-stale');
    expect(stale).toMatchObject({ deviceId: DEVICE, path: 'Device.' });
    expect([...stale!.seen].sort()).toEqual(TREE.map(([p]) => p).sort());
  });

  it('a root GetParameterNames refused: learned, values read on the root, then each top-level object asked for writability', () => {
    const job = discovery();
    job.start(view());
    const s1 = job.onFault(view(), fault(9005))!;
    expect(s1.effects).toEqual([{
      kind: 'learn', deviceId: DEVICE, switch: 'rootGetParameterNames', value: false, sessionId: 'S1',
      reason: 'the CPE refused GetParameterNames on Device. with fault 9005',
    }]);
    expect(requestOf(s1)).toEqual({ name: 'GetParameterValues', args: { ParameterNames: ['Device.'] } });
    const s2 = job.onResponse(view(), values(['Device.DeviceInfo.UpTime', '1'], ['Device.WiFi.SSID.1.SSID', 'x']));
    expect(requestOf(s2)).toEqual({ name: 'GetParameterNames', args: { ParameterPath: 'Device.DeviceInfo.', NextLevel: false } });
    // A subtree whose names are refused keeps unknown writability; discovery goes on.
    expect(requestOf(job.onFault(view(), fault(9005)))).toEqual({ name: 'GetParameterNames', args: { ParameterPath: 'Device.WiFi.', NextLevel: false } });
  });

  it('with rootGetParameterNames already off, the root is read with GetParameterValues first; both refused is a failure', () => {
    const job = discovery();
    expect(requestOf(job.start(view({ rootGetParameterNames: false })))).toEqual({ name: 'GetParameterValues', args: { ParameterNames: ['Device.'] } });
    expect(job.onFault(view(), fault(9002))).toEqual({
      effects: [], failed: 'the CPE refused both GetParameterNames and GetParameterValues on Device. (fault 9002)',
    });
  });

  it('a partial-path GetParameterValues refused: learned, and every leaf not yet valued read by name in batches of maxParametersPerGet', () => {
    const job = discovery();
    job.start(view({ maxParametersPerGet: 2 }));
    job.onResponse(view({ maxParametersPerGet: 2 }), names(...TREE));
    const s = job.onFault(view({ maxParametersPerGet: 2 }), fault(9003))!;
    expect(ofKind(s.effects, 'learn')).toMatchObject([{ switch: 'partialPathGetParameterValues', value: false }]);
    expect(requestOf(s)).toEqual({ name: 'GetParameterValues', args: { ParameterNames: ['Device.DeviceInfo.UpTime', 'Device.DeviceInfo.ModelName'] } });
  });

  it('a partial path answered with the bare object and no children (a field quirk): learned, read by name', () => {
    const job = discovery();
    job.start(view());
    job.onResponse(view(), names(...TREE));
    const s = job.onResponse(view(), values(['Device.DeviceInfo.', '']));
    expect(ofKind(s.effects, 'learn')).toMatchObject([{
      switch: 'partialPathGetParameterValues', reason: 'the CPE answered GetParameterValues for Device.DeviceInfo. with the object itself and no parameters',
    }]);
    expect(ofKind(s.effects, 'parameters')).toEqual([]);
    expect(requestOf(s)?.args).toEqual({ ParameterNames: LEAVES });
  });

  it('names for all, values for few: done, but saying how far it got (rule 2: partial)', () => {
    const job = discovery();
    job.start(view({ partialPathGetParameterValues: false }));
    const s1 = job.onResponse(view(), names(...TREE));
    expect(requestOf(s1)?.args).toEqual({ ParameterNames: LEAVES });
    const s2 = job.onResponse(view(), values(['Device.DeviceInfo.UpTime', '1']));
    expect('done' in s2 && s2.done).toEqual({ parameters: 1, names: 7, leaves: 4, incomplete: 'values for 1 of 4 parameters (25 %)' });
  });
});

describe('one-request jobs', () => {
  const run = <K extends AcsRequestName>(t: TaskRecord<K>, answer: object) => {
    const job = createJob(t as never);
    const started = job.start(view());
    return { job, started, answered: job.onResponse(view(), answer as never) };
  };

  it('SetParameterValues: the values sent are the tree\'s once answered (A.3.2.1)', () => {
    const t = task('SetParameterValues', { ParameterList: [{ Name: 'Device.WiFi.SSID.1.SSID', Value: 'Lab', Type: 'string' }], ParameterKey: 'k' });
    const { started, answered } = run(t as TaskRecord<'SetParameterValues'>, { name: 'SetParameterValuesResponse', args: { Status: 1 } });
    expect(requestOf(started)).toEqual({ name: 'SetParameterValues', args: t.args });
    expect(answered).toEqual({
      effects: [{ kind: 'parameters', deviceId: DEVICE, at: AT, changes: [{ path: 'Device.WiFi.SSID.1.SSID', value: 'Lab', type: 'string' }] }],
      done: { Status: 1 },
    });
  });

  it('DeleteObject removes the subtree; GetParameterAttributes keeps notification and access list', () => {
    const del = run(task('DeleteObject', { ObjectName: 'Device.NAT.PortMapping.3.', ParameterKey: '' }) as TaskRecord<'DeleteObject'>,
      { name: 'DeleteObjectResponse', args: { Status: 0 } });
    expect(del.answered.effects).toEqual([{ kind: 'remove-subtree', deviceId: DEVICE, path: 'Device.NAT.PortMapping.3.' }]);
    const gpa = run(task('GetParameterAttributes', { ParameterNames: ['Device.X'] }) as TaskRecord<'GetParameterAttributes'>,
      { name: 'GetParameterAttributesResponse', args: { ParameterList: [{ Name: 'Device.X', Notification: 2, AccessList: ['Subscriber'] }] } });
    expect(gpa.answered.effects).toMatchObject([{ kind: 'parameters', changes: [{ path: 'Device.X', notification: 2, accessList: ['Subscriber'] }] }]);
  });

  it('a long list answer is kept clipped in the task (the tree has it all)', () => {
    const list = Array.from({ length: 250 }, (_, i) => ({ Name: `Device.X.${i}`, Value: String(i) }));
    const { answered } = run(task('GetParameterValues', { ParameterNames: ['Device.X.'] }) as TaskRecord<'GetParameterValues'>,
      { name: 'GetParameterValuesResponse', args: { ParameterList: list } });
    expect('done' in answered && answered.done).toEqual({ ParameterList: list.slice(0, 200), total: 250, truncated: true });
    expect(ofKind(answered.effects, 'parameters')[0]?.changes).toHaveLength(250);
  });

  it('Reboot and FactoryReset end the session (A.3.2.7, A.4.1.5); a fault fails a single-request job', () => {
    expect(createJob(task('Reboot', { CommandKey: '' })).endsSession).toBe(true);
    expect(createJob(task('FactoryReset', {})).endsSession).toBe(true);
    expect(createJob(task('Download', {
      CommandKey: '', FileType: '1 Firmware Upgrade Image', URL: 'http://192.0.2.1/f', Username: '', Password: '', FileSize: 0,
      TargetFileName: '', DelaySeconds: 0, SuccessURL: '', FailureURL: '',
    })).endsSession).toBe(false);
    expect(createJob(task('Reboot', { CommandKey: '' })).onFault(view(), fault(9001))).toBeNull();
  });

  it('AddObject records the new instance and leaves its read to a follow-up task (rule 1)', () => {
    const { answered } = run(task('AddObject', { ObjectName: 'Device.NAT.PortMapping.', ParameterKey: '' }) as TaskRecord<'AddObject'>,
      { name: 'AddObjectResponse', args: { InstanceNumber: 7, Status: 0 } });
    expect(answered).toEqual({
      effects: [{ kind: 'parameters', deviceId: DEVICE, at: AT, changes: [{ path: 'Device.NAT.PortMapping.7.', writable: true }] }],
      done: { InstanceNumber: 7, Status: 0 }, followUp: 'Device.NAT.PortMapping.7.',
    });
  });

  it('a discovery or follow-up task is a discovery job; a user GetParameterNames is one request', () => {
    expect(createJob(task('GetParameterNames', { ParameterPath: 'Device.', NextLevel: false }, { origin: 'follow-up' }))).toBeInstanceOf(DiscoveryJob);
    expect(createJob(task('GetParameterNames', { ParameterPath: 'Device.', NextLevel: true }, { origin: 'user' }))).not.toBeInstanceOf(DiscoveryJob);
  });
});

describe('what becomes of a task (the re-send rule)', () => {
  const t = task('GetParameterValues', { ParameterNames: ['Device.'] });

  it('sent: running, one more attempt; answered: done with its result, the old error gone', () => {
    const running = asRunning({ ...t, error: 'earlier' }, AT);
    expect(running).toMatchObject({ status: 'running', started: AT, attempts: 1 });
    expect(asDone(running, { ParameterList: [] }, AT)).toMatchObject({ status: 'done', finished: AT, result: { ParameterList: [] }, error: undefined });
    expect(asFailed(running, { error: 'no' }, AT)).toMatchObject({ status: 'failed', error: 'no', fault: undefined });
  });

  it('no answer: a read is re-queued until its third attempt; AddObject, Reboot, Download end unknown; SetParameterValues is re-sent once', () => {
    expect(asUnanswered({ ...t, attempts: 2 }, 'dropped', AT).status).toBe('queued');
    expect(asUnanswered({ ...t, attempts: 3 }, 'dropped', AT))
      .toMatchObject({ status: 'failed', error: 'sent; no answer (dropped); gave up after 3 attempts' });
    for (const rpcTask of [task('AddObject', { ObjectName: 'Device.X.', ParameterKey: '' }), task('Reboot', { CommandKey: '' })]) {
      expect(asUnanswered({ ...rpcTask, attempts: 1 }, 'dropped', AT)).toMatchObject({ status: 'unknown', finished: AT });
    }
    const spv = task('SetParameterValues', { ParameterList: [], ParameterKey: '' });
    expect(asUnanswered({ ...spv, attempts: 1 }, 'x', AT).status).toBe('queued');
    expect(asUnanswered({ ...spv, attempts: 2 }, 'x', AT).status).toBe('unknown');
  });
});
