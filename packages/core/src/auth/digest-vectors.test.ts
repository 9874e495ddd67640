import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { describeDigestAlgorithm } from './digest-algorithm.js';
import { DigestAuthenticator } from './digest-authenticator.js';
import type { DigestChallengeInput } from './digest-challenge.js';
import { DigestCredentials } from './digest-credentials.js';
import { computeDigestResponse } from './digest-response.js';
import { authorizationFields, digestChallenge } from './testing/challenges.js';

const h = (algorithm: string, text: string | Uint8Array): string =>
  createHash(algorithm).update(text).digest('hex');

describe('RFC 2617 §3.5 example', () => {
  it('produces the published response', async () => {
    const credentials = new DigestCredentials({ username: 'Mufasa', password: 'Circle Of Life' });
    const authenticator = new DigestAuthenticator(credentials, { cnonce: () => '0a4f113b' });
    const header = await authenticator.authorize(
      digestChallenge({
        realm: 'testrealm@host.com',
        qop: 'auth,auth-int',
        nonce: 'dcd98b7102dd2f0e8b11d0f600bfb0c093',
        opaque: '5ccc069c403ebaf9f0171e9517f40e41',
      }),
      { method: 'GET', uri: '/dir/index.html' },
    );
    expect(header).toBe(
      'Digest username="Mufasa", realm="testrealm@host.com", ' +
        'nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", uri="/dir/index.html", ' +
        'response="6629fae49393a05397450978507c4ef1", cnonce="0a4f113b", ' +
        'opaque="5ccc069c403ebaf9f0171e9517f40e41", qop=auth, nc=00000001',
    );
  });

  it('answers without qop in RFC 2069 mode (RFC 2069 §2.4 example)', async () => {
    const credentials = new DigestCredentials({ username: 'Mufasa', password: 'CircleOfLife' });
    const authenticator = new DigestAuthenticator(credentials);
    const header = await authenticator.authorize(
      digestChallenge({
        realm: 'testrealm@host.com',
        nonce: 'dcd98b7102dd2f0e8b11d0f600bfb0c093',
        opaque: '5ccc069c403ebaf9f0171e9517f40e41',
      }),
      { method: 'GET', uri: '/dir/index.html' },
    );
    expect(header).toBe(
      'Digest username="Mufasa", realm="testrealm@host.com", ' +
        'nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", uri="/dir/index.html", ' +
        'response="1949323746fe6a43ef61f9606e7febea", opaque="5ccc069c403ebaf9f0171e9517f40e41"',
    );
  });
});

describe('RFC 7616 §3.9.1 examples', () => {
  const challenge = (algorithm: string): DigestChallengeInput =>
    digestChallenge({
      realm: 'http-auth@example.org',
      qop: 'auth, auth-int',
      algorithm,
      nonce: '7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v',
      opaque: 'FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS',
    });
  const authenticator = (): DigestAuthenticator =>
    new DigestAuthenticator(
      new DigestCredentials({ username: 'Mufasa', password: 'Circle of Life' }),
      { cnonce: () => 'f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ' },
    );
  const request = { method: 'GET', uri: '/dir/index.html' };

  it.each([
    ['MD5', '8ca523f5e9506fed4657c9700eebdbec'],
    ['SHA-256', '753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1'],
  ])('produces the published %s response', async (algorithm, response) => {
    const header = await authenticator().authorize(challenge(algorithm), request);
    expect(authorizationFields(header)).toEqual({
      username: 'Mufasa',
      realm: 'http-auth@example.org',
      uri: '/dir/index.html',
      algorithm,
      nonce: '7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v',
      nc: '00000001',
      cnonce: 'f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ',
      qop: 'auth',
      response,
      opaque: 'FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS',
    });
  });

  it('picks SHA-256 when the server offers SHA-256 then MD5, as in the example', () => {
    const offered = [challenge('SHA-256'), challenge('MD5')];
    expect(authenticator().select(offered)).toEqual([offered[0]]);
    expect(authenticator().select([...offered].reverse())).toEqual([offered[0]]);
  });
});

