import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeSocket } from './testing/fake-socket.js';
import { Transport } from './transport.js';
import { TransportError } from './transport-error.js';

// A keep-alive ping of the owner's choosing (the UA's OPTIONS keep-alive), for servers that
// ignore CRLF pings: the same schedule, timeout and recovery as the CRLF keep-alive.
function setup() {
  const socket = new FakeSocket('ws://a.example.com');
  const answers: (() => void)[] = [];
  let canSend = true;
  const transport = new Transport([{ socket, weight: 1 }], {
    keep_alive_interval: 10,
    keep_alive_timeout: 2,
    random: () => 0,
    keep_alive_ping: (answered) => {
      if (canSend) answers.push(answered);
      return canSend;
    },
  });
  const reasons: (string | undefined)[] = [];
  transport.on('disconnected', ({ reason }) => reasons.push(reason));
  transport.connect();
  socket.accept();
  return { transport, socket, answers, reasons, refuseSends: () => (canSend = false) };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('Transport keep_alive_ping', () => {
  it('sends the custom ping instead of a CRLF, and an answer keeps the flow', () => {
    const { transport, socket, answers } = setup();
    vi.advanceTimersByTime(8000); // 80% of 10 s with random() = 0
    expect(answers).toHaveLength(1);
    expect(socket.sent).toEqual([]); // no CRLF
    answers[0]?.();
    vi.advanceTimersByTime(8000);
    expect(answers).toHaveLength(2);
    answers[1]?.();
    expect(transport.isConnected()).toBe(true);
    transport.stop();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('no answer within keep_alive_timeout closes the socket and recovers', () => {
    const { transport, socket, answers, reasons } = setup();
    vi.advanceTimersByTime(8000);
    expect(answers).toHaveLength(1);
    vi.advanceTimersByTime(1999);
    expect(transport.isConnected()).toBe(true);
    vi.advanceTimersByTime(1);
    expect(socket.disconnectCalls).toBe(1);
    expect(reasons).toEqual(['no keep-alive answer to the ping within 2 s (RFC 5626 §4.4.1)']);
    expect(transport.recovering).toBe(true);
    vi.advanceTimersByTime(2000);
    expect(socket.connectCalls).toBe(2);
    transport.stop();
  });

  it('a late answer to an earlier ping does not stand for the latest one', () => {
    const { transport, answers, reasons } = setup();
    vi.advanceTimersByTime(8000);
    const first = answers[0];
    first?.();
    vi.advanceTimersByTime(8000);
    first?.(); // the same answer again: the second ping is still unanswered
    vi.advanceTimersByTime(2000);
    expect(reasons).toHaveLength(1);
    transport.stop();
  });

  it('an answer given while sending counts (a server in the same process)', () => {
    const socket = new FakeSocket('ws://a.example.com');
    const transport = new Transport([{ socket, weight: 1 }], {
      keep_alive_interval: 10,
      keep_alive_timeout: 2,
      random: () => 0,
      keep_alive_ping: (answered) => {
        answered();
        return true;
      },
    });
    transport.connect();
    socket.accept();
    vi.advanceTimersByTime(60_000);
    expect(transport.isConnected()).toBe(true);
    transport.stop();
  });

  it('a ping that cannot be sent fails the flow at once', () => {
    const { transport, reasons, refuseSends } = setup();
    refuseSends();
    vi.advanceTimersByTime(8000);
    expect(reasons).toEqual(['keep-alive ping could not be sent']);
    transport.stop();
  });

  it('probe() uses the custom ping too: a server that ignores CRLF is not taken for dead', () => {
    const { transport, socket, answers, reasons } = setup();
    transport.probe(2000, 'network changed');
    expect(answers).toHaveLength(1);
    expect(socket.sent).toEqual([]);
    socket.receive('SIP/2.0 483 Too Many Hops\r\nContent-Length: 0\r\n\r\n'); // any frame
    vi.advanceTimersByTime(2000);
    expect(reasons).toEqual([]);
    transport.probe(2000, 'network changed');
    vi.advanceTimersByTime(2000);
    expect(reasons).toEqual(['network changed: no answer to a probe within 2000 ms']);
    transport.stop();
  });

  it('rejects a keep_alive_ping that is not a function, naming it', () => {
    const socket = new FakeSocket('ws://a.example.com');
    const make = () =>
      new Transport([{ socket, weight: 1 }], {
        keep_alive_ping: 'options' as unknown as () => boolean,
      });
    expect(make).toThrow(TransportError);
    expect(make).toThrow(expect.objectContaining({ parameter: 'keep_alive_ping' }));
  });
});
