// The demo as `pnpm demo` runs it (Vite dev server + the embedded dev SIP server), driven like a
// person would: two Chromium pages register as alice and bob, alice calls, bob answers, audio
// flows both ways over WebRTC on loopback, hang up.
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import { launchChromium, type RunningBrowser } from '../harness/browser.js';
import { startDemoApp, type DemoApp } from '../harness/demo-app.js';
import { assertLoopbackOnly } from '../harness/network.js';
import { ProcessRegistry } from '../harness/process-registry.js';

const runDir = inject('runDir');
const registry = new ProcessRegistry(runDir);
const SCREENSHOT = new URL('../../docs/demo.png', import.meta.url);
// Small enough that the committed PNG stays small, large enough for both columns.
const VIEWPORT = { width: 900, height: 640 };

let demo: DemoApp;
let chromium: RunningBrowser;
const contexts: BrowserContext[] = [];
const pageErrors: string[] = [];

// Vite's first start in a fresh clone also pre-bundles React: give it time on a busy machine.
beforeAll(async () => {
  // Real WebRTC: only inside the loopback-only namespace `pnpm test:e2e` enters.
  assertLoopbackOnly();
  [demo, chromium] = await Promise.all([
    startDemoApp(runDir, registry, 45_000),
    launchChromium(registry),
  ]);
}, 60_000);

afterAll(async () => {
  await Promise.all(contexts.map((context) => context.close().catch(() => undefined)));
  await chromium?.close();
  await demo?.stop();
});

/**
 * A page of its own browser context (its own localStorage), showing the dialer's settings; or
 * another tab of `context` (same profile: same storage, locks and channels).
 */
async function openDialer(name: string, context?: BrowserContext): Promise<Page> {
  if (context === undefined) {
    context = await chromium.browser.newContext({ viewport: VIEWPORT });
    contexts.push(context);
  }
  const page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(`${name}: ${String(error)}`));
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(`${name}: ${message.text()}`);
  });
  await page.goto(demo.url);
  return page;
}

/** Fills the settings form with the labels a person sees, and connects. */
async function connect(page: Page, name: string): Promise<void> {
  await page.getByLabel('WebSocket server').fill(demo.sipUrl);
  await page.getByLabel('SIP URI').fill(name);
  await page.getByLabel('Display name').fill(name[0]?.toUpperCase() + name.slice(1));
  await page.getByRole('button', { name: 'Connect' }).click();
  await expect
    .poll(() => page.getByRole('status').first().textContent(), { timeout: 10_000 })
    .toContain('Registered');
}

/** The dialer's dev-only `window.__sipkit` (apps/dialer/src/dev/debug-hook.tsx), as used here. */
interface DialerWindow {
  readonly __sipkit?: {
    inboundAudioPackets(): Promise<number | undefined>;
    state(): {
      readonly callOrder: readonly string[];
      readonly calls: Readonly<Record<string, { readonly status: string } | undefined>>;
    };
  };
}

const inboundAudio = (page: Page): Promise<number | undefined> =>
  page.evaluate(() => (window as unknown as DialerWindow).__sipkit?.inboundAudioPackets());
const liveCalls = (page: Page): Promise<number> =>
  page.evaluate(() => {
    const state = (window as unknown as DialerWindow).__sipkit?.state();
    return state === undefined
      ? -1
      : state.callOrder.filter((id) => state.calls[id]?.status !== 'terminated').length;
  });

