// The device page's summary: what support staff ask first (WAN address and
// state, uptime, firmware, Wi-Fi networks, connected hosts), read from the
// stored parameters. The two root data models put these facts in different
// places, so each has its own reader:
// - TR-181 (Device:2): the WAN is an IP.Interface found through the default
//   route (Routing.Router.{i}.IPv4Forwarding) or NAT.InterfaceSetting; Wi-Fi
//   networks are WiFi.SSID.{i} stacked on a WiFi.Radio.{i} via LowerLayers
//   (TR-181 Issue 2 §4.2 interface stacking).
// - TR-098 (InternetGatewayDevice:1): the WAN is a WANIPConnection or
//   WANPPPConnection under WANDevice.{i}.WANConnectionDevice.{i}, preferably
//   the Layer3Forwarding.DefaultConnectionService; Wi-Fi networks are
//   LANDevice.{i}.WLANConfiguration.{i}, each its own radio.
import type { DeviceOverview, DeviceSummary, OverviewSsid, OverviewWan } from '../../../shared/model/records';
import type { DeviceStore } from '../store/device-store';

/** Stored values by concrete path (objects and unknown values are absent). */
export type Values = ReadonlyMap<string, string>;

/** Subtrees the overview reads: a few objects, never the whole tree. */
export function overviewPrefixes(root: string): string[] {
  return root === 'InternetGatewayDevice.'
    ? ['DeviceInfo.', 'WANDevice.', 'LANDevice.', 'Layer3Forwarding.'].map((p) => root + p)
    : ['DeviceInfo.', 'IP.Interface.', 'PPP.Interface.', 'WiFi.SSID.', 'WiFi.Radio.', 'Hosts.', 'Routing.Router.',
      'NAT.InterfaceSetting.'].map((p) => root + p);
}

export async function deviceOverview(store: DeviceStore, summary: DeviceSummary): Promise<DeviceOverview> {
  const values = new Map<string, string>();
  await Promise.all(overviewPrefixes(summary.root).map(async (prefix) => {
    for (const r of await store.listParameters(summary.id, prefix)) if (r.value !== undefined) values.set(r.path, r.value);
  }));
  const upTime = await store.getParameter(summary.id, `${summary.root}DeviceInfo.UpTime`);
  // The tree is loaded now: its count may be newer than the summary the caller had.
  return buildOverview({ ...summary, parameterCount: await store.parameterCount(summary.id) }, values, upTime?.updated);
}

/** When the device booted, from UpTime and when it was read; a later BOOT Inform wins. */
export function bootTime(summary: DeviceSummary, uptime: number | undefined, uptimeReadAt: string | undefined): string | undefined {
  const booted = summary.lastEvents.some((e) => e.EventCode === '1 BOOT' || e.EventCode === '0 BOOTSTRAP');
  if (booted && summary.lastInform && (!uptimeReadAt || uptimeReadAt < summary.lastInform)) return summary.lastInform;
  if (uptime === undefined || !uptimeReadAt) return undefined;
  const t = Date.parse(uptimeReadAt) - uptime * 1000;
  return Number.isFinite(t) ? new Date(t).toISOString() : undefined;
}

/**
 * Pure: the overview of a device from its summary and the values under
 * overviewPrefixes(); `uptimeReadAt` is when DeviceInfo.UpTime was read.
 */
