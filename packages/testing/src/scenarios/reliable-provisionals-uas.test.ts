// RFC 3262 §3, the UAS: an INVITE that requires or supports 100rel gets reliable 18x (RSeq,
// resent at T1, 2*T1... until the PRACK, 504 after 64*T1 without one), the 2xx waits for the
// PRACK of an 18x with SDP, and an offer/answer can complete in the 183 and its PRACK.
import type { Session } from '@sipkit/core';
import { describe, expect, it, vi } from 'vitest';
import { flush, startAgent } from './hostile-agent.fixture.js';
import { ANSWER_SDP } from './hostile-server.fixture.js';
import {
  callerInvite,
  callerRequest,
  hangUpAndStop,
  OFFER_SDP,
  PeerServer,
  type CallerInvite,
} from './reliable-provisionals.fixture.js';
import { fakeTimersForEachTest } from './fake-timers.fixture.js';

fakeTimersForEachTest();

/** Alice, called by a scripted caller with `invite`; her session once it rings. */
async function called(invite: CallerInvite) {
  const server = new PeerServer();
  const agent = await startAgent(server);
  const sessions: Session[] = [];
  agent.ua.on('newRTCSession', ({ session }) => sessions.push(session));
  server.send(callerInvite(invite));
  await flush();
  const session = sessions[0];
  if (session === undefined) throw new Error('alice got no call');
  /** Alice's 18x to the INVITE (retransmissions included). */
  const provisionals = () => server.responses.filter((r) => r.status > 100 && r.status < 200);
  const toTag = () => provisionals()[0]?.to.tag ?? '';
  const prack = (rseq: number | string, cseq: number, sdp?: string) =>
    server.send(
      callerRequest('PRACK', invite, {
        cseq,
        toTag: toTag(),
        headers: [`RAck: ${rseq} 1 INVITE`],
        ...(sdp === undefined ? {} : { body: sdp }),
      }),
    );
  const ack = (body?: string) =>
    server.send(
      callerRequest('ACK', invite, {
        cseq: 1,
        toTag: toTag(),
        branch: 'ack1',
        ...(body === undefined ? {} : { body }),
      }),
    );
  return { ...agent, server, session, provisionals, prack, ack };
}

const rseqOf = (r: { header(name: string): string | undefined }): number =>
  Number(r.header('rseq'));

