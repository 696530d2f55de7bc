// What the virtual CPE answers to each ACS request (TR-069 Amd 6 A.3.2 and
// A.4.1). Parameter RPCs go to the data model (cpe-state.ts); everything that
// acts on the device (Reboot, FactoryReset, transfers, ScheduleInform,
// ChangeDUState, a requested diagnostic) is answered now and carried out
// after the session (§3.7.2).
import { cwmpFault, formatDateTime } from '../../shared/cwmp';
import { INTRODUCED_IN } from '../../shared/cwmp/rpc-schema';
import type { AllQueuedTransferStruct, CwmpBody, CwmpVersion, ParameterValueStruct, RpcBodies } from '../../shared/cwmp/types';
import { ACS_METHODS } from '../../shared/cwmp/types';
import { CpeFault, type CpeState } from './cpe-state';
import type { Handled } from './session';

export interface RpcHost {
  state: CpeState;
  version: CwmpVersion;
  /** Quirk downloadNotFetched: Download is answered Status 0 ("done") and the file is never fetched. */
  downloadNotFetched?: boolean;
  /** Each returns the action to run once the session is over. */
  reboot(commandKey: string): () => void;
  factoryReset(): () => void;
  scheduleInform(delaySeconds: number, commandKey: string): () => void;
  /** Throws CpeFault when the transfer is refused up front. */
  transfer(kind: 'Download' | 'Upload' | 'ScheduleDownload', args: TransferArgs): () => void;
  queuedTransfers(): AllQueuedTransferStruct[];
  cancelTransfer(commandKey: string): void;
  changeDuState(args: RpcBodies['ChangeDUState']): () => void;
  /** SPV values the device refuses beyond the data model's syntax (9007 reason), e.g. a DiagnosticsState other than Requested. */
  refuseWrite(name: string, value: string): string | null;
  /** After an SPV was applied: what the device does once the session is over (a requested diagnostic test). */
  afterWrite(list: readonly ParameterValueStruct[]): (() => void) | undefined;
}

export type TransferArgs =
  | ({ kind: 'Download' } & RpcBodies['Download'])
  | ({ kind: 'Upload' } & RpcBodies['Upload'])
  | ({ kind: 'ScheduleDownload' } & RpcBodies['ScheduleDownload']);

/** A.3.1: the methods this CPE implements, as GetRPCMethods lists them for our namespace. */
export function supportedMethods(version: CwmpVersion): string[] {
  const minor = Number(version.slice(2));
  return ACS_METHODS.filter((m) => (INTRODUCED_IN[m] ?? 0) <= minor);
}

type Request = Exclude<CwmpBody, { name: 'Fault' }>;

function reply<K extends keyof RpcBodies>(name: K, args: RpcBodies[K], after?: () => void): Handled {
  return { response: { name, args } as CwmpBody, after };
}

export function handleAcsRequest(host: RpcHost, body: Request): Handled {
  try {
    return dispatch(host, body);
  } catch (e) {
    if (e instanceof CpeFault) return { response: { name: 'Fault', fault: e.toFault() } };
    // A.5.1 9002: the CPE failed while handling a request it understood.
    return { response: { name: 'Fault', fault: cwmpFault(9002, e instanceof Error ? e.message : String(e)) } };
  }
}

