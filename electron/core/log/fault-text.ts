// SOAP Faults in words on log records, either direction (TR-069 Amd 6 §A.5.1:
// 8xxx from the ACS, 9xxx from the CPE), with each SetParameterValuesFault
// (the per-parameter list a 9003 carries) explained on its own line.
// Fault messages are small; a fault body over 1 MiB is not parsed here
// (the code alone is still explained).
import { explainFault } from '../../../shared/cwmp/faults';
import { parseEnvelope } from '../../../shared/cwmp/parse';
import type { LoggedMessage } from '../../../shared/model/records';

const PARSE_LIMIT = 1024 * 1024;

export type FaultWords = Pick<LoggedMessage, 'faultText' | 'parameterFaults'>;

export function describeFault(body: string, faultCode: number | undefined): FaultWords | undefined {
  if (body && body.length <= PARSE_LIMIT) {
    try {
      const env = parseEnvelope(body);
      if (env.body?.name === 'Fault') {
        const d = env.body.fault.detail;
        const out: FaultWords = { faultText: explainFault(d.FaultCode, d.FaultString) };
        if (d.SetParameterValuesFault?.length) {
          out.parameterFaults = d.SetParameterValuesFault.map((f) => ({
            parameter: f.ParameterName, code: f.FaultCode, text: explainFault(f.FaultCode, f.FaultString),
          }));
        }
        return out;
      }
    } catch {
      // A malformed fault: fall back to the code the listener read, if any.
    }
  }
  return faultCode !== undefined ? { faultText: explainFault(faultCode) } : undefined;
}
