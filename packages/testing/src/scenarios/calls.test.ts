import { Causes, UA, type Session } from '@sipkit/core';
import { fakeMediaHandlers } from '../media/fake-media-handler.js';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { matches } from '../network/fault-plan.js';
import { callScenario, establish, flush, recordEvents } from './calls.fixture.js';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('a basic call between two UAs', () => {
  it('rings, is answered, confirmed on both sides, and ends with BYE', async () => {
    const scenario = await callScenario(['alice', 'bob']);
    const { uas, sent, stopAll } = scenario;
    const { alice, bob } = uas as Required<typeof uas>;
    const outgoing = alice!.ua.call('bob');
    const outEvents = recordEvents(outgoing);
    expect(outgoing.direction).toBe('outgoing');
    expect(outgoing.status).toBe('connecting');
    await vi.waitFor(() => expect(outgoing.status).toBe('ringing'));
    const incoming = bob!.last();
    const inEvents = recordEvents(incoming);
    expect(incoming.direction).toBe('incoming');
    expect(incoming.remoteIdentity.uri).toBe('sip:alice@sip.test');
    incoming.answer();
    await vi.waitFor(() => expect(incoming.status).toBe('confirmed'));
    expect(outgoing.status).toBe('confirmed');
    expect(outgoing.startTime).toBeInstanceOf(Date);
    expect(outEvents).toEqual(['progress', 'accepted', 'confirmed']);
    expect(inEvents).toEqual(['accepted', 'confirmed']);
    const invite = sent('INVITE')[0]!;
    expect(invite.header('content-type')).toBe('application/sdp');
    expect(invite.headers('supported').join(',')).toMatch(/replaces/);
    expect(invite.header('allow')).toMatch(/UPDATE/);

    outgoing.terminate();
    expect(outgoing.status).toBe('terminated');
    await vi.waitFor(() => expect(incoming.status).toBe('terminated'));
    expect(outgoing.cause).toBe(Causes.BYE);
    expect(incoming.cause).toBe(Causes.BYE);
    expect(outEvents.at(-1)).toBe('ended');
    expect(inEvents.at(-1)).toBe('ended');
    expect(alice!.media.handlers.every((h) => h.closed)).toBe(true);
    expect(bob!.media.handlers.every((h) => h.closed)).toBe(true);
    expect(alice!.ua.sessions).toHaveLength(0);
    const { proxy } = scenario;
    expect(proxy.rememberedTransactions).toBeGreaterThan(0);
    await stopAll();
    expect(vi.getTimerCount()).toBe(0);
    // Both callers are gone: the proxy keeps nothing of theirs reachable.
    expect(proxy.rememberedTransactions).toBe(0);
  });

  it('a rejection with 486 fails the caller with cause Busy', async () => {
    const { uas, stopAll } = await callScenario(['alice', 'bob']);
    const outgoing = uas.alice!.ua.call('bob');
    const failed = vi.fn();
    outgoing.on('failed', failed);
    await vi.waitFor(() => expect(uas.bob!.sessions).toHaveLength(1));
    uas.bob!.last().terminate({ status_code: 486 });
    await vi.waitFor(() => expect(failed).toHaveBeenCalled());
    expect(failed.mock.calls[0]![0]).toMatchObject({ originator: 'remote', cause: Causes.BUSY });
    expect(uas.bob!.last().cause).toBe(Causes.REJECTED);
    await stopAll();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('cancels before an answer: both sides fail with Canceled', async () => {
    const { uas, sent, stopAll } = await callScenario(['alice', 'bob']);
    const outgoing = uas.alice!.ua.call('bob');
    await vi.waitFor(() => expect(outgoing.status).toBe('ringing'));
    outgoing.terminate();
    expect(outgoing.cause).toBe(Causes.CANCELED);
    await vi.waitFor(() => expect(uas.bob!.last().status).toBe('terminated'));
    expect(uas.bob!.last().cause).toBe(Causes.CANCELED);
    expect(sent('CANCEL')).toHaveLength(1);
    await stopAll();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('acknowledges then ends a 2xx that crossed our CANCEL', async () => {
    const { uas, network, sent, stopAll } = await callScenario(['alice', 'bob']);
    const outgoing = uas.alice!.ua.call('bob');
    await vi.waitFor(() => expect(outgoing.status).toBe('ringing'));
    // The CANCEL is slow: bob answers before it arrives.
    network.faults.delay(200, matches.request('CANCEL'), { times: 1 });
    outgoing.terminate();
    uas.bob!.last().answer();
    await vi.advanceTimersByTimeAsync(1000);
    await vi.waitFor(() => expect(uas.bob!.last().status).toBe('terminated'));
    expect(uas.bob!.last().cause).toBe(Causes.BYE);
    expect(sent('ACK').length).toBeGreaterThanOrEqual(1);
    expect(sent('BYE')).toHaveLength(1);
    await stopAll();
  });

  it('rejects an unanswered call after no_answer_timeout with cause No Answer', async () => {
    const { uas, stopAll } = await callScenario(['alice', 'bob'], { no_answer_timeout: 5 });
    const outgoing = uas.alice!.ua.call('bob');
    await vi.waitFor(() => expect(outgoing.status).toBe('ringing'));
    await vi.advanceTimersByTimeAsync(5000);
    await vi.waitFor(() => expect(outgoing.status).toBe('terminated'));
    expect(uas.bob!.last().cause).toBe(Causes.NO_ANSWER);
    expect(outgoing.cause).toBe(Causes.REQUEST_TIMEOUT);
    await stopAll();
  });

  it('fails a call to a user who is not registered with Unavailable or Not Found', async () => {
    const { uas, stopAll } = await callScenario(['alice']);
    const outgoing = uas.alice!.ua.call('nobody');
    await vi.waitFor(() => expect(outgoing.status).toBe('terminated'));
    expect([Causes.NOT_FOUND, Causes.UNAVAILABLE]).toContain(outgoing.cause);
    await stopAll();
  });

  it('ends the caller with Bad Media Description when the answer SDP is malformed', async () => {
    const { uas, stopAll, sent } = await callScenario(['alice', 'bob']);
    const outgoing = uas.alice!.ua.call('bob');
    await vi.waitFor(() => expect(uas.bob!.sessions).toHaveLength(1));
    uas.bob!.media.corruptNextSdp();
    uas.bob!.last().answer();
    await vi.waitFor(() => expect(outgoing.status).toBe('terminated'));
    expect(outgoing.cause).toBe(Causes.BAD_MEDIA_DESCRIPTION);
    expect(sent('ACK')).toHaveLength(1);
    await vi.waitFor(() => expect(uas.bob!.last().status).toBe('terminated'));
    await stopAll();
  });
});

describe('mid-call', () => {
  it('holds and resumes both ways with re-INVITEs, surfacing remote hold', async () => {
    const { uas, stopAll, sent } = await callScenario(['alice', 'bob']);
    const [outgoing, incoming] = await establish(uas.alice!, uas.bob!, 'bob');
    const remote = vi.fn();
    incoming.on('hold', remote);
    const holding = outgoing.hold();
    // Not on hold until the far end has accepted the re-INVITE.
    expect(outgoing.isOnHold().local).toBe(false);
    await expect(holding).resolves.toBe(true);
    expect(outgoing.isOnHold()).toEqual({ local: true, remote: false });
    await vi.waitFor(() => expect(incoming.isOnHold()).toEqual({ local: false, remote: true }));
    expect(remote).toHaveBeenCalledWith({ originator: 'remote' });
    expect(sent('INVITE')).toHaveLength(2);
    expect(sent('INVITE')[1]!.body).toMatch(/a=sendonly/);
    await expect(outgoing.hold()).resolves.toBe(false); // already held
    await expect(incoming.hold()).resolves.toBe(true);
    expect(incoming.isOnHold()).toEqual({ local: true, remote: true });
    await expect(outgoing.unhold()).resolves.toBe(true);
    await vi.waitFor(() => expect(incoming.isOnHold().remote).toBe(false));
    await expect(incoming.unhold()).resolves.toBe(true);
    await vi.waitFor(() => expect(outgoing.isOnHold()).toEqual({ local: false, remote: false }));
    outgoing.terminate();
    await stopAll();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('renegotiates with UPDATE and answers UPDATE', async () => {
    const { uas, stopAll, sent } = await callScenario(['alice', 'bob']);
    const [outgoing, incoming] = await establish(uas.alice!, uas.bob!, 'bob');
    const update = vi.fn();
    incoming.on('update', update);
    await expect(outgoing.renegotiate({ useUpdate: true })).resolves.toBe(true);
    expect(sent('UPDATE')).toHaveLength(1);
    expect(update).toHaveBeenCalledOnce();
    outgoing.terminate();
    await stopAll();
  });

  it('resolves re-INVITE glare (491) with the RFC 3261 §14.1 random delays', async () => {
    const { uas, stopAll, network } = await callScenario(['alice', 'bob']);
    const [outgoing, incoming] = await establish(uas.alice!, uas.bob!, 'bob');
    const a = outgoing.hold();
    const b = incoming.hold();
    await flush();
    await vi.advanceTimersByTimeAsync(5000);
    await expect(a).resolves.toBe(true);
    await expect(b).resolves.toBe(true);
    const glare = network.traffic.entries().filter((e) => /^SIP\/2\.0 491/.test(e.message));
    expect(glare.length).toBeGreaterThanOrEqual(1);
    expect(outgoing.isOnHold()).toEqual({ local: true, remote: true });
    expect(incoming.isOnHold()).toEqual({ local: true, remote: true });
    outgoing.terminate();
    await stopAll();
  });

  it('mutes and unmutes local tracks without signalling', async () => {
    const { uas, stopAll, sent } = await callScenario(['alice', 'bob']);
    const [outgoing] = await establish(uas.alice!, uas.bob!, 'bob');
    const muted = vi.fn();
    outgoing.on('muted', muted);
    outgoing.mute();
    expect(outgoing.isMuted()).toEqual({ audio: true, video: false });
    expect(muted).toHaveBeenCalledWith({ audio: true, video: false });
    expect(uas.alice!.media.handlers[0]!.muted.audio).toBe(true);
    outgoing.unmute();
    expect(outgoing.isMuted().audio).toBe(false);
    expect(sent('INVITE')).toHaveLength(1);
    outgoing.terminate();
    await stopAll();
  });

  it('switches the microphone of a live call without signalling', async () => {
    const { uas, stopAll, sent } = await callScenario(['alice', 'bob']);
    const [outgoing] = await establish(uas.alice!, uas.bob!, 'bob');
    await outgoing.replaceLocalMedia({ audio: { deviceId: { exact: 'usb' } } });
    expect(uas.alice!.media.handlers[0]!.replaced).toEqual([
      { audio: { deviceId: { exact: 'usb' } } },
    ]);
    expect(sent('INVITE')).toHaveLength(1);
    outgoing.terminate();
    await expect(outgoing.replaceLocalMedia({ audio: true })).rejects.toThrow(/terminated/);
    await stopAll();
  });

  it('sends DTMF by INFO (received as newDTMF) and by RFC 4733, queued with gaps', async () => {
    const { uas, stopAll, sent } = await callScenario(['alice', 'bob']);
    const [outgoing, incoming] = await establish(uas.alice!, uas.bob!, 'bob');
    const tones: string[] = [];
    incoming.on('newDTMF', ({ dtmf, originator }) =>
      tones.push(`${originator}:${dtmf.tone}:${dtmf.duration}`),
    );
    outgoing.sendDTMF('1#', { transport: 'info', duration: 160 });
    await vi.advanceTimersByTimeAsync(1000);
    expect(tones).toEqual(['remote:1:160', 'remote:#:160']);
    expect(sent('INFO')[0]!.body).toBe('Signal=1\r\nDuration=160\r\n');
    outgoing.sendDTMF('5*', { duration: 100, interToneGap: 50 });
    expect(uas.alice!.media.handlers[0]!.dtmf.map((d) => d.tones)).toEqual(['5']);
    await vi.advanceTimersByTimeAsync(150);
    expect(uas.alice!.media.handlers[0]!.dtmf.map((d) => d.tones)).toEqual(['5', '*']);
    expect(() => outgoing.sendDTMF('x')).toThrow(RangeError);
    outgoing.terminate();
    await stopAll();
  });

  it('answers an in-dialog request for an unknown dialog with 481', async () => {
    const { uas, stopAll, network } = await callScenario(['alice', 'bob']);
    const [outgoing] = await establish(uas.alice!, uas.bob!, 'bob');
    outgoing.terminate();
    await vi.waitFor(() => expect(uas.bob!.last().status).toBe('terminated'));
    // A late BYE for the finished dialog: bob no longer knows it.
    const bye = network.traffic
      .requestsSent('BYE')[0]!
      .message.replace(/CSeq: \d+ BYE/, 'CSeq: 99 BYE')
      .replace(/branch=[^;\r\n]+/, 'branch=z9hG4bKlate1');
    uas.alice!.socket.send(bye);
    await flush();
    await vi.waitFor(() =>
      expect(network.traffic.entries().some((e) => /^SIP\/2\.0 481/.test(e.message))).toBe(true),
    );
    await stopAll();
  });
});

describe('forking', () => {
  it('rings every registered contact; the first answer wins and the others are cancelled', async () => {
    const { uas, network, stopAll } = await callScenario(['alice', 'bob']);
    const second = {
      ua: new UA(
        { uri: 'sip:bob@sip.test', sockets: network.createSocket('bob-desk') },
        { mediaHandlerFactory: fakeMediaHandlers().factory },
      ),
    };
    const secondSessions: Session[] = [];
    second.ua.on('newRTCSession', ({ session }) => secondSessions.push(session));
    second.ua.start();
    await vi.waitFor(() => expect(second.ua.isRegistered()).toBe(true));
    const outgoing = uas.alice!.ua.call('bob');
    await vi.waitFor(() => {
      expect(uas.bob!.sessions).toHaveLength(1);
      expect(secondSessions).toHaveLength(1);
    });
    secondSessions[0]!.answer();
    await vi.waitFor(() => expect(outgoing.status).toBe('confirmed'));
    await vi.waitFor(() => expect(uas.bob!.last().status).toBe('terminated'));
    expect(uas.bob!.last().cause).toBe(Causes.CANCELED);
    expect(secondSessions[0]!.status).toBe('confirmed');
    outgoing.terminate();
    await vi.waitFor(() => expect(secondSessions[0]!.status).toBe('terminated'));
    await second.ua.stop();
    await stopAll();
  });
});
