// The session decision core (electron/core/acs/session-decide.ts) without
// sockets: every TR-069 §3.7 transition, HoldRequests, CPE faults,
// unexpected responses. Each test asserts the exact reply and effects. How a
// session ends, the re-send rule and the core's isolation: session-decide-end.test.ts.
import { describe, expect, it } from 'vitest';
import { newSession } from '../../electron/core/acs/session-state';
import { AT, DEVICE, World, answer, device, envelope, informOf, kinds, saved, task } from './session-world';

const msg = (env: ReturnType<typeof envelope> | null) => ({ kind: 'message' as const, envelope: env });

describe('§3.7.1 the Inform opens the session', () => {
  it('a new device: InformResponse echoing the cwmp:ID, its summary and tree, session.started, and a discovery queued', () => {
    const w = new World();
    const s = newSession('192.0.2.7');
    const d = w.step(s, msg(informOf({ id: 'inf-42' })));
    expect(d.reply).toEqual({
      kind: 'envelope', note: undefined,
      envelope: { version: '1-2', header: { ID: 'inf-42' }, body: { name: 'InformResponse', args: { MaxEnvelopes: 1 } } },
    });
    expect(kinds(d.effects)).toEqual(['inform', 'session-started', 'enqueue-discovery']);
    expect(d.effects[0]).toMatchObject({
      kind: 'inform', dropTree: false, at: AT,
      summary: { id: DEVICE, root: 'Device.', softwareVersion: '5.4.1', remoteAddress: '192.0.2.7', discovery: { status: 'none' } },
      changes: [{ path: 'Device.DeviceInfo.SoftwareVersion', value: '5.4.1', type: 'string' }, expect.anything()],
    });
    expect(d.effects[2]).toEqual({ kind: 'enqueue-discovery', deviceId: DEVICE, path: 'Device.', origin: 'discovery' });
    expect(s).toMatchObject({ state: 'cpe', deviceId: DEVICE, version: '1-2', events: ['2 PERIODIC'], messages: 1 });
  });

  it('a known, discovered device is not discovered again; 0 BOOTSTRAP drops its tree and discovers it anew', () => {
    const w = new World();
    w.devices.set(DEVICE, device());
    expect(kinds(w.step(newSession(), msg(informOf())).effects)).toEqual(['inform', 'session-started']);
    const d = w.step(newSession(), msg(informOf({ events: ['0 BOOTSTRAP', '1 BOOT'] })));
    expect(d.effects[0]).toMatchObject({ kind: 'inform', dropTree: true, summary: { discovery: { status: 'none' } } });
    expect(kinds(d.effects)).toEqual(['inform', 'session-started', 'enqueue-discovery']);
  });

  it('auto-discovery off: nothing queued for a new device', () => {
    const w = new World();
    w.settings.autoDiscover = false;
    expect(kinds(w.step(newSession(), msg(informOf())).effects)).toEqual(['inform', 'session-started']);
  });

  it('CWMP 1.4: UseCWMPVersion is the highest common version; none in common is fault 8006 and the session ends', () => {
    const w = new World();
    const d = w.step(newSession(), msg(informOf({ version: '1-4', supported: '1.0, 1.2,1.4' })));
    expect(d.reply).toMatchObject({
      envelope: { header: { ID: 'inf-1', UseCWMPVersion: '1.4' } }, note: 'CWMP version negotiated: 1.4 (CPE supports 1.0, 1.2,1.4)',
    });
    const s = newSession();
    const none = w.step(s, msg(informOf({ version: '1-4', supported: '2.0' })));
    expect(none.reply).toMatchObject({ kind: 'envelope', endsSession: true, envelope: { body: { name: 'Fault', fault: { detail: { FaultCode: 8006 } } } } });
    expect(none.effects).toEqual([]);
    expect(s.state).toBe('ended');
  });

  it('an Inform without OUI and serial number is fault 8003 and ends the session; nothing is stored', () => {
    const w = new World();
    const bad = informOf();
    if (bad.body?.name === 'Inform') bad.body.args.DeviceId.OUI = '';
    const s = newSession();
    const d = w.step(s, msg(bad));
    expect(d.reply).toMatchObject({ kind: 'envelope', endsSession: true, envelope: { body: { fault: { detail: { FaultCode: 8003 } } } } });
    expect(d.effects).toEqual([]);
    expect(s.state).toBe('ended');
  });

  it('a session that does not start with an Inform is refused with 400 (an empty POST too)', () => {
    const w = new World();
    expect(w.step(newSession(), msg(envelope({ name: 'GetRPCMethods', args: {} }, 'x'))).reply)
      .toEqual({ kind: 'http-error', status: 400, message: 'no session: a session starts with an Inform (TR-069 §3.7.1), got GetRPCMethods' });
    expect(w.step(newSession(), msg(null)).reply).toMatchObject({ kind: 'http-error', status: 400, message: expect.stringMatching(/got an empty message$/) });
  });

  it('notes carried from the last session (a switch learned as it ended) go on this session, once', () => {
    const w = new World();
    w.carried.set(DEVICE, ['compatibility profile learned: X → off (why)']);
    const s = newSession();
    const d = w.step(s, msg(informOf()));
    expect(s.notes).toEqual(['compatibility profile learned: X → off (why)']);
    expect(d.effects).toContainEqual({ kind: 'notes-delivered', deviceId: DEVICE });
  });
});