describe('reliable provisional responses we send (RFC 3262 §3)', () => {
  it('answers an INVITE that requires 100rel (no 420) with a reliable 180, resent at T1 doubling until the PRACK', async () => {
    const { ua, server, session, provisionals, prack } = await called({
      callId: 'required-1',
      headers: ['Require: 100rel'],
    });
    expect(server.responses.some((r) => r.status === 420)).toBe(false);
    expect(provisionals()).toHaveLength(1);
    const ringing = provisionals()[0];
    expect(ringing?.status).toBe(180);
    expect(ringing?.parsed('require')).toContain('100rel');
    const rseq = rseqOf(ringing!);
    expect(rseq).toBeGreaterThanOrEqual(1);
    expect(rseq).toBeLessThanOrEqual(2 ** 31 - 1);
    // T1 = 500 ms: resent at 500, 1500, 3500 ms from the first send.
    await vi.advanceTimersByTimeAsync(499);
    expect(provisionals()).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(provisionals()).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(999);
    expect(provisionals()).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(provisionals()).toHaveLength(3);
    await vi.advanceTimersByTimeAsync(2000);
    expect(provisionals()).toHaveLength(4);
    expect(new Set(provisionals().map(rseqOf))).toEqual(new Set([rseq]));

    prack(rseq + 1, 2); // no such provisional: 481 (§3), and the resending goes on
    await flush();
    expect(server.status(481).map((r) => r.cseq.method)).toEqual(['PRACK']);
    prack(rseq, 3);
    await flush();
    expect(server.status(200).map((r) => r.cseq.method)).toEqual(['PRACK']);
    await vi.advanceTimersByTimeAsync(40_000); // under no_answer_timeout (60 s)
    expect(provisionals()).toHaveLength(4); // nothing resent after the PRACK
    expect(session.status).toBe('ringing');
    await hangUpAndStop(session, ua);
  });

  it('rejects the INVITE with 504 when no PRACK comes within 64*T1', async () => {
    const { ua, server, session, provisionals } = await called({
      callId: 'required-2',
      headers: ['Require: 100rel'],
    });
    const failed: string[] = [];
    session.on('failed', ({ cause }) => failed.push(cause));
    await vi.advanceTimersByTimeAsync(32_000 - 1);
    expect(server.status(504)).toHaveLength(0);
    // Resent at 0.5, 1.5, 3.5, 7.5, 15.5, 31.5 s: 7 copies in all.
    expect(provisionals()).toHaveLength(7);
    await vi.advanceTimersByTimeAsync(1);
    expect(server.status(504)).toHaveLength(1);
    expect(failed).toEqual(['No ACK']);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(provisionals()).toHaveLength(7);
    ua.stop();
  });

  it('sends a bare 180 unreliably to a caller that only supports 100rel; early media goes in a reliable 183 and the 2xx waits for its PRACK, without SDP', async () => {
    const { ua, server, session, provisionals, prack, ack } = await called({
      callId: 'supported-1',
      headers: ['Supported: 100rel, timer'],
    });
    expect(provisionals().map((r) => [r.status, r.header('rseq')])).toEqual([[180, undefined]]);
    session.sendEarlyMedia();
    await flush();
    const early = provisionals()[1];
    expect(early?.status).toBe(183);
    expect(early?.parsed('require')).toContain('100rel');
    expect(early?.body).toContain('m=audio');
    session.answer();
    await vi.advanceTimersByTimeAsync(5000);
    expect(server.status(200)).toHaveLength(0); // §3: no 2xx before the PRACK of an 18x with SDP
    prack(rseqOf(early!), 2);
    await flush();
    const ok = server.status(200).find((r) => r.cseq.method === 'INVITE');
    expect(ok).toBeDefined();
    expect(ok?.body).toBe(''); // the offer/answer was completed by the reliable 183
    ack();
    await flush();
    expect(session.status).toBe('confirmed');
    await hangUpAndStop(session, ua);
  });

  it('puts its offer in a reliable 183 for an INVITE without one and takes the answer from the PRACK (delayed offer)', async () => {
    const { ua, server, session, provisionals, prack, ack } = await called({
      callId: 'delayed-1',
      headers: ['Supported: 100rel'],
      sdp: '',
    });
    session.sendEarlyMedia();
    await flush();
    const early = provisionals().find((r) => r.status === 183);
    expect(early?.body).toContain('m=audio');
    const media = session.media as unknown as { calls: string[] };
    expect(media.calls).toContain('createOffer');
    prack(rseqOf(early!), 2, ANSWER_SDP);
    await flush();
    expect(media.calls.at(-1)).toBe('setRemoteDescription:answer');
    session.answer();
    await flush();
    const ok = server.status(200).find((r) => r.cseq.method === 'INVITE');
    expect(ok?.body).toBe('');
    ack(); // no SDP in the ACK: the answer came in the PRACK
    await flush();
    expect(session.status).toBe('confirmed');
    await hangUpAndStop(session, ua);
  });

  it('refuses early media for an INVITE without an offer when the caller does not do 100rel', async () => {
    const { ua, session } = await called({ callId: 'delayed-2', sdp: '' });
    expect(() => session.sendEarlyMedia()).toThrow(/100rel/);
    await hangUpAndStop(session, ua);
  });

  it('answers an UPDATE offer in the early dialog: 500 with Retry-After before the offer/answer is done, 200 with an answer after', async () => {
    const { ua, server, session, provisionals, prack } = await called({
      callId: 'early-update-1',
      headers: ['Supported: 100rel'],
      sdp: OFFER_SDP,
    });
    const toTag = provisionals()[0]?.to.tag ?? '';
    const update = (cseq: number) =>
      server.send(
        callerRequest('UPDATE', { callId: 'early-update-1' }, { cseq, toTag, body: OFFER_SDP }),
      );
    update(2);
    await flush();
    const refused = server.status(500).find((r) => r.cseq.method === 'UPDATE');
    expect(refused?.header('retry-after')).toBe('1');
    session.sendEarlyMedia();
    await flush();
    const early = provisionals().find((r) => r.status === 183);
    prack(rseqOf(early!), 3);
    await flush();
    update(4);
    await flush();
    const ok = server.status(200).find((r) => r.cseq.method === 'UPDATE');
    expect(ok?.body).toContain('m=audio');
    expect(session.status).toBe('ringing');
    await hangUpAndStop(session, ua);
  });
});
