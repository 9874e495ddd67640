import { describe, expect, it } from 'vitest';
import { describeDigestAlgorithm, isDigestAlgorithmSupported } from './digest-algorithm.js';
import { readDigestChallenge, selectDigestChallenges } from './digest-challenge.js';

describe('describeDigestAlgorithm', () => {
  it('knows the six registered algorithms in any case, MD5 by default', () => {
    expect(describeDigestAlgorithm(undefined)).toEqual({
      name: 'MD5',
      hash: 'MD5',
      session: false,
      strength: 1,
    });
    expect(describeDigestAlgorithm('sha-256-SESS')).toEqual({
      name: 'SHA-256-sess',
      hash: 'SHA-256',
      session: true,
      strength: 2,
    });
    expect(describeDigestAlgorithm('SHA-512-256')?.strength).toBe(3);
    expect(describeDigestAlgorithm('SHA-512-256-sess')?.hash).toBe('SHA-512-256');
    expect(describeDigestAlgorithm('MD5-sess')?.session).toBe(true);
    expect(describeDigestAlgorithm('SHA-1')).toBeUndefined();
    expect(describeDigestAlgorithm('SHA-512/256')).toBeUndefined();
  });

  it('reports support', () => {
    expect(isDigestAlgorithmSupported('md5')).toBe(true);
    expect(isDigestAlgorithmSupported('SHA-256')).toBe(true); // Node 20 has Web Crypto
    expect(isDigestAlgorithmSupported('SHA-512-256-sess')).toBe(true);
    expect(isDigestAlgorithmSupported('SHA-1')).toBe(false);
  });
});

describe('readDigestChallenge', () => {
  it('interprets every parameter', () => {
    expect(
      readDigestChallenge({
        scheme: 'digest',
        params: {
          realm: 'example.com',
          nonce: 'abc',
          opaque: 'xyz',
          algorithm: 'sha-256',
          qop: ' Auth , auth-int ,',
          stale: 'TRUE',
          userhash: 'false',
          domain: 'sip:example.com',
        },
      }),
    ).toEqual({
      realm: 'example.com',
      nonce: 'abc',
      opaque: 'xyz',
      algorithm: describeDigestAlgorithm('SHA-256'),
      algorithmToken: 'sha-256',
      qop: ['auth', 'auth-int'],
      stale: true,
      userhash: false,
    });
  });

  it('treats a missing or empty qop as RFC 2069 mode', () => {
    const read = (qop?: string): readonly string[] | undefined =>
      readDigestChallenge({
        scheme: 'Digest',
        params: qop === undefined ? { realm: 'r', nonce: 'n' } : { realm: 'r', nonce: 'n', qop },
      }).qop;
    expect(read()).toBeUndefined();
    expect(read('')).toBeUndefined();
    expect(read(' , ')).toBeUndefined();
  });

  it('shortens long server values in error messages', () => {
    expect(() =>
      readDigestChallenge({
        scheme: 'Digest',
        params: { realm: 'r', nonce: 'n', algorithm: 'X'.repeat(500) },
      }),
    ).toThrow(`unsupported digest algorithm "${'X'.repeat(40)}…"`);
  });
});

describe('selectDigestChallenges', () => {
  it('keeps the first of equally strong challenges', () => {
    const a = { scheme: 'Digest', params: { realm: 'r', nonce: 'a', algorithm: 'MD5' } };
    const b = { scheme: 'Digest', params: { realm: 'r', nonce: 'b' } };
    expect(selectDigestChallenges([a, b])).toEqual([a]);
    expect(selectDigestChallenges([b, a])).toEqual([b]);
  });
});
