// Ping from the device page, the way support staff would: open the device,
// the Diagnostics tab, type a host, Run ping; the run shows live and ends with
// the replies and round-trip times the CPE reported. A bad host is explained
// next to the field before anything is sent; a host the CPE cannot resolve is
// explained in words. Virtual TR-181 and TR-098 CPEs, real headless server,
// Debian Chromium.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchApp, type E2eApp } from './support/app';
import { DeviceScreen } from './device.page';

let app: E2eApp;
let dev: DeviceScreen;

async function discovered(model: 'tr181' | 'tr098'): Promise<string> {
  const { id } = await app.startCpe({ model });
  for (const end = Date.now() + 60_000; (await app.api.invoke('device.get', { id }))?.discovery.status !== 'done';) {
    if (Date.now() > end) throw new Error('the virtual CPE was not discovered within 60 s');
    await new Promise((r) => setTimeout(r, 100));
  }
  return id;
}

beforeAll(async () => {
  app = await launchApp();
  dev = new DeviceScreen(app.page);
});
afterAll(async () => {
  await app?.close();
});

describe('diagnostics tab', () => {
  for (const model of ['tr181', 'tr098'] as const) {
    it(`runs a ping from a ${model} device and shows the replies`, async () => {
      const id = await discovered(model);
      const { page } = app;
      await dev.open(app.uiUrl, id);
      await page.getByTestId('device-tab-diagnostics').click();
      await page.getByTestId('ping-empty').waitFor();
      // A URL is not a host: refused next to the field, nothing sent.
      await page.getByTestId('ping-host').fill('http://example.com/');
      await page.getByTestId('ping-count').fill('3'); // leaving the host field checks it
      await expect.poll(() => page.getByTestId('ping-panel').textContent()).toContain('a host name or IP address only');
      expect(await page.getByTestId('ping-run-button').isDisabled()).toBe(true);
      expect(await app.api.invoke('diagnostics.list', { deviceId: id })).toEqual([]);

      await page.getByTestId('ping-host').fill('127.0.0.1');
      await page.getByTestId('ping-run-button').click();
      const run = page.getByTestId('ping-run').first();
      await expect.poll(() => run.getAttribute('data-state'), { timeout: 30_000 }).toBe('done');
      expect(await run.getByTestId('ping-result').textContent()).toMatch(/^3 of 3 replies · round trip min \d+ ms \/ avg \d+ ms \/ max \d+ ms$/);
      if (model === 'tr181') await app.screenshot('device-diagnostics-ping');

      await page.getByTestId('ping-host').fill('nowhere.invalid');
      await page.getByTestId('ping-run-button').click();
      await expect.poll(() => page.getByTestId('ping-run').first().getAttribute('data-state'), { timeout: 30_000 }).toBe('failed');
      expect(await page.getByTestId('ping-run').first().getByTestId('ping-error').textContent()).toMatch(/could not resolve "nowhere\.invalid"/);
      expect(await page.getByTestId('ping-run').count()).toBe(2);
      expect(await page.getByTestId('ping-run-button').isEnabled()).toBe(true); // ready for the next one
      if (model === 'tr181') {
        await page.mouse.move(0, 0);
        await page.waitForTimeout(400); // chip colour transitions
        await app.screenshot('device-diagnostics-ping-error');
      }
    });
  }
});
