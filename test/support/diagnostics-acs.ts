// What the virtual CPE diagnostics tests (virtual-cpe-diagnostics,
// virtual-cpe-traceroute) share: the SetParameterValues that requests a test,
// a booted CPE, and one run end to end against the scripted ACS: the SPV in a
// session woken by a connection request, then the reads queued for the
// session the CPE opens with "8 DIAGNOSTICS COMPLETE" (TR-069 §3.7.1.5).
import type { CwmpBody, ParameterValueStruct } from '../../shared/cwmp/types';
import type { VirtualCpe } from '../../electron/sim/virtual-cpe';
import { bodies, codes, type AcsSession, type CpeHarness } from './scripted-acs';

/** The response the CPE gave to the ACS's first request of a session. */
export const firstAnswer = (s: AcsSession) => s.posts[2]?.env?.body;

/** The first `name` response of a session, or an error naming what the session held. */
export function response<N extends 'GetParameterValuesResponse' | 'GetParameterNamesResponse'>(s: AcsSession, name: N) {
  const b = s.posts.find((p) => p.env?.body?.name === name)?.env?.body;
  if (b?.name !== name) throw new Error(`no ${name} in ${bodies(s).join(', ')}`);
  return b;
}

/** The object's values by name relative to it ('DiagnosticsState', 'RouteHops.2.Host'). */
export function gpv(s: AcsSession, obj: string): Record<string, string> {
  const b = response(s, 'GetParameterValuesResponse');
  return Object.fromEntries((b.args.ParameterList as ParameterValueStruct[]).map((p) => [p.Name.slice(obj.length), p.Value]));
}

export function diagnosticsRunner(h: CpeHarness, o: { unsignedInt: ReadonlySet<string>; parameterKey: string }) {
  const { acs, cpe } = h;
  /** SetParameterValues of `values` under `obj`, typed as the model declares them. */
  const spvArgs = (obj: string, values: Record<string, string>) => ({
    ParameterList: Object.entries(values).map(([n, v]) => ({
      Name: obj + n, Value: v, Type: o.unsignedInt.has(n) ? 'unsignedInt' as const : 'string' as const,
    })),
    ParameterKey: o.parameterKey,
  });

  async function booted(serial: string, over: Parameters<typeof cpe>[1] = {}): Promise<VirtualCpe> {
    const c = cpe(serial, over);
    await Promise.all([acs.session(serial), c.start()]);
    return c;
  }

  /** The ACS requests a test (DiagnosticsState=Requested), then sends `reads` in the 8 DIAGNOSTICS COMPLETE session. */
  async function run(c: VirtualCpe, obj: string, values: Record<string, string>, reads: CwmpBody[]) {
    const serial = c.serialNumber;
    acs.queue(serial, { name: 'SetParameterValues', args: spvArgs(obj, { ...values, DiagnosticsState: 'Requested' }) });
    const spvSession = acs.session(serial);
    const diagSession = acs.session(serial, (s) => codes(s).includes('8 DIAGNOSTICS COMPLETE'));
    const finished = c.waitFor('diagnostics', undefined, 10_000);
    await c.inform(['6 CONNECTION REQUEST']);
    // Queued once the SPV session is over: the test runs on a timer, after this.
    acs.queue(serial, ...reads);
    const spv = await spvSession;
    const diag = await diagSession;
    return { spv, diag, finished: await finished };
  }

  return { spvArgs, booted, run };
}
