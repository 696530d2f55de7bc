import { describe, expect, it } from 'vitest';
import { chooseFileHost, ipBytes, normalizeAddress, sameSubnet, type Interfaces } from '../../electron/core/files/reachability';

const IFACES: Interfaces = {
  lo: [{ address: '127.0.0.1', netmask: '255.0.0.0', family: 'IPv4', internal: true }],
  eth0: [
    { address: '192.168.1.20', netmask: '255.255.255.0', family: 'IPv4', internal: false },
    { address: 'fd00:1::20', netmask: 'ffff:ffff:ffff:ffff::', family: 'IPv6', internal: false },
  ],
  eth1: [{ address: '10.0.0.5', netmask: '255.255.0.0', family: 'IPv4', internal: false }],
};

describe('addresses', () => {
  it('parses IPv4 and IPv6 (with :: and an IPv4 tail)', () => {
    expect(ipBytes('10.1.2.3')).toEqual([10, 1, 2, 3]);
    expect(ipBytes('256.1.1.1')).toBeNull();
    expect(ipBytes('::1')).toEqual([...Array(15).fill(0), 1]);
    expect(ipBytes('fd00:1::20')).toEqual([0xfd, 0, 0, 1, ...Array(10).fill(0), 0, 0x20]);
    expect(ipBytes('::ffff:10.0.0.1')).toEqual([...Array(10).fill(0), 255, 255, 10, 0, 0, 1]);
    expect(ipBytes('1:2:3')).toBeNull();
    expect(ipBytes('example.com')).toBeNull();
    expect(normalizeAddress('::ffff:192.168.1.7')).toBe('192.168.1.7');
  });
  it('matches subnets by netmask', () => {
    expect(sameSubnet('192.168.1.20', '255.255.255.0', '192.168.1.99')).toBe(true);
    expect(sameSubnet('192.168.1.20', '255.255.255.0', '192.168.2.99')).toBe(false);
    expect(sameSubnet('fd00:1::20', 'ffff:ffff:ffff:ffff::', 'fd00:1::abcd')).toBe(true);
    expect(sameSubnet('192.168.1.20', '255.255.255.0', 'fd00:1::abcd')).toBe(false);
  });
});

describe('chooseFileHost', () => {
  const base = { bindHost: '0.0.0.0', port: 7548, interfaces: IFACES };
  it('a loopback device gets 127.0.0.1, quietly', () => {
    expect(chooseFileHost({ ...base, remoteAddress: '::ffff:127.0.0.1' })).toEqual({ host: '127.0.0.1', warnings: [] });
  });
  it('a LAN device gets the address on its subnet', () => {
    expect(chooseFileHost({ ...base, remoteAddress: '10.0.77.1' })).toEqual({ host: '10.0.0.5', warnings: [] });
    expect(chooseFileHost({ ...base, remoteAddress: '192.168.1.50' })).toEqual({ host: '192.168.1.20', warnings: [] });
    expect(chooseFileHost({ ...base, remoteAddress: 'fd00:1::99' })).toEqual({ host: 'fd00:1::20', warnings: [] });
  });
  it('a device on no local subnet: first external IPv4, with a warning to check routing/NAT', () => {
    const c = chooseFileHost({ ...base, remoteAddress: '203.0.113.9' });
    expect(c.host).toBe('192.168.1.20');
    expect(c.warnings).toEqual(['no address of this machine is on the subnet of the device (203.0.113.9): the CPE may not reach http://192.168.1.20:7548 — check routing/NAT']);
  });
  it('a machine with loopback only warns', () => {
    const c = chooseFileHost({ ...base, interfaces: { lo: IFACES.lo }, remoteAddress: '10.0.0.9' });
    expect(c.host).toBe('127.0.0.1');
    expect(c.warnings[0]).toMatch(/the CPE may not reach http:\/\/127\.0\.0\.1:7548/);
  });
  it('a server bound to loopback cannot be reached by a LAN device', () => {
    const c = chooseFileHost({ ...base, bindHost: '127.0.0.1', remoteAddress: '192.168.1.50' });
    expect(c.host).toBe('127.0.0.1');
    expect(c.warnings[0]).toMatch(/listens on 127\.0\.0\.1 only.*192\.168\.1\.50/);
  });
  it('a server bound to one address warns for a device on another subnet', () => {
    expect(chooseFileHost({ ...base, bindHost: '10.0.0.5', remoteAddress: '10.0.200.1' }).warnings).toEqual([]);
    const c = chooseFileHost({ ...base, bindHost: '10.0.0.5', remoteAddress: '192.168.1.50' });
    expect(c).toEqual({ host: '10.0.0.5', warnings: ['10.0.0.5 is not on the subnet of the device (192.168.1.50): the CPE may not reach http://10.0.0.5:7548 — check routing/NAT'] });
  });
});
