// Serves the built renderer (out/renderer) to a browser in headless mode.
// Paths are checked segment by segment after decoding, so `..` in any
// spelling (`/../`, `%2e%2e`, `..%2f`) is refused before touching the disk,
// and the resolved real path must still lie inside the root (symlinks).
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, isAbsolute, join, relative, resolve } from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.xsd': 'application/xml; charset=utf-8',
};

const PLACEHOLDER = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>TR-069 Workbench</title></head>
<body style="font-family: sans-serif; max-width: 40em; margin: 3em auto">
<h1>TR-069 Workbench</h1>
<p>The ACS is running, but the user interface has not been built yet.</p>
<p>Build it with <code>npm run build</code> (or start with <code>npm run serve</code>, which builds
when needed), then reload this page.</p>
</body></html>
`;

type Headers = Record<string, string>;

function send(res: ServerResponse, status: number, headers: Headers, body: string, head: boolean): void {
  res.writeHead(status, { ...headers, 'Content-Length': Buffer.byteLength(body) });
  res.end(head ? undefined : body);
}

function text(res: ServerResponse, status: number, headers: Headers, message: string, head: boolean): void {
  send(res, status, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' }, `${message}\n`, head);
}

/** Decoded path segments, or null when the path is malformed or tries to climb. */
export function safeSegments(rawUrl: string): string[] | null {
  const rawPath = rawUrl.split(/[?#]/, 1)[0] ?? '';
  if (!rawPath.startsWith('/')) return null;
  const out: string[] = [];
  for (const raw of rawPath.split('/')) {
    if (raw === '') continue;
    let seg: string;
    try {
      seg = decodeURIComponent(raw);
    } catch {
      return null;
    }
    // Separators or NUL after decoding would let one segment act as several.
    if (seg === '.' || seg === '..' || /[/\\\0]/.test(seg) || /^[a-zA-Z]:/.test(seg)) return null;
    out.push(seg);
  }
  return out;
}

async function fileStat(path: string) {
  try {
    const s = await stat(path);
    return s.isFile() ? s : null;
  } catch {
    return null;
  }
}

/** Returns a request handler for GET/HEAD of static files under rendererDir. */
export function staticFiles(rendererDir: string, baseHeaders: Headers) {
  const root = resolve(rendererDir);
  let realRoot: string | undefined;

  async function inside(path: string): Promise<boolean> {
    try {
      realRoot ??= await realpath(root);
      const rel = relative(realRoot, await realpath(path));
      return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
    } catch {
      return false;
    }
  }

  async function serveFile(res: ServerResponse, path: string, size: number, head: boolean): Promise<void> {
    const isHtml = extname(path) === '.html';
    res.writeHead(200, {
      ...baseHeaders,
      'Content-Type': CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream',
      'Content-Length': size,
      // index.html names the hashed assets: always revalidate it so a rebuild shows up.
      'Cache-Control': isHtml ? 'no-store' : 'no-cache',
    });
    if (head) {
      res.end();
      return;
    }
    const stream = createReadStream(path);
    stream.on('error', () => res.destroy());
    stream.pipe(res);
  }

  async function serveIndex(res: ServerResponse, head: boolean): Promise<void> {
    const index = join(root, 'index.html');
    const s = await fileStat(index);
    if (s && (await inside(index))) return serveFile(res, index, s.size, head);
    send(res, 200, { ...baseHeaders, 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' },
      PLACEHOLDER, head);
  }

  return async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const head = req.method === 'HEAD';
    if (req.method !== 'GET' && !head) {
      return text(res, 405, { ...baseHeaders, Allow: 'GET, HEAD' }, 'method not allowed', false);
    }
    const segments = safeSegments(req.url ?? '/');
    if (!segments) return text(res, 400, baseHeaders, 'bad path', head);
    // Dotfiles are never part of a renderer build.
    if (segments.some((s) => s.startsWith('.'))) return text(res, 404, baseHeaders, 'not found', head);
    if (segments.length === 0) return serveIndex(res, head);
    const path = join(root, ...segments);
    const rel = relative(root, path);
    if (rel.startsWith('..') || isAbsolute(rel)) return text(res, 400, baseHeaders, 'bad path', head);
    const s = await fileStat(path);
    if (s && (await inside(path))) return serveFile(res, path, s.size, head);
    // Client-side routes (no extension) get the app; missing assets get 404.
    if (extname(segments[segments.length - 1] ?? '') === '') return serveIndex(res, head);
    return text(res, 404, baseHeaders, 'not found', head);
  };
}
