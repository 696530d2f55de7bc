// The session log's row labels and Info column (renderer/src/features/log/labels.ts, info-text.ts).
import { describe, expect, it } from 'vitest';
import { cachedInfo, infoText, structSummary } from '../../renderer/src/features/log/info-text';
import { deviceParts, isBad, prettyLineFor, rpcLabel, schemaLabel } from '../../renderer/src/features/log/labels';
import { prettyXml } from '../../renderer/src/features/log/pretty-xml';
import { serializeEnvelope } from '../../shared/cwmp';
import type { RpcBodies } from '../../shared/cwmp/types';
import type { LoggedMessage } from '../../shared/model/records';
import { RPC_SAMPLES } from '../support/rpc-samples';

const msg = (over: Partial<LoggedMessage> = {}): LoggedMessage => ({
  seq: 1, time: '2026-01-01T00:00:00.000Z', sessionId: 's1', direction: 'cpe->acs', headers: {}, body: '', size: 0, ...over,
});
const env = <K extends keyof RpcBodies>(name: K, args: RpcBodies[K]) =>
  serializeEnvelope({ version: '1-2', header: { ID: 'x' }, body: { name, args } as never });

describe('row labels', () => {
  it('names the Inform refused with 401 and its challenge; only a failure is painted red', () => {
    const req = msg({ method: 'POST', rpc: 'Inform', auth: 'challenge', claimedDeviceId: '00D09E-HGW-5000-EXN0001' });
    expect(rpcLabel(req)).toBe('Inform (no credentials yet)');
    expect(rpcLabel(msg({ rpc: undefined, body: '<x/>' }))).toBe('(empty)');
    const res = msg({ direction: 'acs->cpe', status: 401, auth: 'challenge', headers: { 'www-authenticate': 'Digest realm="x"' } });
    expect(rpcLabel(res)).toBe('401 Digest challenge');
    expect(isBad(res)).toBe(false);
    expect(isBad(req)).toBe(false);
    const failed = { ...res, auth: 'rejected' as const };
    expect(rpcLabel(failed)).toBe('401 authentication failed');
    expect(isBad(failed)).toBe(true);
    expect(isBad(msg({ direction: 'acs->cpe', status: 500 }))).toBe(true);
  });

  it('splits a device key, keeping a serial with a dash whole when it is known', () => {
    expect(deviceParts('00D09E-HGW-5000-LOG-1', 'LOG-1')).toEqual({ oui: '00D09E', productClass: 'HGW-5000', serial: 'LOG-1' });
    expect(deviceParts('00D09E-HGW-5000-X1')).toEqual({ oui: '00D09E', productClass: 'HGW-5000', serial: 'X1' });
    expect(deviceParts('00D09E-X1')).toEqual({ oui: '00D09E', productClass: '', serial: 'X1' });
  });

  it("names the namespace's schema, and why a newer file checked it", () => {
    const body = env('Inform', RPC_SAMPLES.Inform);
    const s = schemaLabel(msg({ body, schema: { verdict: 'valid', schema: 'cwmp-1-4.xsd' } }))!;
    expect(s.label).toBe('schema valid: cwmp-1-2 namespace, checked with cwmp-1-4.xsd');
    expect(s.why).toMatch(/CWMP 1\.2, 1\.3 and 1\.4 share the urn:dslforum-org:cwmp-1-2 namespace.*newest schema/);
    const old = body.replace(/cwmp-1-2/g, 'cwmp-1-0');
    expect(schemaLabel(msg({ body: old, schema: { verdict: 'invalid', schema: 'cwmp-1-0.xsd' } }))).toEqual({ label: 'schema INVALID: cwmp-1-0.xsd' });
  });

  it('maps a line as sent to the same element in the Pretty view', () => {
    const body = '<a>\n<b><c>1</c></b>\n<d/>\n</a>';
    const p = prettyXml(body);
    const lines = p.text.split('\n');
    expect(lines[prettyLineFor(body, 2, p.root)! - 1].trim()).toBe('<b>');
    expect(lines[prettyLineFor(body, 3, p.root)! - 1].trim()).toBe('<d/>');
    // On a line of several elements, the one xmllint names.
    expect(lines[prettyLineFor(body, 2, p.root, "Element '{urn:x}c': bad")! - 1].trim()).toBe('<c>1</c>');
    const one = body.replace(/\n/g, '');
    expect(prettyLineFor(one, 1, prettyXml(one).root)).toBe(1);
  });
});

