import { afterAll, beforeAll } from 'vitest';
import { launchChromium, type RunningBrowser } from './browser.js';
import { bundlePage, servePage, type PageServer } from './page-server.js';
import { PhonePage, type PhoneOptions, type PhoneServer } from './phone-page.js';
import type { ProcessRegistry } from './process-registry.js';

/** Chromium and the phone page's server for one scenario file, and a way to open phones. */
export interface Phones {
  readonly browser: RunningBrowser;
  open(options: PhoneOptions): Promise<PhonePage>;
}

/**
 * Launches Chromium and serves the phone page (our UA and JsSIP bundled together) for the calling
 * test file; closes every phone, the browser and the server after its tests. Call at module level,
 * after `useKamailio`, whose Kamailio the phones register with.
 */
export function usePhones(scenario: {
  readonly registry: ProcessRegistry;
  readonly kamailio: PhoneServer;
}): Phones {
  let browser: RunningBrowser | undefined;
  let server: PageServer | undefined;
  const opened: PhonePage[] = [];

  beforeAll(async () => {
    [browser, server] = await Promise.all([
      launchChromium(scenario.registry),
      bundlePage('phone/main.ts').then((bundle) => servePage(bundle, 'phone/index.html')),
    ]);
  });
  afterAll(async () => {
    await Promise.all(opened.map((phone) => phone.close().catch(() => undefined)));
    await browser?.close();
    await server?.close();
  });

  return {
    get browser() {
      if (browser === undefined) throw new Error('Chromium is not up yet (use it inside a test)');
      return browser;
    },
    async open(options) {
      if (browser === undefined || server === undefined) throw new Error('not up yet');
      const phone = await PhonePage.open(browser.browser, server.url, scenario.kamailio, options);
      opened.push(phone);
      return phone;
    },
  };
}
