// Issue 10: behaviours of CPE stacks nobody here wrote, each as a virtual CPE
// quirk — the ACS never re-sends an answered AddObject, learns what a dropped
// session proves (XML declaration, partial-path reads) and says how far
// discovery got. Every ACS message is schema-checked.
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { Quirks } from '../../electron/sim/quirks';
import { harnessPool } from '../support/cpe-pool';
import { waitFor, type Harness } from '../support/harness';

const pool = harnessPool({ dropGraceMs: 300 });

async function setup() {
  const { h, cpe } = await pool();
  return { h, cpe: (serial: string, quirks: Quirks) => cpe(serial, { quirks }) };
}

const done = (h: Harness, id: string) => waitFor(() => h.core.store.get(id)?.discovery.status === 'done', `${id} discovered`, 30_000);

describe('real-CPE behaviours (issue 10)', () => {
  it('AddObject answered, then the CPE drops on the read of the new instance: one instance, AddObject sent once', async () => {
    const { h, cpe } = await setup();
    const c = await cpe('DROP-ADD', { dropAfterAddObject: true });
    await done(h, c.deviceKey);
    const before = await h.core.handlers['parameter.list']({ deviceId: c.deviceKey, path: 'Device.NAT.PortMapping.', depth: 1 });
    const task = await h.core.handlers['task.enqueue']({ deviceId: c.deviceKey, rpc: 'AddObject', args: { ObjectName: 'Device.NAT.PortMapping.', ParameterKey: '' } });
    const finished = await waitFor(() => { const t = h.core.store.getTask(task.id); return t?.status === 'done' ? t : undefined; }, 'AddObject done');
    const n = (finished.result as { InstanceNumber: number }).InstanceNumber;
    // The follow-up read is its own task; the CPE dropped the first try, a later session reads it.
    await waitFor(() => h.core.store.tasks({ deviceId: c.deviceKey }).some((t) => t.origin === 'follow-up' && t.status === 'done'), 'instance read', 30_000);
    const sent = h.logged.filter((m) => m.direction === 'acs->cpe' && m.rpc === 'AddObject' && m.deviceId === c.deviceKey);
    expect(sent).toHaveLength(1);
    const after = await h.core.handlers['parameter.list']({ deviceId: c.deviceKey, path: 'Device.NAT.PortMapping.', depth: 1 });
    expect(after.filter((p) => p.object).length).toBe(before.filter((p) => p.object).length + 1);
    expect(after.some((p) => p.path === `Device.NAT.PortMapping.${n}.`)).toBe(true);
    expect(h.core.store.getTask(task.id)!.status).toBe('done');
  });

  it('a state-changing task left running by a crash is not re-sent; a read is', async () => {
    const { h, cpe } = await setup();
    const c = await cpe('CRASH-RUN', {});
    await done(h, c.deviceKey);
    const now = new Date().toISOString();
    const base = { deviceId: c.deviceKey, status: 'running' as const, origin: 'api', created: now, started: now, attempts: 1 };
    await h.core.store.putTask({ ...base, id: 'add-1', rpc: 'AddObject', args: { ObjectName: 'Device.NAT.PortMapping.', ParameterKey: '' } });
    await h.core.store.putTask({ ...base, id: 'read-1', rpc: 'GetParameterValues', args: { ParameterNames: ['Device.DeviceInfo.UpTime'] } });
    await h.restart();
    const add = h.core.store.getTask('add-1')!;
    expect(add.status).toBe('unknown');
    expect(add.error).toMatch(/not re-sent: AddObject is not idempotent .*duplicate instance/);
    expect(h.core.store.getTask('read-1')!.status).toBe('queued');
    expect(h.core.store.getTask('read-1')!.error).toMatch(/re-sent at the next session: GetParameterValues only reads/);
  });

  it('a CPE whose parser fails on the XML declaration: learned, the next session goes without it, one discovery task', async () => {
    const { h, cpe } = await setup();
    const c = await cpe('NO-XMLDECL', { rejectXmlDeclaration: true });
    await done(h, c.deviceKey);
    const dev = h.core.store.get(c.deviceKey)!;
    expect(dev.compat?.xmlDeclaration).toMatchObject({ value: false, source: 'learned' });
    expect(dev.compat!.xmlDeclaration!.reason).toMatch(/(closed the connection|started a new session) right after the InformResponse/);
    const discoveries = h.core.store.tasks({ deviceId: c.deviceKey }).filter((t) => t.origin === 'discovery');
    expect(discoveries).toHaveLength(1);
    // The session that ended says why; the one after carries the learned note.
    const noted = h.logged.find((m) => m.deviceId === c.deviceKey && m.rpc === 'InformResponse' && /compatibility profile learned/.test(m.note ?? ''));
    expect(noted?.body.startsWith('<?xml')).toBe(false);
    // The learned profile travels in the device's bundle, through an import and a re-export.
    const exp = await h.core.handlers['log.export']({ deviceId: c.deviceKey });
    const doc = JSON.parse(gunzipSync(Buffer.from(exp.bytes, 'base64')).toString('utf8'));
    expect(doc.devices[c.deviceKey].compat.xmlDeclaration).toMatchObject({ value: false, source: 'learned', reason: dev.compat!.xmlDeclaration!.reason });
    const imp = await h.core.handlers['log.import']({ fileName: exp.fileName, bytes: exp.bytes });
    const info = (await h.core.handlers['log.imports']({})).find((i) => i.importId === imp.importId)!;
    expect(info.deviceProfiles?.[c.deviceKey]?.compat?.xmlDeclaration?.value).toBe(false);
    const again = await h.core.handlers['log.export']({ source: imp.importId });
    const doc2 = JSON.parse(gunzipSync(Buffer.from(again.bytes, 'base64')).toString('utf8'));
    expect(doc2.devices).toEqual(doc.devices);
  });

  it('a CPE that crashes on a partial-path GetParameterValues: values read by name, learned, discovery complete', async () => {
    const { h, cpe } = await setup();
    const c = await cpe('DROP-PARTIAL', { dropOnPartialPath: true });
    await done(h, c.deviceKey);
    const dev = h.core.store.get(c.deviceKey)!;
    expect(dev.compat?.partialPathGetParameterValues).toMatchObject({ value: false, source: 'learned' });
    expect(dev.compat!.partialPathGetParameterValues!.reason).toMatch(/without answering GetParameterValues for Device\.\w+\./);
    expect(dev.discovery.values).toBeGreaterThanOrEqual(0.9 * (dev.discovery.leaves ?? Infinity));
    const up = await h.core.store.getParameter(c.deviceKey, 'Device.DeviceInfo.UpTime');
    expect(up?.value).toMatch(/^\d+$/);
    const words = h.core.store.tasks({ deviceId: c.deviceKey }).map((t) => t.error ?? '').join('\n');
    expect(words).not.toMatch(/started a new session/);
  });

  it('a partial path answered with the object itself: detected, read by name, never "done" with empty leaves', async () => {
    const { h, cpe } = await setup();
    const c = await cpe('PARTIAL-OBJ', { partialPathAsObject: true });
    await done(h, c.deviceKey);
    const dev = h.core.store.get(c.deviceKey)!;
    expect(dev.compat?.partialPathGetParameterValues?.reason).toMatch(/with the object itself/);
    expect(dev.discovery.leaves).toBeGreaterThan(100);
    expect(dev.discovery.values).toBeGreaterThanOrEqual(dev.discovery.leaves!);
  });

  it('compatibility profile: a manual change applies to the next session and survives a restart', async () => {
    const { h, cpe } = await setup();
    const c = await cpe('COMPAT-USER', {});
    await done(h, c.deviceKey);
    const set = await h.core.handlers['device.setCompat']({ id: c.deviceKey, switch: 'xmlDeclaration', value: false });
    expect(set.compat?.xmlDeclaration).toMatchObject({ value: false, source: 'user', reason: 'set by the user' });
    await expect(h.core.handlers['device.setCompat']({ id: c.deviceKey, switch: 'maxParametersPerGet', value: -1 as never })).rejects.toThrow(/whole number/);
    const mark = h.logged.length;
    await c.inform(['2 PERIODIC']);
    const ir = h.logged.slice(mark).find((m) => m.rpc === 'InformResponse' && m.deviceId === c.deviceKey)!;
    expect(ir.body.trimStart().startsWith('<soap-env:Envelope')).toBe(true);
    await h.restart();
    expect(h.core.store.get(c.deviceKey)!.compat?.xmlDeclaration?.value).toBe(false);
    await h.core.handlers['device.setCompat']({ id: c.deviceKey, switch: 'xmlDeclaration', value: null });
    expect(h.core.store.get(c.deviceKey)!.compat?.xmlDeclaration).toBeUndefined();
  });

  it('compatibility profile applied on the wire: boolean style and dateTime fraction in SetParameterValues', async () => {
    const { h, cpe } = await setup();
    const c = await cpe('COMPAT-WIRE', {});
    await done(h, c.deviceKey);
    const spv = async (value: string, when: string) => {
      const mark = h.logged.length;
      const task = await h.core.handlers['task.enqueue']({ deviceId: c.deviceKey, rpc: 'SetParameterValues', args: { ParameterList: [
        { Name: 'Device.ManagementServer.PeriodicInformEnable', Value: value, Type: 'boolean' },
        { Name: 'Device.ManagementServer.PeriodicInformTime', Value: when, Type: 'dateTime' },
      ], ParameterKey: '' } });
      await waitFor(() => h.core.store.getTask(task.id)?.status === 'done', 'SPV done');
      return h.logged.slice(mark).find((m) => m.rpc === 'SetParameterValues' && m.deviceId === c.deviceKey)!.body;
    };
    // Defaults: 'auto' echoes what the CPE reported (this one says true/false); no fraction.
    let body = await spv('1', '2026-12-08T10:00:00.250Z');
    expect(body).toMatch(/<Value xsi:type="xsd:boolean">true<\/Value>/);
    expect(body).toContain('>2026-12-08T10:00:00Z<');
    await h.core.handlers['device.setCompat']({ id: c.deviceKey, switch: 'booleanStyle', value: 'digits' });
    await h.core.handlers['device.setCompat']({ id: c.deviceKey, switch: 'dateTimeFraction', value: true });
    body = await spv('true', '2026-12-08T10:00:00Z');
    expect(body).toMatch(/<Value xsi:type="xsd:boolean">1<\/Value>/);
    expect(body).toContain('>2026-12-08T10:00:00.000Z<');
    await expect(h.core.handlers['device.setCompat']({ id: c.deviceKey, switch: 'booleanStyle', value: 'yes' as never })).rejects.toThrow(/auto, words or digits/);
  });

  it('a CPE that drops the cookie and opens a new connection per message: found by address, cookieless learned once', async () => {
    const { h, cpe } = await setup();
    const c = await cpe('NO-COOKIE', { newConnectionPerRequest: true, noCookies: true });
    await done(h, c.deviceKey);
    const dev = h.core.store.get(c.deviceKey)!;
    expect(dev.compat?.cookieless).toMatchObject({ value: true, source: 'learned' });
    expect(dev.compat!.cookieless!.reason).toMatch(/without the session cookie/);
    const notes = h.logged.filter((m) => m.deviceId === c.deviceKey && /learned: Cookie-less sessions/.test(m.note ?? ''));
    expect(notes).toHaveLength(1);
    expect(dev.discovery.values).toBe(c.parameterCount);
  });
});
