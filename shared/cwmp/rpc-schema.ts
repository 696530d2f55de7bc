// One descriptor per RPC body, in schema order (cwmp-1-2.xsd, TR-069 Amd 6
// Annex A). Both the parser and the serializer walk these, so the element
// order we emit is the order the schema demands, and a field added here is
// read and written alike.
import type { RpcName } from './types';

export type Scalar = 'string' | 'int' | 'unsignedInt' | 'boolean' | 'dateTime';

export type Field =
  | { name: string; kind: 'scalar'; type: Scalar; optional?: boolean }
  | { name: string; kind: 'struct'; fields: Field[] }
  /** SOAP-encoded array: `<X soap-enc:arrayType="cwmp:T[n]"><T>…</T></X>`. */
  | { name: string; kind: 'array'; item: string; arrayType: string; of: Scalar | Field[] }
  /** Element repeated in place (no array wrapper): DU Results, SetParameterValuesFault. */
  | { name: string; kind: 'repeated'; fields: Field[] }
  /** ParameterValueStruct/Value with its xsi:type. */
  | { name: string; kind: 'value' }
  /** ChangeDUState/Operations: repeated, each with an xsi:type naming the operation. */
  | { name: string; kind: 'operations' };

const s = (name: string, optional?: boolean): Field => ({ name, kind: 'scalar', type: 'string', optional });
const u = (name: string): Field => ({ name, kind: 'scalar', type: 'unsignedInt' });
const i = (name: string): Field => ({ name, kind: 'scalar', type: 'int' });
const b = (name: string): Field => ({ name, kind: 'scalar', type: 'boolean' });
const t = (name: string): Field => ({ name, kind: 'scalar', type: 'dateTime' });
const struct = (name: string, fields: Field[]): Field => ({ name, kind: 'struct', fields });
const arr = (name: string, item: string, of: Scalar | Field[]): Field => ({
  name, kind: 'array', item, of, arrayType: typeof of === 'string' ? `xsd:${of}` : `cwmp:${item}`,
});

const PVS: Field[] = [s('Name'), { name: 'Value', kind: 'value' }];
const FAULT: Field[] = [u('FaultCode'), s('FaultString')];
const ACCESS_LIST = arr('AccessList', 'string', 'string');
const OP_RESULT: Field[] = [
  s('UUID'), s('DeploymentUnitRef'), s('Version'), s('CurrentState'), b('Resolved'), s('ExecutionUnitRefList'),
  t('StartTime'), t('CompleteTime'), struct('Fault', FAULT),
];
const EMPTY: Field[] = [];

