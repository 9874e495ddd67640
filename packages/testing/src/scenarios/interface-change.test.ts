import {
  Causes,
  createResponse,
  parseMessage,
  serializeMessage,
  type IncomingRequest,
  type Session,
} from '@sipkit/core';
import { describe, expect, it, vi } from 'vitest';
import type { FakeMediaHandler } from '../media/fake-media-handler.js';
import { iceUfrag, renderFakeSdp } from '../media/fake-sdp.js';
import type { SipNetwork } from '../network/sip-network.js';
import { RawPhone } from '../server/raw-phone.fixture.js';
import { callScenario, establish, flush, WAIT, type CallUA } from './calls.fixture.js';
import { fakeTimersForEachTest } from './fake-timers.fixture.js';

// Issue 20, scenario 4 over the in-memory network: the caller's interface is replaced under a
// call and the browser says nothing (Chromium fires no `online`/`offline`/`connection` event
// when an interface is deleted). `unplug(socket, { silently: true })` then `plugIn(socket)` is
// that change: the open WebSocket carries nothing any more, a new connection works. The proxy
// routes in-dialog requests flow by flow (Kamailio's contact aliases) and hands out no GRUU.

fakeTimersForEachTest();

const KAMAILIO_LIKE = { flowAliases: true, gruu: false } as const;
const CAROL_SDP = renderFakeSdp(7, 1, [{ media: 'audio', direction: 'sendrecv', mid: '0' }]);
const CAROL_RESTART_SDP = renderFakeSdp(8, 2, [
  { media: 'audio', direction: 'sendrecv', mid: '0' },
]);

/** Two registered UAs on a Kamailio-like proxy, no browser network events (Node has none). */
function twoUAs() {
  return callScenario(
    ['alice', 'bob'],
    { connection_recovery_min_interval: 2, connection_recovery_max_interval: 30 },
    KAMAILIO_LIKE,
  );
}

/** Messages `user`'s socket sent, in order (CRLF pings included). */
function sent(network: SipNetwork, user: string, test: (message: string) => boolean): string[] {
  return network.traffic
    .entries((e) => e.socketId === user && e.direction === 'to-server' && test(e.message))
    .map((e) => e.message);
}

const isPing = (message: string): boolean => message === '\r\n\r\n';
const isRequest =
  (method: string) =>
  (message: string): boolean =>
    message.startsWith(`${method} `);

/** Plays inbound audio on both fake media (25 packets per 500 ms) while `flowing` says so. */
async function audioFor(
  ms: number,
  flowing: { readonly alice: boolean; readonly bob: boolean },
  media: { readonly alice: FakeMediaHandler; readonly bob: FakeMediaHandler },
): Promise<void> {
  for (let t = 0; t < ms; t += 100) {
    for (const who of ['alice', 'bob'] as const) {
      const handler = media[who];
      if (flowing[who]) handler.audioPackets = (handler.audioPackets ?? 0) + 5;
    }
    await vi.advanceTimersByTimeAsync(100);
  }
}

/** Requests `user` sent inside the call (a To tag), by method. */
function inDialog(network: SipNetwork, user: string, method: string) {
  return sent(network, user, isRequest(method))
    .map((m) => parseMessage(m))
    .filter((m) => m.to.tag !== undefined);
}

