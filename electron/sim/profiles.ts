// What a simulated device implements and how many instances its tables hold.
// The TR-181 gateway profile follows what a typical xDSL/Ethernet Wi-Fi home
// gateway exposes (the same choices as the reference generator of the BBF
// kit); the TR-098 one is the InternetGatewayDevice:1 equivalent (TR-098
// Amendment 8 objects a typical IGD carries: one LANDevice with four WLANs,
// one DSL WANDevice with an IP and a PPP connection).

export interface SimProfile {
  /** Top-level objects (first segment below the root) implemented; undefined: all. */
  subtrees?: ReadonlySet<string>;
  /** Generic path prefixes inside those subtrees that are not implemented. */
  exclude: readonly string[];
  /** Typical instance count per table (generic path); tables not listed: 1. */
  typical: Readonly<Record<string, number>>;
}

const TR181_SUBTREES = new Set([
  'DeviceInfo', 'ManagementServer', 'Time', 'UserInterface', 'InterfaceStack', 'DSL', 'Ethernet', 'WiFi', 'Bridging',
  'PPP', 'IP', 'Routing', 'NeighborDiscovery', 'RouterAdvertisement', 'QoS', 'Hosts', 'DNS', 'NAT', 'DHCPv4', 'DHCPv6',
  'Users', 'UPnP', 'Firewall', 'Security', 'DynamicDNS', 'LANConfigSecurity',
]);

const TR181_EXCLUDE = ['Device.WiFi.DataElements.', 'Device.WiFi.MultiAP.', 'Device.Routing.Babel.', 'Device.Routing.RIP.'];

