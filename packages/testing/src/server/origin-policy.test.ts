import { describe, expect, it } from 'vitest';
import { isAllowedOrigin } from './origin-policy.js';

describe('isAllowedOrigin', () => {
  it('lets non-browser clients and loopback pages in, on any port', () => {
    for (const origin of [
      undefined,
      'http://127.0.0.1:5173',
      'http://localhost:5173',
      'https://localhost',
      'http://[::1]:4173',
      'HTTP://LOCALHOST:5173',
    ]) {
      expect(isAllowedOrigin(origin, []), String(origin)).toBe(true);
    }
  });

  it('refuses every other page, look-alikes and null included', () => {
    for (const origin of [
      'https://evil.example',
      'http://127.0.0.1.evil.example',
      'http://localhost.evil.example:5173',
      'http://evil.example/?http://localhost',
      'null',
      'file://',
      'chrome-extension://abc',
      'ws://localhost:5062',
      '',
    ]) {
      expect(isAllowedOrigin(origin, []), origin).toBe(false);
    }
  });

  it('adds configured origins (exact, case-insensitive) and * for any', () => {
    const lan = ['http://192.168.1.5:5173'];
    expect(isAllowedOrigin('http://192.168.1.5:5173', lan)).toBe(true);
    expect(isAllowedOrigin('http://192.168.1.5:5174', lan)).toBe(false);
    expect(isAllowedOrigin('http://localhost:5173', lan)).toBe(true);
    expect(isAllowedOrigin('https://evil.example', ['*'])).toBe(true);
    expect(isAllowedOrigin('null', ['*'])).toBe(true);
  });
});
