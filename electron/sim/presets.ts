// Realistic values for the parameters an operator looks at first: identity
// (the Inform DeviceId and DeviceInfo), ManagementServer, Wi-Fi names and
// channels, WAN/LAN addressing, DHCP, NAT and the interface stacking
// (TR-181 LowerLayers, TR-181 Issue 2 Section 4.2; TR-098 connection paths).
// Addresses outside the LAN come from the documentation ranges of RFC 5737
// (192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24) and RFC 3849 (2001:db8::/32).
// A preset that does not fit the model's syntax, or that points at a row
// which was not generated, is dropped by the generator in favour of
// syntax-driven synthesis.
import { ipPingPresets } from './diagnostics-ping';
import { traceRoutePresets } from './diagnostics-traceroute';
import type { Prng } from './prng';
import { BASE_TIME, isoTime } from './values';

export interface DeviceIdentity {
  manufacturer: string; oui: string; productClass: string; serialNumber: string;
  softwareVersion: string; hardwareVersion: string; modelName: string;
}

export const DEFAULT_IDENTITY: DeviceIdentity = {
  manufacturer: 'ExampleNet', oui: '00D09E', productClass: 'HGW-5000', serialNumber: 'EXN5000A1B2C3',
  softwareVersion: '5.4.1-build77', hardwareVersion: 'HW1.2', modelName: 'HGW-5000',
};

export interface PresetCtx {
  idx: number;          // innermost instance number (1 outside tables)
  inst: number[];       // all instance numbers of the path, outermost first
  id: DeviceIdentity;
  spec: string;         // 'Device:2.19'
  rnd: Prng;
  /** The row path if that row was generated, else ''. */
  row: (path: string) => string;
  /** A fresh MAC address (the device's OUI for its own interfaces). */
  mac: () => string;
}

/** undefined: no opinion (fall through to references/synthesis). */
export type Preset = (c: PresetCtx) => string | undefined;

export const WAN_IP = '203.0.113.10';
export const WAN_GW = '203.0.113.1';
export const DNS = '198.51.100.53,198.51.100.54';
export const SSIDS = ['HomeNet-2G', 'HomeNet-5G', 'Guest-2G', 'Guest-5G'];
const PROCS = ['init', 'kthreadd', 'ksoftirqd/0', 'syslogd', 'klogd', 'ubusd', 'netifd', 'dnsmasq', 'dropbear', 'hostapd',
  'odhcpd', 'uhttpd', 'cwmpd', 'ntpd', 'crond', 'miniupnpd', 'igmpproxy', 'pppd', 'wpa_supplicant', 'telephony'];

export const pick = <T>(list: readonly T[], k: number): T => list[(k - 1) % list.length];
const serialHex = (s: string): string => Buffer.from(s).toString('hex').slice(-8);
export const lanHost = (k: number): string => `192.168.1.${100 + (k % 150)}`;
/** IPv4 address j of IP interface k: 1 WAN, 2 LAN, 3 loopback. */
const ipv4Of = (k: number, j: number): string =>
  k === 1 ? `203.0.113.${9 + j}` : k === 2 ? `192.168.${j}.1` : k === 3 ? `127.0.0.${j}` : `10.${k}.${j}.1`;

