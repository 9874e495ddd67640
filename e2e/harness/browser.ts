import { chromium, type Browser } from 'playwright-core';
import type { ProcessRegistry } from './process-registry.js';

/** Debian's Chromium (package `chromium`); Playwright's own browser downloads are never used. */
export const CHROMIUM = '/usr/bin/chromium';

/**
 * The flags every e2e browser runs with. The background-networking ones keep Chromium from
 * reaching for Google's hosts (this machine has no network beyond loopback); the fake-media ones
 * give getUserMedia a synthetic camera and microphone with no permission prompt. WebRTC skips
 * the loopback interface unless told otherwise, and in the suite's network namespace loopback
 * is all there is; host candidates stay plain addresses (no mDNS names, whose resolution is
 * multicast).
 */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
  '--allow-loopback-in-peer-connection',
  '--disable-features=WebRtcHideLocalIpsWithMdns',
];

/** A running Chromium, connected, and a close that always ends its process group. */
export interface RunningBrowser {
  readonly browser: Browser;
  close(): Promise<void>;
}

/**
 * Launches Chromium through playwright-core. `launchServer` (rather than `launch`) exposes the
 * browser's pid, which goes into the registry so the global teardown can kill it if this worker
 * dies; Playwright gives each launch a fresh temporary user-data-dir and removes it on close.
 */
export async function launchChromium(
  registry: ProcessRegistry,
  options: { readonly home?: string } = {},
): Promise<RunningBrowser> {
  const server = await chromium.launchServer({
    executablePath: CHROMIUM,
    args: CHROMIUM_FLAGS,
    headless: true,
    // Chromium on Linux trusts the CAs of the NSS database in $HOME/.pki/nssdb (not of its
    // profile directory): a HOME of our own is how a test CA is trusted the way a user would.
    ...(options.home === undefined ? {} : { env: { ...process.env, HOME: options.home } }),
  });
  const pid = server.process().pid;
  if (pid !== undefined) registry.record(pid, 'chromium');
  const browser = await chromium.connect(server.wsEndpoint());
  return {
    browser,
    async close() {
      await browser.close().catch(() => undefined);
      await server.close();
      if (pid !== undefined) registry.forget(pid);
    },
  };
}
