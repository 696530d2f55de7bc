// CWMP message model (TR-069 Amendment 6, Annex A). Property names are the
// element names of the schema (cwmp-1-2.xsd), so a message reads like the spec
// and one descriptor table (rpc-schema.ts) drives parsing, emitting and these types.
import type { FaultFields, OpResultFields, ParameterValueFields, RpcBodiesFromSchema, RpcName } from './rpc-schema';

/** The namespace suffix the peer used: urn:dslforum-org:cwmp-1-N. */
export type CwmpVersion = '1-0' | '1-1' | '1-2' | '1-3' | '1-4';

/** TR-106 base types as stored; on the wire `xsd:<type>` (base64 → xsd:base64Binary). */
export type ParameterType =
  | 'string' | 'boolean' | 'unsignedInt' | 'int' | 'unsignedLong' | 'long'
  | 'dateTime' | 'base64' | 'hexBinary' | 'decimal';

// The structs, named as in the schema, are the shapes the descriptor table
// (rpc-schema.ts) gives them: one definition, here only named.
type Item<T> = T extends readonly (infer I)[] ? I : never;

/** `Type` is absent when the CPE sent no xsi:type (a field quirk); we always emit one. */
export type ParameterValueStruct = ParameterValueFields;
export type ParameterInfoStruct = Item<RpcBodies['GetParameterNamesResponse']['ParameterList']>;
/** Notification: 0 off, 1 passive, 2 active (3–6 in TR-069 Amd 5+). */
export type SetParameterAttributesStruct = Item<RpcBodies['SetParameterAttributes']['ParameterList']>;
export type ParameterAttributeStruct = Item<RpcBodies['GetParameterAttributesResponse']['ParameterList']>;
export type DeviceIdStruct = RpcBodies['Inform']['DeviceId'];
export type EventStruct = Item<RpcBodies['Inform']['Event']>;
export type FaultStruct = FaultFields;
export type TimeWindowStruct = Item<RpcBodies['ScheduleDownload']['TimeWindowList']>;
export type QueuedTransferStruct = Item<RpcBodies['GetQueuedTransfersResponse']['TransferList']>;
export type AllQueuedTransferStruct = Item<RpcBodies['GetAllQueuedTransfersResponse']['TransferList']>;
export type ArgStruct = Item<RpcBodies['RequestDownload']['FileTypeArg']>;

/** ChangeDUState operation (TR-069 Amd 3+ A.4.1.14); `Op` carries its xsi:type. */
export type OperationStruct =
  | { Op: 'Install'; URL: string; UUID: string; Username: string; Password: string; ExecutionEnvRef: string }
  | { Op: 'Update'; UUID: string; Version: string; URL: string; Username: string; Password: string }
  | { Op: 'Uninstall'; UUID: string; Version: string; ExecutionEnvRef: string };

export type OpResultStruct = OpResultFields;

export interface SetParameterValuesFaultStruct { ParameterName: string; FaultCode: number; FaultString: string }

/**
 * Every RPC and response body, keyed by its element name: ACS → CPE (A.3.2,
 * A.4.1), CPE → ACS (A.3.3) and GetRPCMethods both ways (A.3.1). Computed
 * from the descriptor table, so a field added there is typed here too.
 */
export type RpcBodies = RpcBodiesFromSchema;
export type { RpcName };

/** A SOAP Fault carrying the CWMP Fault detail (A.5). */
export interface CwmpFault {
  /** SOAP faultcode: Client for 8003–8005-like request errors and 9xxx argument faults, Server otherwise. */
  faultcode: 'Client' | 'Server';
  faultstring: string;
  detail: { FaultCode: number; FaultString: string; SetParameterValuesFault?: SetParameterValuesFaultStruct[] };
}

/** One SOAP body child: a named RPC, or a Fault. */
export type CwmpBody =
  | { [K in RpcName]: { name: K; args: RpcBodies[K] } }[RpcName]
  | { name: 'Fault'; fault: CwmpFault };

/** SOAP Header elements (A.4.2, and the CWMP 1.4 session headers of Amd 6 §A.4.2.3–5). */
export interface CwmpHeader {
  ID?: string;
  HoldRequests?: boolean;
  NoMoreRequests?: boolean;
  SessionTimeout?: number;
  SupportedCWMPVersions?: string;
  UseCWMPVersion?: string;
}

export interface CwmpEnvelope {
  version: CwmpVersion;
  header: CwmpHeader;
  /** null: an envelope with an empty Body. An empty HTTP POST is not an envelope at all. */
  body: CwmpBody | null;
}

/** Which RPCs each side may send (A.3.1). */
export const ACS_METHODS = [
  'GetRPCMethods', 'GetParameterNames', 'GetParameterValues', 'SetParameterValues', 'GetParameterAttributes',
  'SetParameterAttributes', 'AddObject', 'DeleteObject', 'Reboot', 'FactoryReset', 'Download', 'Upload',
  'ScheduleInform', 'ScheduleDownload', 'GetQueuedTransfers', 'GetAllQueuedTransfers', 'CancelTransfer',
  'ChangeDUState',
] as const satisfies readonly RpcName[];
export const CPE_METHODS: readonly RpcName[] = [
  'Inform', 'TransferComplete', 'AutonomousTransferComplete', 'GetRPCMethods', 'RequestDownload',
  'DUStateChangeComplete', 'AutonomousDUStateChangeComplete', 'Kicked',
];

export type AcsRequestName = (typeof ACS_METHODS)[number];

/** Narrows an RPC name to the requests an ACS may send (A.3.1). */
export function isAcsMethod(name: string): name is AcsRequestName {
  return (ACS_METHODS as readonly string[]).includes(name);
}
