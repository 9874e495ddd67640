// A JsSIP-style softphone of our own (e2e/page/jssip-app, written from JsSIP's documented API)
// run twice in Chromium through Kamailio: bundled with `jssip` 3.13.8, then with the import
// aliased to `@sipkit/jssip` and nothing else changed. Every step must pass on both, and what
// the views show and what goes on the wire must be the same.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchChromium, type RunningBrowser } from '../harness/browser.js';
import { directions, headerOf, JsSipAppPage, methodOf } from '../harness/jssip-app-page.js';
import { bundlePage, servePage, type PageServer } from '../harness/page-server.js';
import { useKamailio } from '../harness/scenario.js';

const scenario = useKamailio('kamailio-jssip-app');
const LIBRARIES = {
  jssip: {},
  sipkit: { jssip: '@sipkit/jssip' },
} as const;
type Library = keyof typeof LIBRARIES;

let browser: RunningBrowser | undefined;
const servers = new Map<Library, PageServer>();
const transcripts = new Map<Library, string[]>();

beforeAll(async () => {
  browser = await launchChromium(scenario.registry);
  for (const [library, alias] of Object.entries(LIBRARIES) as Array<
    [Library, Record<string, string>]
  >) {
    const bundle = await bundlePage('jssip-app/main.ts', { alias });
    servers.set(library, await servePage(bundle, 'jssip-app/index.html'));
  }
});
afterAll(async () => {
  await browser?.close();
  await Promise.all([...servers.values()].map((server) => server.close()));
});

/** Both phones' views after a step, with user names made library-neutral. */
async function views(step: string, pages: Record<'alice' | 'bob', JsSipAppPage>): Promise<string> {
  const ids = [
    'call-state',
    'hold-state',
    'tones',
    'local-tracks',
    'remote-tracks',
    'last-call',
    'released',
  ];
  const parts: string[] = [];
  for (const [role, page] of Object.entries(pages)) {
    for (const id of ids) parts.push(`${role}.${id}=${await page.text(id)}`);
  }
  return `${step}: ${parts.join(' ')}`.replace(/(alice|bob)-(jssip|sipkit)/g, '$1');
}

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function poll(
  read: () => Promise<unknown>,
  expected: unknown,
  what: string,
  timeout = 10_000,
) {
  const deadline = Date.now() + timeout;
  let last: unknown;
  while (Date.now() < deadline) {
    last = await read();
    if (JSON.stringify(last) === JSON.stringify(expected)) return;
    await pause(50);
  }
  throw new Error(`${what}: ${JSON.stringify(last)} instead of ${JSON.stringify(expected)}`);
}

