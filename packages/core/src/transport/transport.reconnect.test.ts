import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeSocket } from './testing/fake-socket.js';
import { Transport } from './transport.js';

function setup() {
  const high = new FakeSocket('ws://high.example.com');
  const low = new FakeSocket('ws://low.example.com');
  const transport = new Transport(
    [
      { socket: high, weight: 10 },
      { socket: low, weight: 1 },
    ],
    { random: () => 0 },
  );
  const log: string[] = [];
  transport.on('connecting', ({ socket }) => log.push(`connecting:${socket.url}`));
  transport.on('connected', ({ socket }) => log.push(`connected:${socket.url}`));
  transport.on('disconnected', ({ socket, reason }) =>
    log.push(`disconnected:${socket.url}:${String(reason)}`),
  );
  return { high, low, transport, log };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('Transport.reconnect', () => {
  it('closes an open connection and starts the next cycle at once, without the recovery wait', () => {
    const { transport, high, log } = setup();
    transport.connect();
    high.accept();
    log.length = 0;
    transport.reconnect('network back online', false);
    expect(log).toEqual([
      'disconnected:ws://high.example.com:network back online',
      'connecting:ws://high.example.com',
    ]);
    expect(high.disconnectCalls).toBe(1);
    expect(transport.recovering).toBe(false);
    transport.disconnect();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('with blameServer, the next cycle tries the other server first (a flow found dead)', () => {
    const { transport, high, low, log } = setup();
    transport.connect();
    high.accept();
    log.length = 0;
    transport.reconnect('REGISTER got no answer', true);
    expect(log.at(-1)).toBe('connecting:ws://low.example.com');
    low.accept();
    expect(transport.socket).toBe(low);
    transport.disconnect();
  });

  it('cuts a recovery wait short and abandons an attempt in progress', () => {
    const { transport, high, low, log } = setup();
    transport.connect();
    high.refuse();
    low.refuse();
    expect(transport.recovering).toBe(true);
    log.length = 0;
    transport.reconnect('online', false);
    expect(transport.recovering).toBe(false);
    expect(log).toEqual(['connecting:ws://high.example.com']);
    // Still connecting on the old network: abandoned, and the cycle starts again.
    transport.reconnect('network changed', false);
    expect(high.disconnectCalls).toBeGreaterThan(0);
    expect(log).toEqual(['connecting:ws://high.example.com', 'connecting:ws://high.example.com']);
    high.accept();
    expect(transport.isConnected()).toBe(true);
    transport.disconnect();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('does nothing after disconnect()', () => {
    const { transport, high, log } = setup();
    transport.connect();
    high.accept();
    transport.disconnect();
    log.length = 0;
    transport.reconnect('online', false);
    expect(log).toEqual([]);
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('Transport.probe', () => {
  it('sends a CRLF ping; any frame back keeps the connection', () => {
    const { transport, high, log } = setup();
    transport.connect();
    high.accept();
    log.length = 0;
    transport.probe(2000, 'network changed');
    expect(high.sent).toEqual(['\r\n\r\n']);
    vi.advanceTimersByTime(1000);
    high.receive('\r\n');
    vi.advanceTimersByTime(5000);
    expect(log).toEqual([]);
    expect(transport.isConnected()).toBe(true);
    transport.disconnect();
  });

  it('reconnects at once when nothing answers within the timeout', () => {
    const { transport, high, log } = setup();
    transport.connect();
    high.accept();
    log.length = 0;
    transport.probe(2000, 'network changed');
    vi.advanceTimersByTime(1999);
    expect(log).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(log).toEqual([
      'disconnected:ws://high.example.com:network changed: no answer to a probe within 2000 ms',
      // Not the server's fault: it is tried first again, at once.
      'connecting:ws://high.example.com',
    ]);
    transport.disconnect();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('reconnects at once when the ping cannot be sent, and is a no-op while not connected', () => {
    const { transport, high, log } = setup();
    transport.probe(2000, 'offline');
    expect(log).toEqual([]);
    transport.connect();
    high.accept();
    high.send = () => false;
    log.length = 0;
    transport.probe(2000, 'offline');
    expect(log[0]).toBe('disconnected:ws://high.example.com:offline: the probe could not be sent');
    transport.disconnect();
  });
});

describe('Transport.probe verdict', () => {
  it('resolves true once the flow answers, false when it was replaced; one ping for joined probes', async () => {
    const { transport, high } = setup();
    transport.connect();
    high.accept();
    const first = transport.probe(1000, 'audio stalled');
    const joined = transport.probe(2000, 'ICE disconnected');
    expect(high.sent).toEqual(['\r\n\r\n']);
    high.receive('\r\n');
    await expect(first).resolves.toBe(true);
    await expect(joined).resolves.toBe(true);
    const dead = transport.probe(1000, 'audio stalled');
    vi.advanceTimersByTime(1000);
    await expect(dead).resolves.toBe(false);
    expect(transport.isConnected()).toBe(false);
    transport.disconnect();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('resolves false while not connected, or when the connection drops before an answer', async () => {
    const { transport, high } = setup();
    await expect(transport.probe(1000, 'x')).resolves.toBe(false);
    transport.connect();
    high.accept();
    const probe = transport.probe(1000, 'x');
    transport.disconnect();
    await expect(probe).resolves.toBe(false);
    expect(vi.getTimerCount()).toBe(0);
  });
});
