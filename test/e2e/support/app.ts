// The real renderer against the real backend: the built headless entry
// (out/main/headless.js) on loopback with a temp data folder, driven by
// Debian's Chromium through playwright-core. Tests talk to the same typed API
// over the WebSocket for setup and checks. restart() stops the server and
// starts it again on the same data folder (the way a user quits and reopens
// the app), to check what must survive: api, uiUrl and acsUrl follow it.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { describe, it } from 'vitest';
import WebSocket from 'ws';
import { createApi } from '../../../shared/api/create-api';
import type { SimInfo, WorkbenchApi } from '../../../shared/api/contract';
import { wsTransport } from '../../../shared/api/ws-transport';
import { CHROMIUM_PATH, systemPart } from '../../support/system-parts';

const ROOT = resolve(__dirname, '../../..');
export const SCREENSHOTS = join(ROOT, 'test-results', 'screenshots');
const CHROMIUM = CHROMIUM_PATH;

/**
 * e2e tests need a Chromium: without one they are skipped, and
 * system-parts.ts prints one line saying how to get it (.ci/run installs it
 * and fails on any skip).
 */
const browser = systemPart('chromium').available;
export const describeE2e = browser ? describe : describe.skip;
export const itE2e = browser ? it : it.skip;

export interface E2eApp {
  page: Page;
  context: BrowserContext;
  api: WorkbenchApi;
  uiUrl: string;
  acsUrl: string;
  dataDir: string;
  /** console.error lines and uncaught page errors seen so far. */
  consoleErrors: string[];
  /** Saves test-results/screenshots/<name>.png and returns its path. */
  screenshot(name: string): Promise<string>;
  /** A built-in virtual CPE (sim.start) informing this server. */
  startCpe(opts?: { model?: 'tr181' | 'tr098'; scale?: number; quirks?: string[] }): Promise<SimInfo>;
  /**
   * Stops the server (SIGTERM, as on quit) and starts it again on the same
   * data folder and token; the page is reloaded from the new UI address.
   * Virtual CPEs ran inside the old server: they are gone, their records stay.
   */
  restart(): Promise<void>;
  close(): Promise<void>;
}

function waitForLines(child: ChildProcess, timeoutMs: number): Promise<{ acsUrl: string; uiUrl: string }> {
  return new Promise((resolveP, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`headless server did not start:\n${out}`)), timeoutMs);
    const onData = (d: Buffer) => {
      out += d.toString();
      const acs = /ACS URL: (\S+)/.exec(out);
      const ui = /UI: (\S+)/.exec(out);
      if (acs && ui) {
        clearTimeout(timer);
        resolveP({ acsUrl: acs[1], uiUrl: ui[1] });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (d: Buffer) => { out += d.toString(); });
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`headless server exited (${code}):\n${out}`)); });
  });
}

interface Server { child: ChildProcess; acsUrl: string; uiUrl: string; api: WorkbenchApi; transport: ReturnType<typeof wsTransport> }

async function startServer(headless: string, dataDir: string, token: string): Promise<Server> {
  const child = spawn(process.execPath, [headless, '--cwmp-host', '127.0.0.1', '--cwmp-port', '0', '--ui-port', '0', '--data', dataDir, '--token', token], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const { acsUrl, uiUrl } = await waitForLines(child, 20_000);
  const wsUrl = uiUrl.replace(/^http/, 'ws').replace(/\/\?token=/, '/api?token=');
  const transport = wsTransport(wsUrl, { WebSocket: WebSocket as unknown as typeof globalThis.WebSocket });
  await transport.ready;
  return { child, acsUrl, uiUrl, api: createApi(transport), transport };
}

async function stopServer(s: Server): Promise<void> {
  s.transport.close?.();
  if (s.child.exitCode !== null || s.child.signalCode !== null) return;
  const exited = new Promise((r) => s.child.once('exit', r));
  s.child.kill('SIGTERM');
  await exited;
}

export async function launchApp(opts: { viewport?: { width: number; height: number } } = {}): Promise<E2eApp> {
  const headless = join(ROOT, 'out', 'main', 'headless.js');
  if (!existsSync(headless)) throw new Error('out/ is not built: run `npx electron-vite build` (npm test does it first)');
  const dataDir = await mkdtemp(join(tmpdir(), 'wb-e2e-'));
  const token = `e2e${Math.random().toString(36).slice(2)}${Date.now()}`;
  let server = await startServer(headless, dataDir, token);

  const profile = await mkdtemp(join(tmpdir(), 'wb-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: opts.viewport ?? { width: 1440, height: 900 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const consoleErrors: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
  page.on('pageerror', (e) => consoleErrors.push(`pageerror: ${e.message}`));
  await page.goto(server.uiUrl);
  await mkdir(SCREENSHOTS, { recursive: true });

  return {
    page, context, dataDir, consoleErrors,
    get api() { return server.api; },
    get uiUrl() { return server.uiUrl; },
    get acsUrl() { return server.acsUrl; },
    async screenshot(name) {
      const file = join(SCREENSHOTS, `${name}.png`);
      await page.screenshot({ path: file });
      return file;
    },
    async startCpe(o = {}) {
      const [info] = await server.api.invoke('sim.start', {
        count: 1, model: o.model ?? 'tr181', ...(o.scale ? { scale: o.scale } : {}), ...(o.quirks ? { quirks: o.quirks } : {}),
      });
      return info;
    },
    async restart() {
      await stopServer(server);
      server = await startServer(headless, dataDir, token);
      await page.goto(server.uiUrl);
    },
    async close() {
      await context.close().catch(() => undefined);
      await stopServer(server);
      await rm(dataDir, { recursive: true, force: true });
      await rm(profile, { recursive: true, force: true });
    },
  };
}
