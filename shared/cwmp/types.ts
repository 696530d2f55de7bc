// CWMP message model (TR-069 Amendment 6, Annex A). Property names are the
// element names of the schema (cwmp-1-2.xsd), so a message reads like the spec
// and one descriptor table (rpc-schema.ts) drives both parsing and emitting.

/** The namespace suffix the peer used: urn:dslforum-org:cwmp-1-N. */
export type CwmpVersion = '1-0' | '1-1' | '1-2' | '1-3' | '1-4';

/** TR-106 base types as stored; on the wire `xsd:<type>` (base64 → xsd:base64Binary). */
export type ParameterType =
  | 'string' | 'boolean' | 'unsignedInt' | 'int' | 'unsignedLong' | 'long'
  | 'dateTime' | 'base64' | 'hexBinary' | 'decimal';

export interface ParameterValueStruct {
  Name: string;
  Value: string;
  /** Absent when the CPE sent no xsi:type (a field quirk); we always emit one. */
  Type?: ParameterType;
}

export interface ParameterInfoStruct { Name: string; Writable: boolean }

export interface SetParameterAttributesStruct {
  Name: string;
  NotificationChange: boolean;
  Notification: number; // 0 off, 1 passive, 2 active (3–6 in TR-069 Amd 5+)
  AccessListChange: boolean;
  AccessList: string[];
}

export interface ParameterAttributeStruct { Name: string; Notification: number; AccessList: string[] }

export interface DeviceIdStruct { Manufacturer: string; OUI: string; ProductClass: string; SerialNumber: string }

export interface EventStruct { EventCode: string; CommandKey: string }

export interface FaultStruct { FaultCode: number; FaultString: string }

export interface TimeWindowStruct {
  WindowStart: number; WindowEnd: number; WindowMode: string; UserMessage: string; MaxRetries: number;
}

export interface QueuedTransferStruct { CommandKey: string; State: number }

export interface AllQueuedTransferStruct {
  CommandKey: string; State: number; IsDownload: boolean; FileType: string; FileSize: number; TargetFileName: string;
}

export interface ArgStruct { Name: string; Value: string }

/** ChangeDUState operation (TR-069 Amd 3+ A.4.1.14); `Op` carries its xsi:type. */
export type OperationStruct =
  | { Op: 'Install'; URL: string; UUID: string; Username: string; Password: string; ExecutionEnvRef: string }
  | { Op: 'Update'; UUID: string; Version: string; URL: string; Username: string; Password: string }
  | { Op: 'Uninstall'; UUID: string; Version: string; ExecutionEnvRef: string };

export interface OpResultStruct {
  UUID: string; DeploymentUnitRef: string; Version: string; CurrentState: string; Resolved: boolean;
  ExecutionUnitRefList: string; StartTime: string; CompleteTime: string; Fault: FaultStruct;
}

export interface SetParameterValuesFaultStruct { ParameterName: string; FaultCode: number; FaultString: string }

