import type { Browser, BrowserContext, Page } from 'playwright-core';
import type {
  CallEvent,
  CallSpec,
  InboundAudio,
  Library,
  PhoneState,
  SelectedPair,
  UaEvent,
} from '../page/phone/phone.js';
import type { WeightedSocket } from '../page/phone/config.js';
import type { SubscriptionRecord } from '../page/phone/events.js';
import { SIP_DOMAIN, TEST_PASSWORD } from './kamailio.js';
import { assertLoopbackOnly } from './network.js';
import { collectPageErrors } from './page-errors.js';
import { recordFrames, type WsFrame } from './ws-frames.js';

export interface PhoneOptions {
  readonly library: Library;
  readonly user: string;
  /** Answer every incoming call at once. */
  readonly autoAnswer?: boolean;
  /** The SIP domain of the user (default: the e2e Kamailio's, `sipkit.test`). */
  readonly domain?: string;
  /** The digest password (default: the e2e Kamailio's, which accepts it for every user). */
  readonly password?: string;
  /** The WebSocket URL (default: the server's `wsUrl`), e.g. a `wss:` one. */
  readonly ws?: string;
  /**
   * Whether `open` waits for the registration and fails without it (default). False: it
   * returns the page as it is after `registrationTimeoutMs`, registered or not.
   */
  readonly expectRegistration?: boolean;
  readonly registrationTimeoutMs?: number;
  /** Weighted servers instead of the one Kamailio's WebSocket (the cluster scenarios). */
  readonly sockets?: readonly WeightedSocket[];
  /** Our CRLF keep-alive interval in seconds (ignored by JsSIP, which has none). */
  readonly keepAliveInterval?: number;
  /**
   * The browser cannot reach the page server (it runs in another network namespace): the test
   * process fetches each page request and fulfils it through Playwright's routing, so the page
   * keeps its 127.0.0.1 origin, a secure context (getUserMedia needs one).
   */
  readonly fetchThroughTest?: boolean;
}

/** Where a phone page registers: any server with a WebSocket URL. */
export interface PhoneServer {
  readonly wsUrl: string;
}

/** A query for `PhonePage.event`. */
interface EventQuery {
  readonly id: number;
  readonly name: string;
  readonly originator: string | undefined;
  readonly after: number;
}

/**
 * One phone page (e2e/page/phone) in its own browser context: our UA or JsSIP, registered
 * through Kamailio, driven through `window.__phone`. Waits fail with the call's events so far.
 */
export class PhonePage {
  readonly library: Library;
  readonly aor: string;
  readonly page: Page;
  /** Uncaught errors and console errors of the page. */
  readonly errors: string[] = [];
  /** Every WebSocket frame the page sent and received, from before it loaded. */
  readonly frames: WsFrame[];
  readonly #context: BrowserContext;

  private constructor(options: PhoneOptions, context: BrowserContext, page: Page) {
    this.library = options.library;
    this.aor = `sip:${options.user}@${options.domain ?? SIP_DOMAIN}`;
    this.#context = context;
    this.page = page;
    collectPageErrors(page, this.errors);
    this.frames = recordFrames(page);
  }

