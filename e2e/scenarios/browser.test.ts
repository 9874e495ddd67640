// @sipkit/core bundled for the browser, running in Debian's Chromium, registering through Kamailio.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchChromium, type RunningBrowser } from '../harness/browser.js';
import { SIP_DOMAIN, TEST_PASSWORD } from '../harness/kamailio.js';
import { nextEvent, startRegistered } from '../harness/node-ua.js';
import { bundlePage, servePage, type PageServer } from '../harness/page-server.js';
import { useKamailio } from '../harness/scenario.js';
import type { PageState } from '../page/main.js';

const scenario = useKamailio('kamailio-browser');
let chromium: RunningBrowser;
let server: PageServer;
let page: Page;
const pageErrors: string[] = [];
const BROWSER_AOR = `sip:browser@${SIP_DOMAIN}`;

beforeAll(async () => {
  [chromium, server] = await Promise.all([
    launchChromium(scenario.registry),
    bundlePage().then(servePage),
  ]);
  page = await chromium.browser.newPage();
  page.on('pageerror', (error) => pageErrors.push(String(error)));
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(message.text());
  });
  const query = new URLSearchParams({
    ws: scenario.kamailio.wsUrl,
    uri: BROWSER_AOR,
    password: TEST_PASSWORD,
  });
  await page.goto(`${server.url}?${query.toString()}`);
});

afterAll(async () => {
  await chromium?.close();
  await server?.close();
});

const pageState = (): Promise<PageState> => page.evaluate(() => window.__sipkit);

test('the page registers through Kamailio with digest auth over the browser WebSocket', async () => {
  await page
    .waitForFunction(() => window.__sipkit.registration !== 'starting', undefined, {
      timeout: 10_000,
    })
    .catch(() => undefined);
  const state = await pageState();
  expect(state, pageErrors.join('\n')).toMatchObject({ registration: 'registered', errors: [] });
  expect(await page.locator('#registration').getAttribute('data-state')).toBe('registered');

  const [binding] = await scenario.kamailio.bindingsOf('browser');
  expect(binding?.address).toMatch(/\.invalid;transport=ws/);
});

test('MESSAGE both ways between the browser and a Node UA, through Kamailio', async () => {
  const bob = scenario.ua('bob');
  await startRegistered(bob);

  const toBob = nextEvent(bob.ua, 'newMessage');
  const status = await page.evaluate(
    ([target]) => window.__sipkitSendMessage(target ?? '', 'from chromium'),
    [`sip:bob@${SIP_DOMAIN}`],
  );
  expect(status).toBe(200);
  const { message } = await toBob;
  expect(message.body).toBe('from chromium');
  expect(message.from.uri).toBe(BROWSER_AOR);

  const result = await bob.ua.sendMessage(BROWSER_AOR, 'from node');
  expect(result.ok, bob.wire.summary()).toBe(true);
  const state = await pageState();
  expect(state.received).toEqual([{ from: bob.aor, body: 'from node' }]);
});

test('getUserMedia gives live tracks from the fake capture devices', async () => {
  await page.waitForFunction(() => window.__sipkit.media !== undefined, undefined, {
    timeout: 10_000,
  });
  const { media } = await pageState();
  expect(media).toMatchObject({ audio: 1, video: 1 });
  expect(pageErrors).toEqual([]);
});
