import { describe, expect, it } from 'vitest';
import { TransportError } from './transport-error.js';
import { parseWebSocketUrl } from './websocket-url.js';

function errorOf(fn: () => unknown): TransportError {
  try {
    fn();
  } catch (error) {
    if (error instanceof TransportError) return error;
    throw error;
  }
  throw new Error('expected a TransportError');
}

describe('parseWebSocketUrl', () => {
  it.each([
    ['ws://sip.example.com', 'WS', 'sip:sip.example.com;transport=ws'],
    ['wss://sip.example.com', 'WSS', 'sip:sip.example.com;transport=ws'],
    ['wss://sip.example.com:8443/ws?x=1', 'WSS', 'sip:sip.example.com:8443;transport=ws'],
    ['ws://127.0.0.1:5066', 'WS', 'sip:127.0.0.1:5066;transport=ws'],
    ['ws://[::1]:5066', 'WS', 'sip:[::1]:5066;transport=ws'],
    ['WSS://SIP.Example.COM', 'WSS', 'sip:sip.example.com;transport=ws'],
    // The default port is implied, so the SIP URI does not name it either.
    ['wss://sip.example.com:443', 'WSS', 'sip:sip.example.com;transport=ws'],
  ])('%s -> %s %s', (url, via, sipUri) => {
    expect(parseWebSocketUrl(url)).toEqual({ via_transport: via, sip_uri: sipUri });
  });

  it.each([
    'http://sip.example.com',
    'https://sip.example.com',
    'sip:alice@example.com',
    'file:///x',
  ])('rejects the scheme of %s', (url) => {
    const error = errorOf(() => parseWebSocketUrl(url));
    expect(error.code).toBe('unsupported-scheme');
    expect(error.message).toContain(url);
  });

  it.each(['', 'not a url', 'wss//missing-colon', '://x', 'ws://'])('rejects garbage %j', (url) => {
    expect(errorOf(() => parseWebSocketUrl(url)).code).toBe('invalid-url');
  });
});
