import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AuthError } from './auth-error.js';
import { authorizationHeaderName, challengeHeaderName } from './authorization-header-name.js';
import { DigestAuthenticator } from './digest-authenticator.js';
import type { DigestChallengeInput } from './digest-challenge.js';
import { DigestCredentials } from './digest-credentials.js';
import { authorizationFields, digestChallenge } from './testing/challenges.js';

const md5 = (text: string): string => createHash('md5').update(text).digest('hex');
const REALM = 'example.com';
const register = { method: 'REGISTER', uri: 'sip:example.com' };
const challenge = (nonce: string, extra: Record<string, string> = {}): DigestChallengeInput =>
  digestChallenge({ realm: REALM, nonce, qop: 'auth', ...extra });
const alice = (): DigestCredentials =>
  new DigestCredentials({ username: 'alice', password: 'wonderland' });

/** Expected MD5 qop=auth response for alice, to check a header end to end. */
function expectedResponse(password: string, nonce: string, nc: string, cnonce: string): string {
  const ha1 = md5(`alice:${REALM}:${password}`);
  const ha2 = md5(`${register.method}:${register.uri}`);
  return md5(`${ha1}:${nonce}:${nc}:${cnonce}:auth:${ha2}`);
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('nonce count and cnonce', () => {
  it('counts 00000001, 00000002 with the same nonce and restarts on a new nonce', async () => {
    const authenticator = new DigestAuthenticator(alice());
    const nc = async (nonce: string): Promise<string | undefined> =>
      authorizationFields(await authenticator.authorize(challenge(nonce), register))['nc'];
    expect(await nc('n1')).toBe('00000001');
    expect(await nc('n1')).toBe('00000002');
    expect(await nc('n1')).toBe('00000003');
    expect(await nc('n2')).toBe('00000001');
    expect(await nc('n2')).toBe('00000002');
  });

  it('writes nc as 8 hex digits', async () => {
    const authenticator = new DigestAuthenticator(alice());
    let last = '';
    for (let i = 0; i < 26; i++) last = await authenticator.authorize(challenge('n'), register);
    expect(authorizationFields(last)['nc']).toBe('0000001a');
  });

  it('never gives two concurrent requests the same nc', async () => {
    const authenticator = new DigestAuthenticator(alice());
    const headers = await Promise.all(
      [1, 2, 3].map(() => authenticator.authorize(challenge('n'), register)),
    );
    expect(headers.map((header) => authorizationFields(header)['nc']).sort()).toEqual([
      '00000001',
      '00000002',
      '00000003',
    ]);
  });

  it('uses a fresh random cnonce each time, and the response matches it', async () => {
    const authenticator = new DigestAuthenticator(alice());
    const seen = new Set<string>();
    for (let i = 1; i <= 20; i++) {
      const answered = authorizationFields(await authenticator.authorize(challenge('n'), register));
      const cnonce = answered['cnonce'] ?? '';
      expect(cnonce).toMatch(/^[0-9a-f]{32}$/);
      seen.add(cnonce);
      const nc = i.toString(16).padStart(8, '0');
      expect(answered['response']).toBe(expectedResponse('wonderland', 'n', nc, cnonce));
    }
    expect(seen.size).toBe(20);
  });

  it('reports a clear error when crypto.getRandomValues is missing', async () => {
    vi.stubGlobal('crypto', undefined);
    const authenticator = new DigestAuthenticator(alice());
    await expect(authenticator.authorize(challenge('n'), register)).rejects.toMatchObject({
      code: 'crypto-unavailable',
    });
  });
});

describe('echoed and emitted parameters', () => {
  it('echoes opaque and the algorithm exactly as the server wrote it', async () => {
    const authenticator = new DigestAuthenticator(alice(), { cnonce: () => 'c' });
    const answered = authorizationFields(
      await authenticator.authorize(
        challenge('n', { algorithm: 'md5', opaque: 'op/aq=ue' }),
        register,
      ),
    );
    expect(answered['algorithm']).toBe('md5');
    expect(answered['opaque']).toBe('op/aq=ue');
    expect(answered['response']).toBe(expectedResponse('wonderland', 'n', '00000001', 'c'));
  });

  it('omits algorithm and opaque when the challenge has none', async () => {
    const header = await new DigestAuthenticator(alice()).authorize(challenge('n'), register);
    expect(header).not.toMatch(/algorithm=|opaque=/);
  });

  it('quotes and escapes per RFC 7616 §3.4, with qop, nc and algorithm unquoted', async () => {
    const credentials = new DigestCredentials({ username: 'al"i\\ce', password: 'p' });
    const header = await new DigestAuthenticator(credentials, { cnonce: () => 'c"n' }).authorize(
      digestChallenge({
        realm: 're"al\\m',
        nonce: 'no"nce',
        qop: 'auth',
        algorithm: 'MD5',
        opaque: 'o\\',
      }),
      { method: 'INVITE', uri: 'sip:bob@example.com;transport=ws' },
    );
    expect(header).toMatch(
      /^Digest username="al\\"i\\\\ce", realm="re\\"al\\\\m", nonce="no\\"nce", /,
    );
    expect(header).toContain('uri="sip:bob@example.com;transport=ws"');
    expect(header).toContain('cnonce="c\\"n"');
    expect(header).toContain('opaque="o\\\\"');
    expect(header).toMatch(/, algorithm=MD5(,|$)/);
    expect(header).toMatch(/, qop=auth(,|$)/);
    expect(header).toMatch(/, nc=00000001(,|$)/);
    expect(header).toMatch(/response="[0-9a-f]{32}"/);
  });

  it('refuses values that would inject header lines', async () => {
    const authenticator = new DigestAuthenticator(alice());
    await expect(
      authenticator.authorize(challenge('n\r\nVia: evil'), register),
    ).rejects.toMatchObject({
      code: 'invalid-value',
      message: 'nonce contains a control character',
    });
    await expect(
      authenticator.authorize(challenge('n', { algorithm: 'MD5', opaque: 'x\ny' }), register),
    ).rejects.toMatchObject({ code: 'invalid-value' });
  });
});

describe('qop choice', () => {
  const qop = async (
    offered: string | undefined,
    protectBody?: boolean,
  ): Promise<string | undefined> => {
    const params: Record<string, string> = { realm: REALM, nonce: 'n' };
    if (offered !== undefined) params['qop'] = offered;
    const header = await new DigestAuthenticator(alice()).authorize(digestChallenge(params), {
      ...register,
      body: 'hello',
      protectBody,
    });
    return authorizationFields(header)['qop'];
  };

  it('prefers auth when both are offered, auth-int only when asked', async () => {
    expect(await qop('auth,auth-int')).toBe('auth');
    expect(await qop('auth-int, auth')).toBe('auth');
    expect(await qop('auth,auth-int', true)).toBe('auth-int');
  });

  it('honours a lone auth-int, or a lone auth even when asked to protect the body', async () => {
    expect(await qop('auth-int')).toBe('auth-int');
    expect(await qop('auth', true)).toBe('auth');
    expect(await qop('AUTH')).toBe('auth');
  });

  it('sends no qop, nc or cnonce when the server offers none (RFC 2069)', async () => {
    const header = await new DigestAuthenticator(alice()).authorize(
      digestChallenge({ realm: REALM, nonce: 'n' }),
      register,
    );
    expect(header).not.toMatch(/qop=|nc=|cnonce=/);
  });

  it('rejects a qop list without auth or auth-int', async () => {
    await expect(qop('auth-conf')).rejects.toMatchObject({ code: 'unsupported-qop' });
  });

  it('rejects a -sess algorithm without qop (no cnonce to bind)', async () => {
    await expect(
      new DigestAuthenticator(alice()).authorize(
        digestChallenge({ realm: REALM, nonce: 'n', algorithm: 'MD5-sess' }),
        register,
      ),
    ).rejects.toMatchObject({ code: 'invalid-challenge' });
  });
});

describe('challenge reading errors', () => {
  const authorize = (input: DigestChallengeInput): Promise<string> =>
    new DigestAuthenticator(alice()).authorize(input, register);

  it('rejects non-Digest schemes, missing realm or nonce, unknown algorithms', async () => {
    await expect(authorize(digestChallenge({ realm: REALM }, 'Basic'))).rejects.toMatchObject({
      code: 'unsupported-scheme',
    });
    await expect(authorize(digestChallenge({ nonce: 'n' }))).rejects.toMatchObject({
      code: 'invalid-challenge',
    });
    await expect(authorize(digestChallenge({ realm: REALM }))).rejects.toMatchObject({
      code: 'invalid-challenge',
    });
    await expect(authorize(challenge('n', { algorithm: 'SHA-1' }))).rejects.toThrow(
      'unsupported digest algorithm "SHA-1"',
    );
  });

  it('accepts the scheme in any case', async () => {
    await expect(
      authorize(digestChallenge({ realm: REALM, nonce: 'n' }, 'DIGEST')),
    ).resolves.toMatch(/^Digest /);
  });

  it('reports SHA-256 as unsupported when Web Crypto is missing, and falls back to MD5', async () => {
    vi.stubGlobal('crypto', {
      getRandomValues: globalThis.crypto.getRandomValues.bind(globalThis.crypto),
    });
    const sha = challenge('n', { algorithm: 'SHA-256' });
    const md = challenge('n', { algorithm: 'MD5' });
    await expect(authorize(sha)).rejects.toMatchObject({
      code: 'unsupported-algorithm',
      message: expect.stringContaining('SHA-256') as unknown,
    });
    expect(new DigestAuthenticator(alice()).select([sha, md])).toEqual([md]);
    // SHA-512-256 is built in, so it stays available.
    await expect(authorize(challenge('n', { algorithm: 'SHA-512-256' }))).resolves.toMatch(
      /algorithm=SHA-512-256/,
    );
  });
});

describe('choosing among several challenges', () => {
  const md = challenge('n1', { algorithm: 'MD5' });
  const sha = challenge('n2', { algorithm: 'SHA-256' });
  const sha512 = challenge('n3', { algorithm: 'SHA-512-256' });
  const unknown = challenge('n4', { algorithm: 'SHA-1' });
  const basic = digestChallenge({ realm: REALM }, 'Basic');

  it('picks the strongest supported algorithm per realm, skipping what it cannot use', () => {
    const authenticator = new DigestAuthenticator(alice());
    expect(authenticator.select([basic, md, unknown, sha, sha512])).toEqual([sha512]);
    expect(authenticator.select([md, sha])).toEqual([sha]);
    expect(authenticator.select([md, challenge('n5', { algorithm: 'MD5-sess' })])).toEqual([md]);
  });

  it('can follow the server order instead (RFC 8760 §2.4)', () => {
    const authenticator = new DigestAuthenticator(alice(), { prefer: 'first' });
    expect(authenticator.select([unknown, md, sha512])).toEqual([md]);
  });

  it('answers each realm once when a forking proxy aggregates challenges', () => {
    const other = digestChallenge({ realm: 'proxy.example.net', nonce: 'p', algorithm: 'SHA-256' });
    expect(new DigestAuthenticator(alice()).select([md, other, sha])).toEqual([sha, other]);
  });

  it('prefers what a stored HA1 can answer', () => {
    const credentials = new DigestCredentials({
      username: 'alice',
      ha1: md5(`alice:${REALM}:wonderland`),
      realm: REALM,
    });
    expect(new DigestAuthenticator(credentials).select([sha512, sha, md])).toEqual([md]);
  });

  it('throws the first reason when nothing can be answered', () => {
    const authenticator = new DigestAuthenticator(alice());
    expect(() => authenticator.select([basic, unknown])).toThrow(AuthError);
    expect(() => authenticator.select([unknown, basic])).toThrow('unsupported digest algorithm');
    expect(() => authenticator.select([])).toThrow('no Digest challenge');
  });
});

describe('HA1 credentials', () => {
  const ha1 = md5(`alice:${REALM}:wonderland`);

  it('answers with ha1 + realm and no password, identically to the password', async () => {
    const fromHa1 = new DigestCredentials({ username: 'alice', ha1, realm: REALM });
    const header = await new DigestAuthenticator(fromHa1, { cnonce: () => 'c' }).authorize(
      challenge('n'),
      register,
    );
    expect(authorizationFields(header)['response']).toBe(
      expectedResponse('wonderland', 'n', '00000001', 'c'),
    );
  });

  it('accepts an uppercase HA1', async () => {
    const upper = new DigestCredentials({
      username: 'alice',
      ha1: ha1.toUpperCase(),
      realm: REALM,
    });
    const header = await new DigestAuthenticator(upper, { cnonce: () => 'c' }).authorize(
      challenge('n'),
      register,
    );
    expect(authorizationFields(header)['response']).toBe(
      expectedResponse('wonderland', 'n', '00000001', 'c'),
    );
  });

  it('refuses a challenge for another algorithm or realm with a clear error', async () => {
    const credentials = new DigestCredentials({ username: 'alice', ha1, realm: REALM });
    const authenticator = new DigestAuthenticator(credentials);
    await expect(
      authenticator.authorize(challenge('n', { algorithm: 'SHA-256' }), register),
    ).rejects.toThrow(
      'cannot answer a SHA-256 challenge for realm "example.com": no password, and the stored HA1 is for MD5 in realm "example.com"',
    );
    await expect(
      authenticator.authorize(digestChallenge({ realm: 'other.org', nonce: 'n' }), register),
    ).rejects.toMatchObject({ code: 'ha1-mismatch' });
  });

  it('lets an MD5 HA1 answer MD5-sess (same hash, session key derived from it)', async () => {
    const credentials = new DigestCredentials({ username: 'alice', ha1, realm: REALM });
    const header = await new DigestAuthenticator(credentials, { cnonce: () => 'c' }).authorize(
      challenge('n', { algorithm: 'MD5-sess' }),
      register,
    );
    const session = md5(`${ha1}:n:c`);
    const ha2 = md5(`${register.method}:${register.uri}`);
    expect(authorizationFields(header)['response']).toBe(
      md5(`${session}:n:00000001:c:auth:${ha2}`),
    );
  });

  it('validates the HA1 shape and needs a realm', () => {
    expect(() => new DigestCredentials({ username: 'a', ha1 })).toThrow('ha1 needs realm');
    expect(() => new DigestCredentials({ username: 'a', ha1: 'xyz', realm: REALM })).toThrow(
      AuthError,
    );
    expect(
      () => new DigestCredentials({ username: 'a', ha1, realm: REALM, ha1Algorithm: 'SHA-256' }),
    ).toThrow('ha1 for SHA-256 must be 64 hexadecimal digits');
    expect(() => new DigestCredentials({ username: 'a' })).toThrow('need a password or an ha1');
  });

  it('uses a 64-digit HA1 for SHA-256 by default, or SHA-512-256 when told', async () => {
    const sha256Ha1 = createHash('sha256').update(`alice:${REALM}:wonderland`).digest('hex');
    const credentials = new DigestCredentials({ username: 'alice', ha1: sha256Ha1, realm: REALM });
    const authenticator = new DigestAuthenticator(credentials);
    await expect(
      authenticator.authorize(challenge('n', { algorithm: 'SHA-256' }), register),
    ).resolves.toMatch(/^Digest /);
    await expect(
      authenticator.authorize(challenge('n', { algorithm: 'SHA-512-256' }), register),
    ).rejects.toMatchObject({ code: 'ha1-mismatch' });
  });
});

describe('forgetting the password after success', () => {
  it('keeps answering from the HA1 computed for that algorithm and realm', async () => {
    const credentials = alice();
    const authenticator = new DigestAuthenticator(credentials, { cnonce: () => 'c' });
    expect(credentials.forgetPassword()).toBe(false); // nothing computed yet: keep it
    expect(credentials.hasPassword).toBe(true);
    await authenticator.authorize(challenge('n1'), register);
    authenticator.succeeded();
    expect(credentials.forgetPassword()).toBe(true);
    expect(credentials.hasPassword).toBe(false);
    const header = await authenticator.authorize(challenge('n2'), register);
    expect(authorizationFields(header)['response']).toBe(
      expectedResponse('wonderland', 'n2', '00000001', 'c'),
    );
    await expect(
      authenticator.authorize(challenge('n3', { algorithm: 'SHA-256' }), register),
    ).rejects.toMatchObject({ code: 'ha1-mismatch' });
    expect(JSON.stringify(credentials)).toBe(
      '{"username":"alice","password":null,"ha1":[{"algorithm":"MD5","realm":"example.com","ha1":"<redacted>"}]}',
    );
  });
});

describe('header names', () => {
  it('answers 401 in Authorization and 407 in Proxy-Authorization', () => {
    expect(authorizationHeaderName(401)).toBe('Authorization');
    expect(authorizationHeaderName(407)).toBe('Proxy-Authorization');
    expect(challengeHeaderName(401)).toBe('WWW-Authenticate');
    expect(challengeHeaderName(407)).toBe('Proxy-Authenticate');
  });
});