describe('§3.7.2.1 the CPE\'s requests', () => {
  it('GetRPCMethods is answered with the ACS methods; the session stays the CPE\'s', () => {
    const w = new World();
    const s = newSession();
    w.step(s, msg(informOf()));
    const d = w.step(s, msg(envelope({ name: 'GetRPCMethods', args: {} }, 'g1')));
    expect(d.reply).toMatchObject({ kind: 'envelope', envelope: { header: { ID: 'g1' }, body: { name: 'GetRPCMethodsResponse' } } });
    expect(d.reply?.kind === 'envelope' && d.reply.envelope.body?.name === 'GetRPCMethodsResponse' && d.reply.envelope.body.args.MethodList)
      .toContain('TransferComplete');
    expect(d.effects).toEqual([]);
    expect(s.state).toBe('cpe');
  });

  it('TransferComplete: its outcome is recorded (effect first) before TransferCompleteResponse', () => {
    const w = new World();
    const s = newSession();
    w.step(s, msg(informOf()));
    const tc = { CommandKey: 'dl-1', FaultStruct: { FaultCode: 0, FaultString: '' }, StartTime: AT, CompleteTime: AT };
    const d = w.step(s, msg(envelope({ name: 'TransferComplete', args: tc }, 'tc1')));
    expect(d.effects).toEqual([{ kind: 'transfer-report', deviceId: DEVICE, body: { name: 'TransferComplete', args: tc } }]);
    expect(d.reply).toMatchObject({ envelope: { header: { ID: 'tc1' }, body: { name: 'TransferCompleteResponse', args: {} } } });
  });

  it('a second Inform is fault 8003; an ACS method sent by the CPE is fault 8000', () => {
    const w = new World();
    const s = newSession();
    w.step(s, msg(informOf()));
    expect(w.step(s, msg(informOf({ id: 'again' }))).reply).toMatchObject({
      envelope: {
        header: { ID: 'again' },
        body: { fault: { detail: { FaultCode: 8003, FaultString: 'Inform is only allowed as the first message of a session' } } },
      },
    });
    expect(w.step(s, msg(envelope({ name: 'Reboot', args: { CommandKey: '' } }, 'r')))).toMatchObject({
      reply: { note: 'answered fault 8000: Reboot is not a method the ACS implements' }, effects: [],
    });
  });

  it('HoldRequests (A.4.2.2) is in every ACS message when Settings ask for it', () => {
    const w = new World();
    w.settings.holdRequests = true;
    const s = newSession();
    expect(w.step(s, msg(informOf())).reply).toMatchObject({ envelope: { header: { ID: 'inf-1', HoldRequests: true } } });
    w.tasks.length = 0;
    w.tasks.push(task('Reboot', { CommandKey: 'r1' }));
    expect(w.step(s, msg(null)).reply).toMatchObject({ kind: 'request', header: { ID: `${s.id}.1`, HoldRequests: true } });
  });
});

