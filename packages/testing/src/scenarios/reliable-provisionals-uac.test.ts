// RFC 3262 §4, the UAC: our INVITE offers 100rel; each reliable 18x is PRACKed once, in order,
// in its own early dialog; an answer in one is early media; the 2xx completes the call.
import type { IncomingRequest } from '@sipkit/core';
import { describe, expect, it } from 'vitest';
import { flush, startAgent } from './hostile-agent.fixture.js';
import { ANSWER_SDP, respond, saneAnswer } from './hostile-server.fixture.js';
import { hangUpAndStop, PeerServer, reliableProvisional } from './reliable-provisionals.fixture.js';
import { fakeTimersForEachTest } from './fake-timers.fixture.js';

fakeTimersForEachTest();

/** A callee that answers the INVITE with `provisionals` and keeps it for the 2xx. */
function callee(provisionals: (invite: IncomingRequest) => string[]) {
  const server = new PeerServer();
  let invite: IncomingRequest | undefined;
  server.answer = (request) => {
    if (request.method !== 'INVITE') return saneAnswer(request);
    invite = request;
    return provisionals(request);
  };
  const answer = (toTag: string, sdp?: string): void => {
    if (invite === undefined) throw new Error('no INVITE yet');
    server.send(
      respond(invite, {
        status: 200,
        reason: 'OK',
        toTag,
        headers: [
          `Contact: <sip:bob@${toTag}.invalid;transport=ws>`,
          ...(sdp === undefined ? [] : ['Content-Type: application/sdp']),
        ],
        ...(sdp === undefined ? {} : { body: sdp }),
      }),
    );
  };
  return { server, answer };
}

