// Ping and traceroute from the device page, the way support staff would: open the device,
// the Diagnostics tab, type a host, Run ping; the run shows live and ends with
// the replies and round-trip times the CPE reported. A bad host is explained
// next to the field before anything is sent; a host the CPE cannot resolve is
// explained in words. Virtual TR-181 and TR-098 CPEs, real headless server,
// Debian Chromium.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeE2e, launchApp, type E2eApp } from './support/app';
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

describeE2e('diagnostics tab', () => {
  for (const model of ['tr181', 'tr098'] as const) {
    it(`runs a ping from a ${model} device and shows the replies`, async () => {
      const id = await discovered(model);
      const { page } = app;
      await dev.open(app.uiUrl, id);
      await page.getByTestId('device-tab-diagnostics').click();
      await page.getByTestId('diag-empty').waitFor();
      // A URL is not a host: refused next to the field, nothing sent.
      await page.getByTestId('diag-host').fill('http://example.com/');
      await page.getByTestId('diag-count').fill('3'); // leaving the host field checks it
      await expect.poll(() => page.getByTestId('diagnostics-panel').textContent()).toContain('a host name or IP address only');
      expect(await page.getByTestId('diag-run-button').isDisabled()).toBe(true);
      expect(await app.api.invoke('diagnostics.list', { deviceId: id })).toEqual([]);

      await page.getByTestId('diag-host').fill('127.0.0.1');
      await page.getByTestId('diag-run-button').click();
      const run = page.getByTestId('diag-run').first();
      await expect.poll(() => run.getAttribute('data-state'), { timeout: 30_000 }).toBe('done');
      // Seen once under a full-suite load: 'done' on the row but no result line. If it comes back, keep what the page and the core held.
      const resultText = await run.getByTestId('ping-result').textContent({ timeout: 15_000 }).catch(async (err: unknown) => {
        await app.screenshot(`diagnostics-${model}-no-result`);
        console.error('diagnostics run as the core holds it:', JSON.stringify(await app.api.invoke('diagnostics.list', { deviceId: id })));
        console.error('the row as shown:', await run.innerHTML().catch(() => '(gone)'));
        throw err;
      });
      expect(resultText).toMatch(/^3 of 3 replies · round trip min \d+ ms \/ avg \d+ ms \/ max \d+ ms$/);
      if (model === 'tr181') await app.screenshot('device-diagnostics-ping');

      await page.getByTestId('diag-host').fill('nowhere.invalid');
      await page.getByTestId('diag-run-button').click();
      await expect.poll(() => page.getByTestId('diag-run').first().getAttribute('data-state'), { timeout: 30_000 }).toBe('failed');
      expect(await page.getByTestId('diag-run').first().getByTestId('diag-error').textContent()).toMatch(/could not resolve "nowhere\.invalid"/);
      expect(await page.getByTestId('diag-run').count()).toBe(2); // newest first, both kept
      expect(await page.getByTestId('diag-run-button').isEnabled()).toBe(true); // ready for the next one
      if (model === 'tr181') {
        await page.mouse.move(0, 0);
        await page.waitForTimeout(400); // chip colour transitions
        await app.screenshot('device-diagnostics-ping-error');
      }

      // Traceroute, same place: its own fields, the hops in a table.
      await page.getByTestId('diag-kind-traceroute').click();
      expect(await page.getByTestId('diag-count').inputValue()).toBe('3'); // tries (1–3), not the ping's count
      await page.getByTestId('diag-count').fill('4');
      await expect.poll(() => page.getByTestId('diagnostics-panel').textContent()).toContain('a whole number from 1 to 3');
      await page.getByTestId('diag-count').fill('2');
      await page.getByTestId('diag-host').fill('www.example.com');
      await page.getByTestId('diag-run-button').click();
      const trace = page.locator('[data-testid="diag-run"][data-kind="TraceRoute"]').first();
      await expect.poll(() => trace.getAttribute('data-state'), { timeout: 30_000 }).toBe('done');
      expect(await trace.getByTestId('route-summary').textContent()).toMatch(/^Reached in \d+ hops · \d+ ms$/);
      expect(await trace.getByTestId('route-hop').count()).toBeGreaterThanOrEqual(2);
      expect(await trace.getByTestId('route-hop').last().textContent()).toMatch(/\d+ ms\s+\d+ ms/);
      if (model === 'tr181') {
        await page.mouse.move(0, 0);
        await page.waitForTimeout(400);
        await app.screenshot('device-diagnostics-traceroute');
      }
    });
  }
});
