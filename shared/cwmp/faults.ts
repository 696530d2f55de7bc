// CWMP fault codes (TR-069 Amd 6 §A.5.1 Table 40 for the ACS, Table 41 for the
// CPE) with a sentence a support engineer can act on.
import type { CwmpFault, SetParameterValuesFaultStruct } from './types';

interface FaultInfo { name: string; meaning: string }

export const FAULT_CODES: Record<number, FaultInfo> = {
  // ACS faults (8000–8899)
  8000: { name: 'Method not supported', meaning: 'The ACS does not implement the RPC the CPE sent.' },
  8001: { name: 'Request denied', meaning: 'The ACS refused the request (no reason given).' },
  8002: { name: 'Internal error', meaning: 'The ACS failed while handling the request.' },
  8003: { name: 'Invalid arguments', meaning: 'The CPE request had missing or malformed arguments.' },
  8004: { name: 'Resources exceeded', meaning: 'The ACS could not take the request now; the CPE should retry later.' },
  8005: { name: 'Retry request', meaning: 'The ACS asks the CPE to send this request again later.' },
  8006: { name: 'ACS version incompatible', meaning: 'The CPE and ACS share no CWMP version (CWMP 1.4 negotiation).' },
  // CPE faults (9000–9899)
  9000: { name: 'Method not supported', meaning: 'The CPE does not implement this RPC; check its GetRPCMethods list.' },
  9001: { name: 'Request denied', meaning: 'The CPE refused the request (no reason given).' },
  9002: { name: 'Internal error', meaning: 'The CPE failed while handling the request; its logs may say more.' },
  9003: { name: 'Invalid arguments', meaning: 'An argument was wrong; for SetParameterValues see the per-parameter faults.' },
  9004: { name: 'Resources exceeded', meaning: 'The CPE ran out of memory or another resource; try a smaller request.' },
  9005: { name: 'Invalid parameter name', meaning: 'The parameter or object does not exist on this device (check the path and instance numbers).' },
  9006: { name: 'Invalid parameter type', meaning: 'The value was sent with the wrong xsi:type for this parameter.' },
  9007: { name: 'Invalid parameter value', meaning: 'The value is outside what the parameter accepts (range, enumeration, length or format).' },
  9008: { name: 'Attempt to set a non-writable parameter', meaning: 'The parameter is read-only on this device.' },
  9009: { name: 'Notification request rejected', meaning: 'The CPE will not allow this notification setting (e.g. active notification on a fast-changing counter).' },
  9010: { name: 'Download failure', meaning: 'The CPE could not download the file: URL unreachable from the device, DNS, or the server refused it.' },
  9011: { name: 'Upload failure', meaning: 'The CPE could not upload the file to the given URL.' },
  9012: { name: 'File transfer server authentication failure', meaning: 'The file server rejected the username/password given in the transfer.' },
  9013: { name: 'Unsupported protocol for file transfer', meaning: 'The URL scheme is not supported by the CPE (e.g. https or ftp).' },
  9014: { name: 'Download failure: unable to join multicast group', meaning: 'Multicast download could not join its group.' },
  9015: { name: 'Download failure: unable to contact file server', meaning: 'The file server could not be reached from the device: check the URL host is reachable from the CPE.' },
  9016: { name: 'Download failure: unable to access file', meaning: 'The server was reached but the file was refused or not found.' },
  9017: { name: 'Download failure: unable to complete download', meaning: 'The download started but did not finish (connection lost or timed out).' },
  9018: { name: 'Download failure: file corrupted or unusable', meaning: 'The file arrived but failed the device\'s integrity or format checks.' },
  9019: { name: 'Download failure: file authentication failure', meaning: 'The image signature did not verify.' },
  9020: { name: 'Download failure: unable to complete download within the time windows', meaning: 'ScheduleDownload windows passed without success.' },
  9021: { name: 'Cancelation of file transfer not permitted', meaning: 'The transfer is already in progress or finished and cannot be cancelled.' },
  9022: { name: 'Invalid UUID format', meaning: 'ChangeDUState: the UUID is malformed.' },
  9023: { name: 'Unknown execution environment', meaning: 'ChangeDUState: the ExecutionEnvRef does not exist.' },
  9024: { name: 'Disabled execution environment', meaning: 'ChangeDUState: the execution environment is disabled.' },
  9025: { name: 'Deployment unit to execution environment mismatch', meaning: 'ChangeDUState: the unit does not fit this environment.' },
  9026: { name: 'Duplicate deployment unit', meaning: 'ChangeDUState: this unit is already installed.' },
  9027: { name: 'System resources exceeded', meaning: 'ChangeDUState: not enough resources to install.' },
  9028: { name: 'Unknown deployment unit', meaning: 'ChangeDUState: no such unit.' },
  9029: { name: 'Invalid deployment unit state', meaning: 'ChangeDUState: the unit is in a state that forbids this operation.' },
  9030: { name: 'Invalid deployment unit update: downgrade not permitted', meaning: 'ChangeDUState: downgrades are refused.' },
  9031: { name: 'Invalid deployment unit update: version not specified', meaning: 'ChangeDUState: a version is required.' },
  9032: { name: 'Invalid deployment unit update: version already exists', meaning: 'ChangeDUState: that version is installed.' },
};

/** A sentence for people: "9005 Invalid parameter name: …". */
export function explainFault(code: number, faultString?: string): string {
  const info = FAULT_CODES[code];
  const extra = faultString && info && faultString.toLowerCase() !== info.name.toLowerCase() ? ` (CPE says: ${faultString})` : '';
  if (info) return `${code} ${info.name}: ${info.meaning}${extra}`;
  if (code >= 9800 && code <= 9899) return `${code} Vendor-specific CPE fault${faultString ? `: ${faultString}` : ''}`;
  if (code >= 8800 && code <= 8899) return `${code} Vendor-specific ACS fault${faultString ? `: ${faultString}` : ''}`;
  if (code >= 9000 && code <= 9799) return `${code} Reserved CPE fault code${faultString ? `: ${faultString}` : ''}`;
  return `${code} Unknown fault code${faultString ? `: ${faultString}` : ''}`;
}

/**
 * A SOAP Fault with a CWMP Fault detail. faultcode is Client when the
 * sender's message was at fault, Server otherwise (TR-069 A.5).
 */
export function cwmpFault(code: number, faultString?: string, spv?: SetParameterValuesFaultStruct[]): CwmpFault {
  const client = [8003, 8005, 8006, 9003, 9005, 9006, 9007, 9008].includes(code);
  return {
    faultcode: client ? 'Client' : 'Server',
    faultstring: 'CWMP fault',
    detail: {
      FaultCode: code,
      FaultString: faultString ?? FAULT_CODES[code]?.name ?? 'Fault',
      ...(spv && spv.length ? { SetParameterValuesFault: spv } : {}),
    },
  };
}
