import { parseMessage } from '@sipkit/core';
import { userDeniedMediaError } from '@sipkit/testing';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { C, SessionStatusCodes } from './constants.js';
import { debug } from './debug.js';
import { InvalidStateError } from './exceptions.js';
import { NameAddrHeader } from './name-addr-header.js';
import type { RTCSessionEventMap } from './rtc-session-events.js';
import { IncomingRequestView, IncomingResponseView, OutgoingRequestView } from './sip-messages.js';
import { jssipScenario, WAIT } from './testing/jssip-scenario.js';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('RTCSession: identities and states as JsSIP shows them', () => {
  it('an incoming call has snake_case identities with display_name and a URI object', async () => {
    const { phones, stopAll } = await jssipScenario(['alice', 'bob'], {
      display_name: 'Alice Liddell',
    });
    const alice = phones['alice']!;
    const bob = phones['bob']!;
    const seen = vi.fn(
      (_event: { originator: string; request: IncomingRequestView | undefined }) => undefined,
    );
    bob.ua.on('newRTCSession', seen);
    alice.ua.call('bob');
    await vi.waitFor(() => expect(bob.sessions).toHaveLength(1), WAIT);
    const incoming = bob.last();
    expect(incoming.remote_identity).toBeInstanceOf(NameAddrHeader);
    expect(incoming.remote_identity.display_name).toBe('Alice Liddell');
    expect(incoming.remote_identity.uri.user).toBe('alice');
    expect(incoming.remote_identity.uri.host).toBe('sip.test');
    expect(incoming.local_identity.uri.toString()).toBe('sip:bob@sip.test');
    expect(incoming.direction).toBe('incoming');
    expect(incoming.status).toBe(SessionStatusCodes.STATUS_WAITING_FOR_ANSWER);
    const event = seen.mock.calls[0]![0];
    expect(event.originator).toBe('remote');
    expect(event.request).toBeInstanceOf(IncomingRequestView);
    expect(event.request?.method).toBe('INVITE');
    expect(event.request?.from.display_name).toBe('Alice Liddell');
    incoming.terminate({ status_code: 486 });
    await vi.waitFor(() => expect(alice.last().isEnded()).toBe(true), WAIT);
    await stopAll();
  });

  it('answer() on an outgoing call and terminate() after the end throw InvalidStateError', async () => {
    const { phones, establish, stopAll } = await jssipScenario(['alice', 'bob']);
    const [outgoing, incoming] = await establish(phones['alice']!, phones['bob']!, 'bob');
    expect(outgoing.status).toBe(SessionStatusCodes.STATUS_CONFIRMED);
    expect(() => outgoing.answer()).toThrow(InvalidStateError);
    outgoing.terminate();
    await vi.waitFor(() => expect(incoming.isEnded()).toBe(true), WAIT);
    expect(outgoing.status).toBe(SessionStatusCodes.STATUS_TERMINATED);
    expect(() => outgoing.terminate()).toThrow(InvalidStateError);
    await stopAll();
  });
});

