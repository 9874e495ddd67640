// RFC 5118: IPv6 torture tests.
import { describe, expect, it } from 'vitest';
import { SipParseError } from '../sip-parse-error.js';
import { IncomingRequest } from '../incoming-message.js';
import { parseMessage } from '../parse-message.js';
import * as v6 from './testing/rfc5118.js';

const request = (text: string): IncomingRequest => {
  const msg = parseMessage(text);
  expect(msg).toBeInstanceOf(IncomingRequest);
  return msg as IncomingRequest;
};

describe('RFC 5118 IPv6 torture tests', () => {
  it('§4.1 ipv6-good: IPv6 references in the Request-URI, Via and Contact', () => {
    const msg = request(v6.ipv6Good);
    expect(msg.ruri.host).toBe('[2001:db8::10]');
    expect(msg.ruri.port).toBeUndefined();
    expect(msg.via[0]?.host).toBe('[2001:db8::9:1]');
    expect(msg.parsed('contact')?.contacts[0]?.uri.host).toBe('[2001:db8::1]');
  });

  it('§4.2 ipv6-bad: an IPv6 address without brackets is rejected', () => {
    expect(() => parseMessage(v6.ipv6Bad)).toThrow(SipParseError);
  });

  it('§4.3 port-ambiguous: the last group belongs to the address, there is no port', () => {
    const msg = request(v6.portAmbiguous);
    expect(msg.ruri.host).toBe('[2001:db8::10:5070]');
    expect(msg.ruri.port).toBeUndefined();
  });

  it('§4.4 port-unambiguous: the port follows the bracket', () => {
    const msg = request(v6.portUnambiguous);
    expect(msg.ruri.host).toBe('[2001:db8::10]');
    expect(msg.ruri.port).toBe(5070);
  });

  it('§4.5 Via received with and without delimiters are both accepted', () => {
    const withDelim = parseMessage(v6.viaReceivedWithDelim);
    expect(withDelim.via[0]?.params['received']).toBe('[2001:db8::9:255]');
    const noDelim = parseMessage(v6.viaReceivedNoDelim);
    expect(noDelim.via[0]).toMatchObject({ host: '[2001:db8::9:1]', port: 6050 });
    expect(noDelim.via[0]?.params['received']).toBe('2001:db8::9:255');
    expect(noDelim.parsed('proxy-authenticate')?.[0]?.params).toEqual({
      realm: 'example.org',
      nonce: '1e49e7',
      qop: 'auth',
      opaque: '74ca4b',
      algorithm: 'MD5',
    });
  });

  it('§4.6 ipv6-in-sdp: IPv6 in the Request-URI, To and the body', () => {
    const msg = request(v6.ipv6InSdp);
    expect(msg.ruri.host).toBe('[2001:db8::10]');
    expect(msg.to.uri.host).toBe('[2001:db8::10]');
    expect(msg.body).toContain('c=IN IP6 2001:db8::20');
  });

  it('§4.7 mult-ip-in-header: IPv4 and IPv6 Vias side by side', () => {
    const msg = request(v6.multIpInHeader);
    expect(msg.via.map((via) => [via.host, via.port])).toEqual([
      ['[2001:db8::9:1]', 6050],
      ['192.0.2.1', undefined],
      ['[2001:db8::9:255]', undefined],
    ]);
    expect(msg.via[2]?.params['received']).toBe('192.0.2.200');
  });

  it('§4.8 mult-ip-in-sdp: the body is handed over intact', () => {
    const msg = request(v6.multIpInSdp);
    expect(msg.body).toContain('c=IN IP4 192.0.2.1\r\n');
    expect(msg.body).toContain('c=IN IP6 2001:db8::1\r\n');
    expect(msg.to.uri.host).toBe('[2001:db8::10]');
  });

  it('§4.9 ipv4-mapped-ipv6: IPv4-mapped addresses', () => {
    const msg = request(v6.ipv4MappedIpv6);
    expect(msg.via[0]).toMatchObject({ host: '[::ffff:192.0.2.10]', port: 19823 });
    expect(msg.parsed('contact')?.contacts[0]).toMatchObject({ displayName: 'T. desk phone' });
    expect(msg.parsed('contact')?.contacts[0]?.uri.host).toBe('[::ffff:192.0.2.2]');
  });

  it('§4.10 two colons before an embedded IPv4 address are valid', () => {
    const msg = request(v6.ipv6TwoColons);
    expect(msg.ruri.host).toBe('[2001:db8::192.0.2.1]');
    expect(msg.to.uri.host).toBe('[2001:db8::192.0.2.1]');
  });

  it('§4.10 three colons are rejected (the RFC 3261 ABNF bug is not reproduced)', () => {
    expect(() => parseMessage(v6.ipv6ThreeColons)).toThrow(SipParseError);
  });
});
