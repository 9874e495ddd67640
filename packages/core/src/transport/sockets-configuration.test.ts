import { describe, expect, it } from 'vitest';
import { normalizeSockets } from './sockets-configuration.js';
import { FakeSocket } from './testing/fake-socket.js';
import { TransportError } from './transport-error.js';
import { WebSocketInterface } from './websocket-interface.js';

function errorOf(input: unknown): TransportError {
  try {
    normalizeSockets(input);
  } catch (error) {
    if (error instanceof TransportError) return error;
    throw error;
  }
  throw new Error('expected a TransportError');
}

describe('normalizeSockets', () => {
  const a = new FakeSocket('ws://a.example.com');
  const b = new FakeSocket('ws://b.example.com');
  const c = new FakeSocket('ws://c.example.com');

  it('accepts a single socket with weight 0', () => {
    expect(normalizeSockets(a)).toEqual([{ socket: a, weight: 0 }]);
  });

  it('accepts an array of sockets, keeping configuration order', () => {
    expect(normalizeSockets([a, b])).toEqual([
      { socket: a, weight: 0 },
      { socket: b, weight: 0 },
    ]);
  });

  it('accepts weighted entries mixed with bare sockets; weight defaults to 0', () => {
    const entries = normalizeSockets([{ socket: a, weight: 10 }, { socket: b }, c]);
    expect(entries).toEqual([
      { socket: a, weight: 10 },
      { socket: b, weight: 0 },
      { socket: c, weight: 0 },
    ]);
    expect(entries[0]?.socket).toBe(a);
  });

  it('accepts negative and fractional weights (only the order matters)', () => {
    expect(normalizeSockets([{ socket: a, weight: -1.5 }])).toEqual([{ socket: a, weight: -1.5 }]);
  });

  it('returns a frozen result', () => {
    const entries = normalizeSockets([a]);
    expect(Object.isFrozen(entries)).toBe(true);
    expect(Object.isFrozen(entries[0])).toBe(true);
  });

  it('accepts any object with the socket members (user sockets)', () => {
    const custom = {
      via_transport: 'WSS',
      url: 'wss://x.example.com',
      sip_uri: 'sip:x.example.com;transport=ws',
      connect: () => undefined,
      disconnect: () => undefined,
      send: () => true,
      isConnected: () => false,
      isConnecting: () => false,
    };
    expect(normalizeSockets(custom)).toEqual([{ socket: custom, weight: 0 }]);
  });

  it.each([
    ['undefined', undefined, 'sockets must be a socket'],
    ['a string URL', 'wss://a.example.com', 'sockets must be a socket'],
    ['an empty array', [], 'at least one socket'],
    ['an entry that is not a socket', [{ url: 'wss://x' }], 'sockets[0] must be a socket'],
    ['a weighted entry with a non-socket', [{ socket: 'wss://x', weight: 1 }], 'sockets[0].socket'],
    ['a string weight', [{ socket: new FakeSocket('ws://d'), weight: '5' }], 'sockets[0].weight'],
    ['a NaN weight', [{ socket: new FakeSocket('ws://d'), weight: Number.NaN }], '.weight'],
    ['an infinite weight', [{ socket: new FakeSocket('ws://d'), weight: Infinity }], '.weight'],
  ])('rejects %s', (_name, input, message) => {
    const error = errorOf(input);
    expect(error.code).toBe('invalid-sockets');
    expect(error.message).toContain(message);
  });

  it('names the member a would-be socket lacks', () => {
    const noSend = {
      via_transport: 'WS',
      url: 'ws://e.example.com',
      sip_uri: 'sip:e.example.com;transport=ws',
      connect: () => undefined,
      disconnect: () => undefined,
      isConnected: () => false,
      isConnecting: () => false,
    };
    expect(errorOf([a, noSend]).message).toMatch(/sockets\[1\].*send\(\) must be a function/);
  });

  it('rejects the same socket twice (one socket, one owner of its callbacks)', () => {
    expect(errorOf([a, { socket: a, weight: 5 }]).message).toBe(
      'sockets[1] is the same socket object as sockets[0]',
    );
  });

  it.each([
    ['a single socket', () => new WebSocketInterface('http://sip.example.com'), 'sockets: '],
    ['an array entry', () => [a, new WebSocketInterface('garbage')], 'sockets[1]: '],
    [
      'a weighted entry',
      () => [{ socket: new WebSocketInterface('sip.example.com:8443'), weight: 1 }],
      'sockets[0].socket: ',
    ],
  ])('rejects a WebSocketInterface built from a bad URL, as %s', (_name, input, path) => {
    const error = errorOf(input());
    expect(error.code).toBe('invalid-sockets');
    expect(error.parameter).toBe('sockets');
    expect(error.message.startsWith(`${path}Invalid WebSocket URL`)).toBe(true);
    expect(error.cause).toBeInstanceOf(TransportError);
  });
});