  /** Opens the page served at `url` and waits until it registered. */
  static async open(
    browser: Browser,
    url: string,
    server: PhoneServer,
    options: PhoneOptions,
  ): Promise<PhonePage> {
    assertLoopbackOnly();
    const context = await browser.newContext();
    if (options.fetchThroughTest === true) {
      await context.route(`${url}**`, async (route) => {
        const response = await fetch(route.request().url());
        await route.fulfill({
          status: response.status,
          headers: Object.fromEntries(response.headers.entries()),
          body: Buffer.from(await response.arrayBuffer()),
        });
      });
    }
    const phone = new PhonePage(options, context, await context.newPage());
    const query = new URLSearchParams({
      library: options.library,
      ws: options.ws ?? server.wsUrl,
      uri: phone.aor,
      password: options.password ?? TEST_PASSWORD,
      autoAnswer: options.autoAnswer === true ? '1' : '0',
    });
    if (options.sockets !== undefined) query.set('sockets', JSON.stringify(options.sockets));
    if (options.keepAliveInterval !== undefined)
      query.set('keepAliveInterval', String(options.keepAliveInterval));
    await phone.page.goto(`${url}?${query.toString()}`);
    await phone.page
      .waitForFunction(() => window.__phone?.state.registration !== 'starting', undefined, {
        timeout: options.registrationTimeoutMs ?? 10_000,
      })
      .catch(() => undefined);
    const state = await phone.state();
    if (options.expectRegistration !== false && state.registration !== 'registered') {
      throw new Error(
        `${options.library} page for ${phone.aor} did not register: ${state.registration} ` +
          `${state.cause ?? ''} ${[...state.errors, ...phone.errors].join('; ')}`,
      );
    }
    return phone;
  }

  state(): Promise<PhoneState> {
    return this.page.evaluate(() => window.__phone.state);
  }

  /** The page's clock (`performance.now()`), which every recorded event is stamped with. */
  now(): Promise<number> {
    return this.page.evaluate(() => performance.now());
  }

  /** The UA's connection and registration events so far. */
  async uaEvents(): Promise<UaEvent[]> {
    return (await this.state()).ua;
  }

  /**
   * The first UA event named `name` stamped at or after `after` (page time) that `match` accepts,
   * waiting up to `timeoutMs`.
   */
  async uaEvent(
    name: UaEvent['name'],
    after: number,
    timeoutMs: number,
    match: (event: UaEvent) => boolean = () => true,
  ): Promise<UaEvent | undefined> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const hit = (await this.uaEvents()).find((e) => e.name === name && e.at >= after && match(e));
      if (hit !== undefined || Date.now() > deadline) return hit;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  call(target: string, spec: CallSpec = {}): Promise<number> {
    return this.page.evaluate(([t, s]) => window.__phone.call(t, s), [target, spec] as const);
  }

  answer(id: number, spec: CallSpec = {}): Promise<void> {
    return this.page.evaluate(([i, s]) => window.__phone.answer(i, s), [id, spec] as const);
  }

  hangup(id: number): Promise<void> {
    return this.page.evaluate((i) => window.__phone.hangup(i), id);
  }

  hold(id: number): Promise<boolean> {
    return this.page.evaluate((i) => window.__phone.hold(i), id);
  }

  unhold(id: number): Promise<boolean> {
    return this.page.evaluate((i) => window.__phone.unhold(i), id);
  }

  sendDtmf(id: number, tones: string, transport: 'rfc4733' | 'info'): Promise<void> {
    return this.page.evaluate(([i, t, how]) => window.__phone.sendDtmf(i, t, how), [
      id,
      tones,
      transport,
    ] as const);
  }

  inboundAudio(id: number): Promise<InboundAudio> {
    return this.page.evaluate((i) => window.__phone.inboundAudio(i), id);
  }

  /** Plays call `id`'s remote audio on the page, so Chromium measures its energy. */
  play(id: number): Promise<void> {
    return this.page.evaluate((i) => window.__phone.play(i), id);
  }

  selectedPair(id: number): Promise<SelectedPair | undefined> {
    return this.page.evaluate((i) => window.__phone.selectedPair(i), id);
  }

  /** Events of call `id` named `name` so far. */
  async events(id: number, name: string): Promise<CallEvent[]> {
    const state = await this.state();
    return state.calls[id]?.events.filter((e) => e.name === name) ?? [];
  }

