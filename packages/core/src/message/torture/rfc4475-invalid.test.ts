// RFC 4475 §3.1.2: invalid messages. Most must throw SipParseError from parseMessage; where
// the fault is in a header parseMessage does not need (parsed lazily), or is semantic, the case
// says which layer rejects it and asserts what the parser does.
import { describe, expect, it } from 'vitest';
import { SipParseError } from '../sip-parse-error.js';
import { parseMessage } from '../parse-message.js';
import * as invalid from './testing/rfc4475-invalid.js';

function rejection(text: string): SipParseError {
  try {
    parseMessage(text);
  } catch (error) {
    expect(error).toBeInstanceOf(SipParseError);
    return error as SipParseError;
  }
  throw new Error('parseMessage accepted an invalid message');
}

describe('RFC 4475 §3.1.2 invalid messages rejected by parseMessage', () => {
  it.each([
    ['§3.1.2.1 badinv01 (empty Via parameters)', invalid.badinv01, 'via'],
    ['§3.1.2.2 clerr (Content-Length larger than the message)', invalid.clerr, 'content-length'],
    ['§3.1.2.3 ncl (negative Content-Length)', invalid.ncl, 'content-length'],
    ['§3.1.2.4 scalar02 (CSeq beyond 2**31)', invalid.scalar02, 'cseq'],
    ['§3.1.2.5 scalarlg (CSeq beyond 2**31 in a response)', invalid.scalarlg, 'cseq'],
    ['§3.1.2.6 quotbal (unterminated quoted display name)', invalid.quotbal, 'to'],
    ['§3.1.2.14 badaspec (spaces inside <>)', invalid.badaspec, 'to'],
    ['§3.1.2.15 baddn (comma in an unquoted display name)', invalid.baddn, 'from'],
    ['§3.1.2.17 mismatch01 (CSeq method differs)', invalid.mismatch01, 'cseq'],
    ['§3.1.2.18 mismatch02 (unknown method, CSeq differs)', invalid.mismatch02, 'cseq'],
  ])('%s', (_name, text, header) => {
    expect(rejection(text).header).toBe(header);
  });

  it.each([
    ['§3.1.2.7 ltgtruri (<> around the Request-URI)', invalid.ltgtruri],
    ['§3.1.2.8 lwsruri (LWS in the Request-URI)', invalid.lwsruri],
    ['§3.1.2.9 lwsstart (two SPs between elements)', invalid.lwsstart],
    ['§3.1.2.10 trws (SPs after SIP/2.0)', invalid.trws],
    ['§3.1.2.11 escruri (headers in the Request-URI)', invalid.escruri],
    [
      '§3.1.2.16 badvers (SIP/7.0; a UA answers 505 only if it can parse, so this is a parse error)',
      invalid.badvers,
    ],
    ['§3.1.2.19 bigcode (status 4294967301)', invalid.bigcode],
  ])('%s is rejected on the start line', (_name, text) => {
    expect(rejection(text).line).toBe(1);
  });
});

describe('RFC 4475 §3.1.2 invalid messages caught above the eager parse', () => {
  it('§3.1.2.4 scalar02: Max-Forwards 300 and the huge Expires fail when read', () => {
    // The CSeq already makes parseMessage throw; the same headers in a valid message:
    const text = invalid.scalar02.replace(
      'CSeq: 36893488147419103232 REGISTER',
      'CSeq: 1 REGISTER',
    );
    const msg = parseMessage(text);
    expect(() => msg.parsed('max-forwards')).toThrow(SipParseError);
    expect(() => msg.parsed('expires')).toThrow(SipParseError);
    expect(() => msg.parsed('contact')).toThrow(SipParseError);
  });

  it('§3.1.2.5 scalarlg: Retry-After and Warning are left to the layers that read them', () => {
    const msg = parseMessage(invalid.scalarlg.replace('9292394834772304023312', '1'));
    expect(msg.header('retry-after')).toBe('949302838503028349304023988');
    expect(msg.header('warning')).toBe('1812 overture "In Progress"');
  });

  it('§3.1.2.12 baddate: Date is not interpreted by the message layer', () => {
    // Layer: whoever uses Date (nothing in a UA does); RFC 4475 expects a 400 from strict elements.
    expect(parseMessage(invalid.baddate).header('date')).toBe('Fri, 01 Jan 2010 16:00:00 EST');
  });

  it('§3.1.2.13 regbadct: the Contact without <> fails when Contact is read', () => {
    // Layer: registrar/UA reading Contact (answers 400); parseMessage does not parse Contact.
    const msg = parseMessage(invalid.regbadct);
    expect(() => msg.parsed('contact')).toThrow(SipParseError);
  });
});