describe('RTCSession: events with JsSIP names and payloads', () => {
  it('an outgoing call emits connecting, sending, progress, accepted, confirmed in order', async () => {
    const { phones, stopAll } = await jssipScenario(['alice', 'bob']);
    const order: string[] = [];
    const payloads: Partial<Record<keyof RTCSessionEventMap, unknown>> = {};
    const record =
      <K extends keyof RTCSessionEventMap>(name: K) =>
      (event: RTCSessionEventMap[K]) => {
        order.push(name);
        payloads[name] = event;
      };
    const outgoing = phones['alice']!.ua.call('bob', {
      data: { account: 7 },
      eventHandlers: {
        connecting: record('connecting'),
        sending: record('sending'),
        progress: record('progress'),
        accepted: record('accepted'),
        confirmed: record('confirmed'),
      },
    });
    expect(outgoing.data).toEqual({ account: 7 });
    await vi.waitFor(() => expect(phones['bob']!.sessions).toHaveLength(1), WAIT);
    phones['bob']!.last().answer();
    await vi.waitFor(() => expect(order).toContain('confirmed'), WAIT);
    expect(order).toEqual(['connecting', 'sending', 'progress', 'accepted', 'confirmed']);
    const connecting = payloads.connecting as RTCSessionEventMap['connecting'];
    expect(connecting.request).toBeInstanceOf(OutgoingRequestView);
    expect(connecting.request.method).toBe('INVITE');
    expect(connecting.request.ruri?.user).toBe('bob');
    const progress = payloads.progress as RTCSessionEventMap['progress'];
    expect(progress.originator).toBe('remote');
    expect(progress.response).toBeInstanceOf(IncomingResponseView);
    expect(progress.response?.status_code).toBe(180);
    const accepted = payloads.accepted as RTCSessionEventMap['accepted'];
    expect(accepted.response?.status_code).toBe(200);
    expect(outgoing.start_time).toBeInstanceOf(Date);
    outgoing.terminate();
    await stopAll();
  });

  it('ended and failed carry { originator, cause, message } with JsSIP cause strings', async () => {
    const { phones, establish, stopAll } = await jssipScenario(['alice', 'bob']);
    const alice = phones['alice']!;
    const bob = phones['bob']!;
    const failed = vi.fn((_event: RTCSessionEventMap['failed']) => undefined);
    alice.ua.call('bob', { eventHandlers: { failed } });
    await vi.waitFor(() => expect(bob.sessions).toHaveLength(1), WAIT);
    bob.last().terminate({ status_code: 486 });
    await vi.waitFor(() => expect(failed).toHaveBeenCalled(), WAIT);
    const failure = failed.mock.calls[0]![0];
    expect(failure.originator).toBe('remote');
    expect(failure.cause).toBe(C.causes.BUSY);
    expect((failure.message as IncomingResponseView).status_code).toBe(486);

    const [outgoing, incoming] = await establish(alice, bob, 'bob');
    const ended = vi.fn((_event: RTCSessionEventMap['ended']) => undefined);
    incoming.on('ended', ended);
    outgoing.terminate();
    await vi.waitFor(() => expect(ended).toHaveBeenCalled(), WAIT);
    const end = ended.mock.calls[0]![0];
    expect(end.originator).toBe('remote');
    expect(end.cause).toBe(C.causes.BYE);
    expect((end.message as IncomingRequestView).method).toBe('BYE');
    expect(incoming.end_time).toBeInstanceOf(Date);
    await stopAll();
  });

  it('getusermediafailed and peerconnection:createofferfailed carry the error itself', async () => {
    let index = 0;
    const { phones, stopAll } = await jssipScenario(['alice', 'bob'], {}, (handler) => {
      if (index++ === 0) handler.failNext('createOffer', userDeniedMediaError());
      else if (index === 2) handler.failNext('createOffer', new Error('no codecs'));
    });
    const alice = phones['alice']!;
    const denied = vi.fn((_error: Error) => undefined);
    const first = alice.ua.call('bob', { eventHandlers: { getusermediafailed: denied } });
    await vi.waitFor(() => expect(first.isEnded()).toBe(true), WAIT);
    expect(denied.mock.calls[0]![0].name).toBe('NotAllowedError');
    const failedCause = vi.fn((_event: RTCSessionEventMap['failed']) => undefined);
    const offerFailed = vi.fn((_error: Error) => undefined);
    alice.ua.call('bob', {
      eventHandlers: { 'peerconnection:createofferfailed': offerFailed, failed: failedCause },
    });
    await vi.waitFor(() => expect(failedCause).toHaveBeenCalled(), WAIT);
    expect(offerFailed.mock.calls[0]![0].message).toBe('no codecs');
    expect(failedCause.mock.calls[0]![0].cause).toBe(C.causes.WEBRTC_ERROR);
    await stopAll();
  });

  it('a JsSIP sdp listener may rewrite the local SDP, and the rewrite goes on the wire', async () => {
    const { phones, sent, stopAll } = await jssipScenario(['alice', 'bob']);
    phones['alice']!.ua.call('bob', {
      eventHandlers: {
        sdp: (event) => {
          if (event.originator === 'local') event.sdp += 'a=x-jssip-app\r\n';
        },
      },
    });
    await vi.waitFor(() => expect(sent('INVITE')).toHaveLength(1), WAIT);
    expect(sent('INVITE')[0]!.body).toMatch(/a=x-jssip-app\r\n$/);
    await stopAll();
  });

  it('offers 100rel (RFC 3262, which JsSIP lacks) unless reliableProvisionals is false', async () => {
    const { phones, sent, stopAll } = await jssipScenario(['alice', 'bob']);
    phones['alice']!.ua.call('bob');
    phones['alice']!.ua.call('bob', { reliableProvisionals: false });
    await vi.waitFor(() => expect(sent('INVITE')).toHaveLength(2), WAIT);
    const supported = sent('INVITE').map((invite) => invite.parsed('supported') ?? []);
    expect(supported[0]).toContain('100rel');
    expect(supported[1]).not.toContain('100rel');
    await stopAll();
  });
});