describe.each(Object.keys(LIBRARIES) as Library[])('the JsSIP-style app on %s', (library) => {
  test('registers, calls, shows the caller, holds by UPDATE, DTMF by INFO, video, hangs up', async () => {
    const server = servers.get(library);
    if (browser === undefined || server === undefined) throw new Error('not up');
    const transcript: string[] = [];
    const [alice, bob] = await Promise.all([
      JsSipAppPage.open(
        browser.browser,
        server.url,
        scenario.kamailio,
        `alice-${library}`,
        'Alice',
      ),
      JsSipAppPage.open(browser.browser, server.url, scenario.kamailio, `bob-${library}`, 'Bob'),
    ]);
    const pages = { alice, bob };
    try {
      // 1. Audio call: the callee's incoming view reads remote_identity.
      await alice.dial(bob.aor, false);
      await poll(() => bob.visible('incoming-view'), true, 'bob sees the incoming call');
      expect(await bob.text('caller-name')).toBe('Alice');
      expect(await bob.text('caller-user')).toBe(`alice-${library}`);
      await alice.waitText('call-state', 'ringing');
      transcript.push(`incoming: ${await bob.text('caller-name')}`);

      // 2. Answer: both in call; the in-call view reads streams from session.connection.
      await bob.click('answer');
      await alice.waitText('call-state', 'in call');
      await bob.waitText('call-state', 'in call');
      await alice.waitText('remote-tracks', 'audio:live');
      await bob.waitText('local-tracks', 'audio:live');
      transcript.push(await views('answered', pages));

      // 3. Hold and resume by UPDATE (useUpdate): our m-line sendonly, then sendrecv.
      await alice.click('hold');
      await alice.waitText('hold-state', 'held by local');
      await bob.waitText('hold-state', 'held by remote');
      await alice.click('unhold');
      await alice.waitText('hold-state', 'resumed by local');
      await bob.waitText('hold-state', 'resumed by remote');
      const updates = (await alice.sentRequests()).filter((r) => methodOf(r) === 'UPDATE');
      expect(updates.map(directions)).toEqual([['sendonly'], ['sendrecv']]);
      transcript.push(await views('held and resumed', pages));

      // 4. DTMF: JsSIP's default transport is SIP INFO (application/dtmf-relay).
      await alice.click('dtmf-1');
      await bob.waitText('tones', '1');
      await alice.click('dtmf-hash');
      await bob.waitText('tones', '1#');
      const infos = (await alice.sentRequests()).filter((r) => methodOf(r) === 'INFO');
      expect(infos.map((info) => headerOf(info, 'Content-Type'))).toEqual([
        'application/dtmf-relay',
        'application/dtmf-relay',
      ]);
      transcript.push(await views('dtmf', pages));

      // 5. Hang up: Utils.closeMediaStream released the microphone on both sides.
      await alice.click('hangup');
      await alice.waitText('last-call', 'ended by local: Terminated');
      await bob.waitText('last-call', 'ended by remote: Terminated');
      await alice.waitText('released', 'yes');
      await bob.waitText('released', 'yes');
      transcript.push(await views('hung up', pages));

      // 6. Video call the other way; hold by UPDATE keeps the two m-lines (audio, video).
      await bob.dial(alice.aor, true);
      await poll(() => alice.visible('incoming-view'), true, 'alice sees the video call');
      expect(await alice.text('caller-name')).toBe('Bob');
      await alice.click('answer');
      await alice.waitText('call-state', 'in call');
      await bob.waitText('call-state', 'in call');
      await alice.waitText('remote-tracks', 'audio:live video:live');
      await bob.waitText('remote-tracks', 'audio:live video:live');
      await alice.waitText('local-tracks', 'audio:live video:live');
      await poll(async () => (await bob.remoteVideoWidth()) > 0, true, 'bob shows alice’s video');
      await poll(async () => (await alice.remoteVideoWidth()) > 0, true, 'alice shows bob’s video');
      await bob.click('hold');
      await bob.waitText('hold-state', 'held by local');
      await alice.waitText('hold-state', 'held by remote');
      const videoHold = (await bob.sentRequests()).filter((r) => methodOf(r) === 'UPDATE');
      expect(videoHold.map(directions)).toEqual([['sendonly', 'sendonly']]);
      transcript.push(await views('video call held', pages));
      await bob.click('hangup');
      await alice.waitText('last-call', 'ended by remote: Terminated');
      await bob.waitText('released', 'yes');
      await alice.waitText('released', 'yes');
      transcript.push(await views('video hung up', pages));

      // What each side put on the wire during the calls, method by method.
      for (const [role, page] of Object.entries(pages)) {
        const methods = (await page.sentRequests()).map(methodOf).filter((m) => m !== 'REGISTER');
        transcript.push(`${role} sent: ${methods.join(' ')}`);
      }
      expect([...alice.errors, ...bob.errors]).toEqual([]);
      transcripts.set(library, transcript);
    } finally {
      await Promise.all([alice.close(), bob.close()]);
    }
  }, 90_000);
});

test('both runs saw the same views and the same requests on the wire', () => {
  const jssip = transcripts.get('jssip');
  const sipkit = transcripts.get('sipkit');
  expect(jssip, 'the jssip run finished').toBeDefined();
  expect(sipkit).toEqual(jssip);
});
