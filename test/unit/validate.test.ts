import { describe, expect, it } from 'vitest';
import { INVOKE_CHANNELS, type Handlers, type InvokeChannel } from '../../shared/api/contract';
import { createApi } from '../../shared/api/create-api';
import { inProcessTransport } from '../../shared/api/in-process';
import { MAX_ARGS_BYTES, registerHandlers, validateArgs } from '../../shared/api/validate';
import { ACS_METHODS } from '../../shared/cwmp/types';
import { TRANSFER_CASES } from './transfer-validate-cases';

const long = (n: number) => 'x'.repeat(n);

// One accepted call per channel, and the refusals it must produce (args → expected error fragment).
const CASES: { [C in InvokeChannel]: { good: unknown[]; bad: [unknown, string][] } } = {
  'acs.info': { good: [{}, undefined], bad: [[{ x: 1 }, 'args has unknown key "x"'], [null, 'args must be an object'], [[], 'args must be an object']] },
  'device.list': { good: [{}], bad: [['all', 'args must be an object'], [{ id: 'a' }, 'unknown key "id"']] },
  'device.get': {
    good: [{ id: '00D09E-IGD-123' }],
    bad: [[{}, 'args.id is required'], [{ id: 5 }, 'args.id must be a string'], [{ id: '' }, 'args.id must not be empty'],
      [{ id: long(257) }, 'at most 256 characters'], [{ id: 'a', extra: 1 }, 'unknown key "extra"']],
  },
  'device.delete': { good: [{ id: 'a' }], bad: [[{ id: null }, 'args.id must be a string'], [undefined, 'args.id is required']] },
  'device.discover': {
    good: [{ id: 'a' }, { id: 'a', path: 'Device.' }],
    bad: [[{ id: 'a', path: 7 }, 'args.path must be a string'], [{ id: 'a', path: long(1025) }, 'args.path must be at most 1024']],
  },
  'device.contact': { good: [{ id: 'a' }], bad: [[{ id: ['a'] }, 'args.id must be a string']] },
  'device.contacts': { good: [{}], bad: [[{ id: 'a' }, 'unknown key "id"']] },
  'device.setCompat': {
    good: [{ id: 'a', switch: 'xmlDeclaration', value: false }, { id: 'a', switch: 'maxParametersPerGet', value: 100 }, { id: 'a', switch: 'booleanStyle', value: null }],
    bad: [[{ id: 'a', switch: 'xmlDecl', value: false }, 'args.switch must be one of xmlDeclaration'], [{ id: 'a', switch: 'xmlDeclaration' }, 'args.value is required'],
      [{ id: 'a', switch: 'xmlDeclaration', value: {} }, 'args.value must be true, false, a number']],
  },
  'parameter.list': {
    good: [{ deviceId: 'a' }, { deviceId: 'a', path: 'Device.WiFi.', depth: 1 }],
    bad: [[{ id: 'a' }, 'unknown key "id"'], [{ deviceId: 'a', depth: 1.5 }, 'args.depth must be an integer between 0 and 1000'],
      [{ deviceId: 'a', depth: '1' }, 'args.depth must be an integer'], [{ deviceId: 'a', depth: -1 }, 'args.depth must be an integer']],
  },
  'device.overview': { good: [{ id: 'a' }], bad: [[{}, 'args.id is required'], [{ id: 'a', path: 'x' }, 'unknown key "path"']] },
  'parameter.search': {
    good: [{ deviceId: 'a', query: 'SSID' }, { deviceId: 'a', query: 'x', limit: 50 }],
    bad: [[{ deviceId: 'a' }, 'args.query is required'], [{ deviceId: 'a', query: '' }, 'args.query must not be empty'],
      [{ deviceId: 'a', query: 'x', limit: 0 }, 'args.limit must be an integer between 1 and 10000'],
      [{ deviceId: 'a', query: long(1025) }, 'args.query must be at most 1024']],
  },
  'model.describe': {
    good: [{ deviceId: 'a', path: 'Device.WiFi.SSID.1.SSID' }],
    bad: [[{ deviceId: 'a' }, 'args.path is required'], [{ deviceId: 'a', path: 3 }, 'args.path must be a string']],
  },
  'task.enqueue': {
    good: [{ deviceId: 'a', rpc: 'Reboot', args: { CommandKey: 'k' } }, { deviceId: 'a', rpc: 'GetRPCMethods', args: {}, contact: false }],
    bad: [
      [{ deviceId: 'a', rpc: 'Inform', args: {} }, `args.rpc must be one of ${ACS_METHODS.join(', ')}`],
      [{ deviceId: 'a', rpc: 'Reboot' }, 'args.args is required'],
      [{ deviceId: 'a', rpc: 'Reboot', args: [] }, 'args.args must be an object'],
      [{ deviceId: 'a', rpc: 'Reboot', args: 'x' }, 'args.args must be an object'],
      [{ deviceId: 'a', rpc: 'Reboot', args: {}, contact: 'yes' }, 'args.contact must be a boolean'],
      [{ rpc: 'Reboot', args: {} }, 'args.deviceId is required'],
    ],
  },
  'task.list': {
    good: [{}, { deviceId: 'a', status: 'queued' }],
    bad: [[{ status: 'pending' }, 'args.status must be one of queued, running, done, failed, cancelled']],
  },
  'task.cancel': { good: [{ id: 't1' }], bad: [[{}, 'args.id is required'], [{ id: long(129) }, 'at most 128']] },
  'task.retry': { good: [{ id: 't1' }], bad: [[{ id: 1 }, 'args.id must be a string']] },
  'log.list': {
    good: [{}, { deviceId: 'a', sessionId: 's', limit: 100 },
      { rpc: 'Inform', faultsOnly: true, invalidOnly: false, text: 'SSID', before: 1200, source: 'import-1' }],
    bad: [[{ limit: 0 }, 'args.limit must be an integer between 1 and 100000'], [{ limit: 1e9 }, 'args.limit'],
      [{ sessionId: 3 }, 'args.sessionId must be a string'], [{ before: 0 }, 'args.before must be an integer'],
      [{ faultsOnly: 'yes' }, 'args.faultsOnly must be a boolean'], [{ text: '' }, 'args.text must not be empty'],
      [{ text: long(257) }, 'args.text must be at most 256'], [{ filter: {} }, 'unknown key "filter"']],
  },
  'log.get': {
    good: [{ sessionId: 's', seq: 3 }, { sessionId: 's', seq: 3, source: 'import-1' }],
    bad: [[{ sessionId: 's' }, 'args.seq is required'], [{ sessionId: 's', seq: 0 }, 'args.seq must be an integer']],
  },
  'log.export': {
    good: [{}, { deviceId: 'a', filter: { rpc: 'Fault', faultsOnly: true } },
      { sessionId: 's', unredacted: true, confirmUnredacted: 'I understand this export contains secrets' }],
    bad: [[{ filter: { rpc: 1 } }, 'args.filter.rpc must be a string'], [{ filter: { x: 1 } }, 'args.filter has unknown key "x"'],
      [{ unredacted: 'true' }, 'args.unredacted must be a boolean'], [{ text: 'a' }, 'unknown key "text"']],
  },
  'log.import': {
    good: [{ fileName: 'b.json.gz', bytes: 'H4sIAAAAAAAA' }, { fileName: 'b', bytes: 'AAAA', part: { uploadId: 'u1', index: 0, count: 2 } }],
    bad: [[{ fileName: 'b' }, 'args.bytes is required'], [{ fileName: 'b', bytes: 'not base64!' }, 'args.bytes must be base64'],
      [{ fileName: 'b', bytes: 'AAA' }, 'args.bytes must be base64'], [{ fileName: '', bytes: 'AAAA' }, 'args.fileName must not be empty'],
      [{ fileName: 'b', bytes: 'AAAA', part: { uploadId: 'u', index: 2, count: 2 } }, 'args.part.index must be below args.part.count'],
      [{ fileName: 'b', bytes: 'AAAA', part: { uploadId: 'u', index: 0 } }, 'args.part.count is required']],
  },
  'log.imports': { good: [{}], bad: [[{ id: 'x' }, 'unknown key "id"']] },
  'model.warnings': { good: [{ deviceId: 'a' }], bad: [[{}, 'args.deviceId is required'], [{ deviceId: 1 }, 'args.deviceId must be a string']] },
  'sim.start': {
    good: [{ count: 1 }, { count: 10, model: 'tr098', scale: 0.5 }, { count: 1, quirks: ['rejectXmlDeclaration', 'crDigestAlgorithm=SHA-256'] }],
    bad: [[{}, 'args.count is required'], [{ count: 0 }, 'args.count must be an integer between 1 and 10000'],
      [{ count: 1, model: 'tr069' }, 'args.model must be one of tr181, tr098'],
      [{ count: 1, scale: 0 }, 'args.scale must be a number greater than 0'],
      [{ count: 1, scale: Number.NaN }, 'args.scale must be a number']],
  },
  'sim.list': { good: [{}], bad: [[{ all: true }, 'unknown key "all"']] },
  'sim.stop': { good: [{}, { id: 'a' }], bad: [[{ id: 1 }, 'args.id must be a string']] },
  'diagnostics.ping': {
    good: [{ deviceId: 'a', host: '127.0.0.1' }, { deviceId: 'a', host: 'example.com', repetitions: 10, timeoutMs: 2000, dataBlockSize: 1400 }],
    bad: [
      [{ deviceId: 'a' }, 'args.host is required'], [{ deviceId: 'a', host: '' }, 'args.host: enter a host name or IP address'],
      [{ deviceId: 'a', host: 'http://x/' }, 'args.host: a host name or IP address only'], [{ deviceId: 'a', host: 'x', repetitions: 0 }, 'args.repetitions must be an integer between 1 and 100'],
      [{ deviceId: 'a', host: 'x'.repeat(257) }, 'args.host: at most 256 characters'],
    ],
  },
  'diagnostics.traceroute': {
    good: [{ deviceId: 'a', host: 'example.com' }, { deviceId: 'a', host: '2001:db8::1', tries: 3, timeoutMs: 5000, maxHops: 64, dataBlockSize: 38 }],
    bad: [
      [{ deviceId: 'a', host: 'x', tries: 4 }, 'args.tries must be an integer between 1 and 3'],
      [{ deviceId: 'a', host: 'x', maxHops: 65 }, 'args.maxHops must be an integer between 1 and 64'],
      [{ deviceId: 'a', host: 'a b' }, 'args.host: a host name or IP address only'],
    ],
  },
  'diagnostics.list': { good: [{ deviceId: 'a' }], bad: [[{}, 'args.deviceId is required']] },
  'settings.get': { good: [{}], bad: [[{ password: 'x' }, 'unknown key "password"']] },
  'settings.update': {
    good: [{}, { cwmpPort: 0 }, { cwmpPort: 65535, cwmpHost: '127.0.0.1' }, { cpeAuth: { scheme: 'digest', username: 'u', password: 'p' } },
      { connectionRequest: { password: 'x' } }, { holdRequests: true, sessionTimeoutSeconds: 30 },
      { logRetention: { maxSessionsPerDevice: 1 } }, { logRetention: { maxSessionsPerDevice: 100_000, maxMiBPerDevice: 102_400 } }],
    bad: [
      [{ cwmpPort: 65536 }, 'args.cwmpPort: a port number from 0 to 65535'],
      [{ cwmpPort: '7547' }, 'args.cwmpPort: a port number'],
      [{ cwmpHost: 'http://x/' }, 'args.cwmpHost: an IP address or host name'],
      [{ cwmpHost: long(254) }, 'args.cwmpHost: at most 253 characters'],
      [{ cpeAuth: { scheme: 'ntlm' } }, 'args.cpeAuth.scheme: one of none, basic, digest'],
      [{ cpeAuth: { password: long(257) } }, 'args.cpeAuth.password: at most 256 characters'],
      [{ cpeAuth: { passwordSet: true } }, 'args.cpeAuth has unknown key "passwordSet"'],
      [{ connectionRequest: { username: '' } }, 'args.connectionRequest.username: enter a username'],
      [{ sessionTimeoutSeconds: 1 }, 'args.sessionTimeoutSeconds: whole seconds from 5 to 3600'],
      [{ holdRequests: 'yes' }, 'args.holdRequests: must be true or false'],
      [{ dataDir: '/tmp' }, 'args has unknown key "dataDir"'],
      [{ logRetention: { maxSessionsPerDevice: 0 } }, 'args.logRetention.maxSessionsPerDevice: a whole number from 1 to 100000'],
      [{ logRetention: { maxSessionsPerDevice: 100_001 } }, 'args.logRetention.maxSessionsPerDevice: a whole number from 1'],
      [{ logRetention: { maxMiBPerDevice: 2.5 } }, 'args.logRetention.maxMiBPerDevice: whole MiB from 1 to 102400'],
      [{ logRetention: { maxMiBPerDevice: '256' } }, 'args.logRetention.maxMiBPerDevice: whole MiB'],
      [{ logRetention: { maxBytesPerDevice: 1 } }, 'args.logRetention has unknown key "maxBytesPerDevice"'],
      [{ logRetention: 5 }, 'args.logRetention must be an object'],
    ],
  },
  ...TRANSFER_CASES,
};

