import { appendFileSync, existsSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LoggedMessage } from '../../shared/model/records';
import type { CheckItem } from '../../electron/core/check/check-types';
import { JsonlAppender } from '../../electron/core/log/jsonl-appender';
import { SessionLog } from '../../electron/core/log/session-log';

type Input = Parameters<SessionLog['record']>[0];

function m(sessionId: string, body: string, extra: Partial<Input> = {}): Input {
  return { sessionId, direction: 'cpe->acs', headers: { 'Content-Type': 'text/xml' }, body, size: body.length, ...extra };
}

async function lines(file: string): Promise<LoggedMessage[]> {
  return (await readFile(file, 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as LoggedMessage);
}

let dir: string;
let log: SessionLog;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tr069-log-'));
});
afterEach(async () => {
  await log?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('SessionLog', () => {
  it('assigns seq and time, keeps a bounded ring, lists newest in seq order', () => {
    log = new SessionLog({ dataDir: dir, memoryLimit: 10 });
    const first = log.record(m('s1', 'a', { time: '2026-01-01T00:00:00.000Z' }));
    expect(first.seq).toBe(1);
    expect(first.time).toBe('2026-01-01T00:00:00.000Z');
    for (let i = 2; i <= 25; i++) log.record(m(i % 2 ? 's1' : 's2', `b${i}`));
    const all = log.list();
    expect(all.map((x) => x.seq)).toEqual([16, 17, 18, 19, 20, 21, 22, 23, 24, 25]);
    expect(all[0]!.time).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(log.list({ limit: 3 }).map((x) => x.seq)).toEqual([23, 24, 25]);
    expect(log.list({ sessionId: 's2', limit: 2 }).map((x) => x.seq)).toEqual([22, 24]);
  });

  it('appends raw JSONL per session (owner-only files), in order; every view is redacted', async () => {
    log = new SessionLog({ dataDir: dir });
    const secret = 'Basic YWNzOnNlY3JldA==';
    for (let i = 0; i < 200; i++) {
      log.record(m(i % 2 ? 'sA' : 'sB', `<x>${i}</x>`, { deviceId: 'OUI-PC-1', headers: { Authorization: secret } }));
    }
    await log.flush();
    const a = await lines(log.sessionFile('OUI-PC-1', 'sA'));
    const b = await lines(log.sessionFile('OUI-PC-1', 'sB'));
    expect(a).toHaveLength(100);
    expect(b).toHaveLength(100);
    expect(a.map((x) => x.seq)).toEqual(Array.from({ length: 100 }, (_, i) => 2 * i + 2));
    expect(b.map((x) => x.body)).toEqual(Array.from({ length: 100 }, (_, i) => `<x>${2 * i}</x>`));
    // The file keeps the message as captured (for a confirmed unredacted export), readable by its owner only.
    expect(a[0]).toMatchObject({ deviceId: 'OUI-PC-1', sessionId: 'sA', headers: { Authorization: secret } });
    expect(a[0]!.redacted).toBeUndefined();
    if (process.platform !== 'win32') {
      expect((await stat(log.sessionFile('OUI-PC-1', 'sA'))).mode & 0o777).toBe(0o600);
      expect((await stat(join(dir, 'logs', 'OUI-PC-1'))).mode & 0o777).toBe(0o700);
    }
    // Memory, lists and session reads are redacted.
    expect(log.list({ sessionId: 'sA' })[0]).toMatchObject({ redacted: true, headers: { Authorization: 'Basic ***' } });
    const view = await log.readSession('OUI-PC-1', 'sB');
    expect(view.map((x) => x.seq)).toEqual(b.map((x) => x.seq));
    expect(JSON.stringify(view)).not.toContain('YWNzOnNlY3JldA');
    expect(await log.readSession('OUI-PC-1', 'sB', { unredacted: true })).toEqual(b);
  });

  it('moves a session to its device once known (memory and file)', async () => {
    log = new SessionLog({ dataDir: dir });
    log.record(m('s1', '', { method: 'POST', status: undefined }));
    log.record(m('s1', '<Inform/>', { direction: 'cpe->acs' }));
    await log.flush(); // the first lines are already in _unassigned/
    expect((await readdir(join(dir, 'logs'))).filter((n) => !n.startsWith('.')).sort()).toEqual(['_unassigned']);
    log.assignDevice('s1', 'OUI-PC-7');
    log.record(m('s1', '<InformResponse/>', { direction: 'acs->cpe' }));
    log.record(m('s2', 'other session'));
    expect(log.list({ deviceId: 'OUI-PC-7' }).map((x) => x.seq)).toEqual([1, 2, 3]);
    await log.flush();
    const file = await lines(log.sessionFile('OUI-PC-7', 's1'));
    expect(file.map((x) => x.seq)).toEqual([1, 2, 3]);
    await expect(stat(log.sessionFile(undefined, 's1'))).rejects.toThrow();
    expect((await log.readSession('OUI-PC-7', 's1')).every((x) => x.deviceId === 'OUI-PC-7')).toBe(true);
    expect(await lines(log.sessionFile(undefined, 's2'))).toHaveLength(1);
  });

  it('reads a session that left memory from its file', async () => {
    log = new SessionLog({ dataDir: dir, memoryLimit: 5 });
    for (let i = 0; i < 4; i++) log.record(m('old', `old-${i}`, { deviceId: 'D-1' }));
    for (let i = 0; i < 6; i++) log.record(m('new', `new-${i}`, { deviceId: 'D-1' }));
    await log.flush();
    expect(log.list({ sessionId: 'old' }).map((x) => x.body)).toEqual(['old-0', 'old-1', 'old-2', 'old-3']);
    expect(log.list({ sessionId: 'new' }).map((x) => x.body)).toEqual(['new-0', 'new-1', 'new-2', 'new-3', 'new-4', 'new-5']);
    expect(log.list({ sessionId: 'old', limit: 2 }).map((x) => x.body)).toEqual(['old-2', 'old-3']);
    await log.close();
    // A later run, which knows nothing about the session: found by searching the device folders.
    log = new SessionLog({ dataDir: dir });
    expect(log.list({ sessionId: 'old' }).map((x) => x.body)).toEqual(['old-0', 'old-1', 'old-2', 'old-3']);
    expect(log.list({ sessionId: 'nope' })).toEqual([]);
  });

  it('cuts huge bodies in memory, keeps them whole on disk', async () => {
    log = new SessionLog({ dataDir: dir, memoryBodyLimit: 1000 });
    const big = `<x>${'a'.repeat(5000)}</x>`;
    const kept = log.record(m('s', big, { deviceId: 'D' }));
    expect(kept.body).toHaveLength(1000);
    expect(kept.note).toMatch(/cut to 1000 of 5007/);
    expect(log.list()[0]!.body).toHaveLength(1000);
    expect((await log.readSession('D', 's'))[0]!.body).toBe(big);
  });

  it('notifies listeners with the stored record; unsubscribe works; a throwing listener is contained', () => {
    const warn = vi.fn();
    log = new SessionLog({ dataDir: dir, warn });
    const seen: LoggedMessage[] = [];
    const off = log.onMessage((x) => seen.push(x));
    log.onMessage(() => {
      throw new Error('listener bug');
    });
    const r = log.record(m('s', 'x', { headers: { authorization: 'Basic abc' } }));
    off();
    log.record(m('s', 'y'));
    expect(seen).toEqual([r]);
    expect(seen[0]!.headers.authorization).toBe('Basic ***');
    expect(warn).toHaveBeenCalledTimes(2);
  });

  it('writes many lines with one open file and closes it when idle', async () => {
    const events: boolean[] = [];
    let idle = false;
    const file = join(dir, 'a', 'b.jsonl');
    const a = new JsonlAppender(file, {
      idleMs: 30,
      onError: (err) => { throw err; },
      onHandle: (_a, open) => events.push(open),
      onIdle: () => { idle = true; },
    });
    for (let i = 0; i < 50; i++) {
      a.append(`${i}\n`);
      if (i % 10 === 0) await new Promise((r) => setImmediate(r));
    }
    await a.flush();
    expect(events).toEqual([true]);
    await new Promise((r) => setTimeout(r, 80));
    expect(events).toEqual([true, false]);
    expect(idle).toBe(true);
    a.append('50\n');
    await a.flush();
    expect((await readFile(file, 'utf8')).trim().split('\n').map(Number)).toEqual(Array.from({ length: 51 }, (_, i) => i));
    await a.closeHandle();
  });

  it('bounds open files', async () => {
    log = new SessionLog({ dataDir: dir, maxOpenFiles: 3 });
    for (let i = 0; i < 10; i++) log.record(m(`s${i}`, 'x', { deviceId: 'D' }));
    await log.flush();
    await new Promise((r) => setTimeout(r, 20)); // closes run on the appenders' chains
    if (existsSync('/proc/self/fd')) {
      const open = readdirSync('/proc/self/fd').filter((fd) => {
        try {
          return readlinkSync(`/proc/self/fd/${fd}`).startsWith(dir);
        } catch {
          return false;
        }
      });
      expect(open.length).toBeLessThanOrEqual(3);
    }
    for (let i = 0; i < 10; i++) log.record(m(`s${i}`, 'y', { deviceId: 'D' }));
    await log.flush();
    for (let i = 0; i < 10; i++) expect((await lines(log.sessionFile('D', `s${i}`))).map((x) => x.body)).toEqual(['x', 'y']);
  });
});

describe('SessionLog: verdicts, filters, history, retention, bounds', () => {
  const soap = (sessionId: string, body: string, extra: Partial<Input> = {}) => m(sessionId, body, { method: 'POST', ...extra });

  it('queues SOAP bodies (raw) for the checker, marks the rest n/a, applies verdicts in memory and in the file', async () => {
    log = new SessionLog({ dataDir: dir });
    const queued: CheckItem[] = [];
    log.setChecker((it) => queued.push(it));
    const pw = '<Name>Device.Users.User.1.Password</Name><Value>hunter22</Value>';
    const a = log.record(soap('s1', `<Envelope>${pw}</Envelope>`, { deviceId: 'D', rpc: 'Inform' }));
    const b = log.record(m('s1', '', { deviceId: 'D', direction: 'acs->cpe', status: 204 }));
    expect(a.schema).toEqual({ verdict: 'pending' });
    expect(b.schema).toEqual({ verdict: 'n/a' });
    expect(queued).toEqual([{ seq: a.seq, sessionId: 's1', deviceId: 'D', direction: 'cpe->acs', rpc: 'Inform', body: `<Envelope>${pw}</Envelope>` }]);
    expect(a.body).not.toContain('hunter22');
    const warning = { path: 'Device.X_Y_Z', kind: 'vendor-extension' as const, severity: 'info' as const, message: 'vendor extension (X_Y_): not part of Device:2.19' };
    const checked = log.applyCheck({ seq: a.seq, sessionId: 's1', direction: 'cpe->acs', schema: { verdict: 'invalid', errors: [{ line: 1, message: 'bad' }] }, modelWarnings: [warning] });
    expect(checked).toEqual({ seq: a.seq, sessionId: 's1', deviceId: 'D', schema: { verdict: 'invalid', errors: [{ line: 1, message: 'bad' }] }, modelWarnings: [warning] });
    expect(log.list({ invalidOnly: true }).map((x) => x.seq)).toEqual([a.seq]);
    await log.close();
    // A later run reads the verdict back from the session file's check line.
    log = new SessionLog({ dataDir: dir });
    const [again] = log.list({ sessionId: 's1' });
    expect(again).toMatchObject({ seq: a.seq, schema: { verdict: 'invalid' }, modelWarnings: [warning], redacted: true });
    expect(again!.body).not.toContain('hunter22');
  });

  it('explains faults when recording them', () => {
    log = new SessionLog({ dataDir: dir });
    const fault = readFileSync(join(__dirname, '../fixtures/samples/valid-fault-spv.xml'), 'utf8');
    const r = log.record(soap('s', fault, { rpc: 'Fault', faultCode: 9003 }));
    expect(r.faultText).toMatch(/^9003 Invalid arguments/);
    expect(r.parameterFaults?.length).toBeGreaterThan(0);
    expect(r.parameterFaults![0]!.text).toMatch(/^\d{4} /);
  });

  it('filters by rpc, faults, text (in redacted bodies only) and pages back with before', () => {
    log = new SessionLog({ dataDir: dir });
    log.record(soap('s', '<Inform>Hello World</Inform>', { rpc: 'Inform' }));
    log.record(soap('s', '<x><Name>A.Password</Name><Value>topsecret</Value></x>', { rpc: 'SetParameterValues' }));
    log.record(soap('s', '<Fault/>', { rpc: 'Fault', faultCode: 9002 }));
    for (let i = 0; i < 10; i++) log.record(soap('s', `<GetParameterValues n="${i}"/>`, { rpc: 'GetParameterValues' }));
    expect(log.list({ rpc: 'Inform' }).map((x) => x.seq)).toEqual([1]);
    expect(log.list({ faultsOnly: true }).map((x) => x.seq)).toEqual([3]);
    expect(log.list({ text: 'hello world' }).map((x) => x.seq)).toEqual([1]);
    expect(log.list({ text: 'topsecret' })).toEqual([]);
    expect(log.list({ text: 'n="1' }).map((x) => x.seq)).toEqual([5]);
    expect(log.list({ rpc: 'GetParameterValues', limit: 3 }).map((x) => x.seq)).toEqual([11, 12, 13]);
    expect(log.list({ rpc: 'GetParameterValues', limit: 3, before: 11 }).map((x) => x.seq)).toEqual([8, 9, 10]);
    expect(log.list({ limit: 5, before: 3 }).map((x) => x.seq)).toEqual([1, 2]);
  });

  it('pages a device history back past memory into its files; numbers keep growing across runs', async () => {
    log = new SessionLog({ dataDir: dir, memoryLimit: 4 });
    for (let s = 0; s < 3; s++) for (let i = 0; i < 5; i++) log.record(m(`h${s}`, `${s}.${i}`, { deviceId: 'D' }));
    log.record(m('other', 'x', { deviceId: 'E' }));
    expect(log.list({ deviceId: 'D' })).toHaveLength(3); // what memory still has
    const all = await log.query({ deviceId: 'D', limit: 100 });
    expect(all.map((x) => x.body)).toEqual(Array.from({ length: 15 }, (_, i) => `${Math.floor(i / 5)}.${i % 5}`));
    expect((await log.query({ deviceId: 'D', limit: 4, before: 8 })).map((x) => x.seq)).toEqual([4, 5, 6, 7]);
    await log.close();
    log = new SessionLog({ dataDir: dir, memoryLimit: 4 });
    const next = log.record(m('h3', 'later', { deviceId: 'D' }));
    expect(next.seq).toBeGreaterThan(16);
    const after = await log.query({ deviceId: 'D', limit: 100 });
    expect(after).toHaveLength(16);
    expect(after.at(-1)!.body).toBe('later');
  });

  it('bounds memory by characters as well as messages', () => {
    log = new SessionLog({ dataDir: dir, memoryLimit: 10_000, memoryChars: 50_000 });
    for (let i = 0; i < 500; i++) log.record(m('s', 'x'.repeat(1000)));
    const kept = log.list({ limit: 100_000 });
    expect(kept.length).toBeLessThan(50);
    expect(kept.length).toBeGreaterThan(30);
    expect(kept.at(-1)!.seq).toBe(500);
    // A verdict on a kept message counts too, and keeps the budget.
    for (const k of kept) {
      log.applyCheck({ seq: k.seq, sessionId: 's', direction: 'cpe->acs', schema: { verdict: 'invalid', errors: [{ message: 'e'.repeat(2000) }] }, modelWarnings: [] });
    }
    expect(log.list({ limit: 100_000 }).length).toBeLessThan(kept.length);
  });

  it('keeps at most maxSessionsPerDevice / maxBytesPerDevice session files per device, never the one being written', async () => {
    log = new SessionLog({ dataDir: dir, idleMs: 10, logRetention: { maxSessionsPerDevice: 3 } });
    for (let s = 0; s < 8; s++) {
      log.record(m(`r${s}`, 'x'.repeat(100), { deviceId: 'D' }));
      await log.flush();
      await new Promise((r) => setTimeout(r, 15));
    }
    const files = () => readdirSync(join(dir, 'logs', 'D')).sort();
    await vi.waitFor(() => expect(files()).toEqual(['r5.jsonl', 'r6.jsonl', 'r7.jsonl']), { timeout: 5000, interval: 50 });
    await log.close();
    // At start, every folder is brought under the caps.
    const size = (await stat(join(dir, 'logs', 'D', 'r7.jsonl'))).size;
    log = new SessionLog({ dataDir: dir, logRetention: { maxSessionsPerDevice: 10, maxBytesPerDevice: Math.floor(size * 2.5) } });
    await vi.waitFor(() => expect(files()).toEqual(['r6.jsonl', 'r7.jsonl']), { timeout: 5000, interval: 50 });
  });

  it('setRetention applies new caps to every device folder at once (fields not given stay), never to a file being written', async () => {
    const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
    log = new SessionLog({ dataDir: dir, idleMs: 500 });
    for (const dev of ['A', 'B']) {
      for (let s = 0; s < 4; s++) {
        log.record(m(`${dev}${s}`, 'x'.repeat(100), { deviceId: dev }));
        await log.flush();
        await sleep(20); // distinct mtimes: retention orders by them
      }
    }
    await sleep(800); // every file closed (idle after 500 ms)
    const files = (dev: string) => readdirSync(join(dir, 'logs', dev)).sort();
    expect(files('A')).toHaveLength(4);
    await log.setRetention({ maxSessionsPerDevice: 2 });
    expect(files('A')).toEqual(['A2.jsonl', 'A3.jsonl']);
    expect(files('B')).toEqual(['B2.jsonl', 'B3.jsonl']);
    // A session being recorded stays even when it alone is over the new byte cap.
    log.record(m('A4', 'x'.repeat(100), { deviceId: 'A' }));
    await log.flush();
    await log.setRetention({ maxBytesPerDevice: 1 });
    expect(files('A')).toEqual(['A4.jsonl']);
    expect(files('B')).toEqual([]);
  });

  it('retention keeps the sessions that began last, even when an older one was written to later (its verdicts)', async () => {
    const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
    log = new SessionLog({ dataDir: dir, idleMs: 200 });
    for (let s = 0; s < 4; s++) {
      log.record(m(`S${s}`, 'x'.repeat(100), { deviceId: 'D' }));
      await log.flush();
      await sleep(20);
    }
    await sleep(400); // every file closed
    // The oldest session's verdict arrives last: its file is now the most recently written.
    appendFileSync(join(dir, 'logs', 'D', 'S0.jsonl'), '{"check":1}\n');
    await log.setRetention({ maxSessionsPerDevice: 2 });
    expect(readdirSync(join(dir, 'logs', 'D')).sort()).toEqual(['S2.jsonl', 'S3.jsonl']);
  });
});