  /**
   * The first `name` event of call `id` (from `originator`, and after the call's `after`-th event,
   * if given). Fails at once when the call fails or ends first, unless that is what is awaited.
   */
  async event(
    id: number,
    name: string,
    options: {
      readonly originator?: string;
      readonly after?: number;
      readonly timeoutMs?: number;
    } = {},
  ): Promise<CallEvent> {
    const query: EventQuery = {
      id,
      name,
      originator: options.originator,
      after: options.after ?? 0,
    };
    const found = await this.page
      .waitForFunction(
        (q: EventQuery) => {
          const events = window.__phone.state.calls[q.id]?.events.slice(q.after) ?? [];
          const hit = events.find(
            (e) =>
              e.name === q.name && (q.originator === undefined || e.originator === q.originator),
          );
          if (hit !== undefined) return { hit };
          const end = events.find((e) => e.name === 'failed' || e.name === 'ended');
          return end === undefined || q.name === 'ended' || q.name === 'failed'
            ? undefined
            : { end };
        },
        query,
        { timeout: options.timeoutMs ?? 10_000, polling: 20 },
      )
      .then((handle) => handle.jsonValue())
      .catch(async (error: unknown) => {
        throw new Error(`${await this.describe(id)}: no "${name}": ${String(error)}`);
      });
    if (found?.hit !== undefined) return found.hit;
    throw new Error(`${await this.describe(id)}: ${found?.end?.name} before "${name}"`);
  }

  /** The id of the next incoming call (the `count`-th call of the page, from 0). */
  async incomingCall(count: number, timeoutMs = 10_000): Promise<number> {
    await this.page
      .waitForFunction((n) => window.__phone.state.calls.length > n, count, { timeout: timeoutMs })
      .catch(async (error: unknown) => {
        throw new Error(`${this.library} ${this.aor}: no incoming call: ${String(error)}`);
      });
    const state = await this.state();
    const call = state.calls[count];
    if (call?.direction !== 'incoming') throw new Error(`call ${count} is not incoming`);
    return call.id;
  }

  /** Subscribes through the library's own API (the SUBSCRIBE goes at once); the record's id. */
  subscribe(target: string, event: string, accept: string, expires = 600): Promise<number> {
    return this.page.evaluate(([t, e, a, x]) => window.__phone.events.subscribe(t, e, a, x), [
      target,
      event,
      accept,
      expires,
    ] as const);
  }

  unsubscribe(id: number): Promise<void> {
    return this.page.evaluate((i) => window.__phone.events.unsubscribe(i), id);
  }

  /** Accepts SUBSCRIBEs for `event` from now on, notifying `body`. */
  serve(event: string, contentType: string, body: string): Promise<void> {
    return this.page.evaluate(([e, c, b]) => window.__phone.events.serve(e, c, b), [
      event,
      contentType,
      body,
    ] as const);
  }

  notify(id: number, body: string): Promise<void> {
    return this.page.evaluate(([i, b]) => window.__phone.events.notify(i, b), [id, body] as const);
  }

  terminateSubscription(id: number, body?: string, reason?: string): Promise<void> {
    return this.page.evaluate(
      ([i, b, r]) => window.__phone.events.terminate(i, b ?? undefined, r ?? undefined),
      [id, body ?? null, reason ?? null] as const,
    );
  }

  async subscriptions(): Promise<SubscriptionRecord[]> {
    return (await this.state()).subscriptions;
  }

  /** Waits until the page has `count` subscriptions in `role`; the last one's record. */
  async subscription(
    role: SubscriptionRecord['role'],
    index = 0,
    timeoutMs = 10_000,
  ): Promise<SubscriptionRecord> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = (await this.subscriptions()).filter((r) => r.role === role)[index];
      if (found !== undefined) return found;
      if (Date.now() > deadline)
        throw new Error(`${this.library} ${this.aor}: no ${role} #${index} in ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  close(): Promise<void> {
    return this.#context.close();
  }

  async describe(id: number): Promise<string> {
    const state = await this.state().catch(() => undefined);
    const events = state?.calls[id]?.events.map(
      (e) =>
        `${e.name}${e.originator === undefined ? '' : `/${e.originator}`}${e.cause === undefined ? '' : `(${e.cause})`}`,
    );
    return `${this.library} ${this.aor} call ${id} [${events?.join(' ') ?? '?'}] errors: ${[
      ...(state?.errors ?? []),
      ...this.errors,
    ].join('; ')}`;
  }
}