const TR181_TYPICAL: Record<string, number> = {
  'Device.DeviceInfo.VendorConfigFile.{i}.': 1,
  'Device.DeviceInfo.ProcessStatus.CPU.{i}.': 2,
  'Device.DeviceInfo.ProcessStatus.Process.{i}.': 40,
  'Device.DeviceInfo.PowerStatus.PowerSensor.{i}.': 0,
  'Device.DeviceInfo.TemperatureStatus.TemperatureSensor.{i}.': 2,
  'Device.DeviceInfo.Processor.{i}.': 2,
  'Device.DeviceInfo.LogRotate.{i}.': 0,
  'Device.DeviceInfo.VendorLogFile.{i}.': 1,
  'Device.DeviceInfo.Location.{i}.': 0,
  'Device.DeviceInfo.DeviceImageFile.{i}.': 0,
  'Device.DeviceInfo.FirmwareImage.{i}.': 2,
  'Device.DeviceInfo.KernelFaults.KernelFault.{i}.': 0,
  'Device.DeviceInfo.ProcessFaults.ProcessFault.{i}.': 0,
  'Device.ManagementServer.ManageableDevice.{i}.': 0,
  'Device.ManagementServer.DownloadAvailability.Announcement.Group.{i}.': 0,
  'Device.ManagementServer.EmbeddedDevice.{i}.': 0,
  'Device.ManagementServer.VirtualDevice.{i}.': 0,
  'Device.ManagementServer.InformParameter.{i}.': 2,
  'Device.Time.Server.{i}.': 0,
  'Device.UserInterface.HTTPAccess.{i}.': 2,
  'Device.UserInterface.HTTPAccess.{i}.Session.{i}.': 0,
  'Device.InterfaceStack.{i}.': 27,   // one row per stacking relation of the presets (presets.ts STACK)
  'Device.DSL.BondingGroup.{i}.': 0,
  'Device.Ethernet.Interface.{i}.': 5,
  'Device.Ethernet.Link.{i}.': 3,
  'Device.Ethernet.VLANTermination.{i}.': 2,
  'Device.Ethernet.LAG.{i}.': 0,
  'Device.Ethernet.RMONStats.{i}.': 0,
  'Device.WiFi.Radio.{i}.': 2,
  'Device.WiFi.NeighboringWiFiDiagnostic.Result.{i}.': 10,
  'Device.WiFi.SSID.{i}.': 4,
  'Device.WiFi.AccessPoint.{i}.': 4,
  'Device.WiFi.AccessPoint.{i}.AssociatedDevice.{i}.': 4,
  'Device.WiFi.EndPoint.{i}.': 0,
  'Device.Bridging.Bridge.{i}.Port.{i}.': 8,
  'Device.Bridging.Filter.{i}.': 0,
  'Device.Bridging.ProviderBridge.{i}.': 0,
  'Device.IP.Interface.{i}.': 3,
  'Device.IP.Interface.{i}.TWAMPReflector.{i}.': 0,
  'Device.IP.Interface.{i}.IPv6Address.{i}.': 2,
  'Device.IP.ActivePort.{i}.': 12,
  'Device.IP.Diagnostics.DownloadDiagnostics.PerConnectionResult.{i}.': 0,
  'Device.IP.Diagnostics.DownloadDiagnostics.IncrementalResult.{i}.': 0,
  'Device.IP.Diagnostics.TraceRoute.RouteHops.{i}.': 0,
  'Device.IP.Diagnostics.UploadDiagnostics.PerConnectionResult.{i}.': 0,
  'Device.IP.Diagnostics.UploadDiagnostics.IncrementalResult.{i}.': 0,
  'Device.IP.Diagnostics.UDPEchoDiagnostics.IndividualPacketResult.{i}.': 0,
  'Device.IP.Diagnostics.IPLayerCapacityMetrics.IPLayerCapacityAuthCode.{i}.': 0,
  'Device.IP.Diagnostics.IPLayerCapacityMetrics.IncrementalResult.{i}.': 0,
  'Device.Routing.Router.{i}.IPv4Forwarding.{i}.': 6,
  'Device.Routing.Router.{i}.IPv6Forwarding.{i}.': 4,
  'Device.NeighborDiscovery.InterfaceSetting.{i}.': 2,
  'Device.QoS.Classification.{i}.': 8,
  'Device.QoS.App.{i}.': 0,
  'Device.QoS.Flow.{i}.': 0,
  'Device.QoS.Policer.{i}.': 0,
  'Device.QoS.Queue.{i}.': 4,
  'Device.QoS.QueueStats.{i}.': 4,
  'Device.Hosts.Host.{i}.': 32,
  'Device.Hosts.Host.{i}.IPv6Address.{i}.': 2,
  'Device.Hosts.AccessControl.{i}.': 2,
  'Device.DNS.Zone.{i}.': 0,
  'Device.DNS.Client.Server.{i}.': 2,
  'Device.DNS.Relay.Forwarding.{i}.': 2,
  'Device.DNS.Diagnostics.NSLookupDiagnostics.Result.{i}.': 0,
  'Device.DNS.SD.Advertise.{i}.': 0,
  'Device.DNS.SD.Service.{i}.': 4,
  'Device.NAT.PortMapping.{i}.': 8,
  'Device.NAT.PortTrigger.{i}.': 0,
  'Device.DHCPv4.Client.{i}.ReqOption.{i}.': 3,
  'Device.DHCPv4.Server.Pool.{i}.StaticAddress.{i}.': 4,
  'Device.DHCPv4.Server.Pool.{i}.Option.{i}.': 3,
  'Device.DHCPv4.Server.Pool.{i}.Client.{i}.': 24,
  'Device.DHCPv4.Server.Pool.{i}.Client.{i}.Option.{i}.': 2,
  'Device.DHCPv4.Relay.Forwarding.{i}.': 0,
  'Device.DHCPv6.Client.{i}.ReceivedOption.{i}.': 3,
  'Device.DHCPv6.Server.Pool.{i}.Client.{i}.': 8,
  'Device.DHCPv6.Server.Pool.{i}.Client.{i}.IPv6Prefix.{i}.': 0,
  'Device.DHCPv6.Server.Pool.{i}.Option.{i}.': 2,
  'Device.Users.User.{i}.': 3,
  'Device.Users.Group.{i}.': 2,
  'Device.Users.Role.{i}.': 2,
  'Device.UPnP.Discovery.RootDevice.{i}.': 4,
  'Device.UPnP.Discovery.Device.{i}.': 6,
  'Device.UPnP.Discovery.Service.{i}.': 12,
  'Device.UPnP.Description.ServiceInstance.{i}.': 3,
  'Device.Firewall.Level.{i}.': 3,
  'Device.Firewall.Policy.{i}.': 0,
  'Device.Firewall.Chain.{i}.': 3,
  'Device.Firewall.Chain.{i}.Rule.{i}.': 10,
  'Device.Firewall.Pinhole.{i}.': 0,
  'Device.Firewall.DMZ.{i}.': 0,
  'Device.Firewall.Service.{i}.': 0,
  'Device.Firewall.InterfaceSetting.{i}.': 2,
  'Device.Firewall.Set.{i}.': 0,
  'Device.Firewall.Log.{i}.': 0,
  'Device.Security.Certificate.{i}.': 3,
  'Device.DynamicDNS.Server.{i}.': 2,
};

