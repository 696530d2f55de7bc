// The session log's reading of authentication (auth-steps.ts) and its
// history of all devices after a restart (SessionLog.query without a device).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { authStep, peekRequest } from '../../electron/core/log/auth-steps';
import { SessionLog } from '../../electron/core/log/session-log';
import { serializeEnvelope } from '../../shared/cwmp';
import { RPC_SAMPLES } from '../support/rpc-samples';

type Input = Parameters<SessionLog['record']>[0];
const INFORM = serializeEnvelope({ version: '1-2', header: { ID: 'i1' }, body: { name: 'Inform', args: RPC_SAMPLES.Inform } });
const CLAIMED = (() => {
  const { OUI, ProductClass, SerialNumber } = RPC_SAMPLES.Inform.DeviceId;
  return `${OUI}-${ProductClass}-${SerialNumber}`;
})();

const refused = (sessionId: string, headers: Record<string, string> = {}): Input => ({
  sessionId, direction: 'cpe->acs', method: 'POST', url: '/', headers, body: INFORM, size: INFORM.length, note: '401: no credentials yet',
});
const challenge = (sessionId: string, stale = false): Input => ({
  sessionId, direction: 'acs->cpe', status: 401, headers: { 'www-authenticate': `Digest realm="x", nonce="n"${stale ? ', stale=true' : ''}` }, body: '', size: 0,
});

let dir: string;
let log: SessionLog | undefined;
beforeEach(async () => { dir = await mkdtemp(join(tmpdir(), 'tr069-logauth-')); });
afterEach(async () => {
  await log?.close();
  log = undefined;
  await rm(dir, { recursive: true, force: true });
});

describe('authentication in the session log', () => {
  it('reads the RPC, cwmp:ID and claimed DeviceId of a body without parsing it strictly', () => {
    expect(peekRequest(INFORM)).toEqual({ rpc: 'Inform', cwmpId: 'i1', claimedDeviceId: CLAIMED });
    expect(peekRequest('<Envelope><Body><GetRPCMethods/></Body></Envelope>')).toEqual({ rpc: 'GetRPCMethods' });
    // A DeviceId that could not be a key names no device.
    expect(peekRequest(INFORM.replace(/<SerialNumber>[^<]*</, '<SerialNumber>a/b<')).claimedDeviceId).toBeUndefined();
  });

  it('tells the expected challenge from a failure', () => {
    expect(authStep({ hadCredentials: false, earlierRefusals: 0 })).toBe('challenge');
    expect(authStep({ hadCredentials: true, earlierRefusals: 0 })).toBe('rejected');
    expect(authStep({ hadCredentials: false, earlierRefusals: 1 })).toBe('rejected');
    expect(authStep({ hadCredentials: true, earlierRefusals: 1, challenge: 'Digest nonce="n", stale=true' })).toBe('challenge');
    expect(authStep({ hadCredentials: true, earlierRefusals: 0, note: '401: stale nonce' })).toBe('challenge');
  });

  it('labels the refused Inform and its 401, attributes the claim without assigning the session, and filters by it', async () => {
    log = new SessionLog({ dataDir: dir });
    const req = log.record(refused('s1'));
    const res = log.record(challenge('s1'));
    expect(req).toMatchObject({ rpc: 'Inform', cwmpId: 'i1', claimedDeviceId: CLAIMED, auth: 'challenge' });
    expect(req.deviceId).toBeUndefined();
    expect(res.auth).toBe('challenge');
    // Wrong credentials on the retry: a failure, painted as one.
    expect(log.record(refused('s1', { authorization: 'Digest username="cpe"' })).auth).toBe('rejected');
    expect(log.record(challenge('s1')).auth).toBe('rejected');
    expect(log.list({ deviceId: CLAIMED }).map((m) => m.auth)).toEqual(['challenge', 'challenge', 'rejected', 'rejected']);
    expect(res.claimedDeviceId).toBe(CLAIMED);
    await log.flush();
    expect((await log.query({ deviceId: CLAIMED })).length).toBe(4);
  });
});

describe('history of all devices after a restart', () => {
  it('log.list without a device reads the recent session files of every device, and pages back with before', async () => {
    log = new SessionLog({ dataDir: dir });
    for (const [i, dev] of ['A', 'B', 'C'].entries()) {
      for (let k = 0; k < 3; k++) log.record({ sessionId: `s${i}`, deviceId: dev, direction: 'cpe->acs', method: 'POST', headers: {}, body: `m${k}`, size: 2 });
    }
    await log.close();
    log = new SessionLog({ dataDir: dir });
    expect(log.list()).toEqual([]);
    const all = await log.query({ limit: 100 });
    expect(all.map((m) => m.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(new Set(all.map((m) => m.deviceId))).toEqual(new Set(['A', 'B', 'C']));
    expect((await log.query({ limit: 4 })).map((m) => m.seq)).toEqual([6, 7, 8, 9]);
    expect((await log.query({ limit: 4, before: 6 })).map((m) => m.seq)).toEqual([2, 3, 4, 5]);
    // New traffic in memory comes after the history on disk.
    log.record({ sessionId: 's9', deviceId: 'A', direction: 'cpe->acs', method: 'POST', headers: {}, body: 'new', size: 3 });
    expect((await log.query({ limit: 3 })).map((m) => m.body)).toEqual(['m1', 'm2', 'new']);
  });
});
