import { describe, expect, it } from 'vitest';
import { createResponse } from './create-response.js';
import { IncomingRequest } from './incoming-message.js';
import { parseMessage } from './parse-message.js';
import { serializeResponse } from './serialize.js';

const INVITE = [
  'INVITE sip:bob@biloxi.example.com SIP/2.0',
  'Via: SIP/2.0/WSS proxy.example.com;branch=z9hG4bK2d4790.1 , SIP/2.0/WSS pc33.example.com;branch=z9hG4bK776asdhds;received=192.0.2.1',
  'Record-Route: <sip:proxy.example.com;lr>',
  'v: SIP/2.0/UDP third.example.com;branch=z9hG4bK3',
  'Max-Forwards: 69',
  'To: Bob <sip:bob@biloxi.example.com>',
  'From: "Alice" <sip:alice@atlanta.example.com>;tag=1928301774',
  'Call-ID: a84b4c76e66710@pc33.example.com',
  'CSeq: 314159 INVITE',
  'Timestamp: 54',
  'Content-Length: 0',
  '',
  '',
].join('\r\n');

function request(): IncomingRequest {
  const msg = parseMessage(INVITE);
  if (!(msg instanceof IncomingRequest)) throw new Error('expected a request');
  return msg;
}

describe('createResponse (RFC 3261 §8.2.6)', () => {
  it('copies Via lines verbatim and in order, From, To, Call-ID and CSeq', () => {
    const response = createResponse(request(), 486);
    expect(response.status).toBe(486);
    expect(response.reason).toBe('Busy Here');
    expect(response.headers).toEqual([
      [
        'Via',
        'SIP/2.0/WSS proxy.example.com;branch=z9hG4bK2d4790.1 , SIP/2.0/WSS pc33.example.com;branch=z9hG4bK776asdhds;received=192.0.2.1',
      ],
      ['Via', 'SIP/2.0/UDP third.example.com;branch=z9hG4bK3'],
      ['From', '"Alice" <sip:alice@atlanta.example.com>;tag=1928301774'],
      ['To', 'Bob <sip:bob@biloxi.example.com>'],
      ['Call-ID', 'a84b4c76e66710@pc33.example.com'],
      ['CSeq', '314159 INVITE'],
    ]);
  });

  it('adds the To tag, Record-Route, extra headers and a body when asked', () => {
    const response = createResponse(request(), 200, 'Fine', {
      toTag: 'a6c85cf',
      recordRoute: true,
      headers: [['Contact', '<sip:bob@192.0.2.4>']],
      body: 'v=0\r\n',
    });
    expect(response.reason).toBe('Fine');
    expect(response.headers).toContainEqual(['To', 'Bob <sip:bob@biloxi.example.com>;tag=a6c85cf']);
    expect(response.headers).toContainEqual(['Record-Route', '<sip:proxy.example.com;lr>']);
    expect(response.headers.at(-1)).toEqual(['Contact', '<sip:bob@192.0.2.4>']);
    const parsed = parseMessage(serializeResponse(response));
    expect(parsed.kind === 'response' && parsed.status).toBe(200);
    expect(parsed.to.tag).toBe('a6c85cf');
    expect(parsed.via.map((via) => via.branch)).toEqual([
      'z9hG4bK2d4790.1',
      'z9hG4bK776asdhds',
      'z9hG4bK3',
    ]);
    expect(parsed.body).toBe('v=0\r\n');
  });

  it('keeps an existing To tag and copies Timestamp only into 100 Trying', () => {
    const withTag = parseMessage(
      INVITE.replace('To: Bob <sip:bob@biloxi.example.com>', 'To: <sip:bob@b>;tag=x'),
    );
    if (!(withTag instanceof IncomingRequest)) throw new Error('expected a request');
    expect(createResponse(withTag, 200, undefined, { toTag: 'y' }).headers).toContainEqual([
      'To',
      '<sip:bob@b>;tag=x',
    ]);
    expect(createResponse(request(), 100).headers).toContainEqual(['Timestamp', '54']);
    expect(createResponse(request(), 180).headers.some(([name]) => name === 'Timestamp')).toBe(
      false,
    );
    expect(createResponse(request(), 180).headers.some(([name]) => name === 'Record-Route')).toBe(
      false,
    );
  });
});
