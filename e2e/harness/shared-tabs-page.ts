import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { SharedTabsPageState, TabInboundAudio } from '../page/shared-tabs/shared-tabs-page.js';
import { assertLoopbackOnly } from './network.js';
import { collectPageErrors } from './page-errors.js';
import { bundlePage, servePage, type PageServer } from './page-server.js';
import { waitUntil } from './wait.js';
import { recordFrames, type WsFrame } from './ws-frames.js';

/** Who the tabs are registered as, and through which WebSocket. */
export interface SharedTabsOptions {
  readonly ws: string;
  readonly user: string;
  readonly domain: string;
  readonly password: string;
}

/**
 * Bundles the shared-tabs page (React, @sipkit/react with `sharedTabs`, from source) and serves
 * it on `port` (any free one when absent).
 */
export async function serveSharedTabsPage(
  port?: number,
  entry = 'shared-tabs/main.tsx',
): Promise<PageServer> {
  return servePage(await bundlePage(entry), 'shared-tabs/index.html', port);
}

/**
 * Runs in every page before its bundle: keeps each RTCPeerConnection the page creates, so the
 * test reads inbound RTP from whichever tab holds a call's media, whatever object owns it.
 */
function keepPeerConnections(): void {
  const Original = window.RTCPeerConnection;
  const kept: RTCPeerConnection[] = [];
  window.__peerConnections = kept;
  const Counting = function (this: unknown, ...args: ConstructorParameters<typeof Original>) {
    const pc = new Original(...args);
    kept.push(pc);
    return pc;
  } as unknown as typeof RTCPeerConnection;
  Counting.prototype = Original.prototype;
  Object.setPrototypeOf(Counting, Original);
  window.RTCPeerConnection = Counting;
}

/**
 * One tab of the group: a page of the shared browser context. Reads what the person sees (the
 * role line, the banner, the calls with their Hang up) and clicks what they would.
 */
export class SharedTab {
  readonly label: string;
  readonly page: Page;
  readonly errors: string[] = [];
  /** Every WebSocket frame of this tab, from before it loaded (none for a follower). */
  readonly frames: WsFrame[];
  /** WebSockets this tab opened, with when (test clock, `Date.now()`). */
  readonly sockets: { readonly url: string; readonly at: number }[] = [];
  closedAt: number | undefined;

  constructor(label: string, page: Page) {
    this.label = label;
    this.page = page;
    collectPageErrors(page, this.errors, label);
    this.frames = recordFrames(page);
    page.on('websocket', (socket) => this.sockets.push({ url: socket.url(), at: Date.now() }));
  }

  get open(): boolean {
    return this.closedAt === undefined;
  }

  state(): Promise<SharedTabsPageState> {
    return this.page.evaluate(() => window.__tabs.state);
  }

  /** What the role line shows: `data-role` (owner / follower / pending) and `data-mode`. */
  async role(): Promise<{ readonly role: string | null; readonly mode: string | null }> {
    const line = this.page.getByTestId('tab-role');
    return {
      role: await line.getAttribute('data-role'),
      mode: await line.getAttribute('data-mode'),
    };
  }

  /** Whether the incoming-call banner is shown in this tab. */
  ringing(): Promise<boolean> {
    return this.page.getByTestId('incoming').isVisible();
  }

  answer(): Promise<void> {
    return this.page.getByTestId('answer').click({ timeout: 5000 });
  }

  /** Clicks Hang up on the (only) call this tab lists. */
  hangup(): Promise<void> {
    return this.page.getByTestId('hangup').click({ timeout: 5000 });
  }

  /** The status of each call the tab lists in progress (`data-status`). */
  async listedCalls(): Promise<string[]> {
    const calls = this.page.getByTestId('call');
    return (
      await calls.evaluateAll((items) => items.map((i) => i.getAttribute('data-status')))
    ).map((s) => s ?? '');
  }

  /** Inbound audio of the peer connections this tab created (zero when it holds no media). */
  inboundAudio(): Promise<TabInboundAudio> {
    return this.page.evaluate(async () => {
      const pcs = (window.__peerConnections ?? []).filter((pc) => pc.connectionState !== 'closed');
      let packetsReceived = 0;
      for (const pc of pcs) {
        const report = await pc.getStats();
        report.forEach((stat: { type: string; kind?: string; packetsReceived?: number }) => {
          if (stat.type === 'inbound-rtp' && stat.kind === 'audio') {
            packetsReceived += stat.packetsReceived ?? 0;
          }
        });
      }
      return {
        packetsReceived,
        connections: pcs.length,
        connectionStates: pcs.map((pc) => pc.connectionState),
      };
    });
  }

