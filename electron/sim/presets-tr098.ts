// TR-098 (InternetGatewayDevice:1) presets: a DSL gateway with one LANDevice
// (four WLANConfigurations) and one WANDevice whose WANConnectionDevice
// carries an IPoE (WANIPConnection) and a PPPoE (WANPPPConnection) service.
// Same conventions as presets.ts (RFC 5737 documentation addresses on the WAN).
import { ipPingPresets } from './diagnostics-ping';
import { traceRoutePresets } from './diagnostics-traceroute';
import { commonPresets, DNS, lanHost, pick, type Preset, type PresetCtx, SSIDS, WAN_GW, WAN_IP } from './presets';

export function tr098Presets(): Record<string, Preset> {
  const I = 'InternetGatewayDevice.';
  const LD = `${I}LANDevice.{i}.`;
  const LH = `${LD}LANHostConfigManagement.`;
  const WD = `${I}WANDevice.{i}.`;
  const WCD = `${WD}WANConnectionDevice.{i}.`;
  const wcd1 = `${I}WANDevice.1.WANConnectionDevice.1.`;
  const wan: Record<string, Preset> = {};
  // WANIPConnection and WANPPPConnection share most parameter names.
  for (const [conn, ip] of [['WANIPConnection', WAN_IP], ['WANPPPConnection', '198.51.100.20']] as const) {
    const C = `${WCD}${conn}.{i}.`;
    Object.assign(wan, {
      [`${C}ConnectionStatus`]: () => 'Connected',
      [`${C}ConnectionType`]: () => 'IP_Routed',
      [`${C}PossibleConnectionTypes`]: () => (conn === 'WANIPConnection' ? 'IP_Routed,IP_Bridged' : 'IP_Routed,PPPoE_Bridged'),
      [`${C}Name`]: (c: PresetCtx) => `${conn === 'WANIPConnection' ? 'Internet-IPoE' : 'Internet-PPPoE'}${c.idx > 1 ? `-${c.idx}` : ''}`,
      [`${C}ExternalIPAddress`]: () => ip,
      [`${C}LastConnectionError`]: () => 'ERROR_NONE',
      [`${C}ConnectionTrigger`]: () => 'AlwaysOn',
      [`${C}NATEnabled`]: () => 'true',
      [`${C}RSIPAvailable`]: () => 'false',
      [`${C}DNSEnabled`]: () => 'true',
      [`${C}DNSServers`]: () => DNS,
      [`${C}Uptime`]: (c: PresetCtx) => String(c.rnd.int(3600, 5 * 86400)),
      [`${C}PortMapping.{i}.PortMappingEnabled`]: () => 'true',
      [`${C}PortMapping.{i}.PortMappingLeaseDuration`]: () => '0',
      [`${C}PortMapping.{i}.RemoteHost`]: () => '',
      [`${C}PortMapping.{i}.ExternalPort`]: (c: PresetCtx) => String(8000 + c.idx),
      [`${C}PortMapping.{i}.ExternalPortEndRange`]: () => '0',
      [`${C}PortMapping.{i}.InternalPort`]: (c: PresetCtx) => String(8000 + c.idx),
      [`${C}PortMapping.{i}.PortMappingProtocol`]: (c: PresetCtx) => pick(['TCP', 'UDP'], c.idx),
      [`${C}PortMapping.{i}.InternalClient`]: (c: PresetCtx) => lanHost(c.idx),
      [`${C}PortMapping.{i}.PortMappingDescription`]: (c: PresetCtx) => `port-map-${c.idx}`,
    });
  }
  return {
    ...commonPresets(I),
    ...wan,
    [`${I}DeviceSummary`]: (c) => `${c.spec}[](Baseline:2, EthernetLAN:1, WiFiLAN:2, ADSLWAN:1, Time:2, IPPing:1, TraceRoute:1)`,
    [`${I}DeviceInfo.ModemFirmwareVersion`]: () => 'A2pv6F039v.d26q',
    [`${I}Layer3Forwarding.DefaultConnectionService`]: (c) => c.row(`${wcd1}WANIPConnection.1`),
    [`${I}Layer3Forwarding.Forwarding.{i}.DestIPAddress`]: (c) => (c.idx === 1 ? '0.0.0.0' : `10.${c.idx}.0.0`),
    [`${I}Layer3Forwarding.Forwarding.{i}.DestSubnetMask`]: (c) => (c.idx === 1 ? '0.0.0.0' : '255.255.0.0'),
    [`${I}Layer3Forwarding.Forwarding.{i}.SourceIPAddress`]: () => '',
    [`${I}Layer3Forwarding.Forwarding.{i}.SourceSubnetMask`]: () => '',
    [`${I}Layer3Forwarding.Forwarding.{i}.GatewayIPAddress`]: (c) => (c.idx === 1 ? WAN_GW : '192.168.1.254'),
    [`${I}Layer3Forwarding.Forwarding.{i}.Interface`]: (c) =>
      c.row(c.idx === 1 ? `${wcd1}WANIPConnection.1` : `${I}LANDevice.1.LANHostConfigManagement.IPInterface.1`),
    [`${LH}DHCPServerEnable`]: () => 'true',
    [`${LH}DHCPRelay`]: () => 'false',
    [`${LH}MinAddress`]: () => '192.168.1.100',
    [`${LH}MaxAddress`]: () => '192.168.1.249',
    [`${LH}ReservedAddresses`]: () => '',
    [`${LH}AllowedMACAddresses`]: () => '',
    [`${LH}SubnetMask`]: () => '255.255.255.0',
    [`${LH}DNSServers`]: () => '192.168.1.1',
    [`${LH}DomainName`]: () => 'home.lan',
    [`${LH}IPRouters`]: () => '192.168.1.1',
    [`${LH}DHCPLeaseTime`]: () => '86400',
    [`${LH}IPInterface.{i}.IPInterfaceIPAddress`]: (c) => `192.168.${c.idx}.1`,
    [`${LH}IPInterface.{i}.IPInterfaceSubnetMask`]: () => '255.255.255.0',
    [`${LH}IPInterface.{i}.IPInterfaceAddressingType`]: () => 'Static',
    [`${LH}DHCPStaticAddress.{i}.Yiaddr`]: (c) => `192.168.1.${20 + c.idx}`,
    [`${LD}LANEthernetInterfaceConfig.{i}.Name`]: (c) => `eth${c.idx - 1}`,
    [`${LD}LANEthernetInterfaceConfig.{i}.MaxBitRate`]: () => 'Auto',
    [`${LD}LANEthernetInterfaceConfig.{i}.DuplexMode`]: () => 'Auto',
    [`${LD}WLANConfiguration.{i}.SSID`]: (c) => pick(SSIDS, c.idx) + (c.idx <= 4 ? '' : `-${c.idx}`),
    [`${LD}WLANConfiguration.{i}.Name`]: (c) => `wl${c.idx - 1}`,
    [`${LD}WLANConfiguration.{i}.Channel`]: (c) => pick(['6', '36'], c.idx),
    [`${LD}WLANConfiguration.{i}.Standard`]: (c) => pick(['n', 'a'], c.idx),
    [`${LD}WLANConfiguration.{i}.PossibleChannels`]: (c) => pick(['1-13', '36-64,100-140'], c.idx),
    [`${LD}WLANConfiguration.{i}.RegulatoryDomain`]: () => 'DEI',
    [`${LD}WLANConfiguration.{i}.MaxBitRate`]: () => 'Auto',
    [`${LD}WLANConfiguration.{i}.BeaconType`]: () => '11i',
    [`${LD}WLANConfiguration.{i}.BasicEncryptionModes`]: () => 'None',
    [`${LD}WLANConfiguration.{i}.BasicAuthenticationMode`]: () => 'None',
    [`${LD}WLANConfiguration.{i}.WPAEncryptionModes`]: () => 'AESEncryption',
    [`${LD}WLANConfiguration.{i}.IEEE11iEncryptionModes`]: () => 'AESEncryption',
    [`${LD}WLANConfiguration.{i}.IEEE11iAuthenticationMode`]: () => 'PSKAuthentication',
    [`${LD}WLANConfiguration.{i}.DeviceOperationMode`]: () => 'InfrastructureAccessPoint',
    [`${LD}WLANConfiguration.{i}.RadioEnabled`]: () => 'true',
    [`${LD}WLANConfiguration.{i}.SSIDAdvertisementEnabled`]: () => 'true',
    [`${LD}WLANConfiguration.{i}.BSSID`]: (c) => c.mac(),
    [`${LD}WLANConfiguration.{i}.PeerBSSID`]: () => '',
    [`${LD}WLANConfiguration.{i}.ChannelsInUse`]: (c) => pick(['6', '36'], c.idx),
    [`${LD}WLANConfiguration.{i}.TransmitPowerSupported`]: () => '25,50,75,100',
    [`${LD}WLANConfiguration.{i}.TransmitPower`]: () => '100',
    [`${LD}WLANConfiguration.{i}.BasicDataTransmitRates`]: (c) => pick(['1,2,5.5,11', '6,12,24'], c.idx),
    [`${LD}WLANConfiguration.{i}.OperationalDataTransmitRates`]: (c) => pick(['1,2,5.5,6,9,11,12,18,24,36,48,54', '6,9,12,18,24,36,48,54'], c.idx),
    [`${LD}WLANConfiguration.{i}.PossibleDataTransmitRates`]: (c) => pick(['1,2,5.5,6,9,11,12,18,24,36,48,54', '6,9,12,18,24,36,48,54'], c.idx),
    [`${LD}WLANConfiguration.{i}.LocationDescription`]: () => '',
    [`${LD}WLANConfiguration.{i}.AssociatedDevice.{i}.AssociatedDeviceIPAddress`]: (c) => lanHost(40 + (c.inst[1] ?? 1) * 8 + c.idx),
    [`${LD}WLANConfiguration.{i}.AssociatedDevice.{i}.AssociatedDeviceAuthenticationState`]: () => 'true',
    [`${LD}Hosts.Host.{i}.IPAddress`]: (c) => lanHost(c.idx),
    [`${LD}Hosts.Host.{i}.HostName`]: (c) => `host-${String(c.idx).padStart(2, '0')}`,
    [`${LD}Hosts.Host.{i}.AddressSource`]: () => 'DHCP',
    [`${LD}Hosts.Host.{i}.LeaseTimeRemaining`]: (c) => String(c.rnd.int(600, 86400)),
    [`${LD}Hosts.Host.{i}.InterfaceType`]: (c) => pick(['Ethernet', '802.11'], c.idx),
    [`${LD}Hosts.Host.{i}.Layer2Interface`]: (c) => c.row(c.idx % 2 === 1
      ? `${I}LANDevice.${c.inst[0]}.LANEthernetInterfaceConfig.${1 + ((c.idx - 1) / 2) % 4}`
      : `${I}LANDevice.${c.inst[0]}.WLANConfiguration.${1 + ((c.idx / 2 - 1) % 4)}`),
    [`${LD}Hosts.Host.{i}.Active`]: () => 'true',
    [`${WD}WANCommonInterfaceConfig.EnabledForInternet`]: () => 'true',
    [`${WD}WANCommonInterfaceConfig.WANAccessType`]: () => 'DSL',
    [`${WD}WANCommonInterfaceConfig.Layer1UpstreamMaxBitRate`]: () => '40000000',
    [`${WD}WANCommonInterfaceConfig.Layer1DownstreamMaxBitRate`]: () => '100000000',
    [`${WD}WANCommonInterfaceConfig.PhysicalLinkStatus`]: () => 'Up',
    [`${WD}WANCommonInterfaceConfig.WANAccessProvider`]: () => 'ExampleISP',
    [`${WD}WANCommonInterfaceConfig.MaximumActiveConnections`]: () => '8',
    [`${WD}WANCommonInterfaceConfig.Connection.{i}.ActiveConnectionDeviceContainer`]: (c) =>
      c.row(`${I}WANDevice.${c.inst[0]}.WANConnectionDevice.1`),
    [`${WD}WANCommonInterfaceConfig.Connection.{i}.ActiveConnectionServiceID`]: (c) =>
      c.row(`${I}WANDevice.${c.inst[0]}.WANConnectionDevice.1.${c.idx % 2 === 1 ? 'WANIPConnection' : 'WANPPPConnection'}.${Math.ceil(c.idx / 2)}`),
    [`${WD}WANDSLInterfaceConfig.Status`]: () => 'Up',
    [`${WD}WANDSLInterfaceConfig.ModulationType`]: () => 'VDSL',
    [`${WD}WANDSLInterfaceConfig.UpstreamCurrRate`]: () => '40000',
    [`${WD}WANDSLInterfaceConfig.DownstreamCurrRate`]: () => '100000',
    [`${WCD}WANDSLLinkConfig.LinkStatus`]: () => 'Up',
    [`${WCD}WANDSLLinkConfig.LinkType`]: () => 'EoA',
    [`${WCD}WANDSLLinkConfig.ModulationType`]: () => 'VDSL',
    [`${WCD}WANDSLLinkConfig.DestinationAddress`]: () => 'PVC: 8/35',
    [`${WCD}WANDSLLinkConfig.ATMEncapsulation`]: () => 'LLC',
    [`${WCD}WANDSLLinkConfig.ATMAAL`]: () => 'AAL5',
    [`${WCD}WANDSLLinkConfig.ATMQoS`]: () => 'UBR',
    [`${WCD}WANIPConnection.{i}.AddressingType`]: () => 'DHCP',
    [`${WCD}WANIPConnection.{i}.SubnetMask`]: () => '255.255.255.0',
    [`${WCD}WANIPConnection.{i}.DefaultGateway`]: () => WAN_GW,
    [`${WCD}WANIPConnection.{i}.MaxMTUSize`]: () => '1500',
    [`${WCD}WANPPPConnection.{i}.Username`]: () => 'user@isp.example',
    [`${WCD}WANPPPConnection.{i}.RemoteIPAddress`]: () => '198.51.100.1',
    [`${WCD}WANPPPConnection.{i}.DefaultGateway`]: () => '198.51.100.1',
    [`${WCD}WANPPPConnection.{i}.TransportType`]: () => 'PPPoE',
    [`${WCD}WANPPPConnection.{i}.PPPoEServiceName`]: () => 'internet',
    [`${WCD}WANPPPConnection.{i}.PPPoEACName`]: () => 'BRAS-01',
    [`${WCD}WANPPPConnection.{i}.PPPAuthenticationProtocol`]: () => 'CHAP',
    [`${WCD}WANPPPConnection.{i}.PPPEncryptionProtocol`]: () => 'None',
    [`${WCD}WANPPPConnection.{i}.PPPCompressionProtocol`]: () => 'None',
    [`${WCD}WANPPPConnection.{i}.MaxMRUSize`]: () => '1492',
    [`${WCD}WANPPPConnection.{i}.CurrentMRUSize`]: () => '1492',
    [`${I}Layer2Bridging.Bridge.{i}.BridgeName`]: (c) => (c.idx === 1 ? 'br-lan' : `br${c.idx - 1}`),
    [`${I}Layer2Bridging.AvailableInterface.{i}.AvailableInterfaceKey`]: (c) => String(c.idx),
    [`${I}Layer2Bridging.AvailableInterface.{i}.InterfaceType`]: (c) => (c.idx <= 5 ? 'LANInterface' : 'WANInterface'),
    [`${I}Layer2Bridging.AvailableInterface.{i}.InterfaceReference`]: (c) => c.row(c.idx <= 4
      ? `${I}LANDevice.1.LANEthernetInterfaceConfig.${c.idx}`
      : c.idx === 5 ? `${I}LANDevice.1.WLANConfiguration.1` : `${I}WANDevice.1.WANConnectionDevice.1`),
    [`${I}Layer2Bridging.Bridge.{i}.Port.{i}.PortInterface`]: (c) => String(c.idx),
    [`${I}User.{i}.Username`]: (c) => ['admin', 'support'][c.idx - 1] ?? `user${c.idx}`,
    ...ipPingPresets(`${I}IPPingDiagnostics.`),
    ...traceRoutePresets(`${I}TraceRouteDiagnostics.`),
  };
}
