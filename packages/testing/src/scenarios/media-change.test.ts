import {
  addVideo,
  answerVideoOffers,
  callMedia,
  MediaChangeError,
  MediaDescriptionError,
  parseMessage,
  removeVideo,
  sdpMediaSections,
  sectionContents,
  shareScreen,
  stopScreenShare,
  watchRemoteMedia,
  type RemoteMedia,
  type Session,
} from '@sipkit/core';
import { describe, expect, it, vi } from 'vitest';
import { fakeMediaDevices } from '../media/fake-media-devices.js';
import { userDeniedMediaError } from '../media/fake-media-handler.js';
import {
  aliceCallsBob,
  callScenario,
  flush,
  ring,
  WAIT,
  type CallScenario,
  type CallUA,
} from './calls.fixture.js';
import { fakeTimersForEachTest } from './fake-timers.fixture.js';

// Issue 24: mid-call media changes between two SipKit UAs on the in-memory network with fake
// media and fake devices: video added and removed, the screen shared (as an extra stream or in
// the camera's place), the far end doing the same, and every failure leaving the call as it was.

fakeTimersForEachTest();

type Scenario = CallScenario;

async function audioCall(scenario: Scenario) {
  let aliceSees: string[] = [];
  let bobSees: string[] = [];
  const call = await aliceCallsBob(scenario, {
    // Watches made before the answer see the first one too.
    placed: (outgoing) => (aliceSees = changes(outgoing)),
    ringing: (incoming) => (bobSees = changes(incoming)),
  });
  return {
    ...call,
    aliceSees,
    bobSees,
    alice: fakeMediaDevices(),
    bob: fakeMediaDevices(),
  };
}

/** Each `change` of the session's remote media, as `camera`/`screen` flags. */
function changes(session: Session): string[] {
  const seen: string[] = [];
  watchRemoteMedia(session).on('change', (media: RemoteMedia) =>
    seen.push(
      `camera:${String(media.camera !== undefined)} screen:${String(media.screen !== undefined)}`,
    ),
  );
  return seen;
}

/** In-dialog requests of `method` sent by `user`, parsed. */
function sentInDialog(scenario: Scenario, user: string, method: string) {
  return scenario.network.traffic
    .requestsSent(method)
    .filter((entry) => entry.socketId === user)
    .map((entry) => parseMessage(entry.message))
    .filter((message) => message.to.tag !== undefined);
}

/** The SDP of the last in-dialog offer `user` sent (after `sdp` listeners, as on the wire). */
function lastOffer(scenario: Scenario, user: string): string {
  const offers = [
    ...sentInDialog(scenario, user, 'INVITE'),
    ...sentInDialog(scenario, user, 'UPDATE'),
  ];
  offers.sort((a, b) => a.cseq.seq - b.cseq.seq);
  return offers.at(-1)?.body ?? '';
}

/** The video sections of an SDP: direction and `a=content`, e.g. `sendrecv` or `sendrecv slides`. */
function videoSections(sdp: string | undefined): string[] {
  const contents = sectionContents(sdp ?? '');
  return sdpMediaSections(sdp ?? '').flatMap((section, index) =>
    section.media === 'video'
      ? [[section.direction, contents[index]].filter((part) => part !== undefined).join(' ')]
      : [],
  );
}

