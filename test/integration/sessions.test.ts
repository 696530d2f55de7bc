// Session rules and field quirks against virtual CPEs: HoldRequests, CPE
// requests after InformResponse, CPE authentication with its 401s in the log,
// tasks surviving a restart, and the quirks real CPEs show.
import { describe, expect, it } from 'vitest';
import type { Quirks } from '../../electron/sim/quirks';
import { harnessPool } from '../support/cpe-pool';
import { waitFor, type Harness } from '../support/harness';

const setup = harnessPool();

const discovered = (h: Harness, id: string) => waitFor(() => h.core.store.get(id)?.discovery.status === 'done', `${id} discovered`);

describe('session rules', () => {
  it('a CPE request after InformResponse (GetRPCMethods) is answered before the ACS takes its turn', async () => {
    const { h, cpe } = await setup();
    const c = await cpe('CPE-REQ', { sendGetRPCMethods: true });
    await discovered(h, c.deviceKey);
    const msgs = h.logged.filter((m) => m.deviceId === c.deviceKey);
    const order = msgs.map((m) => `${m.direction === 'cpe->acs' ? '>' : '<'}${m.rpc ?? m.status}`);
    expect(order.slice(0, 5)).toEqual(['>Inform', '<InformResponse', '>GetRPCMethods', '<GetRPCMethodsResponse', '>empty']);
    const resp = msgs.find((m) => m.rpc === 'GetRPCMethodsResponse')!;
    expect(resp.body).toMatch(/<string>TransferComplete<\/string>/);
  });

  it('HoldRequests: the CPE keeps its TransferComplete while the ACS holds requests', async () => {
    const { h, cpe } = await setup({ holdRequests: true });
    const c = await cpe('HOLD', { sendGetRPCMethods: true });
    await discovered(h, c.deviceKey);
    const infRes = h.logged.find((m) => m.rpc === 'InformResponse')!;
    expect(infRes.body).toMatch(/<cwmp:HoldRequests soap-env:mustUnderstand="1">true<\/cwmp:HoldRequests>/);
    // With requests held, its GetRPCMethods never follows the InformResponse (unlike the test above).
    const seq = h.logged.filter((m) => m.deviceId === c.deviceKey);
    seq.forEach((m, i) => {
      if (m.rpc === 'InformResponse') expect(seq[i + 1]?.rpc).toBe('empty');
    });
  });

  it('CPE authentication: Digest challenge, the 401 is in the log before the Inform, wrong password stays out', async () => {
    const auth = { scheme: 'digest' as const, username: 'cpe', password: 's3cret' };
    const { h, cpe } = await setup({ auth });
    const good = await cpe('AUTH-OK', { username: 'cpe', password: 's3cret' });
    await discovered(h, good.deviceKey);
    const first = h.logged.find((m) => m.status === 401)!;
    expect(first.headers['www-authenticate']).toMatch(/^Digest realm=/);
    const informs = h.logged.filter((m) => m.rpc === 'Inform' && m.sessionId === first.sessionId);
    expect(informs.length).toBeGreaterThan(0);
    // The Authorization header is redacted in the log.
    const authed = h.logged.find((m) => m.headers.authorization);
    expect(authed?.headers.authorization).not.toMatch(/response="[0-9a-f]{32}"/);
    const bad = await cpe('AUTH-BAD', { username: 'cpe', password: 'nope' });
    await waitFor(() => bad.stats.failedSessions > 0, 'the bad CPE to fail');
    expect(h.core.store.get(bad.deviceKey)).toBeUndefined();
  });

  it('CWMP 1.4 negotiation: UseCWMPVersion is the highest common version; none in common is fault 8006', async () => {
    const { h, cpe } = await setup();
    const c = await cpe('NEG-14', { supportedCWMPVersions: '1.0,1.1,1.2,1.3,1.4' });
    await discovered(h, c.deviceKey);
    const ir = h.logged.find((m) => m.deviceId === c.deviceKey && m.rpc === 'InformResponse')!;
    expect(ir.body).toMatch(/<cwmp:UseCWMPVersion soap-env:mustUnderstand="1">1\.4<\/cwmp:UseCWMPVersion>/);
    const odd = await cpe('NEG-20', { supportedCWMPVersions: '2.0' });
    await waitFor(() => odd.stats.failedSessions > 0, 'the session to be refused');
    expect(h.logged.some((m) => m.faultCode === 8006 && m.direction === 'acs->cpe')).toBe(true);
  });

  it('a CPE silent mid-session: the session times out and the unanswered Reboot is not re-sent (it may have been applied)', async () => {
    const { h, cpe } = await setup({ sessionTimeoutMs: 400 });
    const c = await cpe('SILENT');
    await discovered(h, c.deviceKey);
    await c.stop();
    // Play the CPE by hand: Inform, empty POST, receive the request, then say nothing.
    const { post } = await import('../support/harness');
    const { serializeEnvelope, parseEnvelope } = await import('../../shared/cwmp');
    const { Agent } = await import('node:http');
    const task = await h.core.handlers['task.enqueue']({ deviceId: c.deviceKey, rpc: 'Reboot', args: { CommandKey: 'x' }, contact: false });
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const inform = serializeEnvelope({ version: '1-2', header: { ID: '1' }, body: { name: 'Inform', args: {
      DeviceId: { Manufacturer: 'm', OUI: '00D09E', ProductClass: 'HGW-5000', SerialNumber: 'SILENT' }, Event: [{ EventCode: '2 PERIODIC', CommandKey: '' }],
      MaxEnvelopes: 1, CurrentTime: '2026-11-25T00:00:00Z', RetryCount: 0, ParameterList: [] } } });
    expect((await post(h.acsUrl, inform, {}, agent)).status).toBe(200);
    const req = parseEnvelope((await post(h.acsUrl, '', {}, agent)).body);
    expect(req.body?.name).toBe('Reboot');
    expect(h.core.store.getTask(task.id)?.status).toBe('running');
    await waitFor(() => h.core.store.getTask(task.id)?.status === 'unknown', 'the timeout to end the task', 10_000);
    expect(h.core.store.getTask(task.id)?.error).toMatch(/sent; no answer \(.*session timeout.*\); not re-sent: Reboot is not idempotent/);
    agent.destroy();
  });

  it('a task queued for an offline CPE survives an ACS restart and runs at its next Inform', async () => {
    const { h, cpe } = await setup();
    const c = await cpe('OFFLINE');
    await discovered(h, c.deviceKey);
    await c.stop();
    const task = await h.core.handlers['task.enqueue']({
      deviceId: c.deviceKey, rpc: 'SetParameterValues', contact: true,
      args: { ParameterList: [{ Name: 'Device.WiFi.SSID.1.SSID', Value: 'After-Restart' }], ParameterKey: 'offline-1' },
    });
    expect(h.core.store.getTask(task.id)?.status).toBe('queued');
    await h.restart();
    expect(h.core.store.getTask(task.id)?.status).toBe('queued');
    const back = await cpe('OFFLINE');
    await waitFor(() => h.core.store.getTask(task.id)?.status === 'done', 'the task to run after restart');
    expect(back.state.get('Device.WiFi.SSID.1.SSID')).toBe('After-Restart');
  });
});

