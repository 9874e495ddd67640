import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { collectPageErrors } from './page-errors.js';

/** What the settings form asks for, as a person would type it. */
export interface DialerAccount {
  readonly server: string;
  readonly uri: string;
  readonly password: string;
  readonly displayName: string;
}

/** A message row of the call's SIP ladder: who sent it, its arrow label, a response's method. */
export interface LadderQuery {
  readonly direction: 'sent' | 'received';
  /** `INVITE`, `200 OK`... exactly as the arrow says. */
  readonly label: string;
  /** For responses: the method of the request answered (the ladder's CSeq column). */
  readonly method?: string;
}

/** The part of a call in the dialer's store (`@sipkit/react`'s `CallState`) read here. */
export interface DialerCall {
  readonly callId: string;
  readonly status: string;
  readonly hold: { readonly local: boolean; readonly remote: boolean };
  readonly lastDtmf: { readonly tone: string; readonly originator: string } | undefined;
  readonly endedBy: string | undefined;
}

/** The part of the store state read here (`SipState`). */
export interface DialerState {
  readonly calls: Readonly<Record<string, DialerCall | undefined>>;
  readonly callOrder: readonly string[];
  readonly currentCallId: string | undefined;
}

/**
 * The dialer's dev-only hook (apps/dialer/src/dev/debug-hook.tsx), typed here rather than
 * imported: the e2e package does not compile the app's React sources.
 */
interface DialerWindow {
  __sipkit?: {
    state(): DialerState;
    inboundAudioPackets(): Promise<number | undefined>;
  };
  __e2eDtmfTones?: string[];
}

/**
 * One page of the demo dialer (apps/dialer) in a browser context of its own (its own
 * localStorage), driven through what a person sees, and read through the dev-only
 * `window.__sipkit` hook, the DOM and the tones its RTCDTMFSender plays.
 */
export class DialerPage {
  readonly page: Page;
  /** Uncaught errors and console errors of the page. */
  readonly errors: string[] = [];
  readonly #context: BrowserContext;

  private constructor(name: string, context: BrowserContext, page: Page) {
    this.#context = context;
    this.page = page;
    collectPageErrors(page, this.errors, name);
  }

  static async open(browser: Browser, url: string, name: string): Promise<DialerPage> {
    const context = await browser.newContext();
    // Neither the dialer nor its hook reports what the browser actually played into RTP, so the
    // page records every RTCDTMFSender's tonechange from before the app's first script.
    await context.addInitScript(recordDtmfTones);
    const dialer = new DialerPage(name, context, await context.newPage());
    await dialer.page.goto(url);
    return dialer;
  }

  /** Fills the settings form by its labels and connects; resolves once the badge says Registered. */
  async connect(account: DialerAccount): Promise<void> {
    const page = this.page;
    await page.getByLabel('WebSocket server').fill(account.server);
    await page.getByLabel('SIP URI').fill(account.uri);
    // exact: "Remember password" is a label too.
    await page.getByLabel('Password', { exact: true }).fill(account.password);
    await page.getByLabel('Display name').fill(account.displayName);
    await page.getByRole('button', { name: 'Connect' }).click();
    await expect
      .poll(() => page.getByRole('status').first().textContent(), { timeout: 10_000 })
      .toBe('Registered');
  }

  button(name: string): Locator {
    return this.page.getByRole('button', { name, exact: true });
  }

  /** Whether the button named `name` is there and enabled now (for polling: never waits long). */
  enabled(name: string): Promise<boolean> {
    return this.button(name)
      .isEnabled({ timeout: 200 })
      .catch(() => false);
  }

  /** The current call's status line ("In call", "On hold"...), or null without a call. */
  callStatus(): Promise<string | null> {
    return this.page.locator('.sk-call-status').textContent({ timeout: 1000 });
  }

  state(): Promise<DialerState> {
    return this.page.evaluate(() => {
      const hook = (window as unknown as DialerWindow).__sipkit;
      if (hook === undefined) throw new Error('no window.__sipkit (not a dev build?)');
      return hook.state();
    });
  }

  /** The current call as the store has it. */
  async currentCall(): Promise<DialerCall> {
    const state = await this.state();
    const call = state.currentCallId === undefined ? undefined : state.calls[state.currentCallId];
    if (call === undefined) throw new Error('no current call');
    return call;
  }

  /** Audio RTP packets received on the current call so far (0 before any are counted). */
  async inboundAudio(): Promise<number> {
    const packets = await this.page.evaluate(() =>
      (window as unknown as DialerWindow).__sipkit?.inboundAudioPackets(),
    );
    return packets ?? 0;
  }

  /** Calls in the store that have not ended (ringing ones included). */
  async liveCalls(): Promise<number> {
    const state = await this.state();
    return state.callOrder.filter((id) => state.calls[id]?.status !== 'terminated').length;
  }

  /** Tones the page's RTCDTMFSenders played (their `tonechange` events), in order. */
  tonesPlayed(): Promise<string[]> {
    return this.page.evaluate(() => [
      ...((window as unknown as DialerWindow).__e2eDtmfTones ?? []),
    ]);
  }

  /**
   * The raw text of the newest ladder message that matches, as a person reads it: its arrow is
   * clicked open, read, and clicked shut again.
   */
  async ladderMessage(query: LadderQuery): Promise<string> {
    let rows = this.page
      .locator(`.sk-ladder-row[data-sipkit-direction="${query.direction}"]`)
      .filter({
        has: this.page.locator('.sk-ladder-label').getByText(query.label, { exact: true }),
      });
    if (query.method !== undefined) {
      const cseq = new RegExp(`^\\d+ ${query.method}$`);
      rows = rows.filter({ has: this.page.locator('.sk-ladder-cseq').getByText(cseq) });
    }
    const row = rows.last();
    const arrow = row.getByRole('button');
    await arrow.click();
    const raw = await row.locator('.sk-ladder-raw').textContent();
    await arrow.click();
    if (raw === null) throw new Error(`ladder row ${JSON.stringify(query)} has no raw message`);
    return raw;
  }

  close(): Promise<void> {
    return this.#context.close();
  }
}

// Runs in the page (serialized by Playwright): keep it self-contained.
function recordDtmfTones(): void {
  const played: string[] = [];
  (window as unknown as DialerWindow).__e2eDtmfTones = played;
  const watched = new WeakSet<RTCDTMFSender>();
  const insert = RTCDTMFSender.prototype.insertDTMF;
  RTCDTMFSender.prototype.insertDTMF = function (this: RTCDTMFSender, ...args) {
    if (!watched.has(this)) {
      watched.add(this);
      // The last tonechange of a run has an empty tone: the buffer ran dry.
      this.addEventListener('tonechange', (event) => {
        if (event.tone !== '') played.push(event.tone);
      });
    }
    return insert.apply(this, args);
  };
}