describe('validateArgs', () => {
  for (const channel of INVOKE_CHANNELS) {
    describe(channel, () => {
      it.each(CASES[channel].good.map((a) => [JSON.stringify(a) ?? 'undefined', a]))('accepts %s', (_n, args) => {
        const r = validateArgs(channel, args);
        expect(r).toEqual({ ok: true, args: args ?? {} });
      });
      it.each(CASES[channel].bad.map(([a, e]) => [JSON.stringify(a) ?? 'undefined', a, e]))('refuses %s', (_n, args, err) => {
        const r = validateArgs(channel, args);
        expect(r.ok).toBe(false);
        if (!r.ok) {
          expect(r.error.startsWith(`${channel}: `)).toBe(true);
          expect(r.error).toContain(err);
        }
      });
      it('refuses non-plain objects and oversized payloads', () => {
        expect(validateArgs(channel, new Date()).ok).toBe(false);
        expect(validateArgs(channel, 42).ok).toBe(false);
        const huge = validateArgs(channel, { id: long(MAX_ARGS_BYTES + 1) });
        expect(huge).toEqual({ ok: false, error: expect.stringContaining(`${channel}: args too large`) });
      });
    });
  }

  it('refuses unknown channels, including prototype keys', () => {
    expect(validateArgs('device.nuke', {})).toEqual({ ok: false, error: 'unknown channel "device.nuke"' });
    expect(validateArgs('__proto__', {}).ok).toBe(false);
    expect(validateArgs('toString', {}).ok).toBe(false);
    expect(validateArgs(5 as unknown as string, {})).toEqual({ ok: false, error: 'channel must be a string' });
  });

  it('hands the handler plain data: a nested Date or class instance becomes a plain copy of the checked fields', () => {
    class Auth { username = 'u'; }
    const r = validateArgs('settings.update', { cpeAuth: new Auth(), connectionRequest: new Date() });
    expect(r).toEqual({ ok: true, args: { cpeAuth: { username: 'u' }, connectionRequest: {} } });
    if (r.ok) for (const v of Object.values(r.args as object)) expect(Object.getPrototypeOf(v)).toBe(Object.prototype);
  });

  it('refuses unserialisable arguments', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(validateArgs('task.enqueue', { deviceId: 'a', rpc: 'Reboot', args: cyclic }))
      .toEqual({ ok: false, error: 'task.enqueue: args must be plain JSON data' });
    expect(validateArgs('device.get', { id: 1n }).ok).toBe(false);
  });

  it('has cases for every channel', () => {
    expect(Object.keys(CASES).sort()).toEqual([...INVOKE_CHANNELS].sort());
  });
});

