// The session decision core (session-decide.ts), continued: how a session ends and the
// re-send rule, what is not CWMP, and that the core stands alone (no store, queue or bus).
// Pure: no sockets. The §3.7 transitions are in session-decide.test.ts.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decide } from '../../electron/core/acs/session-decide';
import { newSession } from '../../electron/core/acs/session-state';
import { CwmpParseError } from '../../shared/cwmp/parse';
import { AT, DEVICE, NOW, World, device, envelope, informOf, kinds, saved, task } from './session-world';

const msg = (env: ReturnType<typeof envelope> | null) => ({ kind: 'message' as const, envelope: env });

describe('the end of a session and the re-send rule', () => {
  const endOf = (w: World, s: ReturnType<World['acsTurn']>, how: 'dropped' | 'timeout' | 'complete' | 'other', reason = 'closed') =>
    w.step(s, { kind: 'end', reason, how });

  it('no answer to AddObject: unknown, never re-sent automatically', () => {
    const w = new World();
    const s = w.acsTurn();
    w.tasks.push(task('AddObject', { ObjectName: 'Device.NAT.PortMapping.', ParameterKey: '' }));
    w.step(s, msg(null));
    const d = endOf(w, s, 'dropped', 'the CPE closed the connection without answering AddObject and did not come back');
    const [t] = saved(d.effects);
    expect(t).toMatchObject({ status: 'unknown', finished: AT });
    expect(t!.error).toMatch(/^sent; no answer \(the CPE closed the connection without answering AddObject .*\); /);
    expect(t!.error).toMatch(/; not re-sent: AddObject is not idempotent and may have been applied/);
    expect(kinds(d.effects)).toEqual(['session-problem', 'save-task', 'session-record', 'session-ended']);
    expect(s.state).toBe('ended');
  });

  it('no answer to GetParameterValues: queued again, up to 3 attempts; SetParameterValues once', () => {
    const w = new World();
    const reads = w.acsTurn();
    w.tasks.push(task('GetParameterValues', { ParameterNames: ['Device.DeviceInfo.UpTime'] }));
    w.step(reads, msg(null));
    expect(saved(endOf(w, reads, 'timeout', 'no message for 30 s').effects)).toMatchObject([
      { status: 'queued', attempts: 1, error: expect.stringMatching(/re-sent at the next session: GetParameterValues only reads \(attempt 2 of 3\)/) },
    ]);
    const w2 = new World();
    const spv = task('SetParameterValues', { ParameterList: [{ Name: 'Device.X', Value: '1' }], ParameterKey: '' });
    for (const [attempts, status] of [[0, 'queued'], [1, 'unknown']] as const) {
      const s = w2.acsTurn();
      w2.tasks.length = 0;
      w2.tasks.push({ ...spv, attempts });
      w2.step(s, msg(null));
      expect(saved(endOf(w2, s, 'dropped').effects)[0]?.status).toBe(status);
    }
  });

  it('the CPE closing right after the InformResponse proves its parser trips on the XML declaration: learned, carried to its next session', () => {
    const w = new World();
    const s = newSession();
    w.step(s, msg(informOf()));
    s.lastSent = 'InformResponse';
    s.lastSentDeclaration = true;
    const d = endOf(w, s as ReturnType<World['acsTurn']>, 'dropped', 'closed');
    expect(kinds(d.effects)).toEqual(['learn', 'carry-note', 'session-problem', 'session-record', 'session-ended']);
    expect(d.effects[0]).toMatchObject({ kind: 'learn', switch: 'xmlDeclaration', value: false, sessionId: s.id });
    expect(d.effects[1]).toMatchObject({ kind: 'carry-note', note: expect.stringMatching(/^compatibility profile learned: .* → off/) });
    expect(d.effects[4]).toMatchObject({ reason: expect.stringMatching(/right after the InformResponse .*XML declaration/) });
  });

  it('a complete session clears the last-session problem; a second end changes nothing', () => {
    const w = new World();
    w.devices.set(DEVICE, device({ lastSessionProblem: { at: AT, sessionId: 'old', text: 'went silent' } }));
    const s = w.acsTurn();
    const d = endOf(w, s, 'complete', 'complete');
    expect(d.effects).toEqual([
      { kind: 'session-problem', deviceId: DEVICE, problem: null },
      {
        kind: 'session-record', deviceId: DEVICE,
        record: {
          sessionId: s.id, started: new Date(s.startedAt).toISOString(), ended: AT, remoteAddress: '192.0.2.7',
          events: undefined, messages: 2, tasks: [], outcome: 'complete',
        },
      },
      { kind: 'session-ended', sessionId: s.id, deviceId: DEVICE, reason: 'complete' },
    ]);
    expect(endOf(w, s, 'complete')).toEqual({ reply: null, effects: [] });
  });

  it('a session found by its address without the cookie learns cookieless once', () => {
    const w = new World();
    const s = w.acsTurn();
    const d = w.step(s, { kind: 'found-by-address' });
    expect(d.effects).toMatchObject([{ kind: 'learn', switch: 'cookieless', value: true, sessionId: s.id }]);
    expect(s.notes?.[0]).toMatch(/^compatibility profile learned: .* → on/);
    expect(w.step(s, { kind: 'found-by-address' }).effects).toEqual([]);
  });
});