export function buildOverview(summary: DeviceSummary, values: Values, uptimeReadAt?: string): DeviceOverview {
  const tr098 = summary.root === 'InternetGatewayDevice.';
  const root = summary.root;
  const v = (p: string): string | undefined => nonEmpty(values.get(root + p));
  const uptime = Number(v('DeviceInfo.UpTime'));
  const uptimeSeconds = Number.isFinite(uptime) && v('DeviceInfo.UpTime') !== undefined ? uptime : undefined;
  const hosts = tr098 ? hostsTr098(values, root) : hostsTr181(values, root);
  return {
    id: summary.id,
    model: tr098 ? 'tr098' : 'tr181',
    manufacturer: v('DeviceInfo.Manufacturer') ?? nonEmpty(summary.deviceId.Manufacturer),
    modelName: v('DeviceInfo.ModelName') ?? summary.modelName,
    productClass: v('DeviceInfo.ProductClass') ?? nonEmpty(summary.deviceId.ProductClass),
    serialNumber: v('DeviceInfo.SerialNumber') ?? nonEmpty(summary.deviceId.SerialNumber),
    softwareVersion: v('DeviceInfo.SoftwareVersion') ?? summary.softwareVersion,
    hardwareVersion: v('DeviceInfo.HardwareVersion') ?? summary.hardwareVersion,
    uptimeSeconds,
    bootedAt: bootTime(summary, uptimeSeconds, uptimeReadAt),
    wan: tr098 ? wanTr098(values, root) : wanTr181(values, root),
    wifi: tr098 ? wifiTr098(values, root) : wifiTr181(values, root),
    connectedHosts: hosts.connected,
    knownHosts: hosts.known,
    connectionRequestURL: summary.connectionRequestURL,
    lastInform: summary.lastInform,
    lastEvents: summary.lastEvents.map((e) => e.EventCode),
    parameterCount: summary.parameterCount,
    discovery: summary.discovery,
  };
}

// ---- helpers ----------------------------------------------------------------

function nonEmpty(s: string | undefined): string | undefined {
  return s === undefined || s.trim() === '' ? undefined : s;
}

/** Instance numbers of table `prefix` ('Device.WiFi.SSID.'), ascending. */
export function instances(values: Values, prefix: string): number[] {
  const found = new Set<number>();
  for (const path of values.keys()) {
    if (!path.startsWith(prefix)) continue;
    const m = /^(\d+)\./.exec(path.slice(prefix.length));
    if (m) found.add(Number(m[1]));
  }
  return [...found].sort((a, b) => a - b);
}

/** A path reference as CPEs write it: 'Device.IP.Interface.1' or with the trailing dot (TR-106 A.2.3.4). */
function refPath(ref: string | undefined): string | undefined {
  const first = ref?.split(',')[0]?.trim();
  if (!first) return undefined;
  return first.endsWith('.') ? first : `${first}.`;
}

const isFalse = (s: string | undefined): boolean => s !== undefined && /^(false|0)$/i.test(s.trim());
const isTrue = (s: string | undefined): boolean => s !== undefined && /^(true|1)$/i.test(s.trim());
const boolOf = (s: string | undefined): boolean | undefined => (isTrue(s) ? true : isFalse(s) ? false : undefined);

/** RFC 1918 / loopback / link-local / CGN addresses are not what "the WAN IP" means to support staff. */
function isPrivateV4(ip: string): boolean {
  return /^(10\.|127\.|169\.254\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.|100\.(6[4-9]|[7-9]\d|1[01]\d|12[0-7])\.)/.test(ip);
}

/** Frequency band from the channel number when the device does not say (IEEE 802.11: 1-14 are 2.4 GHz). */
export function bandOfChannel(channel: string | undefined): string | undefined {
  const n = Number(channel);
  if (!channel || !Number.isInteger(n) || n <= 0) return undefined;
  return n <= 14 ? '2.4GHz' : '5GHz';
}

// ---- TR-181 -----------------------------------------------------------------