/** Presets shared by both roots: DeviceInfo, ManagementServer, Time. */
export function commonPresets(root: string): Record<string, Preset> {
  const di = `${root}DeviceInfo.`;
  const ms = `${root}ManagementServer.`;
  return {
    [`${di}Manufacturer`]: (c) => c.id.manufacturer,
    [`${di}ManufacturerOUI`]: (c) => c.id.oui,
    [`${di}ModelName`]: (c) => c.id.modelName,
    [`${di}ProductClass`]: (c) => c.id.productClass,
    [`${di}SerialNumber`]: (c) => c.id.serialNumber,
    [`${di}HardwareVersion`]: (c) => c.id.hardwareVersion,
    [`${di}SoftwareVersion`]: (c) => c.id.softwareVersion,
    [`${di}Description`]: (c) => `${c.id.manufacturer} ${c.id.modelName} home gateway`,
    [`${di}ProvisioningCode`]: () => '',
    [`${di}SpecVersion`]: () => '1.0',
    [`${di}UpTime`]: (c) => String(c.rnd.int(3 * 86400, 10 * 86400)),
    [`${di}FirstUseDate`]: () => isoTime(BASE_TIME - 200 * 86400),
    [`${di}DeviceLog`]: () => '',
    [`${di}ModelNumber`]: (c) => c.id.productClass,
    [`${di}HostName`]: () => 'gateway',
    [`${di}AdditionalHardwareVersion`]: () => '',
    [`${di}AdditionalSoftwareVersion`]: () => '',
    [`${di}MemoryStatus.Total`]: () => '524288',
    [`${di}MemoryStatus.Free`]: (c) => String(c.rnd.int(180000, 300000)),
    [`${di}ProcessStatus.CPUUsage`]: (c) => String(c.rnd.int(2, 35)),
    [`${di}ProcessStatus.Process.{i}.PID`]: (c) => String(c.idx === 1 ? 1 : 100 + c.idx * 7),
    [`${di}ProcessStatus.Process.{i}.Command`]: (c) => pick(PROCS, c.idx),
    // The ACS URL is set by whoever points the device at an ACS.
    [`${ms}URL`]: () => '',
    [`${ms}Username`]: (c) => `${c.id.oui}-${c.id.productClass}-${c.id.serialNumber}`,
    [`${ms}PeriodicInformEnable`]: () => 'true',
    [`${ms}PeriodicInformInterval`]: () => '3600',
    [`${ms}PeriodicInformTime`]: () => '0001-01-01T00:00:00Z',
    [`${ms}ParameterKey`]: () => '',
    [`${ms}ConnectionRequestURL`]: (c) => `http://${WAN_IP}:7547/cr/${serialHex(c.id.serialNumber)}`,
    [`${ms}ConnectionRequestUsername`]: (c) => `cr-${c.id.serialNumber}`,
    [`${ms}UpgradesManaged`]: () => 'false',
    [`${ms}EnableCWMP`]: () => 'true',
    [`${ms}STUNEnable`]: () => 'false',
    [`${ms}NATDetected`]: () => 'false',
    [`${ms}HTTPConnectionRequestEnable`]: () => 'true',
    [`${ms}ScheduleReboot`]: () => '0001-01-01T00:00:00Z',
    [`${ms}DelayReboot`]: () => '-1',
    [`${ms}DefaultActiveNotificationThrottle`]: () => '0',
    [`${ms}CWMPRetryMinimumWaitInterval`]: () => '5',
    [`${ms}CWMPRetryIntervalMultiplier`]: () => '2000',
    [`${ms}KickURL`]: () => '',
    [`${ms}DownloadProgressURL`]: () => '',
    [`${ms}UDPConnectionRequestAddress`]: () => '',
    [`${ms}STUNServerAddress`]: () => '',
    [`${ms}STUNServerPort`]: () => '3478',
    [`${ms}STUNUsername`]: () => '',
    [`${ms}STUNMaximumKeepAlivePeriod`]: () => '-1',
    [`${ms}STUNMinimumKeepAlivePeriod`]: () => '60',
    [`${ms}ManageableDeviceNotificationLimit`]: () => '0',
    [`${ms}LightweightNotificationTriggerInterval`]: () => '0',
    [`${ms}LightweightNotificationTriggerTime`]: () => '0001-01-01T00:00:00Z',
    [`${ms}UDPLightweightNotificationHost`]: () => '',
    [`${ms}ConnReqAllowedJabberIDs`]: () => '',
    [`${ms}ConnReqJabberID`]: () => '',
    [`${root}Time.Enable`]: () => 'true',
    [`${root}Time.Status`]: () => 'Synchronized',
    [`${root}Time.NTPServer1`]: () => 'pool.ntp.org',
    [`${root}Time.NTPServer2`]: () => 'time.example.net',
    [`${root}Time.NTPServer3`]: () => '',
    [`${root}Time.NTPServer4`]: () => '',
    [`${root}Time.NTPServer5`]: () => '',
    [`${root}Time.CurrentLocalTime`]: () => isoTime(BASE_TIME),
    [`${root}Time.LocalTimeZone`]: () => 'CET-1CEST,M3.5.0,M10.5.0/3',
    [`${root}Time.LocalTimeZoneName`]: () => 'CET-1CEST,M3.5.0,M10.5.0/3',
  };
}

