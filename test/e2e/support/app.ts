// The real renderer against the real backend: the built headless entry
// (out/main/headless.js) on loopback with a temp data folder, driven by
// Debian's Chromium through playwright-core. Tests talk to the same typed API
// over the WebSocket for setup and checks.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import WebSocket from 'ws';
import { createApi } from '../../../shared/api/create-api';
import type { SimInfo, WorkbenchApi } from '../../../shared/api/contract';
import { wsTransport } from '../../../shared/api/ws-transport';

const ROOT = resolve(__dirname, '../../..');
export const SCREENSHOTS = join(ROOT, 'test-results', 'screenshots');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

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
  startCpe(opts?: { model?: 'tr181' | 'tr098'; scale?: number }): Promise<SimInfo>;
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

export async function launchApp(opts: { viewport?: { width: number; height: number } } = {}): Promise<E2eApp> {
  const headless = join(ROOT, 'out', 'main', 'headless.js');
  if (!existsSync(headless)) throw new Error('out/ is not built: run `npx electron-vite build` (npm test does it first)');
  const dataDir = await mkdtemp(join(tmpdir(), 'wb-e2e-'));
  const token = `e2e${Math.random().toString(36).slice(2)}${Date.now()}`;
  const child = spawn(process.execPath, [headless, '--cwmp-host', '127.0.0.1', '--cwmp-port', '0', '--ui-port', '0', '--data', dataDir, '--token', token], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const { acsUrl, uiUrl } = await waitForLines(child, 20_000);
  const wsUrl = uiUrl.replace(/^http/, 'ws').replace(/\/\?token=/, '/api?token=');
  const transport = wsTransport(wsUrl, { WebSocket: WebSocket as unknown as typeof globalThis.WebSocket });
  await transport.ready;
  const api = createApi(transport);

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
  await page.goto(uiUrl);
  await mkdir(SCREENSHOTS, { recursive: true });

  return {
    page, context, api, uiUrl, acsUrl, dataDir, consoleErrors,
    async screenshot(name) {
      const file = join(SCREENSHOTS, `${name}.png`);
      await page.screenshot({ path: file });
      return file;
    },
    async startCpe(o = {}) {
      const [info] = await api.invoke('sim.start', { count: 1, model: o.model ?? 'tr181', ...(o.scale ? { scale: o.scale } : {}) });
      return info;
    },
    async close() {
      await context.close().catch(() => undefined);
      transport.close?.();
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      await rm(dataDir, { recursive: true, force: true });
      await rm(profile, { recursive: true, force: true });
    },
  };
}
