import { describe, expect, it } from 'vitest';
import { AuthError } from './auth-error.js';
import { BearerCredentials } from './bearer.js';

const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJl-_~+/=';

describe('BearerCredentials', () => {
  it('builds Authorization: Bearer <token> (RFC 8898 §2.1)', () => {
    const bearer = new BearerCredentials(JWT);
    expect(bearer.headerName).toBe('Authorization');
    expect(bearer.header()).toBe(`Bearer ${JWT}`);
  });

  it('updates the token at runtime', () => {
    const bearer = new BearerCredentials(JWT);
    bearer.update('bmV3LXRva2Vu');
    expect(bearer.header()).toBe('Bearer bmV3LXRva2Vu');
  });

  it('rejects tokens that are not RFC 6750 b64tokens and keeps the old one', () => {
    const bearer = new BearerCredentials(JWT);
    for (const bad of ['', 'two words', 'line\r\nbreak', 'a=b', 'quote"d']) {
      expect(() => bearer.update(bad)).toThrow(AuthError);
      expect(() => new BearerCredentials(bad)).toThrow(
        'bearer token must be a non-empty RFC 6750 b64token',
      );
    }
    expect(bearer.header()).toBe(`Bearer ${JWT}`);
  });
});
