// Reading a CPE's HTTP body safely: size caps on the wire and after
// decompression (counted separately, so a gzip bomb is caught while it
// inflates), a deadline for slow senders, and charset decoding (TR-069 §3.4.1
// asks for UTF-8, yet UTF-16 and Latin-1 CPEs exist).
import type { IncomingMessage } from 'node:http';
import { createGunzip, createInflate, type Gunzip, type Inflate } from 'node:zlib';

export interface BodyLimits {
  /** Bytes accepted on the wire. */
  maxRawBytes: number;
  /** Bytes accepted after Content-Encoding is undone. */
  maxDecodedBytes: number;
  /** Whole body must arrive within this many ms. */
  timeoutMs: number;
}

export const DEFAULT_LIMITS: BodyLimits = { maxRawBytes: 64 << 20, maxDecodedBytes: 160 << 20, timeoutMs: 60_000 };

export class BodyError extends Error {
  constructor(readonly status: 400 | 408 | 413 | 415, message: string) {
    super(message);
  }
}

export interface ReadBody { text: string; rawBytes: number; decodedBytes: number; encoding?: string; charset: string }

export function readBody(req: IncomingMessage, limits: BodyLimits): Promise<ReadBody> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? NaN);
    if (Number.isFinite(declared) && declared > limits.maxRawBytes) {
      drain(req);
      reject(new BodyError(413, `body of ${declared} bytes exceeds the ${limits.maxRawBytes}-byte limit`));
      return;
    }
    const coding = String(req.headers['content-encoding'] ?? '').trim().toLowerCase();
    let inflater: Gunzip | Inflate | undefined;
    if (coding === 'gzip' || coding === 'x-gzip') inflater = createGunzip();
    else if (coding === 'deflate') inflater = createInflate();
    else if (coding && coding !== 'identity') {
      drain(req);
      reject(new BodyError(415, `unsupported Content-Encoding "${coding}"`));
      return;
    }
    let raw = 0;
    let decoded = 0;
    const chunks: Buffer[] = [];
    let done = false;
    const finish = (err?: Error) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      if (err) {
        drain(req);
        inflater?.destroy();
        reject(err);
        return;
      }
      const buf = Buffer.concat(chunks, decoded);
      const charset = charsetOf(String(req.headers['content-type'] ?? ''), buf);
      try {
        resolve({ text: decodeText(buf, charset), rawBytes: raw, decodedBytes: decoded, encoding: coding || undefined, charset });
      } catch {
        reject(new BodyError(415, `unsupported charset "${charset}"`));
      }
    };
    const timer = setTimeout(() => finish(new BodyError(408, `body not complete after ${limits.timeoutMs} ms`)), limits.timeoutMs);
    const onDecoded = (c: Buffer) => {
      decoded += c.length;
      if (decoded > limits.maxDecodedBytes) finish(new BodyError(413, `decompressed body exceeds the ${limits.maxDecodedBytes}-byte limit`));
      else chunks.push(c);
    };
    if (inflater) {
      inflater.on('data', onDecoded);
      inflater.on('end', () => finish());
      inflater.on('error', (e) => finish(new BodyError(400, `bad ${coding} body: ${e.message}`)));
    }
    req.on('data', (c: Buffer) => {
      if (done) return;
      raw += c.length;
      if (raw > limits.maxRawBytes) {
        finish(new BodyError(413, `body exceeds the ${limits.maxRawBytes}-byte limit`));
        return;
      }
      if (inflater) inflater.write(c);
      else onDecoded(c);
    });
    req.on('end', () => {
      if (inflater) inflater.end();
      else finish();
    });
    req.on('error', (e) => finish(new BodyError(400, e.message)));
    req.on('aborted', () => finish(new BodyError(400, 'client aborted the request')));
  });
}

/** Keep reading and discarding, so the socket can carry our answer. */
function drain(req: IncomingMessage): void {
  req.removeAllListeners('data');
  req.resume();
}

function charsetOf(contentType: string, buf: Buffer): string {
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) return 'utf-16le';
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) return 'utf-16be';
  const m = /charset\s*=\s*"?([A-Za-z0-9_.:-]+)"?/i.exec(contentType);
  if (m) return m[1].toLowerCase();
  // No header charset: look at the XML declaration (ASCII-compatible encodings only).
  const head = buf.subarray(0, 200).toString('latin1');
  const d = /^<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9_.:-]+)["']/i.exec(head);
  if (d) return d[1].toLowerCase();
  if (buf.length >= 2 && buf[0] === 0x3c && buf[1] === 0x00) return 'utf-16le';
  if (buf.length >= 2 && buf[0] === 0x00 && buf[1] === 0x3c) return 'utf-16be';
  return 'utf-8';
}

function decodeText(buf: Buffer, charset: string): string {
  if (charset === 'utf-8' || charset === 'utf8' || charset === 'us-ascii' || charset === 'ascii') {
    return buf.toString('utf8').replace(/^\uFEFF/, '');
  }
  if (charset === 'utf-16be') {
    const swapped = Buffer.from(buf);
    swapped.swap16();
    return swapped.toString('utf16le').replace(/^\uFEFF/, '');
  }
  return new TextDecoder(charset).decode(buf).replace(/^\uFEFF/, '');
}
