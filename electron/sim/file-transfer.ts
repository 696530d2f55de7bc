// The file transfers a CPE makes for Download and Upload (TR-069 Amd 6
// A.3.2.8 / A.4.1.5 and §3.4.4 for HTTP authentication with the file server),
// with the failure mapped to the fault code TransferComplete reports
// (A.5.1 Table 41: 9010–9018, 9011 for uploads).
import http from 'node:http';
import https from 'node:https';
import { formatDateTime } from '../../shared/cwmp';
import type { FaultStruct } from '../../shared/cwmp/types';
import { ClientAuth } from '../lib/auth/digest';

export interface TransferOutcome {
  fault: FaultStruct;
  startTime: string;
  completeTime: string;
  bytes: number;
  /** The first bytes of a downloaded file (enough to read a "version=" line). */
  head: Buffer;
  /** The whole file, when small enough to keep (configuration files). */
  body?: Buffer;
}

export interface TransferRequest {
  url: string;
  username?: string;
  password?: string;
  timeoutMs?: number;
  rejectUnauthorized?: boolean;
}

const OK: FaultStruct = { FaultCode: 0, FaultString: '' };
const HEAD_BYTES = 4096;
const KEEP_BYTES = 4 << 20;

class TransferFault extends Error {
  constructor(readonly code: number, message: string) { super(message); }
}

interface Response { status: number; headers: http.IncomingHttpHeaders; res: http.IncomingMessage }

function request(url: URL, method: string, headers: Record<string, string>, body: Buffer | undefined, t: TransferRequest): Promise<Response> {
  const mod = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = mod.request(url, {
      method, headers, agent: false, ...(url.protocol === 'https:' ? { rejectUnauthorized: t.rejectUnauthorized ?? true } : {}),
    }, (res) => resolve({ status: res.statusCode ?? 0, headers: res.headers, res }));
    req.setTimeout(t.timeoutMs ?? 60_000, () => req.destroy(Object.assign(new Error('timed out'), { code: 'ETIMEDOUT' })));
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * One request, answering a Basic/Digest challenge once when credentials are
 * given and following redirects; `failAuth` is the code for refused
 * credentials (9012 File transfer server authentication failure).
 */
async function exchange(t: TransferRequest, method: string, body: Buffer | undefined, headers: Record<string, string>,
  unreachable: number): Promise<Response> {
  let url: URL;
  try { url = new URL(t.url); } catch { throw new TransferFault(unreachable, `not a URL: ${t.url}`); }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new TransferFault(9013, `unsupported protocol ${url.protocol.replace(':', '')}`);
  }
  const auth = new ClientAuth(t.username ?? '', t.password ?? '');
  for (let hop = 0; hop < 8; hop++) {
    const h = { ...headers };
    const authz = auth.authorization(method, url.pathname + url.search);
    if (authz) h.Authorization = authz;
    let r: Response;
    try {
      r = await request(url, method, h, body, t);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code ?? '';
      throw new TransferFault(unreachable, `cannot reach ${url.host}: ${code || (e as Error).message}`);
    }
    if (r.status === 401) {
      r.res.resume();
      const www = r.headers['www-authenticate'];
      if (auth.accept(Array.isArray(www) ? www.join(', ') : www)) continue;
      throw new TransferFault(9012, `the file server refused the credentials (HTTP 401)`);
    }
    if ([301, 302, 303, 307, 308].includes(r.status) && r.headers.location) {
      r.res.resume();
      url = new URL(r.headers.location, url);
      continue;
    }
    return r;
  }
  throw new TransferFault(unreachable, 'too many redirects or challenges');
}

/**
 * GET a file, streaming: counts bytes, keeps the head, checks FileSize when
 * non-zero. Only `keepBytes` (default 4 MiB) are kept in memory; a firmware
 * image asks for its head alone, so a multi-GB image is counted and dropped.
 */
