import type { IncomingRequest } from '@sipkit/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  confirmedCall,
  endCall,
  expectNothingLeft,
  expectStopsClean,
  flush,
  hostileFor,
  record,
  startAgent,
  watch,
} from './hostile-agent.fixture.js';
import { HOSTILE_RESPONSES } from './hostile-responses.fixture.js';
import { ANSWER_SDP, respond, saneAnswer, ScriptedServer } from './hostile-server.fixture.js';

// Issue 19: every request the UA makes (REGISTER, INVITE, re-INVITE, UPDATE, session-timer
// refreshes, BYE, CANCEL, INFO and DTMF over INFO, REFER, the NOTIFYs of a transfer, MESSAGE,
// OPTIONS) is answered with each response of a hostile corpus. Whatever comes back (or
// nothing), the request must end in its documented event or promise, with no unhandled
// rejection (the setup file fails the test on one) and nothing left behind: no session, no
// timer (every transaction holds one until it ends), no connection after stop().

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe.each(HOSTILE_RESPONSES)('hostile answer "$name"', (hostile) => {
  it('to REGISTER: registered or registrationFailed with a cause', async () => {
    const server = new ScriptedServer();
    hostileFor(server, hostile, 'REGISTER');
    const { ua, network, events } = await startAgent(server, { register: true });
    await vi.advanceTimersByTimeAsync(40_000);
    expect(events[0]).toMatch(/^(registered|registrationFailed:\w.*)$/);
    await expectStopsClean(ua, network);
  });

  it('to INVITE: the call is confirmed or fails with a cause', async () => {
    const server = new ScriptedServer();
    hostileFor(server, hostile, 'INVITE', false);
    const { ua, network } = await startAgent(server);
    const session = ua.call('sip:bob@sip.test');
    const seen = record(session);
    await vi.advanceTimersByTimeAsync(40_000);
    if (hostile.provisionalOnly) expect(session.isInProgress()).toBe(true);
    else expect(session.status === 'confirmed' || session.isEnded()).toBe(true);
    await endCall(session, seen);
    await expectNothingLeft(ua, network);
  });

  it('to a re-INVITE: hold() resolves and the call stays or ends with a cause', async () => {
    const server = new ScriptedServer();
    hostileFor(server, hostile, 'INVITE', true);
    const { ua, network } = await startAgent(server);
    const { session, seen } = await confirmedCall(ua);
    const held = watch(session.hold());
    await vi.advanceTimersByTimeAsync(hostile.provisionalOnly ? 70_000 : 40_000);
    expect(held.settled).toEqual({ value: expect.any(Boolean) });
    expect(session.status === 'confirmed' || session.isEnded()).toBe(true);
    await endCall(session, seen);
    await expectNothingLeft(ua, network);
  });

  it('to UPDATE: renegotiate() resolves and the call stays or ends with a cause', async () => {
    const server = new ScriptedServer();
    hostileFor(server, hostile, 'UPDATE');
    const { ua, network } = await startAgent(server);
    const { session, seen } = await confirmedCall(ua);
    const offered = watch(session.renegotiate({ useUpdate: true }));
    await vi.advanceTimersByTimeAsync(40_000);
    expect(offered.settled).toEqual({ value: expect.any(Boolean) });
    expect(session.status === 'confirmed' || session.isEnded()).toBe(true);
    await endCall(session, seen);
    await expectNothingLeft(ua, network);
  });

  it('to BYE: the call has ended', async () => {
    const server = new ScriptedServer();
    hostileFor(server, hostile, 'BYE');
    const { ua, network } = await startAgent(server);
    const { session, seen } = await confirmedCall(ua);
    session.terminate();
    await flush();
    expect(seen.at(-1)).toBe('ended:Terminated');
    // One BYE, or two when a challenge was answered once (RFC 3261 §22.2), never more.
    expect(server.requests('BYE').length).toBeGreaterThanOrEqual(1);
    expect(server.requests('BYE').length).toBeLessThanOrEqual(2);
    await expectNothingLeft(ua, network);
  });

  it('to INFO: sendInfo() resolves with a status', async () => {
    const server = new ScriptedServer();
    hostileFor(server, hostile, 'INFO');
    const { ua, network } = await startAgent(server);
    const { session, seen } = await confirmedCall(ua);
    const info = watch(session.sendInfo('application/x-test', 'hello'));
    await vi.advanceTimersByTimeAsync(40_000);
    expect(info.settled).toEqual({ value: expect.any(Number) });
    await endCall(session, seen);
    await expectNothingLeft(ua, network);
  });

  it('to REFER: refer() resolves with a status', async () => {
    const server = new ScriptedServer();
    hostileFor(server, hostile, 'REFER');
    const { ua, network } = await startAgent(server);
    const { session, seen } = await confirmedCall(ua);
    const referred = watch(session.refer('sip:carol@sip.test'));
    await vi.advanceTimersByTimeAsync(40_000);
    expect(referred.settled).toEqual({ value: expect.any(Number) });
    await endCall(session, seen);
    await expectNothingLeft(ua, network);
  });

  it.each(['INVITE', 'UPDATE'] as const)(
    'to a session-timer refresh by %s: the call stays or ends with a cause',
    async (method) => {
      const server = new ScriptedServer();
      server.answer = (request) => {
        if (request.method === 'INVITE' && request.to.tag === undefined) {
          // RFC 4028: we (the UAC) refresh every 45 s.
          return [
            respond(request, {
              status: 200,
              headers: [
                'Contact: <sip:bob@peer.invalid>',
                'Content-Type: application/sdp',
                'Session-Expires: 90;refresher=uac',
                'Require: timer',
              ],
              body: ANSWER_SDP,
            }),
          ];
        }
        return request.method === method ? hostile.answer(request) : saneAnswer(request);
      };
      const { ua, network } = await startAgent(server, { session_timers_refresh_method: method });
      const { session, seen } = await confirmedCall(ua);
      await vi.advanceTimersByTimeAsync(45_000);
      expect(server.requests(method, true).length).toBeGreaterThanOrEqual(1);
      await vi.advanceTimersByTimeAsync(40_000);
      expect(session.status === 'confirmed' || session.isEnded()).toBe(true);
      await endCall(session, seen);
      await expectNothingLeft(ua, network);
    },
  );

  it('to DTMF sent as INFO: the tone is reported sent and nothing hangs', async () => {
    const server = new ScriptedServer();
    hostileFor(server, hostile, 'INFO');
    const { ua, network } = await startAgent(server);
    const { session, seen } = await confirmedCall(ua);
    const tones: string[] = [];
    session.on('newDTMF', ({ dtmf }) => tones.push(dtmf.tone));
    session.sendDTMF('12', { transport: 'info' });
    await vi.advanceTimersByTimeAsync(40_000);
    expect(tones).toEqual(['1', '2']);
    expect(server.requests('INFO').length).toBeGreaterThanOrEqual(2);
    await endCall(session, seen);
    await expectNothingLeft(ua, network);
  });

  it('to CANCEL: the cancelled call fails with a cause', async () => {
    const server = new ScriptedServer();
    server.answer = (request) => {
      if (request.method === 'INVITE')
        return [respond(request, { status: 180, reason: 'Ringing' })];
      return request.method === 'CANCEL' ? hostile.answer(request) : saneAnswer(request);
    };
    const { ua, network } = await startAgent(server);
    const session = ua.call('sip:bob@sip.test');
    const seen = record(session);
    await flush();
    expect(seen).toEqual(['progress']);
    session.terminate();
    await flush();
    expect(server.requests('CANCEL')).toHaveLength(1);
    expect(seen).toEqual(['progress', 'failed:Canceled']);
    await expectNothingLeft(ua, network);
  });

  it('to the NOTIFYs of an accepted REFER: both calls end with a cause', async () => {
    const server = new ScriptedServer();
    hostileFor(server, hostile, 'NOTIFY');
    const { ua, network } = await startAgent(server);
    const { session, seen } = await confirmedCall(ua);
    session.on('refer', (refer) => refer.accept());
    const invite = server.requests('INVITE', false)[0]!;
    const target = /<([^>]+)>/.exec(invite.header('contact') ?? '')?.[1] ?? '';
    server.send(
      [
        `REFER ${target} SIP/2.0`,
        'Via: SIP/2.0/WS sip.test;branch=z9hG4bKrefer1',
        'Max-Forwards: 70',
        `From: ${invite.header('to') ?? ''};tag=srv`,
        `To: ${invite.header('from') ?? ''}`,
        `Call-ID: ${invite.callId}`,
        'CSeq: 1 REFER',
        'Contact: <sip:bob@peer.invalid>',
        'Refer-To: <sip:carol@sip.test>',
        'Content-Length: 0',
        '',
        '',
      ].join('\r\n'),
    );
    await vi.advanceTimersByTimeAsync(40_000);
    expect(server.requests('NOTIFY').length).toBeGreaterThanOrEqual(1);
    const transferred = ua.sessions.find((s) => s !== session);
    for (const call of ua.sessions) if (!call.isEnded()) call.terminate();
    await flush();
    expect(session.isEnded()).toBe(true);
    expect(transferred?.isEnded() ?? true).toBe(true);
    expect(seen.filter((e) => /^(failed|ended):\w/.test(e))).toHaveLength(1);
    await expectNothingLeft(ua, network);
  });

  it('to MESSAGE and OPTIONS: the promises resolve with a result', async () => {
    const server = new ScriptedServer();
    server.answer = (request) =>
      request.method === 'MESSAGE' || request.method === 'OPTIONS'
        ? hostile.answer(request)
        : saneAnswer(request);
    const { ua, network } = await startAgent(server);
    const message = watch(ua.sendMessage('sip:bob@sip.test', 'hello'));
    const options = watch(ua.sendOptions('sip:bob@sip.test'));
    await vi.advanceTimersByTimeAsync(40_000);
    for (const sent of [message, options]) {
      expect(sent.settled).toEqual({
        value: expect.objectContaining({ ok: expect.any(Boolean) }),
      });
      const result = (sent.settled as { value: { ok: boolean; cause?: string } }).value;
      if (!result.ok) expect(result.cause).toMatch(/\w/);
    }
    await expectNothingLeft(ua, network);
  });
});

