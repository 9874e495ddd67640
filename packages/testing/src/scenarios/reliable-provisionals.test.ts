// RFC 3262 between two SipKit UAs through the proxy: the callee's early media goes in a
// reliable 183 the caller PRACKs, and the 2xx follows the PRACK.
import { parseMessage, type IncomingMessage } from '@sipkit/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { callScenario, WAIT } from './calls.fixture.js';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('reliable provisional responses between two SipKit UAs', () => {
  it('early media in a reliable 183, PRACKed through the proxy, then the call', async () => {
    const scenario = await callScenario(['alice', 'bob']);
    const { alice, bob } = scenario.uas;
    const outgoing = alice!.ua.call('sip:bob@sip.test');
    await vi.waitFor(() => expect(bob!.sessions.at(-1)?.status).toBe('ringing'), WAIT);
    const incoming = bob!.last();
    incoming.sendEarlyMedia();
    await vi.waitFor(() => expect(outgoing.status).toBe('early'), WAIT);
    /** What `user` sent, parsed. */
    const sent = (user: string): IncomingMessage[] =>
      scenario.network.traffic
        .entries((e) => e.socketId === user && e.direction === 'to-server')
        .map((e) => parseMessage(e.message));
    await vi.waitFor(
      () =>
        expect(sent('alice').some((m) => m.kind === 'request' && m.method === 'PRACK')).toBe(true),
      WAIT,
    );
    const early = sent('bob').find((m) => m.kind === 'response' && m.status === 183);
    expect(early?.header('rseq')).toMatch(/^\d+$/);
    incoming.answer();
    await vi.waitFor(() => {
      expect(outgoing.status).toBe('confirmed');
      expect(incoming.status).toBe('confirmed');
    }, WAIT);
    const pracks = sent('alice').filter((m) => m.kind === 'request' && m.method === 'PRACK');
    expect(pracks).toHaveLength(1);
    expect(pracks[0]?.header('rack')).toBe(`${early?.header('rseq')} 1 INVITE`);
    // The callee's media answered once; the caller applied it as pranswer, then as the answer.
    expect(bob!.media.handlers.at(-1)?.calls.filter((c) => c === 'createAnswer')).toHaveLength(1);
    expect(alice!.media.handlers.at(-1)?.calls).toEqual(
      expect.arrayContaining(['setRemoteDescription:pranswer', 'setRemoteDescription:answer']),
    );
    outgoing.terminate();
    await scenario.stopAll();
  });
});
