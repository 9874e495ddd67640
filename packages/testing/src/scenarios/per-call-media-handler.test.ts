import { describe, expect, it, vi } from 'vitest';
import { FakeMediaHandler } from '../media/fake-media-handler.js';
import { callScenario, WAIT } from './calls.fixture.js';
import { fakeTimersForEachTest } from './fake-timers.fixture.js';

// `CallOptions.mediaHandler` / `AnswerOptions.mediaHandler` (issue 25): one call gets a handler
// made elsewhere (a multi-tab media proxy in production) instead of the UA's factory's.

fakeTimersForEachTest();

describe('a media handler given to one call', () => {
  it("ua.call and answer use the given handlers, not the UA's factory, and close them at the end", async () => {
    const scenario = await callScenario(['alice', 'bob']);
    const alice = scenario.uas['alice']!;
    const bob = scenario.uas['bob']!;
    const callerMedia = new FakeMediaHandler({});
    const calleeMedia = new FakeMediaHandler({});
    const outgoing = alice.ua.call('bob', { mediaHandler: callerMedia });
    expect(outgoing.media).toBe(callerMedia);
    await vi.waitFor(() => expect(bob.sessions.at(-1)?.status).toBe('ringing'), WAIT);
    const incoming = bob.last();
    incoming.answer({ mediaHandler: calleeMedia });
    await vi.waitFor(() => expect(outgoing.status).toBe('confirmed'), WAIT);

    expect(scenario.sent('INVITE')[0]?.body).toBe(callerMedia.localSdp);
    expect(callerMedia.remoteSdp).toBe(calleeMedia.localSdp);
    expect(incoming.media).toBe(calleeMedia);
    expect(alice.media.handlers).toHaveLength(0);
    expect(bob.media.handlers).toHaveLength(0);

    // The next call without one goes back to the factory.
    outgoing.terminate();
    await vi.waitFor(() => expect(incoming.status).toBe('terminated'), WAIT);
    expect([callerMedia.closed, calleeMedia.closed]).toEqual([true, true]);
    const next = alice.ua.call('bob');
    expect(alice.media.handlers).toHaveLength(1);
    expect(next.media).toBe(alice.media.handlers[0]);
    next.terminate();
    await scenario.stopAll();
  });

  it('a call replacing one (RFC 3891) does not take over its handler: one handler, one call', async () => {
    const scenario = await callScenario(['alice', 'bob', 'carol']);
    const alice = scenario.uas['alice']!;
    const bob = scenario.uas['bob']!;
    const given = new FakeMediaHandler({});
    const outgoing = bob.ua.call('alice');
    await vi.waitFor(() => expect(alice.sessions.at(-1)?.status).toBe('ringing'), WAIT);
    const first = alice.last();
    first.answer({ mediaHandler: given });
    await vi.waitFor(() => expect(outgoing.status).toBe('confirmed'), WAIT);
    // Bob transfers alice's call to carol, who takes it over with Replaces.
    const carol = scenario.uas['carol']!;
    const dialog = first.dialogId;
    if (dialog === undefined) throw new Error('no dialog');
    const replacing = carol.ua.call('alice', {
      extraHeaders: [
        `Replaces: ${dialog.callId};to-tag=${dialog.localTag};from-tag=${dialog.remoteTag}`,
      ],
    });
    await vi.waitFor(() => expect(replacing.status).toBe('confirmed'), WAIT);
    await vi.waitFor(() => expect(first.status).toBe('terminated'), WAIT);
    const second = alice.last();
    expect(second).not.toBe(first);
    expect(second.media).not.toBe(given);
    expect(second.media).toBe(alice.media.handlers.at(-1));
    expect(given.closed).toBe(true);
    replacing.terminate();
    await scenario.stopAll();
  });
});
