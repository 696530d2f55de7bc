// The compatibility profile through the UI (issue 10, acceptance 3): a virtual
// CPE started from "Add virtual CPE" with a quirk picked in the dialog
// (rejectXmlDeclaration) makes the ACS learn a switch, which the device page
// shows with its reason; switches changed by hand are stored as the user's,
// apply to the device's next session, go back to the default on reset, and
// survive a restart of the backend.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { DeviceSummary } from '../../shared/model/records';
import { DeviceScreen } from './device.page';
import { DevicesScreen } from './devices.page';
import { describeE2e, launchApp, type E2eApp } from './support/app';

let app: E2eApp;
let list: DevicesScreen;
let dev: DeviceScreen;
let id = '';

const get = async (): Promise<DeviceSummary> => (await app.api.invoke('device.get', { id }))!;

beforeAll(async () => {
  app = await launchApp();
  list = new DevicesScreen(app.page);
  dev = new DeviceScreen(app.page);
});
afterAll(async () => { await app?.close(); });

describeE2e('compatibility profile', () => {
  it('the dialog starts a virtual CPE with the quirks picked, each described, values where they take one', async () => {
    await list.root.waitFor();
    await list.openAddVirtualCpe('TR-181');
    await list.pickQuirk('rejectXmlDeclaration');
    // A quirk that takes a value gets its choices; shown, then removed again (it is not what this test is about).
    await list.pickQuirk('crDigestAlgorithm');
    const value = app.page.getByTestId('quirk-value-crDigestAlgorithm');
    await expect.poll(() => value.inputValue()).toBe('SHA-256');
    // The list finds a quirk by what it does, each with its one-line description.
    const input = app.page.getByTestId('add-virtual-cpe-quirks');
    await input.fill('digest');
    await expect.poll(() => app.page.locator('[data-testid^="quirk-option-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid'))))
      .toEqual(['quirk-option-crBasic', 'quirk-option-crDigestAlgorithm']);
    await input.fill('');
    expect(await app.page.getByTestId('quirk-option-dropOnPartialPath').textContent())
      .toMatch(/teaches: Partial-path GetParameterValues.*Drops the session on a partial-path GetParameterValues/);
    await app.page.waitForTimeout(300);
    await app.screenshot('add-virtual-cpe-quirks-open');
    await app.page.keyboard.press('Escape');
    await app.page.getByTestId('add-virtual-cpe-count').fill('0');
    await app.page.getByText('a whole number from 1 to 100').waitFor();
    expect(await app.page.getByTestId('add-virtual-cpe-confirm').isDisabled()).toBe(true);
    await app.page.getByTestId('add-virtual-cpe-count').fill('1');
    await app.page.mouse.move(0, 0);
    await app.page.waitForTimeout(300);
    await app.screenshot('add-virtual-cpe-dialog');
    await list.quirkChip('crDigestAlgorithm').locator('.MuiChip-deleteIcon').click();
    await expect.poll(() => list.quirkChip('crDigestAlgorithm').count()).toBe(0);
    expect(await list.quirkChip('rejectXmlDeclaration').count()).toBe(1);
    await list.confirmAddVirtualCpe();
    await expect.poll(() => list.notice('success').textContent()).toMatch(/started .* with rejectXmlDeclaration/);
    await expect.poll(async () => (await app.api.invoke('device.list', {})).length, { timeout: 30_000 }).toBe(1);
    id = (await app.api.invoke('device.list', {}))[0].id;
  });

  it('the learned XML-declaration switch is shown with its reason; the dropped session is said on the page', async () => {
    await dev.open(app.uiUrl, id);
    const sawProblem = await dev.watch('session-problem');
    await expect.poll(async () => (await get()).compat?.xmlDeclaration?.source, { timeout: 30_000 }).toBe('learned');
    const learned = (await get()).compat!.xmlDeclaration!;
    expect(learned.value).toBe(false);
    expect(learned.sessionId).toBeTruthy();
    // The page says what went wrong while it is the latest news (until a session completes).
    await expect.poll(sawProblem, { timeout: 30_000 }).toBe(true);
    if (await dev.sessionProblem.isVisible()) {
      expect(await dev.sessionProblem.textContent()).toMatch(/right after the InformResponse/);
      await app.page.mouse.move(0, 0);
      await app.screenshot('device-session-problem');
    }
    await expect.poll(() => dev.compatChip.textContent()).toBe('1 compat switch (1 learned)');
    await dev.compatChip.click();
    await dev.compatPanel.waitFor();
    await app.page.mouse.move(0, 0);
    await app.page.getByRole('tooltip').waitFor({ state: 'detached' });
    await expect.poll(() => dev.compatSource('xmlDeclaration').getAttribute('data-source')).toBe('learned');
    expect(await dev.compatValue('xmlDeclaration')).toBe('false');
    expect(await dev.compatRow('xmlDeclaration').textContent()).toContain('XML declaration in ACS messages');
    expect(await dev.compatReason('xmlDeclaration').textContent()).toBe(learned.reason);
    expect(learned.reason).toMatch(/right after the InformResponse/);
    expect(await dev.compatRow('xmlDeclaration').getByTestId('compat-session-xmlDeclaration').textContent()).toBe(`session ${learned.sessionId}`);
    // Every other switch is at its default, and says so.
    expect(await dev.compatSource('cookieless').textContent()).toBe('default');
    expect(await dev.compatReset('cookieless').isDisabled()).toBe(true);
    // Discovery completes without the declaration.
    await expect.poll(async () => (await get()).discovery.status, { timeout: 60_000 }).toBe('done');
    await app.page.mouse.move(0, 0);
    await app.screenshot('device-compat-learned');
  });

  it('switches changed by hand are stored as the user\'s and apply to the next session', async () => {
    await dev.compatInput('partialPathGetParameterValues').click();
    await expect.poll(async () => (await get()).compat?.partialPathGetParameterValues).toMatchObject({ value: false, source: 'user' });
    await expect.poll(() => dev.compatSource('partialPathGetParameterValues').textContent()).toBe('set by you');
    expect(await dev.compatValue('partialPathGetParameterValues')).toBe('false');

    // A bad number is explained next to the field and nothing is sent.
    const max = dev.compatInput('maxParametersPerGet');
    await max.fill('-3');
    await expect.poll(() => dev.compatError('maxParametersPerGet').textContent()).toBe('maxParametersPerGet is a whole number from 0 to 100000');
    await max.press('Enter');
    await app.page.waitForTimeout(300);
    expect((await get()).compat?.maxParametersPerGet).toBeUndefined();
    await max.fill('40');
    await max.press('Enter');
    await expect.poll(async () => (await get()).compat?.maxParametersPerGet).toMatchObject({ value: 40, source: 'user' });
    await expect.poll(() => dev.compatValue('maxParametersPerGet')).toBe('40');

    await expect.poll(() => dev.compatReset('maxParametersPerGet').isEnabled()).toBe(true);
    await app.page.mouse.move(0, 0);
    await app.page.waitForTimeout(300); // the buttons' colour transition
    await app.screenshot('device-compat-user');

    // The next session follows both: a rediscovery reads values by name, at most 40 a request, no partial paths.
    const before = Math.max(0, ...(await app.api.invoke('log.list', { deviceId: id })).map((m) => m.seq));
    await app.api.invoke('device.discover', { id });
    await app.api.invoke('device.contact', { id });
    await expect.poll(async () => (await get()).discovery.status, { timeout: 60_000 }).toBe('running');
    await expect.poll(async () => (await get()).discovery.status, { timeout: 60_000 }).toBe('done');
    const gpvs = (await app.api.invoke('log.list', { deviceId: id })).filter((m) => m.seq > before && m.rpc === 'GetParameterValues');
    expect(gpvs.length).toBeGreaterThan(1);
    for (const m of gpvs) {
      const names = [...m.body.matchAll(/<string>([^<]*)<\/string>/g)].map((x) => x[1]);
      expect(names.length).toBeGreaterThan(0);
      expect(names.length).toBeLessThanOrEqual(40);
      expect(names.filter((n) => n.endsWith('.'))).toEqual([]);
      expect(m.body.startsWith('<?xml')).toBe(false);
    }
  });

  it('reset returns a switch to its default', async () => {
    await dev.compatReset('maxParametersPerGet').click();
    await expect.poll(async () => (await get()).compat?.maxParametersPerGet).toBeUndefined();
    await expect.poll(() => dev.compatSource('maxParametersPerGet').textContent()).toBe('default');
    expect(await dev.compatValue('maxParametersPerGet')).toBe('0');
    expect(await dev.compatReset('maxParametersPerGet').isDisabled()).toBe(true);
  });

  it('the profile survives a restart of the backend, on the page too', async () => {
    const kept = (await get()).compat;
    await app.restart();
    const after = (await get()).compat;
    expect(after).toEqual(kept);
    expect(after?.xmlDeclaration).toMatchObject({ value: false, source: 'learned' });
    expect(after?.partialPathGetParameterValues).toMatchObject({ value: false, source: 'user' });
    await dev.open(app.uiUrl, id);
    await dev.compatTab.click();
    await expect.poll(() => dev.compatSource('xmlDeclaration').getAttribute('data-source')).toBe('learned');
    expect(await dev.compatSource('partialPathGetParameterValues').getAttribute('data-source')).toBe('user');
    expect(await dev.compatReason('xmlDeclaration').textContent()).toMatch(/right after the InformResponse/);
    expect(app.consoleErrors).toEqual([]);
  });
});
