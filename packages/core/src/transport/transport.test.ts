import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TransportLogger } from './logger.js';
import { FakeSocket, sequence } from './testing/fake-socket.js';
import { Transport, type TransportEvents } from './transport.js';
import type { TransportOptions } from './transport-options.js';
import { WebSocketInterface } from './websocket-interface.js';

type Recorded = { [K in keyof TransportEvents]: [K, TransportEvents[K]] }[keyof TransportEvents];

/** Records every event as `[name, payload]`, and a compact `log` of `name:url` strings. */
function record(transport: Transport) {
  const events: Recorded[] = [];
  const log: string[] = [];
  const names: (keyof TransportEvents)[] = ['connecting', 'connected', 'disconnected', 'recovery'];
  for (const name of names) {
    transport.on(name, (payload) => {
      events.push([name, payload] as Recorded);
      log.push('socket' in payload ? `${name}:${payload.socket.url}` : `${name}:${payload.delay}`);
    });
  }
  const data: string[] = [];
  transport.on('data', ({ data: text }) => data.push(text));
  return { events, log, data };
}

function setup(options: TransportOptions = {}) {
  const high = new FakeSocket('ws://high.example.com');
  const low = new FakeSocket('ws://low.example.com');
  const transport = new Transport(
    [
      { socket: low, weight: 1 },
      { socket: high, weight: 10 },
    ],
    // random() = 0: every recovery wait is exactly its lower bound, min (tests of the jitter
    // itself pass their own source).
    { random: () => 0, ...options },
  );
  return { high, low, transport, ...record(transport) };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('Transport: failover and recovery', () => {
  it('starts disconnected and exposes the top-weight socket', () => {
    const { transport, high } = setup();
    expect(transport.state).toBe('disconnected');
    expect(transport.socket).toBe(high);
    expect(transport.url).toBe('ws://high.example.com');
    expect(transport.via_transport).toBe('WS');
    expect(transport.sip_uri).toBe('sip:high.example.com;transport=ws');
    expect(transport.sockets).toHaveLength(2);
  });

  it('connects to the highest weight first', () => {
    const { transport, high, low, log } = setup();
    transport.connect();
    expect(transport.state).toBe('connecting');
    expect(high.connectCalls).toBe(1);
    expect(low.connectCalls).toBe(0);
    high.accept();
    expect(transport.state).toBe('connected');
    expect(transport.isConnected()).toBe(true);
    expect(log).toEqual(['connecting:ws://high.example.com', 'connected:ws://high.example.com']);
    transport.stop();
  });

  it('fails over to the next weight at once, then waits min before the next cycle', () => {
    const { transport, high, low, log, events } = setup();
    transport.connect();
    high.refuse();
    expect(low.connectCalls).toBe(1);
    low.refuse();
    expect(log).toEqual([
      'connecting:ws://high.example.com',
      'disconnected:ws://high.example.com',
      'connecting:ws://low.example.com',
      'disconnected:ws://low.example.com',
      'recovery:2000',
    ]);
    expect(events[1]).toEqual([
      'disconnected',
      { socket: high, error: true, code: 1006, reason: 'refused' },
    ]);
    expect(transport.recovering).toBe(true);
    vi.advanceTimersByTime(1999);
    expect(high.connectCalls).toBe(1);
    vi.advanceTimersByTime(1);
    expect(high.connectCalls).toBe(2); // a new cycle starts from the top
    expect(events.at(-1)).toEqual(['connecting', { socket: high, attempt: 1 }]);
    transport.stop();
  });

  it('backs off: the first wait in [min, min + 0.5), the k-th in [min, min(max, min * 2^(k+1))] seconds', () => {
    const { transport, high, low, events } = setup({ random: () => 0.999999 });
    high.refuseOnConnect = true;
    low.refuseOnConnect = true;
    transport.connect();
    for (let k = 0; k < 6; k++) vi.advanceTimersToNextTimer();
    const delays = events
      .filter((e): e is ['recovery', TransportEvents['recovery']] => e[0] === 'recovery')
      .map(([, { attempt, delay }]) => [attempt, Math.round(delay / 100) / 10]);
    expect(delays).toEqual([
      [0, 2.5],
      [1, 8],
      [2, 16],
      [3, 30],
      [4, 30],
      [5, 30],
      [6, 30],
    ]);
    transport.stop();
  });

  it('resets the backoff after a successful connection', () => {
    const { transport, high, low, events } = setup({ random: () => 0.999999 });
    high.refuseOnConnect = true;
    low.refuseOnConnect = true;
    transport.connect();
    vi.advanceTimersToNextTimer(); // attempt 0 waited, attempt 1 scheduled (8 s)
    vi.advanceTimersToNextTimer(); // attempt 2 scheduled (16 s)
    high.refuseOnConnect = false;
    vi.advanceTimersToNextTimer();
    high.accept();
    high.drop();
    expect(events.at(-1)).toEqual(['recovery', { attempt: 0, delay: expect.closeTo(2500, 0) }]);
    transport.stop();
  });

  it('after losing a connection, waits min then cycles from the top weight again', () => {
    const { transport, high, low, log } = setup();
    transport.connect();
    high.refuse();
    low.accept();
    expect(transport.socket).toBe(low);
    log.length = 0;
    low.drop(1001);
    expect(log).toEqual(['disconnected:ws://low.example.com', 'recovery:2000']);
    expect(transport.state).toBe('disconnected');
    vi.advanceTimersByTime(2000);
    expect(high.connectCalls).toBe(2); // back to the preferred server first
    high.accept();
    expect(transport.socket).toBe(high);
    transport.stop();
  });

  it('treats a socket whose connect() throws as a failed attempt', () => {
    const logger: TransportLogger = { debug: vi.fn(), warn: vi.fn(), error: vi.fn() };
    vi.stubGlobal('WebSocket', undefined);
    try {
      const broken = new WebSocketInterface('ws://broken.example.com');
      const good = new FakeSocket('ws://good.example.com');
      const transport = new Transport(
        [
          { socket: broken, weight: 5 },
          { socket: good, weight: 0 },
        ],
        { logger },
      );
      const { events } = record(transport);
      transport.connect();
      expect(events[1]?.[0]).toBe('disconnected');
      const payload = events[1]?.[1] as TransportEvents['disconnected'];
      expect(payload.error).toBe(true);
      expect(payload.reason).toContain('no WebSocket constructor');
      expect(logger.error).toHaveBeenCalled();
      expect(good.connectCalls).toBe(1);
      transport.stop();
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('picks randomly among equal weights, using the injected random source', () => {
    const a = new FakeSocket('ws://a.example.com');
    const b = new FakeSocket('ws://b.example.com');
    const c = new FakeSocket('ws://c.example.com');
    const firstTried = (random: () => number) => {
      const transport = new Transport([a, b, c], { random });
      let first = '';
      transport.once('connecting', ({ socket }) => (first = socket.url));
      transport.connect();
      transport.stop();
      return first;
    };
    expect(firstTried(() => 0.999)).toBe('ws://a.example.com');
    expect(firstTried(() => 0)).toBe('ws://b.example.com');
    expect(firstTried(sequence(0, 0.999))).toBe('ws://c.example.com');
  });

  it('reshuffles equal weights on every cycle', () => {
    const a = new FakeSocket('ws://a.example.com');
    const b = new FakeSocket('ws://b.example.com');
    a.refuseOnConnect = true;
    b.refuseOnConnect = true;
    // Draws: shuffle (0.999 keeps a,b), delay, shuffle (0 swaps to b,a), delay...
    const transport = new Transport([a, b], { random: sequence(0.999, 0.5, 0, 0.5) });
    const { log } = record(transport);
    transport.connect();
    vi.advanceTimersToNextTimer();
    expect(log.filter((line) => line.startsWith('connecting'))).toEqual([
      'connecting:ws://a.example.com',
      'connecting:ws://b.example.com',
      'connecting:ws://b.example.com',
      'connecting:ws://a.example.com',
    ]);
    transport.stop();
  });

  it('connect() during a recovery wait skips the wait', () => {
    const { transport, high, low } = setup();
    transport.connect();
    high.refuse();
    low.refuse();
    expect(transport.recovering).toBe(true);
    transport.connect();
    expect(transport.recovering).toBe(false);
    expect(high.connectCalls).toBe(2);
    expect(vi.getTimerCount()).toBe(1); // the new attempt's connect timeout; the wait is gone
    transport.stop();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('connect() while connecting or connected is a no-op', () => {
    const { transport, high } = setup();
    transport.connect();
    transport.connect();
    high.accept();
    transport.connect();
    expect(high.connectCalls).toBe(1);
    transport.stop();
  });

  it('handles a socket that was already open (no second onconnect)', () => {
    const open = new FakeSocket('ws://open.example.com');
    open.accept();
    const transport = new Transport(open);
    transport.connect();
    expect(transport.state).toBe('connected');
    transport.stop();
  });
});

describe('Transport: stop() and closed-by-us', () => {
  it('stop() during a recovery wait cancels it and leaves no timers', () => {
    const { transport, high, low } = setup();
    transport.connect();
    high.refuse();
    low.refuse();
    expect(vi.getTimerCount()).toBe(1);
    transport.stop();
    expect(vi.getTimerCount()).toBe(0);
    vi.advanceTimersByTime(120_000);
    expect(high.connectCalls).toBe(1);
    expect(transport.state).toBe('disconnected');
  });

  it('stop() while connected closes the socket, emits disconnected (no error) and never reconnects', () => {
    const { transport, high, events } = setup({ keep_alive_interval: 5 });
    transport.connect();
    high.accept();
    expect(vi.getTimerCount()).toBe(1); // the keep-alive ping
    transport.stop();
    expect(high.disconnectCalls).toBe(1);
    expect(events.at(-1)).toEqual([
      'disconnected',
      { socket: high, error: false, code: undefined, reason: undefined },
    ]);
    expect(vi.getTimerCount()).toBe(0);
    // A late close report from the socket is ignored.
    high.drop();
    vi.advanceTimersByTime(120_000);
    expect(high.connectCalls).toBe(1);
    expect(events.filter(([name]) => name === 'disconnected')).toHaveLength(1);
  });

  it('stop() while connecting aborts the attempt', () => {
    const { transport, high, low } = setup();
    transport.connect();
    transport.stop();
    expect(high.disconnectCalls).toBe(1);
    high.refuse(); // late
    high.accept(); // late
    expect(low.connectCalls).toBe(0);
    expect(transport.state).toBe('disconnected');
    expect(vi.getTimerCount()).toBe(0);
  });

  it('stop() twice, or before connect(), is harmless', () => {
    const { transport, events } = setup();
    transport.stop();
    transport.connect();
    transport.stop();
    transport.stop();
    expect(events.filter(([name]) => name === 'disconnected')).toHaveLength(1);
  });

  it('a listener may call stop() from inside an event', () => {
    const { transport, high, low } = setup();
    transport.on('disconnected', () => transport.stop());
    transport.connect();
    high.refuse();
    expect(low.connectCalls).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('a listener stopping from "connecting" prevents the connect() call', () => {
    const { transport, high } = setup();
    transport.once('connecting', () => transport.stop());
    transport.connect();
    expect(high.connectCalls).toBe(0);
  });

  it('a fresh start after stop() begins with the shortest backoff again', () => {
    const { transport, high, low, events } = setup({ random: () => 0.999999 });
    high.refuseOnConnect = true;
    low.refuseOnConnect = true;
    transport.connect();
    vi.advanceTimersToNextTimer();
    vi.advanceTimersToNextTimer();
    transport.stop();
    transport.connect();
    expect(events.at(-1)).toEqual(['recovery', { attempt: 0, delay: expect.closeTo(2500, 0) }]);
    transport.stop();
  });

  it('can be started again after stop()', () => {
    const { transport, high } = setup();
    transport.connect();
    high.accept();
    transport.stop();
    transport.connect();
    expect(high.connectCalls).toBe(2);
    high.accept();
    expect(transport.isConnected()).toBe(true);
    transport.stop();
  });

  it('a throwing listener is logged and does not break the state machine', () => {
    const logger: TransportLogger = { debug: vi.fn(), warn: vi.fn(), error: vi.fn() };
    const { transport, high, low } = setup({ logger });
    transport.on('disconnected', () => {
      throw new Error('listener bug');
    });
    transport.connect();
    high.refuse();
    expect(low.connectCalls).toBe(1);
    expect(logger.error).toHaveBeenCalledWith(
      'transport: a "disconnected" listener threw',
      expect.any(Error),
    );
    transport.stop();
  });
});

describe('Transport: data and RFC 5626 keep-alive', () => {
  it('sends only while connected', () => {
    const { transport, high } = setup();
    expect(transport.send('x')).toBe(false);
    transport.connect();
    expect(transport.send('x')).toBe(false);
    high.accept();
    expect(transport.send('OPTIONS')).toBe(true);
    expect(high.sent).toEqual(['OPTIONS']);
    transport.stop();
    expect(transport.send('x')).toBe(false);
  });

  it('emits SIP messages; answers pings with a pong; drops pongs and blank frames', () => {
    const { transport, high, data } = setup();
    transport.connect();
    high.accept();
    high.receive('\r\n\r\n');
    high.receive('\r\n');
    high.receive('');
    high.receive(' \t\r\n ');
    high.receive('SIP/2.0 200 OK\r\n\r\n');
    expect(high.sent).toEqual(['\r\n']);
    expect(data).toEqual(['SIP/2.0 200 OK\r\n\r\n']);
    transport.stop();
  });

  it('keep-alive is off by default: no timer while connected', () => {
    const { transport, high } = setup();
    transport.connect();
    high.accept();
    expect(vi.getTimerCount()).toBe(0);
    transport.stop();
  });

  it('pings, accepts the pong, pings again', () => {
    const { transport, high, data } = setup({
      keep_alive_interval: 10,
      keep_alive_timeout: 2,
      random: () => 0,
    });
    transport.connect();
    high.accept();
    vi.advanceTimersByTime(8000); // 80% of 10 s with random() = 0
    expect(high.sent).toEqual(['\r\n\r\n']);
    high.receive('\r\n');
    vi.advanceTimersByTime(8000);
    expect(high.sent).toEqual(['\r\n\r\n', '\r\n\r\n']);
    expect(data).toEqual([]);
    expect(transport.isConnected()).toBe(true);
    transport.stop();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('a missing pong closes the socket and goes through recovery', () => {
    const { transport, high, low, events } = setup({
      keep_alive_interval: 10,
      keep_alive_timeout: 2,
      random: () => 0,
    });
    transport.connect();
    high.accept();
    vi.advanceTimersByTime(8000 + 2000);
    expect(high.disconnectCalls).toBe(1);
    expect(events.slice(-2)).toEqual([
      [
        'disconnected',
        {
          socket: high,
          error: true,
          code: undefined,
          reason: 'no keep-alive pong within 2 s (RFC 5626 §4.4.1)',
        },
      ],
      ['recovery', { attempt: 0, delay: 2000 }],
    ]);
    vi.advanceTimersByTime(2000);
    // The silent server just failed: the next cycle tries the other one first.
    expect(low.connectCalls).toBe(1);
    expect(high.connectCalls).toBe(1);
    low.accept();
    expect(transport.isConnected()).toBe(true);
    transport.stop();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('ignores data from a socket it has abandoned', () => {
    const { transport, high, low, data } = setup();
    transport.connect();
    high.refuse();
    low.accept();
    high.receive('SIP/2.0 200 OK\r\n\r\n');
    expect(data).toEqual([]);
    transport.stop();
  });
});
