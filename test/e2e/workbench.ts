/**
 * The VS Code workbench in Chromium, driven as a user drives it: the command palette, quick open, the keyboard.
 * Every wait is bounded; a failed wait throws with the path of a screenshot taken at that moment.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { chromium, type Browser, type FrameLocator, type Locator, type Page } from 'playwright-core';

export interface ProblemEntry {
  /** The marker's message as the Problems panel shows it. */
  message: string;
  /** The row as screen readers get it: severity, message, source, line and column. */
  ariaLabel: string;
}

const BROWSER_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const WORKBENCH_TIMEOUT_MS = 90_000;
const STEP_TIMEOUT_MS = 30_000;

/** A new plan replaces the page of the webview, and with it the frame a wait may have started on: wait again. */
export async function acrossReload(wait: () => Promise<void>, attempts = 3): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await wait();
    } catch (error) {
      if (attempt >= attempts) throw error;
    }
  }
}

export class Workbench {
  private screenshotCount = 0;

  private constructor(
    private readonly browser: Browser,
    readonly page: Page,
    readonly screenshotsDir: string,
  ) {}

  /** Opens the workbench at url and waits until it has loaded. */
  static async open(url: string, chromiumPath: string, screenshotsDir: string): Promise<Workbench> {
    fs.mkdirSync(screenshotsDir, { recursive: true });
    const browser = await chromium.launch({ executablePath: chromiumPath, args: BROWSER_ARGS });
    const page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
    const workbench = new Workbench(browser, page, screenshotsDir);
    try {
      await page.goto(url, { timeout: WORKBENCH_TIMEOUT_MS });
      await workbench.waitFor(page.locator('.monaco-workbench'), 'the workbench to load', WORKBENCH_TIMEOUT_MS);
      // The explorer appears once the workspace folder is read: a sign the workbench is ready for input.
      await workbench.waitFor(page.locator('.explorer-folders-view'), 'the explorer to show the workspace', WORKBENCH_TIMEOUT_MS);
    } catch (error) {
      await workbench.close();
      throw error;
    }
    return workbench;
  }

  async close(): Promise<void> {
    await this.browser.close().catch(() => undefined);
  }

  /** Saves a screenshot of the whole window under the screenshots folder; returns its path. */
  async screenshot(name: string): Promise<string> {
    const file = path.join(this.screenshotsDir, `${String(++this.screenshotCount).padStart(2, '0')}-${name}.png`);
    await this.page.screenshot({ path: file });
    return file;
  }

  /** Runs a command by its title from the command palette, e.g. "View: Toggle Word Wrap". */
  async runCommand(title: string): Promise<void> {
    const input = await this.quickInput('>');
    await input.fill(`>${title}`);
    const row = this.page.locator('.quick-input-widget .monaco-list-row', { hasText: title }).first();
    await this.waitFor(row, `the command palette to offer "${title}"`);
    await input.press('Enter');
  }

  /** Chooses the item of the open quick pick whose label starts with `label`, as typing it and Enter do. */
  async pickQuickInput(label: string): Promise<void> {
    const input = this.page.locator('.quick-input-widget .quick-input-box input');
    await this.waitFor(input, 'a quick pick');
    await input.fill(label);
    await this.waitFor(this.page.locator('.quick-input-widget .monaco-list-row.focused', { hasText: label }), `the quick pick to offer "${label}"`);
    await input.press('Enter');
  }

  /** Opens a workspace file through quick open, as typing its path after Ctrl+P does, and waits for its editor. */
  async openFile(relativePath: string): Promise<void> {
    const input = await this.quickInput('');
    await input.fill(relativePath);
    const name = path.basename(relativePath);
    const row = this.page.locator('.quick-input-widget .monaco-list-row', { hasText: name }).first();
    await this.waitFor(row, `quick open to find ${relativePath}`);
    await input.press('Enter');
    await this.waitFor(this.page.locator(`.tabs-container .tab.active[aria-label^="${name}"]`), `the editor for ${relativePath}`);
    await this.waitFor(this.page.locator('.editor-instance .monaco-editor .view-lines'), `the text of ${relativePath}`);
  }

  /** Error squiggles in the visible editor. */
  squiggles(severity: 'error' | 'warning' = 'error'): Locator {
    return this.page.locator(`.editor-instance .monaco-editor .squiggly-${severity}`);
  }

  /** Waits until the visible editor shows at least one squiggle of the severity. */
  async waitForSquiggle(severity: 'error' | 'warning' = 'error', timeoutMs = STEP_TIMEOUT_MS): Promise<void> {
    await this.waitFor(this.squiggles(severity).first(), `a ${severity} squiggle in the editor`, timeoutMs);
  }

  /** Opens the Problems panel and returns its markers (file rows left out), waiting until there is at least one. */
  async problems(): Promise<ProblemEntry[]> {
    await this.runCommand('View: Focus Problems (Errors, Warnings, Infos)');
    return this.shownProblems();
  }

  /** The markers of the Problems panel once something else has opened it, waiting until there is at least one. */
  async shownProblems(): Promise<ProblemEntry[]> {
    const markerRows = this.page.locator('.markers-panel .monaco-list-row:has(.marker-message)');
    await this.waitFor(markerRows.first(), 'an entry in the Problems panel');
    const entries: ProblemEntry[] = [];
    for (const row of await markerRows.all()) {
      entries.push({ message: (await row.locator('.marker-message').innerText()).trim(), ariaLabel: (await row.getAttribute('aria-label')) ?? '' });
    }
    return entries;
  }

