// What the fast-xml tests share: running a parser to an outcome, checking the
// fast parser (shared/cwmp/fast-xml.ts) against the saxes-based reference
// (parseXmlSaxes), and a corpus of real envelopes (every RPC in cwmp-1-0 and
// cwmp-1-2, faults, an empty body).
import { expect } from 'vitest';
import { cwmpFault, serializeEnvelope } from '../../shared/cwmp';
import { parseXmlFast } from '../../shared/cwmp/fast-xml';
import type { CwmpBody, CwmpEnvelope, CwmpVersion, RpcName } from '../../shared/cwmp/types';
import { XmlError, parseXmlSaxes, type XElement } from '../../shared/cwmp/xml';
import { RPC_SAMPLES } from './rpc-samples';

export type Outcome = { tree: XElement; error?: undefined } | { tree?: undefined; error: unknown };
export function outcome(parse: (x: string) => XElement, x: string): Outcome {
  try {
    return { tree: parse(x) };
  } catch (error) {
    return { error };
  }
}

export function expectSame(x: string): void {
  const want = parseXmlSaxes(x);
  expect(parseXmlFast(x), JSON.stringify(x)).toStrictEqual(want);
}

export function errorOf(x: string): XmlError {
  const got = outcome(parseXmlFast, x);
  if (got.tree) throw new Error(`parseXmlFast accepted ${JSON.stringify(x)}`);
  expect(got.error, JSON.stringify(x)).toBeInstanceOf(XmlError);
  return got.error as XmlError;
}

export function expectMalformed(x: string): XmlError {
  const e = errorOf(x);
  expect(e.kind, `${JSON.stringify(x)}: ${e.message}`).toBe('malformed');
  expect(e.line).toBeGreaterThanOrEqual(1);
  return e;
}

export function envelopes(): string[] {
  const out: string[] = [];
  for (const version of ['1-0', '1-2'] as CwmpVersion[]) {
    (Object.keys(RPC_SAMPLES) as RpcName[]).forEach((name, i) => {
      const env = { version, header: { ID: `id-${i} <&>` }, body: { name, args: RPC_SAMPLES[name] } as CwmpBody };
      out.push(serializeEnvelope(env as CwmpEnvelope));
    });
    out.push(serializeEnvelope({ version, header: { ID: 'f1' }, body: { name: 'Fault', fault: cwmpFault(8000) } }));
    out.push(serializeEnvelope({
      version, header: { ID: 'f2', HoldRequests: true },
      body: { name: 'Fault', fault: cwmpFault(9003, undefined, [{ ParameterName: 'Device.X', FaultCode: 9007, FaultString: 'bad "x"' }]) },
    }));
    out.push(serializeEnvelope({ version, header: {}, body: null }));
  }
  return out;
}
