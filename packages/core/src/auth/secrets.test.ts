import { createHash } from 'node:crypto';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { BearerCredentials } from './bearer.js';
import { DigestAuthenticator } from './digest-authenticator.js';
import type { DigestChallengeInput } from './digest-challenge.js';
import { DigestCredentials } from './digest-credentials.js';

const PASSWORD = 'pa55-Wörd-Sekr1t';
const REALM = 'example.com';
const HA1 = createHash('md5').update(`alice:${REALM}:${PASSWORD}`).digest('hex');
const SHA_HA1 = createHash('sha256').update(`alice:${REALM}:${PASSWORD}`).digest('hex');
const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.U2VrcjF0U2lnbmF0dXJl';
const SECRETS = [PASSWORD, HA1, HA1.toUpperCase(), SHA_HA1, JWT];

const challenge = (params: Record<string, string>): DigestChallengeInput => ({
  scheme: 'Digest',
  params: { realm: REALM, nonce: 'n', qop: 'auth', ...params },
});

/** Every way a credentials object commonly ends up in a log. */
function renderings(value: object): string[] {
  return [
    JSON.stringify(value),
    JSON.stringify({ nested: { value } }),
    String(value),
    `${String(value)}`,
    inspect(value),
    inspect({ nested: [value] }, { depth: 10, showHidden: true }),
    inspect(value, { customInspect: true, getters: true }),
    JSON.stringify({ ...value }),
    Object.keys(value).join(','),
  ];
}

function expectNoSecret(texts: readonly string[]): void {
  for (const text of texts) {
    for (const secret of SECRETS) expect(text).not.toContain(secret);
  }
}

async function thrown(action: () => unknown): Promise<Error> {
  try {
    await action();
  } catch (error) {
    if (error instanceof Error) return error;
    throw new Error('threw a non-Error', { cause: error });
  }
  throw new Error('did not throw');
}

describe('secrets stay out of logs', () => {
  it('DigestCredentials with a password, before and after use', async () => {
    const credentials = new DigestCredentials({ username: 'alice', password: PASSWORD });
    expectNoSecret(renderings(credentials));
    expect(String(credentials)).toBe(
      'DigestCredentials {"username":"alice","password":"<redacted>","ha1":[]}',
    );
    await new DigestAuthenticator(credentials).authorize(challenge({}), {
      method: 'REGISTER',
      uri: 'sip:example.com',
    });
    credentials.forgetPassword();
    expectNoSecret(renderings(credentials));
    expect(inspect(credentials)).toContain('"algorithm":"MD5"');
  });

  it('DigestCredentials with an HA1', () => {
    const credentials = new DigestCredentials({ username: 'alice', ha1: HA1, realm: REALM });
    expectNoSecret(renderings(credentials));
    expect(JSON.stringify(credentials)).toBe(
      '{"username":"alice","password":null,"ha1":[{"algorithm":"MD5","realm":"example.com","ha1":"<redacted>"}]}',
    );
  });

  it('DigestAuthenticator, which holds the credentials', () => {
    const authenticator = new DigestAuthenticator(
      new DigestCredentials({ username: 'alice', password: PASSWORD, ha1: HA1, realm: REALM }),
    );
    expectNoSecret(renderings(authenticator));
  });

  it('BearerCredentials, before and after update', () => {
    const bearer = new BearerCredentials(JWT);
    expectNoSecret(renderings(bearer));
    expect(inspect(bearer)).toBe('BearerCredentials {"token":"<redacted>"}');
    bearer.update(`${JWT}x`);
    expectNoSecret(renderings(bearer));
  });

  it('no thrown error carries a secret in its message or stack', async () => {
    const withHa1 = new DigestCredentials({ username: 'alice', ha1: HA1, realm: REALM });
    const withPassword = new DigestCredentials({ username: 'alice', password: PASSWORD });
    const request = { method: 'REGISTER', uri: 'sip:example.com' };
    const errors = await Promise.all([
      thrown(() =>
        new DigestAuthenticator(withHa1).authorize(challenge({ algorithm: 'SHA-256' }), request),
      ),
      thrown(() =>
        new DigestAuthenticator(withHa1).authorize(challenge({ realm: 'other' }), request),
      ),
      thrown(() => new DigestAuthenticator(withHa1).select([challenge({ algorithm: 'SHA-256' })])),
      thrown(() =>
        new DigestAuthenticator(withPassword).authorize(challenge({ qop: 'auth-conf' }), request),
      ),
      thrown(() =>
        new DigestAuthenticator(withPassword).authorize(
          challenge({ nonce: `${PASSWORD}\r\n` }),
          request,
        ),
      ),
      thrown(() => new DigestCredentials({ username: 'alice', ha1: HA1 })),
      thrown(() => new DigestCredentials({ username: 'alice', ha1: `${HA1}00`, realm: REALM })),
      thrown(
        () =>
          new DigestCredentials({
            username: 'alice',
            ha1: HA1,
            realm: REALM,
            ha1Algorithm: 'SHA-256',
          }),
      ),
      thrown(
        () =>
          new DigestCredentials({
            username: 'alice',
            ha1: SHA_HA1,
            realm: REALM,
            ha1Algorithm: 'MD5',
          }),
      ),
      thrown(() => new BearerCredentials(`${JWT} `)),
      thrown(() => new BearerCredentials(JWT).update(`${JWT}\r\n`)),
    ]);
    for (const error of errors) {
      expectNoSecret([error.message, error.stack ?? '', inspect(error), JSON.stringify(error)]);
    }
  });
});
