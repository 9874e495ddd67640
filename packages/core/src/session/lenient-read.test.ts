import { describe, expect, it } from 'vitest';
import { parseNameAddr } from '../message/index.js';
import { lenient, lenientHeader, listsOptionTag } from './lenient-read.js';
import { inviteResponse } from './testing/invite-response.js';

describe('lenient reads: a malformed header reads as absent, other errors are thrown', () => {
  it('lenient returns the value, undefined for a SipParseError, and rethrows anything else', () => {
    expect(lenient(() => parseNameAddr('"Bob" <sip:bob@x>').displayName)).toBe('Bob');
    expect(lenient(() => parseNameAddr('<sip:bob@x').displayName)).toBeUndefined();
    expect(() =>
      lenient(() => {
        throw new TypeError('a bug, not a header');
      }),
    ).toThrow(TypeError);
  });

  it('lenientHeader reads a typed header; malformed or absent is undefined', () => {
    expect(
      lenientHeader(inviteResponse(200, 'Session-Expires: 90;refresher=uas'), 'session-expires'),
    ).toEqual(expect.objectContaining({ delta: 90, refresher: 'uas' }));
    expect(
      lenientHeader(inviteResponse(200, 'Session-Expires: soon'), 'session-expires'),
    ).toBeUndefined();
    expect(lenientHeader(inviteResponse(200), 'session-expires')).toBeUndefined();
  });

  it('listsOptionTag compares without case; a malformed list lists nothing', () => {
    expect(listsOptionTag(inviteResponse(200, 'Require: timer, 100REL'), 'require', '100rel')).toBe(
      true,
    );
    expect(listsOptionTag(inviteResponse(200, 'Supported: timer'), 'supported', '100rel')).toBe(
      false,
    );
    expect(
      listsOptionTag(inviteResponse(200, 'Supported: timer, , "x"'), 'supported', 'timer'),
    ).toBe(false);
    expect(listsOptionTag(inviteResponse(200), 'require', 'timer')).toBe(false);
  });
});
