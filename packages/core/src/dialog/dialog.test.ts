import { describe, expect, it } from 'vitest';
import { parseMessage, serializeRequest, type OutgoingRequest } from '../message/index.js';
import { Dialog, type DialogRequestContext } from './dialog.js';
import { dialogKey } from './dialog-id.js';
import { requestTarget } from './route-set.js';
import { parseRouteList } from '../message/index.js';

const context: DialogRequestContext = {
  via: () => 'SIP/2.0/WS abc.invalid',
  contact: () => '<sip:me@abc.invalid;transport=ws>',
  commonHeaders: (headers = [], extra = []) => [
    ...headers,
    ['User-Agent', 'test'],
    ...extra.map((l) => l.split(': ') as [string, string]),
  ],
};

const invite: OutgoingRequest = {
  method: 'INVITE',
  ruri: 'sip:bob@example.com',
  headers: [
    ['Via', 'SIP/2.0/WS abc.invalid;branch=z9hG4bK1'],
    ['From', '"Alice" <sip:alice@example.com>;tag=a1'],
    ['To', '<sip:bob@example.com>'],
    ['Call-ID', 'call-1'],
    ['CSeq', '1 INVITE'],
  ],
};

const ok = parseMessage(
  [
    'SIP/2.0 200 OK',
    'Via: SIP/2.0/WS abc.invalid;branch=z9hG4bK1',
    'Record-Route: <sip:p2.example.com;lr>',
    'Record-Route: <sip:p1.example.com;lr>',
    'From: "Alice" <sip:alice@example.com>;tag=a1',
    'To: <sip:bob@example.com>;tag=b1',
    'Call-ID: call-1',
    'CSeq: 1 INVITE',
    'Contact: <sip:bob@10.0.0.2:5060;transport=ws>',
    '',
    '',
  ].join('\r\n'),
);

describe('Dialog (RFC 3261 §12)', () => {
  it('builds the UAC dialog from a 2xx: reversed Record-Route, Contact as target', () => {
    if (ok.kind !== 'response') throw new Error('fixture');
    const dialog = Dialog.fromResponse(invite, ok, context);
    expect(dialog.id).toEqual({ callId: 'call-1', localTag: 'a1', remoteTag: 'b1' });
    expect(dialog.state).toBe('confirmed');
    expect(dialog.isUac).toBe(true);
    const bye = parseMessage(serializeRequest(dialog.createRequest('BYE')));
    if (bye.kind !== 'request') throw new Error('request expected');
    expect(bye.requestUri).toBe('sip:bob@10.0.0.2:5060;transport=ws');
    expect(bye.headers('route')).toEqual(['<sip:p1.example.com;lr>', '<sip:p2.example.com;lr>']);
    expect(bye.cseq).toEqual({ seq: 2, method: 'BYE' });
    expect(bye.to.tag).toBe('b1');
    expect(bye.from.tag).toBe('a1');
    expect(bye.header('contact')).toBeUndefined();
    const ack = dialog.createAck(1);
    expect(ack.headers.find(([n]) => n === 'CSeq')?.[1]).toBe('1 ACK');
    const reinvite = dialog.createRequest('INVITE');
    expect(reinvite.headers.find(([n]) => n === 'Contact')?.[1]).toBe(
      '<sip:me@abc.invalid;transport=ws>',
    );
    expect(reinvite.headers.find(([n]) => n === 'CSeq')?.[1]).toBe('3 INVITE');
  });

  it('builds the UAS dialog from the INVITE and enforces the remote CSeq order', () => {
    const request = parseMessage(
      [
        'INVITE sip:bob@abc.invalid SIP/2.0',
        'Via: SIP/2.0/WS x.invalid;branch=z9hG4bK9',
        'Record-Route: <sip:p1.example.com;lr>',
        'From: <sip:alice@example.com>;tag=a9',
        'To: <sip:bob@example.com>',
        'Call-ID: c9',
        'CSeq: 5 INVITE',
        'Contact: <sip:alice@x.invalid;transport=ws>',
        '',
        '',
      ].join('\r\n'),
    );
    if (request.kind !== 'request') throw new Error('fixture');
    const dialog = Dialog.fromRequest(request, 'b9', context);
    expect(dialogKey(dialog.id)).toBe(dialogKey({ callId: 'c9', localTag: 'b9', remoteTag: 'a9' }));
    expect(dialog.acceptRemoteSeq(request)).toBe(false); // the INVITE itself was already counted
    const bye = dialog.createRequest('BYE');
    expect(bye.ruri).toBe('sip:alice@x.invalid;transport=ws');
    expect(bye.headers.find(([n]) => n === 'To')?.[1]).toBe('<sip:alice@example.com>;tag=a9');
    expect(bye.headers.find(([n]) => n === 'From')?.[1]).toBe('<sip:bob@example.com>;tag=b9');
    expect(bye.headers.find(([n]) => n === 'Route')?.[1]).toBe('<sip:p1.example.com;lr>');
    expect(bye.headers.find(([n]) => n === 'CSeq')?.[1]).toBe('1 BYE');
  });

  it('routes via a strict router by putting it in the Request-URI (§12.2.1.1)', () => {
    const target = requestTarget(
      parseRouteList('<sip:strict.example.com>, <sip:p2.example.com;lr>'),
      'sip:bob@b.example',
    );
    expect(target.ruri).toBe('sip:strict.example.com');
    expect(target.routes.map(([, v]) => v)).toEqual([
      '<sip:p2.example.com;lr>',
      '<sip:bob@b.example>',
    ]);
    expect(requestTarget([], 'sip:bob@b.example')).toEqual({
      ruri: 'sip:bob@b.example',
      routes: [],
    });
  });
});
