import { describe, expect, it } from 'vitest';
import { SipParseError } from './sip-parse-error.js';
import { SipSerializeError } from './sip-serialize-error.js';
import {
  formatChallenge,
  formatCredentials,
  parseChallenge,
  parseCredentials,
} from './auth-header.js';

describe('parseChallenge', () => {
  it('reads a digest challenge: scheme as written, names lowercased, values unquoted', () => {
    const challenge = parseChallenge(
      'Digest  Realm="atlanta.com" , NONCE="84a4cc6f3082121f32b42a2187831a9e",qop="auth,auth-int", algorithm=SHA-256, stale=FALSE',
    );
    expect(challenge.scheme).toBe('Digest');
    expect({ ...challenge.params }).toEqual({
      realm: 'atlanta.com',
      nonce: '84a4cc6f3082121f32b42a2187831a9e',
      qop: 'auth,auth-int',
      algorithm: 'SHA-256',
      stale: 'FALSE',
    });
  });

  it('unescapes quoted-pairs', () => {
    expect(parseChallenge('Digest realm="a \\"quoted\\" \\\\ realm"').params['realm']).toBe(
      'a "quoted" \\ realm',
    );
  });

  it('accepts a scheme alone, and empty list elements', () => {
    expect(parseChallenge('Bearer')).toEqual({ scheme: 'Bearer', params: {} });
    expect({ ...parseChallenge('Bearer , realm="x",, scope="a b",').params }).toEqual({
      realm: 'x',
      scope: 'a b',
    });
  });

  it('has no inherited parameter names', () => {
    expect(parseChallenge('Digest realm="r"').params['constructor']).toBeUndefined();
  });

  it.each([
    ['a duplicate parameter', 'Digest realm="a", Realm="b"'],
    ['an unterminated quote', 'Digest realm="a'],
    ['a missing =', 'Digest realm'],
    ['no space after the scheme', 'Digest,realm="a"'],
    ['an empty value', 'Digest realm='],
    ['garbage between parameters', 'Digest realm="a" nonce="b"'],
    ['an empty header', ''],
  ])('rejects %s', (_what, text) => {
    expect(() => parseChallenge(text)).toThrow(SipParseError);
  });
});

describe('parseCredentials', () => {
  it('reads digest credentials with unquoted nc and qop', () => {
    const credentials = parseCredentials(
      'Digest username="bob", realm="biloxi.com", nonce="dcd98b", uri="sip:bob@biloxi.com", qop=auth, nc=00000001, cnonce="0a4f113b", response="6629fae4"',
    );
    expect(credentials.params['nc']).toBe('00000001');
    expect(credentials.params['qop']).toBe('auth');
    expect(credentials.params['uri']).toBe('sip:bob@biloxi.com');
    expect(credentials.token68).toBeUndefined();
  });

  it('reads a bearer token68', () => {
    expect(parseCredentials('Bearer eyJhbGciOiJIUzI1NiJ9.e30.abc-_~+/==')).toEqual({
      scheme: 'Bearer',
      params: {},
      token68: 'eyJhbGciOiJIUzI1NiJ9.e30.abc-_~+/==',
    });
  });
});

describe('formatCredentials', () => {
  it('quotes values except unquoted digest tokens', () => {
    expect(
      formatCredentials({
        scheme: 'Digest',
        params: { username: 'bob', realm: 'r "x"', nc: '00000001', qop: 'auth', algorithm: 'MD5' },
      }),
    ).toBe('Digest username="bob", realm="r \\"x\\"", nc=00000001, qop=auth, algorithm=MD5');
  });

  it('round-trips through parseCredentials', () => {
    const params = { username: 'a\\b"c', realm: 'é', response: '0123' };
    expect({ ...parseCredentials(formatCredentials({ scheme: 'Digest', params })).params }).toEqual(
      params,
    );
  });

  it('formats a token68 and challenges', () => {
    expect(formatCredentials({ scheme: 'Bearer', params: {}, token68: 'abc=' })).toBe(
      'Bearer abc=',
    );
    expect(
      formatChallenge({ scheme: 'Digest', params: { realm: 'r', stale: 'TRUE', qop: 'auth' } }),
    ).toBe('Digest realm="r", stale=TRUE, qop="auth"');
  });

  it('refuses CR/LF in values and bad names', () => {
    expect(() =>
      formatCredentials({ scheme: 'Digest', params: { username: 'a\r\nX: y' } }),
    ).toThrow(SipSerializeError);
    expect(() => formatCredentials({ scheme: 'Digest', params: { 'a b': 'x' } })).toThrow(
      SipSerializeError,
    );
    expect(() => formatCredentials({ scheme: 'Dig est', params: {} })).toThrow(SipSerializeError);
    expect(() => formatCredentials({ scheme: 'Bearer', params: {}, token68: 'a b' })).toThrow(
      SipSerializeError,
    );
  });
});
