// The session log in Chromium against the real server: a virtual CPE's
// session appears live, the ladder follows it, a message shows decoded and
// raw; a schema-invalid Inform shows its failing line; a vendor parameter
// shows a data-model note; Wireshark's Info column and "N new messages"; a
// Digest handshake read as one (issue 14, item 2); after a restart the
// history of all devices from disk (item 4).
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
  // The Device column shows the serial in full (it tells devices apart, even one with a '-' in it); OUI and ProductClass on hover.
  const device = inform.getByTestId('log-row-device');
  await expect.poll(() => device.locator('span').first().textContent()).toBe('LOG-1');
  expect(await device.getAttribute('title')).toMatch(/^SerialNumber LOG-1\nOUI [0-9A-F]{6}\nProductClass \S+/);
  // Info: the Inform's event codes (Wireshark's Info column).
  await expect.poll(() => inform.getByTestId('log-row-info').textContent()).toMatch(/^0 BOOTSTRAP, 1 BOOT/);
  const gpv = page.locator('[data-rpc="GetParameterValues"]').first();
  await gpv.waitFor();
  expect(await gpv.getByTestId('log-row-info').textContent()).toMatch(/^Device\.\S+.* \(\d+\)$/);
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
  // Each ParameterValueStruct reads Name = Value (type) on its own line.
  await expect.poll(() => page.getByTestId('struct-summary').first().textContent()).toMatch(/^: Device\.\S+ = .* \(xsd:\w+\)$/);
  // The schema named is the message's namespace's; a newer file that checked it says so, and why.
  await expect.poll(() => page.getByTestId('verdict-valid').textContent())
    .toMatch(/^schema valid: (cwmp-1-[01]\.xsd|cwmp-1-2 namespace, checked with cwmp-1-4\.xsd)$/);
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
  await expect.poll(() => page.getByTestId('schema-errors').textContent()).toMatch(/line \d+ as sent/);
  // xmllint's line is the message as sent; the Pretty view's own line is given too, and opens Pretty there.
  const pretty = page.getByTestId('schema-error-pretty').first();
  expect(await pretty.textContent()).toMatch(/^line \d+ in Pretty$/);
  await pretty.click();
  expect(await page.getByTestId('xml-pretty').getAttribute('aria-pressed')).toBe('true');
  await page.locator('.cm-selected-node').first().waitFor();
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

itE2e('while paused, says how many new messages wait', async () => {
  const { page } = app;
  await page.goto(app.uiUrl + '#/log');
  await page.getByTestId('log-list').waitFor();
  await page.getByTestId('log-pause').click();
  await expect.poll(() => page.getByTestId('log-waiting').textContent()).toBe('no new messages');
  await cpes[0].inform(['6 CONNECTION REQUEST']);
  await expect.poll(async () => Number(await page.getByTestId('log-waiting').getAttribute('data-count'))).toBeGreaterThan(0);
  expect(await page.getByTestId('log-waiting').textContent()).toMatch(/^\d+ new messages?$/);
  await app.screenshot('log-paused');
  await page.getByTestId('log-pause').click();
  await page.getByTestId('log-waiting').waitFor({ state: 'detached' });
  expect(app.consoleErrors).toEqual([]);
});

