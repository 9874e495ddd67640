import type { Socket } from '@sipkit/core';
import { describe, expect, it } from 'vitest';
import { sameConfiguration } from './same-configuration.js';

const socket = (url: string): Socket => ({
  via_transport: 'WSS',
  url,
  sip_uri: 'sip:x;transport=ws',
  connect: () => undefined,
  disconnect: () => undefined,
  send: () => true,
  isConnected: () => false,
  isConnecting: () => false,
  onconnect: () => undefined,
  ondisconnect: () => undefined,
  ondata: () => undefined,
});

describe('sameConfiguration', () => {
  const base = { uri: 'sip:alice@x', sockets: socket('wss://x'), password: 'p' };

  it('compares by value: new objects, new socket objects to the same URL, new arrays', () => {
    expect(sameConfiguration(base, { ...base, sockets: socket('wss://x') })).toBe(true);
    expect(
      sameConfiguration(
        { ...base, sockets: [socket('wss://x')], extra_headers: ['X-A: 1'] },
        { ...base, sockets: [{ socket: socket('wss://x'), weight: 0 }], extra_headers: ['X-A: 1'] },
      ),
    ).toBe(true);
  });

  it('tells a changed field, socket URL, weight or header apart', () => {
    expect(sameConfiguration(base, { ...base, password: 'q' })).toBe(false);
    expect(sameConfiguration(base, { ...base, sockets: socket('wss://y') })).toBe(false);
    expect(
      sameConfiguration(
        { ...base, sockets: [{ socket: socket('wss://x'), weight: 1 }] },
        { ...base, sockets: [{ socket: socket('wss://x'), weight: 2 }] },
      ),
    ).toBe(false);
    expect(
      sameConfiguration({ ...base, extra_headers: ['A: 1'] }, { ...base, extra_headers: ['A: 2'] }),
    ).toBe(false);
    expect(sameConfiguration(base, { ...base, register: false })).toBe(false);
  });
});
