// RFC 4475 §3.1.1: valid messages must parse, with the tricky values read exactly.
import { describe, expect, it } from 'vitest';
import { IncomingRequest, IncomingResponse } from '../incoming-message.js';
import type { IncomingMessage } from '../incoming-message.js';
import { parseMessage } from '../parse-message.js';
import * as valid from './testing/rfc4475-valid.js';
import { rfc4475Sdp } from './testing/wire.js';

function request(text: string): IncomingRequest {
  const msg: IncomingMessage = parseMessage(text);
  expect(msg).toBeInstanceOf(IncomingRequest);
  return msg as IncomingRequest;
}

function response(text: string): IncomingResponse {
  const msg: IncomingMessage = parseMessage(text);
  expect(msg).toBeInstanceOf(IncomingResponse);
  return msg as IncomingResponse;
}

describe('RFC 4475 §3.1.1 valid messages', () => {
  it('§3.1.1.1 wsinv: folding, LWS and compact forms', () => {
    const msg = request(valid.wsinv);
    expect(msg.method).toBe('INVITE');
    expect(msg.ruri.params['unknownparam']).toBe('');
    expect(msg.to.uri.user).toBe('vivekg');
    expect(msg.to.tag).toBe('1918181833n');
    expect(msg.from.displayName).toBe('J Rosenberg \\"');
    expect(msg.from.tag).toBe('98asjd8');
    expect(msg.parsed('max-forwards')).toBe(68);
    expect(msg.cseq).toEqual({ seq: 9, method: 'INVITE' });
    expect(msg.via.map((via) => [via.protocol, via.transport, via.host, via.branch])).toEqual([
      ['SIP/2.0', 'UDP', '192.0.2.2', '390skdjuw'],
      ['SIP/2.0', 'TCP', 'spindle.example.com', 'z9hG4bK9ikj8'],
      ['SIP/2.0', 'UDP', '192.168.255.111', 'z9hG4bK30239'],
    ]);
    expect(msg.header('subject')).toBe('');
    expect(msg.header('NewFangledHeader')).toBe('newfangled value continued newfangled value');
    expect(msg.header('UnknownHeaderWithUnusualValue')).toBe(';;,,;;,;');
    const route = msg.parsed('route')?.[0];
    expect({ ...route?.uri.params }).toEqual({
      lr: '',
      unknownwith: 'value',
      'unknown-no-value': '',
    });
    const contact = msg.parsed('contact')?.contacts[0];
    expect(contact?.displayName).toBe('Quoted string ""');
    expect({ ...contact?.params }).toEqual({ newparam: 'newvalue', secondparam: '', q: '0.33' });
    expect(contact?.q).toBe(0.33);
    expect(msg.body).toBe(rfc4475Sdp('192.0.2.3', '192.0.2.4'));
  });

  it('§3.1.1.2 intmeth: the full range of token characters, quoted-pairs and UTF-8', () => {
    const msg = request(valid.intmeth);
    expect(msg.method).toBe("!interesting-Method0123456789_*+`.%indeed'~");
    expect(msg.ruri.user).toBe("1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*");
    expect(msg.ruri.password).toBe("&it+has=1,weird!*pas$wo~d_too.(doesn't-it)");
    expect(msg.ruri.host).toBe('example.com');
    expect(msg.via[0]?.branch).toBe("z9hG4bK-.!%66*_+`'~");
    expect(msg.to.displayName).toBe('BEL:\x07 NUL:\x00 DEL:\x7f');
    expect(msg.to.uri.user).toBe("1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*");
    expect(msg.from.displayName).toBe("token1~` token2'+_ token3*%!.-");
    expect(msg.from.params["fromparam''~+*_!.-%"]).toBe('"работающий"');
    expect(msg.from.tag).toBe("_token~1'+`*%!-.");
    expect(msg.callId).toBe('intmeth.word%ZK-!.*_+\'@word`~)(><:\\/"][?}{');
    expect(msg.cseq.seq).toBe(139122385);
    expect(msg.header("extensionHeader-!.%*+_`'~")).toBe('\ufeff大停電');
  });

  it('§3.1.1.3 esc01: %-escapes are decoded in users and URI parameters', () => {
    const msg = request(valid.esc01);
    expect(msg.ruri.user).toBe('sips:user@example.com');
    expect(msg.ruri.host).toBe('example.net');
    expect(msg.to.uri.user).toBe('user');
    expect(msg.from.uri.user).toBe('I have spaces');
    expect(msg.callId).toBe('esc01.239409asdfakjkn23onasd0-3234');
    const contact = msg.parsed('contact')?.contacts[0];
    expect(contact?.uri.user).toBe('caller');
    expect({ ...contact?.uri.params }).toEqual({ lr: '', name: 'value%41' });
    expect(msg.parsed('content-type')?.mediaType).toBe('application/sdp');
  });

  it('§3.1.1.4 escnull: escaped NULs decode to U+0000', () => {
    const msg = request(valid.escnull);
    expect(msg.to.uri.user).toBe('null-\0-null');
    expect(msg.from.uri.user).toBe('null-\0-null');
    expect(msg.parsed('contact')?.contacts.map((c) => c.uri.user)).toEqual(['\0', '\0\0']);
    expect(msg.contentLength).toBe(0);
  });

  it('§3.1.1.5 esc02: % is not an escape in methods, quoted strings and header names', () => {
    const msg = request(valid.esc02);
    expect(msg.method).toBe('RE%47IST%45R');
    expect(msg.cseq.method).toBe('RE%47IST%45R');
    expect(msg.to.displayName).toBe('%Z%45');
    expect(msg.via[0]?.branch).toBe('z9hG4bK209%fzsnel234');
    expect(msg.headers('contact')).toEqual([
      '<sip:alias1@host1.example.com>',
      '<sip:alias3@host3.example.com>',
    ]);
    expect(msg.header('C%6Fntact')).toBe('<sip:alias2@host2.example.com>');
  });

  it('§3.1.1.6 lwsdisp: no LWS between display name and <', () => {
    const msg = request(valid.lwsdisp);
    expect(msg.from.displayName).toBe('caller');
    expect(msg.from.uri.user).toBe('caller');
    expect(msg.from.tag).toBe('323');
  });

  it('§3.1.1.7 longreq: long values in header fields', () => {
    const msg = request(valid.longreq);
    expect(msg.callId).toBe(valid.longreqCallId);
    expect(msg.via).toHaveLength(34);
    expect(msg.via[33]?.host).toBe('sip34.example.com');
    expect(msg.to.displayName).toContain('extremeextreme');
    expect(msg.from.tag).toMatch(/^12(982){50}424$/);
    expect(msg.parsed('contact')?.contacts[0]?.uri.user?.length).toBeGreaterThan(200);
  });

  it('§3.1.1.8 dblreq: octets after Content-Length are not part of the message', () => {
    const msg = request(valid.dblreq);
    expect(msg.method).toBe('REGISTER');
    expect(msg.body).toBe('');
    expect(msg.raw).toBe(valid.dblreqFirst);
  });

  it('§3.1.1.9 semiuri: ; in the user part, and a folded Accept list', () => {
    const msg = request(valid.semiuri);
    expect(msg.ruri.user).toBe('user;par=u@example.net');
    expect(msg.ruri.host).toBe('example.com');
    expect({ ...msg.ruri.params }).toEqual({});
    expect(msg.headers('accept')).toEqual([
      'application/sdp',
      'application/pkcs7-mime',
      'multipart/mixed',
      'multipart/signed',
      'message/sip',
      'message/sipfrag',
    ]);
  });

  it('§3.1.1.10 transports: varied and unknown transports', () => {
    const msg = request(valid.transports);
    expect(msg.via.map((via) => via.transport)).toEqual(['UDP', 'SCTP', 'TLS', 'UNKNOWN', 'TCP']);
    expect(msg.callId).toBe('transports.kijh4akdnaqjkwendsasfdj');
  });

  it('§3.1.1.11 mpart01: multipart body and a header folded over four lines', () => {
    const msg = request(valid.mpart01);
    expect(msg.body).toBe(valid.mpart01Body);
    expect(msg.parsed('content-type')).toMatchObject({
      mediaType: 'multipart/mixed',
      params: { boundary: '7a9cbec02ceef655' },
    });
    expect(msg.header('identity')).toBe(
      'r5mwreLuyDRYBi/0TiPwEsY3rEVsk/G2WxhgTV1PF7hHuL IK0YWVKZhKv9Mj8UeXqkMVbnVq37CD+813gvYjcBUaZngQmXc9WNZSDN GCzA+fWl9MEUHWIZo1CeJebdY/XlgKeTa0Olvq0rt70Q5jiSfbqMJmQF teeivUhkMWYUA=',
    );
    expect(msg.via[0]?.params['rport']).toBe('');
  });

  it('§3.1.1.12 unreason: a UTF-8 reason phrase', () => {
    const msg = response(valid.unreason);
    expect(msg.status).toBe(200);
    expect(msg.reason).toBe('= 2**3 * 5**2 но сто девяносто девять - простое');
    expect(msg.body).toBe(rfc4475Sdp('192.0.2.198'));
  });

  it('§3.1.1.13 noreason: an empty reason phrase', () => {
    const msg = response(valid.noreason);
    expect(msg.status).toBe(100);
    expect(msg.reason).toBe('');
    expect(msg.to.tag).toBe('902jndnke3');
  });
});