describe('an interface change the browser does not report', () => {
  it('the audio stalls: the WebSocket is probed at once, the dead flow replaced, ONE re-INVITE carries the new Contact and the ICE restart', async () => {
    const scenario = await twoUAs();
    const { uas, network, stopAll } = scenario;
    const alice = uas.alice as CallUA;
    const bob = uas.bob as CallUA;
    const [outgoing, incoming] = await establish(alice, bob, 'bob');
    const media = { alice: alice.media.handlers.at(-1)!, bob: bob.media.handlers.at(-1)! };
    const firstUfrag = iceUfrag(media.alice.localSdp ?? '');
    const firstContact = inDialog(network, 'alice', 'ACK')[0]?.header('contact');
    await audioFor(2_000, { alice: true, bob: true }, media);
    let lostAt = 0;
    alice.ua.once('disconnected', () => (lostAt = Date.now()));
    // Link 1 goes, link 2 is up: the open WebSocket is dead, a new one would connect. No ICE
    // event yet (Chromium says `disconnected` ~5 s later): only the audio stops, both ways.
    network.unplug(alice.socket, { silently: true });
    network.plugIn(alice.socket);
    const changedAt = Date.now();
    await audioFor(1_400, { alice: false, bob: false }, media);
    // Stalled within 1.5 s (two 500 ms reads without a packet): both probe their flow.
    expect(sent(network, 'alice', isPing)).toHaveLength(1);
    expect(sent(network, 'bob', isPing)).toHaveLength(1);
    // Alice's probe goes unanswered for 1 s: her flow is dead, replaced at once.
    await vi.advanceTimersByTimeAsync(1_200);
    expect(lostAt - changedAt).toBeGreaterThanOrEqual(1_500);
    expect(lostAt - changedAt).toBeLessThanOrEqual(2_500);
    await vi.waitFor(() => expect(inDialog(network, 'alice', 'INVITE')).toHaveLength(1), WAIT);
    expect(alice.ua.isRegistered()).toBe(true);
    const [restart] = inDialog(network, 'alice', 'INVITE');
    expect(iceUfrag(restart!.body)).not.toBe(firstUfrag);
    expect(restart!.header('contact')).toBeDefined();
    expect(restart!.header('contact')).not.toBe(firstContact);
    // No separate UPDATE first, and bob (his flow answered) sent no offer of his own.
    expect(inDialog(network, 'alice', 'UPDATE')).toHaveLength(0);
    expect(inDialog(network, 'bob', 'INVITE')).toHaveLength(0);
    await audioFor(500, { alice: true, bob: true }, media);
    expect(outgoing.connectionState).toBe('connected');
    expect(incoming.connectionState).toBe('connected');
    expect([media.alice.ice.restarts, media.bob.ice.restarts]).toEqual([1, 1]);
    // The far end reaches us on the new flow: its BYE ends the call on both sides.
    incoming.terminate();
    await vi.waitFor(() => expect(outgoing.status).toBe('terminated'), WAIT);
    expect(outgoing.cause).toBe(Causes.BYE);
    await stopAll();
    expect(vi.getTimerCount()).toBe(0);
  });

  for (const moved of ['caller', 'callee'] as const) {
    it(`ICE breaks on both ends and the ${moved} moved: it drives with one re-INVITE, the other answers it, no glare`, async () => {
      const scenario = await twoUAs();
      const { uas, network, stopAll } = scenario;
      const [caller, callee] = (
        moved === 'caller' ? [uas.alice, uas.bob] : [uas.bob, uas.alice]
      ) as [CallUA, CallUA];
      const [outgoing, incoming] = await establish(
        caller,
        callee,
        moved === 'caller' ? 'bob' : 'alice',
      );
      network.unplug(uas.alice!.socket, { silently: true });
      network.plugIn(uas.alice!.socket);
      caller.media.handlers.at(-1)!.setIceState('disconnected');
      callee.media.handlers.at(-1)!.setIceState('disconnected');
      // Both probe at once; alice's flow is dead after 1 s: reconnect, REGISTER, one re-INVITE.
      await vi.advanceTimersByTimeAsync(1_500);
      expect(sent(network, 'alice', isRequest('REGISTER'))).toHaveLength(2);
      await vi.advanceTimersByTimeAsync(15_000);
      expect(inDialog(network, 'alice', 'INVITE')).toHaveLength(1);
      expect(inDialog(network, 'alice', 'UPDATE')).toHaveLength(0);
      expect(inDialog(network, 'bob', 'INVITE')).toHaveLength(0);
      expect(outgoing.connectionState).toBe('connected');
      expect(incoming.connectionState).toBe('connected');
      incoming.terminate();
      await vi.advanceTimersByTimeAsync(100);
      expect(outgoing.status).toBe('terminated');
      expect(outgoing.cause).toBe(Causes.BYE);
      await stopAll();
      expect(vi.getTimerCount()).toBe(0);
    });
  }

  it('two calls losing their media at once make one probe, not one per call', async () => {
    const scenario = await twoUAs();
    const { uas, network, stopAll } = scenario;
    const alice = uas.alice as CallUA;
    const bob = uas.bob as CallUA;
    await establish(alice, bob, 'bob');
    await establish(alice, bob, 'bob');
    const [first, second] = alice.media.handlers.slice(-2);
    first!.setIceState('failed');
    second!.setIceState('failed');
    await flush();
    // The connection is fine: the probe is answered, nothing is replaced.
    await vi.advanceTimersByTimeAsync(5_000);
    expect(sent(network, 'alice', isPing)).toHaveLength(1);
    expect(sent(network, 'alice', isRequest('REGISTER'))).toHaveLength(1);
    expect(alice.ua.isConnected()).toBe(true);
    for (const session of alice.sessions) session.terminate();
    await stopAll();
    expect(vi.getTimerCount()).toBe(0);
  });
});