test('alice video-calls bob through the dev SIP server, audio flows both ways, hang up', async () => {
  const started = Date.now();
  const [alice, bob] = await Promise.all([openDialer('alice'), openDialer('bob')]);
  await Promise.all([connect(alice, 'alice'), connect(bob, 'bob')]);
  // Both with the camera (Chromium's fake one), so the picture shows what a video call looks like.
  for (const page of [alice, bob]) await page.getByRole('switch', { name: 'Video' }).check();

  await alice.getByLabel('Number or SIP URI').fill('bob');
  await alice.getByRole('button', { name: 'Call', exact: true }).click();
  const answer = bob.getByRole('button', { name: 'Answer' });
  await answer.waitFor({ timeout: 10_000 });
  expect(await bob.getByRole('region', { name: 'Incoming call' }).textContent()).toContain('Alice');
  await answer.click();

  for (const page of [alice, bob]) {
    await expect
      .poll(() => page.locator('.sk-call-status').textContent(), { timeout: 10_000 })
      .toBe('In call');
  }
  // RTP, not just signalling: each side's inbound audio counter rises.
  for (const page of [alice, bob]) {
    await expect.poll(() => inboundAudio(page), { timeout: 10_000 }).toBeGreaterThan(0);
  }
  for (const page of [alice, bob]) {
    await expect
      .poll(() => page.locator('.video-remote').getAttribute('data-sipkit-state'), {
        timeout: 10_000,
      })
      .toBe('live');
  }

  // Let the timer, the quality sparklines and the ladder fill in before the picture.
  await alice.waitForTimeout(2500);
  const picture = await alice.screenshot();
  if (process.env.SIPKIT_UPDATE_SCREENSHOT === '1') {
    const path = SCREENSHOT;
    mkdirSync(new URL('.', path), { recursive: true });
    writeFileSync(path, picture);
    expect(statSync(path).size, 'docs/demo.png should stay small').toBeLessThan(150_000);
  }

  await alice.getByRole('button', { name: 'Hang up' }).click();
  for (const page of [alice, bob]) {
    await expect.poll(() => liveCalls(page), { timeout: 10_000 }).toBe(0);
    await page.getByLabel('Number or SIP URI').waitFor();
    // The answered call shows its duration (m:ss, before the " · " and the clock time); how long
    // it lasted depends on the machine's load, so only the format is checked, never a value.
    expect(await page.getByRole('list', { name: 'Call history' }).textContent()).toMatch(
      /\d+:\d\d · /,
    );
  }
  expect(pageErrors).toEqual([]);
  expect(demo.log()).toMatch(/INVITE/);
  console.log(`demo call scenario took ${Date.now() - started} ms`);
}, 120_000);

// WCAG 1.4.10 Reflow: at 320 CSS px nothing may need scrolling sideways. At 375 px the page once
// scrolled to 387 px, CallQuality needed ~355 px and the account name wrapped one letter a line.
test('at 320 px wide the demo never scrolls sideways: settings, idle, ringing, in a call', async () => {
  const narrow = async (name: string): Promise<Page> => {
    const context = await chromium.browser.newContext({ viewport: { width: 320, height: 640 } });
    contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(`${name}: ${String(error)}`));
    await page.goto(demo.url);
    return page;
  };
  const overflow = (page: Page): Promise<number> =>
    page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  const [alice, bob] = await Promise.all([narrow('alice'), narrow('bob')]);
  expect(await overflow(alice), 'settings').toBeLessThanOrEqual(0);
  await Promise.all([connect(alice, 'alice'), connect(bob, 'bob')]);
  expect(await overflow(alice), 'idle').toBeLessThanOrEqual(0);
  // The account name keeps whole words on a line: at least 8 characters' width.
  const account = await alice.locator('.account').boundingBox();
  expect(account?.width ?? 0).toBeGreaterThan(80);

  await alice.getByLabel('Number or SIP URI').fill('bob');
  await alice.getByRole('button', { name: 'Call', exact: true }).click();
  await bob.getByRole('button', { name: 'Answer' }).waitFor({ timeout: 10_000 });
  expect(await bob.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  await bob.getByRole('button', { name: 'Answer' }).click();
  await expect
    .poll(() => alice.locator('.sk-call-status').textContent(), { timeout: 10_000 })
    .toBe('In call');
  // Quality samples and ladder rows in: the widest the page gets.
  await alice.locator('.sk-quality .sk-sparkline[data-sipkit-state="ready"]').first().waitFor();
  await alice.locator('.sk-ladder-row').first().waitFor();
  for (const page of [alice, bob]) expect(await overflow(page), 'in a call').toBeLessThanOrEqual(0);
  await alice.getByRole('button', { name: 'Hang up' }).click();
  await expect.poll(() => liveCalls(alice), { timeout: 10_000 }).toBe(0);
  expect(await overflow(alice), 'after the call').toBeLessThanOrEqual(0);
  expect(pageErrors).toEqual([]);
  // A hang detector, not a speed check: two pages, a call and Vite on a shared 2-core machine.
}, 120_000);

