import { describe, expect, it } from 'vitest';
import { WebSocketInterface } from '../transport/index.js';
import { ConfigurationError } from '../ua/configuration-error.js';
import { tabGroupOf } from './tab-group.js';

const uri = 'sip:alice@example.com';
const ws = (url: string) => new WebSocketInterface(url);

describe('tabGroupOf', () => {
  it('gives the same short group to the same configuration, built anew in another tab', () => {
    const one = tabGroupOf({ uri, sockets: ws('wss://sip.example.com') });
    const two = tabGroupOf({ uri, sockets: [ws('wss://sip.example.com')] });
    expect(one).toBe(two);
    expect(one).toMatch(/^[0-9a-z]{14}$/);
  });

  it('ignores the order of the sockets, and everything but uri and socket URLs', () => {
    const a = ws('wss://a.example.com');
    const b = ws('wss://b.example.com');
    const plain = tabGroupOf({ uri, sockets: [a, b] });
    const withSecrets = {
      uri,
      sockets: [{ socket: b, weight: 2 }, a],
      password: 'hunter2',
      authorization_jwt: 'eyJ.secret.jwt',
    };
    expect(tabGroupOf(withSecrets)).toBe(plain);
  });

  it('tells different users and different servers apart', () => {
    const sockets = ws('wss://sip.example.com');
    const groups = new Set([
      tabGroupOf({ uri, sockets }),
      tabGroupOf({ uri: 'sip:bob@example.com', sockets }),
      tabGroupOf({ uri, sockets: ws('wss://other.example.com') }),
      tabGroupOf({ uri, sockets: [sockets, ws('wss://other.example.com')] }),
    ]);
    expect(groups.size).toBe(4);
  });

  it('names the parameter at fault', () => {
    expect(() => tabGroupOf({ uri: ' ', sockets: ws('wss://sip.example.com') })).toThrow(
      expect.objectContaining({ name: 'ConfigurationError', parameter: 'uri' }),
    );
    expect(() => tabGroupOf({ uri, sockets: [] })).toThrow(ConfigurationError);
    expect(() => tabGroupOf({ uri, sockets: [] })).toThrow(
      expect.objectContaining({ parameter: 'sockets' }),
    );
  });
});