  /**
   * The extension host's activation time of an extension, in milliseconds, as Developer: Show Running Extensions
   * reports it ("Startup Activation: 347ms" when an activation event fired during start-up).
   */
  async activationTime(displayName: string): Promise<number> {
    await this.runCommand('Developer: Show Running Extensions');
    const row = this.page
      .locator('.runtime-extensions-editor .monaco-list-row', { hasText: displayName })
      .filter({ hasText: /Activation: \d+ms/ })
      .first();
    await this.waitFor(row, `${displayName} among the running extensions, activated`);
    const text = await row.innerText();
    await this.runCommand('View: Close Editor');
    return Number(/Activation: (\d+)ms/.exec(text)![1]);
  }

  /** Moves the cursor to a 1-based line and column with Go to Line. */
  async goTo(line: number, column: number): Promise<void> {
    const input = await this.quickInput(':');
    await input.fill(`:${line}:${column}`);
    await input.press('Enter');
    await this.waitFor(this.page.locator('.quick-input-widget'), 'Go to Line to close', STEP_TIMEOUT_MS, 'hidden');
  }

  /** Shows the hover at a 1-based position, as Ctrl+K Ctrl+I does, and returns its text. */
  async hoverAt(line: number, column: number): Promise<string> {
    await this.goTo(line, column);
    await this.runCommand('Show or Focus Hover');
    const hover = this.page.locator('.monaco-editor .monaco-hover:not(.hidden) .monaco-hover-content, .monaco-editor .monaco-hover:not(.hidden) .hover-contents').first();
    await this.waitFor(hover, `a hover at ${line}:${column}`);
    return (await hover.innerText()).trim();
  }

  /**
   * Applies the quick fix titled `title` at a 1-based position through the editor's Quick Fix menu (Ctrl+.). Until
   * the diagnostic has arrived the menu offers nothing: it is closed and opened again until the fix is there.
   */
  async quickFix(line: number, column: number, title: string, timeoutMs = STEP_TIMEOUT_MS): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    const row = this.page.locator('.action-widget .monaco-list-row', { hasText: title }).first();
    await this.goTo(line, column);
    for (;;) {
      await this.runCommand('Quick Fix...');
      try {
        await row.waitFor({ state: 'visible', timeout: Math.max(1, Math.min(3_000, deadline - Date.now())) });
        break;
      } catch {
        await this.dismiss();
        if (Date.now() > deadline) await this.waitFor(row, `the quick fix "${title}" at ${line}:${column}`, 1);
      }
    }
    // The menu lies under a layer that takes the mouse: move its focus to the fix with the keyboard, as a user does.
    const focused = this.page.locator('.action-widget .monaco-list-row.focused');
    for (let step = 0; ((await focused.getAttribute('aria-label').catch(() => null)) ?? '') !== title; step++) {
      if (step > 20) await this.waitFor(focused.filter({ hasText: title }), `the quick fix "${title}" to take the focus`, 1);
      await this.page.keyboard.press('ArrowDown');
    }
    await this.page.keyboard.press('Enter');
    await this.waitFor(this.page.locator('.action-widget'), 'the Quick Fix menu to close', STEP_TIMEOUT_MS, 'hidden');
  }

  /**
   * Chooses the completion item `label` at a 1-based position from the suggestions Trigger Suggest (Ctrl+Space)
   * shows; the item's text is inserted as the editor inserts it.
   */
  async complete(line: number, column: number, label: string): Promise<void> {
    await this.goTo(line, column);
    await this.page.keyboard.press('Control+Space');
    const row = this.page.locator('.editor-widget.suggest-widget .monaco-list-row', { has: this.page.locator('.label-name', { hasText: new RegExp(`^${label}$`) }) }).first();
    await this.waitFor(row, `the completion item "${label}" at ${line}:${column}`);
    await row.click();
    await this.waitFor(this.page.locator('.editor-widget.suggest-widget'), 'the suggestions to close', STEP_TIMEOUT_MS, 'hidden');
  }

  /** Saves the active editor. */
  async save(): Promise<void> {
    await this.runCommand('File: Save');
  }

  /**
   * The document inside the visible webview opened last (a preview, a panel an extension opens): VS Code lays
   * webviews over the editor area, each in two nested frames. Wait for content with
   * `waitFor(workbench.webview().locator(...), ...)`.
   */
  webview(): FrameLocator {
    return this.page.locator('iframe.webview.ready:visible').last().contentFrame().frameLocator('iframe');
  }

  /** Closes a hover, widget or panel focus with Escape. */
  async dismiss(): Promise<void> {
    await this.page.keyboard.press('Escape');
  }

  /** Waits for a locator; on timeout, throws with a screenshot of what the window showed instead. */
  async waitFor(locator: Locator, what: string, timeoutMs = STEP_TIMEOUT_MS, state: 'visible' | 'hidden' = 'visible'): Promise<void> {
    try {
      await locator.waitFor({ state, timeout: timeoutMs });
    } catch {
      const shot = await this.screenshot(`failed-waiting-for-${what.replace(/[^a-z0-9]+/gi, '-').slice(0, 60)}`).catch(() => 'no screenshot');
      throw new Error(`gave up after ${timeoutMs / 1000} s waiting for ${what}; the window then: ${shot}`);
    }
  }

  /** Opens the quick input (F1 is the command palette) with the given prefix, ready for typing. */
  private async quickInput(prefix: string): Promise<Locator> {
    await this.page.keyboard.press('F1');
    const input = this.page.locator('.quick-input-widget .quick-input-box input');
    await this.waitFor(input, 'the command palette');
    await input.fill(prefix);
    return input;
  }
}
