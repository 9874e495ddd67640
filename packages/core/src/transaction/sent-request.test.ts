import { describe, expect, it } from 'vitest';
import { SipParseError, type OutgoingRequest } from '../message/index.js';
import { describeSentRequest, headerValues, withBranch } from './sent-request.js';

const request = (headers: [string, string][]): OutgoingRequest => ({
  method: 'OPTIONS',
  ruri: 'sip:b.example',
  headers,
});

const complete: [string, string][] = [
  ['v', 'SIP/2.0/WSS x.invalid;rport, SIP/2.0/UDP 192.0.2.1'],
  ['f', '<sip:a@a.example>;tag=1'],
  ['t', '<sip:b@b.example>'],
  ['i', 'c1'],
  ['CSeq', '4 OPTIONS'],
  ['Route', '<sip:p1.example;lr>'],
  ['Route', '<sip:p2.example;lr>'],
];

describe('withBranch / describeSentRequest', () => {
  it('puts the branch first in the top via-parm only, compact header names included', () => {
    const sent = withBranch(request(complete), 'z9hG4bKabc');
    expect(sent.headers[0]).toEqual([
      'v',
      'SIP/2.0/WSS x.invalid;branch=z9hG4bKabc;rport, SIP/2.0/UDP 192.0.2.1',
    ]);
    expect(sent.headers.slice(1)).toEqual(complete.slice(1));
  });

  it('reads the ACK/CANCEL parts', () => {
    const parts = describeSentRequest(withBranch(request(complete), 'z9hG4bKabc'));
    expect(parts).toMatchObject({
      topVia: 'SIP/2.0/WSS x.invalid;branch=z9hG4bKabc;rport',
      branch: 'z9hG4bKabc',
      callId: 'c1',
      from: '<sip:a@a.example>;tag=1',
      to: '<sip:b@b.example>',
      cseq: 4,
      routes: ['<sip:p1.example;lr>', '<sip:p2.example;lr>'],
    });
  });

  it('refuses a malformed Via, a missing branch and missing headers', () => {
    expect(() => withBranch(request([['Via', 'nonsense']]), 'z9hG4bK1')).toThrow(SipParseError);
    expect(() => describeSentRequest(request(complete))).toThrow(TypeError);
    for (const key of ['f', 't', 'i', 'CSeq']) {
      const without = complete.filter(([name]) => name !== key);
      expect(() => describeSentRequest(withBranch(request(without), 'z9hG4bK1'))).toThrow(
        TypeError,
      );
    }
  });

  it('headerValues matches canonical names', () => {
    expect(headerValues(complete, 'call-id')).toEqual(['c1']);
    expect(headerValues(complete, 'route')).toHaveLength(2);
  });
});
