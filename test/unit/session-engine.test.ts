// The edge of the session core with a real store and queue, no sockets: the
// decision's effects are on disk before the answer is handed back (the
// re-send rule's durability), and the store tells device.updated itself.
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { newSession, SessionEngine } from '../../electron/core/acs/session';
import { TaskQueue } from '../../electron/core/acs/task-queue';
import { EventBus } from '../../electron/core/runtime/events';
import { DeviceStore } from '../../electron/core/store/device-store';
import type { DeviceSummary } from '../../shared/model/records';
import { answer, DEVICE, envelope, informOf } from './session-world';

const dirs: string[] = [];
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'tr069-engine-'));
  dirs.push(dir);
  return dir;
}

async function setup() {
  const dir = await tempDir();
  const bus = new EventBus();
  const updates: DeviceSummary[] = [];
  const store = await DeviceStore.open(dir, { compactIdleMs: 60_000, onSummaryChange: (s) => updates.push(s) });
  const queue = new TaskQueue(store, bus);
  const engine = new SessionEngine(store, queue, bus, { autoDiscover: false });
  return { dir, store, queue, engine, updates };
}

/** The data folder as it is on disk now, reopened as if the process had been killed. */
async function crashCopy(dir: string): Promise<DeviceStore> {
  const to = await tempDir();
  await cp(dir, to, { recursive: true });
  return DeviceStore.open(to, { compactIdleMs: 60_000 });
}

describe('SessionEngine: effects durable before the answer', () => {
  it('a task is on disk as running when its request is handed out, and AddObject\'s outcome when the next message is', async () => {
    const { dir, store, queue, engine } = await setup();
    const s = newSession('192.0.2.7');
    await engine.onMessage(s, informOf());
    const t = await queue.enqueue(DEVICE, 'AddObject', { ObjectName: 'Device.NAT.PortMapping.', ParameterKey: 'k' }, 'api');
    const sent = await engine.onMessage(s, null);
    expect(sent).toMatchObject({ kind: 'envelope', envelope: { body: { name: 'AddObject' }, header: { ID: `${s.id}.1` } } });
    let crashed = await crashCopy(dir);
    expect(crashed.getTask(t.id)).toMatchObject({ status: 'running', attempts: 1 });
    await crashed.close();

    const next = await engine.onMessage(s, answer('AddObjectResponse', { InstanceNumber: 5, Status: 0 }, `${s.id}.1`));
    // The new instance is read by a follow-up task of its own, in the same session.
    expect(next).toMatchObject({ kind: 'envelope', envelope: { body: { name: 'GetParameterNames', args: { ParameterPath: 'Device.NAT.PortMapping.5.' } } } });
    crashed = await crashCopy(dir);
    expect(crashed.getTask(t.id)).toMatchObject({ status: 'done', result: { InstanceNumber: 5, Status: 0 } });
    expect(crashed.tasks({ deviceId: DEVICE }).map((x) => [x.origin, x.status])).toEqual([['api', 'done'], ['follow-up', 'running']]);
    expect(await crashed.getParameter(DEVICE, 'Device.NAT.PortMapping.5.')).toMatchObject({ object: true, writable: true });
    await crashed.close();
    await engine.end(s, 'test');
    await store.close();
  });

  it('a request its last check refuses fails unsent and the session goes on to the next task', async () => {
    const { store, queue, engine } = await setup();
    const s = newSession();
    await engine.onMessage(s, informOf());
    const bad = await queue.enqueue(DEVICE, 'SetParameterValues', { ParameterList: [{ Name: 'Device.X_Vendor', Value: 'abc' }], ParameterKey: '' }, 'api');
    await queue.enqueue(DEVICE, 'Reboot', { CommandKey: 'r' }, 'api');
    // Learnt after queueing: the device reports the parameter read-only, so the request must not go out.
    await store.applyParameters(DEVICE, [{ path: 'Device.X_Vendor', writable: false }], new Date().toISOString());
    const r = await engine.onMessage(s, null);
    expect(r).toMatchObject({ kind: 'envelope', envelope: { body: { name: 'Reboot' } } });
    expect(store.getTask(bad.id))
      .toMatchObject({ status: 'failed', error: expect.stringMatching(/^SetParameterValues not sent: Device\.X_Vendor: not writable/) });
    expect(s.outstanding?.name).toBe('Reboot');
    await engine.end(s, 'test');
    await store.close();
  });

  it('a dropped session: the device record says what happened, once per turn in device.updated', async () => {
    const { store, engine, updates } = await setup();
    const s = newSession();
    await engine.onMessage(s, envelope(informOf().body, 'i1'));
    await new Promise((r) => setImmediate(r));
    updates.length = 0;
    await engine.end(s, 'the CPE closed the connection', 'dropped');
    await new Promise((r) => setImmediate(r));
    expect(updates.length).toBeGreaterThan(0);
    const last = updates[updates.length - 1]!;
    expect(last.lastSessionProblem?.text).toMatch(/right after the InformResponse/);
    expect(last.compat?.xmlDeclaration).toMatchObject({ value: false, source: 'learned', sessionId: s.id });
    expect(store.sessions(DEVICE)).toMatchObject([{ sessionId: s.id, outcome: expect.stringMatching(/right after the InformResponse/) }]);
    await store.close();
  });
});
