// Issue 19, finding 1: with `authorization_jwt` the token goes on requests to our own server and
// nowhere else: not on a single response (a caller, or anyone who sends OPTIONS, would get it),
// not in an event payload, not in a log line.
import type { Session, UA, UALogger, UAEvents } from '@sipkit/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeMediaHandlers } from '../media/fake-media-handler.js';
import { RawPhone } from '../server/raw-phone.fixture.js';
import { flush, WAIT } from './calls.fixture.js';
import { createScenario } from './harness.fixture.js';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

const ALICE_JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.alice-signature';
const BOB_JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJib2IifQ.bob-signature';

/** Everything a logger was given, as text. */
function recordingLogger(lines: string[]): UALogger {
  const log = (...args: unknown[]): void => void lines.push(args.map(String).join(' '));
  return { debug: log, warn: log, error: log };
}

/** Two UAs with their own bearer token, fake media, every event payload and log line kept. */
async function twoBearerUAs() {
  const scenario = createScenario();
  const logs: string[] = [];
  const payloads: Record<string, unknown[]> = { alice: [], bob: [] };
  const sessions: Record<string, Session[]> = { alice: [], bob: [] };
  const uas: Record<string, UA> = {};
  const uaEvents: Array<keyof UAEvents> = [
    'connected',
    'registered',
    'registrationFailed',
    'newMessage',
    'newOptions',
    'newRTCSession',
  ];
  for (const [user, jwt] of [
    ['alice', ALICE_JWT],
    ['bob', BOB_JWT],
  ] as const) {
    const { ua } = scenario.addUA(
      user,
      { authorization_jwt: jwt },
      {
        mediaHandlerFactory: fakeMediaHandlers().factory,
        random: () => 0.5,
        logger: recordingLogger(logs),
      },
    );
    uas[user] = ua;
    for (const name of uaEvents) ua.on(name, (payload) => payloads[user]?.push(payload));
    ua.on('newRTCSession', ({ session }) => {
      sessions[user]?.push(session);
      for (const name of ['sending', 'progress', 'accepted', 'confirmed', 'ended'] as const) {
        session.on(name, (payload: unknown) => payloads[user]?.push(payload));
      }
    });
    ua.start();
  }
  await vi.waitFor(() => expect(scenario.sent('REGISTER')).toHaveLength(2), WAIT);
  return { ...scenario, logs, payloads, sessions, alice: uas['alice'] as UA };
}

/** The text of a payload, reaching into messages and request objects (cycles cut). */
function textOf(value: unknown): string {
  const seen = new WeakSet<object>();
  return JSON.stringify(value, (_key, v: unknown) => {
    if (typeof v === 'object' && v !== null) {
      if (seen.has(v)) return undefined;
      seen.add(v);
      if ('toString' in v && typeof v.toString === 'function' && 'rawHeaders' in v) {
        return String(v);
      }
    }
    return v;
  });
}

describe('the bearer token (authorization_jwt) stays on our requests', () => {
  it('no response of a call, OPTIONS, MESSAGE, 405 or 481 carries it; events and logs do not show it', async () => {
    const { alice, network, sessions, logs, payloads, sent, stopAll } = await twoBearerUAs();
    // The requests do carry it: the test would prove nothing otherwise.
    expect(sent('REGISTER').map((r) => r.header('authorization'))).toEqual([
      `Bearer ${ALICE_JWT}`,
      `Bearer ${BOB_JWT}`,
    ]);

    // alice calls bob: bob answers with 100, 180 and 200 (Record-Route, Contact, capabilities).
    const call = alice.call('sip:bob@sip.test');
    await vi.waitFor(() => expect(sessions['bob']?.at(-1)?.status).toBe('ringing'), WAIT);
    const answered = sessions['bob']?.at(-1) as Session;
    answered.answer();
    await vi.waitFor(() => expect(call.status).toBe('confirmed'), WAIT);
    // In the call: a re-INVITE (hold), INFO and DTMF each way, all answered 200.
    await call.hold();
    await answered.sendInfo('application/x-test', 'ping');
    await call.sendInfo('application/x-test', 'pong');
    await flush();
    // Anyone may send OPTIONS or MESSAGE, or a request in a dialog that does not exist.
    const stranger = new RawPhone(network, 'mallory');
    stranger.socket.connect();
    await flush();
    stranger.send('OPTIONS', 'sip:alice@sip.test');
    stranger.send('MESSAGE', 'sip:alice@sip.test', [['Content-Type', 'text/plain']], {
      body: 'hi',
    });
    stranger.send('PUBLISH', 'sip:alice@sip.test');
    stranger.send('BYE', 'sip:alice@sip.test', [], { to: '<sip:alice@sip.test>;tag=gone' });
    await flush();
    expect(stranger.responses().map((r) => r.status)).toEqual(
      expect.arrayContaining([200, 200, 405, 481]),
    );
    call.terminate();
    await flush();
    const stopping = stopAll();
    await vi.advanceTimersByTimeAsync(5000);
    await stopping;
    const responses = network.traffic.entries(
      (e) => e.direction === 'to-server' && e.message.startsWith('SIP/2.0 '),
    );
    const statuses = new Set(responses.map((e) => e.message.slice(8, 11)));
    expect([...statuses]).toEqual(expect.arrayContaining(['180', '200', '405', '481']));
    for (const { message } of responses) {
      expect(message).not.toContain(ALICE_JWT);
      expect(message).not.toContain(BOB_JWT);
      expect(message).not.toMatch(/^(Proxy-)?Authorization:/im);
    }
    // The INVITE shown in alice's `sending` event says a token is there, not what it is.
    const sending = payloads['alice']?.find((p) => textOf(p).includes('"method":"INVITE"'));
    expect(textOf(sending)).toContain('Bearer <redacted>');
    expect(logs.join('\n')).not.toContain(ALICE_JWT);
    expect(logs.join('\n')).not.toContain(BOB_JWT);
    // Each UA's events never show its own token (requests from the other UA are its business).
    expect(payloads['alice']?.map(textOf).join('\n')).not.toContain(ALICE_JWT);
    expect(payloads['bob']?.map(textOf).join('\n')).not.toContain(BOB_JWT);
  });
});