describe('§3.7.2.2–4 the ACS\'s turn', () => {
  it('an empty POST with nothing queued: the 204', () => {
    const w = new World();
    const s = newSession();
    w.devices.set(DEVICE, device());
    w.step(s, msg(informOf()));
    const d = w.step(s, msg(null));
    expect(d).toEqual({ reply: { kind: 'end' }, effects: [] });
    expect(s.state).toBe('acs');
  });

  it('a queued task: on disk as running first, then its request with a fresh cwmp:ID; the answer is recorded, then the 204', () => {
    const w = new World();
    const s = w.acsTurn();
    const t = task('GetParameterValues', { ParameterNames: ['Device.DeviceInfo.UpTime'] });
    w.tasks.push(t);
    const sent = w.step(s, msg(null));
    expect(sent.effects).toEqual([{ kind: 'save-task', task: { ...t, status: 'running', started: AT, attempts: 1 } }]);
    expect(sent.reply).toEqual({ kind: 'request', header: { ID: `${s.id}.1` }, request: { name: 'GetParameterValues', args: t.args } });
    expect(s.outstanding).toMatchObject({ id: `${s.id}.1`, name: 'GetParameterValues' });

    const list = [{ Name: 'Device.DeviceInfo.UpTime', Value: '42', Type: 'unsignedInt' as const }];
    const got = w.step(s, msg(answer('GetParameterValuesResponse', { ParameterList: list }, `${s.id}.1`)));
    expect(got.effects).toEqual([
      { kind: 'parameters', deviceId: DEVICE, changes: [{ path: 'Device.DeviceInfo.UpTime', value: '42', type: 'unsignedInt' }], at: AT },
      { kind: 'save-task', task: expect.objectContaining({ id: t.id, status: 'done', finished: AT, result: { ParameterList: list } }) },
    ]);
    // The queue is read again once the outcome is kept.
    expect(got.reply).toEqual({ kind: 'continue' });
    expect(w.step(s, { kind: 'continue' })).toEqual({ reply: { kind: 'end' }, effects: [] });
    expect(s.outstanding).toBeUndefined();
  });

  it('a CPE fault (A.5) with its SetParameterValuesFault list: the fault history first, then the failed task keeps every entry', () => {
    const w = new World();
    const s = w.acsTurn();
    const t = task('SetParameterValues', { ParameterList: [{ Name: 'Device.WiFi.SSID.1.SSID', Value: 'x'.repeat(40), Type: 'string' }], ParameterKey: 'k' });
    w.tasks.push(t);
    w.step(s, msg(null));
    const fault = {
      faultcode: 'Client' as const, faultstring: 'CWMP fault',
      detail: {
        FaultCode: 9003, FaultString: 'Invalid arguments',
        SetParameterValuesFault: [{ ParameterName: 'Device.WiFi.SSID.1.SSID', FaultCode: 9007, FaultString: 'Invalid parameter value' }],
      },
    };
    const d = w.step(s, msg(envelope({ name: 'Fault', fault }, `${s.id}.1`)));
    expect(kinds(d.effects)).toEqual(['fault', 'save-task']);
    expect(d.effects[0]).toEqual({
      kind: 'fault', deviceId: DEVICE,
      fault: { at: AT, code: 9003, message: expect.stringMatching(/^9003 /), sessionId: s.id, taskId: t.id, rpc: 'SetParameterValues' },
    });
    const [failed] = saved(d.effects);
    expect(failed).toMatchObject({ status: 'failed', finished: AT, fault: { FaultCode: 9003, SetParameterValuesFault: fault.detail.SetParameterValuesFault } });
    expect(failed!.error).toMatch(/^9003 /);
    expect(d.reply).toEqual({ kind: 'continue' });
  });

  it('a response whose cwmp:ID is not the outstanding request\'s: ours counts as unanswered (a read is re-queued) and the session ends', () => {
    const w = new World();
    const s = w.acsTurn();
    w.tasks.push(task('GetParameterValues', { ParameterNames: ['Device.DeviceInfo.'] }));
    w.step(s, msg(null));
    const d = w.step(s, msg(answer('GetParameterValuesResponse', { ParameterList: [] }, 'someone-else')));
    expect(d.reply).toEqual({
      kind: 'end',
      note: `response cwmp:ID "someone-else" does not match the outstanding request "${s.id}.1" (GetParameterValues); ending the session`,
    });
    expect(saved(d.effects)).toMatchObject([{ status: 'queued', error: expect.stringMatching(/re-sent at the next session/) }]);
    expect(s.task).toBeUndefined();
  });

  it('a wrong cwmp:ID on an AddObject\'s answer: not re-sent, it may have been applied (unknown)', () => {
    const w = new World();
    const s = w.acsTurn();
    w.tasks.push(task('AddObject', { ObjectName: 'Device.NAT.PortMapping.', ParameterKey: '' }));
    w.step(s, msg(null));
    const d = w.step(s, msg(answer('AddObjectResponse', { InstanceNumber: 3, Status: 0 }, 'nope')));
    expect(saved(d.effects)).toMatchObject([{ status: 'unknown', finished: AT, error: expect.stringMatching(/not re-sent: AddObject is not idempotent/) }]);
  });

  it('a response nobody asked for: said in the log, and the ACS goes on with its queue', () => {
    const w = new World();
    const s = w.acsTurn();
    const d = w.step(s, msg(answer('GetParameterValuesResponse', { ParameterList: [] }, 'x')));
    expect(d).toEqual({ reply: { kind: 'end', note: 'unexpected GetParameterValuesResponse: no request was outstanding' }, effects: [] });
    const t = task('Reboot', { CommandKey: '' });
    w.tasks.push(t);
    expect(w.step(s, msg(envelope({ name: 'RebootResponse', args: {} })))).toMatchObject({
      reply: { kind: 'request', request: { name: 'Reboot' }, note: 'unexpected RebootResponse: no request was outstanding' },
    });
  });

  it('the answer to another request than the one outstanding fails the task with both names', () => {
    const w = new World();
    const s = w.acsTurn();
    w.tasks.push(task('GetParameterValues', { ParameterNames: ['Device.'] }));
    w.step(s, msg(null));
    const d = w.step(s, msg(answer('GetParameterNamesResponse', { ParameterList: [] }, `${s.id}.1`)));
    expect(saved(d.effects)).toMatchObject([{ status: 'failed', error: 'expected GetParameterValuesResponse, the CPE sent GetParameterNamesResponse' }]);
  });

  it('a CPE request during the ACS\'s turn is answered; the outstanding request still waits for its answer', () => {
    const w = new World();
    const s = w.acsTurn();
    w.tasks.push(task('GetParameterValues', { ParameterNames: ['Device.'] }));
    w.step(s, msg(null));
    const out = s.outstanding;
    const d = w.step(s, msg(envelope({ name: 'GetRPCMethods', args: {} }, 'cpe-1')));
    expect(d.reply).toMatchObject({ kind: 'envelope', envelope: { header: { ID: 'cpe-1' }, body: { name: 'GetRPCMethodsResponse' } } });
    expect(d.effects).toEqual([]);
    expect(s.outstanding).toBe(out);
    expect(s.state).toBe('acs');
  });

  it('Reboot (A.3.2.7): once answered, the session ends with the 204 even with more queued', () => {
    const w = new World();
    const s = w.acsTurn();
    w.tasks.push(task('Reboot', { CommandKey: 'r' }), task('GetParameterValues', { ParameterNames: ['Device.'] }));
    w.step(s, msg(null));
    const d = w.step(s, msg(answer('RebootResponse', {}, `${s.id}.1`)));
    expect(d.reply).toEqual({ kind: 'end', note: 'the device reboots after this session' });
    expect(saved(d.effects)).toMatchObject([{ rpc: 'Reboot', status: 'done' }]);
  });

  it('an RPC the device\'s CWMP version lacks fails unsent, and the next task goes', () => {
    const w = new World();
    const s = { ...w.acsTurn(), version: '1-0' as const };
    const sd = task('ScheduleDownload', {
      CommandKey: 'c', FileType: '1 Firmware Upgrade Image', URL: 'http://192.0.2.1/f', Username: '', Password: '', FileSize: 1, TargetFileName: '',
      TimeWindowList: [{ WindowStart: 0, WindowEnd: 60, WindowMode: '1 At Any Time', UserMessage: '', MaxRetries: 0 }],
    });
    w.tasks.push(sd, task('Reboot', { CommandKey: '' }));
    const { reply, effects } = w.drive(s, msg(null));
    expect(saved(effects)[0]).toMatchObject({
      id: sd.id, status: 'failed', error: 'ScheduleDownload does not exist in CWMP cwmp-1-0, the version this device speaks',
    });
    expect(reply).toMatchObject({ kind: 'request', request: { name: 'Reboot' } });
  });

  it('a request the last check refuses fails its task, and the ACS goes on', () => {
    const w = new World();
    const s = w.acsTurn();
    w.tasks.push(task('SetParameterValues', { ParameterList: [{ Name: 'Device.X', Value: 'y' }], ParameterKey: '' }));
    w.step(s, msg(null));
    const d = w.step(s, { kind: 'refused', error: 'SetParameterValues not sent: Device.X: not writable' });
    expect(s.outstanding).toBeUndefined();
    expect(saved(d.effects)).toMatchObject([{ status: 'failed', error: 'SetParameterValues not sent: Device.X: not writable' }]);
    expect(d.reply).toEqual({ kind: 'continue' });
  });

  it('AddObject: answered, its outcome recorded, then the new instance is read as a follow-up task of its own (rule 1)', () => {
    const w = new World();
    const s = w.acsTurn();
    w.tasks.push(task('AddObject', { ObjectName: 'Device.NAT.PortMapping.', ParameterKey: 'k' }));
    w.step(s, msg(null));
    const d = w.step(s, msg(answer('AddObjectResponse', { InstanceNumber: 4, Status: 0 }, `${s.id}.1`)));
    expect(kinds(d.effects)).toEqual(['parameters', 'save-task', 'enqueue-discovery']);
    expect(d.effects[2]).toEqual({ kind: 'enqueue-discovery', deviceId: DEVICE, path: 'Device.NAT.PortMapping.4.', origin: 'follow-up' });
    expect(saved(d.effects)[0]).toMatchObject({ status: 'done', result: { InstanceNumber: 4, Status: 0 } });
    // The follow-up goes out in the same session, once queued.
    expect(w.step(s, { kind: 'continue' }).reply).toMatchObject({
      kind: 'request', request: { name: 'GetParameterNames', args: { ParameterPath: 'Device.NAT.PortMapping.4.', NextLevel: false } },
    });
  });

  it('a discovery task keeps the device record\'s discovery state: running when sent, done with its counts', () => {
    const w = new World();
    const s = w.acsTurn();
    w.tasks.push(task('GetParameterNames', { ParameterPath: 'Device.', NextLevel: false }, { origin: 'discovery' }));
    const sent = w.step(s, msg(null));
    expect(kinds(sent.effects)).toEqual(['save-task', 'discovery-state']);
    expect(sent.effects[1]).toMatchObject({ kind: 'discovery-state', outcome: 'running' });
    const names = w.step(s, msg(answer('GetParameterNamesResponse', { ParameterList: [{ Name: 'Device.X', Writable: false }] }, `${s.id}.1`)));
    expect(names.reply).toMatchObject({ kind: 'request', request: { name: 'GetParameterValues', args: { ParameterNames: ['Device.X'] } } });
    const values = w.step(s, msg(answer('GetParameterValuesResponse', { ParameterList: [{ Name: 'Device.X', Value: '1' }] }, `${s.id}.2`)));
    expect(kinds(values.effects)).toEqual(['progress', 'parameters', 'drop-stale', 'save-task', 'discovery-state']);
    expect(values.effects[4]).toMatchObject({ outcome: 'done', result: { parameters: 1, names: 1, leaves: 1 } });
  });
});
