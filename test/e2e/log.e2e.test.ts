// The session log in Chromium against the real server: a virtual CPE's
// session appears live, the ladder follows it, a message shows decoded and
// raw; a schema-invalid Inform shows its failing line; a vendor parameter
// shows a data-model note.
import { afterAll, beforeAll, expect } from 'vitest';
import { VirtualCpe } from '../../electron/sim/virtual-cpe';
import { itE2e, launchApp, type E2eApp } from './support/app';

let app: E2eApp;
const cpes: VirtualCpe[] = [];
beforeAll(async () => { app = await launchApp(); });
afterAll(async () => {
  for (const c of cpes) await c.stop();
  await app?.close();
});

itE2e('shows a session live, its ladder, and a message decoded beside the raw HTTP', async () => {
  const { page } = app;
  await page.goto(app.uiUrl + '#/log');
  await page.getByTestId('log-empty').waitFor();
  await app.screenshot('log-empty');
  const cpe = new VirtualCpe({ acsUrl: app.acsUrl, model: 'tr181', serialNumber: 'LOG-1', rebootDelayMs: 50 });
  cpes.push(cpe);
  await cpe.start();
  const inform = page.locator('[data-rpc="Inform"]').first();
  await inform.waitFor();
  // The Device column never cuts the serial (it tells devices apart), even one with a '-' in it.
  const device = inform.getByTestId('log-row-device');
  expect(await device.getAttribute('title')).toMatch(/^[0-9A-F]{6}-.+-LOG-1$/);
  await expect.poll(() => device.locator('span').last().textContent()).toBe('LOG-1');
  await expect.poll(async () => Number((await page.getByTestId('log-count').textContent())?.split(' ')[0])).toBeGreaterThan(6);
  await app.screenshot('log-list');
  // The list follows the tail and only renders visible rows: pause and go to the top to reach the Inform.
  await page.getByTestId('log-pause').click();
  await page.getByTestId('log-list').evaluate((el) => { el.scrollTop = 0; });
  await inform.click();
  await page.getByTestId('log-pause').click(); // live again; the selection stays
  await page.getByTestId('message-detail').waitFor();
  await expect.poll(() => page.getByTestId('raw-headers').textContent()).toContain('POST');
  await expect.poll(() => page.getByTestId('raw-xml').textContent()).toContain('cwmp:Inform');
  await page.locator('[data-testid^="detail-node-"]', { hasText: 'SerialNumber' }).first().click();
  await expect.poll(() => page.locator('.cm-selected-node').first().textContent()).toContain('SerialNumber');
  await app.screenshot('log-detail');
  await page.getByTestId('tab-ladder').click();
  await page.getByTestId('ladder').waitFor();
  const steps = page.locator('[data-testid^="ladder-step-"]');
  await expect.poll(() => steps.count()).toBeGreaterThan(4);
  await expect.poll(() => steps.last().textContent()).toContain('204');
  await app.screenshot('log-ladder');
  expect(app.consoleErrors).toEqual([]);
});

itE2e('a schema-invalid Inform shows the failing line; a vendor parameter a data-model note', async () => {
  const { page } = app;
  const bad = new VirtualCpe({ acsUrl: app.acsUrl, model: 'tr181', serialNumber: 'LOG-BAD', rebootDelayMs: 50, quirks: { invalidMessage: true, vendorParameter: true } });
  cpes.push(bad);
  await bad.start();
  await page.goto(app.uiUrl + '#/log');
  await page.getByTestId('log-invalid').check();
  const row = page.locator('[data-verdict="invalid"]').first();
  await row.waitFor({ timeout: 30_000 });
  await row.click();
  await page.getByTestId('tab-detail').click();
  await expect.poll(() => page.getByTestId('schema-errors').textContent()).toMatch(/line \d+/);
  await app.screenshot('log-invalid');
  await page.getByTestId('log-invalid').uncheck();
  await page.getByTestId('log-search').fill('X_ACME_Debug');
  await page.locator('[data-rpc="Inform"]').first().click();
  await page.getByTestId('tab-detail').click();
  await expect.poll(() => page.getByTestId('model-warnings').textContent()).toContain('X_ACME_Debug');
  // The same note on the tree node of the device page.
  await page.goto(app.uiUrl + '#/device/' + encodeURIComponent(bad.deviceKey));
  await page.getByTestId('param-search').fill('X_ACME_Debug');
  await page.getByTestId('search-result-Device.X_ACME_Debug').click();
  await page.getByTestId('tree-warning-Device.X_ACME_Debug').waitFor();
  expect(await page.getByTestId('tree-warning-Device.X_ACME_Debug').getAttribute('title')).toMatch(/vendor extension/);
  expect(app.consoleErrors).toEqual([]);
});

itE2e('exports the log as a bundle (redacted by default) and imports it back as the same list', async () => {
  const { page } = app;
  await page.goto(app.uiUrl + '#/log/' + encodeURIComponent(cpes[0].deviceKey));
  await page.getByTestId('log-list').waitFor();
  await expect.poll(async () => Number((await page.getByTestId('log-count').textContent())?.split(' ')[0])).toBeGreaterThan(6);
  const liveCount = await page.getByTestId('log-count').textContent();
  await page.getByTestId('log-export').click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-confirm').click()]);
  const file = await download.path();
  expect(download.suggestedFilename()).toMatch(/\.cwmplog\.json\.gz$/);
  // Unredacted needs the exact sentence.
  await page.getByTestId('log-export').click();
  await page.getByTestId('export-unredacted').check();
  await page.getByTestId('export-phrase').fill('yes');
  expect(await page.getByTestId('export-confirm').isDisabled()).toBe(true);
  await page.keyboard.press('Escape');
  await page.getByTestId('log-import-file').setInputFiles(file!);
  await page.getByTestId('log-imported').waitFor();
  await expect.poll(() => page.getByTestId('log-count').textContent()).toBe(liveCount);
  await page.getByTestId('log-list').evaluate((el) => { el.scrollTop = 0; });
  await page.locator('[data-rpc="Inform"]').first().click();
  await expect.poll(() => page.getByTestId('raw-xml').textContent()).toContain('cwmp:Inform');
  await app.screenshot('log-imported');
  await page.getByTestId('log-back-live').click();
  expect(app.consoleErrors).toEqual([]);
});
