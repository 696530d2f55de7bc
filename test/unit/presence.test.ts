// Online / offline / unknown from evidence (shared/model/presence.ts): each
// rule, and that silence without a schedule is never called "online".
import { describe, expect, it } from 'vitest';
import { periodicWindowMs, presence, spanText, type PresenceEvidence } from '../../shared/model/presence';

const NOW = Date.parse('2025-06-01T12:00:00Z');
const S = 1000;
const MIN = 60 * S;
const ago = (ms: number) => new Date(NOW - ms).toISOString();
const at = (e: Partial<PresenceEvidence>) => presence({ inSession: false, ...e }, NOW);

describe('presence', () => {
  it('is "in session" while a session is open, whatever else is known', () => {
    expect(at({ inSession: true }).state).toBe('in-session');
    expect(at({ inSession: true, lastInform: ago(999 * MIN), periodicInformInterval: 60 }).state).toBe('in-session');
  });

  it('with a periodic interval: online until one Inform is missed (plus a minute), then offline, with the count', () => {
    expect(periodicWindowMs(300)).toBe(11 * MIN);
    const on = at({ lastInform: ago(9 * MIN), periodicInformInterval: 300 });
    expect(on.state).toBe('online');
    expect(on.reason).toMatch(/every 5 min; the last came 9 min ago/);
    const off = at({ lastInform: ago(12 * MIN), periodicInformInterval: 300 });
    expect(off.state).toBe('offline');
    expect(off.reason).toMatch(/none came for 12 min \(2 missed\)/);
  });

  it('without a periodic interval: online only for a minute after the last contact, then unknown (not online)', () => {
    expect(at({ lastInform: ago(30 * S) }).state).toBe('online');
    const quiet = at({ lastInform: ago(4 * MIN) });
    expect(quiet.state).toBe('unknown');
    expect(quiet.reason).toMatch(/interval is not known/);
  });

  it('periodic Inform switched off: the interval is no schedule; silence is unknown', () => {
    const r = at({ lastInform: ago(4 * MIN), periodicInformInterval: 300, periodicInformEnable: false });
    expect(r.state).toBe('unknown');
    expect(r.reason).toMatch(/Periodic Inform is off/);
  });

  it('never contacted: unknown', () => {
    expect(at({}).state).toBe('unknown');
    expect(at({ lastInform: 'garbage' }).reason).toMatch(/never sent an Inform/);
  });

  it('a connection request newer than the last Inform: answered is online, unanswered is offline', () => {
    const ok = at({ lastInform: ago(10 * MIN), lastConnectionRequest: { at: ago(20 * S), ok: true, detail: 'HTTP 200' } });
    expect(ok.state).toBe('online');
    expect(ok.reason).toMatch(/answered a connection request 20 s ago \(HTTP 200\)/);
    const failed = at({ lastInform: ago(10 * MIN), lastConnectionRequest: { at: ago(20 * S), ok: false, detail: 'connect ECONNREFUSED' } });
    expect(failed.state).toBe('offline');
    expect(failed.reason).toMatch(/no answer \(connect ECONNREFUSED\)/);
  });

  it('an unanswered connection request does not override an Inform schedule kept (a CPE behind NAT)', () => {
    const r = at({ lastInform: ago(2 * MIN), periodicInformInterval: 300, lastConnectionRequest: { at: ago(S), ok: false, detail: 'timeout' } });
    expect(r.state).toBe('online');
    expect(r.reason).toMatch(/still within its Inform schedule/);
  });

  it('an older connection request than the last Inform is not evidence', () => {
    expect(at({ lastInform: ago(30 * S), lastConnectionRequest: { at: ago(MIN), ok: false, detail: 'timeout' } }).state).toBe('online');
  });

  it('contact from before the workbench started proves nothing about now (virtual CPEs die with the app)', () => {
    const r = at({ lastInform: ago(40 * S), acsStartedAt: ago(10 * S) });
    expect(r.state).toBe('unknown');
    expect(r.reason).toMatch(/since the workbench started 10 s ago/);
    // With a schedule: unknown until the next Inform is overdue, then offline.
    const periodic = at({ lastInform: ago(2 * MIN), acsStartedAt: ago(MIN), periodicInformInterval: 300 });
    expect(periodic.state).toBe('unknown');
    expect(periodic.reason).toMatch(/offline if none comes within 9 min/);
    expect(at({ lastInform: ago(12 * MIN), acsStartedAt: ago(MIN), periodicInformInterval: 300 }).state).toBe('offline');
    // …and an unanswered connection request since the restart is the only evidence: offline, NAT mentioned.
    const refused = at({
      lastInform: ago(2 * MIN), acsStartedAt: ago(MIN), periodicInformInterval: 300, lastConnectionRequest: { at: ago(S), ok: false, detail: 'ECONNREFUSED' },
    });
    expect(refused.state).toBe('offline');
    expect(refused.reason).toMatch(/a connection request 1 s ago got no answer \(ECONNREFUSED\)\. Behind NAT that is normal/);
  });

  it('a virtual CPE running in this workbench is online without a schedule', () => {
    expect(at({ lastInform: ago(10 * MIN), hostedSimRunning: true }).state).toBe('online');
  });

  it('spanText uses the largest unit', () => {
    expect([spanText(500), spanText(45 * S), spanText(3 * MIN), spanText(130 * MIN), spanText(50 * 3600 * S)]).toEqual(['1 s', '45 s', '3 min', '2 h', '2 d']);
  });
});