export const RPC_FIELDS: Record<RpcName, Field[]> = {
  GetRPCMethods: EMPTY,
  GetRPCMethodsResponse: [arr('MethodList', 'string', 'string')],
  GetParameterNames: [s('ParameterPath'), b('NextLevel')],
  GetParameterNamesResponse: [arr('ParameterList', 'ParameterInfoStruct', [s('Name'), b('Writable')])],
  GetParameterValues: [arr('ParameterNames', 'string', 'string')],
  GetParameterValuesResponse: [arr('ParameterList', 'ParameterValueStruct', PVS)],
  SetParameterValues: [arr('ParameterList', 'ParameterValueStruct', PVS), s('ParameterKey')],
  SetParameterValuesResponse: [i('Status')],
  GetParameterAttributes: [arr('ParameterNames', 'string', 'string')],
  GetParameterAttributesResponse: [
    arr('ParameterList', 'ParameterAttributeStruct', [s('Name'), i('Notification'), ACCESS_LIST]),
  ],
  SetParameterAttributes: [
    arr('ParameterList', 'SetParameterAttributesStruct', [
      s('Name'), b('NotificationChange'), i('Notification'), b('AccessListChange'), ACCESS_LIST,
    ]),
  ],
  SetParameterAttributesResponse: EMPTY,
  AddObject: [s('ObjectName'), s('ParameterKey')],
  AddObjectResponse: [u('InstanceNumber'), i('Status')],
  DeleteObject: [s('ObjectName'), s('ParameterKey')],
  DeleteObjectResponse: [i('Status')],
  Reboot: [s('CommandKey')],
  RebootResponse: EMPTY,
  FactoryReset: EMPTY,
  FactoryResetResponse: EMPTY,
  Download: [
    s('CommandKey'), s('FileType'), s('URL'), s('Username'), s('Password'), u('FileSize'), s('TargetFileName'),
    u('DelaySeconds'), s('SuccessURL'), s('FailureURL'),
  ],
  DownloadResponse: [i('Status'), t('StartTime'), t('CompleteTime')],
  Upload: [s('CommandKey'), s('FileType'), s('URL'), s('Username'), s('Password'), u('DelaySeconds')],
  UploadResponse: [i('Status'), t('StartTime'), t('CompleteTime')],
  ScheduleInform: [u('DelaySeconds'), s('CommandKey')],
  ScheduleInformResponse: EMPTY,
  ScheduleDownload: [
    s('CommandKey'), s('FileType'), s('URL'), s('Username'), s('Password'), u('FileSize'), s('TargetFileName'),
    arr('TimeWindowList', 'TimeWindowStruct', [
      u('WindowStart'), u('WindowEnd'), s('WindowMode'), s('UserMessage'), i('MaxRetries'),
    ]),
  ],
  ScheduleDownloadResponse: EMPTY,
  GetQueuedTransfers: EMPTY,
  GetQueuedTransfersResponse: [arr('TransferList', 'QueuedTransferStruct', [s('CommandKey'), i('State')])],
  GetAllQueuedTransfers: EMPTY,
  GetAllQueuedTransfersResponse: [
    arr('TransferList', 'AllQueuedTransferStruct', [
      s('CommandKey'), i('State'), b('IsDownload'), s('FileType'), u('FileSize'), s('TargetFileName'),
    ]),
  ],
  CancelTransfer: [s('CommandKey')],
  CancelTransferResponse: EMPTY,
  ChangeDUState: [{ name: 'Operations', kind: 'operations' }, s('CommandKey')],
  ChangeDUStateResponse: EMPTY,
  Inform: [
    struct('DeviceId', [s('Manufacturer'), s('OUI'), s('ProductClass'), s('SerialNumber')]),
    arr('Event', 'EventStruct', [s('EventCode'), s('CommandKey')]),
    u('MaxEnvelopes'), t('CurrentTime'), u('RetryCount'),
    arr('ParameterList', 'ParameterValueStruct', PVS),
  ],
  InformResponse: [u('MaxEnvelopes')],
  TransferComplete: [s('CommandKey'), struct('FaultStruct', FAULT), t('StartTime'), t('CompleteTime')],
  TransferCompleteResponse: EMPTY,
  AutonomousTransferComplete: [
    s('AnnounceURL'), s('TransferURL'), b('IsDownload'), s('FileType'), u('FileSize'), s('TargetFileName'),
    struct('FaultStruct', FAULT), t('StartTime'), t('CompleteTime'),
  ],
  AutonomousTransferCompleteResponse: EMPTY,
  RequestDownload: [s('FileType'), arr('FileTypeArg', 'ArgStruct', [s('Name'), s('Value')])],
  RequestDownloadResponse: EMPTY,
  DUStateChangeComplete: [{ name: 'Results', kind: 'repeated', fields: OP_RESULT }, s('CommandKey')],
  DUStateChangeCompleteResponse: EMPTY,
  AutonomousDUStateChangeComplete: [
    { name: 'Results', kind: 'repeated', fields: [...OP_RESULT, s('OperationPerformed')] },
  ],
  AutonomousDUStateChangeCompleteResponse: EMPTY,
  Kicked: [s('Command'), s('Referer'), s('Arg'), s('Next')],
  KickedResponse: [s('NextURL')],
};

/** ChangeDUState operation fields per xsi:type (cwmp-1-2.xsd InstallOpStruct, UpdateOpStruct, UninstallOpStruct). */
export const OPERATION_FIELDS: Record<'Install' | 'Update' | 'Uninstall', string[]> = {
  Install: ['URL', 'UUID', 'Username', 'Password', 'ExecutionEnvRef'],
  Update: ['UUID', 'Version', 'URL', 'Username', 'Password'],
  Uninstall: ['UUID', 'Version', 'ExecutionEnvRef'],
};

/** RPCs that do not exist in a namespace (cwmp-1-0 predates them). */
export const INTRODUCED_IN: Partial<Record<RpcName, number>> = {
  ScheduleDownload: 2, ScheduleDownloadResponse: 2, ChangeDUState: 2, ChangeDUStateResponse: 2,
  DUStateChangeComplete: 2, DUStateChangeCompleteResponse: 2, AutonomousDUStateChangeComplete: 2,
  AutonomousDUStateChangeCompleteResponse: 2, AutonomousTransferComplete: 1, AutonomousTransferCompleteResponse: 1,
  GetAllQueuedTransfers: 1, GetAllQueuedTransfersResponse: 1, CancelTransfer: 2, CancelTransferResponse: 2,
};

export function isRpcName(name: string): name is RpcName {
  return Object.prototype.hasOwnProperty.call(RPC_FIELDS, name);
}
