// Who a virtual CPE is and how it reaches its ACS: the DeviceInfo identity,
// the ManagementServer settings, and the Inform's Forced Inform parameters
// (TR-069 Amd 6 §3.7.1.1 and Table 5 / A.3.3.1; TR-181 and TR-098 name them).
import { createHash } from 'node:crypto';
import type { ParameterValueStruct } from '../../shared/cwmp/types';
import type { CpeState } from './cpe-state';

export interface CpeIdentity {
  manufacturer?: string;
  oui: string;
  productClass: string;
  serialNumber: string;
  softwareVersion?: string;
  hardwareVersion?: string;
  modelName?: string;
}

export interface ManagementSettings {
  acsUrl: string;
  username?: string;
  password?: string;
  connectionRequestUrl?: string;
  connectionRequestUsername?: string;
  connectionRequestPassword?: string;
  /** Seconds; 0 turns periodic Informs off. */
  periodicInformInterval?: number;
}

/** A distinct, stable WAN address per serial number (100.64.0.0/10, RFC 6598 shared address space). */
export function wanAddressFor(serial: string): string {
  const h = createHash('sha1').update(serial).digest();
  return `100.${64 + (h[0]! & 63)}.${h[1]}.${1 + (h[2]! % 254)}`;
}

export function wanAddressPath(state: CpeState): string {
  return state.kind === 'tr181'
    ? 'Device.IP.Interface.1.IPv4Address.1.IPAddress'
    : 'InternetGatewayDevice.WANDevice.1.WANConnectionDevice.1.WANIPConnection.1.ExternalIPAddress';
}

/** Writes identity and management settings over the shared template values. */
export function applyIdentity(state: CpeState, id: CpeIdentity, ms: ManagementSettings): void {
  const di = `${state.root}DeviceInfo.`;
  const m = `${state.root}ManagementServer.`;
  const set = (path: string, value: string | undefined) => {
    if (value !== undefined && state.has(path)) state.setInternal(path, value);
  };
  set(`${di}Manufacturer`, id.manufacturer);
  set(`${di}ManufacturerOUI`, id.oui);
  set(`${di}ProductClass`, id.productClass);
  set(`${di}SerialNumber`, id.serialNumber);
  set(`${di}SoftwareVersion`, id.softwareVersion);
  set(`${di}HardwareVersion`, id.hardwareVersion);
  set(`${di}ModelName`, id.modelName);
  set(`${m}URL`, ms.acsUrl);
  set(`${m}Username`, ms.username ?? `${id.oui}-${id.productClass}-${id.serialNumber}`);
  set(`${m}Password`, ms.password ?? '');
  set(`${m}ConnectionRequestURL`, ms.connectionRequestUrl);
  set(`${m}ConnectionRequestUsername`, ms.connectionRequestUsername ?? '');
  set(`${m}ConnectionRequestPassword`, ms.connectionRequestPassword ?? '');
  set(`${m}ParameterKey`, '');
  const interval = ms.periodicInformInterval ?? 0;
  set(`${m}PeriodicInformEnable`, interval > 0 ? 'true' : 'false');
  if (interval > 0) set(`${m}PeriodicInformInterval`, String(interval));
  set(`${m}PeriodicInformTime`, '0001-01-01T00:00:00Z');
  // §3.2.1.1 defaults: 5 s minimum wait, multiplier 2000 (= 2.0).
  set(`${m}CWMPRetryMinimumWaitInterval`, '5');
  set(`${m}CWMPRetryIntervalMultiplier`, '2000');
  set(wanAddressPath(state), wanAddressFor(id.serialNumber));
}

/**
 * The Forced Inform parameters (TR-069 Table 5; TR-181 adds
 * RootDataModelVersion, TR-098 DeviceSummary and SpecVersion), those the
 * device has.
 */
export function forcedInformPaths(state: CpeState): string[] {
  const r = state.root;
  const common = [
    `${r}DeviceInfo.HardwareVersion`, `${r}DeviceInfo.SoftwareVersion`, `${r}DeviceInfo.ProvisioningCode`,
    `${r}ManagementServer.ParameterKey`, `${r}ManagementServer.ConnectionRequestURL`, wanAddressPath(state),
  ];
  const paths = state.kind === 'tr181'
    ? ['Device.RootDataModelVersion', ...common]
    : ['InternetGatewayDevice.DeviceSummary', 'InternetGatewayDevice.DeviceInfo.SpecVersion', ...common];
  return paths.filter((p) => state.has(p));
}

/** Forced parameters, then changed ones with notification on (A.3.3.1), each once. */
export function informParameterList(state: CpeState, extra: readonly string[] = []): ParameterValueStruct[] {
  const out: ParameterValueStruct[] = [];
  const seen = new Set<string>();
  for (const p of [...forcedInformPaths(state), ...extra]) {
    const v = seen.has(p) ? undefined : state.valueStruct(p);
    if (v) { out.push(v); seen.add(p); }
  }
  for (const v of state.pendingChanges()) if (!seen.has(v.Name)) { out.push(v); seen.add(v.Name); }
  return out;
}

export function deviceIdOf(state: CpeState): { Manufacturer: string; OUI: string; ProductClass: string; SerialNumber: string } {
  const di = `${state.root}DeviceInfo.`;
  return {
    Manufacturer: state.get(`${di}Manufacturer`) ?? '',
    OUI: state.get(`${di}ManufacturerOUI`) ?? '',
    ProductClass: state.get(`${di}ProductClass`) ?? '',
    SerialNumber: state.get(`${di}SerialNumber`) ?? '',
  };
}

/** A ManagementServer parameter as the device uses it now ('' when unset): the ACS may have changed it. */
export function managementServer(state: CpeState, name: string): string {
  return state.get(`${state.root}ManagementServer.${name}`) ?? '';
}
