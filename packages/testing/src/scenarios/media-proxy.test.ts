import {
  coordinatorMediaPort,
  createRemoteMediaHandler,
  serveMediaHandlers,
  type CallConnectionEvent,
  type Session,
} from '@sipkit/core';
import { describe, expect, it, vi } from 'vitest';
import { FakeMediaHandler } from '../media/fake-media-handler.js';
import { iceUfrag } from '../media/fake-sdp.js';
import { coordinatedTabs, HEARTBEAT } from '../tabs/coordinated-tabs.fixture.js';
import { callScenario, WAIT, type CallScenario } from './calls.fixture.js';
import { fakeTimersForEachTest } from './fake-timers.fixture.js';

// Issue 25, media where the person is: alice's UA runs in the owner tab (tab-1), but the call
// was placed from tab-2, so its peer connection lives there. The owner's session drives a
// RemoteMediaHandler over the tabs' coordinators (fake Web Locks and BroadcastChannel); tab-2
// serves a FakeMediaHandler. Bob is an ordinary UA on the same in-memory proxy.

fakeTimersForEachTest();

async function sharedTabCall() {
  const scenario = await callScenario(['alice', 'bob']);
  const tabs = coordinatedTabs();
  const owner = tabs.open();
  const media = tabs.open();
  owner.coordinator.start();
  await tabs.browser.flush();
  media.coordinator.start();
  await tabs.browser.flush();
  expect([owner.coordinator.role, media.coordinator.role]).toEqual(['owner', 'follower']);

  // The media tab: real handlers (fake here) made on the owner's first request.
  const served: FakeMediaHandler[] = [];
  const server = serveMediaHandlers(coordinatorMediaPort(media.coordinator), (options) => {
    const handler = new FakeMediaHandler(options);
    served.push(handler);
    return handler;
  });
  // The owner's wiring (tabs-react's job in an app): the proxy, and the tab's end reported to it.
  const proxy = createRemoteMediaHandler(
    coordinatorMediaPort(owner.coordinator),
    media.tab.id,
    'call-1',
    { options: { mediaConstraints: { audio: true, video: false } } },
  );
  owner.coordinator.on('tabgone', ({ tabId }) => {
    if (tabId === proxy.mediaTab) proxy.mediaTabGone();
  });

  const alice = scenario.uas['alice']!;
  const bob = scenario.uas['bob']!;
  const outgoing = alice.ua.call('bob', { mediaHandler: proxy });
  await vi.waitFor(() => expect(bob.sessions.at(-1)?.status).toBe('ringing'), WAIT);
  const incoming = bob.last();
  incoming.answer();
  await vi.waitFor(() => {
    expect(outgoing.status).toBe('confirmed');
    expect(incoming.status).toBe('confirmed');
  }, WAIT);
  const tabMedia = served[0];
  if (tabMedia === undefined) throw new Error('the media tab made no handler');
  const bobMedia = bob.media.handlers.at(-1)!;

  const end = async (): Promise<void> => {
    if (outgoing.status !== 'terminated') outgoing.terminate();
    await scenario.stopAll();
    server.close();
    await Promise.all([owner.coordinator.stop(), media.coordinator.stop()]);
    await tabs.browser.flush();
  };
  return {
    scenario,
    tabs,
    owner,
    media,
    server,
    proxy,
    outgoing,
    incoming,
    tabMedia,
    bobMedia,
    end,
  };
}

/**
 * Awaits `promise` while fake time runs (channel deliveries and the network go by timers), in
 * small steps, so it settles at the moment it would in a browser.
 */
async function settled<T>(promise: Promise<T>): Promise<T> {
  let done = false;
  promise.then(
    () => (done = true),
    () => (done = true),
  );
  for (let step = 0; step < 1000 && !done; step++) await vi.advanceTimersByTimeAsync(5);
  return promise;
}

/** Re-INVITEs alice sent (To has a tag), parsed. */
function reinvites(scenario: CallScenario) {
  return scenario.sent('INVITE').filter((message) => message.to.tag !== undefined);
}

function connectionEvents(session: Session): string[] {
  const seen: string[] = [];
  session.on('connection', (event: CallConnectionEvent) =>
    seen.push(`${event.state}: ${event.reason}`),
  );
  return seen;
}

