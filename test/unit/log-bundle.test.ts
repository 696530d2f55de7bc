// Log bundles: the format written by export and the strict reader behind
// log.import. A bad bundle is refused with a sentence saying what is wrong,
// never half-loaded, and never pollutes a prototype.
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { validateArgs } from '../../shared/api/validate';
import type { LoggedMessage } from '../../shared/model/records';
import { BUNDLE_FORMAT, BundleError, buildBundle, bundleIndex, parseBundle } from '../../electron/core/log/bundle';
import { LogImports } from '../../electron/core/log/imports';

const msg = (seq: number, extra: Partial<LoggedMessage> = {}): LoggedMessage => ({
  seq, time: new Date(Date.UTC(2026, 0, 1, 0, 0, seq)).toISOString(), sessionId: 's1', deviceId: 'D', direction: seq % 2 ? 'cpe->acs' : 'acs->cpe',
  headers: { 'content-type': 'text/xml' }, body: `<x n="${seq}"/>`, size: 12, rpc: 'Inform', schema: { verdict: 'valid', schema: 'cwmp-1-4.xsd' }, ...extra,
});

const doc = (messages: unknown[], extra: Record<string, unknown> = {}) => ({ format: BUNDLE_FORMAT, version: 1, app: 't', exported: '', redacted: true, selection: {}, messages, ...extra });
const json = (v: unknown) => Buffer.from(JSON.stringify(v));
const refuse = (bytes: Buffer, pattern: RegExp) => expect(parseBundle(bytes)).rejects.toThrow(pattern);

