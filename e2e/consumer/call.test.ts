// A call between two Chromium pages of the consumer app that prepare.test.ts installed from the
// tarballs, through `sipkit-dev-server` run from its own tarball (node_modules/.bin): the app
// is served by `vite preview` from its production build. Runs in the loopback-only namespace.
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import { launchChromium, type RunningBrowser } from '../harness/browser.js';
import { freePort } from '../harness/free-port.js';
import { startProcess, type ManagedProcess } from '../harness/managed-process.js';
import { assertLoopbackOnly } from '../harness/network.js';
import { collectPageErrors } from '../harness/page-errors.js';
import { ProcessRegistry } from '../harness/process-registry.js';
import { waitUntil } from '../harness/wait.js';
import { consumerDir } from './consumer-project.js';

const runDir = inject('runDir');
const registry = new ProcessRegistry(runDir);
const app = join(consumerDir(), 'app');
const started: ManagedProcess[] = [];
const contexts: BrowserContext[] = [];
const pageErrors: string[] = [];
let chromium: RunningBrowser;
let pageUrl: string;
let sipUrl: string;

/** Starts a command of the installed app and waits until its log says `ready`. */
async function startAppProcess(name: string, command: string, args: string[], ready: string) {
  const logFile = join(runDir, `consumer-${name}.log`);
  const child = startProcess({ command, args, cwd: app, logFile, registry });
  started.push(child);
  const log = (): string => readFileSync(logFile, 'utf8');
  const exited = child.exited.then((code) => {
    throw new Error(`${name} exited (${code}):\n${log()}`);
  });
  exited.catch(() => undefined);
  await Promise.race([
    exited,
    waitUntil(name, async () => (log().includes(ready) ? true : undefined), 20_000, 100),
  ]);
}

beforeAll(async () => {
  assertLoopbackOnly();
  const [sipPort, httpPort] = await Promise.all([freePort('tcp'), freePort('tcp')]);
  sipUrl = `ws://127.0.0.1:${sipPort}`;
  pageUrl = `http://127.0.0.1:${httpPort}/`;
  [chromium] = await Promise.all([
    launchChromium(registry),
    startAppProcess(
      'sipkit-dev-server',
      join(app, 'node_modules/.bin/sipkit-dev-server'),
      ['--port', String(sipPort)],
      sipUrl,
    ),
    startAppProcess(
      'vite preview',
      join(app, 'node_modules/.bin/vite'),
      ['preview', '--host', '127.0.0.1', '--port', String(httpPort), '--strictPort'],
      String(httpPort),
    ),
  ]);
}, 60_000);

afterAll(async () => {
  await Promise.all(contexts.map((context) => context.close().catch(() => undefined)));
  await chromium?.close();
  await Promise.all(started.map((child) => child.stop()));
});

/** The app as `name`, registered with the dev server. */
async function openPhone(name: string): Promise<Page> {
  const context = await chromium.browser.newContext();
  contexts.push(context);
  const page = await context.newPage();
  collectPageErrors(page, pageErrors, name);
  await page.goto(`${pageUrl}?user=${name}&server=${encodeURIComponent(sipUrl)}`);
  await expect
    .poll(() => page.getByRole('status').first().textContent(), { timeout: 10_000 })
    .toContain('Registered');
  return page;
}

/** The app's probe (app/src/app.tsx), typed here: this package does not compile the app. */
interface ConsumerWindow {
  __inboundAudio?: () => Promise<number>;
}

const inboundAudio = (page: Page): Promise<number> =>
  page.evaluate(() => (window as unknown as ConsumerWindow).__inboundAudio?.() ?? 0);

test('alice calls bob with the published packages: answered, audio both ways, hung up', async () => {
  const [alice, bob] = await Promise.all([openPhone('alice'), openPhone('bob')]);
  await alice.getByLabel('Number or SIP address').fill('bob');
  await alice.getByRole('button', { name: 'Call', exact: true }).click();
  await bob.getByRole('button', { name: 'Answer', exact: true }).click({ timeout: 10_000 });

  // Audio RTP arrives on both pages: the far end's fake microphone, over WebRTC on loopback.
  for (const page of [alice, bob]) {
    await expect.poll(() => inboundAudio(page), { timeout: 15_000 }).toBeGreaterThan(0);
  }

  await alice.getByRole('button', { name: 'Hang up', exact: true }).first().click();
  for (const page of [alice, bob]) {
    await expect
      .poll(() => page.locator('section.sk-softphone').getAttribute('data-sipkit-state'), {
        timeout: 10_000,
      })
      .toMatch(/^(terminated|idle)$/);
  }
  expect(pageErrors).toEqual([]);
}, 90_000);
