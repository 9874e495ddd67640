import {
  Causes,
  createResponse,
  formatUri,
  serializeMessage,
  type HeaderEntry,
} from '@sipkit/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeMediaHandlers, userDeniedMediaError } from '../media/fake-media-handler.js';
import { renderFakeSdp } from '../media/fake-sdp.js';
import { matches } from '../network/fault-plan.js';
import { RawPhone } from '../server/raw-phone.fixture.js';
import { callScenario, establish, flush, WAIT } from './calls.fixture.js';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

const SDP = renderFakeSdp(7, 1, [{ media: 'audio', direction: 'sendrecv', mid: '0' }]);

/** A raw phone registered as `user`, for flows our own UA would never produce. */
async function rawPhone(
  network: ConstructorParameters<typeof RawPhone>[0],
  user: string,
): Promise<RawPhone> {
  const phone = new RawPhone(network, user);
  phone.socket.connect();
  await flush();
  phone.send('REGISTER', 'sip:sip.test', [
    ['To', `<sip:${user}@sip.test>`],
    ['Expires', '600'],
  ]);
  await vi.waitFor(() =>
    expect(phone.received.map((m) => m.toString().split('\r\n')[0])).toContain('SIP/2.0 200 OK'),
  );
  return phone;
}

describe('calls: authentication and media failures', () => {
  it('answers the proxy 407 on INVITE once and connects', async () => {
    const { uas, sent, network, stopAll } = await callScenario(
      ['alice', 'bob'],
      { password: 'pw' },
      { users: { alice: 'pw', bob: 'pw' } },
    );
    const [outgoing] = await establish(uas.alice!, uas.bob!, 'bob');
    const invites = sent('INVITE');
    expect(invites).toHaveLength(2);
    expect(invites[1]!.header('proxy-authorization')).toMatch(/^Digest /);
    expect(invites[1]!.cseq.seq).toBe(invites[0]!.cseq.seq + 1);
    expect(invites[1]!.callId).toBe(invites[0]!.callId);
    // The ACK of the proxy's own 407 ends at the proxy; only the 2xx's ACK reaches bob.
    const acksToBob = network.traffic
      .entries()
      .filter((e) => e.direction === 'to-client' && e.message.startsWith('ACK '));
    expect(acksToBob).toHaveLength(1);
    outgoing.terminate();
    await stopAll();
  });

  it('fails with Authentication Error after exactly one retry with a wrong password', async () => {
    const { addUA, sent, stopAll } = await callScenario(
      ['bob'],
      { password: 'pw' },
      { users: { alice: 'right', bob: 'pw' } },
    );
    const alice = addUA(
      'alice',
      { password: 'wrong', register: false },
      { mediaHandlerFactory: fakeMediaHandlers().factory },
    );
    alice.ua.start();
    await flush();
    const outgoing = alice.ua.call('bob');
    await vi.waitFor(() => expect(outgoing.isEnded()).toBe(true));
    expect(outgoing.cause).toBe(Causes.AUTHENTICATION_ERROR);
    expect(sent('INVITE')).toHaveLength(2);
    await stopAll();
  });

  it('fails with User Denied Media Access before any INVITE when getUserMedia is refused', async () => {
    const { uas, sent, stopAll } = await callScenario(['alice', 'bob']);
    const outgoing = uas.alice!.ua.call('bob', {});
    // The handler was made synchronously inside call(): make its offer fail.
    uas.alice!.media.handlers[0]!.failNext('createOffer', userDeniedMediaError());
    await vi.waitFor(() => expect(outgoing.isEnded()).toBe(true));
    expect(outgoing.cause).toBe(Causes.USER_DENIED_MEDIA_ACCESS);
    expect(sent('INVITE')).toHaveLength(0);
    await stopAll();
  });

  it('sends BYE with cause No ACK when the ACK of our 2xx never comes', async () => {
    const { uas, network, sent, stopAll } = await callScenario(['alice', 'bob']);
    network.faults.drop(matches.request('ACK'));
    const outgoing = uas.alice!.ua.call('bob');
    await vi.waitFor(() => expect(uas.bob!.sessions).toHaveLength(1));
    const incoming = uas.bob!.last();
    incoming.answer();
    await vi.waitFor(() => expect(outgoing.status).toBe('confirmed'));
    expect(incoming.status).toBe('answered');
    // RFC 3261 §13.3.1.4: 2xx again at T1, 2T1, 4T1 ... then BYE after 64*T1.
    await vi.advanceTimersByTimeAsync(31_000);
    expect(incoming.status).toBe('answered');
    const okCount = network.traffic
      .entries()
      .filter(
        (e) =>
          /^SIP\/2\.0 200 OK[\s\S]*CSeq: 1 INVITE/.test(e.message) && e.direction === 'to-server',
      ).length;
    expect(okCount).toBeGreaterThanOrEqual(6);
    await vi.advanceTimersByTimeAsync(1_100);
    expect(incoming.cause).toBe(Causes.NO_ACK);
    expect(sent('BYE').length).toBe(1);
    await vi.waitFor(() => expect(outgoing.isEnded()).toBe(true));
    await stopAll();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('ends the call when the far end hangs up, with originator remote', async () => {
    const { uas, stopAll } = await callScenario(['alice', 'bob']);
    const [outgoing, incoming] = await establish(uas.alice!, uas.bob!, 'bob');
    const ended = vi.fn();
    outgoing.on('ended', ended);
    incoming.terminate();
    await vi.waitFor(() => expect(ended).toHaveBeenCalled());
    expect(ended.mock.calls[0]![0]).toMatchObject({ originator: 'remote', cause: Causes.BYE });
    await stopAll();
  });

  it('stop() ends live calls with BYE and leaves nothing pending', async () => {
    const { uas, sent, stopAll } = await callScenario(['alice', 'bob']);
    const [outgoing, incoming] = await establish(uas.alice!, uas.bob!, 'bob');
    const stopping = uas.alice!.ua.stop();
    await vi.advanceTimersByTimeAsync(100);
    await stopping;
    expect(outgoing.isEnded()).toBe(true);
    expect(sent('BYE')).toHaveLength(1);
    await vi.waitFor(() => expect(incoming.isEnded()).toBe(true));
    await stopAll();
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('calls: offer/answer variants from other implementations', () => {
  it('answers an INVITE without SDP with an offer in the 200 and takes the answer from the ACK', async () => {
    const { uas, network, stopAll } = await callScenario(['bob']);
    const phone = await rawPhone(network, 'zoe');
    const { callId, cseq } = phone.send('INVITE', 'sip:bob@sip.test', [['Contact', phone.contact]]);
    await vi.waitFor(() => expect(uas.bob!.sessions).toHaveLength(1));
    const incoming = uas.bob!.last();
    incoming.answer();
    const ok = await vi.waitFor(() => {
      const response = phone.responses(200).find((r) => r.callId === callId);
      expect(response).toBeDefined();
      return response!;
    });
    expect(ok.header('content-type')).toBe('application/sdp');
    expect(ok.body).toMatch(/^v=0/);
    const route = ok
      .headers('record-route')
      .reverse()
      .map((r): [string, string] => ['Route', r]);
    phone.send(
      'ACK',
      formatUri(ok.parsed('contact')!.contacts[0]!.uri),
      [...route, ['To', ok.header('to')!], ['Content-Type', 'application/sdp']],
      { callId, cseq, body: SDP },
    );
    await vi.waitFor(() => expect(incoming.status).toBe('confirmed'));
    expect(uas.bob!.media.handlers[0]!.remoteSdp).toBe(SDP);
    incoming.terminate();
    await flush();
    await stopAll();
  });

  it('plays early media from a 183 with SDP, then confirms on the 200', async () => {
    const { uas, network, stopAll } = await callScenario(['alice']);
    const phone = await rawPhone(network, 'ivr');
    const outgoing = uas.alice!.ua.call('ivr');
    const invite = await vi.waitFor(() => {
      const request = phone.requests('INVITE')[0];
      expect(request).toBeDefined();
      return request!;
    });
    const respond = (status: number, body?: string, extra: HeaderEntry[] = []) =>
      phone.socket.send(
        serializeMessage(
          createResponse(invite, status, undefined, {
            toTag: 'ivr-tag',
            recordRoute: true,
            headers: [
              ['Contact', phone.contact],
              ...(body === undefined ? [] : [['Content-Type', 'application/sdp'] as const]),
              ...extra,
            ],
            ...(body === undefined ? {} : { body }),
          }),
        ),
      );
    const answer = renderFakeSdp(8, 1, [{ media: 'audio', direction: 'sendrecv', mid: '0' }]);
    respond(183, answer);
    await vi.waitFor(() => expect(outgoing.status).toBe('early'));
    expect(uas.alice!.media.handlers[0]!.calls).toContain('setRemoteDescription:pranswer');
    respond(200, undefined, [['P-Asserted-Identity', '"IVR Menu" <sip:ivr@sip.test>']]);
    await vi.waitFor(() => expect(outgoing.status).toBe('confirmed'));
    expect(outgoing.remoteIdentity).toEqual({ displayName: 'IVR Menu', uri: 'sip:ivr@sip.test' });
    expect(uas.alice!.media.handlers[0]!.calls).toContain('setRemoteDescription:answer');
    expect(phone.requests('ACK')).toHaveLength(1);
    outgoing.terminate();
    await vi.waitFor(() => expect(phone.requests('BYE')).toHaveLength(1));
    await stopAll();
  });
});

describe('calls: RFC corner cases', () => {
  it('a BYE on the early dialog ends the incoming call and its INVITE gets 487 (§15.1.2)', async () => {
    const { uas, network, stopAll } = await callScenario(['bob']);
    const phone = await rawPhone(network, 'zoe');
    const { callId } = phone.send('INVITE', 'sip:bob@sip.test', [['Contact', phone.contact]], {
      body: SDP,
    });
    const ringing = await vi.waitFor(() => {
      const response = phone.responses(180).find((r) => r.callId === callId);
      expect(response).toBeDefined();
      return response!;
    }, WAIT);
    phone.send(
      'BYE',
      formatUri(ringing.parsed('contact')!.contacts[0]!.uri),
      [
        ...ringing
          .headers('record-route')
          .reverse()
          .map((r): [string, string] => ['Route', r]),
        ['To', ringing.header('to')!],
      ],
      { callId },
    );
    await vi.waitFor(() => expect(phone.responses(487)).toHaveLength(1), WAIT);
    expect(uas.bob!.last().cause).toBe(Causes.BYE);
    await stopAll();
  });

  it('runs one offer procedure at a time: a second hold during a glare wait is refused', async () => {
    const { uas, stopAll } = await callScenario(['alice', 'bob']);
    const [outgoing, incoming] = await establish(uas.alice!, uas.bob!, 'bob');
    const first = outgoing.hold();
    const crossing = incoming.hold();
    await flush();
    // alice is now waiting out the §14.1 delay: nothing else of hers may start.
    await expect(outgoing.renegotiate()).resolves.toBe(false);
    await vi.advanceTimersByTimeAsync(5_000);
    await expect(first).resolves.toBe(true);
    await expect(crossing).resolves.toBe(true);
    outgoing.terminate();
    await stopAll();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('refuses a re-INVITE that arrives before the ACK of our 2xx with 491 (§14.2)', async () => {
    const { uas, network, stopAll } = await callScenario(['bob']);
    const phone = await rawPhone(network, 'zoe');
    const { callId } = phone.send('INVITE', 'sip:bob@sip.test', [['Contact', phone.contact]], {
      body: SDP,
    });
    await vi.waitFor(() => expect(uas.bob!.sessions).toHaveLength(1), WAIT);
    uas.bob!.last().answer();
    const ok = await vi.waitFor(() => {
      const response = phone.responses(200).find((r) => r.callId === callId);
      expect(response).toBeDefined();
      return response!;
    }, WAIT);
    const target = formatUri(ok.parsed('contact')!.contacts[0]!.uri);
    const route = ok
      .headers('record-route')
      .reverse()
      .map((r): [string, string] => ['Route', r]);
    phone.send('INVITE', target, [...route, ['To', ok.header('to')!]], { callId, body: SDP });
    await vi.waitFor(() => expect(phone.responses(491)).toHaveLength(1), WAIT);
    expect(uas.bob!.last().status).toBe('answered');
    uas.bob!.last().terminate();
    await stopAll();
  });
});
