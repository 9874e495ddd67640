// Issue 24: mid-call media changes in Chromium, two phone pages of our UA through Kamailio,
// Chromium's fake camera (`--use-fake-device-for-media-stream`) and its fake capture for
// getDisplayMedia. Media is asserted from the far end: `framesDecoded` of the m= line the
// change added, rising, read from its getStats.
import { describe, expect, test } from 'vitest';
import { usePhones } from '../harness/phones.js';
import type { PhonePage } from '../harness/phone-page.js';
import { useKamailio } from '../harness/scenario.js';
import type { RemoteVideoFrames } from '../page/phone/phone.js';

const scenario = useKamailio('kamailio-media-change');
const phones = usePhones(scenario);

type Which = 'camera' | 'screen';

/** The far end's camera or screen as `page` sees it (undefined while it sends none). */
function remote(page: PhonePage, id: number, which: Which): Promise<RemoteVideoFrames | undefined> {
  return page.page.evaluate(
    async ([i, w]) => (await window.__phone.mediaChange?.remoteVideo(i))?.[w],
    [id, which] as const,
  );
}

/** Waits until `page` decodes frames of the far end's `which` and their count rises. */
async function framesRising(page: PhonePage, id: number, which: Which): Promise<number[]> {
  const seen: number[] = [];
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    const frames = (await remote(page, id, which))?.framesDecoded;
    if (frames !== undefined && frames > 0) seen.push(frames);
    if (seen.length >= 2 && (seen.at(-1) ?? 0) > (seen[0] ?? 0)) return seen;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(
    `${page.aor}: no rising framesDecoded for the far end's ${which}: ${seen.join(',')}`,
  );
}

/** Shares alice's screen from a click in the page: getDisplayMedia wants a user gesture. */
async function shareFromClick(page: PhonePage, id: number, replace = false): Promise<string> {
  await page.page.evaluate(
    ([i, r]) => {
      const button = document.createElement('button');
      button.id = 'share-screen';
      button.textContent = 'Share screen';
      button.addEventListener('click', () => {
        const state = window as unknown as { __shared?: string };
        void window.__phone.mediaChange?.shareScreen(i, r).then((out) => (state.__shared = out));
      });
      document.getElementById('share-screen')?.remove();
      document.body.append(button);
    },
    [id, replace] as const,
  );
  await page.page.evaluate(() => {
    delete (window as unknown as { __shared?: string }).__shared;
  });
  await page.page.click('#share-screen');
  const result = await page.page.waitForFunction(
    () => (window as unknown as { __shared?: string }).__shared,
    undefined,
    { timeout: 15_000 },
  );
  return (await result.jsonValue()) as string;
}

describe('mid-call media changes in Chromium through Kamailio (SipKit)', () => {
  test('audio call upgraded to video, screen shared and stopped, video removed: the far end decodes each, the call goes on', async () => {
    const [alice, bob] = await Promise.all([
      phones.open({ library: 'sipkit', user: 'alice-media' }),
      phones.open({ library: 'sipkit', user: 'bob-media', autoAnswer: true }),
    ]);
    const aliceId = await alice.call(bob.aor);
    const bobId = await bob.incomingCall(0);
    await alice.event(aliceId, 'confirmed');
    await bob.event(bobId, 'confirmed');
    expect(await remote(bob, bobId, 'camera')).toBeUndefined();

    // 1. Audio call upgraded to video: bob decodes alice's camera.
    expect(await alice.page.evaluate((i) => window.__phone.mediaChange?.addVideo(i), aliceId)).toBe(
      'ok',
    );
    const camera = await framesRising(bob, bobId, 'camera');

    // 2. Screen shared beside the camera (a=content:slides): bob decodes the screen.
    expect(await shareFromClick(alice, aliceId)).toBe('ok');
    const screen = await framesRising(bob, bobId, 'screen');

    // 3. Sharing stopped: bob's screen stream goes, the camera keeps coming.
    expect(
      await alice.page.evaluate((i) => window.__phone.mediaChange?.stopScreenShare(i), aliceId),
    ).toBe('ok');
    await expect.poll(() => remote(bob, bobId, 'screen'), { timeout: 10_000 }).toBeUndefined();
    await framesRising(bob, bobId, 'camera');

    // 4. Video removed: bob's camera stream goes; the call goes on with audio.
    expect(
      await alice.page.evaluate((i) => window.__phone.mediaChange?.removeVideo(i), aliceId),
    ).toBe('ok');
    await expect.poll(() => remote(bob, bobId, 'camera'), { timeout: 10_000 }).toBeUndefined();
    const audioBefore = (await bob.inboundAudio(bobId)).packetsReceived ?? 0;
    await expect
      .poll(async () => (await bob.inboundAudio(bobId)).packetsReceived ?? 0, { timeout: 10_000 })
      .toBeGreaterThan(audioBefore);
    expect((await alice.state()).calls[aliceId]?.events.some((e) => e.name === 'ended')).toBe(
      false,
    );
    console.log(
      `media-change: camera frames ${camera.join('->')}, screen frames ${screen.join('->')}`,
    );
    await alice.hangup(aliceId);
    await bob.event(bobId, 'ended', { originator: 'remote' });
    expect([...alice.errors, ...bob.errors]).toEqual([]);
  });

  test('the screen in the camera’s place (replaceTrack, same m= line) and the camera back after', async () => {
    const [alice, bob] = await Promise.all([
      phones.open({ library: 'sipkit', user: 'alice-replace' }),
      phones.open({ library: 'sipkit', user: 'bob-replace', autoAnswer: true }),
    ]);
    const aliceId = await alice.call(bob.aor);
    const bobId = await bob.incomingCall(0);
    await alice.event(aliceId, 'confirmed');
    await bob.event(bobId, 'confirmed');
    expect(await alice.page.evaluate((i) => window.__phone.mediaChange?.addVideo(i), aliceId)).toBe(
      'ok',
    );
    await framesRising(bob, bobId, 'camera');
    const cameraMid = (await remote(bob, bobId, 'camera'))?.mid;

    expect(await shareFromClick(alice, aliceId, true)).toBe('ok');
    await expect.poll(() => remote(bob, bobId, 'camera'), { timeout: 10_000 }).toBeUndefined();
    expect((await remote(bob, bobId, 'screen'))?.mid).toBe(cameraMid);
    await framesRising(bob, bobId, 'screen');

    expect(
      await alice.page.evaluate((i) => window.__phone.mediaChange?.stopScreenShare(i), aliceId),
    ).toBe('ok');
    await expect.poll(() => remote(bob, bobId, 'screen'), { timeout: 10_000 }).toBeUndefined();
    expect((await remote(bob, bobId, 'camera'))?.mid).toBe(cameraMid);
    await framesRising(bob, bobId, 'camera');
    await alice.hangup(aliceId);
    await bob.event(bobId, 'ended', { originator: 'remote' });
    expect([...alice.errors, ...bob.errors]).toEqual([]);
  });
});
