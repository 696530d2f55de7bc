// One realistic body per RPC, used to round-trip and schema-check the codec.
import type { RpcBodies, RpcName } from '../../shared/cwmp/types';

const T0 = '2026-11-25T10:00:00Z';
const T1 = '2026-11-25T10:00:07Z';
const FAULT0 = { FaultCode: 0, FaultString: '' };
const OP_RESULT = {
  UUID: '6b2c3f0e-1f3c-4c71-8f5e-0c1d2e3f4a5b', DeploymentUnitRef: 'Device.SoftwareModules.DeploymentUnit.1',
  Version: '1.0', CurrentState: 'Installed', Resolved: true, ExecutionUnitRefList: '', StartTime: T0, CompleteTime: T1,
  Fault: FAULT0,
};

export const RPC_SAMPLES: { [K in RpcName]: RpcBodies[K] } = {
  GetRPCMethods: {},
  GetRPCMethodsResponse: { MethodList: ['GetRPCMethods', 'GetParameterValues', 'Reboot'] },
  GetParameterNames: { ParameterPath: 'Device.WiFi.', NextLevel: true },
  GetParameterNamesResponse: { ParameterList: [{ Name: 'Device.WiFi.SSID.', Writable: false }, { Name: 'Device.WiFi.SSIDNumberOfEntries', Writable: false }] },
  GetParameterValues: { ParameterNames: ['Device.DeviceInfo.', 'Device.WiFi.SSID.1.SSID'] },
  GetParameterValuesResponse: {
    ParameterList: [
      { Name: 'Device.WiFi.SSID.1.SSID', Value: 'Home <&> "Net"', Type: 'string' },
      { Name: 'Device.WiFi.SSID.1.Enable', Value: 'true', Type: 'boolean' },
      { Name: 'Device.DeviceInfo.UpTime', Value: '4242', Type: 'unsignedInt' },
      { Name: 'Device.X_ACME_Blob', Value: 'AAEC', Type: 'base64' },
      { Name: 'Device.Time.CurrentLocalTime', Value: T0, Type: 'dateTime' },
    ],
  },
  SetParameterValues: { ParameterList: [{ Name: 'Device.WiFi.SSID.1.SSID', Value: 'New', Type: 'string' }], ParameterKey: 'k1' },
  SetParameterValuesResponse: { Status: 0 },
  GetParameterAttributes: { ParameterNames: ['Device.WiFi.SSID.1.SSID'] },
  GetParameterAttributesResponse: { ParameterList: [{ Name: 'Device.WiFi.SSID.1.SSID', Notification: 2, AccessList: ['Subscriber'] }] },
  SetParameterAttributes: {
    ParameterList: [{ Name: 'Device.WiFi.SSID.1.SSID', NotificationChange: true, Notification: 2, AccessListChange: false, AccessList: [] }],
  },
  SetParameterAttributesResponse: {},
  AddObject: { ObjectName: 'Device.NAT.PortMapping.', ParameterKey: 'k2' },
  AddObjectResponse: { InstanceNumber: 9, Status: 0 },
  DeleteObject: { ObjectName: 'Device.NAT.PortMapping.9.', ParameterKey: 'k3' },
  DeleteObjectResponse: { Status: 0 },
  Reboot: { CommandKey: 'reboot-1' },
  RebootResponse: {},
  FactoryReset: {},
  FactoryResetResponse: {},
  Download: {
    CommandKey: 'dl-1', FileType: '1 Firmware Upgrade Image', URL: 'http://127.0.0.1:7548/f/abc/fw.bin', Username: '', Password: '',
    FileSize: 1048576, TargetFileName: 'fw.bin', DelaySeconds: 0, SuccessURL: '', FailureURL: '',
  },
  DownloadResponse: { Status: 1, StartTime: '0001-01-01T00:00:00Z', CompleteTime: '0001-01-01T00:00:00Z' },
  Upload: { CommandKey: 'ul-1', FileType: '1 Vendor Configuration File', URL: 'http://127.0.0.1:7548/u/abc', Username: '', Password: '', DelaySeconds: 0 },
  UploadResponse: { Status: 0, StartTime: T0, CompleteTime: T1 },
  ScheduleInform: { DelaySeconds: 30, CommandKey: 'si-1' },
  ScheduleInformResponse: {},
  ScheduleDownload: {
    CommandKey: 'sd-1', FileType: '1 Firmware Upgrade Image', URL: 'http://127.0.0.1:7548/f/abc/fw.bin', Username: '', Password: '',
    FileSize: 1048576, TargetFileName: 'fw.bin',
    TimeWindowList: [{ WindowStart: 0, WindowEnd: 3600, WindowMode: '1 At Any Time', UserMessage: '', MaxRetries: -1 }],
  },
  ScheduleDownloadResponse: {},
  GetQueuedTransfers: {},
  GetQueuedTransfersResponse: { TransferList: [{ CommandKey: 'dl-1', State: 2 }] },
  GetAllQueuedTransfers: {},
  GetAllQueuedTransfersResponse: {
    TransferList: [{ CommandKey: 'dl-1', State: 2, IsDownload: true, FileType: '1 Firmware Upgrade Image', FileSize: 1048576, TargetFileName: 'fw.bin' }],
  },
  CancelTransfer: { CommandKey: 'dl-1' },
  CancelTransferResponse: {},
  ChangeDUState: {
    Operations: [
      { Op: 'Install', URL: 'http://127.0.0.1:7548/du/app.ipk', UUID: '', Username: '', Password: '', ExecutionEnvRef: '' },
      { Op: 'Uninstall', UUID: '6b2c3f0e-1f3c-4c71-8f5e-0c1d2e3f4a5b', Version: '', ExecutionEnvRef: '' },
    ],
    CommandKey: 'du-1',
  },
  ChangeDUStateResponse: {},
  Inform: {
    DeviceId: { Manufacturer: 'ExampleNet', OUI: '00D09E', ProductClass: 'HGW-5000', SerialNumber: 'EXN0001' },
    Event: [{ EventCode: '0 BOOTSTRAP', CommandKey: '' }, { EventCode: '1 BOOT', CommandKey: '' }],
    MaxEnvelopes: 1, CurrentTime: T0, RetryCount: 0,
    ParameterList: [{ Name: 'Device.DeviceInfo.SoftwareVersion', Value: '1.0.0', Type: 'string' }],
  },
  InformResponse: { MaxEnvelopes: 1 },
  TransferComplete: { CommandKey: 'dl-1', FaultStruct: { FaultCode: 9010, FaultString: 'Download failure' }, StartTime: T0, CompleteTime: T1 },
  TransferCompleteResponse: {},
  AutonomousTransferComplete: {
    AnnounceURL: '', TransferURL: 'http://127.0.0.1/f', IsDownload: true, FileType: '1 Firmware Upgrade Image', FileSize: 10,
    TargetFileName: 'fw.bin', FaultStruct: FAULT0, StartTime: T0, CompleteTime: T1,
  },
  AutonomousTransferCompleteResponse: {},
  RequestDownload: { FileType: '3 Vendor Configuration File', FileTypeArg: [{ Name: 'Version', Value: '2' }] },
  RequestDownloadResponse: {},
  DUStateChangeComplete: { Results: [OP_RESULT], CommandKey: 'du-1' },
  DUStateChangeCompleteResponse: {},
  AutonomousDUStateChangeComplete: { Results: [{ ...OP_RESULT, OperationPerformed: 'Install' }] },
  AutonomousDUStateChangeCompleteResponse: {},
  Kicked: { Command: 'provision', Referer: 'http://portal', Arg: '', Next: 'http://portal/next' },
  KickedResponse: { NextURL: 'http://portal/next' },
};