  /** Closes the tab as a person does (the page's `pagehide` runs). */
  async close(): Promise<void> {
    if (this.closedAt !== undefined) return;
    this.closedAt = Date.now();
    await this.page.close();
  }

  /**
   * Crashes the tab's renderer (CDP `Page.crash`): no `pagehide`, no goodbye, the page just
   * stops, as when a tab's process dies. Its Web Locks are released by the browser.
   */
  async crash(): Promise<void> {
    if (this.closedAt !== undefined) return;
    const crashed = new Promise<void>((resolve) => this.page.once('crash', () => resolve()));
    const cdp = await this.page.context().newCDPSession(this.page);
    this.closedAt = Date.now();
    // The renderer dies before it can answer: the command's own promise never settles well.
    void cdp.send('Page.crash').catch(() => undefined);
    await crashed;
  }

  /** SIP requests of `method` this tab sent on its WebSockets (request line and headers). */
  sent(method: string, since = 0): WsFrame[] {
    return this.frames.filter(
      (f) => f.direction === 'sent' && f.at >= since && f.text.startsWith(`${method} `),
    );
  }
}

/**
 * Several tabs of one origin in one browser context (one profile, so one Web Locks manager and
 * one BroadcastChannel namespace, as in a person's browser), all on the shared-tabs page with
 * the same account: one group.
 */
export class SharedTabs {
  readonly tabs: SharedTab[] = [];
  readonly #context: BrowserContext;
  readonly #url: string;
  #opened = 0;

  private constructor(context: BrowserContext, url: string) {
    this.#context = context;
    this.#url = url;
  }

  static async create(
    browser: Browser,
    server: PageServer,
    options: SharedTabsOptions,
  ): Promise<SharedTabs> {
    assertLoopbackOnly();
    const context = await browser.newContext();
    await context.addInitScript(keepPeerConnections);
    const query = new URLSearchParams({
      ws: options.ws,
      uri: `sip:${options.user}@${options.domain}`,
      password: options.password,
    });
    return new SharedTabs(context, `${server.url}?${query.toString()}`);
  }

  /** Opens one more tab and waits until its provider knows its role (owner or follower). */
  async open(): Promise<SharedTab> {
    const tab = new SharedTab(`tab ${++this.#opened}`, await this.#context.newPage());
    this.tabs.push(tab);
    await tab.page.goto(this.#url);
    await waitUntil(
      `${tab.label} to know its role`,
      async () => {
        const { role } = await tab.role();
        return role === 'owner' || role === 'follower' ? role : undefined;
      },
      10_000,
    ).catch(async (error: unknown) => {
      const state = await tab.state().catch(() => undefined);
      throw new Error(
        `${tab.label}: ${String(error)} (${JSON.stringify(state?.tabs)}) ` +
          [...(state?.errors ?? []), ...tab.errors].join('; '),
      );
    });
    return tab;
  }

  /** The open tabs whose role line says `owner`. */
  async owners(): Promise<SharedTab[]> {
    const roles = await Promise.all(
      this.tabs.map(async (tab) => (tab.open ? (await tab.role()).role : null)),
    );
    return this.tabs.filter((_, index) => roles[index] === 'owner');
  }

  /** Every WebSocket any tab opened. */
  sockets(): { readonly tab: string; readonly url: string; readonly at: number }[] {
    return this.tabs.flatMap((tab) => tab.sockets.map((s) => ({ tab: tab.label, ...s })));
  }

  /** Every REGISTER any tab sent (a challenged one and its authenticated retry count twice). */
  registers(since = 0): { readonly tab: string; readonly frame: WsFrame }[] {
    return this.tabs.flatMap((tab) =>
      tab.sent('REGISTER', since).map((frame) => ({ tab: tab.label, frame })),
    );
  }

  errors(): string[] {
    return this.tabs.flatMap((tab) => tab.errors);
  }

  async close(): Promise<void> {
    await this.#context.close();
  }

  /** Writes each tab's frames to `dir` (kept with SIPKIT_E2E_KEEP). */
  saveFrames(dir: string, name: string): void {
    for (const tab of this.tabs) {
      writeFileSync(
        join(dir, `${name}-${tab.label.replace(/\W+/g, '_')}.frames.txt`),
        tab.frames.map((f) => `--- ${f.direction} ${f.at}\n${f.text}`).join('\n'),
      );
    }
  }
}