const IGD = 'InternetGatewayDevice.';
const TR098_SUBTREES = new Set([
  'Services', 'DeviceInfo', 'DeviceConfig', 'ManagementServer', 'Time', 'UserInterface', 'Layer3Forwarding',
  'LANConfigSecurity', 'IPPingDiagnostics', 'LANDevice', 'WANDevice', 'Layer2Bridging', 'QueueManagement',
  'Capabilities', 'DownloadDiagnostics', 'UploadDiagnostics', 'UDPEchoConfig', 'TraceRouteDiagnostics',
  'NSLookupDiagnostics', 'User', 'UPnP', 'Firewall', 'Security',
]);

// A DSL gateway: the WANDevice carries the DSL interface and an ATM (DSL)
// link; the Ethernet/PTM/POTS WAN variants are another device's.
const TR098_EXCLUDE = [
  `${IGD}DeviceInfo.ProxierInfo.`,
  `${IGD}UserInterface.LocalDisplay.`,
  `${IGD}WANDevice.{i}.WANEthernetInterfaceConfig.`,
  `${IGD}WANDevice.{i}.WANConnectionDevice.{i}.WANPTMLinkConfig.`,
  `${IGD}WANDevice.{i}.WANConnectionDevice.{i}.WANEthernetLinkConfig.`,
  `${IGD}WANDevice.{i}.WANConnectionDevice.{i}.WANPOTSLinkConfig.`,
];

