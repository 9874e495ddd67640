import { afterAll, beforeAll } from 'vitest';
import { launchChromium, type RunningBrowser } from './browser.js';
import { bundlePage, servePage, type PageServer } from './page-server.js';
import { PhonePage, type PhoneOptions } from './phone-page.js';
import type { Scenario } from './scenario.js';

/** Chromium and the phone page's server for one scenario file, and a way to open phones. */
export interface Phones {
  readonly browser: RunningBrowser;
  /** Opens a phone page in this file's Chromium, or in `on` (one in another namespace). */
  open(options: PhoneOptions, on?: RunningBrowser): Promise<PhonePage>;
}

/**
 * Launches Chromium and serves the phone page (our UA and JsSIP bundled together) for the calling
 * test file; closes every phone, the browser and the server after its tests. Call at module level,
 * after `useKamailio`, whose Kamailio the phones register with.
 */
export function usePhones(scenario: Scenario): Phones {
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
    async open(options, on) {
      if (browser === undefined || server === undefined) throw new Error('not up yet');
      const where = (on ?? browser).browser;
      const phone = await PhonePage.open(where, server.url, scenario.kamailio, options);
      opened.push(phone);
      return phone;
    },
  };
}
