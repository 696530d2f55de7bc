// parameter.search: a scan of the stored table by path or value.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchMatcher, searchParameters, searchRank } from '../../electron/core/api/parameter-search';
import { loadDataModel } from '../../electron/lib/datamodel/bbf-model';
import { generateDevice } from '../../electron/sim/generate';
import { DeviceStore } from '../../electron/core/store/device-store';

const ID = 'OUI-PC-SN1';

describe('parameter.search', () => {
  let dir = '';
  let store: DeviceStore;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tr069-search-'));
    store = await DeviceStore.open(dir);
    await store.putDevice({
      id: ID, deviceId: { Manufacturer: 'M', OUI: 'OUI', ProductClass: 'PC', SerialNumber: 'SN1' }, cwmpVersion: 'urn:dslforum-org:cwmp-1-2',
      root: 'Device.', firstSeen: '2026-01-01T00:00:00Z', lastEvents: [], parameterCount: 0, discovery: { status: 'done' }, pendingTasks: 0,
    });
    const dev = generateDevice(loadDataModel('tr181'));
    await store.applyParameters(ID, [
      ...dev.objects.map((o) => ({ path: o.path, writable: o.writable })),
      ...dev.parameters.map((p) => ({ path: p.path, value: p.value, type: p.type, writable: p.writable })),
    ], '2026-01-01T00:00:00Z');
  });
  afterAll(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('finds by a path fragment, case-insensitively, in natural order', async () => {
    const hits = await searchParameters(store, ID, 'wifi.ssid.1.ssid');
    expect(hits.map((h) => h.path)).toEqual(['Device.WiFi.SSID.1.SSID']);
    expect(hits[0]).toMatchObject({ value: 'HomeNet-2G', type: 'string', writable: true, object: false });
  });

  it('puts the best hits first: exact names, then names starting with the term, shallow paths first', async () => {
    const hits = (await searchParameters(store, ID, 'SSID')).map((h) => h.path);
    expect(hits.slice(0, 3)).toEqual(['Device.WiFi.SSID.', 'Device.WiFi.SSID.1.SSID', 'Device.WiFi.SSID.2.SSID']);
    const firstPrefix = hits.findIndex((p) => /\.SSID[^.]+$/.test(p)); // e.g. SSIDAdvertisementEnabled, SSIDReference
    const lastExact = hits.map((p) => /\.SSID\.?$/.test(p)).lastIndexOf(true);
    expect(firstPrefix).toBeGreaterThan(lastExact);
    // A value match ranks after path matches.
    const mixed = (await searchParameters(store, ID, 'HomeNet')).map((h) => h.path);
    expect(mixed[0]).toBe('Device.WiFi.SSID.1.SSID');
    expect(searchRank('Device.WiFi.SSID.1.SSID', ['ssid'])).toBe(0);
    expect(searchRank('Device.WiFi.AccessPoint.1.SSIDReference', ['ssid'])).toBe(1);
    expect(searchRank('Device.WiFi.SSID.1.Enable', ['ssid'])).toBe(2);
    expect(searchRank('Device.WiFi.SSID.1.Name', ['homenet'])).toBe(3);
  });

  it('finds by value', async () => {
    const hits = await searchParameters(store, ID, 'homenet-5g');
    expect(hits.map((h) => h.path)).toContain('Device.WiFi.SSID.2.SSID');
    expect(hits.every((h) => h.path.toLowerCase().includes('homenet-5g') || h.value?.toLowerCase().includes('homenet-5g'))).toBe(true);
  });

  it('finds objects by path, and needs every term to match', async () => {
    const hits = await searchParameters(store, ID, 'NAT.PortMapping.');
    expect(hits.some((h) => h.object && h.path === 'Device.NAT.PortMapping.')).toBe(true);
    const both = await searchParameters(store, ID, 'PortMapping Protocol');
    expect(both.length).toBeGreaterThan(0);
    expect(both.every((h) => h.path.includes('PortMapping') && h.path.endsWith('Protocol'))).toBe(true);
  });

  it('respects the limit, and an empty query finds nothing', async () => {
    expect(await searchParameters(store, ID, 'Device.', 7)).toHaveLength(7);
    expect(await searchParameters(store, ID, '   ')).toEqual([]);
    expect(searchMatcher('')).toBeNull();
  });

  it('scans 100,000 parameters quickly', async () => {
    const many = Array.from({ length: 100_000 }, (_, i) => ({ path: `Device.X_Test.Row.${i + 1}.Value`, value: `v${i}`, type: 'string' as const }));
    await store.applyParameters(ID, many, '2026-01-01T00:00:00Z');
    await searchParameters(store, ID, 'warm-up');
    const t0 = performance.now();
    const hits = await searchParameters(store, ID, 'v99999');
    const ms = performance.now() - t0;
    expect(hits.map((h) => h.path)).toEqual(['Device.X_Test.Row.100000.Value']);
    expect(ms).toBeLessThan(500);
  });

  it('answers nothing for an unknown device', async () => {
    expect(await searchParameters(store, 'nope', 'Device.')).toEqual([]);
  });
});