describe('reliable provisional responses we receive (RFC 3262 §4)', () => {
  it('offers 100rel and PRACKs a reliable 183 with an SDP answer once: early media, then the 2xx without SDP completes the call', async () => {
    const { server, answer } = callee((invite) => [
      reliableProvisional(invite, { status: 183, rseq: 7, toTag: 'b1', sdp: ANSWER_SDP }),
      // A retransmission (same RSeq): not PRACKed again, not processed again.
      reliableProvisional(invite, { status: 183, rseq: 7, toTag: 'b1', sdp: ANSWER_SDP }),
    ]);
    const { ua } = await startAgent(server);
    const session = ua.call('sip:bob@sip.test');
    const progress: number[] = [];
    session.on('progress', ({ response }) => progress.push(response?.status ?? 0));
    await flush();
    const [invite] = server.requests('INVITE');
    expect(invite?.parsed('supported')).toContain('100rel');
    const pracks = server.requests('PRACK');
    expect(pracks).toHaveLength(1);
    expect(pracks[0]?.header('rack')).toBe(`7 ${invite?.cseq.seq} INVITE`);
    expect(pracks[0]?.to.tag).toBe('b1');
    expect(pracks[0]?.cseq.seq).toBe((invite?.cseq.seq ?? 0) + 1);
    expect(progress).toEqual([183]);
    expect(session.status).toBe('early');
    // RFC 3262 §5: an answer in a reliable 18x completes the offer/answer: applied as final.
    const remote = () => media(session).calls.filter((c) => c.startsWith('setRemoteDescription'));
    expect(remote()).toEqual(['setRemoteDescription:answer']);

    answer('b1'); // the 2xx need not repeat it
    await flush();
    expect(session.status).toBe('confirmed');
    expect(remote()).toEqual(['setRemoteDescription:answer']);
    expect(media(session).remoteSdp).toBe(ANSWER_SDP);
    await hangUpAndStop(session, ua);
  });

  it('neither PRACKs nor processes a reliable 18x out of order (RSeq not last + 1)', async () => {
    const { server } = callee((invite) => [
      reliableProvisional(invite, { status: 180, rseq: 1, toTag: 'b1' }),
      reliableProvisional(invite, { status: 183, rseq: 3, toTag: 'b1', sdp: ANSWER_SDP }),
      reliableProvisional(invite, { status: 180, rseq: 2, toTag: 'b1' }),
    ]);
    const { ua } = await startAgent(server);
    const session = ua.call('sip:bob@sip.test');
    const progress: number[] = [];
    session.on('progress', ({ response }) => progress.push(response?.status ?? 0));
    await flush();
    expect(server.requests('PRACK').map((p) => p.header('rack')?.split(' ')[0])).toEqual([
      '1',
      '2',
    ]);
    expect(progress).toEqual([180, 180]);
    expect(session.status).toBe('ringing'); // the skipped 183's SDP was never applied
    await hangUpAndStop(session, ua);
  });

  it('PRACKs the reliable 18x of each fork in its own early dialog, each with its own RSeq', async () => {
    const { server, answer } = callee((invite) => [
      reliableProvisional(invite, { status: 180, rseq: 5, toTag: 'fork-a' }),
      reliableProvisional(invite, { status: 183, rseq: 900, toTag: 'fork-b', sdp: ANSWER_SDP }),
      reliableProvisional(invite, { status: 183, rseq: 6, toTag: 'fork-a', sdp: ANSWER_SDP }),
    ]);
    const { ua } = await startAgent(server);
    const session = ua.call('sip:bob@sip.test');
    await flush();
    const pracks = server.requests('PRACK').map((p) => [p.to.tag, p.header('rack')?.split(' ')[0]]);
    expect(pracks).toEqual([
      ['fork-a', '5'],
      ['fork-b', '900'],
      ['fork-a', '6'],
    ]);
    // Each early dialog counts its own CSeq from the INVITE's.
    const seqs = server.requests('PRACK').map((p) => p.cseq.seq);
    expect(seqs).toEqual([2, 2, 3]);
    // Fork a answers: its own early answer completes the offer/answer.
    answer('fork-a');
    await flush();
    expect(session.status).toBe('confirmed');
    await hangUpAndStop(session, ua);
  });

  it("answers the callee's UPDATE in the early dialog: 491 before a reliable answer, 200 with an answer after", async () => {
    let invite: IncomingRequest | undefined;
    const server = new PeerServer();
    server.answer = (request) => {
      if (request.method !== 'INVITE') return saneAnswer(request);
      invite = request;
      return [reliableProvisional(request, { status: 180, rseq: 1, toTag: 'b1' })];
    };
    const { ua } = await startAgent(server);
    const session = ua.call('sip:bob@sip.test');
    await flush();
    expect(server.requests('PRACK')).toHaveLength(1);
    /** The callee's UPDATE in its early dialog (From and To as the callee writes them). */
    const update = (cseq: number): boolean =>
      server.send(
        [
          `UPDATE ${invite?.header('contact')?.replace(/^<|>.*$/g, '') ?? ''} SIP/2.0`,
          `Via: SIP/2.0/WS b1.invalid;branch=z9hG4bKupdate${cseq}`,
          'Max-Forwards: 70',
          `From: ${invite?.header('to') ?? ''};tag=b1`,
          `To: ${invite?.header('from') ?? ''}`,
          `Call-ID: ${invite?.callId ?? ''}`,
          `CSeq: ${cseq} UPDATE`,
          'Contact: <sip:bob@b1.invalid;transport=ws>',
          'Content-Type: application/sdp',
          `Content-Length: ${ANSWER_SDP.length}`,
          '',
          ANSWER_SDP,
        ].join('\r\n'),
      );
    const statusOf = (cseq: number): number[] =>
      server.responses
        .filter((r) => r.cseq.method === 'UPDATE' && r.cseq.seq === cseq)
        .map((r) => r.status);
    update(10);
    await flush();
    expect(statusOf(10)).toEqual([491]); // our INVITE's offer has no reliable answer yet
    server.send(
      reliableProvisional(invite!, { status: 183, rseq: 2, toTag: 'b1', sdp: ANSWER_SDP }),
    );
    await flush();
    update(11);
    await flush();
    expect(statusOf(11)).toEqual([200]);
    const ok = server.responses.find((r) => r.cseq.method === 'UPDATE' && r.status === 200);
    expect(ok?.body).toContain('m=audio');
    expect(session.status).toBe('early');
    await hangUpAndStop(session, ua);
  });

  it('sends no Supported: 100rel and no PRACK with reliableProvisionals: false', async () => {
    const { server, answer } = callee((invite) => [
      reliableProvisional(invite, { status: 183, rseq: 1, toTag: 'b1', sdp: ANSWER_SDP }),
    ]);
    const { ua } = await startAgent(server);
    const session = ua.call('sip:bob@sip.test', { reliableProvisionals: false });
    await flush();
    expect(server.requests('INVITE')[0]?.parsed('supported')).not.toContain('100rel');
    expect(server.requests('PRACK')).toHaveLength(0);
    answer('b1', ANSWER_SDP);
    await flush();
    expect(session.status).toBe('confirmed');
    await hangUpAndStop(session, ua);
  });
});

function media(session: { media: unknown }): { calls: string[]; remoteSdp: string | undefined } {
  return session.media as { calls: string[]; remoteSdp: string | undefined };
}