/** alice (SipKit) in a call with carol, a raw phone the test answers for. */
async function callWithCarol() {
  const scenario = await twoUAs();
  const { uas, network } = scenario;
  const alice = uas.alice as CallUA;
  const carol = new RawPhone(network, 'carol');
  carol.socket.connect();
  await flush();
  carol.send('REGISTER', 'sip:sip.test', [
    ['To', '<sip:carol@sip.test>'],
    ['Expires', '600'],
  ]);
  await flush();
  const outgoing: Session = alice.ua.call('carol');
  const invite = await vi.waitFor(() => {
    const request = carol.requests('INVITE')[0];
    expect(request).toBeDefined();
    return request!;
  }, WAIT);
  const answer = (request: IncomingRequest, status: number, body = CAROL_SDP): void => {
    const ok = status === 200;
    const response = createResponse(request, status, undefined, {
      toTag: 'carol-totag',
      recordRoute: ok,
      headers: ok
        ? [
            ['Contact', carol.contact],
            ['Allow', 'INVITE, ACK, BYE, CANCEL, OPTIONS, UPDATE'],
            ['Content-Type', 'application/sdp'],
          ]
        : [],
      ...(ok ? { body } : {}),
    });
    carol.socket.send(serializeMessage(response));
  };
  answer(invite, 200);
  await vi.waitFor(() => expect(outgoing.status).toBe('confirmed'), WAIT);
  const media = alice.media.handlers.at(-1)!;
  /** The n-th re-INVITE carol got (the initial INVITE is 0). */
  const reinvite = (n: number) =>
    vi.waitFor(() => {
      const request = carol.requests('INVITE')[n];
      expect(request).toBeDefined();
      return request!;
    }, WAIT);
  return { scenario, alice, outgoing, media, answer, reinvite };
}

describe('a recovering call whose peer is out of reach for now', () => {
  it('a 408 to the ICE restart re-INVITE is a failed attempt: retried after 1 s, the call lives', async () => {
    const { scenario, outgoing, media, answer, reinvite } = await callWithCarol();
    media.setIceState('failed');
    answer(await reinvite(1), 408);
    await flush();
    // RFC 3261 §12.2.1.2 would end the dialog; a recovering call retries instead.
    expect(outgoing.status).toBe('confirmed');
    expect(outgoing.connectionState).toBe('reconnecting');
    await vi.advanceTimersByTimeAsync(1_000);
    answer(await reinvite(2), 200, CAROL_RESTART_SDP);
    await flush();
    media.setIceState('connected');
    await vi.waitFor(() => expect(outgoing.connectionState).toBe('connected'), WAIT);
    expect(outgoing.status).toBe('confirmed');
    outgoing.terminate();
    await scenario.stopAll();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('408s until the deadline end the call with the recovery cause, not Request Timeout', async () => {
    const { scenario, outgoing, media, answer, reinvite } = await callWithCarol();
    media.setIceState('failed');
    // Five attempts 1, 2, 4, 8 s apart, all refused for the dead flow (408, 430, 503); the
    // attempts are spent 8 s after the last one.
    const statuses = [408, 430, 503, 408, 408];
    const backoff = [1_000, 2_000, 4_000, 8_000, 8_000];
    for (const [i, status] of statuses.entries()) {
      answer(await reinvite(i + 1), status);
      await flush();
      expect(outgoing.status).toBe('confirmed');
      await vi.advanceTimersByTimeAsync(backoff[i]!);
    }
    expect(outgoing.status).toBe('terminated');
    expect(outgoing.cause).toBe(Causes.MEDIA_RECOVERY_FAILED);
    await scenario.stopAll();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('a 481 still ends the recovering call at once (Dialog Error)', async () => {
    const { scenario, outgoing, media, answer, reinvite } = await callWithCarol();
    media.setIceState('failed');
    answer(await reinvite(1), 481);
    await flush();
    expect(outgoing.status).toBe('terminated');
    expect(outgoing.cause).toBe(Causes.DIALOG_ERROR);
    await scenario.stopAll();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('a 408 to a re-INVITE of a healthy call still ends it (RFC 3261 §12.2.1.2)', async () => {
    const { scenario, outgoing, answer, reinvite } = await callWithCarol();
    void outgoing.restartIce();
    answer(await reinvite(1), 408);
    await flush();
    expect(outgoing.status).toBe('terminated');
    expect(outgoing.cause).toBe(Causes.REQUEST_TIMEOUT);
    await scenario.stopAll();
    expect(vi.getTimerCount()).toBe(0);
  });
});
