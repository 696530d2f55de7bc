// One descriptor per RPC body, in schema order (cwmp-1-2.xsd, TR-069 Amd 6
// Annex A). Both the parser and the serializer walk these, so the element
// order we emit is the order the schema demands, and a field added here is
// read and written alike. The TypeScript bodies (RpcBodies in types.ts) are
// computed from this table too (BodyOf below): one list, no second copy to
// keep in step. The builders keep each name and kind as a literal type.

import type { OperationStruct, ParameterType } from './types';

export type Scalar = 'string' | 'int' | 'unsignedInt' | 'boolean' | 'dateTime';

export interface ScalarField<N extends string = string, T extends Scalar = Scalar> {
  name: N; kind: 'scalar'; type: T; optional?: boolean;
  /** The schema's maxLength (string fields). */
  maxLength?: number;
}
export interface StructField<N extends string = string, F extends readonly Field[] = readonly Field[]> { name: N; kind: 'struct'; fields: F }
/** SOAP-encoded array: `<X soap-enc:arrayType="cwmp:T[n]"><T>…</T></X>`. */
export interface ArrayField<N extends string = string, O extends Scalar | readonly Field[] = Scalar | readonly Field[]> {
  name: N; kind: 'array'; item: string; arrayType: string; of: O;
  /** maxLength of each item of a string array. */
  itemMaxLength?: number;
}
/** Element repeated in place (no array wrapper): DU Results, SetParameterValuesFault. */
export interface RepeatedField<N extends string = string, F extends readonly Field[] = readonly Field[]> { name: N; kind: 'repeated'; fields: F }
/** ParameterValueStruct/Value with its xsi:type. */
export interface ValueField<N extends string = string> { name: N; kind: 'value' }
/** ChangeDUState/Operations: repeated, each with an xsi:type naming the operation. */
export interface OperationsField<N extends string = string> { name: N; kind: 'operations' }

export type Field = ScalarField | StructField | ArrayField | RepeatedField | ValueField | OperationsField;

/** Schema maxLength of string fields by name (cwmp-1-2.xsd); carried on each descriptor by s(). */
const MAX_LENGTH: Record<string, number> = {
  CommandKey: 32, ParameterKey: 32, URL: 256, Username: 256, Password: 256, TargetFileName: 256, SuccessURL: 256,
  FailureURL: 256, Name: 256, ObjectName: 256, ParameterPath: 256, UserMessage: 256, FileType: 64,
};

const s = <const N extends string>(name: N): ScalarField<N, 'string'> => {
  const max = MAX_LENGTH[name];
  return max === undefined ? { name, kind: 'scalar', type: 'string' } : { name, kind: 'scalar', type: 'string', maxLength: max };
};
const u = <const N extends string>(name: N): ScalarField<N, 'unsignedInt'> => ({ name, kind: 'scalar', type: 'unsignedInt' });
const i = <const N extends string>(name: N): ScalarField<N, 'int'> => ({ name, kind: 'scalar', type: 'int' });
const b = <const N extends string>(name: N): ScalarField<N, 'boolean'> => ({ name, kind: 'scalar', type: 'boolean' });
const t = <const N extends string>(name: N): ScalarField<N, 'dateTime'> => ({ name, kind: 'scalar', type: 'dateTime' });
const struct = <const N extends string, const F extends readonly Field[]>(name: N, fields: F): StructField<N, F> => ({ name, kind: 'struct', fields });
const repeated = <const N extends string, const F extends readonly Field[]>(name: N, fields: F): RepeatedField<N, F> => ({ name, kind: 'repeated', fields });
const value = <const N extends string>(name: N): ValueField<N> => ({ name, kind: 'value' });
const operations = <const N extends string>(name: N): OperationsField<N> => ({ name, kind: 'operations' });
/** String arrays keep the 256-character limit of parameter names for each item. */
const arr = <const N extends string, const O extends Scalar | readonly Field[]>(name: N, item: string, of: O): ArrayField<N, O> => ({
  name, kind: 'array', item, of, arrayType: typeof of === 'string' ? `xsd:${of}` : `cwmp:${item}`,
  ...(of === 'string' ? { itemMaxLength: 256 } : {}),
});

const PVS = [s('Name'), value('Value')] as const;
const FAULT = [u('FaultCode'), s('FaultString')] as const;
const ACCESS_LIST = arr('AccessList', 'string', 'string');
const OP_RESULT = [
  s('UUID'), s('DeploymentUnitRef'), s('Version'), s('CurrentState'), b('Resolved'), s('ExecutionUnitRefList'),
  t('StartTime'), t('CompleteTime'), struct('Fault', FAULT),
] as const;
const EMPTY = [] as const;

export const RPC_FIELDS = {
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
  ChangeDUState: [operations('Operations'), s('CommandKey')],
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
  DUStateChangeComplete: [repeated('Results', OP_RESULT), s('CommandKey')],
  DUStateChangeCompleteResponse: EMPTY,
  AutonomousDUStateChangeComplete: [repeated('Results', [...OP_RESULT, s('OperationPerformed')])],
  AutonomousDUStateChangeCompleteResponse: EMPTY,
  Kicked: [s('Command'), s('Referer'), s('Arg'), s('Next')],
  KickedResponse: [s('NextURL')],
} as const satisfies Record<string, readonly Field[]>;

export type RpcName = keyof typeof RPC_FIELDS;

// ---- the TypeScript shape of a body, computed from its descriptors ----

type ScalarValue<T> = T extends 'int' | 'unsignedInt' ? number : T extends 'boolean' ? boolean : string;

type FieldValue<F> =
  F extends ScalarField<string, infer T> ? ScalarValue<T>
  : F extends StructField<string, infer Fs> ? BodyOf<Fs>
  : F extends ArrayField<string, infer O> ? (O extends Scalar ? ScalarValue<O>[] : O extends readonly Field[] ? BodyOf<O>[] : never)
  : F extends RepeatedField<string, infer Fs> ? BodyOf<Fs>[]
  : F extends ValueField ? string
  : F extends OperationsField ? OperationStruct[]
  : never;

type Simplify<T> = { [K in keyof T]: T[K] } & {};
type Optional<F> = F extends { optional: true } ? true : false;

/** A ParameterValueStruct's Value travels with its xsi:type: `Type` beside it (absent when the CPE sent none). */
type TypeOfValue<Fs extends readonly Field[]> = [Extract<Fs[number], ValueField>] extends [never] ? unknown : { Type?: ParameterType };

/** The object a list of descriptors reads into (and is written from). An empty list is an empty body. */
export type BodyOf<Fs extends readonly Field[]> = Fs extends readonly [] ? Record<string, never> : Simplify<
  { [F in Fs[number] as Optional<F> extends true ? never : F['name']]: FieldValue<F> }
  & { [F in Fs[number] as Optional<F> extends true ? F['name'] : never]?: FieldValue<F> }
  & TypeOfValue<Fs>
>;

export type RpcBodiesFromSchema = { [K in RpcName]: BodyOf<(typeof RPC_FIELDS)[K]> };

/** Struct shapes named as in the schema, for code that handles one of them. */
export type ParameterValueFields = BodyOf<typeof PVS>;
export type FaultFields = BodyOf<typeof FAULT>;
export type OpResultFields = BodyOf<typeof OP_RESULT>;

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