// Issue 23: the dev server is the demo's presence server. Two tabs see each other in their
// contacts, a call between them lights both busy lamps (the dialog package, from the calls the
// dev server proxies) and turns them idle after, and the voicemail lamp shows the dev server's
// message-summary count (`pnpm demo` configures alice=2/5).
test('two tabs see each other available, a call lights both busy lamps, the voicemail count shows', async () => {
  const [alice, carol] = await Promise.all([openDialer('alice'), openDialer('carol')]);
  await Promise.all([connect(alice, 'alice'), connect(carol, 'carol')]);
  const buddy = (page: Page, name: string) =>
    page.getByRole('list', { name: 'Contacts' }).locator('.sk-buddy', {
      has: page.locator('.sk-buddy-name', { hasText: new RegExp(`^${name}$`) }),
    });
  const availability = (page: Page, name: string) =>
    buddy(page, name).locator('.sk-presence').getAttribute('data-sipkit-availability');
  const lamp = (page: Page, name: string) => buddy(page, name).getAttribute('data-sipkit-lamp');

  // Presence from registration: each sees the other available, lamps idle.
  await expect.poll(() => availability(alice, 'carol'), { timeout: 10_000 }).toBe('available');
  await expect.poll(() => availability(carol, 'alice'), { timeout: 10_000 }).toBe('available');
  expect([await lamp(alice, 'carol'), await lamp(carol, 'alice')]).toEqual(['idle', 'idle']);

  // The voicemail lamp: alice has 2 new and 5 old messages on the dev server.
  const voicemail = alice.locator('.voicemail');
  await expect
    .poll(() => voicemail.getAttribute('data-sipkit-count'), { timeout: 10_000 })
    .toBe('2');
  expect(await voicemail.getAttribute('data-sipkit-state')).toBe('waiting');
  expect(await voicemail.textContent()).toMatch(/2 new/);
  expect(await carol.locator('.voicemail').getAttribute('data-sipkit-state')).toBe('none');

  // Click-to-call from the contacts: carol's lamp rings on alice's page, then both go busy.
  await buddy(alice, 'carol').getByRole('button', { name: /^Call/ }).click();
  const answer = carol.getByRole('button', { name: 'Answer' });
  await answer.waitFor({ timeout: 10_000 });
  expect(await lamp(alice, 'carol')).toBe('ringing');
  await answer.click();
  await expect.poll(() => lamp(alice, 'carol'), { timeout: 10_000 }).toBe('busy');
  await expect.poll(() => lamp(carol, 'alice'), { timeout: 10_000 }).toBe('busy');
  // Presence says so too (RFC 4480 on-the-phone, nothing published).
  await expect.poll(() => availability(alice, 'carol'), { timeout: 10_000 }).toBe('on-the-phone');

  await alice.getByRole('button', { name: 'Hang up' }).click();
  await expect.poll(() => lamp(alice, 'carol'), { timeout: 10_000 }).toBe('idle');
  await expect.poll(() => lamp(carol, 'alice'), { timeout: 10_000 }).toBe('idle');

  // Our own status, published: carol sees alice away.
  await alice.getByLabel('My status').selectOption('away');
  await expect.poll(() => availability(carol, 'alice'), { timeout: 10_000 }).toBe('away');
  expect(pageErrors).toEqual([]);
  expect(demo.log()).toMatch(/SUBSCRIBE/);
  expect(demo.log()).toMatch(/PUBLISH/);
}, 90_000);

// Issue 25: the demo is one phone across its tabs. A second tab on erin's account (same browser
// profile; an account no other test registers, so her calls fork nowhere else) joins the phone
// her first tab runs: it opens no WebSocket, its top bar says where the phone runs, a call to
// erin rings in both tabs, and answered in the second one the caller hears it. bob, another
// account, is another phone.
test('a second tab on the same account joins the phone: no WebSocket of its own, rings, answers', async () => {
  const first = await openDialer('erin');
  await connect(first, 'erin');
  const second = await openDialer('erin (tab 2)', first.context());
  const sockets: string[] = [];
  second.on('websocket', (socket) => sockets.push(socket.url()));
  await connect(second, 'erin');
  const role = (page: Page) => page.locator('.tab-role').getAttribute('data-role');
  await expect.poll(() => role(first), { timeout: 10_000 }).toBe('owner');
  await expect.poll(() => role(second), { timeout: 10_000 }).toBe('follower');
  expect(await second.locator('.tab-role').textContent()).toBe('Phone: another tab');

  const bob = await openDialer('bob');
  await connect(bob, 'bob');
  expect(await role(bob)).toBe('owner');
  await bob.getByLabel('Number or SIP URI').fill('erin');
  await bob.getByRole('button', { name: 'Call', exact: true }).click();
  for (const page of [first, second]) {
    await page.getByRole('button', { name: 'Answer' }).waitFor({ timeout: 10_000 });
  }
  await second.getByRole('button', { name: 'Answer' }).click();
  for (const page of [first, second, bob]) {
    await expect
      .poll(() => page.locator('.sk-call-status').textContent(), { timeout: 10_000 })
      .toBe('In call');
  }
  // The banner went from the first tab too, and bob hears the tab that answered.
  expect(await first.getByRole('button', { name: 'Answer' }).count()).toBe(0);
  await expect.poll(() => inboundAudio(bob), { timeout: 10_000 }).toBeGreaterThan(0);

  await bob.getByRole('button', { name: 'Hang up' }).click();
  for (const page of [first, second, bob]) {
    await expect.poll(() => liveCalls(page), { timeout: 10_000 }).toBe(0);
  }
  expect(sockets, 'WebSockets of the second tab').toEqual([]);
  expect(pageErrors).toEqual([]);
}, 120_000);