describe('field quirks', () => {
  const quirky = async (serial: string, quirks: Quirks) => {
    const { h, cpe } = await setup();
    const c = await cpe(serial, { quirks });
    return { h, c };
  };

  it('a CPE that rejects GetParameterNames on its root is still fully discovered', async () => {
    const { h, c } = await quirky('Q-ROOT', { rejectRootGpn: true });
    await discovered(h, c.deviceKey);
    const params = (await h.core.handlers['parameter.list']({ deviceId: c.deviceKey })).filter((p) => !p.object);
    expect(params.length).toBe(c.parameterCount);
    expect(params.find((p) => p.path === 'Device.WiFi.SSID.1.SSID')?.writable).toBe(true);
  });

  it('booleans as 0/1: the ACS writes booleans the CPE way', async () => {
    const { h, c } = await quirky('Q-BOOL', { booleansAsNumbers: true });
    await discovered(h, c.deviceKey);
    const t = await h.core.handlers['task.enqueue']({
      deviceId: c.deviceKey, rpc: 'SetParameterValues',
      args: { ParameterList: [{ Name: 'Device.WiFi.SSID.1.Enable', Value: 'false' }], ParameterKey: 'b1' },
    });
    await waitFor(() => h.core.store.getTask(t.id)?.status === 'done', 'SPV with a 0/1 boolean');
    const spv = h.logged.find((m) => m.rpc === 'SetParameterValues')!;
    expect(spv.body).toMatch(/<Value xsi:type="xsd:boolean">0<\/Value>/);
  });

  it.each([
    ['no xsi:type', { noXsiType: true }],
    ['gzip bodies', { gzip: true }],
    ['ISO-8859-1', { charset: 'iso-8859-1' }],
    ['UTF-16', { charset: 'utf-16' }],
    ['a new TCP connection per message', { newConnectionPerRequest: true }],
    ['keep-alive without cookies', { noCookies: true }],
    ['GetParameterNames without parent objects', { omitParentObjects: true }],
  ] as [string, Quirks][])('%s', async (_name, quirks) => {
    const { h, c } = await quirky(`Q-${Object.keys(quirks)[0]}`, quirks);
    await discovered(h, c.deviceKey);
    const params = (await h.core.handlers['parameter.list']({ deviceId: c.deviceKey })).filter((p) => !p.object);
    expect(params.length).toBe(c.parameterCount);
    const objects = (await h.core.handlers['parameter.list']({ deviceId: c.deviceKey, path: 'Device.WiFi.', depth: 1 })).filter((p) => p.object);
    expect(objects.map((o) => o.path)).toContain('Device.WiFi.SSID.');
  });

  it('a schema-invalid Inform is still served (accept liberally) and visible in the log', async () => {
    const { h, c } = await quirky('Q-INVALID', { invalidMessage: true });
    await discovered(h, c.deviceKey);
    expect(h.logged.some((m) => m.deviceId === c.deviceKey && m.rpc === 'Inform')).toBe(true);
  });
});
