import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FAILED_SERVER_QUARANTINE_MS } from './failed-servers.js';
import { FakeSocket } from './testing/fake-socket.js';
import { Transport, type TransportEvents } from './transport.js';
import type { TransportOptions } from './transport-options.js';

function setup(options: TransportOptions = {}) {
  const high = new FakeSocket('ws://high.example.com');
  const low = new FakeSocket('ws://low.example.com');
  const transport = new Transport(
    [
      { socket: high, weight: 10 },
      { socket: low, weight: 1 },
    ],
    // random() = 0: every recovery wait is exactly min (2 s).
    { random: () => 0, ...options },
  );
  const attempts: TransportEvents['attempt'][] = [];
  const log: string[] = [];
  transport.on('attempt', (payload) => {
    attempts.push(payload);
    log.push(`attempt:${payload.url}:${payload.outcome}`);
  });
  transport.on('connecting', ({ socket }) => log.push(`connecting:${socket.url}`));
  transport.on('connected', ({ socket }) => log.push(`connected:${socket.url}`));
  transport.on('disconnected', ({ socket, reason }) =>
    log.push(`disconnected:${socket.url}:${String(reason)}`),
  );
  return { high, low, transport, attempts, log };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('Transport: time from the injected clock', () => {
  it('measures an attempt with clock.now(), not the wall clock', () => {
    let now = 1_000;
    const clock = {
      setTimeout: (callback: () => void, ms: number) => setTimeout(callback, ms),
      clearTimeout: (handle: unknown) => clearTimeout(handle as ReturnType<typeof setTimeout>),
      now: () => now,
    };
    const { transport, high, attempts } = setup({ clock });
    transport.connect();
    now += 1_234; // the injected clock moves; the timers (and Date) do not
    high.accept();
    expect(attempts[0]?.elapsed).toBe(1_234);
  });
});

describe('Transport: connect timeout', () => {
  it('abandons an attempt nothing answers after 5 s by default and tries the next server', () => {
    const { transport, high, low, attempts, log } = setup();
    transport.connect();
    vi.advanceTimersByTime(4999);
    expect(low.connectCalls).toBe(0);
    vi.advanceTimersByTime(1);
    expect(high.disconnectCalls).toBe(1); // the socket is closed, not left half-open
    expect(low.connectCalls).toBe(1);
    expect(attempts[0]).toEqual({
      socket: high,
      url: 'ws://high.example.com',
      outcome: 'timed-out',
      elapsed: 5000,
    });
    low.accept();
    expect(log).toEqual([
      'connecting:ws://high.example.com',
      'attempt:ws://high.example.com:timed-out',
      'disconnected:ws://high.example.com:no answer within 5 s',
      'connecting:ws://low.example.com',
      'attempt:ws://low.example.com:connected',
      'connected:ws://low.example.com',
    ]);
    expect(transport.isConnected()).toBe(true);
    transport.stop();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('ignores the late events of an abandoned attempt', () => {
    const { transport, high, low, log } = setup({ connect_timeout: 1 });
    transport.connect();
    vi.advanceTimersByTime(1000);
    high.accept(); // the server answers after all, too late
    high.refuse();
    expect(transport.socket).toBe(low);
    expect(transport.state).toBe('connecting');
    expect(log.filter((line) => line.includes('high')).at(-1)).toBe(
      'disconnected:ws://high.example.com:no answer within 1 s',
    );
    transport.stop();
  });

  it('an attempt that opens in time cancels its timeout', () => {
    const { transport, high, attempts } = setup({ connect_timeout: 2 });
    transport.connect();
    vi.advanceTimersByTime(1500);
    high.accept();
    vi.advanceTimersByTime(10_000);
    expect(transport.isConnected()).toBe(true);
    expect(attempts).toEqual([
      { socket: high, url: 'ws://high.example.com', outcome: 'connected', elapsed: 1500 },
    ]);
    expect(vi.getTimerCount()).toBe(0);
    transport.stop();
  });

  it('reports a refusal as refused, with no timer left behind', () => {
    const { transport, high, low, attempts } = setup();
    transport.connect();
    vi.advanceTimersByTime(300);
    high.refuse();
    expect(attempts.map((a) => [a.url, a.outcome, a.elapsed])).toEqual([
      ['ws://high.example.com', 'refused', 300],
    ]);
    expect(low.connectCalls).toBe(1);
    expect(vi.getTimerCount()).toBe(1); // only low's own timeout
    transport.stop();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('connect_timeout 0 leaves the attempt to the runtime', () => {
    const { transport, low } = setup({ connect_timeout: 0 });
    transport.connect();
    vi.advanceTimersByTime(600_000);
    expect(low.connectCalls).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
    transport.stop();
  });

  it('stop() while connecting cancels the timeout; no attempt event', () => {
    const { transport, attempts } = setup();
    transport.connect();
    transport.stop();
    expect(vi.getTimerCount()).toBe(0);
    expect(attempts).toEqual([]);
  });

  it('a listener stopping the transport from "attempt" leaves nothing running', () => {
    const { transport, high } = setup({ keep_alive_interval: 10 });
    transport.on('attempt', () => transport.stop());
    transport.connect();
    high.accept();
    expect(transport.state).toBe('disconnected');
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('Transport: servers that just failed go last', () => {
  it('after losing the connection to a silent primary, the next cycle starts at the backup', () => {
    const { transport, high, low, log } = setup();
    transport.connect();
    high.accept();
    high.drop(); // abnormal loss (1006)
    log.length = 0;
    vi.advanceTimersByTime(2000);
    expect(log[0]).toBe('connecting:ws://low.example.com');
    expect(high.connectCalls).toBe(1);
    low.accept();
    expect(transport.socket).toBe(low);
    transport.stop();
  });

  it('a clean close by the server does not count against it', () => {
    const { transport, high, low } = setup();
    transport.connect();
    high.accept();
    high.drop(1000);
    vi.advanceTimersByTime(2000);
    expect(high.connectCalls).toBe(2);
    expect(low.connectCalls).toBe(0);
    transport.stop();
  });

  it('a timed-out primary is not waited on again in the next cycle', () => {
    const { transport, high, low } = setup();
    transport.connect();
    vi.advanceTimersByTime(5000); // high silent
    low.refuse();
    vi.advanceTimersByTime(2000); // recovery wait
    // Both failed: low failed last, so high (the longer ago) goes first again.
    expect(high.connectCalls).toBe(2);
    vi.advanceTimersByTime(5000);
    expect(low.connectCalls).toBe(2);
    low.accept();
    expect(transport.socket).toBe(low);
    transport.stop();
  });

  it('a server that connected again regains its weight order', () => {
    const { transport, high, low } = setup();
    transport.connect();
    high.refuse();
    low.accept();
    low.drop();
    vi.advanceTimersByTime(2000);
    expect(high.connectCalls).toBe(2); // high failed first, so it is tried first
    high.accept();
    high.drop(1000); // clean: high is healthy, low still in quarantine
    vi.advanceTimersByTime(2000);
    expect(high.connectCalls).toBe(3);
    transport.stop();
  });

  it('after the quarantine the primary is preferred again', () => {
    const { transport, high, low } = setup();
    transport.connect();
    high.refuse();
    low.accept();
    vi.advanceTimersByTime(FAILED_SERVER_QUARANTINE_MS);
    low.drop(1000);
    vi.advanceTimersByTime(2000);
    expect(high.connectCalls).toBe(2);
    transport.stop();
  });
});
