// Which address of this machine a CPE should fetch files from. The URL in a
// Download (A.3.2.8) is used by the CPE, not by us: a loopback or a
// wrong-subnet address is the classic "9015 unable to contact file server".
// So the host is chosen per device, from the address its sessions come from,
// and whatever looks unreachable is said before anything is pushed.
import { networkInterfaces } from 'node:os';

export interface Iface { address: string; netmask: string; family: string | number; internal: boolean }
export type Interfaces = Record<string, Iface[] | undefined>;

export interface HostChoice { host: string; warnings: string[] }

/** '::ffff:10.0.0.7' → '10.0.0.7'; zone ids dropped. */
export function normalizeAddress(a: string | undefined): string | undefined {
  if (!a) return undefined;
  const s = a.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '').replace(/%.*$/, '');
  return s || undefined;
}

export function isLoopback(a: string): boolean {
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(a) || a === '::1' || a === 'localhost';
}

const isWildcard = (h: string) => h === '' || h === '0.0.0.0' || h === '::';
const family = (f: string | number) => (f === 4 || f === 'IPv4' ? 4 : 6);

/** An address as bytes (4 for IPv4, 16 for IPv6), or null if it is not an IP address. */
export function ipBytes(addr: string): number[] | null {
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(addr)) {
    const b = addr.split('.').map(Number);
    return b.every((x) => x <= 255) ? b : null;
  }
  if (!addr.includes(':')) return null;
  let s = addr.replace(/%.*$/, '');
  // An embedded IPv4 tail (::ffff:10.0.0.1) becomes two hex groups.
  const v4 = /^(.*:)(\d{1,3}(?:\.\d{1,3}){3})$/.exec(s);
  if (v4) {
    const b = ipBytes(v4[2]!);
    if (!b) return null;
    s = `${v4[1]}${((b[0]! << 8) | b[1]!).toString(16)}:${((b[2]! << 8) | b[3]!).toString(16)}`;
  }
  const halves = s.split('::');
  if (halves.length > 2) return null;
  const part = (x: string) => (x === '' ? [] : x.split(':'));
  const head = part(halves[0]!);
  const rest = halves.length === 2 ? part(halves[1]!) : [];
  const fill = halves.length === 2 ? 8 - head.length - rest.length : 0;
  if (fill < 0) return null;
  const groups = [...head, ...Array<string>(fill).fill('0'), ...rest];
  if (groups.length !== 8 || groups.some((g) => !/^[0-9a-f]{1,4}$/i.test(g))) return null;
  return groups.flatMap((g) => [parseInt(g, 16) >> 8, parseInt(g, 16) & 255]);
}

/** Both addresses lie in the network `address/netmask`. */
export function sameSubnet(address: string, netmask: string, other: string): boolean {
  const a = ipBytes(address);
  const m = ipBytes(netmask);
  const o = ipBytes(other);
  if (!a || !m || !o || a.length !== o.length || m.length !== a.length) return false;
  return a.every((x, i) => (x & m[i]!) === (o[i]! & m[i]!));
}

export function hostForUrl(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

/**
 * The host to put in a URL for a device whose sessions come from
 * `remoteAddress`, given where the file server listens (`bindHost`).
 */
export function chooseFileHost(opts: { bindHost: string; port: number; remoteAddress?: string; interfaces?: Interfaces }): HostChoice {
  const ifaces = Object.values(opts.interfaces ?? networkInterfaces()).flatMap((l) => l ?? []);
  const remote = normalizeAddress(opts.remoteAddress);
  const warnings: string[] = [];
  const url = (h: string) => `http://${hostForUrl(h)}:${opts.port}`;
  const unreachable = (h: string) => `the CPE may not reach ${url(h)} — check routing/NAT`;
  const remoteLoop = remote !== undefined && isLoopback(remote);

  if (!isWildcard(opts.bindHost)) {
    const host = opts.bindHost;
    if (remote && !remoteLoop) {
      if (isLoopback(host)) {
        warnings.push(`the file server listens on ${host} only, which the device at ${remote} cannot reach; listen on 0.0.0.0 or a LAN address`);
      } else {
        const own = ifaces.find((i) => i.address === host);
        if (own && !sameSubnet(own.address, own.netmask, remote)) {
          warnings.push(`${host} is not on the subnet of the device (${remote}): ${unreachable(host)}`);
        }
      }
    }
    return { host, warnings };
  }

  if (remoteLoop) return { host: remote!.includes(':') ? '::1' : '127.0.0.1', warnings };
  const external = ifaces.filter((i) => !i.internal);
  if (remote) {
    const fam = ipBytes(remote)?.length === 16 ? 6 : 4;
    const local = external.find((i) => family(i.family) === fam && sameSubnet(i.address, i.netmask, remote));
    if (local) return { host: local.address, warnings };
  }
  const firstV4 = external.find((i) => family(i.family) === 4);
  if (!firstV4) {
    warnings.push(`this machine has no network address besides loopback: ${unreachable('127.0.0.1')}`);
    return { host: '127.0.0.1', warnings };
  }
  warnings.push(remote
    ? `no address of this machine is on the subnet of the device (${remote}): ${unreachable(firstV4.address)}`
    : `the device's address is not known yet: ${unreachable(firstV4.address)}`);
  return { host: firstV4.address, warnings };
}