/** Device.InterfaceStack rows (higher, lower), mirroring the LowerLayers presets below. */
const STACK: [string, string][] = [
  ['IP.Interface.1', 'PPP.Interface.1'], ['IP.Interface.2', 'Ethernet.Link.1'],
  ['PPP.Interface.1', 'Ethernet.VLANTermination.1'], ['Ethernet.VLANTermination.1', 'Ethernet.Link.2'],
  ['Ethernet.VLANTermination.2', 'Ethernet.Link.2'], ['Ethernet.Link.1', 'Bridging.Bridge.1.Port.1'],
  ['Ethernet.Link.2', 'Ethernet.Interface.5'], ['Ethernet.Link.3', 'DSL.Channel.1'], ['DSL.Channel.1', 'DSL.Line.1'],
  ...[2, 3, 4, 5, 6, 7, 8].map((p): [string, string] => ['Bridging.Bridge.1.Port.1', `Bridging.Bridge.1.Port.${p}`]),
  ...[1, 2, 3, 4].map((e): [string, string] => [`Bridging.Bridge.1.Port.${e + 1}`, `Ethernet.Interface.${e}`]),
  ...[1, 2, 3].map((w): [string, string] => [`Bridging.Bridge.1.Port.${w + 5}`, `WiFi.SSID.${w}`]),
  ...[1, 2, 3, 4].map((w): [string, string] => [`WiFi.SSID.${w}`, `WiFi.Radio.${2 - (w % 2)}`]),
];
export const INTERFACE_STACK_ROWS = STACK.length;

/** The Alias the generator gives row `path` ('Device.IP.Interface.2' -> 'cpe-interface-2'). */
const aliasOf = (path: string): string => {
  const m = /\.([A-Za-z0-9]+)\.(\d+)$/.exec(path);
  return m ? `cpe-${m[1].toLowerCase()}-${m[2]}` : '';
};