itE2e('a Digest handshake reads as one: the challenged Inform named, the expected 401 neutral, a rejected CPE attributed and filterable', async () => {
  const { page } = app;
  await app.api.invoke('settings.update', { cpeAuth: { scheme: 'digest', username: 'cpe', password: 's3cret' } });
  try {
    const good = new VirtualCpe({ acsUrl: app.acsUrl, model: 'tr181', serialNumber: 'AUTH-OK', rebootDelayMs: 50, username: 'cpe', password: 's3cret' });
    const bad = new VirtualCpe({ acsUrl: app.acsUrl, model: 'tr181', serialNumber: 'AUTH-BAD', rebootDelayMs: 50, username: 'cpe', password: 'nope' });
    cpes.push(good, bad);
    await page.goto(app.uiUrl + '#/log');
    await good.start();
    await bad.start();
    await page.getByTestId('log-search').fill('AUTH-');
    // The Inform that got the challenge is listed as the Inform it is, and its 401 as a step of the handshake, not an error.
    const challenged = page.locator('[data-rpc="Inform"][data-auth="challenge"]').first();
    await challenged.waitFor();
    expect(await challenged.textContent()).toContain('Inform (no credentials yet)');
    expect(await challenged.getAttribute('data-bad')).toBeNull();
    const challenge = page.locator('[data-auth="challenge"]', { hasText: '401 Digest challenge' }).first();
    await challenge.waitFor();
    expect(await challenge.getAttribute('data-bad')).toBeNull();
    // Wrong credentials: red, and attributed to the DeviceId in its body, marked as not authenticated.
    const rejected = page.locator('[data-auth="rejected"]', { hasText: '401 authentication failed' }).first();
    await rejected.waitFor({ timeout: 30_000 });
    expect(await rejected.getAttribute('data-bad')).toBe('true');
    // (A challenged request of AUTH-OK is "not authenticated" too, truthfully: it carried no credentials.)
    const claimed = rejected.locator('[data-testid="log-row-device"][data-claimed="true"]');
    expect(await claimed.textContent()).toMatch(/^AUTH-BAD\s+not authenticated$/);
    const badKey = (await claimed.getAttribute('data-device'))!;
    expect(badKey).toMatch(/-AUTH-BAD$/);
    // The handshakes alone (their notes say 401), the failed one opened.
    await page.getByTestId('log-search').fill('401');
    await page.getByTestId('log-pause').click();
    await page.locator('[data-auth="rejected"]').first().click();
    await page.getByTestId('message-detail').waitFor();
    await app.screenshot('log-auth');
    await page.getByTestId('log-pause').click();
    // Filterable: the device menu offers it, and its log holds its refused requests.
    await page.getByTestId('log-search').fill('');
    await page.getByTestId('log-device').fill('AUTH-BAD');
    await page.getByRole('option', { name: badKey }).click();
    await expect.poll(() => page.url()).toContain(encodeURIComponent(badKey));
    await page.locator('[data-auth="rejected"]').first().waitFor();
    const devices = await page.getByTestId('log-row-device').evaluateAll((els) => [...new Set(els.map((e) => e.getAttribute('data-device')))]);
    expect(devices).toEqual([badKey]);
    await app.screenshot('log-auth-device');
  } finally {
    await app.api.invoke('settings.update', { cpeAuth: { scheme: 'none', username: 'cpe', password: 's3cret' } });
  }
  expect(app.consoleErrors).toEqual([]);
});

itE2e('after a restart the log opens on the history of all devices, read from disk', async () => {
  const { page } = app;
  for (const c of cpes.splice(0)) await c.stop();
  await app.restart();
  await page.goto(app.uiUrl + '#/log');
  await page.getByTestId('log-list').waitFor();
  expect(await page.getByTestId('log-empty').count()).toBe(0);
  await expect.poll(async () => Number((await page.getByTestId('log-count').textContent())?.split(' ')[0])).toBeGreaterThan(20);
  // Every device's sessions, not one: the serials seen in the whole list (read through the API, the list renders only what is visible).
  const all = await app.api.invoke('log.list', { limit: 5000 });
  const serials = new Set(all.map((m) => m.deviceId?.split('-').pop()));
  expect([...serials]).toEqual(expect.arrayContaining(['1', 'BAD', 'OK']));
  await page.getByTestId('log-list').evaluate((el) => { el.scrollTop = 0; });
  await page.locator('[data-rpc="Inform"]').first().waitFor();
  await app.screenshot('log-after-restart');
  expect(app.consoleErrors).toEqual([]);
});
