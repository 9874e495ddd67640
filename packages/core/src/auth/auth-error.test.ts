import { afterEach, describe, expect, it, vi } from 'vitest';
import { AuthError, readDigestChallenge } from './index.js';
import { caught } from '../diagnostics/testing/production-build.js';

// A production build folds `DEV ? text : code` to the code (diagnostics/dev-mode.ts): the error
// keeps its class, name and `code`, only the message shortens (docs/errors/auth.md).
afterEach(() => {
  vi.unstubAllEnvs();
  vi.resetModules();
});

const basic = { scheme: 'Basic', params: { realm: 'example.com' } };

describe('AuthError texts', () => {
  it('development: a sentence naming the scheme', () => {
    expect(() => readDigestChallenge(basic)).toThrow(
      expect.objectContaining({
        code: 'unsupported-scheme',
        message: 'unsupported auth scheme "Basic"',
      }),
    );
  });

  it('production: a code with the scheme; class, name and code unchanged', async () => {
    vi.stubEnv('NODE_ENV', 'production');
    vi.resetModules();
    const production = await import('./index.js');
    const error = caught(() => production.readDigestChallenge(basic));
    expect(error).toBeInstanceOf(production.AuthError);
    expect(error).not.toBeInstanceOf(AuthError); // a fresh module graph, as in a production bundle
    expect(error).toMatchObject({
      name: 'AuthError',
      code: 'unsupported-scheme',
      message: 'auth.scheme "Basic"',
    });
    const credentials = (): unknown =>
      new production.DigestCredentials({ username: 'alice', ha1: 'abc', realm: 'r' });
    expect(credentials).toThrow(
      expect.objectContaining({ code: 'invalid-value', message: 'auth.ha1-format SHA-256' }),
    );
  });
});