/** Every RPC and response body, keyed by its element name. */
export interface RpcBodies {
  // ACS → CPE (A.3.2, A.4.1) and CPE → ACS GetRPCMethods (A.3.1)
  GetRPCMethods: Record<string, never>;
  GetRPCMethodsResponse: { MethodList: string[] };
  GetParameterNames: { ParameterPath: string; NextLevel: boolean };
  GetParameterNamesResponse: { ParameterList: ParameterInfoStruct[] };
  GetParameterValues: { ParameterNames: string[] };
  GetParameterValuesResponse: { ParameterList: ParameterValueStruct[] };
  SetParameterValues: { ParameterList: ParameterValueStruct[]; ParameterKey: string };
  SetParameterValuesResponse: { Status: number };
  GetParameterAttributes: { ParameterNames: string[] };
  GetParameterAttributesResponse: { ParameterList: ParameterAttributeStruct[] };
  SetParameterAttributes: { ParameterList: SetParameterAttributesStruct[] };
  SetParameterAttributesResponse: Record<string, never>;
  AddObject: { ObjectName: string; ParameterKey: string };
  AddObjectResponse: { InstanceNumber: number; Status: number };
  DeleteObject: { ObjectName: string; ParameterKey: string };
  DeleteObjectResponse: { Status: number };
  Reboot: { CommandKey: string };
  RebootResponse: Record<string, never>;
  FactoryReset: Record<string, never>;
  FactoryResetResponse: Record<string, never>;
  Download: {
    CommandKey: string; FileType: string; URL: string; Username: string; Password: string; FileSize: number;
    TargetFileName: string; DelaySeconds: number; SuccessURL: string; FailureURL: string;
  };
  DownloadResponse: { Status: number; StartTime: string; CompleteTime: string };
  Upload: { CommandKey: string; FileType: string; URL: string; Username: string; Password: string; DelaySeconds: number };
  UploadResponse: { Status: number; StartTime: string; CompleteTime: string };
  ScheduleInform: { DelaySeconds: number; CommandKey: string };
  ScheduleInformResponse: Record<string, never>;
  ScheduleDownload: {
    CommandKey: string; FileType: string; URL: string; Username: string; Password: string; FileSize: number;
    TargetFileName: string; TimeWindowList: TimeWindowStruct[];
  };
  ScheduleDownloadResponse: Record<string, never>;
  GetQueuedTransfers: Record<string, never>;
  GetQueuedTransfersResponse: { TransferList: QueuedTransferStruct[] };
  GetAllQueuedTransfers: Record<string, never>;
  GetAllQueuedTransfersResponse: { TransferList: AllQueuedTransferStruct[] };
  CancelTransfer: { CommandKey: string };
  CancelTransferResponse: Record<string, never>;
  ChangeDUState: { Operations: OperationStruct[]; CommandKey: string };
  ChangeDUStateResponse: Record<string, never>;
  // CPE → ACS (A.3.3)
  Inform: {
    DeviceId: DeviceIdStruct; Event: EventStruct[]; MaxEnvelopes: number; CurrentTime: string; RetryCount: number;
    ParameterList: ParameterValueStruct[];
  };
  InformResponse: { MaxEnvelopes: number };
  TransferComplete: { CommandKey: string; FaultStruct: FaultStruct; StartTime: string; CompleteTime: string };
  TransferCompleteResponse: Record<string, never>;
  AutonomousTransferComplete: {
    AnnounceURL: string; TransferURL: string; IsDownload: boolean; FileType: string; FileSize: number;
    TargetFileName: string; FaultStruct: FaultStruct; StartTime: string; CompleteTime: string;
  };
  AutonomousTransferCompleteResponse: Record<string, never>;
  RequestDownload: { FileType: string; FileTypeArg: ArgStruct[] };
  RequestDownloadResponse: Record<string, never>;
  DUStateChangeComplete: { Results: OpResultStruct[]; CommandKey: string };
  DUStateChangeCompleteResponse: Record<string, never>;
  AutonomousDUStateChangeComplete: { Results: OpResultStruct[] };
  AutonomousDUStateChangeCompleteResponse: Record<string, never>;
  Kicked: { Command: string; Referer: string; Arg: string; Next: string };
  KickedResponse: { NextURL: string };
}

export type RpcName = keyof RpcBodies;

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
export const ACS_METHODS: readonly RpcName[] = [
  'GetRPCMethods', 'GetParameterNames', 'GetParameterValues', 'SetParameterValues', 'GetParameterAttributes',
  'SetParameterAttributes', 'AddObject', 'DeleteObject', 'Reboot', 'FactoryReset', 'Download', 'Upload',
  'ScheduleInform', 'ScheduleDownload', 'GetQueuedTransfers', 'GetAllQueuedTransfers', 'CancelTransfer',
  'ChangeDUState',
];
export const CPE_METHODS: readonly RpcName[] = [
  'Inform', 'TransferComplete', 'AutonomousTransferComplete', 'GetRPCMethods', 'RequestDownload',
  'DUStateChangeComplete', 'AutonomousDUStateChangeComplete', 'Kicked',
];

export type AcsRequestName = (typeof ACS_METHODS)[number];