export function tr181Presets(): Record<string, Preset> {
  const D = 'Device.';
  const stack = (c: PresetCtx): [string, string] | undefined => {
    const pair = STACK[c.idx - 1];
    const h = pair && c.row(D + pair[0]);
    const l = pair && c.row(D + pair[1]);
    return h && l ? [h, l] : undefined;
  };
  const ipIf = (k: number): string => `${D}IP.Interface.${k}`;
  return {
    ...commonPresets(D),
    [`${D}RootDataModelVersion`]: (c) => c.spec.split(':')[1] ?? '2.19',
    [`${D}InterfaceStack.{i}.HigherLayer`]: (c) => stack(c)?.[0] ?? '',
    [`${D}InterfaceStack.{i}.LowerLayer`]: (c) => stack(c)?.[1] ?? '',
    [`${D}InterfaceStack.{i}.HigherAlias`]: (c) => aliasOf(stack(c)?.[0] ?? ''),
    [`${D}InterfaceStack.{i}.LowerAlias`]: (c) => aliasOf(stack(c)?.[1] ?? ''),
    // Interface stack: IP.1 (WAN) / PPP.1 / VLANTermination.1 / Link.2 / Ethernet.Interface.5,
    // IP.2 (LAN) / Link.1 / Bridge.1.Port.1 (management) / Ports 2-5 Ethernet, 6+ SSIDs.
    [`${D}IP.Interface.{i}.LowerLayers`]: (c) => (c.idx === 1 ? c.row(`${D}PPP.Interface.1`) : c.idx === 2 ? c.row(`${D}Ethernet.Link.1`) : ''),
    [`${D}IP.Interface.{i}.Name`]: (c) => ['wan', 'lan', 'lo'][c.idx - 1] ?? `ip${c.idx - 1}`,
    [`${D}IP.Interface.{i}.Type`]: (c) => (c.idx === 3 ? 'Loopback' : 'Normal'),
    [`${D}IP.Interface.{i}.Loopback`]: (c) => String(c.idx === 3),
    [`${D}IP.Interface.{i}.MaxMTUSize`]: (c) => (c.idx === 1 ? '1492' : c.idx === 3 ? '65536' : '1500'),
    [`${D}IP.Interface.{i}.IPv4Address.{i}.IPAddress`]: (c) => ipv4Of(c.inst[0], c.idx),
    [`${D}IP.Interface.{i}.IPv4Address.{i}.SubnetMask`]: (c) => (c.inst[0] === 3 ? '255.0.0.0' : '255.255.255.0'),
    [`${D}IP.Interface.{i}.IPv4Address.{i}.AddressingType`]: (c) => (c.inst[0] === 1 ? 'IPCP' : 'Static'),
    [`${D}IP.Interface.{i}.IPv6Address.{i}.IPAddress`]: (c) => (c.inst[0] === 3 ? '::1' : `2001:db8:${c.inst[0]}::${c.idx}`),
    [`${D}IP.Interface.{i}.IPv6Prefix.{i}.Prefix`]: (c) => `2001:db8:${c.inst[0]}::/64`,
    [`${D}PPP.Interface.{i}.LowerLayers`]: (c) => c.row(`${D}Ethernet.VLANTermination.${c.idx}`),
    [`${D}PPP.Interface.{i}.Name`]: (c) => `pppoe-wan${c.idx > 1 ? c.idx : ''}`,
    [`${D}PPP.Interface.{i}.Username`]: () => 'user@isp.example',
    [`${D}PPP.Interface.{i}.IPCP.LocalIPAddress`]: () => WAN_IP,
    [`${D}PPP.Interface.{i}.IPCP.RemoteIPAddress`]: () => WAN_GW,
    [`${D}PPP.Interface.{i}.IPCP.DNSServers`]: () => DNS,
    [`${D}Ethernet.VLANTermination.{i}.LowerLayers`]: (c) => c.row(`${D}Ethernet.Link.2`),
    [`${D}Ethernet.VLANTermination.{i}.VLANID`]: (c) => String(6 + c.idx),
    [`${D}Ethernet.VLANTermination.{i}.Name`]: (c) => `eth4.${6 + c.idx}`,
    [`${D}Ethernet.Link.{i}.LowerLayers`]: (c) =>
      c.idx === 1 ? c.row(`${D}Bridging.Bridge.1.Port.1`) : c.idx === 2 ? c.row(`${D}Ethernet.Interface.5`) : c.idx === 3 ? c.row(`${D}DSL.Channel.1`) : '',
    [`${D}Ethernet.Link.{i}.Name`]: (c) => ['br-lan', 'eth4', 'dsl0'][c.idx - 1] ?? `link${c.idx - 1}`,
    [`${D}Ethernet.Interface.{i}.Name`]: (c) => `eth${c.idx - 1}`,
    [`${D}Ethernet.Interface.{i}.Upstream`]: (c) => String(c.idx === 5),
    [`${D}DSL.Channel.{i}.LowerLayers`]: (c) => c.row(`${D}DSL.Line.1`),
    // The management port (1) stacks on the bridge's other ports (TR-181 Bridging theory of operation).
    [`${D}Bridging.Bridge.{i}.Port.{i}.LowerLayers`]: (c) => (c.idx === 1
      ? Array.from({ length: 15 }, (_, j) => c.row(`${D}Bridging.Bridge.${c.inst[0]}.Port.${j + 2}`)).filter(Boolean).join(',')
      : c.idx <= 5 ? c.row(`${D}Ethernet.Interface.${c.idx - 1}`) : c.row(`${D}WiFi.SSID.${c.idx - 5}`)),
    [`${D}Bridging.Bridge.{i}.Port.{i}.ManagementPort`]: (c) => String(c.idx === 1),
    [`${D}Bridging.Bridge.{i}.Port.{i}.Name`]: (c) => (c.idx === 1 ? 'br-lan' : `br-lan-p${c.idx - 1}`),
    // Wi-Fi: radio 1 2.4 GHz, radio 2 5 GHz; SSIDs alternate between them.
    [`${D}WiFi.Radio.{i}.Name`]: (c) => `wifi${c.idx - 1}`,
    [`${D}WiFi.Radio.{i}.Channel`]: (c) => pick(['6', '36', '1'], c.idx),
    [`${D}WiFi.Radio.{i}.OperatingStandards`]: (c) => pick(['g,n,ax', 'a,n,ac,ax', 'ax'], c.idx),
    [`${D}WiFi.Radio.{i}.SupportedStandards`]: (c) => pick(['b,g,n,ax', 'a,n,ac,ax', 'ax'], c.idx),
    [`${D}WiFi.Radio.{i}.OperatingChannelBandwidth`]: (c) => pick(['20MHz', '80MHz', '160MHz'], c.idx),
    [`${D}WiFi.Radio.{i}.PossibleChannels`]: (c) => pick(['1-13', '36-64,100-140', '1-233'], c.idx),
    [`${D}WiFi.Radio.{i}.RegulatoryDomain`]: () => 'DEI',
    [`${D}WiFi.Radio.{i}.SupportedFrequencyBands`]: (c) => pick(['2.4GHz', '5GHz', '6GHz'], c.idx),
    [`${D}WiFi.Radio.{i}.SupportedOperatingChannelBandwidths`]: (c) =>
      pick(['20MHz,40MHz', '20MHz,40MHz,80MHz,160MHz', '20MHz,40MHz,80MHz,160MHz,320MHz'], c.idx),
    [`${D}WiFi.Radio.{i}.CurrentOperatingChannelBandwidth`]: (c) => pick(['20MHz', '80MHz', '160MHz'], c.idx),
    [`${D}WiFi.Radio.{i}.ChannelsInUse`]: (c) => pick(['6', '36,40,44,48', '1'], c.idx),
    [`${D}WiFi.Radio.{i}.MaxBitRate`]: (c) => pick(['574', '4804', '5765'], c.idx),
    [`${D}WiFi.Radio.{i}.MaxSupportedSSIDs`]: () => '8',
    [`${D}WiFi.Radio.{i}.MaxSupportedAssociations`]: () => '64',
    [`${D}WiFi.Radio.{i}.TransmitPowerSupported`]: () => '25,50,75,100',
    [`${D}WiFi.Radio.{i}.TransmitPower`]: () => '100',
    [`${D}WiFi.Radio.{i}.BeaconPeriod`]: () => '100',
    [`${D}WiFi.Radio.{i}.DTIMPeriod`]: () => '2',
    [`${D}WiFi.Radio.{i}.FragmentationThreshold`]: () => '2346',
    [`${D}WiFi.Radio.{i}.RTSThreshold`]: () => '2347',
    [`${D}WiFi.Radio.{i}.FirmwareVersion`]: (c) => c.id.softwareVersion,
    [`${D}WiFi.Radio.{i}.BasicDataTransmitRates`]: (c) => pick(['1,2,5.5,11', '6,12,24'], c.idx),
    [`${D}WiFi.Radio.{i}.SupportedDataTransmitRates`]: (c) => pick(['1,2,5.5,6,9,11,12,18,24,36,48,54', '6,9,12,18,24,36,48,54'], c.idx),
    [`${D}WiFi.Radio.{i}.OperationalDataTransmitRates`]: (c) => pick(['1,2,5.5,6,9,11,12,18,24,36,48,54', '6,9,12,18,24,36,48,54'], c.idx),
    [`${D}WiFi.AccessPoint.{i}.SSIDAdvertisementEnabled`]: () => 'true',
    [`${D}WiFi.AccessPoint.{i}.IsolationEnable`]: (c) => String(c.idx > 2),
    [`${D}WiFi.AccessPoint.{i}.MACAddressControlEnabled`]: () => 'false',
    [`${D}WiFi.AccessPoint.{i}.AllowedMACAddress`]: () => '',
    [`${D}WiFi.AccessPoint.{i}.MaxAllowedAssociations`]: () => '32',
    [`${D}WiFi.SSID.{i}.SSID`]: (c) => pick(SSIDS, c.idx) + (c.idx <= 4 ? '' : `-${c.idx}`),
    [`${D}WiFi.SSID.{i}.Name`]: (c) => `wl${c.idx - 1}`,
    [`${D}WiFi.SSID.{i}.LowerLayers`]: (c) => c.row(`${D}WiFi.Radio.${2 - (c.idx % 2)}`),
    [`${D}WiFi.AccessPoint.{i}.Security.ModeEnabled`]: () => 'WPA2-Personal',
    [`${D}Hosts.Host.{i}.HostName`]: (c) => `host-${String(c.idx).padStart(2, '0')}`,
    [`${D}Hosts.Host.{i}.IPAddress`]: (c) => lanHost(c.idx),
    [`${D}Hosts.Host.{i}.AddressSource`]: () => 'DHCP',
    [`${D}Hosts.Host.{i}.Active`]: () => 'true',
    [`${D}Hosts.Host.{i}.PhysAddress`]: (c) => c.mac(),
    [`${D}Hosts.Host.{i}.InterfaceType`]: (c) => pick(['Ethernet', 'Wi-Fi'], c.idx),
    [`${D}NAT.PortMapping.{i}.LeaseDuration`]: () => '0',
    [`${D}NAT.PortMapping.{i}.RemainingLeaseTime`]: () => '0',
    [`${D}NAT.PortMapping.{i}.RemoteHost`]: () => '',
    [`${D}NAT.PortMapping.{i}.Interface`]: (c) => c.row(ipIf(1)),
    [`${D}NAT.PortMapping.{i}.ExternalPort`]: (c) => String(8000 + c.idx),
    [`${D}NAT.PortMapping.{i}.InternalPort`]: (c) => String(8000 + c.idx),
    [`${D}NAT.PortMapping.{i}.InternalClient`]: (c) => lanHost(c.idx),
    [`${D}NAT.PortMapping.{i}.Protocol`]: (c) => pick(['TCP', 'UDP'], c.idx),
    [`${D}NAT.PortMapping.{i}.Description`]: (c) => `port-map-${c.idx}`,
    [`${D}NAT.InterfaceSetting.{i}.Interface`]: (c) => c.row(ipIf(1)),
    [`${D}DHCPv4.Client.{i}.Interface`]: (c) => c.row(ipIf(1)),
    [`${D}DHCPv4.Client.{i}.IPAddress`]: () => WAN_IP,
    [`${D}DHCPv4.Client.{i}.SubnetMask`]: () => '255.255.255.0',
    [`${D}DHCPv4.Client.{i}.IPRouters`]: () => WAN_GW,
    [`${D}DHCPv4.Client.{i}.DNSServers`]: () => DNS,
    [`${D}DHCPv4.Client.{i}.DHCPServer`]: () => WAN_GW,
    [`${D}DHCPv4.Server.Pool.{i}.Interface`]: (c) => c.row(ipIf(2)),
    [`${D}DHCPv4.Server.Pool.{i}.MinAddress`]: () => '192.168.1.100',
    [`${D}DHCPv4.Server.Pool.{i}.MaxAddress`]: () => '192.168.1.249',
    [`${D}DHCPv4.Server.Pool.{i}.SubnetMask`]: () => '255.255.255.0',
    [`${D}DHCPv4.Server.Pool.{i}.DNSServers`]: () => '192.168.1.1',
    [`${D}DHCPv4.Server.Pool.{i}.IPRouters`]: () => '192.168.1.1',
    [`${D}DHCPv4.Server.Pool.{i}.DomainName`]: () => 'home.lan',
    [`${D}DHCPv4.Server.Pool.{i}.LeaseTime`]: () => '86400',
    [`${D}DHCPv4.Server.Pool.{i}.ReservedAddresses`]: () => '',
    // Pool selection criteria: none (the pool serves every client).
    [`${D}DHCPv4.Server.Pool.{i}.VendorClassID`]: () => '',
    [`${D}DHCPv4.Server.Pool.{i}.ClientID`]: () => '',
    [`${D}DHCPv4.Server.Pool.{i}.UserClassID`]: () => '',
    [`${D}DHCPv4.Server.Pool.{i}.Chaddr`]: () => '',
    [`${D}DHCPv4.Server.Pool.{i}.ChaddrMask`]: () => '',
    [`${D}DHCPv4.Server.Pool.{i}.StaticAddress.{i}.Yiaddr`]: (c) => `192.168.1.${20 + c.idx}`,
    [`${D}DHCPv4.Server.Pool.{i}.Client.{i}.IPv4Address.{i}.IPAddress`]: (c) => lanHost(c.inst[1] ?? c.idx),
    [`${D}DNS.Client.Server.{i}.DNSServer`]: (c) => `198.51.100.${52 + c.idx}`,
    [`${D}DNS.Relay.Forwarding.{i}.DNSServer`]: (c) => `198.51.100.${52 + c.idx}`,
    [`${D}Routing.Router.{i}.IPv4Forwarding.{i}.DestIPAddress`]: (c) => (c.idx === 1 ? '' : `10.${c.idx}.0.0`),
    [`${D}Routing.Router.{i}.IPv4Forwarding.{i}.DestSubnetMask`]: (c) => (c.idx === 1 ? '' : '255.255.0.0'),
    [`${D}Routing.Router.{i}.IPv4Forwarding.{i}.GatewayIPAddress`]: (c) => (c.idx === 1 ? WAN_GW : '192.168.1.254'),
    [`${D}Routing.Router.{i}.IPv4Forwarding.{i}.Interface`]: (c) => c.row(ipIf(c.idx === 1 ? 1 : 2)),
    [`${D}Users.User.{i}.Username`]: (c) => ['admin', 'support', 'user'][c.idx - 1] ?? `user${c.idx}`,
    // The virtual CPE runs (simulated) IP pings and trace routes over both families (diagnostics-*.ts).
    [`${D}IP.Diagnostics.IPv4PingSupported`]: () => 'true',
    [`${D}IP.Diagnostics.IPv6PingSupported`]: () => 'true',
    [`${D}IP.Diagnostics.IPv4TraceRouteSupported`]: () => 'true',
    [`${D}IP.Diagnostics.IPv6TraceRouteSupported`]: () => 'true',
    ...ipPingPresets(`${D}IP.Diagnostics.IPPing.`),
    ...traceRoutePresets(`${D}IP.Diagnostics.TraceRoute.`),
  };
}
