import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
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
  options: {
    readonly home?: string;
    readonly executablePath?: string;
    readonly args?: readonly string[];
  } = {},
): Promise<RunningBrowser> {
  const server = await chromium.launchServer({
    executablePath: options.executablePath ?? CHROMIUM,
    args: [...(options.args ?? CHROMIUM_FLAGS)],
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

/**
 * The flags of a browser whose server sits on a private address (10.201.0.1, a test link's
 * namespace): as `CHROMIUM_FLAGS`, and Local Network Access checks off. They refuse a page whose
 * address space Chromium cannot tell (a page the test fulfils itself) a WebSocket to a private
 * address (`ERR_BLOCKED_BY_LOCAL_NETWORK_ACCESS_CHECKS`); in production that server would be a
 * public one. One `--disable-features` list: Chromium reads only the last such flag.
 */
export const CHROMIUM_FLAGS_PRIVATE_SERVER = CHROMIUM_FLAGS.map((flag) =>
  flag.startsWith('--disable-features=') ? `${flag},LocalNetworkAccessChecks` : flag,
);

/**
 * A launcher script that runs Debian's Chromium inside the network namespace at `netnsPath`
 * (`/proc/<pid>/ns/net`), for `launchChromium({ executablePath })`. `nsenter` execs Chromium in
 * place, so Playwright's pipe and pid are Chromium's own.
 */
export function chromiumInNamespace(dir: string, netnsPath: string): string {
  const path = join(dir, 'chromium-in-namespace.sh');
  writeFileSync(path, `#!/bin/sh\nexec nsenter --net=${netnsPath} ${CHROMIUM} "$@"\n`, {
    mode: 0o755,
  });
  return path;
}
