import { describe, expect, it } from 'vitest';
import { SipParseError } from './sip-parse-error.js';
import { SipSerializeError } from './sip-serialize-error.js';
import { formatUri, parseUri } from './uri.js';

describe('parseUri', () => {
  it('reads every part of a sip URI', () => {
    const uri = parseUri(
      'sip:alice:secret@atlanta.example.com:5070;transport=ws;lr?subject=hi&x=1',
    );
    expect(uri.scheme).toBe('sip');
    expect(uri.user).toBe('alice');
    expect(uri.password).toBe('secret');
    expect(uri.host).toBe('atlanta.example.com');
    expect(uri.port).toBe(5070);
    expect({ ...uri.params }).toEqual({ transport: 'ws', lr: '' });
    expect({ ...uri.headers }).toEqual({ subject: 'hi', x: '1' });
  });

  it('treats the scheme case-insensitively and knows sips and tel', () => {
    expect(parseUri('SIP:example.com').scheme).toBe('sip');
    expect(parseUri('sips:bob@example.com').scheme).toBe('sips');
    const tel = parseUri('tel:+1-212-555-0101;phone-context=example.com');
    expect(tel).toMatchObject({ scheme: 'tel', user: '+1-212-555-0101', host: '' });
    expect(tel.params['phone-context']).toBe('example.com');
  });

  it('lowercases parameter names but keeps values', () => {
    expect({ ...parseUri('sip:h;Transport=WS;MAddr=X').params }).toEqual({
      transport: 'WS',
      maddr: 'X',
    });
  });

  it('accepts leading zeros in the port', () => {
    expect(parseUri('sip:h:05060').port).toBe(5060);
  });

  it('keeps IPv6 references with their brackets', () => {
    const uri = parseUri('sip:alice@[2001:db8::10]:5070');
    expect(uri.host).toBe('[2001:db8::10]');
    expect(uri.port).toBe(5070);
    expect(parseUri('sip:[::ffff:192.0.2.10]').host).toBe('[::ffff:192.0.2.10]');
    expect(parseUri('sip:[::1]').host).toBe('[::1]');
  });

  it('decodes %XX escapes in user, password, parameters and headers (RFC 3261 §19.1.4)', () => {
    const uri = parseUri('sip:%61lice%20b:p%40ss@h;n%61me=v%61lue%25;%6C%72?to=a%40b');
    expect(uri.user).toBe('alice b');
    expect(uri.password).toBe('p@ss');
    expect({ ...uri.params }).toEqual({ name: 'value%', lr: '' });
    expect(uri.headers['to']).toBe('a@b');
  });

  it('decodes UTF-8 escapes, and falls back to latin1 for bytes that are not UTF-8', () => {
    expect(parseUri('sip:%C3%A9@h').user).toBe('é');
    expect(parseUri('sip:%E9@h').user).toBe('é');
    expect(parseUri('sip:%00@h').user).toBe('\0');
  });

  it('allows semicolons and other user-unreserved characters in the user part', () => {
    const uri = parseUri('sip:user;par=u%40example.net@example.com');
    expect(uri.user).toBe('user;par=u@example.net');
    expect(uri.host).toBe('example.com');
  });

  it.each([
    ['no scheme', 'alice@example.com'],
    ['unknown scheme', 'http://example.com'],
    ['empty user', 'sip:@example.com'],
    ['empty host', 'sip:alice@'],
    ['space', 'sip:alice @example.com'],
    ['bad escape', 'sip:a%4@example.com'],
    ['truncated escape', 'sip:a@example.com;p=%4'],
    ['port too large', 'sip:h:65536'],
    ['empty port', 'sip:h:'],
    ['empty param name', 'sip:h;=x'],
    ['empty param value', 'sip:h;transport='],
    ['unclosed IPv6', 'sip:[::1'],
    ['IPv6 with three colons (RFC 5118 §4.10)', 'sip:[2001:db8:::192.0.2.1]'],
    ['IPv6 with too many groups', 'sip:[1:2:3:4:5:6:7:8:9]'],
    ['IPv6 without brackets', 'sip:2001:db8::10'],
    ['header without =', 'sip:h?subject'],
    ['trailing garbage', 'sip:h>'],
    ['empty tel', 'tel:'],
  ])('rejects %s', (_what, text) => {
    expect(() => parseUri(text)).toThrow(SipParseError);
  });

  it('reports the offset of the problem', () => {
    try {
      parseUri('sip:alice@exa mple.com');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(SipParseError);
      expect((error as SipParseError).offset).toBe(13);
    }
  });
});

describe('formatUri', () => {
  it('writes a minimal URI', () => {
    expect(formatUri({ scheme: 'sip', host: 'example.com' })).toBe('sip:example.com');
  });

  it('escapes what the grammar does not allow (RFC 3261 §19.1.2)', () => {
    expect(
      formatUri({
        scheme: 'sip',
        user: 'a b@c',
        password: 'p:w',
        host: 'h',
        port: 5060,
        params: { transport: 'ws', lr: '', 'x y': 'é' },
        headers: { subject: 'a&b' },
      }),
    ).toBe('sip:a%20b%40c:p%3Aw@h:5060;transport=ws;lr;x%20y=%C3%A9?subject=a%26b');
  });

  it('can never emit CR or LF', () => {
    const text = formatUri({ scheme: 'sip', user: 'a\r\nVia: x', host: 'h', params: { p: '\n' } });
    expect(text).not.toMatch(/[\r\n]/);
    expect(parseUri(text).user).toBe('a\r\nVia: x');
  });

  it('brackets a bare IPv6 host', () => {
    expect(formatUri({ scheme: 'sips', host: '2001:db8::1', port: 5061 })).toBe(
      'sips:[2001:db8::1]:5061',
    );
  });

  it('writes tel URIs', () => {
    expect(formatUri({ scheme: 'tel', host: '', user: '+15551234', params: { ext: '12' } })).toBe(
      'tel:+15551234;ext=12',
    );
  });

  it.each([
    ['an invalid host', { scheme: 'sip', host: 'a b' }],
    ['a host with CRLF', { scheme: 'sip', host: 'h\r\nX: y' }],
    ['an empty host', { scheme: 'sip', host: '' }],
    ['a bad port', { scheme: 'sip', host: 'h', port: 70000 }],
    ['an unpaired surrogate', { scheme: 'sip', host: 'h', user: '\ud800' }],
    ['a bad tel number', { scheme: 'tel', host: '', user: '12 34' }],
  ] as const)('refuses %s', (_what, uri) => {
    expect(() => formatUri(uri)).toThrow(SipSerializeError);
  });

  it('round-trips through parseUri', () => {
    const text = 'sip:alice;day=tue@[2001:db8::1]:5060;maddr=239.255.255.1;ttl=15?h=v';
    expect(formatUri(parseUri(text))).toBe(text);
  });
});