describe('formulas computed by hand (RFC 7616 §3.4)', () => {
  const base = {
    realm: 'sip.example.com',
    nonce: 'bm9uY2UtdmFsdWU=',
    user: 'alice',
    password: 'pä55"w\\rd',
    method: 'REGISTER',
    uri: 'sip:sip.example.com',
    cnonce: 'c0ffee',
  };

  async function answer(
    algorithm: string,
    qop: string,
    body?: string,
    protectBody?: boolean,
  ): Promise<Record<string, string>> {
    const authenticator = new DigestAuthenticator(
      new DigestCredentials({ username: base.user, password: base.password }),
      { cnonce: () => base.cnonce },
    );
    return authorizationFields(
      await authenticator.authorize(
        digestChallenge({ realm: base.realm, nonce: base.nonce, algorithm, qop }),
        { method: base.method, uri: base.uri, body, protectBody },
      ),
    );
  }

  it.each([
    ['MD5-sess', 'md5'],
    ['SHA-256-sess', 'sha256'],
    ['SHA-512-256', 'sha512-256'],
    ['SHA-512-256-sess', 'sha512-256'],
  ])('%s with qop auth', async (algorithm, node) => {
    const inner = h(node, `${base.user}:${base.realm}:${base.password}`);
    const ha1 = algorithm.endsWith('-sess')
      ? h(node, `${inner}:${base.nonce}:${base.cnonce}`)
      : inner;
    const ha2 = h(node, `${base.method}:${base.uri}`);
    const expected = h(node, `${ha1}:${base.nonce}:00000001:${base.cnonce}:auth:${ha2}`);
    const answered = await answer(algorithm, 'auth');
    expect(answered['response']).toBe(expected);
    expect(answered['algorithm']).toBe(algorithm);
  });

  it('auth-int hashes the entity body: H(method:uri:H(body))', async () => {
    const body = 'v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=é\r\n';
    const ha1 = h('sha256', `${base.user}:${base.realm}:${base.password}`);
    const ha2 = h('sha256', `${base.method}:${base.uri}:${h('sha256', body)}`);
    const expected = h('sha256', `${ha1}:${base.nonce}:00000001:${base.cnonce}:auth-int:${ha2}`);
    const answered = await answer('SHA-256', 'auth-int', body);
    expect(answered['qop']).toBe('auth-int');
    expect(answered['response']).toBe(expected);
    // Offered both: auth unless the caller asks to protect the body.
    expect((await answer('SHA-256', 'auth,auth-int', body))['qop']).toBe('auth');
    const both = await answer('SHA-256', 'auth,auth-int', body, true);
    expect(both).toMatchObject({ qop: 'auth-int', response: expected });
  });

  it('auth-int without a body hashes the empty body', async () => {
    const ha1 = h('md5', `${base.user}:${base.realm}:${base.password}`);
    const ha2 = h('md5', `${base.method}:${base.uri}:${h('md5', '')}`);
    const expected = h('md5', `${ha1}:${base.nonce}:00000001:${base.cnonce}:auth-int:${ha2}`);
    expect((await answer('MD5', 'auth-int'))['response']).toBe(expected);
  });

  it('auth-int hashes a binary body as bytes', async () => {
    const body = Uint8Array.from([0, 255, 13, 10, 128]);
    const md5 = describeDigestAlgorithm('MD5');
    if (md5 === undefined) throw new Error('MD5 missing');
    const response = await computeDigestResponse({
      algorithm: md5,
      ha1: 'a'.repeat(32),
      nonce: 'n',
      method: 'MESSAGE',
      uri: 'sip:bob@example.com',
      qop: 'auth-int',
      nc: '00000001',
      cnonce: 'c',
      body,
    });
    const ha2 = h('md5', `MESSAGE:sip:bob@example.com:${h('md5', body)}`);
    expect(response).toBe(h('md5', `${'a'.repeat(32)}:n:00000001:c:auth-int:${ha2}`));
  });

  it('userhash: username = H(username:realm), HA1 still uses the plain username (RFC 7616 §3.4.4)', async () => {
    const authenticator = new DigestAuthenticator(
      new DigestCredentials({ username: 'Jäsøn Doe', password: 'Secret, or not?' }),
      { cnonce: () => base.cnonce },
    );
    const header = await authenticator.authorize(
      digestChallenge({
        realm: 'api@example.org',
        nonce: base.nonce,
        algorithm: 'SHA-512-256',
        qop: 'auth',
        userhash: 'true',
      }),
      { method: 'GET', uri: '/doe.json' },
    );
    const answered = authorizationFields(header);
    expect(answered['username']).toBe(h('sha512-256', 'Jäsøn Doe:api@example.org'));
    expect(answered['userhash']).toBe('true');
    const ha1 = h('sha512-256', 'Jäsøn Doe:api@example.org:Secret, or not?');
    const ha2 = h('sha512-256', 'GET:/doe.json');
    expect(answered['response']).toBe(
      h('sha512-256', `${ha1}:${base.nonce}:00000001:${base.cnonce}:auth:${ha2}`),
    );
  });
});