describe('mid-call video (issue 24)', () => {
  it('upgrades an audio call to video and back: re-INVITEs, directions, the far end receive-only, the m= line kept', async () => {
    const scenario = await callScenario(['alice', 'bob']);
    const call = await audioCall(scenario);
    const local: string[] = [];
    callMedia(call.outgoing).events.on('local', ({ camera, screen }) =>
      local.push(`camera:${String(camera)} screen:${String(screen)}`),
    );

    const camera = await addVideo(call.outgoing, { getUserMedia: call.alice.getUserMedia });
    expect(camera).toBe(call.alice.cameras[0]?.asTrack);
    expect(call.alice.requests).toEqual([{ audio: false, video: true }]);
    expect(sentInDialog(scenario, 'alice', 'INVITE')).toHaveLength(1);
    expect(videoSections(lastOffer(scenario, 'alice'))).toEqual(['sendrecv']);
    // Bob was asked nothing: his answer only receives (no camera prompt by default).
    expect(videoSections(call.bobMedia.localSdp)).toEqual(['recvonly']);
    expect(call.bob.requests).toEqual([]);
    expect(call.bobSees).toEqual(['camera:true screen:false']);
    expect(watchRemoteMedia(call.incoming).current.camera?.track).toBeDefined();

    expect(await removeVideo(call.outgoing)).toBe(true);
    expect(call.alice.cameras[0]?.stops).toBe(1);
    // RFC 3264 §8.3: the stream stays in the SDP, sending nothing (inactive in bob's answer).
    expect(videoSections(lastOffer(scenario, 'alice'))).toEqual(['recvonly']);
    expect(videoSections(call.bobMedia.localSdp)).toEqual(['inactive']);
    expect(call.bobSees).toEqual(['camera:true screen:false', 'camera:false screen:false']);
    expect(call.outgoing.status).toBe('confirmed');

    // Video again reuses the section: still one m=video.
    await addVideo(call.outgoing, { getUserMedia: call.alice.getUserMedia });
    expect(videoSections(lastOffer(scenario, 'alice'))).toEqual(['sendrecv']);
    expect(local).toEqual([
      'camera:true screen:false',
      'camera:false screen:false',
      'camera:true screen:false',
    ]);
    await scenario.stopAll();
    // The call ended: the camera we opened is released.
    expect(call.alice.cameras[1]?.stops).toBeGreaterThan(0);
  });

  it('offers in an UPDATE with useUpdate (RFC 3311)', async () => {
    const scenario = await callScenario(['alice', 'bob']);
    const call = await audioCall(scenario);
    await addVideo(call.outgoing, { getUserMedia: call.alice.getUserMedia, useUpdate: true });
    expect(sentInDialog(scenario, 'alice', 'UPDATE')).toHaveLength(1);
    expect(sentInDialog(scenario, 'alice', 'INVITE')).toHaveLength(0);
    expect(call.bobSees).toEqual(['camera:true screen:false']);
    await scenario.stopAll();
  });

  it('answers the far end video offer with our camera only when the app allows it', async () => {
    const scenario = await callScenario(['alice', 'bob']);
    const call = await audioCall(scenario);
    const asked: boolean[] = [];
    let allow = false;
    answerVideoOffers(
      call.incoming,
      ({ screen }) => {
        asked.push(screen);
        return allow;
      },
      { getUserMedia: call.bob.getUserMedia },
    );

    await addVideo(call.outgoing, { getUserMedia: call.alice.getUserMedia });
    expect(asked).toEqual([false]);
    expect(call.bob.requests).toEqual([]);
    expect(videoSections(call.bobMedia.localSdp)).toEqual(['recvonly']);
    await removeVideo(call.outgoing);

    allow = true;
    await addVideo(call.outgoing, { getUserMedia: call.alice.getUserMedia });
    expect(call.bob.requests).toEqual([{ audio: false, video: true }]);
    expect(videoSections(call.bobMedia.localSdp)).toEqual(['sendrecv']);
    expect(call.aliceSees).toEqual(['camera:true screen:false']);
    expect(callMedia(call.incoming).local()).toEqual({ camera: true, screen: false });
    await scenario.stopAll();
  });

  it('a camera that cannot be opened for the far end offer leaves the answer receive-only', async () => {
    const scenario = await callScenario(['alice', 'bob']);
    const call = await audioCall(scenario);
    const errors: Error[] = [];
    answerVideoOffers(call.incoming, () => true, {
      getUserMedia: call.bob.getUserMedia,
      onError: (error) => errors.push(error),
    });
    call.bob.failNext('getUserMedia', userDeniedMediaError());
    await addVideo(call.outgoing, { getUserMedia: call.alice.getUserMedia });
    expect(errors[0]).toBeInstanceOf(MediaChangeError);
    expect(videoSections(call.bobMedia.localSdp)).toEqual(['recvonly']);
    expect(call.incoming.status).toBe('confirmed');
    await scenario.stopAll();
  });

  it('both sides adding video at once: glare (491) is retried and both cameras end up sent', async () => {
    const scenario = await callScenario(['alice', 'bob']);
    const call = await audioCall(scenario);
    const both = Promise.all([
      addVideo(call.outgoing, { getUserMedia: call.alice.getUserMedia }),
      addVideo(call.incoming, { getUserMedia: call.bob.getUserMedia }),
    ]);
    await vi.advanceTimersByTimeAsync(10_000);
    await both;
    const responses = scenario.network.traffic.entries((entry) =>
      entry.message.startsWith('SIP/2.0 491 '),
    );
    expect(responses.length).toBeGreaterThan(0);
    await flush();
    expect(call.aliceSees.at(-1)).toBe('camera:true screen:false');
    expect(call.bobSees.at(-1)).toBe('camera:true screen:false');
    expect(videoSections(lastOffer(scenario, 'alice'))).toHaveLength(1);
    await scenario.stopAll();
  });

  it('a refused camera is a MediaChangeError naming what to change; nothing is sent, the call goes on', async () => {
    const scenario = await callScenario(['alice', 'bob']);
    const call = await audioCall(scenario);
    call.alice.failNext('getUserMedia', userDeniedMediaError());
    const error = await addVideo(call.outgoing, { getUserMedia: call.alice.getUserMedia }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(MediaChangeError);
    expect(error).toMatchObject({ problem: 'not-allowed', parameter: 'constraints' });
    expect((error as Error).message).toMatch(/permission settings/);
    const notFound = Object.assign(new Error('Requested device not found'), {
      name: 'NotFoundError',
    });
    call.alice.failNext('getUserMedia', notFound);
    await expect(
      addVideo(call.outgoing, { getUserMedia: call.alice.getUserMedia }),
    ).rejects.toMatchObject({ problem: 'not-found' });
    expect(sentInDialog(scenario, 'alice', 'INVITE')).toHaveLength(0);
    expect(call.outgoing.status).toBe('confirmed');
    expect(callMedia(call.outgoing).local()).toEqual({ camera: false, screen: false });
    await scenario.stopAll();
  });

  it('an offer the far end refuses is undone: camera released, the previous media in force', async () => {
    const scenario = await callScenario(['alice', 'bob']);
    const call = await audioCall(scenario);
    call.bobMedia.failNext('setRemoteDescription', new MediaDescriptionError('no video here'));
    await expect(
      addVideo(call.outgoing, { getUserMedia: call.alice.getUserMedia }),
    ).rejects.toMatchObject({ name: 'MediaChangeError', problem: 'refused' });
    expect(call.alice.cameras[0]?.stops).toBe(1);
    expect(call.outgoing.status).toBe('confirmed');
    expect(callMedia(call.outgoing).local()).toEqual({ camera: false, screen: false });
    // The next offer says we send no video.
    expect(await call.outgoing.renegotiate()).toBe(true);
    expect(videoSections(lastOffer(scenario, 'alice')).every((d) => d !== 'sendrecv')).toBe(true);
    await scenario.stopAll();
  });

  it('refuses before the call is confirmed (not-ready)', async () => {
    const scenario = await callScenario(['alice', 'bob']);
    const outgoing = await ring(scenario.uas.alice as CallUA, scenario.uas.bob as CallUA, 'bob');
    const devices = fakeMediaDevices();
    await expect(addVideo(outgoing, { getUserMedia: devices.getUserMedia })).rejects.toMatchObject({
      problem: 'not-ready',
      parameter: 'session',
    });
    expect(devices.requests).toEqual([]);
    await scenario.stopAll();
  });
});

describe('screen share (issue 24)', () => {
  it('shares as an extra stream labelled a=content:slides (RFC 4796), stops it again', async () => {
    const scenario = await callScenario(['alice', 'bob']);
    const call = await audioCall(scenario);
    const screen = await shareScreen(call.outgoing, {
      getDisplayMedia: call.alice.getDisplayMedia,
    });
    expect(screen).toBe(call.alice.screens[0]?.asTrack);
    expect(call.alice.screens[0]?.contentHint).toBe('detail');
    expect(videoSections(lastOffer(scenario, 'alice'))).toEqual(['sendrecv slides']);
    expect(call.bobSees).toEqual(['camera:false screen:true']);
    expect(callMedia(call.outgoing).local()).toEqual({ camera: false, screen: true });

    expect(await stopScreenShare(call.outgoing)).toBe(true);
    expect(call.alice.screens[0]?.stops).toBe(1);
    expect(videoSections(lastOffer(scenario, 'alice'))).toEqual(['recvonly']);
    expect(call.bobSees).toEqual(['camera:false screen:true', 'camera:false screen:false']);
    expect(call.outgoing.status).toBe('confirmed');
    await scenario.stopAll();
  });

  it('shares beside the camera: a second video stream, the camera untouched', async () => {
    const scenario = await callScenario(['alice', 'bob']);
    const call = await audioCall(scenario);
    await addVideo(call.outgoing, { getUserMedia: call.alice.getUserMedia });
    await shareScreen(call.outgoing, { getDisplayMedia: call.alice.getDisplayMedia });
    expect(videoSections(lastOffer(scenario, 'alice'))).toEqual(['sendrecv', 'sendrecv slides']);
    expect(call.bobSees.at(-1)).toBe('camera:true screen:true');
    await stopScreenShare(call.outgoing);
    expect(call.bobSees.at(-1)).toBe('camera:true screen:false');
    expect(call.alice.cameras[0]?.stops).toBe(0);
    await scenario.stopAll();
  });

  it('replaces the camera on its sender (no new m= line) and gives it back when the share stops', async () => {
    const scenario = await callScenario(['alice', 'bob']);
    const call = await audioCall(scenario);
    const camera = await addVideo(call.outgoing, { getUserMedia: call.alice.getUserMedia });
    const slot = call.aliceMedia.videoSlots.list()[0];
    const screen = await shareScreen(call.outgoing, {
      replace: 'camera',
      getDisplayMedia: call.alice.getDisplayMedia,
    });
    expect(slot?.track).toBe(screen);
    expect(call.aliceMedia.videoSlots.list()).toHaveLength(1);
    // The picture switched at once; the re-offer only labels the section.
    expect(videoSections(lastOffer(scenario, 'alice'))).toEqual(['sendrecv slides']);
    expect(call.bobSees.at(-1)).toBe('camera:false screen:true');
    expect(callMedia(call.outgoing).local()).toEqual({ camera: false, screen: true });

    await stopScreenShare(call.outgoing);
    expect(slot?.track).toBe(camera);
    expect(videoSections(lastOffer(scenario, 'alice'))).toEqual(['sendrecv']);
    expect(call.bobSees.at(-1)).toBe('camera:true screen:false');
    expect(callMedia(call.outgoing).local()).toEqual({ camera: true, screen: false });
    await scenario.stopAll();
  });

  it('the browser "Stop sharing" button (the track ends) stops the share and tells the far end', async () => {
    const scenario = await callScenario(['alice', 'bob']);
    const call = await audioCall(scenario);
    await shareScreen(call.outgoing, { getDisplayMedia: call.alice.getDisplayMedia });
    call.alice.screens[0]?.end();
    await vi.waitFor(() => expect(call.bobSees.at(-1)).toBe('camera:false screen:false'), WAIT);
    expect(sentInDialog(scenario, 'alice', 'INVITE')).toHaveLength(2);
    expect(callMedia(call.outgoing).local()).toEqual({ camera: false, screen: false });
    await scenario.stopAll();
  });

  it('the far end sharing its screen: shown as its screen, answered receive-only', async () => {
    const scenario = await callScenario(['alice', 'bob']);
    const call = await audioCall(scenario);
    await shareScreen(call.incoming, { getDisplayMedia: call.bob.getDisplayMedia });
    expect(call.aliceSees).toEqual(['camera:false screen:true']);
    expect(watchRemoteMedia(call.outgoing).current.screen?.track).toBeDefined();
    expect(videoSections(call.aliceMedia.localSdp)).toEqual(['recvonly']);
    expect(call.alice.requests).toEqual([]);
    await scenario.stopAll();
  });

  it('a cancelled picker is not-allowed on getDisplayMedia; nothing sent', async () => {
    const scenario = await callScenario(['alice', 'bob']);
    const call = await audioCall(scenario);
    call.alice.failNext('getDisplayMedia', userDeniedMediaError());
    await expect(
      shareScreen(call.outgoing, { getDisplayMedia: call.alice.getDisplayMedia }),
    ).rejects.toMatchObject({ problem: 'not-allowed', parameter: 'getDisplayMedia' });
    expect(sentInDialog(scenario, 'alice', 'INVITE')).toHaveLength(0);
    await scenario.stopAll();
  });
});