describe('RTCSession: DTMF, hold, re-offers', () => {
  it('sendDTMF goes by SIP INFO by default and by RTP with transportType RFC2833', async () => {
    const { phones, establish, sent, stopAll } = await jssipScenario(['alice', 'bob']);
    const [outgoing, incoming] = await establish(phones['alice']!, phones['bob']!, 'bob');
    const received = vi.fn((_event: RTCSessionEventMap['newDTMF']) => undefined);
    incoming.on('newDTMF', received);
    outgoing.sendDTMF('1', { duration: 160 });
    await vi.waitFor(() => expect(received).toHaveBeenCalled(), WAIT);
    const info = sent('INFO')[0]!;
    expect(info.header('Content-Type')).toBe('application/dtmf-relay');
    expect(info.body).toMatch(/Signal=1/);
    expect(received.mock.calls[0]![0].dtmf.tone).toBe('1');
    expect(received.mock.calls[0]![0].originator).toBe('remote');
    outgoing.sendDTMF('2', { transportType: 'RFC2833' });
    await vi.advanceTimersByTimeAsync(1000);
    expect(sent('INFO')).toHaveLength(1);
    expect(phones['alice']!.media.handlers[0]!.dtmf.map((d) => d.tones)).toEqual(['2']);
    expect(() => outgoing.sendDTMF('x')).toThrow(TypeError);
    outgoing.terminate();
    await stopAll();
  });

  it('hold({ useUpdate: true }) sends an UPDATE with sendonly, returns true, then calls done', async () => {
    const { phones, establish, sent, stopAll } = await jssipScenario(['alice', 'bob']);
    const [outgoing, incoming] = await establish(phones['alice']!, phones['bob']!, 'bob');
    const remoteHold = vi.fn();
    incoming.on('hold', remoteHold);
    const done = vi.fn();
    const localHold = vi.fn();
    outgoing.on('hold', localHold);
    expect(outgoing.isReadyToReOffer()).toBe(true);
    expect(outgoing.hold({ useUpdate: true }, done)).toBe(true);
    // JsSIP's timing: reported when asked for, before the far end answers.
    expect(localHold).toHaveBeenCalledWith({ originator: 'local' });
    expect(outgoing.isOnHold().local).toBe(true);
    expect(outgoing.hold()).toBe(false);
    await vi.waitFor(() => expect(done).toHaveBeenCalled(), WAIT);
    expect(sent('UPDATE')).toHaveLength(1);
    expect(sent('UPDATE')[0]!.body).toMatch(/a=sendonly/);
    expect(outgoing.isOnHold()).toEqual({ local: true, remote: false });
    expect(remoteHold).toHaveBeenCalledWith({ originator: 'remote' });
    expect(localHold).toHaveBeenCalledTimes(1);
    expect(outgoing.hold()).toBe(false);
    expect(outgoing.unhold({ useUpdate: true })).toBe(true);
    expect(outgoing.isOnHold().local).toBe(false);
    await vi.waitFor(() => expect(sent('UPDATE')).toHaveLength(2), WAIT);
    expect(sent('UPDATE')[1]!.body).toMatch(/a=sendrecv/);
    outgoing.terminate();
    await stopAll();
  });

  it('refer() returns a ReferSubscriber; the refer event hands the new call to initCallback', async () => {
    const { phones, establish, stopAll } = await jssipScenario(['alice', 'bob', 'carol']);
    const [outgoing, incoming] = await establish(phones['alice']!, phones['bob']!, 'bob');
    const transferred = vi.fn();
    incoming.on('refer', (event) => {
      expect(event.request.method).toBe('REFER');
      event.accept(transferred);
    });
    const subscriber = outgoing.refer('carol');
    const progress: string[] = [];
    for (const name of ['requestSucceeded', 'trying', 'progress', 'accepted'] as const) {
      subscriber.on(name, () => progress.push(name));
    }
    await vi.waitFor(() => expect(phones['carol']!.sessions).toHaveLength(1), WAIT);
    expect(transferred).toHaveBeenCalledTimes(1);
    expect(transferred.mock.calls[0]![0].remote_identity.uri.user).toBe('carol');
    phones['carol']!.last().answer();
    await vi.waitFor(() => expect(progress).toContain('accepted'), WAIT);
    // The 202 and the first NOTIFY arrive back to back; both are reported.
    expect(progress).toEqual(expect.arrayContaining(['requestSucceeded', 'trying', 'accepted']));
    await stopAll();
  });
});