describe('registerHandlers and the in-process transport', () => {
  const calls: [string, unknown][] = [];
  const handlers = Object.fromEntries(
    INVOKE_CHANNELS.map((c) => [c, async (args: unknown) => (calls.push([c, args]), { channel: c })]),
  ) as unknown as Handlers;

  it('registers every channel once', () => {
    const seen: string[] = [];
    registerHandlers(handlers, (c) => seen.push(c));
    expect(seen).toEqual([...INVOKE_CHANNELS]);
  });

  it('refuses a handlers object with a missing channel', () => {
    const partial = { ...handlers } as Partial<Handlers>;
    delete partial['sim.stop'];
    expect(() => registerHandlers(partial as Handlers, () => undefined)).toThrow('no handler for sim.stop');
  });

  it('validates before calling the handler', async () => {
    const listeners = new Set<(p: unknown) => void>();
    const api = createApi(inProcessTransport(handlers, ((_e: string, cb: (p: unknown) => void) => {
      listeners.add(cb);
      return () => listeners.delete(cb);
    }) as never));
    calls.length = 0;
    await expect(api.invoke('device.get', { id: 'a' })).resolves.toEqual({ channel: 'device.get' });
    await expect(api.invoke('device.get', { id: 3 } as never)).rejects.toThrow('device.get: args.id must be a string');
    await expect(api.invoke('nope' as never, {} as never)).rejects.toThrow('unknown channel');
    expect(calls).toEqual([['device.get', { id: 'a' }]]);
    const got: unknown[] = [];
    const off = api.on('device.deleted', (p) => got.push(p));
    for (const l of listeners) l({ id: 'x' });
    off();
    expect(listeners.size).toBe(0);
    expect(got).toEqual([{ id: 'x' }]);
  });
});
