import { describe, expect, it } from 'vitest';
import { deltas, ladder, matches, mergeMessages, rpcLabel } from '../../renderer/src/features/log/log-model';
import { findNode, prettyXml } from '../../renderer/src/features/log/pretty-xml';
import { serializeEnvelope } from '../../shared/cwmp';
import type { LoggedMessage } from '../../shared/model/records';
import { RPC_SAMPLES } from '../support/rpc-samples';

const msg = (seq: number, over: Partial<LoggedMessage> = {}): LoggedMessage => ({
  seq, time: new Date(1_700_000_000_000 + seq * 100).toISOString(), sessionId: 's1', direction: seq % 2 ? 'cpe->acs' : 'acs->cpe',
  headers: {}, body: '', size: 0, ...over,
});

describe('pretty XML with a line map', () => {
  const xml = serializeEnvelope({ version: '1-2', header: { ID: 'x1' }, body: { name: 'Inform', args: RPC_SAMPLES.Inform } });
  const p = prettyXml(xml.replace(/\n/g, ''));

  it('indents any input and keeps element order and text', () => {
    expect(p.error).toBeUndefined();
    const lines = p.text.split('\n');
    expect(lines[0]).toMatch(/^<soap-env:Envelope xmlns:soap-env=/);
    expect(lines[0]).toContain('xmlns:xsd="http://www.w3.org/2001/XMLSchema"');
    expect(lines.some((l) => l === '        <SerialNumber>EXN0001</SerialNumber>')).toBe(true);
    expect(p.text).toContain('<Value xsi:type="xsd:string">1.0.0</Value>');
  });

  it('maps each element to its lines, so a selected node can be highlighted', () => {
    const body = p.root!.children[1];
    expect(body.name).toBe('Body');
    const deviceId = body.children[0].children[0];
    expect(deviceId.name).toBe('DeviceId');
    const lines = p.text.split('\n').slice(deviceId.from - 1, deviceId.to);
    expect(lines[0].trim()).toBe('<DeviceId>');
    expect(lines[lines.length - 1].trim()).toBe('</DeviceId>');
    expect(findNode(p.root, deviceId.id)).toBe(deviceId);
  });

  it('shows what it cannot parse as sent, with the reason', () => {
    const bad = prettyXml('<a><b></a>');
    expect(bad.root).toBeNull();
    expect(bad.text).toBe('<a><b></a>');
    expect(bad.error).toMatch(/does not match/);
  });

  it('escapes text so markup in values stays text', () => {
    const x = serializeEnvelope({ version: '1-2', header: { ID: '1' }, body: { name: 'GetParameterValuesResponse', args: {
      ParameterList: [{ Name: 'Device.X', Value: '<img src=x onerror=alert(1)>', Type: 'string' }] } } });
    expect(prettyXml(x).text).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });
});

describe('message list model', () => {
  it('filters by fault, verdict, rpc and body text', () => {
    const a = msg(1, { rpc: 'Inform', body: '<Inform>SerialABC</Inform>' });
    const b = msg(2, { rpc: 'Fault', faultCode: 9005 });
    const c = msg(3, { rpc: 'GetParameterValuesResponse', schema: { verdict: 'invalid' } });
    expect([a, b, c].filter((m) => matches(m, { faultsOnly: true }))).toEqual([b]);
    expect([a, b, c].filter((m) => matches(m, { invalidOnly: true }))).toEqual([c]);
    expect([a, b, c].filter((m) => matches(m, { text: 'serialabc' }))).toEqual([a]);
    expect([a, b, c].filter((m) => matches(m, { rpc: 'Fault' }))).toEqual([b]);
  });

  it('labels the end of a session and HTTP errors', () => {
    expect(rpcLabel(msg(2, { status: 204, rpc: 'empty' }))).toBe('(end: 204)');
    expect(rpcLabel(msg(2, { status: 401 }))).toBe('HTTP 401');
    expect(rpcLabel(msg(1, { rpc: 'empty' }))).toBe('(empty)');
  });

  it('Δ is per session; the ladder runs from the first message to the 204', () => {
    const list = [msg(1, { rpc: 'Inform' }), msg(2, { sessionId: 's2' }), msg(3, { rpc: 'empty' }), msg(4, { status: 204, rpc: 'empty' })];
    const d = deltas(list);
    expect(d.get(1)).toBeUndefined();
    expect(d.get(3)).toBe(200);
    const steps = ladder(list, 's1');
    expect(steps.map((s) => [s.fromCpe, s.label])).toEqual([[true, 'Inform'], [true, '(empty)'], [false, '(end: 204)']]);
  });

  it('merges live batches cheaply and keeps the newest', () => {
    const cur = [msg(1), msg(2)];
    expect(mergeMessages(cur, [msg(3), msg(4)], 3).map((m) => m.seq)).toEqual([2, 3, 4]);
    // A verdict arriving for an old message, or an overlapping snapshot, is merged by seq.
    const merged = mergeMessages(cur, [msg(1, { schema: { verdict: 'valid' } }), msg(5)], 10);
    expect(merged.map((m) => m.seq)).toEqual([1, 2, 5]);
    expect(merged[0].schema?.verdict).toBe('valid');
  });
});
