// Page objects for the Devices and Settings screens: the specs speak in
// actions, the data-testid locators live here.
import type { Locator, Page } from 'playwright-core';

export class DevicesScreen {
  constructor(readonly page: Page) {}

  get root(): Locator { return this.page.getByTestId('devices-page'); }
  get empty(): Locator { return this.page.getByTestId('device-empty'); }
  get acsUrls(): Locator { return this.page.getByTestId('acs-url'); }
  get search(): Locator { return this.page.getByTestId('device-search'); }
  get rows(): Locator { return this.page.locator('[data-testid^="device-row-"]'); }
  get noMatch(): Locator { return this.page.getByTestId('devices-no-match'); }
  row(id: string): Locator { return this.page.getByTestId(`device-row-${id}`); }
  discovery(id: string): Locator { return this.page.getByTestId(`device-discovery-${id}`); }
  dataModel(id: string): Locator { return this.page.getByTestId(`device-model-${id}`); }
  state(id: string): Locator { return this.page.getByTestId(`device-state-${id}`); }
  tasks(id: string): Locator { return this.page.getByTestId(`device-tasks-${id}`); }
  notice(severity: 'success' | 'info' | 'warning' | 'error'): Locator { return this.page.getByTestId(`notice-${severity}`); }

  async open(): Promise<void> {
    await this.page.getByTestId('nav-devices').click();
    await this.root.waitFor();
  }

  /** "Add virtual CPE" → pick the model → Start. */
  async openAddVirtualCpe(model: 'TR-181' | 'TR-098'): Promise<void> {
    await this.page.getByTestId('add-virtual-cpe').click();
    await this.page.getByTestId('add-virtual-cpe-model').getByText(`${model} gateway`).click();
  }

  /** In the open "Add virtual CPE" dialog: pick a quirk from the picker (its list stays open for more). */
  async pickQuirk(name: string): Promise<void> {
    const input = this.page.getByTestId('add-virtual-cpe-quirks');
    await input.click();
    await input.fill(name);
    await this.page.getByTestId(`quirk-option-${name}`).click();
  }

  /** The chip of a picked quirk in the picker (its delete icon removes it). */
  quirkChip(name: string): Locator {
    return this.page.getByTestId('add-virtual-cpe-dialog').locator('.MuiChip-root', { hasText: name });
  }

    async confirmAddVirtualCpe(): Promise<void> {
    await this.page.getByTestId('add-virtual-cpe-confirm').click();
  }

  async select(id: string): Promise<void> {
    await this.page.getByTestId(`device-select-${id}`).check();
  }

  async openReboot(): Promise<void> {
    await this.page.getByTestId('bulk-reboot').click();
    await this.page.getByTestId('bulk-reboot-confirm').waitFor();
  }

  async confirmReboot(): Promise<void> {
    await this.page.getByTestId('bulk-reboot-confirm').click();
  }

  /** Device keys of the rows shown, top to bottom. */
  async shownIds(): Promise<string[]> {
    const ids = await this.rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-testid') ?? ''));
    return ids.map((t) => t.replace(/^device-row-/, ''));
  }

  /**
   * Records every value a data-status / data-state / text takes on the page
   * from now on (a discovery can run in well under a second, too fast to
   * catch by polling). Read back with seen().
   */
  async recordChanges(): Promise<void> {
    await this.page.evaluate(() => {
      const w = window as unknown as { __seen: Set<string> };
      w.__seen = new Set();
      const note = () => {
        for (const el of document.querySelectorAll('[data-testid^="device-discovery-"]')) w.__seen.add(`discovery:${el.getAttribute('data-status')}`);
        for (const el of document.querySelectorAll('[data-testid^="device-state-"]')) w.__seen.add(`state:${el.getAttribute('data-state')}`);
        for (const el of document.querySelectorAll('[data-testid^="device-tasks-"]')) w.__seen.add(`tasks:${el.textContent}`);
      };
      new MutationObserver(note).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
      note();
    });
  }

  async seen(): Promise<string[]> {
    return this.page.evaluate(() => [...(window as unknown as { __seen: Set<string> }).__seen]);
  }
}

export class SettingsScreen {
  constructor(readonly page: Page) {}

  get root(): Locator { return this.page.getByTestId('settings-page'); }
  get port(): Locator { return this.page.getByTestId('settings-cwmp-port'); }
  get host(): Locator { return this.page.getByTestId('settings-cwmp-host'); }
  get save(): Locator { return this.page.getByTestId('settings-save'); }
  get acsUrls(): Locator { return this.page.getByTestId('acs-url'); }
  get listening(): Locator { return this.page.getByTestId('settings-listening'); }
  get status(): Locator { return this.page.getByTestId('settings-status'); }
  get retentionSessions(): Locator { return this.page.getByTestId('settings-retention-sessions'); }
  get retentionMiB(): Locator { return this.page.getByTestId('settings-retention-mib'); }
  get sessionLogSection(): Locator { return this.page.getByTestId('settings-session-log'); }
  /** The helper/error text under an input (MUI links it with aria-describedby). */
  helper(input: Locator): Locator {
    return input.locator('xpath=ancestor::div[contains(@class,"MuiFormControl-root")][1]//p');
  }

  async open(): Promise<void> {
    await this.page.getByTestId('nav-settings').click();
    await this.port.waitFor();
  }

  async setPort(value: string): Promise<void> {
    await this.port.fill(value);
  }
}