describe('Info column', () => {
  it('an Inform: its event codes', () => {
    expect(infoText(msg({ body: env('Inform', RPC_SAMPLES.Inform) }))).toBe('0 BOOTSTRAP, 1 BOOT');
  });
  it('GPV/SPV: the first parameter names and how many', () => {
    expect(infoText(msg({ body: env('GetParameterValues', RPC_SAMPLES.GetParameterValues) }))).toBe('Device.DeviceInfo., Device.WiFi.SSID.1.SSID (2)');
    expect(infoText(msg({ body: env('GetParameterValuesResponse', RPC_SAMPLES.GetParameterValuesResponse) })))
      .toBe(`Device.WiFi.SSID.1.SSID, Device.WiFi.SSID.1.Enable, … (${RPC_SAMPLES.GetParameterValuesResponse.ParameterList.length})`);
    expect(infoText(msg({ body: env('SetParameterValues', RPC_SAMPLES.SetParameterValues) }))).toBe('Device.WiFi.SSID.1.SSID (1)');
  });
  it('TransferComplete: CommandKey and outcome; a fault: code and text', () => {
    expect(infoText(msg({ body: env('TransferComplete', RPC_SAMPLES.TransferComplete) }))).toBe('CommandKey dl-1 · failed: 9010 Download failure');
    const ok = { ...RPC_SAMPLES.TransferComplete, FaultStruct: { FaultCode: 0, FaultString: '' } };
    expect(cachedInfo(msg({ seq: 7, body: env('TransferComplete', ok) }))).toBe('CommandKey dl-1 · succeeded');
    const fault = serializeEnvelope({ version: '1-2', header: { ID: 'f' }, body: { name: 'Fault', fault: {
      faultcode: 'Client', faultstring: 'CWMP fault', detail: { FaultCode: 9005, FaultString: 'Invalid parameter name' } } } });
    expect(infoText(msg({ body: fault, rpc: 'Fault' }))).toBe('9005 Invalid parameter name');
  });
  it('a ParameterValueStruct row reads Name = Value (type)', () => {
    const p = prettyXml(env('Inform', RPC_SAMPLES.Inform));
    const inform = p.root!.children[1].children[0];
    const pvs = inform.children.find((c) => c.name === 'ParameterList')!.children[0];
    expect(structSummary(pvs)).toBe('Device.DeviceInfo.SoftwareVersion = 1.0.0 (xsd:string)');
    expect(structSummary(inform)).toBeUndefined();
  });
});

describe('Info of a very large body', () => {
  it('is scanned, not parsed: the first names and how many', () => {
    const list = Array.from({ length: 60_000 }, (_, i) => ({ Name: `Device.X.${i}.Alias`, Value: 'v'.repeat(60), Type: 'string' }));
    const body = env('GetParameterValuesResponse', { ParameterList: list } as RpcBodies['GetParameterValuesResponse']);
    expect(body.length).toBeGreaterThan(4_000_000);
    expect(infoText(msg({ body }))).toBe('Device.X.0.Alias, Device.X.1.Alias, … (60000)');
    // Cut in memory: what is there, the count a lower bound.
    expect(infoText(msg({ body: body.slice(0, 50_000), note: 'body cut to 50000 of … characters in memory' }))).toMatch(/^Device\.X\.0\.Alias, Device\.X\.1\.Alias, … \(≥ \d+\)$/);
  });
});