describe('log bundles', () => {
  it('round-trips our own records (known fields only) with an index', async () => {
    const messages = [msg(1, { faultCode: 9002, faultText: '9002 Internal error', modelWarnings: [{ path: 'Device.X_A_B', kind: 'vendor-extension', severity: 'info', message: 'v' }] }), msg(2, { status: 200, source: 'import-x' } as Partial<LoggedMessage>)];
    (messages[1] as unknown as Record<string, unknown>).someFutureField = 1;
    const bytes = await buildBundle(messages, { app: 'a', exported: 'e', redacted: true, selection: { deviceId: 'D' } });
    const back = await parseBundle(bytes);
    expect(back.messages).toEqual([messages[0], { ...msg(2, { status: 200 }) }]);
    expect(bundleIndex(back.messages)).toEqual([
      { '#': 1, time: messages[0]!.time, deltaMs: null, device: 'D', session: 's1', direction: 'cpe->acs', rpc: 'Inform', fault: 9002, size: 12, verdict: 'valid', warnings: 1 },
      { '#': 2, time: messages[1]!.time, deltaMs: 1000, device: 'D', session: 's1', direction: 'acs->cpe', status: 200, rpc: 'Inform', size: 12, verdict: 'valid' },
    ]);
    // Plain JSON (a bundle someone unzipped) reads too.
    expect((await parseBundle(json(doc([msg(3)])))).messages).toEqual([msg(3)]);
    // So does a minimal one: descriptive fields missing or odd are read leniently.
    const minimal = await parseBundle(json({ format: BUNDLE_FORMAT, version: 1, messages: [msg(3)], app: 5 }));
    expect(minimal).toMatchObject({ app: 'unknown', exported: '', redacted: false, selection: {}, messages: [msg(3)] });
  });

  it('refuses bad bundles with a clear reason', async () => {
    await refuse(Buffer.alloc(0), /the file is empty/);
    await refuse(Buffer.from('PK\x03\x04 a zip'), /not a log bundle: the file is not JSON/);
    await refuse(Buffer.from([0x1f, 0x8b, 1, 2, 3, 4]), /not a valid gzip stream/);
    await refuse(gzipSync('hello'), /not JSON/);
    await refuse(json([1, 2]), /"format" must be "tr069-workbench-log-bundle"/);
    await refuse(json({ ...doc([]), version: 2 }), /unsupported bundle version 2/);
    await refuse(json(doc([], { extra: 1 })), /unknown top-level field "extra"/);
    await refuse(json(doc({} as unknown[])), /"messages" must be an array/);
    await refuse(json(doc([msg(1)], { index: [] })), /"index" must be an array with one entry per message/);
    await refuse(json(doc([{ ...msg(1), direction: 'sideways' }])), /messages\[0\]\.direction: must be cpe->acs or acs->cpe/);
    await refuse(json(doc([{ ...msg(1), body: undefined }])), /messages\[0\]\.body: is required/);
    await refuse(json(doc([{ ...msg(1), body: 1 }])), /messages\[0\]\.body: must be a string/);
    await refuse(json(doc([{ ...msg(1), rpc: 'x'.repeat(129) }])), /messages\[0\]\.rpc: must be at most 128 characters/);
    await refuse(json(doc([{ ...msg(1), status: 42 }])), /messages\[0\]\.status: must be an integer between 100 and 999/);
    await refuse(json(doc([{ ...msg(1), headers: { a: 1 } }])), /messages\[0\]\.headers\.a: must be a string/);
    await refuse(json(doc([{ ...msg(1), schema: { verdict: 'great' } }])), /schema\.verdict: must be one of valid, invalid/);
    await refuse(json(doc([{ ...msg(1), schema: { verdict: 'valid', mood: 'fine' } }])), /messages\[0\]\.schema: unknown field "mood"/);
    const warning = { path: 'Device.X', kind: 'bad-value', severity: 'loud', message: 'm' };
    await refuse(json(doc([{ ...msg(1), modelWarnings: [warning] }])), /messages\[0\]\.modelWarnings\[0\]\.severity: must be info or warning/);
    await refuse(json(doc([msg(1), { ...msg(2), headers: Object.fromEntries(Array.from({ length: 501 }, (_, i) => [`h${i}`, 'v'])) }])),
      /messages\[1\]\.headers: has more than 500 headers/);
    await refuse(json(doc([{ ...msg(1), evil: true }])), /messages\[0\]: unknown field "evil"/);
    await refuse(json(doc([msg(1), msg(1)])), /messages\[1\]: message number 1 appears twice/);
    await refuse(json(doc([{ ...msg(1), seq: -1 }])), /seq: must be an integer/);
    await refuse(json(doc([msg(1)], { devices: [] })), /"devices" must be an object keyed by device/);
    await refuse(json(doc([msg(1)], { devices: { D: { compat: { telepathy: {} } } } })), /devices\["D"\]\.compat: unknown switch "telepathy"/);
    const entry = { value: 'yes', source: 'learned', at: 't', reason: 'r' };
    await refuse(json(doc([msg(1)], { devices: { D: { compat: { xmlDeclaration: entry } } } })),
      /devices\["D"\]\.compat\.xmlDeclaration\.value: xmlDeclaration is true or false/);
    await refuse(json(doc([msg(1)], { devices: { D: { compat: { xmlDeclaration: { ...entry, value: false, source: 'guessed' } } } } })),
      /devices\["D"\]\.compat\.xmlDeclaration\.source: must be learned or user/);
    await refuse(json(doc([msg(1)], { devices: { D: { lastSessionProblem: { text: 1 } } } })), /devices\["D"\]\.lastSessionProblem\.at: is required/);
    await refuse(json(doc([msg(1)], { devices: { D: { mood: 'fine' } } })), /devices\["D"\]: unknown field "mood"/);
  });

  it('writes only what it knows, nested fields included, and refuses to write what it could not read back', async () => {
    const m = msg(1, { schema: { verdict: 'valid', extra: 1 } as never, parameterFaults: [{ parameter: 'Device.A', code: 9007, text: 't', hint: 'h' } as never] });
    const back = await parseBundle(await buildBundle([m], { app: 'a', exported: 'e', redacted: true, selection: {} }));
    expect(back.messages[0]!.schema).toEqual({ verdict: 'valid' });
    expect(back.messages[0]!.parameterFaults).toEqual([{ parameter: 'Device.A', code: 9007, text: 't' }]);
    await expect(buildBundle([msg(1, { direction: 'up' as never })], { app: 'a', exported: 'e', redacted: true, selection: {} }))
      .rejects.toThrow(/message 1\.direction: must be cpe->acs or acs->cpe/);
    const compat = { maxParametersPerGet: { value: -1, source: 'user' as const, at: 't', reason: 'r' } };
    await expect(buildBundle([msg(1)], { app: 'a', exported: 'e', redacted: true, selection: {}, devices: { D: { compat } as never } }))
      .rejects.toThrow(/devices\["D"\]\.compat\.maxParametersPerGet\.value: maxParametersPerGet is a whole number/);
  });

  it('carries what was learned of each device (compatibility profile), field by field', async () => {
    const compat = { xmlDeclaration: { value: false, source: 'learned' as const, at: '2026-12-08T00:00:00Z', reason: 'dropped after InformResponse', sessionId: 's1' } };
    const lastSessionProblem = { at: '2026-12-08T00:00:01Z', sessionId: 's1', text: 'the CPE closed the connection' };
    const bytes = await buildBundle([msg(1)], { app: 'a', exported: 'e', redacted: true, selection: {}, devices: { D: { compat, lastSessionProblem } } });
    expect((await parseBundle(bytes)).devices).toEqual({ D: { compat, lastSessionProblem } });
    expect((await parseBundle(await buildBundle([msg(1)], { app: 'a', exported: 'e', redacted: true, selection: {} }))).devices).toBeUndefined();
  });

  it('refuses prototype-polluting keys anywhere, and nothing is polluted', async () => {
    const text = JSON.stringify(doc([msg(1)])).replace('"content-type"', '"__proto__":{"polluted":"yes"},"content-type"');
    await refuse(Buffer.from(text), /forbidden key "__proto__"/);
    await refuse(Buffer.from(JSON.stringify(doc([msg(1)])).replace('"headers":{', '"headers":{"constructor":"x",')), /forbidden key "constructor"/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('caps the file, the decompressed JSON (gzip bombs) and the message count', async () => {
    const small = { maxBytes: 1000, maxJson: 10_000, maxMessages: 2 };
    await expect(parseBundle(Buffer.alloc(1001, 32), small)).rejects.toThrow(/bundles are at most/);
    const bomb = gzipSync(Buffer.alloc(500_000, 32), { level: 9 });
    expect(bomb.length).toBeLessThan(1000);
    await expect(parseBundle(bomb, small)).rejects.toThrow(/once decompressed/);
    await expect(parseBundle(json(doc([msg(1), msg(2), msg(3)])), { ...small, maxJson: 1e6, maxBytes: 1e6 })).rejects.toThrow(/too many messages \(3, at most 2\)/);
  });

  it('log.import: base64 is checked before the handler; imports are bounded in number', async () => {
    expect(validateArgs('log.import', { fileName: 'x', bytes: '###' })).toMatchObject({ ok: false, error: expect.stringMatching(/must be base64/) });
    const imports = new LogImports({ maxImports: 2 });
    const bytes = (await buildBundle([msg(1)], { app: 'a', exported: 'e', redacted: true, selection: {} })).toString('base64');
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await imports.import({ fileName: `b${i}`, bytes })).importId);
    expect(imports.infos().map((i) => i.importId)).toEqual(ids.slice(1));
    expect(() => imports.messages(ids[0]!)).toThrow(/no import/);
    await expect(imports.import({ fileName: 'bad', bytes: Buffer.from('{}').toString('base64') })).rejects.toBeInstanceOf(BundleError);
    expect(imports.infos()).toHaveLength(2);
  });
});
