import { describe, expect, it } from 'vitest';
import { DigestAuthenticator } from './digest-authenticator.js';
import { DigestCredentials } from './digest-credentials.js';
import {
  REDACTED,
  redactAuthorization,
  redactHeader,
  redactHeaderEntries,
  redactSipMessage,
} from './redact.js';

describe('redactAuthorization', () => {
  it('keeps Digest parameters but the response', () => {
    expect(
      redactAuthorization(
        'Digest username="Mufasa", realm="testrealm@host.com", nonce="dcd98b", uri="/dir/index.html", ' +
          'qop=auth, nc=00000001, cnonce="0a4f113b", response="6629fae49393a05397450978507c4ef1", opaque="5ccc"',
      ),
    ).toBe(
      'Digest username="Mufasa", realm="testrealm@host.com", nonce="dcd98b", uri="/dir/index.html", ' +
        'qop=auth, nc=00000001, cnonce="0a4f113b", response="<redacted>", opaque="5ccc"',
    );
  });

  it('redacts an unquoted or oddly cased response', () => {
    expect(redactAuthorization('digest RESPONSE=abcdef,username="a"')).toBe(
      'digest RESPONSE="<redacted>", username="a"',
    );
  });

  it('is not fooled by response= inside another quoted value', () => {
    const redacted = redactAuthorization(
      'Digest username="x, response=\\"decoy\\"", response="0123456789abcdef"',
    );
    expect(redacted).not.toContain('0123456789abcdef');
    expect(redacted).toContain('username="x, response=\\"decoy\\""');
  });

  it('reduces other schemes and anything unparsable to the scheme alone', () => {
    expect(redactAuthorization('Bearer eyJhbGciOiJIUzI1NiJ9.e30.sig')).toBe('Bearer <redacted>');
    expect(redactAuthorization('Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==')).toBe('Basic <redacted>');
    expect(redactAuthorization('Digest response="abc')).toBe('Digest <redacted>');
    expect(redactAuthorization('Digest garbage response=abc "')).toBe('Digest <redacted>');
    expect(redactAuthorization('')).toBe(REDACTED);
    expect(redactAuthorization('"quoted secret"')).toBe(REDACTED);
  });

  it('redacts headers emitted by the authenticator', async () => {
    const authenticator = new DigestAuthenticator(
      new DigestCredentials({ username: 'alice', password: 'pw' }),
    );
    const header = await authenticator.authorize(
      { scheme: 'Digest', params: { realm: 'r', nonce: 'n', qop: 'auth', opaque: 'o' } },
      { method: 'REGISTER', uri: 'sip:r' },
    );
    const response = /response="([0-9a-f]+)"/.exec(header)?.[1] ?? 'missing';
    const redacted = redactAuthorization(header);
    expect(redacted).not.toContain(response);
    expect(redacted).toBe(header.replace(response, REDACTED));
  });
});

describe('redactHeader', () => {
  it('redacts Authorization and Proxy-Authorization in any case, nothing else', () => {
    expect(redactHeader('authorization', 'Bearer abc')).toBe('Bearer <redacted>');
    expect(redactHeader('PROXY-AUTHORIZATION', 'Digest response="abc"')).toBe(
      'Digest response="<redacted>"',
    );
    expect(redactHeader('WWW-Authenticate', 'Digest realm="r", nonce="n"')).toBe(
      'Digest realm="r", nonce="n"',
    );
  });
});

describe('redactHeaderEntries', () => {
  it('redacts credentials values of outgoing header entries and keeps the rest', () => {
    expect(
      redactHeaderEntries([
        ['Via', 'SIP/2.0/WSS a.invalid'],
        ['authorization', 'Bearer eyJ.secret.token'],
        ['Proxy-Authorization', 'Digest username="a", response="abc"'],
      ]),
    ).toEqual([
      ['Via', 'SIP/2.0/WSS a.invalid'],
      ['authorization', `Bearer ${REDACTED}`],
      ['Proxy-Authorization', `Digest username="a", response="${REDACTED}"`],
    ]);
  });
});

describe('redactSipMessage', () => {
  it('redacts credentials headers, folded lines included, and leaves the body alone', () => {
    const message = [
      'REGISTER sip:example.com SIP/2.0',
      'Via: SIP/2.0/WSS client.invalid;branch=z9hG4bK1',
      'Authorization: Digest username="alice", realm="example.com",',
      '  response="0123456789abcdef0123456789abcdef"',
      'proxy-authorization : Bearer eyJ.secret.jwt',
      'Content-Length: 28',
      '',
      'Authorization: Bearer inbody',
    ].join('\r\n');
    expect(redactSipMessage(message)).toBe(
      [
        'REGISTER sip:example.com SIP/2.0',
        'Via: SIP/2.0/WSS client.invalid;branch=z9hG4bK1',
        'Authorization: Digest username="alice", realm="example.com", response="<redacted>"',
        'proxy-authorization: Bearer <redacted>',
        'Content-Length: 28',
        '',
        'Authorization: Bearer inbody',
      ].join('\r\n'),
    );
  });

  it('keeps LF-only messages LF-only', () => {
    expect(redactSipMessage('OPTIONS sip:a SIP/2.0\nAuthorization: Bearer x\n\n')).toBe(
      'OPTIONS sip:a SIP/2.0\nAuthorization: Bearer <redacted>\n\n',
    );
  });
});
