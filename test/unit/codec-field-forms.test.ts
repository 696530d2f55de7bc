// Field forms real CPEs send (issue 10 items 5 and 9), each kept handled:
// a cwmp:Fault nested inside <faultstring>, TransferComplete fields out of
// order, the 1999 XMLSchema namespace with xsi:type everywhere, event codes in
// another case, empty CommandKeys, stray characters in xsi:type, and a
// TransferComplete whose Inform did not announce it.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { newSession, SessionEngine } from '../../electron/core/acs/session';
import { TaskQueue } from '../../electron/core/acs/task-queue';
import { MessageChecker } from '../../electron/core/check/checker';
import { EventBus } from '../../electron/core/runtime/events';
import { rewriteMessage } from '../../electron/sim/quirks';
import { DeviceStore } from '../../electron/core/store/device-store';
import { cwmpFault, parseEnvelope, serializeEnvelope } from '../../shared/cwmp';
import type { CwmpEnvelope, RpcBodies } from '../../shared/cwmp/types';
import { RPC_SAMPLES } from '../support/rpc-samples';

const SOAP = 'http://schemas.xmlsoap.org/soap/envelope/';

function envelope(body: string, opts: { xsi?: string; xsd?: string; ns?: string } = {}): string {
  const xsi = opts.xsi ?? 'http://www.w3.org/2001/XMLSchema-instance';
  const xsd = opts.xsd ?? 'http://www.w3.org/2001/XMLSchema';
  return `<soap:Envelope xmlns:soap="${SOAP}" xmlns:soap-enc="http://schemas.xmlsoap.org/soap/encoding/" xmlns:xsi="${xsi}" xmlns:xsd="${xsd}" xmlns:cwmp="urn:dslforum-org:cwmp-${opts.ns ?? '1-0'}">`
    + `<soap:Header><cwmp:ID soap:mustUnderstand="1">42</cwmp:ID></soap:Header><soap:Body>${body}</soap:Body></soap:Envelope>`;
}

function bodyOf<N extends keyof RpcBodies>(xml: string, name: N): RpcBodies[N] {
  const b = parseEnvelope(xml).body;
  if (b?.name !== name) throw new Error(`expected ${name}, got ${b?.name}`);
  return (b as unknown as { args: RpcBodies[N] }).args;
}

describe('SOAP Fault with its <detail> inside <faultstring> (issue 10 item 5)', () => {
  const fault = cwmpFault(9003, 'Invalid arguments', [{ ParameterName: 'Device.WiFi.SSID.1.SSID', FaultCode: 9007, FaultString: 'too long' }]);

  it('the cwmp:Fault is found wherever it is inside the SOAP Fault (SOAP 1.1 §4.4, TR-069 A.5)', () => {
    const xml = envelope(`<soap:Fault><faultcode>Client</faultcode><faultstring>CWMP fault<detail><cwmp:Fault>
      <FaultCode>9003</FaultCode><FaultString>Invalid arguments</FaultString>
      <SetParameterValuesFault><ParameterName>Device.WiFi.SSID.1.SSID</ParameterName><FaultCode>9007</FaultCode><FaultString>too long</FaultString></SetParameterValuesFault>
      </cwmp:Fault></detail></faultstring></soap:Fault>`);
    const b = parseEnvelope(xml).body;
    if (b?.name !== 'Fault') throw new Error('not a fault');
    expect(b.fault).toEqual({ faultcode: 'Client', faultstring: 'CWMP fault', detail: fault.detail });
  });

  it('the virtual CPE quirk writes that form, and it reads back as the fault that was meant', () => {
    const sent = serializeEnvelope({ version: '1-2', header: { ID: 'x' }, body: { name: 'Fault', fault } });
    const odd = rewriteMessage(sent, { faultDetailInFaultstring: true });
    expect(odd).toMatch(/<faultstring>CWMP fault<detail>[\s\S]*<\/detail><\/faultstring>\s*<\/soap-env:Fault>/);
    const b = parseEnvelope(odd).body;
    expect(b?.name === 'Fault' && b.fault.detail).toEqual(fault.detail);
    expect(rewriteMessage(sent, {})).toBe(sent);
  });

  it('the usual form and a cwmp:Fault straight under soap:Fault still read', () => {
    const usual = parseEnvelope(serializeEnvelope({ version: '1-0', header: { ID: 'x' }, body: { name: 'Fault', fault } })).body;
    expect(usual?.name === 'Fault' && usual.fault.detail).toEqual(fault.detail);
    const bare = parseEnvelope(envelope('<soap:Fault><faultcode>Server</faultcode><faultstring>x</faultstring><cwmp:Fault><FaultCode>9002</FaultCode><FaultString>busy</FaultString></cwmp:Fault></soap:Fault>')).body;
    expect(bare?.name === 'Fault' && bare.fault.detail).toEqual({ FaultCode: 9002, FaultString: 'busy' });
  });
});

