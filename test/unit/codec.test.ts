import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CwmpParseError, cwmpFault, explainFault, parseEnvelope, serializeEnvelope } from '../../shared/cwmp';
import { INTRODUCED_IN } from '../../shared/cwmp/rpc-schema';
import type { CwmpBody, CwmpEnvelope, CwmpVersion, RpcName } from '../../shared/cwmp/types';
import { RPC_SAMPLES } from '../support/rpc-samples';
import { expectAllSchemaValid } from '../support/schema';

const SAMPLES = join(__dirname, '../fixtures/samples');
const minor = (v: CwmpVersion) => Number(v.slice(2));

function envelopesFor(version: CwmpVersion): CwmpEnvelope[] {
  return (Object.keys(RPC_SAMPLES) as RpcName[])
    .filter((n) => (INTRODUCED_IN[n] ?? 0) <= minor(version))
    .map((name, i) => ({ version, header: { ID: `id-${i}` }, body: { name, args: RPC_SAMPLES[name] } as CwmpBody }));
}

describe('CWMP codec', () => {
  for (const version of ['1-0', '1-1', '1-2', '1-4'] as CwmpVersion[]) {
    it(`round-trips every RPC in cwmp-${version}`, () => {
      for (const env of envelopesFor(version)) {
        const xml = serializeEnvelope(env);
        expect(parseEnvelope(xml)).toEqual(env);
      }
    });
  }

  it('emits only schema-valid messages (every RPC, every namespace, faults, empty body)', async () => {
    const xmls: string[] = [];
    for (const version of ['1-0', '1-1', '1-2'] as CwmpVersion[]) {
      for (const env of envelopesFor(version)) xmls.push(serializeEnvelope(env));
      xmls.push(serializeEnvelope({ version, header: { ID: 'f1' }, body: { name: 'Fault', fault: cwmpFault(8000) } }));
      xmls.push(serializeEnvelope({
        version, header: { ID: 'f2' },
        body: { name: 'Fault', fault: cwmpFault(9003, undefined, [{ ParameterName: 'Device.X', FaultCode: 9007, FaultString: 'bad' }]) },
      }));
      xmls.push(serializeEnvelope({ version, header: { ID: 'h', HoldRequests: true }, body: { name: 'InformResponse', args: { MaxEnvelopes: 1 } } }));
    }
    // CWMP 1.4 headers exist only in the cwmp-1-2 namespace (cwmp-1-4.xsd).
    xmls.push(serializeEnvelope({ version: '1-2', header: { ID: 'n', UseCWMPVersion: '1.4' }, body: { name: 'InformResponse', args: { MaxEnvelopes: 1 } } }));
    xmls.push(serializeEnvelope({ version: '1-2', header: { ID: 'n', SupportedCWMPVersions: '1.0,1.4', SessionTimeout: 60 }, body: { name: 'Inform', args: RPC_SAMPLES.Inform } }));
    expect(await expectAllSchemaValid(xmls)).toBeGreaterThan(100);
  });

  it('the referee rejects an invalid message (it can fail)', async () => {
    const bad = serializeEnvelope({ version: '1-2', header: { ID: 'x' }, body: { name: 'Reboot', args: { CommandKey: 'x'.repeat(40) } } });
    await expect(expectAllSchemaValid([bad])).rejects.toThrow(/not schema-valid/);
  });

  it('parses every valid sample', () => {
    for (const f of readdirSync(SAMPLES).filter((n) => n.startsWith('valid-'))) {
      const env = parseEnvelope(readFileSync(join(SAMPLES, f), 'utf8'));
      expect(env.body, f).not.toBeNull();
    }
    const inform = parseEnvelope(readFileSync(join(SAMPLES, 'valid-inform-bootstrap-boot.xml'), 'utf8'));
    expect(inform.version).toBe('1-2');
    expect(inform.header.ID).toBe('inform-0001');
    if (inform.body?.name !== 'Inform') throw new Error('not an Inform');
    expect(inform.body.args.DeviceId.SerialNumber).toBe('EXN5000A1B2C3');
    expect(inform.body.args.Event.map((e) => e.EventCode)).toEqual(['0 BOOTSTRAP', '1 BOOT']);
    expect(inform.body.args.ParameterList).toContainEqual({ Name: 'Device.DeviceInfo.UpTime', Value: '42', Type: 'unsignedInt' });
    const fault = parseEnvelope(readFileSync(join(SAMPLES, 'valid-fault-spv.xml'), 'utf8'));
    if (fault.body?.name !== 'Fault') throw new Error('not a fault');
    expect(fault.body.fault.detail.SetParameterValuesFault?.[0]).toMatchObject({ ParameterName: 'Device.WiFi.SSID.1.SSID', FaultCode: 9007 });
  });

  it('refuses what it must, with the kind of error', () => {
    const kinds: Record<string, string> = {
      'invalid-not-well-formed.xml': 'malformed',
      'invalid-no-envelope.xml': 'not-envelope',
      'invalid-misspelt-rpc.xml': 'unknown-rpc',
      'invalid-two-rpcs-in-body.xml': 'multiple-rpcs',
      'invalid-unknown-namespace.xml': 'namespace',
      'invalid-mixed-namespaces.xml': 'namespace',
    };
    for (const [file, kind] of Object.entries(kinds)) {
      let err: unknown;
      try { parseEnvelope(readFileSync(join(SAMPLES, file), 'utf8')); } catch (e) { err = e; }
      expect(err, file).toBeInstanceOf(CwmpParseError);
      expect((err as CwmpParseError).kind, file).toBe(kind);
    }
  });

  it('refuses DOCTYPE and ENTITY before parsing (billion laughs)', () => {
    const bomb = '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]><lolz>&lol2;</lolz>';
    expect(() => parseEnvelope(bomb)).toThrow(expect.objectContaining({ kind: 'dtd' }));
  });

  it('accepts field quirks: other prefixes, no xsi:type, 0/1 booleans, no arrayType, dateTime without zone', () => {
    const xml = `<E:Envelope xmlns:E="http://schemas.xmlsoap.org/soap/envelope/" xmlns:c="urn:dslforum-org:cwmp-1-0">
      <E:Header><c:ID E:mustUnderstand="1">42</c:ID></E:Header>
      <E:Body><c:GetParameterNamesResponse><ParameterList>
        <ParameterInfoStruct><Name>InternetGatewayDevice.LANDevice.</Name><Writable>0</Writable></ParameterInfoStruct>
        <ParameterInfoStruct><Writable>1</Writable><Name>InternetGatewayDevice.X</Name></ParameterInfoStruct>
      </ParameterList></c:GetParameterNamesResponse></E:Body></E:Envelope>`;
    const env = parseEnvelope(xml);
    expect(env.version).toBe('1-0');
    expect(env.body).toEqual({ name: 'GetParameterNamesResponse', args: { ParameterList: [
      { Name: 'InternetGatewayDevice.LANDevice.', Writable: false }, { Name: 'InternetGatewayDevice.X', Writable: true },
    ] } });
    const gpv = parseEnvelope(`<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>
      <cwmp:GetParameterValuesResponse xmlns:cwmp="urn:dslforum-org:cwmp-1-4"><ParameterList>
      <ParameterValueStruct><Name>Device.A</Name><Value>v</Value></ParameterValueStruct>
      </ParameterList></cwmp:GetParameterValuesResponse></s:Body></s:Envelope>`);
    expect(gpv.version).toBe('1-4');
    expect(gpv.body).toEqual({ name: 'GetParameterValuesResponse', args: { ParameterList: [{ Name: 'Device.A', Value: 'v' }] } });
  });

  it('explains faults in words', () => {
    expect(explainFault(9005)).toMatch(/Invalid parameter name/);
    expect(explainFault(9850, 'flash busy')).toMatch(/Vendor-specific.*flash busy/);
    expect(cwmpFault(9007).faultcode).toBe('Client');
  });
});
