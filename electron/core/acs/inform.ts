// What an Inform tells us (TR-069 A.3.3.1): who the device is, why it called,
// and the Forced Inform parameters: the device summary it makes. Pure; the
// effect runner writes the summary and the parameters.
import type { CwmpVersion, RpcBodies } from '../../../shared/cwmp/types';
import type { DeviceKey, DeviceSummary } from '../../../shared/model/records';

export type Inform = RpcBodies['Inform'];

/** Why an Inform cannot start a session (answered with fault 8003), or null. */
export function informProblem(inform: Inform): string | null {
  const id = inform.DeviceId;
  if (!id || !id.OUI || !id.SerialNumber) return 'the Inform has no DeviceId (OUI and SerialNumber are required, A.3.3.1)';
  if (/[\u0000-\u001f/\\]/.test(id.OUI + id.SerialNumber + id.ProductClass)) return 'DeviceId contains control characters or slashes'; // eslint-disable-line no-control-regex
  return null;
}

/** OUI-ProductClass-SerialNumber, the key GenieACS and most ACSs use (ProductClass may be empty). */
export function deviceKey(inform: Inform): DeviceKey {
  const { OUI, ProductClass, SerialNumber } = inform.DeviceId;
  return ProductClass ? `${OUI}-${ProductClass}-${SerialNumber}` : `${OUI}-${SerialNumber}`;
}

const PICK: Record<string, keyof DeviceSummary> = {
  'DeviceInfo.SoftwareVersion': 'softwareVersion',
  'DeviceInfo.HardwareVersion': 'hardwareVersion',
  'DeviceInfo.ModelName': 'modelName',
  'ManagementServer.ConnectionRequestURL': 'connectionRequestURL',
};

/** WAN address parameters a TR-098 or TR-181 device puts in its Inform. */
const WAN_IP_RE = /(WANIPConnection\.\d+\.ExternalIPAddress|WANPPPConnection\.\d+\.ExternalIPAddress|IP\.Interface\.1\.IPv4Address\.1\.IPAddress)$/;

export interface InformFacts {
  summary: DeviceSummary;
  isNew: boolean;
  /** 0 BOOTSTRAP on a known device: it was reset or re-homed; what we knew of its tree is stale. */
  bootstrap: boolean;
}

/** The device summary after this Inform, from the one stored before it (if any). */
export function informFacts(
  inform: Inform, before: DeviceSummary | undefined, meta: { version: CwmpVersion; remoteAddress?: string; now: string },
): InformFacts {
  const id = deviceKey(inform);
  const events = inform.Event ?? [];
  const bootstrap = events.some((e) => e.EventCode === '0 BOOTSTRAP');
  const names = inform.ParameterList.map((p) => p.Name);
  const root = names.find((n) => n.startsWith('InternetGatewayDevice.')) ? 'InternetGatewayDevice.'
    : names.find((n) => n.startsWith('Device.')) ? 'Device.' : before?.root ?? 'Device.';
  const summary: DeviceSummary = {
    id,
    deviceId: inform.DeviceId,
    cwmpVersion: `urn:dslforum-org:cwmp-${meta.version}`,
    root,
    firstSeen: before?.firstSeen ?? meta.now,
    parameterCount: before?.parameterCount ?? 0,
    discovery: before?.discovery ?? { status: 'none' },
    pendingTasks: before?.pendingTasks ?? 0, // the store keeps the count
    ...pickKnown(before),
    lastInform: meta.now,
    lastEvents: events,
    remoteAddress: meta.remoteAddress,
  };
  for (const p of inform.ParameterList) {
    const rel = p.Name.slice(p.Name.indexOf('.') + 1);
    const key = PICK[rel];
    if (key) (summary as unknown as Record<string, unknown>)[key] = p.Value;
    if (WAN_IP_RE.test(p.Name) && p.Value) summary.ipAddress = p.Value;
    if (rel === 'ManagementServer.PeriodicInformInterval') summary.periodicInformInterval = intervalSeconds(p.Value);
  }
  if (bootstrap && before) summary.discovery = { status: 'none' };
  return { summary, isNew: !before, bootstrap: bootstrap && !!before };
}

/** PeriodicInformInterval is unsignedInt[1:] seconds; anything else means "unknown". */
export function intervalSeconds(value: string | undefined): number | undefined {
  const n = Number(value);
  return value && /^\d+$/.test(value.trim()) && n >= 1 ? n : undefined;
}

function pickKnown(d: DeviceSummary | undefined): Partial<DeviceSummary> {
  if (!d) return {};
  const { softwareVersion, hardwareVersion, modelName, connectionRequestURL, ipAddress, lastFault, periodicInformInterval, compat, lastSessionProblem } = d;
  // The compatibility profile is a fact about the device: an Inform (even 0 BOOTSTRAP) does not reset it.
  return { softwareVersion, hardwareVersion, modelName, connectionRequestURL, ipAddress, lastFault, periodicInformInterval, compat, lastSessionProblem };
}