describe('field forms of issue 10 item 9', () => {
  it('TransferComplete with StartTime before FaultStruct (fields read by name, not position)', () => {
    const tc = bodyOf(envelope(`<cwmp:TransferComplete><CommandKey>dl-1</CommandKey><StartTime>2026-01-01T00:00:00Z</StartTime>
      <CompleteTime>2026-01-01T00:01:00Z</CompleteTime><FaultStruct><FaultCode>0</FaultCode><FaultString></FaultString></FaultStruct></cwmp:TransferComplete>`), 'TransferComplete');
    expect(tc).toEqual({ CommandKey: 'dl-1', FaultStruct: { FaultCode: 0, FaultString: '' }, StartTime: '2026-01-01T00:00:00Z', CompleteTime: '2026-01-01T00:01:00Z' });
  });

  it('the 1999 XMLSchema namespace, with xsi:type on every element', () => {
    const t = (type: string, v: string) => ` xsi:type="${type}">${v}`;
    const xml = envelope(`<cwmp:Inform><DeviceId xsi:type="cwmp:DeviceIdStruct"><Manufacturer${t('xsd:string', 'Acme')}</Manufacturer>
      <OUI${t('xsd:string', '00D09E')}</OUI><ProductClass${t('xsd:string', 'GW')}</ProductClass><SerialNumber${t('xsd:string', 'OLD1')}</SerialNumber></DeviceId>
      <Event xsi:type="soap-enc:Array" soap-enc:arrayType="cwmp:EventStruct[1]"><EventStruct xsi:type="cwmp:EventStruct"><EventCode${t('xsd:string', '2 PERIODIC')}</EventCode><CommandKey${t('xsd:string', '')}</CommandKey></EventStruct></Event>
      <MaxEnvelopes${t('xsd:unsignedInt', '1')}</MaxEnvelopes><CurrentTime${t('xsd:dateTime', '2026-01-01T00:00:00Z')}</CurrentTime><RetryCount${t('xsd:unsignedInt', '3')}</RetryCount>
      <ParameterList xsi:type="soap-enc:Array" soap-enc:arrayType="cwmp:ParameterValueStruct[2]">
      <ParameterValueStruct xsi:type="cwmp:ParameterValueStruct"><Name${t('xsd:string', 'InternetGatewayDevice.ManagementServer.PeriodicInformInterval')}</Name><Value${t('xsd:unsignedInt', '300')}</Value></ParameterValueStruct>
      <ParameterValueStruct xsi:type="cwmp:ParameterValueStruct"><Name${t('xsd:string', 'InternetGatewayDevice.DeviceInfo.UpTime')}</Name><Value${t('xsd:unsignedInt', '7')}</Value></ParameterValueStruct>
      </ParameterList></cwmp:Inform>`, { xsi: 'http://www.w3.org/1999/XMLSchema-instance', xsd: 'http://www.w3.org/1999/XMLSchema' });
    const inf = bodyOf(xml, 'Inform');
    expect(inf.DeviceId).toEqual({ Manufacturer: 'Acme', OUI: '00D09E', ProductClass: 'GW', SerialNumber: 'OLD1' });
    expect(inf).toMatchObject({ MaxEnvelopes: 1, RetryCount: 3, Event: [{ EventCode: '2 PERIODIC', CommandKey: '' }] });
    expect(inf.ParameterList).toEqual([
      { Name: 'InternetGatewayDevice.ManagementServer.PeriodicInformInterval', Value: '300', Type: 'unsignedInt' },
      { Name: 'InternetGatewayDevice.DeviceInfo.UpTime', Value: '7', Type: 'unsignedInt' },
    ]);
  });

  const inform = (events: [string, string][]) => envelope(`<cwmp:Inform><DeviceId><Manufacturer>A</Manufacturer><OUI>00D09E</OUI><ProductClass>GW</ProductClass>`
    + `<SerialNumber>EV1</SerialNumber></DeviceId><Event soap-enc:arrayType="cwmp:EventStruct[${events.length}]">`
    + events.map(([c, k]) => `<EventStruct><EventCode>${c}</EventCode>${k}</EventStruct>`).join('')
    + '</Event><MaxEnvelopes>1</MaxEnvelopes><CurrentTime>2026-01-01T00:00:00Z</CurrentTime><RetryCount>0</RetryCount><ParameterList soap-enc:arrayType="cwmp:ParameterValueStruct[0]"/></cwmp:Inform>');

  it('"1 Boot", "0 bootstrap", "m reboot": the standard codes whatever the case (TR-069 §3.7.1.5)', () => {
    const inf = bodyOf(inform([['1 Boot', '<CommandKey/>'], ['0 bootstrap', '<CommandKey/>'], ['m reboot', '<CommandKey>r1</CommandKey>'], ['X 00D09E Custom', '<CommandKey/>']]), 'Inform');
    expect(inf.Event.map((e) => e.EventCode)).toEqual(['1 BOOT', '0 BOOTSTRAP', 'M Reboot', 'X 00D09E Custom']);
  });

  it('empty CommandKeys on M Reboot and M Download (<CommandKey/>, empty element, or none at all)', () => {
    const inf = bodyOf(inform([['M Reboot', '<CommandKey/>'], ['M Download', '<CommandKey></CommandKey>'], ['7 TRANSFER COMPLETE', '']]), 'Inform');
    expect(inf.Event).toEqual([
      { EventCode: 'M Reboot', CommandKey: '' }, { EventCode: 'M Download', CommandKey: '' }, { EventCode: '7 TRANSFER COMPLETE', CommandKey: '' },
    ]);
  });

  it('a stray character in an xsi:type: around the name it still names the type, inside it names none; both flagged', async () => {
    const gpv = (type: string) => envelope(`<cwmp:GetParameterValuesResponse><ParameterList soap-enc:arrayType="cwmp:ParameterValueStruct[1]">`
      + `<ParameterValueStruct><Name>Device.ManagementServer.PeriodicInformInterval</Name><Value xsi:type="${type}">300</Value></ParameterValueStruct>`
      + '</ParameterList></cwmp:GetParameterValuesResponse>', { ns: '1-2' });
    const newline = gpv('xsd:unsignedInt\n');
    const semicolon = gpv('xsd:unsignedInt;');
    expect(bodyOf(newline, 'GetParameterValuesResponse').ParameterList).toEqual([{ Name: 'Device.ManagementServer.PeriodicInformInterval', Value: '300', Type: 'unsignedInt' }]);
    // The value as the CPE sent it, no type guessed...
    expect(bodyOf(semicolon, 'GetParameterValuesResponse').ParameterList).toEqual([{ Name: 'Device.ManagementServer.PeriodicInformInterval', Value: '300' }]);
    // ...and both messages flagged by the checker the session log shows (libxml2 does not collapse an xsi:type).
    const checker = new MessageChecker({ lingerMs: 10 });
    try {
      const verdicts = new Map<number, string>();
      checker.onResult((r) => verdicts.set(r.seq, r.schema.verdict));
      checker.submit({ seq: 1, sessionId: 's', direction: 'cpe->acs', body: newline });
      checker.submit({ seq: 2, sessionId: 's', direction: 'cpe->acs', body: semicolon });
      checker.submit({ seq: 3, sessionId: 's', direction: 'cpe->acs', body: gpv('xsd:unsignedInt') });
      await checker.idle();
      expect([verdicts.get(1), verdicts.get(2), verdicts.get(3)]).toEqual(['invalid', 'invalid', 'valid']);
    } finally {
      await checker.close();
    }
  }, 30_000);
});