describe('a throwing hold/renegotiate callback', () => {
  it('is logged, not left as an unhandled rejection', async () => {
    const { phones, establish, stopAll } = await jssipScenario(['alice', 'bob']);
    const [outgoing] = await establish(phones['alice']!, phones['bob']!, 'bob');
    debug.enable('JsSIP:ERROR:*');
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const bug = new Error('app bug');
    const thrower = (): never => {
      throw bug;
    };
    expect(outgoing.hold({ useUpdate: true }, thrower)).toBe(true);
    await vi.waitFor(() => expect(logged).toHaveBeenCalledTimes(1), WAIT);
    expect(logged).toHaveBeenCalledWith('JsSIP:ERROR:UA session: a hold callback threw', bug);
    await vi.waitFor(() => expect(outgoing.isReadyToReOffer()).toBe(true), WAIT);
    expect(outgoing.renegotiate({ useUpdate: true }, thrower)).toBe(true);
    await vi.waitFor(() => expect(logged).toHaveBeenCalledTimes(2), WAIT);
    expect(logged).toHaveBeenCalledWith(
      'JsSIP:ERROR:UA session: a renegotiate callback threw',
      bug,
    );
    logged.mockRestore();
    debug.disable();
    outgoing.terminate();
    await stopAll();
  });
});

describe('icecandidate', () => {
  it('carries the candidate and a ready() that ends gathering', async () => {
    const { phones, stopAll } = await jssipScenario(['alice', 'bob']);
    const seen = vi.fn((_event: RTCSessionEventMap['icecandidate']) => undefined);
    const outgoing = phones['alice']!.ua.call('bob', { eventHandlers: { icecandidate: seen } });
    await vi.waitFor(() => expect(phones['alice']!.media.handlers).toHaveLength(1), WAIT);
    const ready = vi.fn();
    const candidate = { candidate: 'candidate:1 1 udp 1 127.0.0.1 9 typ host' } as RTCIceCandidate;
    phones['alice']!.media.handlers[0]!.emit('icecandidate', { candidate, ready });
    expect(seen.mock.calls[0]![0].candidate).toBe(candidate);
    seen.mock.calls[0]![0].ready();
    expect(ready).toHaveBeenCalledTimes(1);
    outgoing.terminate();
    await stopAll();
  });
});

