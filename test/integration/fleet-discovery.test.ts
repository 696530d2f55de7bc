// Acceptance: ten virtual TR-181 gateways (~9k parameters each) inform at
// once from one address; each is fully discovered into the store.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startFleet, type Fleet } from '../../electron/sim/fleet';
import { startHarness, waitFor, type Harness } from '../support/harness';

let h: Harness;
let fleet: Fleet;
beforeAll(async () => { h = await startHarness(); });
afterAll(async () => {
  await fleet?.stop();
  await h.checkSchema();
  await h.close();
});

it('ten CPEs informing together are all discovered, each with its own session', async () => {
  fleet = await startFleet({ acsUrl: h.acsUrl, count: 10, model: 'tr181', connectionRequest: { host: '127.0.0.1' } });
  const devices = await waitFor(() => {
    const list = h.core.store.list();
    return list.length === 10 && list.every((d) => d.discovery.status === 'done') ? list : null;
  }, 'all ten devices discovered', 90_000, 200);
  for (const d of devices) {
    const cpe = fleet.cpes.find((c) => c.deviceKey === d.id)!;
    expect(cpe, d.id).toBeTruthy();
    // Every parameter the CPE has is in the store (objects are stored too).
    const params = (await h.core.handlers['parameter.list']({ deviceId: d.id })).filter((p) => !p.object);
    expect(params.length).toBe(cpe.parameterCount);
    const ssid = params.find((p) => p.path === 'Device.WiFi.SSID.1.SSID');
    expect(ssid?.value).toBe(cpe.state.get('Device.WiFi.SSID.1.SSID'));
    expect(ssid?.writable).toBe(true);
  }
  // No session was cut short by another CPE's Inform.
  expect(h.logged.filter((m) => m.status === 400)).toEqual([]);
  expect(new Set(h.logged.map((m) => m.sessionId)).size).toBeGreaterThanOrEqual(10);
});