describe('through the session engine (real store and queue)', () => {
  const dirs: string[] = [];
  afterAll(async () => { for (const d of dirs) await rm(d, { recursive: true, force: true }); });

  async function engine(): Promise<{ store: DeviceStore; queue: TaskQueue; engine: SessionEngine }> {
    const dir = await mkdtemp(join(tmpdir(), 'tr069-forms-'));
    dirs.push(dir);
    const store = await DeviceStore.open(dir);
    const bus = new EventBus();
    const queue = new TaskQueue(store, bus);
    return { store, queue, engine: new SessionEngine(store, queue, bus) };
  }
  const informOf = (serial: string, codes: string[]): CwmpEnvelope => parseEnvelope(serializeEnvelope({
    version: '1-2', header: { ID: `inf-${serial}` },
    body: { name: 'Inform', args: { ...RPC_SAMPLES.Inform, DeviceId: { ...RPC_SAMPLES.Inform.DeviceId, SerialNumber: serial }, Event: codes.map((EventCode) => ({ EventCode, CommandKey: '' })) } },
  }));

  it('"0 bootstrap" / "1 Boot" act as 0 BOOTSTRAP / 1 BOOT: a known device is discovered again', async () => {
    const { store, engine: e } = await engine();
    const id = '00D09E-HGW-5000-EV2';
    const first = newSession();
    await e.onMessage(first, informOf('EV2', ['2 PERIODIC']));
    await e.end(first, 'test');
    for (const t of store.tasks({ deviceId: id })) await store.putTask({ ...t, status: 'done' });
    await store.putDevice({ ...store.get(id)!, discovery: { status: 'done' } });
    const ctx = newSession();
    const r = await e.onMessage(ctx, informOf('EV2', ['0 bootstrap', '1 Boot']));
    expect(r.kind === 'envelope' && r.envelope.body?.name).toBe('InformResponse');
    expect(ctx.events).toEqual(['0 BOOTSTRAP', '1 BOOT']);
    expect(store.get(id)!.lastEvents.map((x) => x.EventCode)).toEqual(['0 BOOTSTRAP', '1 BOOT']);
    expect(store.tasks({ deviceId: id, status: 'queued' }).map((t) => t.origin)).toEqual(['discovery']);
    await e.end(ctx, 'test');
    await store.close();
  });

  it('a TransferComplete without 7 TRANSFER COMPLETE in the Inform is answered and kept on its task (A.3.3.2)', async () => {
    const { store, engine: e } = await engine();
    const id = '00D09E-HGW-5000-TC1';
    const ctx = newSession();
    await e.onMessage(ctx, informOf('TC1', ['2 PERIODIC']));
    await store.putTask({
      id: 'dl-task', deviceId: id, rpc: 'Download', status: 'done', origin: 'api', attempts: 1, created: '2026-01-01T00:00:00.000Z',
      args: { ...RPC_SAMPLES.Download, CommandKey: 'dl-1' },
    });
    const tc = parseEnvelope(serializeEnvelope({ version: '1-2', header: { ID: 'tc-1' }, body: { name: 'TransferComplete', args: RPC_SAMPLES.TransferComplete } }));
    const r = await e.onMessage(ctx, tc);
    expect(r.kind === 'envelope' && r.envelope.body?.name).toBe('TransferCompleteResponse');
    expect(r.kind === 'envelope' && r.envelope.header.ID).toBe('tc-1');
    expect((store.getTask('dl-task')!.result as { TransferComplete: unknown }).TransferComplete).toEqual(RPC_SAMPLES.TransferComplete);
    await e.end(ctx, 'test');
    await store.close();
  });
});