export async function downloadFile(t: TransferRequest & { fileSize?: number; keepBytes?: number }): Promise<TransferOutcome> {
  const start = new Date();
  const out: TransferOutcome = { fault: OK, startTime: formatDateTime(start), completeTime: formatDateTime(start), bytes: 0, head: Buffer.alloc(0) };
  try {
    const r = await exchange(t, 'GET', undefined, { 'User-Agent': 'TR069-Workbench-VirtualCPE/1.0' }, 9015);
    if (r.status === 403) { r.res.resume(); throw new TransferFault(9012, 'the file server refused access (HTTP 403)'); }
    if (r.status < 200 || r.status >= 300) { r.res.resume(); throw new TransferFault(9016, `the file server answered HTTP ${r.status}`); }
    const kept: Buffer[] = [];
    const keep = Math.max(HEAD_BYTES, t.keepBytes ?? KEEP_BYTES);
    await new Promise<void>((resolve, reject) => {
      r.res.on('data', (c: Buffer) => {
        if (out.bytes < keep) kept.push(c.subarray(0, keep - out.bytes));
        out.bytes += c.length;
      });
      r.res.on('end', () => (r.res.complete ? resolve() : reject(new TransferFault(9017, 'the connection closed before the end of the file'))));
      r.res.on('aborted', () => reject(new TransferFault(9017, 'the download was interrupted')));
      r.res.on('error', (e) => reject(new TransferFault(9017, `the download was interrupted: ${e.message}`)));
    });
    const all = Buffer.concat(kept);
    out.head = all.subarray(0, HEAD_BYTES);
    if (out.bytes <= keep) out.body = all;
    const declared = Number(r.headers['content-length'] ?? NaN);
    if (Number.isFinite(declared) && declared !== out.bytes) throw new TransferFault(9017, `got ${out.bytes} of ${declared} bytes`);
    // A.3.2.8: FileSize, when non-zero, is what the file must measure.
    if (t.fileSize && t.fileSize !== out.bytes) {
      throw new TransferFault(9018, `the file has ${out.bytes} bytes, FileSize said ${t.fileSize}`);
    }
  } catch (e) {
    out.fault = e instanceof TransferFault ? { FaultCode: e.code, FaultString: e.message } : { FaultCode: 9010, FaultString: String(e) };
  }
  out.completeTime = formatDateTime(new Date());
  return out;
}

/** PUT a file (A.4.1.5: HTTP PUT for HTTP(S) URLs). */
export async function uploadFile(t: TransferRequest & { body: Buffer; contentType: string }): Promise<TransferOutcome> {
  const start = new Date();
  const out: TransferOutcome = { fault: OK, startTime: formatDateTime(start), completeTime: formatDateTime(start), bytes: 0, head: Buffer.alloc(0) };
  try {
    const r = await exchange(t, 'PUT', t.body, {
      'Content-Type': t.contentType, 'Content-Length': String(t.body.length), 'User-Agent': 'TR069-Workbench-VirtualCPE/1.0',
    }, 9011);
    r.res.resume();
    if (r.status === 403) throw new TransferFault(9012, 'the server refused access (HTTP 403)');
    if (r.status < 200 || r.status >= 300) throw new TransferFault(9011, `the server answered HTTP ${r.status}`);
    out.bytes = t.body.length;
  } catch (e) {
    out.fault = e instanceof TransferFault ? { FaultCode: e.code, FaultString: e.message } : { FaultCode: 9011, FaultString: String(e) };
  }
  out.completeTime = formatDateTime(new Date());
  return out;
}

/**
 * The version a firmware image "installs": a first line `version=X` in the
 * file, else a version in its name (fw-5.5.0.bin); undefined when neither says
 * one — a real CPE finds no image header it recognises and refuses the file
 * (transfers.ts), rather than inventing a version (issue 14).
 */
export function imageVersion(head: Buffer, fileName: string): string | undefined {
  return headerVersion(head) ?? nameVersion(fileName);
}

/** Deployment units (software-modules.ts) take any file: an unversioned one, or one named like the current, bumps it. */
export function firmwareVersion(head: Buffer, fileName: string, current: string): string {
  const inName = nameVersion(fileName);
  return headerVersion(head) ?? (inName && inName !== current ? inName : bumpVersion(current));
}

function headerVersion(head: Buffer): string | undefined {
  const line = /^\s*version\s*=\s*([^\r\n]{1,64})/i.exec(head.subarray(0, 256).toString('latin1'));
  return line?.[1]?.trim() || undefined;
}

function nameVersion(fileName: string): string | undefined {
  let name = fileName.replace(/[?#].*$/, '').split('/').filter(Boolean).pop() ?? '';
  while (/\.(bin|img|fw|trx|tar|gz|zip|itb|pkg)$/i.test(name)) name = name.replace(/\.[a-z]+$/i, '');
  return name.match(/\d+(?:\.\d+)+(?:[-_][A-Za-z0-9]+)?/g)?.pop();
}

/** '5.4.1-build77' → '5.4.2-build77'; without a patch number, the last number goes up. */
export function bumpVersion(v: string): string {
  const semver = /^(\D*\d+\.\d+\.)(\d+)(.*)$/.exec(v);
  if (semver) return `${semver[1]}${Number(semver[2]) + 1}${semver[3]}`;
  const m = /^(.*?)(\d+)(\D*)$/.exec(v);
  return m ? `${m[1]}${Number(m[2]) + 1}${m[3]}` : `${v}.1`;
}