function wanInterfaceTr181(values: Values, root: string): string | undefined {
  const ifPrefix = `${root}IP.Interface.`;
  const ifs = instances(values, ifPrefix).map((i) => `${ifPrefix}${i}.`);
  const exists = (p: string | undefined): p is string => !!p && ifs.includes(p);
  // 1. The interface of the IPv4 default route (empty or 0.0.0.0 destination).
  const routers = `${root}Routing.Router.`;
  for (const r of instances(values, routers)) {
    const fwd = `${routers}${r}.IPv4Forwarding.`;
    for (const f of instances(values, fwd)) {
      const e = `${fwd}${f}.`;
      const dest = values.get(`${e}DestIPAddress`) ?? '';
      const mask = values.get(`${e}DestSubnetMask`) ?? '';
      if (isFalse(values.get(`${e}Enable`))) continue;
      if ((dest === '' || dest === '0.0.0.0') && (mask === '' || mask === '0.0.0.0')) {
        const p = refPath(values.get(`${e}Interface`));
        if (exists(p)) return p;
      }
    }
  }
  // 2. The interface NAT is enabled on (NAT faces the WAN).
  const nat = `${root}NAT.InterfaceSetting.`;
  for (const n of instances(values, nat)) {
    if (isFalse(values.get(`${nat}${n}.Enable`))) continue;
    const p = refPath(values.get(`${nat}${n}.Interface`));
    if (exists(p)) return p;
  }
  const notLoopback = ifs.filter((p) => values.get(`${p}Type`) !== 'Loopback' && !isTrue(values.get(`${p}Loopback`)));
  // 3. An interface named like a WAN, 4. one with a public IPv4 address.
  return notLoopback.find((p) => /wan/i.test(values.get(`${p}Name`) ?? '') || /wan/i.test(values.get(`${p}Alias`) ?? ''))
    ?? notLoopback.find((p) => ipv4Of(values, p)?.address && !isPrivateV4(ipv4Of(values, p)!.address));
}

function ipv4Of(values: Values, ifPath: string): { address: string; addressing?: string } | undefined {
  const pre = `${ifPath}IPv4Address.`;
  for (const a of instances(values, pre)) {
    const address = nonEmpty(values.get(`${pre}${a}.IPAddress`));
    if (!address || isFalse(values.get(`${pre}${a}.Enable`))) continue;
    return { address, addressing: nonEmpty(values.get(`${pre}${a}.AddressingType`)) };
  }
  return undefined;
}

function ipv6Of(values: Values, ifPath: string): string | undefined {
  const pre = `${ifPath}IPv6Address.`;
  for (const a of instances(values, pre)) {
    const address = nonEmpty(values.get(`${pre}${a}.IPAddress`));
    if (!address || isFalse(values.get(`${pre}${a}.Enable`))) continue;
    if (/^(fe80:|::1$)/i.test(address)) continue; // link-local and loopback say nothing about the WAN
    return address;
  }
  return undefined;
}

function wanTr181(values: Values, root: string): OverviewWan | undefined {
  const path = wanInterfaceTr181(values, root);
  if (!path) return undefined;
  const v4 = ipv4Of(values, path);
  const lower = values.get(`${path}LowerLayers`) ?? '';
  // IPCP addressing, or an IP interface stacked on a PPP interface, is a PPP session (PPPoE/PPPoA).
  const ppp = lower.includes('PPP.Interface.') || v4?.addressing === 'IPCP';
  let ipAddress = v4?.address;
  if (!ipAddress && ppp) ipAddress = nonEmpty(values.get(`${refPath(lower) ?? ''}IPCP.LocalIPAddress`));
  return {
    path,
    ipAddress,
    ipv6Address: ipv6Of(values, path),
    status: nonEmpty(values.get(`${path}Status`)),
    connectionType: ppp ? 'PPP' : v4?.addressing ? `IP (${v4.addressing})` : undefined,
    name: nonEmpty(values.get(`${path}Name`)),
  };
}

function wifiTr181(values: Values, root: string): OverviewSsid[] {
  const pre = `${root}WiFi.SSID.`;
  return instances(values, pre).flatMap((i): OverviewSsid[] => {
    const p = `${pre}${i}.`;
    const ssid = values.get(`${p}SSID`);
    if (ssid === undefined) return [];
    const radio = refPath(values.get(`${p}LowerLayers`));
    const radioOk = radio?.startsWith(`${root}WiFi.Radio.`) ? radio : undefined;
    const channel = radioOk ? nonEmpty(values.get(`${radioOk}Channel`)) : undefined;
    const supported = radioOk ? nonEmpty(values.get(`${radioOk}SupportedFrequencyBands`)) : undefined;
    const band = (radioOk ? nonEmpty(values.get(`${radioOk}OperatingFrequencyBand`)) : undefined)
      ?? (supported && !supported.includes(',') ? supported : undefined)
      ?? bandOfChannel(channel);
    return [{
      path: p, ssid, enabled: boolOf(values.get(`${p}Enable`)), status: nonEmpty(values.get(`${p}Status`)),
      band, channel, radio: radioOk,
    }];
  });
}

