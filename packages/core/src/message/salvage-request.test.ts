import { describe, expect, it } from 'vitest';
import { createResponse } from './create-response.js';
import { parseMessage } from './parse-message.js';
import { salvageRequest } from './salvage-request.js';
import { serializeResponse } from './serialize.js';
import { SipParseError } from './sip-parse-error.js';

const crlf = (...lines: string[]): string => lines.join('\r\n');

const head = (from: string, extra: string[] = []): string[] => [
  'INVITE sip:alice@sip.test SIP/2.0',
  'Via: SIP/2.0/WSS bob.invalid;branch=z9hG4bKbad1',
  `From: ${from};tag=b1`,
  'To: <sip:alice@sip.test>',
  'Call-ID: bad-1',
  'CSeq: 1 INVITE',
  ...extra,
];

describe('salvageRequest', () => {
  it('reads a request refused for a NUL in a display name, so a 400 can be written', () => {
    const text = crlf(...head('"Mal\0lory" <sip:m@sip.test>'), 'Content-Length: 3', '', 'v=0');
    expect(() => parseMessage(text)).toThrow(SipParseError);
    const request = salvageRequest(text);
    expect(request?.method).toBe('INVITE');
    expect(request?.via[0]?.branch).toBe('z9hG4bKbad1');
    expect(request?.from.displayName).toBe('Mallory');
    const reply = serializeResponse(createResponse(request!, 400, 'Bad Request (from)'));
    expect(reply).toMatch(/^SIP\/2\.0 400 Bad Request \(from\)\r\n/);
    expect(reply).not.toContain('\0');
  });

  it('gives up when the request cannot be routed back or matched', () => {
    expect(salvageRequest(crlf(...head('<sip:m@sip.test>').slice(0, 1), '', ''))).toBeUndefined();
    const noVia = head('<sip:m@sip.test>').filter((l) => !l.startsWith('Via'));
    expect(salvageRequest(crlf(...noVia, '', ''))).toBeUndefined();
    expect(salvageRequest(crlf('SIP/2.0 200 O\0K', ...head('<a:b>').slice(1), '', ''))).toBe(
      undefined,
    );
    expect(salvageRequest('\0\0 garbage')).toBeUndefined();
    expect(salvageRequest('x'.repeat(300_000))).toBeUndefined();
  });

  it('drops a body whose Content-Length lies', () => {
    const text = crlf(...head('<sip:m@sip.test>'), 'Content-Length: 999', '', 'short');
    expect(salvageRequest(text)?.body).toBe('');
  });
});
