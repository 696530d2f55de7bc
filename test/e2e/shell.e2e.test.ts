// The shell in Chromium against the real headless server: it loads with its
// token, navigates, switches theme, and logs no console error.
import { afterAll, beforeAll, expect } from 'vitest';
import { itE2e, launchApp, type E2eApp } from './support/app';

let app: E2eApp;
beforeAll(async () => { app = await launchApp(); });
afterAll(async () => { await app?.close(); });

itE2e('loads, navigates and switches theme without console errors', async () => {
  const { page } = app;
  await page.getByTestId('app-title').waitFor();
  await expect(page.title()).resolves.toBe('TR-069 Workbench');
  await page.getByTestId('nav-settings').click();
  await page.getByTestId('settings-page').waitFor();
  await page.getByTestId('nav-devices').click();
  await page.getByTestId('devices-page').waitFor();
  const before = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  await page.getByTestId('theme-toggle').click();
  await expect.poll(() => page.evaluate(() => getComputedStyle(document.body).backgroundColor)).not.toBe(before);
  expect(app.consoleErrors).toEqual([]);
});

itE2e('refuses the API without the right token', async () => {
  const { default: WebSocket } = await import('ws');
  const base = app.uiUrl.replace(/^http/, 'ws').replace(/\/\?token=.*/, '/api');
  for (const url of [base, `${base}?token=wrong-token-123`]) {
    const outcome = await new Promise<string>((resolve) => {
      const ws = new WebSocket(url);
      ws.on('open', () => { resolve('open'); ws.close(); });
      ws.on('unexpected-response', (_req, res) => resolve(`http ${res.statusCode}`));
      ws.on('error', () => resolve('error'));
    });
    expect(outcome, url).toBe('http 401');
  }
});