describe('messages that are not CWMP', () => {
  it('not XML is 400; an unknown RPC is fault 8000 echoing its cwmp:ID (A.5)', () => {
    const w = new World();
    const s = w.acsTurn();
    expect(w.step(s, { kind: 'parse-error', error: new CwmpParseError('malformed', 'not XML') }).reply)
      .toEqual({ kind: 'http-error', status: 400, message: 'not XML' });
    expect(w.step(s, { kind: 'parse-error', error: new CwmpParseError('unknown-rpc', 'X_Foo is not a CWMP method', { id: 'q9' }) }).reply)
      .toMatchObject({ kind: 'envelope', envelope: { header: { ID: 'q9' }, body: { fault: { detail: { FaultCode: 8000 } } } } });
    expect(s.lastSeen).toBe(NOW);
  });
});

describe('the decision core stands alone', () => {
  it('imports no store, queue, event bus or effect runner, directly or through what it imports', () => {
    const root = resolve(__dirname, '../../electron/core/acs');
    const seen = new Set<string>();
    const walk = (file: string): void => {
      if (seen.has(file)) return;
      seen.add(file);
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/^import (?:type )?[^'"]*from '([^']+)'/gm)) {
        const spec = m[1]!;
        if (!spec.startsWith('.')) continue;
        const target = resolve(dirname(file), `${spec}.ts`);
        if (target.startsWith(root)) walk(target);
        else seen.add(target);
      }
    };
    for (const f of ['session-decide.ts', 'jobs.ts', 'discovery.ts', 'job.ts']) walk(join(root, f));
    const names = [...seen].map((f) => f.slice(resolve(__dirname, '../..').length + 1));
    expect(names).toContain('electron/core/acs/session-decide.ts');
    expect(names.filter((f) => /store\/device-store|task-queue|runtime\/|effect-runner|acs\/session\.ts|compat-learning|session-records/.test(f))).toEqual([]);
    // Only plain record shapes from the store folder (type imports).
    expect(names.filter((f) => f.includes('/store/')).sort()).toEqual(['electron/core/store/device-doc.ts', 'electron/core/store/parameter-table.ts']);
  });

  it('decide is the same for the same session, input and view', () => {
    const a = new World();
    const b = new World();
    const s1 = newSession();
    const s2 = { ...s1, taskIds: [] };
    expect(decide(s1, msg(informOf()), a.view)).toEqual(decide(s2, msg(informOf()), b.view));
  });
});
