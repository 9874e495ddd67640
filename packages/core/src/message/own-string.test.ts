import { describe, expect, it } from 'vitest';
import { ownString } from './own-string.js';

describe('ownString', () => {
  it('returns an equal string, short or long, with any characters', () => {
    for (const value of ['', 'abc', 'z9hG4bK-0123456789abcdef', 'ünï "quoted" \\ \r\n\t\u0000 ☎']) {
      expect(ownString(value)).toBe(value);
    }
  });

  it('copies a long substring out of its message', () => {
    const message = `SIP/2.0 200 OK\r\nCall-ID: ${'a'.repeat(40)}\r\n\r\n`;
    const callId = message.slice(25, 65);
    expect(ownString(callId)).toBe('a'.repeat(40));
  });
});
