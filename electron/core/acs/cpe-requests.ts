// Answers to the requests a CPE may send the ACS (TR-069 A.3.3 and A.4.2).
import type { CwmpBody, CwmpEnvelope } from '../../../shared/cwmp/types';
import { CPE_METHODS } from '../../../shared/cwmp/types';

/** What this ACS answers to GetRPCMethods (A.3.1: the methods the ACS supports). */
export const ACS_SUPPORTED_METHODS = [
  'Inform', 'GetRPCMethods', 'TransferComplete', 'AutonomousTransferComplete', 'RequestDownload',
  'DUStateChangeComplete', 'AutonomousDUStateChangeComplete', 'Kicked',
];

export function isCpeRequest(name: string): boolean {
  return (CPE_METHODS as readonly string[]).includes(name);
}

/** The response body; header and namespace are set by the session. */
export function answerCpeRequest(body: CwmpBody, _id: string | undefined): Omit<CwmpEnvelope, 'header' | 'version'> {
  switch (body.name) {
    case 'GetRPCMethods':
      return { body: { name: 'GetRPCMethodsResponse', args: { MethodList: ACS_SUPPORTED_METHODS } } };
    case 'Kicked':
      // A.4.2.1: we have no web portal flow; send the browser where it wanted to go next.
      return { body: { name: 'KickedResponse', args: { NextURL: body.args.Next } } };
    case 'TransferComplete':
      return { body: { name: 'TransferCompleteResponse', args: {} } };
    case 'AutonomousTransferComplete':
      return { body: { name: 'AutonomousTransferCompleteResponse', args: {} } };
    case 'RequestDownload':
      return { body: { name: 'RequestDownloadResponse', args: {} } };
    case 'DUStateChangeComplete':
      return { body: { name: 'DUStateChangeCompleteResponse', args: {} } };
    case 'AutonomousDUStateChangeComplete':
      return { body: { name: 'AutonomousDUStateChangeCompleteResponse', args: {} } };
    default:
      throw new Error(`${body.name} is not a CPE request`);
  }
}
