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
    // The callee's media answered once; the caller applied it once, as final (RFC 3262 §5).
    expect(bob!.media.handlers.at(-1)?.calls.filter((c) => c === 'createAnswer')).toHaveLength(1);
    expect(
      alice!.media.handlers.at(-1)?.calls.filter((c) => c.startsWith('setRemoteDescription')),
    ).toEqual(['setRemoteDescription:answer']);
    outgoing.terminate();
    await scenario.stopAll();
  });

  it('UPDATE in the early dialog both ways once the reliable 183 settled the offer/answer (RFC 3311)', async () => {
    const scenario = await callScenario(['alice', 'bob']);
    const { alice, bob } = scenario.uas;
    const outgoing = alice!.ua.call('sip:bob@sip.test');
    await vi.waitFor(() => expect(bob!.sessions.at(-1)?.status).toBe('ringing'), WAIT);
    const incoming = bob!.last();
    // Before any reliable answer neither side may offer again.
    expect(await outgoing.renegotiate({ useUpdate: true })).toBe(false);
    expect(await incoming.renegotiate({ useUpdate: true })).toBe(false);
    incoming.sendEarlyMedia();
    await vi.waitFor(() => expect(outgoing.status).toBe('early'), WAIT);
    const updates: string[] = [];
    outgoing.on('update', () => updates.push('alice'));
    incoming.on('update', () => updates.push('bob'));
    // The caller offers: the callee answers in the UPDATE's 200.
    const fromCaller = outgoing.renegotiate({ useUpdate: true });
    await vi.waitFor(() => expect(updates).toEqual(['bob']), WAIT);
    expect(await fromCaller).toBe(true);
    // The callee offers (its 183 was PRACKed): the caller answers.
    const fromCallee = incoming.renegotiate({ useUpdate: true });
    await vi.waitFor(() => expect(updates).toEqual(['bob', 'alice']), WAIT);
    expect(await fromCallee).toBe(true);
    expect(outgoing.status).toBe('early');
    expect(incoming.status).toBe('ringing');
    incoming.answer();
    await vi.waitFor(() => {
      expect(outgoing.status).toBe('confirmed');
      expect(incoming.status).toBe('confirmed');
    }, WAIT);
    // The media of both sides went through three offer/answer rounds, none left pending.
    expect(alice!.media.handlers.at(-1)?.signalingState).toBe('stable');
    expect(bob!.media.handlers.at(-1)?.signalingState).toBe('stable');
    outgoing.terminate();
    await scenario.stopAll();
  });
});