describe('a hold the far end refuses', () => {
  it('reports unhold again, so the view goes back', async () => {
    const { phones, establish, stopAll } = await jssipScenario(['alice', 'bob']);
    const [outgoing, incoming] = await establish(phones['alice']!, phones['bob']!, 'bob');
    const events: string[] = [];
    outgoing.on('hold', ({ originator }) => events.push(`hold:${originator}`));
    outgoing.on('unhold', ({ originator }) => events.push(`unhold:${originator}`));
    // Bob's media cannot take the offer: he answers the UPDATE with an error.
    phones['bob']!.media.handlers[0]!.failNext('setRemoteDescription', new Error('refused'));
    expect(outgoing.hold({ useUpdate: true })).toBe(true);
    await vi.waitFor(() => expect(events).toEqual(['hold:local', 'unhold:local']), WAIT);
    expect(outgoing.isOnHold().local).toBe(false);
    if (!incoming.isEnded()) outgoing.terminate();
    await stopAll();
  });
});

describe('RTCSession.connection', () => {
  it('is the peer connection, with getLocalStreams/getRemoteStreams and addstream added', async () => {
    const { phones, stopAll } = await jssipScenario(['alice', 'bob']);
    const pc = Object.assign(new EventTarget(), { signalingState: 'stable' });
    const seen = vi.fn((_event: RTCSessionEventMap['peerconnection']) => undefined);
    const outgoing = phones['alice']!.ua.call('bob', { eventHandlers: { peerconnection: seen } });
    expect(outgoing.connection).toBeUndefined();
    await vi.waitFor(() => expect(phones['alice']!.media.handlers).toHaveLength(1), WAIT);
    const handler = phones['alice']!.media.handlers[0]!;
    handler.connection = pc as never;
    handler.emit('peerconnection', { connection: pc as never });
    const connection = outgoing.connection!;
    expect(seen.mock.calls[0]![0].peerconnection).toBe(connection);
    expect(connection).toBe(pc);
    expect(connection.getLocalStreams()).toEqual(
      handler.localStream === undefined ? [] : [handler.localStream],
    );
    const added = vi.fn();
    connection.addEventListener('addstream', (event) =>
      added((event as Event & { stream: unknown }).stream),
    );
    const stream = { id: 'remote-1' } as unknown as MediaStream;
    pc.dispatchEvent(Object.assign(new Event('track'), { streams: [stream] }));
    pc.dispatchEvent(Object.assign(new Event('track'), { streams: [stream] }));
    expect(added).toHaveBeenCalledTimes(1);
    expect(added).toHaveBeenCalledWith(stream);
    expect(connection.getRemoteStreams()).toContain(stream);
    outgoing.terminate();
    await stopAll();
  });
});

describe('a re-INVITE the far end sends', () => {
  it('reaches the app as reinvite with a JsSIP request view', async () => {
    const { phones, establish, stopAll } = await jssipScenario(['alice', 'bob']);
    const [outgoing, incoming] = await establish(phones['alice']!, phones['bob']!, 'bob');
    const reinvite = vi.fn((_event: RTCSessionEventMap['reinvite']) => undefined);
    incoming.on('reinvite', reinvite);
    expect(outgoing.renegotiate()).toBe(true);
    await vi.waitFor(() => expect(reinvite).toHaveBeenCalled(), WAIT);
    expect(parseMessage(reinvite.mock.calls[0]![0].request.data).kind).toBe('request');
    expect(reinvite.mock.calls[0]![0].request.method).toBe('INVITE');
    outgoing.terminate();
    await stopAll();
  });
});
