import type { Browser, BrowserContext, Page } from 'playwright-core';
import { SIP_DOMAIN, TEST_PASSWORD, type Kamailio } from './kamailio.js';
import { assertLoopbackOnly } from './network.js';
import { collectPageErrors } from './page-errors.js';

/** One SIP frame the page's WebSocket sent or received, in order. */
export interface AppFrame {
  readonly direction: 'sent' | 'received';
  readonly data: string;
}

declare global {
  interface Window {
    __wire?: AppFrame[];
  }
}

// Runs before the app: records every WebSocket frame, whichever library opened the socket, so a
// test reads what really went on the wire.
function recordWebSocketFrames(): void {
  const frames: AppFrame[] = [];
  window.__wire = frames;
  const NativeWebSocket = window.WebSocket;
  const send = NativeWebSocket.prototype.send;
  NativeWebSocket.prototype.send = function (this: WebSocket, data) {
    if (typeof data === 'string') frames.push({ direction: 'sent', data });
    return send.call(this, data);
  };
  window.WebSocket = class extends NativeWebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      this.addEventListener('message', (event: MessageEvent) => {
        if (typeof event.data === 'string')
          frames.push({ direction: 'received', data: event.data });
      });
    }
  };
}

/**
 * The JsSIP-style softphone (e2e/page/jssip-app) for one user in its own browser context, driven
 * through its buttons and read through its views, as a person would; plus the page's WebSocket
 * frames.
 */
export class JsSipAppPage {
  readonly user: string;
  readonly aor: string;
  readonly page: Page;
  readonly errors: string[] = [];
  readonly #context: BrowserContext;

  private constructor(user: string, context: BrowserContext, page: Page) {
    this.user = user;
    this.aor = `sip:${user}@${SIP_DOMAIN}`;
    this.#context = context;
    this.page = page;
    collectPageErrors(page, this.errors);
  }

  static async open(
    browser: Browser,
    url: string,
    kamailio: Kamailio,
    user: string,
    name: string,
  ): Promise<JsSipAppPage> {
    assertLoopbackOnly();
    const context = await browser.newContext();
    await context.addInitScript(recordWebSocketFrames);
    const app = new JsSipAppPage(user, context, await context.newPage());
    const query = new URLSearchParams({
      ws: kamailio.wsUrl,
      uri: app.aor,
      password: TEST_PASSWORD,
      name,
    });
    await app.page.goto(`${url}?${query.toString()}`);
    await app.waitText('registration', 'registered');
    return app;
  }

  /** The text of an `<output>` (or any element) by id. */
  async text(id: string): Promise<string> {
    return (await this.page.locator(`#${id}`).textContent()) ?? '';
  }

  async waitText(id: string, expected: string, timeout = 10_000): Promise<void> {
    const deadline = Date.now() + timeout;
    let last = '';
    while (Date.now() < deadline) {
      last = await this.text(id);
      if (last === expected) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(
      `${this.user}: #${id} is "${last}", not "${expected}" (errors: ${this.errors.join('; ')})`,
    );
  }

  async click(id: string): Promise<void> {
    await this.page.locator(`#${id}`).click();
  }

  async dial(target: string, video: boolean): Promise<void> {
    await this.page.locator('#target').fill(target);
    await this.click(video ? 'call-video' : 'call-audio');
  }

  async visible(id: string): Promise<boolean> {
    return this.page.locator(`#${id}`).isVisible();
  }

  /** Width of the frames the remote video shows (0 until frames arrive). */
  async remoteVideoWidth(): Promise<number> {
    return this.page
      .locator('#remote-video')
      .evaluate((video: HTMLVideoElement) => video.videoWidth);
  }

  /** Every SIP request this page sent so far, as text. */
  async sentRequests(): Promise<string[]> {
    const frames = await this.page.evaluate(() => window.__wire ?? []);
    return frames
      .filter((f) => f.direction === 'sent' && !f.data.startsWith('SIP/2.0'))
      .map((f) => f.data);
  }

  async close(): Promise<void> {
    await this.#context.close();
  }
}

/** The method of a request's start line. */
export function methodOf(request: string): string {
  return request.slice(0, request.indexOf(' '));
}

/** The `a=` direction of each m= section of a message's SDP body, in order. */
export function directions(message: string): string[] {
  const body = message.slice(message.indexOf('\r\n\r\n') + 4);
  return body
    .split(/\r\nm=/)
    .slice(1)
    .map(
      (section) => /\r\na=(sendrecv|sendonly|recvonly|inactive)/.exec(section)?.[1] ?? 'sendrecv',
    );
}

/** A header's value (first occurrence, case-insensitive). */
export function headerOf(message: string, name: string): string | undefined {
  return new RegExp(`^${name}:\\s*(.*)$`, 'im').exec(message)?.[1]?.trim();
}
