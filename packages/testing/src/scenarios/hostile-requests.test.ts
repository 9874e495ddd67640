// Issue 19, finding 5: a request the UA cannot use (a malformed Record-Route or Contact, a NUL in
// a display name) is answered 400 naming the header, and nothing of it stays: no session, no
// transaction, no timer. Before, the INVITE's transaction stayed open forever after 100 Trying.
import { parseMessage, type IncomingResponse } from '@sipkit/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeMediaHandlers } from '../media/fake-media-handler.js';
import { callScenario, establish, WAIT } from './calls.fixture.js';
import { createScenario } from './harness.fixture.js';

const flush = () => vi.advanceTimersByTimeAsync(0);

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

let counter = 0;

/** A request from bob to alice as raw text, with `change` applied to its header lines. */
function request(method: string, change: (lines: string[]) => string[] = (l) => l): string {
  const n = ++counter;
  const lines = [
    `${method} sip:alice@sip.test SIP/2.0`,
    `Via: SIP/2.0/WS proxy.invalid;branch=z9hG4bKhostile${n}`,
    'Max-Forwards: 70',
    `From: "Bob" <sip:bob@sip.test>;tag=bob${n}`,
    'To: <sip:alice@sip.test>',
    `Call-ID: hostile-${n}`,
    `CSeq: 1 ${method}`,
    'Contact: <sip:bob@bob.invalid;transport=ws>',
    'Record-Route: <sip:proxy.invalid;lr>',
  ];
  return [...change(lines), 'Content-Length: 0', '', ''].join('\r\n');
}

const replace =
  (name: string, line: string) =>
  (lines: string[]): string[] =>
    lines.map((l) => (l.startsWith(`${name}:`) ? line : l));

async function aliceAlone() {
  const scenario = createScenario();
  const alice = scenario.addUA('alice', {}, { mediaHandlerFactory: fakeMediaHandlers().factory });
  alice.ua.start();
  await flush();
  const timers = vi.getTimerCount();
  /** What alice sent back for the request with this Call-ID. */
  const answers = (callId: string): IncomingResponse[] =>
    scenario.network.traffic
      .entries((e) => e.socketId === 'alice' && e.direction === 'to-server')
      .map((e) => parseMessage(e.message))
      .filter((m): m is IncomingResponse => m.kind === 'response' && m.callId === callId);
  return { ...scenario, alice, timers, answers };
}

describe('requests the UA cannot use are answered 400 and leave nothing behind', () => {
  it.each([
    [
      'INVITE',
      'a malformed Record-Route',
      'record-route',
      replace('Record-Route', 'Record-Route: <sip:proxy.invalid;lr'),
    ],
    ['INVITE', 'a malformed Contact', 'contact', replace('Contact', 'Contact: <sip:bob@>;;;=')],
    [
      'INVITE',
      'a NUL in the From display name',
      'from',
      replace('From', 'From: "Bo\0b" <sip:bob@sip.test>;tag=nul'),
    ],
    [
      'INVITE',
      'a BEL in the To display name',
      'to',
      replace('To', 'To: "Al\x07ice" <sip:alice@sip.test>'),
    ],
    [
      'MESSAGE',
      'a NUL in the From display name',
      'from',
      replace('From', 'From: "Bo\0b" <sip:bob@sip.test>;tag=nul'),
    ],
    [
      'OPTIONS',
      'a DEL in an extension header',
      'x-evil',
      (l: string[]) => [...l, 'X-Evil: a\x7fb'],
    ],
  ])('%s with %s', async (method, _what, header, change) => {
    const { alice, answers, timers, stopAll } = await aliceAlone();
    const text = request(method, change);
    const callId = /Call-ID: (.*)/.exec(text)?.[1] as string;
    alice.socket.ondata(text);
    await flush();
    const finals = answers(callId).filter((r) => r.status >= 200);
    expect(finals.map((r) => [r.status, r.reason])).toEqual([[400, `Bad Request (${header})`]]);
    expect(alice.ua.sessions).toHaveLength(0);
    // An INVITE's 400 waits for its ACK (RFC 3261 §17.2.1); the ACK ends the transaction.
    if (method === 'INVITE') {
      const final = finals[0] as IncomingResponse;
      alice.socket.ondata(
        [
          `ACK sip:alice@sip.test SIP/2.0`,
          `Via: ${final.header('via') ?? ''}`,
          'Max-Forwards: 70',
          `From: ${final.header('from') ?? ''}`,
          `To: ${final.header('to') ?? ''}`,
          `Call-ID: ${callId}`,
          'CSeq: 1 ACK',
          'Content-Length: 0',
          '',
          '',
        ].join('\r\n'),
      );
      await flush();
    }
    expect(alice.ua.transactionCount).toBe(0);
    expect(vi.getTimerCount()).toBe(timers);
    await stopAll();
  });

  it('300 such INVITEs hold nothing once Timer H has run', async () => {
    const { alice, stopAll, timers } = await aliceAlone();
    for (let i = 0; i < 300; i++) {
      alice.socket.ondata(request('INVITE', replace('Record-Route', 'Record-Route: <sip:x;lr')));
    }
    await flush();
    // No ACK: Timer H (64*T1 = 32 s) frees each transaction that waited for one.
    expect(alice.ua.transactionCount).toBe(300);
    await vi.advanceTimersByTimeAsync(32_000);
    expect(alice.ua.transactionCount).toBe(0);
    expect(vi.getTimerCount()).toBe(timers);
    expect(alice.ua.sessions).toHaveLength(0);
    await stopAll();
  });

  it('a re-INVITE with a malformed Contact gets 400 and the call goes on', async () => {
    const { uas, network, stopAll } = await callScenario(['alice', 'bob']);
    const [outgoing, incoming] = await establish(uas['bob']!, uas['alice']!, 'alice');
    const ok = network.traffic
      .entries((e) => e.socketId === 'alice' && e.message.startsWith('SIP/2.0 200 '))
      .map((e) => parseMessage(e.message))
      .find((m) => m.cseq.method === 'INVITE') as IncomingResponse;
    uas['alice']!.socket.ondata(
      request('INVITE', (lines) => [
        ...lines.filter((l) => !/^(From|To|Call-ID|CSeq|Contact|Record-Route):/.test(l)),
        `From: ${ok.header('from') ?? ''}`,
        `To: ${ok.header('to') ?? ''}`,
        `Call-ID: ${ok.callId}`,
        'CSeq: 99 INVITE',
        'Contact: <sip:bob@',
      ]),
    );
    await flush();
    const answer = network.traffic
      .entries((e) => e.socketId === 'alice' && e.direction === 'to-server')
      .map((e) => parseMessage(e.message))
      .find(
        (m): m is IncomingResponse => m.kind === 'response' && m.cseq.seq === 99 && m.status >= 200,
      );
    expect([answer?.status, answer?.reason]).toEqual([400, 'Bad Request (contact)']);
    expect([outgoing.status, incoming.status]).toEqual(['confirmed', 'confirmed']);
    // alice hangs up (bob's own next CSeq is below the 99 we forged in his name).
    incoming.terminate();
    await vi.waitFor(() => expect(outgoing.isEnded()).toBe(true), WAIT);
    await stopAll();
  });
});
