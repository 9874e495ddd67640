import { describe, expect, it } from 'vitest';
import { parseMessage, parseNameAddr, type IncomingResponse } from '../message/index.js';
import { lenient, lenientHeader, listsOptionTag } from './lenient-read.js';

function response(...headers: string[]): IncomingResponse {
  const text = [
    'SIP/2.0 200 OK',
    'Via: SIP/2.0/WS a.invalid;branch=z9hG4bK1',
    'From: <sip:a@x>;tag=1',
    'To: <sip:b@x>;tag=2',
    'Call-ID: c',
    'CSeq: 1 INVITE',
    ...headers,
    '',
    '',
  ].join('\r\n');
  return parseMessage(text) as IncomingResponse;
}

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
    expect(lenientHeader(response('Session-Expires: 90;refresher=uas'), 'session-expires')).toEqual(
      expect.objectContaining({ delta: 90, refresher: 'uas' }),
    );
    expect(lenientHeader(response('Session-Expires: soon'), 'session-expires')).toBeUndefined();
    expect(lenientHeader(response(), 'session-expires')).toBeUndefined();
  });

  it('listsOptionTag compares without case; a malformed list lists nothing', () => {
    expect(listsOptionTag(response('Require: timer, 100REL'), 'require', '100rel')).toBe(true);
    expect(listsOptionTag(response('Supported: timer'), 'supported', '100rel')).toBe(false);
    expect(listsOptionTag(response('Supported: timer, , "x"'), 'supported', 'timer')).toBe(false);
    expect(listsOptionTag(response(), 'require', 'timer')).toBe(false);
  });
});
