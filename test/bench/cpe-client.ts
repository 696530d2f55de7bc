// The minimal CPE client both P1 servers are driven by: pre-serialized
// messages, one keep-alive agent per CPE, cookie echo. Whatever it costs, it
// costs the baseline run the same.
import { Agent, request } from 'node:http';
import { serializeEnvelope } from '../../shared/cwmp';
import type { ParameterValueStruct } from '../../shared/cwmp/types';

export interface MiniCpe { agent: Agent; cookie?: string; inform: string; gpvr: (id: string) => string }

export function gpvParams(n = 30): ParameterValueStruct[] {
  return Array.from({ length: n }, (_, i) => ({ Name: `Device.Hosts.Host.${i + 1}.IPAddress`, Value: `192.168.1.${i + 10}`, Type: 'string' as const }));
}

export function makeCpe(serial: string, params: ParameterValueStruct[]): MiniCpe {
  const inform = serializeEnvelope({ version: '1-2', header: { ID: `i-${serial}` }, body: { name: 'Inform', args: {
    DeviceId: { Manufacturer: 'Bench', OUI: '00D09E', ProductClass: 'B', SerialNumber: serial },
    Event: [{ EventCode: '2 PERIODIC', CommandKey: '' }], MaxEnvelopes: 1, CurrentTime: '2026-11-25T00:00:00Z', RetryCount: 0,
    ParameterList: [
      { Name: 'Device.DeviceInfo.SoftwareVersion', Value: '1.0.0', Type: 'string' },
      { Name: 'Device.ManagementServer.ConnectionRequestURL', Value: 'http://127.0.0.1:1/cr', Type: 'string' },
    ] } } });
  const template = serializeEnvelope({ version: '1-2', header: { ID: '@@ID@@' }, body: { name: 'GetParameterValuesResponse', args: { ParameterList: params } } });
  return { agent: new Agent({ keepAlive: true, maxSockets: 1 }), inform, gpvr: (id) => template.replace('@@ID@@', id) };
}

function post(url: string, cpe: MiniCpe, body: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { 'Content-Type': 'text/xml; charset=utf-8', 'Content-Length': String(Buffer.byteLength(body)) };
    if (cpe.cookie) headers.Cookie = cpe.cookie;
    const req = request(url, { method: 'POST', agent: cpe.agent, headers }, (res) => {
      const set = res.headers['set-cookie'];
      if (set) cpe.cookie = set[0].split(';')[0];
      const chunks: Buffer[] = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Inform → InformResponse, empty POST → GetParameterValues, response → 204. */
export async function runSession(url: string, cpe: MiniCpe): Promise<void> {
  cpe.cookie = undefined;
  const a = await post(url, cpe, cpe.inform);
  if (a.status !== 200) throw new Error(`Inform answered ${a.status}: ${a.body.slice(0, 200)}`);
  const b = await post(url, cpe, '');
  if (b.status !== 200 || !b.body.includes('GetParameterValues')) throw new Error(`expected GetParameterValues, got ${b.status} ${b.body.slice(0, 200)}`);
  const id = /<cwmp:ID[^>]*>([^<]*)</.exec(b.body)?.[1] ?? '';
  const c = await post(url, cpe, cpe.gpvr(id));
  if (c.status !== 204) throw new Error(`expected 204, got ${c.status} ${c.body.slice(0, 200)}`);
}

export async function runRound(url: string, cpes: MiniCpe[]): Promise<number> {
  const t = performance.now();
  await Promise.all(cpes.map((c) => runSession(url, c)));
  return performance.now() - t;
}
