import { describe, expect, it } from 'vitest';
import { parseMessage, type IncomingRequest } from '../message/index.js';
import { checkRequest } from './request-policy.js';

function request(startLine: string, ...extra: string[]): IncomingRequest {
  const method = startLine.split(' ')[0] ?? '';
  const message = parseMessage(
    [
      startLine,
      'Via: SIP/2.0/WSS a.invalid;branch=z9hG4bK1',
      'From: <sip:bob@example.com>;tag=1',
      'To: <sip:alice@example.com>',
      'Call-ID: c1',
      `CSeq: 1 ${method}`,
      'Max-Forwards: 70',
      ...extra,
      '',
      '',
    ].join('\r\n'),
  );
  if (message.kind !== 'request') throw new Error('expected a request');
  return message;
}

describe('checkRequest (RFC 3261 §8.2)', () => {
  it('lets supported requests through', () => {
    expect(
      checkRequest(request('INVITE sip:alice@example.com SIP/2.0', 'Require: timer')),
    ).toBeUndefined();
    expect(checkRequest(request('OPTIONS sips:alice@example.com SIP/2.0'))).toBeUndefined();
  });

  it('answers 405 with Allow to a method it does not implement', () => {
    const rejection = checkRequest(request('PUBLISH sip:alice@example.com SIP/2.0'));
    expect(rejection?.status).toBe(405);
    expect(rejection?.headers?.[0]?.[0]).toBe('Allow');
    expect(rejection?.headers?.[0]?.[1]).toContain('INVITE');
    expect(checkRequest(request('FOO-BAR.x sip:alice@example.com SIP/2.0'))?.status).toBe(405);
  });

  it('answers 416 to a Request-URI scheme it does not support', () => {
    expect(checkRequest(request('INVITE http://example.com SIP/2.0'))?.status).toBe(416);
    expect(checkRequest(request('INVITE tel:+15551234 SIP/2.0'))?.status).toBe(416);
  });

  it('answers 420 listing the unsupported option tags, except for CANCEL and ACK', () => {
    const rejection = checkRequest(
      request('INVITE sip:alice@example.com SIP/2.0', 'Require: precondition, timer, foo'),
    );
    expect(rejection).toEqual({ status: 420, headers: [['Unsupported', 'precondition, foo']] });
    expect(
      checkRequest(request('CANCEL sip:alice@example.com SIP/2.0', 'Require: foo')),
    ).toBeUndefined();
  });

  it('lets an INVITE that requires 100rel through (RFC 3262: reliable provisionals are ours)', () => {
    expect(
      checkRequest(request('INVITE sip:alice@example.com SIP/2.0', 'Require: 100rel')),
    ).toBeUndefined();
  });

  it('answers 483 to a request that arrives with Max-Forwards 0, except OPTIONS', () => {
    const exhausted = (method: string) =>
      checkRequest(
        parseMessage(
          `${method} sip:alice@example.com SIP/2.0\r\nVia: SIP/2.0/WSS a.invalid;branch=z9hG4bK1\r\nFrom: <sip:b@x>;tag=1\r\nTo: <sip:alice@example.com>\r\nCall-ID: c\r\nCSeq: 1 ${method}\r\nMax-Forwards: 0\r\n\r\n`,
        ) as IncomingRequest,
      );
    expect(exhausted('INVITE')?.status).toBe(483);
    expect(exhausted('OPTIONS')).toBeUndefined();
  });

  it('answers 400 naming the header when a lazily parsed header is malformed', () => {
    const rejection = checkRequest(
      request('INVITE sip:alice@example.com SIP/2.0', 'Require: "quoted"'),
    );
    expect(rejection?.status).toBe(400);
    expect(rejection?.reason).toBe('Bad Request (require)');
  });
});