function dispatch(host: RpcHost, body: Request): Handled {
  const s = host.state;
  switch (body.name) {
    case 'GetRPCMethods':
      return reply('GetRPCMethodsResponse', { MethodList: supportedMethods(host.version) });
    case 'GetParameterNames':
      return reply('GetParameterNamesResponse', { ParameterList: s.getParameterNames(body.args.ParameterPath, body.args.NextLevel) });
    case 'GetParameterValues':
      return reply('GetParameterValuesResponse', { ParameterList: s.getParameterValues(body.args.ParameterNames) });
    case 'SetParameterValues': {
      checkKey(body.args.ParameterKey);
      const status = s.setParameterValues(body.args.ParameterList, body.args.ParameterKey, (n, v) => host.refuseWrite(n, v));
      return reply('SetParameterValuesResponse', { Status: status }, host.afterWrite(body.args.ParameterList));
    }
    case 'GetParameterAttributes':
      return reply('GetParameterAttributesResponse', { ParameterList: s.getParameterAttributes(body.args.ParameterNames) });
    case 'SetParameterAttributes':
      s.setParameterAttributes(body.args.ParameterList);
      return reply('SetParameterAttributesResponse', {});
    case 'AddObject':
      checkKey(body.args.ParameterKey);
      return reply('AddObjectResponse', s.addObject(body.args.ObjectName, body.args.ParameterKey));
    case 'DeleteObject':
      checkKey(body.args.ParameterKey);
      return reply('DeleteObjectResponse', { Status: s.deleteObject(body.args.ObjectName, body.args.ParameterKey) });
    case 'Reboot':
      checkCommandKey(body.args.CommandKey);
      return reply('RebootResponse', {}, host.reboot(body.args.CommandKey));
    case 'FactoryReset':
      return reply('FactoryResetResponse', {}, host.factoryReset());
    case 'Download': {
      checkCommandKey(body.args.CommandKey);
      if (host.downloadNotFetched) {
        // The quirk: a CPE that claims A.3.2.8 Status 0 ("completed and applied", with real times and so
        // no TransferComplete to follow) without ever fetching the URL, as real CPEs have been seen to.
        const now = formatDateTime(new Date());
        return reply('DownloadResponse', { Status: 0, StartTime: now, CompleteTime: now });
      }
      // A.3.2.8: Status 1 = not yet done; the outcome comes in TransferComplete.
      return reply('DownloadResponse', { Status: 1, StartTime: '0001-01-01T00:00:00Z', CompleteTime: '0001-01-01T00:00:00Z' },
        host.transfer('Download', { kind: 'Download', ...body.args }));
    }
    case 'Upload':
      checkCommandKey(body.args.CommandKey);
      return reply('UploadResponse', { Status: 1, StartTime: '0001-01-01T00:00:00Z', CompleteTime: '0001-01-01T00:00:00Z' },
        host.transfer('Upload', { kind: 'Upload', ...body.args }));
    case 'ScheduleDownload':
      checkCommandKey(body.args.CommandKey);
      return reply('ScheduleDownloadResponse', {}, host.transfer('ScheduleDownload', { kind: 'ScheduleDownload', ...body.args }));
    case 'ScheduleInform':
      checkCommandKey(body.args.CommandKey);
      // A.4.1.2: DelaySeconds must be greater than zero.
      if (!(body.args.DelaySeconds > 0)) throw new CpeFault(9003, 'DelaySeconds must be greater than 0');
      return reply('ScheduleInformResponse', {}, host.scheduleInform(body.args.DelaySeconds, body.args.CommandKey));
    case 'GetQueuedTransfers':
      return reply('GetQueuedTransfersResponse', {
        TransferList: host.queuedTransfers().map((t) => ({ CommandKey: t.CommandKey, State: t.State })),
      });
    case 'GetAllQueuedTransfers':
      return reply('GetAllQueuedTransfersResponse', { TransferList: host.queuedTransfers() });
    case 'CancelTransfer':
      host.cancelTransfer(body.args.CommandKey);
      return reply('CancelTransferResponse', {});
    case 'ChangeDUState':
      checkCommandKey(body.args.CommandKey);
      if (!body.args.Operations.length) throw new CpeFault(9003, 'ChangeDUState without Operations');
      return reply('ChangeDUStateResponse', {}, host.changeDuState(body.args));
    default:
      throw new CpeFault(9000, `${body.name} is not supported`);
  }
}

/** ParameterKey is a string(32) (A.3.2.1). */
function checkKey(key: string): void {
  if (key.length > 32) throw new CpeFault(9003, 'ParameterKey is longer than 32 characters');
}

/** CommandKey is a string(32) (A.3.2.8 and others). */
function checkCommandKey(key: string): void {
  if (key.length > 32) throw new CpeFault(9003, 'CommandKey is longer than 32 characters');
}