// Issue 19, finding 4, by name: a malformed challenge was an unhandled rejection; the REGISTER
// never ended (the store stayed at "registering") and the call stayed at "connecting".
describe('a malformed digest challenge', () => {
  const challenge = (status: 401 | 407) => (request: IncomingRequest) => [
    respond(request, {
      status,
      headers: [`${status === 401 ? 'WWW' : 'Proxy'}-Authenticate: Digest realm`],
    }),
  ];

  it('to REGISTER ends in registrationFailed: Authentication Error', async () => {
    const server = new ScriptedServer();
    server.answer = (r) => (r.method === 'REGISTER' ? challenge(401)(r) : saneAnswer(r));
    const { ua, network, events } = await startAgent(server, { register: true });
    await flush();
    expect(events).toEqual(['registrationFailed:Authentication Error']);
    await expectNothingLeft(ua, network);
  });

  it('to INVITE (a callee behind a proxy can send it) fails the call: Authentication Error', async () => {
    const server = new ScriptedServer();
    server.answer = (r) => (r.method === 'INVITE' ? challenge(407)(r) : saneAnswer(r));
    const { ua, network } = await startAgent(server);
    const session = ua.call('sip:bob@sip.test');
    const seen = record(session);
    await flush();
    expect(seen).toEqual(['failed:Authentication Error']);
    expect(session.status).toBe('terminated');
    await expectNothingLeft(ua, network);
  });

  it('to MESSAGE resolves with ok: false and the cause', async () => {
    const server = new ScriptedServer();
    server.answer = (r) => (r.method === 'MESSAGE' ? challenge(401)(r) : saneAnswer(r));
    const { ua, network } = await startAgent(server);
    const result = ua.sendMessage('sip:bob@sip.test', 'hi');
    await flush();
    await expect(result).resolves.toMatchObject({ ok: false, cause: 'Authentication Error' });
    await expectNothingLeft(ua, network);
  });
});