describe('a call whose media lives in another tab', () => {
  it("offer and answer cross: the INVITE carries the media tab's offer, which gets bob's answer", async () => {
    const { scenario, server, proxy, outgoing, tabMedia, bobMedia, end } = await sharedTabCall();
    const invite = scenario.sent('INVITE')[0];
    expect(invite?.body).toBe(tabMedia.calls.includes('createOffer') && tabMedia.localSdp);
    expect(tabMedia.remoteSdp).toBe(bobMedia.localSdp);
    expect(tabMedia.options.mediaConstraints).toEqual({ audio: true, video: false });
    expect(scenario.uas['alice']!.media.handlers).toHaveLength(0); // nothing local in the owner
    expect(server.handlerFor('call-1')).toBe(tabMedia);
    expect(outgoing.media).toBe(proxy);
    await end();
    expect(tabMedia.closed).toBe(true);
  });

  it('hold and unhold: the media tab makes the sendonly offer; DTMF goes out as RFC 4733 there', async () => {
    const { incoming, outgoing, tabMedia, scenario, end } = await sharedTabCall();
    const held = vi.fn();
    incoming.on('hold', held);
    await expect(settled(outgoing.hold())).resolves.toBe(true);
    expect(tabMedia.localHold).toBe(true);
    expect(reinvites(scenario).at(-1)?.body).toMatch(/a=sendonly/);
    await vi.waitFor(() => expect(held).toHaveBeenCalled(), WAIT);
    await expect(settled(outgoing.unhold())).resolves.toBe(true);
    expect(reinvites(scenario).at(-1)?.body).toMatch(/a=sendrecv/);

    outgoing.sendDTMF('12', { duration: 100, interToneGap: 70 });
    await vi.advanceTimersByTimeAsync(400);
    expect(tabMedia.dtmf.map((tone) => tone.tones)).toEqual(['1', '2']);
    expect(scenario.sent('INFO')).toHaveLength(0);
    await end();
  });

  it("stats cross as numbers, and the stall watch reads the media tab's audio count", async () => {
    const { outgoing, tabMedia, end } = await sharedTabCall();
    const stats = await settled(outgoing.media!.getStats());
    expect(stats).toEqual({ ...tabMedia.stats, report: undefined });
    const reads = vi.spyOn(tabMedia, 'audioPacketsReceived');
    tabMedia.audioPackets = 100;
    await vi.advanceTimersByTimeAsync(2000);
    expect(reads.mock.calls.length).toBeGreaterThanOrEqual(3);
    await end();
  });

  it('ICE failed in the media tab: the owner sends the restart offer that tab made, and the call heals', async () => {
    const { outgoing, tabMedia, bobMedia, scenario, end } = await sharedTabCall();
    const states = connectionEvents(outgoing);
    const before = iceUfrag(tabMedia.localSdp ?? '');
    tabMedia.setIceState('failed');
    await vi.waitFor(() => expect(outgoing.connectionState).toBe('reconnecting'), WAIT);
    await vi.waitFor(() => expect(outgoing.connectionState).toBe('connected'), WAIT);
    const [restart] = reinvites(scenario);
    expect(iceUfrag(restart?.body ?? '')).not.toBe(before);
    expect([tabMedia.ice.restarts, bobMedia.ice.restarts]).toEqual([1, 1]);
    expect(states).toEqual(['reconnecting: ICE failed', 'connected: ICE reconnected']);
    await end();
  });

  it('the media tab crashes mid-call (no goodbye): BYE once the owner finds it silent', async () => {
    const { tabs, media, incoming, outgoing, proxy, scenario, end } = await sharedTabCall();
    tabs.browser.closeTab(media.tab);
    await vi.advanceTimersByTimeAsync(HEARTBEAT * 2);
    expect(outgoing.status).toBe('confirmed'); // silent for 2 beats: pinged, not gone yet
    await vi.advanceTimersByTimeAsync(HEARTBEAT * 3);
    expect(proxy.gone).toBe('closed');
    expect(outgoing.status).toBe('terminated');
    await vi.waitFor(() => expect(incoming.status).toBe('terminated'), WAIT);
    expect(scenario.sent('BYE')).toHaveLength(1);
    await end();
    expect(vi.getTimerCount()).toBe(0);
  });

  it("an incoming call answered in the media tab: the 200 carries that tab's answer", async () => {
    const scenario = await callScenario(['alice', 'bob']);
    const tabs = coordinatedTabs();
    const owner = tabs.open();
    const media = tabs.open();
    owner.coordinator.start();
    media.coordinator.start();
    await tabs.browser.flush();
    const served: FakeMediaHandler[] = [];
    const server = serveMediaHandlers(coordinatorMediaPort(media.coordinator), (options) => {
      const handler = new FakeMediaHandler(options);
      served.push(handler);
      return handler;
    });
    const alice = scenario.uas['alice']!;
    const outgoing = scenario.uas['bob']!.ua.call('alice');
    await vi.waitFor(() => expect(alice.sessions.at(-1)?.status).toBe('ringing'), WAIT);
    const incoming = alice.last();
    incoming.answer({
      mediaHandler: createRemoteMediaHandler(
        coordinatorMediaPort(owner.coordinator),
        media.tab.id,
        'call-in',
      ),
    });
    await vi.waitFor(() => expect(outgoing.status).toBe('confirmed'), WAIT);
    expect(served).toHaveLength(1);
    expect(served[0]?.remoteSdp).toBe(scenario.uas['bob']!.media.handlers[0]?.localSdp);
    expect(scenario.uas['bob']!.media.handlers[0]?.remoteSdp).toBe(served[0]?.localSdp);
    expect(incoming.status).toBe('confirmed');
    outgoing.terminate();
    await vi.waitFor(() => expect(served[0]?.closed).toBe(true), WAIT);
    expect(server.callKeys()).toEqual([]);
    await scenario.stopAll();
    await Promise.all([owner.coordinator.stop(), media.coordinator.stop()]);
    await tabs.browser.flush();
  });

  it('the media tab closes mid-call: BYE at once, nothing left pending', async () => {
    const { tabs, media, incoming, outgoing, proxy, scenario, end } = await sharedTabCall();
    const ended = vi.fn();
    outgoing.on('ended', ended);
    // The tab says goodbye as it closes (pagehide); a hold asked for just then is never
    // answered over there, and must not hang.
    void media.coordinator.stop();
    tabs.browser.closeTab(media.tab);
    const hold = outgoing.hold();
    await vi.advanceTimersByTimeAsync(HEARTBEAT);
    await expect(hold).resolves.toBe(false);
    expect(proxy.gone).toBe('closed');
    expect(outgoing.status).toBe('terminated');
    expect(ended).toHaveBeenCalledWith(
      expect.objectContaining({ originator: 'system', cause: 'WebRTC Error' }),
    );
    expect(outgoing.connectionState).toBe('failed');
    await vi.waitFor(() => expect(incoming.status).toBe('terminated'), WAIT);
    expect(scenario.sent('BYE')).toHaveLength(1);
    await expect(proxy.getStats()).rejects.toMatchObject({ name: 'MediaTabGoneError' });
    await end();
    expect(vi.getTimerCount()).toBe(0); // no RPC timeout left behind
  });
});