function hostsTr181(values: Values, root: string): { connected?: number; known?: number } {
  return countHosts(values, [`${root}Hosts.`]);
}

/** Active hosts over the given Hosts objects; the table size where Active is not reported. */
function countHosts(values: Values, hostsObjects: string[]): { connected?: number; known?: number } {
  let known: number | undefined;
  let connected: number | undefined;
  for (const h of hostsObjects) {
    const table = `${h}Host.`;
    const rows = instances(values, table);
    const declared = Number(values.get(`${h}HostNumberOfEntries`));
    const size = Number.isInteger(declared) && values.has(`${h}HostNumberOfEntries`) ? declared : rows.length;
    if (!values.has(`${h}HostNumberOfEntries`) && rows.length === 0) continue;
    known = (known ?? 0) + size;
    const withActive = rows.filter((r) => values.has(`${table}${r}.Active`));
    const active = withActive.length > 0 ? withActive.filter((r) => isTrue(values.get(`${table}${r}.Active`))).length : size;
    connected = (connected ?? 0) + active;
  }
  return { connected, known };
}

// ---- TR-098 -----------------------------------------------------------------

function wanTr098(values: Values, root: string): OverviewWan | undefined {
  const candidates: { path: string; ppp: boolean }[] = [];
  const wd = `${root}WANDevice.`;
  for (const a of instances(values, wd)) {
    const wcd = `${wd}${a}.WANConnectionDevice.`;
    for (const b of instances(values, wcd)) {
      for (const kind of ['WANIPConnection', 'WANPPPConnection'] as const) {
        const t = `${wcd}${b}.${kind}.`;
        for (const c of instances(values, t)) candidates.push({ path: `${t}${c}.`, ppp: kind === 'WANPPPConnection' });
      }
    }
  }
  if (candidates.length === 0) return undefined;
  const ip = (p: string) => nonEmpty(values.get(`${p}ExternalIPAddress`));
  const dflt = refPath(values.get(`${root}Layer3Forwarding.DefaultConnectionService`));
  const chosen = candidates.find((c) => c.path === dflt)
    ?? candidates.find((c) => values.get(`${c.path}ConnectionStatus`) === 'Connected' && ip(c.path))
    ?? candidates.find((c) => ip(c.path))
    ?? candidates[0];
  const type = nonEmpty(values.get(`${chosen.path}ConnectionType`));
  return {
    path: chosen.path,
    ipAddress: ip(chosen.path),
    status: nonEmpty(values.get(`${chosen.path}ConnectionStatus`)),
    connectionType: `${chosen.ppp ? 'PPP' : 'IP'}${type ? ` (${type})` : ''}`,
    name: nonEmpty(values.get(`${chosen.path}Name`)),
  };
}

function wifiTr098(values: Values, root: string): OverviewSsid[] {
  const out: OverviewSsid[] = [];
  const ld = `${root}LANDevice.`;
  for (const a of instances(values, ld)) {
    const wl = `${ld}${a}.WLANConfiguration.`;
    for (const i of instances(values, wl)) {
      const p = `${wl}${i}.`;
      const ssid = values.get(`${p}SSID`);
      if (ssid === undefined) continue;
      const channel = nonEmpty(values.get(`${p}Channel`));
      const standard = values.get(`${p}Standard`) ?? '';
      // TR-098 has no band parameter before OperatingFrequencyBand (Amd 3): 802.11a is 5 GHz only, b/g 2.4 GHz.
      const band = nonEmpty(values.get(`${p}OperatingFrequencyBand`))
        ?? (standard === 'a' ? '5GHz' : /^(b|g)$/.test(standard) ? '2.4GHz' : bandOfChannel(channel));
      out.push({
        path: p, ssid, enabled: boolOf(values.get(`${p}Enable`)), status: nonEmpty(values.get(`${p}Status`)), band, channel,
      });
    }
  }
  return out;
}

function hostsTr098(values: Values, root: string): { connected?: number; known?: number } {
  const ld = `${root}LANDevice.`;
  return countHosts(values, instances(values, ld).map((a) => `${ld}${a}.Hosts.`));
}
