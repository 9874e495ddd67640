import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import type { PresenceStatus } from '@sipkit/react';
import type { PageBuddy, PresencePageState } from '../page/presence/presence-page.js';
import { assertLoopbackOnly } from './network.js';
import { collectPageErrors } from './page-errors.js';
import { bundlePage, servePage, type PageServer } from './page-server.js';
import { recordFrames, type WsFrame } from './ws-frames.js';

/** Who the presence page is and what it shows. */
export interface PresencePageOptions {
  readonly ws: string;
  readonly user: string;
  readonly domain: string;
  readonly password: string;
  /** URIs shown as PresenceBadges. */
  readonly watch?: readonly string[];
  /** Contacts of the BuddyList. */
  readonly buddies?: readonly PageBuddy[];
  /** Show the VoicemailIndicator. */
  readonly voicemail?: boolean;
}

/** What a component shows, read from its `data-sipkit-*` attributes and text. */
export interface Shown {
  readonly state: string | null;
  readonly value: string | null;
  readonly text: string;
}

let opened = 0;

/** Bundles the presence page (React, @sipkit/react, @sipkit/ui from source) and serves it. */
export async function servePresencePage(): Promise<PageServer> {
  return servePage(await bundlePage('presence/main.tsx'), 'presence/index.html');
}

/**
 * One presence page (e2e/page/presence) in its own browser context: `<SipProvider>` with
 * PresenceBadges, a BuddyList and a VoicemailIndicator, registered through Kamailio. The test
 * reads what the components show, as a user would, and publishes through `window.__presence`.
 */
export class PresencePage {
  readonly aor: string;
  readonly page: Page;
  readonly errors: string[] = [];
  /** Every WebSocket frame of the page, from before it loaded. */
  readonly frames: WsFrame[];
  readonly #context: BrowserContext;
  readonly #id = ++opened;

  private constructor(aor: string, context: BrowserContext, page: Page) {
    this.aor = aor;
    this.#context = context;
    this.page = page;
    collectPageErrors(page, this.errors, aor);
    this.frames = recordFrames(page);
  }

  /** Opens the page and waits until its provider registered. */
  static async open(
    browser: Browser,
    server: PageServer,
    options: PresencePageOptions,
  ): Promise<PresencePage> {
    assertLoopbackOnly();
    const context = await browser.newContext();
    const aor = `sip:${options.user}@${options.domain}`;
    const presence = new PresencePage(aor, context, await context.newPage());
    const query = new URLSearchParams({
      ws: options.ws,
      uri: aor,
      password: options.password,
      watch: JSON.stringify(options.watch ?? []),
      buddies: JSON.stringify(options.buddies ?? []),
      voicemail: options.voicemail === true ? '1' : '0',
    });
    await presence.page.goto(`${server.url}?${query.toString()}`);
    await presence.page
      .waitForFunction(() => window.__presence?.state.registration === 'registered', undefined, {
        timeout: 10_000,
      })
      .catch(async (error: unknown) => {
        const state = await presence.state().catch(() => undefined);
        throw new Error(
          `presence page ${aor} did not register (${state?.registration}): ${String(error)} ` +
            [...(state?.errors ?? []), ...presence.errors].join('; '),
        );
      });
    return presence;
  }

  state(): Promise<PresencePageState> {
    return this.page.evaluate(() => window.__presence.state);
  }

  /** `<PresenceBadge uri>`: subscription state, availability and the words shown. */
  badge(uri: string): Promise<Shown> {
    return this.#shown(
      `[data-testid="presence ${uri}"]`,
      'data-sipkit-state',
      'data-sipkit-availability',
    );
  }

  /** The BuddyList row of `name`: `value` is its busy lamp (`data-sipkit-lamp`). */
  buddy(name: string): Promise<Shown> {
    return this.#row(name).evaluate((row) => ({
      state: row.querySelector('[data-sipkit-state]')?.getAttribute('data-sipkit-state') ?? null,
      value: row.getAttribute('data-sipkit-lamp'),
      text: row.textContent ?? '',
    }));
  }

  /** Clicks the pickup button the BuddyList shows on `name`'s ringing row. */
  pickup(name: string): Promise<void> {
    return this.#row(name).locator('[data-sipkit-variant="pickup"]').click({ timeout: 5000 });
  }

  /** `<VoicemailIndicator>`: `waiting`/`none` and the count of new messages. */
  voicemail(): Promise<Shown> {
    return this.#shown('[data-testid="voicemail"]', 'data-sipkit-state', 'data-sipkit-count');
  }

  publish(status: PresenceStatus): Promise<void> {
    return this.page.evaluate((s) => window.__presence.publish(s), status);
  }

  unpublish(): Promise<void> {
    return this.page.evaluate(() => window.__presence.unpublish());
  }

  /** The SIP requests of `method` the page sent (first line and headers, no body). */
  sent(method: string): string[] {
    return this.frames
      .filter((frame) => frame.direction === 'sent' && frame.text.startsWith(`${method} `))
      .map((frame) => frame.text);
  }

  /** The SIP requests of `method` the page received. */
  received(method: string): string[] {
    return this.frames
      .filter((frame) => frame.direction === 'received' && frame.text.startsWith(`${method} `))
      .map((frame) => frame.text);
  }

  close(): Promise<void> {
    return this.#context.close();
  }

  /** Writes the page's frames to `dir` (kept with SIPKIT_E2E_KEEP), one file per page. */
  saveFrames(dir: string): void {
    const name = `${this.aor.replace(/\W+/g, '_')}-${this.#id}.frames.txt`;
    writeFileSync(
      join(dir, name),
      this.frames.map((f) => `--- ${f.direction} ${f.at}\n${f.text}`).join('\n'),
    );
  }

  /** The row whose name is exactly `name` (another row may mention it, "Ringing: dave"). */
  #row(name: string): Locator {
    return this.page.locator('[data-testid="buddies"] li').filter({
      has: this.page.locator('.sk-buddy-name', { hasText: new RegExp(`^${name}$`) }),
    });
  }

  #shown(selector: string, stateAttribute: string, valueAttribute: string): Promise<Shown> {
    return this.page.locator(selector).evaluate(
      (element, [stateName, valueName]) => ({
        state: element.getAttribute(stateName as string),
        value: element.getAttribute(valueName as string),
        text: element.textContent ?? '',
      }),
      [stateAttribute, valueAttribute] as const,
    );
  }
}

/** A header's value in a SIP message (first occurrence, long or compact name). */
export function headerOf(message: string, name: string): string | undefined {
  const match = new RegExp(`^${name}:[ \\t]*([^\\r\\n]*)`, 'im').exec(message);
  return match?.[1]?.trim();
}