const LD = `${IGD}LANDevice.{i}.`;
const WCD = `${IGD}WANDevice.{i}.WANConnectionDevice.{i}.`;
const TR098_TYPICAL: Record<string, number> = {
  [`${IGD}DeviceInfo.VendorConfigFile.{i}.`]: 1,
  [`${IGD}DeviceInfo.ProcessStatus.Process.{i}.`]: 20,
  [`${IGD}DeviceInfo.TemperatureStatus.TemperatureSensor.{i}.`]: 1,
  [`${IGD}DeviceInfo.SupportedDataModel.{i}.`]: 1,
  [`${IGD}DeviceInfo.Processor.{i}.`]: 1,
  [`${IGD}DeviceInfo.VendorLogFile.{i}.`]: 1,
  [`${IGD}DeviceInfo.Location.{i}.`]: 0,
  [`${IGD}ManagementServer.ManageableDevice.{i}.`]: 0,
  [`${IGD}ManagementServer.EmbeddedDevice.{i}.`]: 0,
  [`${IGD}ManagementServer.VirtualDevice.{i}.`]: 0,
  [`${IGD}ManagementServer.InformParameter.{i}.`]: 0,
  [`${IGD}Layer3Forwarding.Forwarding.{i}.`]: 3,
  [LD]: 1,
  [`${LD}LANHostConfigManagement.IPInterface.{i}.`]: 1,
  [`${LD}LANHostConfigManagement.DHCPStaticAddress.{i}.`]: 2,
  [`${LD}LANHostConfigManagement.DHCPOption.{i}.`]: 2,
  [`${LD}LANHostConfigManagement.DHCPConditionalServingPool.{i}.`]: 0,
  [`${LD}LANEthernetInterfaceConfig.{i}.`]: 4,
  [`${LD}LANUSBInterfaceConfig.{i}.`]: 0,
  [`${LD}WLANConfiguration.{i}.`]: 4,
  [`${LD}WLANConfiguration.{i}.AssociatedDevice.{i}.`]: 2,
  [`${LD}WLANConfiguration.{i}.WPS.Registrar.{i}.`]: 0,
  [`${LD}Hosts.Host.{i}.`]: 16,
  [`${IGD}WANDevice.{i}.`]: 1,
  [`${IGD}WANDevice.{i}.WANCommonInterfaceConfig.Connection.{i}.`]: 2,
  [WCD]: 1,
  [`${WCD}WANIPConnection.{i}.`]: 1,
  [`${WCD}WANIPConnection.{i}.DHCPClient.SentDHCPOption.{i}.`]: 0,
  [`${WCD}WANIPConnection.{i}.DHCPClient.ReqDHCPOption.{i}.`]: 2,
  [`${WCD}WANIPConnection.{i}.PortMapping.{i}.`]: 4,
  [`${WCD}WANPPPConnection.{i}.`]: 1,
  [`${WCD}WANPPPConnection.{i}.PortMapping.{i}.`]: 2,
  [`${IGD}Layer2Bridging.Bridge.{i}.`]: 1,
  [`${IGD}Layer2Bridging.Bridge.{i}.Port.{i}.`]: 5,
  [`${IGD}Layer2Bridging.Bridge.{i}.VLAN.{i}.`]: 0,
  [`${IGD}Layer2Bridging.Filter.{i}.`]: 0,
  [`${IGD}Layer2Bridging.Marking.{i}.`]: 0,
  [`${IGD}Layer2Bridging.AvailableInterface.{i}.`]: 6,
  [`${IGD}QueueManagement.Classification.{i}.`]: 4,
  [`${IGD}QueueManagement.App.{i}.`]: 0,
  [`${IGD}QueueManagement.Flow.{i}.`]: 0,
  [`${IGD}QueueManagement.Policer.{i}.`]: 0,
  [`${IGD}QueueManagement.Queue.{i}.`]: 4,
  [`${IGD}QueueManagement.QueueStats.{i}.`]: 0,
  [`${IGD}TraceRouteDiagnostics.RouteHops.{i}.`]: 0,
  [`${IGD}NSLookupDiagnostics.Result.{i}.`]: 0,
  [`${IGD}User.{i}.`]: 2,
  [`${IGD}UPnP.Discovery.RootDevice.{i}.`]: 2,
  [`${IGD}UPnP.Discovery.Device.{i}.`]: 3,
  [`${IGD}UPnP.Discovery.Service.{i}.`]: 6,
  [`${IGD}UPnP.Description.DeviceDescription.{i}.`]: 1,
  [`${IGD}UPnP.Description.DeviceInstance.{i}.`]: 1,
  [`${IGD}UPnP.Description.ServiceInstance.{i}.`]: 3,
  [`${IGD}Security.Certificate.{i}.`]: 2,
};

export function simProfile(kind: 'tr181' | 'tr098', profile: 'gateway' | 'full'): SimProfile {
  const typical = kind === 'tr181' ? TR181_TYPICAL : TR098_TYPICAL;
  if (profile === 'full') return { exclude: [], typical };
  return kind === 'tr181'
    ? { subtrees: TR181_SUBTREES, exclude: TR181_EXCLUDE, typical }
    : { subtrees: TR098_SUBTREES, exclude: TR098_EXCLUDE, typical };
}
