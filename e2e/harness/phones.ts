import { afterAll, beforeAll } from 'vitest';
import { launchChromium, type RunningBrowser } from './browser.js';
import { bundlePage, servePage, type PageServer } from './page-server.js';
import { PhonePage, type PhoneOptions, type PhoneServer } from './phone-page.js';
import type { ProcessRegistry } from './process-registry.js';

/** How the phones' browser and page server start. */
export interface LaunchOptions {
  /** Chromium's HOME, where it reads the NSS certificate database (`.pki/nssdb`). */
  readonly home?: string;
  /** The page server's port (default: any free one). */
  readonly port?: number;
}

/** Chromium and the phone page's server for one scenario file, and a way to open phones. */
export interface Phones {
  readonly browser: RunningBrowser;
  /** Opens a phone page in this file's Chromium, or in `on` (one in another namespace). */
  open(options: PhoneOptions, on?: RunningBrowser): Promise<PhonePage>;
  /**
   * Runs getUserMedia and an RTCPeerConnection once in a throwaway page: the first of each in a
   * fresh Chromium costs 1-2 s (fake devices, WebRTC threads), which would otherwise land in
   * whichever library's call is measured first. With `pcConfig` (TURN servers), it also waits
   * until ICE gathering completes, so the first TURN allocation is paid here too.
   */
  warmUp(pcConfig?: RTCConfiguration): Promise<void>;
}

/**
 * Launches Chromium and serves the phone page (our UA and JsSIP bundled together) for the calling
 * test file; closes every phone, the browser and the server after its tests. Call at module level,
 * after `useKamailio`, whose Kamailio the phones register with.
 */
export function usePhones(
  scenario: { readonly registry: ProcessRegistry; readonly kamailio: PhoneServer },
  launch: LaunchOptions = {},
): Phones {
  let browser: RunningBrowser | undefined;
  let server: PageServer | undefined;
  const opened: PhonePage[] = [];

  beforeAll(async () => {
    [browser, server] = await Promise.all([
      launchChromium(scenario.registry, launch.home === undefined ? {} : { home: launch.home }),
      bundlePage('phone/main.ts').then((bundle) =>
        servePage(bundle, 'phone/index.html', launch.port),
      ),
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
    async warmUp(pcConfig) {
      if (browser === undefined || server === undefined) throw new Error('not up yet');
      const context = await browser.browser.newContext();
      const page = await context.newPage();
      await page.goto(`${server.url}?warmup=1`);
      await page.evaluate(async (config) => {
        const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
        const pc = new RTCPeerConnection(config ?? undefined);
        stream.getTracks().forEach((track) => pc.addTrack(track, stream));
        const gathered = new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, 5000);
          pc.addEventListener('icegatheringstatechange', () => {
            if (pc.iceGatheringState !== 'complete') return;
            clearTimeout(timer);
            resolve();
          });
        });
        await pc.setLocalDescription(await pc.createOffer());
        if (config !== null) await gathered;
        pc.close();
        stream.getTracks().forEach((track) => track.stop());
      }, pcConfig ?? null);
      await context.close();
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
