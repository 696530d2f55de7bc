// Page object for the device page: the spec speaks in actions, the
// data-testid locators live here.
import type { Locator, Page } from 'playwright-core';

export class DeviceScreen {
  constructor(readonly page: Page) {}

  get root(): Locator { return this.page.getByTestId('device-page'); }
  get overview(): Locator { return this.page.getByTestId('device-overview'); }
  get wanIp(): Locator { return this.page.getByTestId('overview-wan-ip'); }
  get firmware(): Locator { return this.page.getByTestId('overview-firmware'); }
  get events(): Locator { return this.page.getByTestId('overview-events'); }
  ssid(n: number): Locator { return this.page.getByTestId(`overview-ssid-${n}`); }
  ssidName(n: number): Locator { return this.page.getByTestId(`overview-ssid-${n}-name`); }
  get discovery(): Locator { return this.page.getByTestId('discovery-progress'); }
  get tree(): Locator { return this.page.getByTestId('param-tree'); }
  row(path: string): Locator { return this.page.getByTestId(`tree-row-${path}`); }
  toggle(path: string): Locator { return this.page.getByTestId(`tree-toggle-${path}`); }
  value(path: string): Locator { return this.page.getByTestId(`tree-value-${path}`); }
  pending(path: string): Locator { return this.page.getByTestId(`tree-pending-${path}`); }
  get editorInput(): Locator { return this.page.getByTestId('editor-input'); }
  get editorSave(): Locator { return this.page.getByTestId('editor-save'); }
  get editorError(): Locator { return this.page.getByTestId('editor-error'); }
  get search(): Locator { return this.page.getByTestId('param-search'); }
  get searchSummary(): Locator { return this.page.getByTestId('search-summary'); }
  searchResult(path: string): Locator { return this.page.getByTestId(`search-result-${path}`); }
  get details(): Locator { return this.page.getByTestId('details-pane'); }
  get tasks(): Locator { return this.page.getByTestId('task-panel'); }
  task(id: string): Locator { return this.page.getByTestId(`task-row-${id}`); }
  get confirmOk(): Locator { return this.page.getByTestId('confirm-ok'); }
  get contactResult(): Locator { return this.page.getByTestId('contact-result'); }
  action(name: 'reboot' | 'factory-reset' | 'refresh' | 'contact'): Locator { return this.page.getByTestId(`action-${name}`); }
  // The Compatibility tab (CompatPanel) and the last session's problem above the tabs.
  get compatTab(): Locator { return this.page.getByTestId('device-tab-compat'); }
  get compatPanel(): Locator { return this.page.getByTestId('compat-panel'); }
  get compatChip(): Locator { return this.page.getByTestId('device-compat-chip'); }
  compatRow(s: string): Locator { return this.page.getByTestId(`compat-row-${s}`); }
  compatSource(s: string): Locator { return this.page.getByTestId(`compat-source-${s}`); }
  compatReason(s: string): Locator { return this.page.getByTestId(`compat-reason-${s}`); }
  compatInput(s: string): Locator { return this.page.getByTestId(`compat-input-${s}`); }
  compatError(s: string): Locator { return this.page.getByTestId(`compat-error-${s}`); }
  compatReset(s: string): Locator { return this.page.getByTestId(`compat-reset-${s}`); }
  /** data-value of a switch: its effective value as text ('true', 'false', '50', 'auto'). */
  compatValue(s: string): Promise<string | null> { return this.page.getByTestId(`compat-value-${s}`).getAttribute('data-value'); }
  get sessionProblem(): Locator { return this.page.getByTestId('session-problem'); }

  async open(uiUrl: string, id: string): Promise<void> {
    await this.page.goto(`${uiUrl}#/device/${encodeURIComponent(id)}`);
    await this.root.waitFor();
    await this.overview.and(this.page.locator(':not([data-loading])')).waitFor();
  }

  async expand(path: string): Promise<void> {
    const row = this.row(path);
    if ((await row.getAttribute('aria-expanded')) !== 'true') await this.toggle(path).click();
  }

  /** Search by path or value and pick the result: the tree opens down to it and selects it. */
  async reveal(query: string, path: string): Promise<void> {
    await this.search.fill(query);
    await this.searchResult(path).click();
    await this.row(path).and(this.page.locator('[aria-selected="true"]')).waitFor();
  }

  /** Click an SSID name in the overview's Wi-Fi card: the tree opens on it with its editor. */
  async editSsidFromOverview(n: number): Promise<void> {
    await this.ssidName(n).click();
    await this.editorInput.waitFor();
  }

  /** Hover the row (its buttons show on hover) and click one of them. */
  async rowButton(kind: 'edit' | 'add' | 'delete' | 'refresh', path: string): Promise<void> {
    await this.row(path).hover();
    await this.page.getByTestId(`tree-${kind}-${path}`).click();
  }

  /**
   * Notes whether an element with this test id ever appears from now on (a
   * task can complete in well under a second, too fast to catch by polling).
   */
  async watch(testid: string): Promise<() => Promise<boolean>> {
    await this.page.evaluate((id) => {
      const w = window as unknown as { __seenIds?: Set<string> };
      const seen = (w.__seenIds ??= new Set());
      const note = () => { if (document.querySelector(`[data-testid="${CSS.escape(id)}"]`)) seen.add(id); };
      new MutationObserver(note).observe(document.body, { subtree: true, childList: true });
      note();
    }, testid);
    return () => this.page.evaluate((id) => !!(window as unknown as { __seenIds?: Set<string> }).__seenIds?.has(id), testid);
  }

  /** data-path of the element with keyboard focus. */
  async focusedPath(): Promise<string | null> {
    return this.page.evaluate(() => document.activeElement?.getAttribute('data-path') ?? null);
  }

  /** data-status of the newest task row for an RPC. */
  async newestTaskStatus(rpc: string): Promise<string | null> {
    const row = this.tasks.locator(`[data-rpc="${rpc}"]`).first();
    return (await row.count()) ? row.getAttribute('data-status') : null;
  }
}
