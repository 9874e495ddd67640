// RFC 5118 §4: IPv6 torture messages, reproduced from the RFC with CRLF line ends.
import { byteLength, sip } from './wire.js';

const register = (requestUri: string): string =>
  sip(
    `REGISTER ${requestUri} SIP/2.0`,
    'To: sip:user@example.com',
    'From: sip:user@example.com;tag=81x2',
    'Via: SIP/2.0/UDP [2001:db8::9:1];branch=z9hG4bKas3-111',
    'Call-ID: SSG9559905523997077@hlau_4100',
    'Max-Forwards: 70',
    'Contact: "Caller" <sip:caller@[2001:db8::1]>',
    'CSeq: 98176 REGISTER',
    'Content-Length: 0',
    '',
    '',
  );

/** §4.1 ipv6-good: a valid IPv6 reference. */
export const ipv6Good = register('sip:[2001:db8::10]');
/** §4.2 ipv6-bad: an IPv6 address without brackets. */
export const ipv6Bad = register('sip:2001:db8::10');
/** §4.3 port-ambiguous: the "port" is part of the address. */
export const portAmbiguous = register('sip:[2001:db8::10:5070]');
/** §4.4 port-unambiguous: the port follows the bracket. */
export const portUnambiguous = register('sip:[2001:db8::10]:5070');

const response407 = (via: string): string =>
  sip(
    'SIP/2.0 407 Proxy Authentication Required',
    via,
    'Call-ID: SSG95523997077@hlau_4100',
    'From: "Caller" <sip:caller@example.com>;tag=395kjd7',
    'To: "Callee" <sip:callee@example.org>;tag=ui0a9xz',
    'CSeq: 1 INVITE',
    'Proxy-Authenticate: Digest realm="example.org", nonce="1e49e7",',
    ' qop="auth", opaque="74ca4b", algorithm=MD5',
    'Content-Length: 0',
    '',
    '',
  );

/** §4.5 via-received-param-with-delim: received as an IPv6 reference. */
export const viaReceivedWithDelim = response407(
  'Via: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bKtest;received=[2001:db8::9:255]',
);
/** §4.5 via-received-param-no-delim: received as a bare IPv6 address. */
export const viaReceivedNoDelim = response407(
  'Via: SIP/2.0/UDP [2001:db8::9:1]:6050;branch=z9hG4bKtest;received=2001:db8::9:255',
);

const ipv6Sdp = sip(
  'v=0',
  'o=assistant 971731711378798081 0 IN IP6 2001:db8::20',
  "s=Live video feed for today's meeting",
  'c=IN IP6 2001:db8::20',
  't=3338481189 3370017201',
  'm=audio 6000 RTP/AVP 2',
  'a=rtpmap:2 G726-32/8000',
  'm=video 6024 RTP/AVP 107',
  'a=rtpmap:107 H263-1998/90000',
  '',
);
/** §4.6 ipv6-in-sdp: IPv6 addresses in the SDP body. */
export const ipv6InSdp = sip(
  'INVITE sip:user@[2001:db8::10] SIP/2.0',
  'To: sip:user@[2001:db8::10]',
  'From: sip:user@example.com;tag=81x2',
  'Via: SIP/2.0/UDP [2001:db8::20];branch=z9hG4bKas3-111',
  'Call-ID: SSG9559905523997077@hlau_4100',
  'Contact: "Caller" <sip:caller@[2001:db8::20]>',
  'CSeq: 8612 INVITE',
  'Max-Forwards: 70',
  'Content-Type: application/sdp',
  `Content-Length: ${byteLength(ipv6Sdp)}`,
  '',
  ipv6Sdp,
);

/** §4.7 mult-ip-in-header: IPv4 and IPv6 in Via and Contact. */
export const multIpInHeader = sip(
  'BYE sip:user@host.example.net SIP/2.0',
  'Via: SIP/2.0/UDP [2001:db8::9:1]:6050;branch=z9hG4bKas3-111',
  'Via: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bKjhja8781hjuaij65144',
  'Via: SIP/2.0/TCP [2001:db8::9:255];branch=z9hG4bK451jj;received=192.0.2.200',
  'Call-ID: 997077@lau_4100',
  'Max-Forwards: 70',
  'CSeq: 89187 BYE',
  'To: sip:user@example.net;tag=9817--94',
  'From: sip:user@example.com;tag=81x2',
  'Content-Length: 0',
  '',
  '',
);

const multIpSdp = sip(
  'v=0',
  'o=bob 280744730 28977631 IN IP4 host.example.com',
  's=',
  't=0 0',
  'm=audio 22334 RTP/AVP 0',
  'c=IN IP4 192.0.2.1',
  'm=video 6024 RTP/AVP 107',
  'c=IN IP6 2001:db8::1',
  'a=rtpmap:107 H263-1998/90000',
  '',
);
/** §4.8 mult-ip-in-sdp: IPv4 and IPv6 connection lines in one SDP body. */
export const multIpInSdp = sip(
  'INVITE sip:user@[2001:db8::10] SIP/2.0',
  'To: sip:user@[2001:db8::10]',
  'From: sip:user@example.com;tag=02134',
  'Via: SIP/2.0/UDP [2001:db8::20];branch=z9hG4bKas3-111',
  'Call-ID: SSG9559905523997077@hlau_4100',
  'Contact: "Caller" <sip:caller@[2001:db8::20]>',
  'CSeq: 8912 INVITE',
  'Max-Forwards: 70',
  'Content-Type: application/sdp',
  `Content-Length: ${byteLength(multIpSdp)}`,
  '',
  multIpSdp,
);

/** §4.9 ipv4-mapped-ipv6: an IPv4-mapped IPv6 address. */
export const ipv4MappedIpv6 = sip(
  'INVITE sip:user@example.com SIP/2.0',
  'To: sip:user@example.com',
  'From: sip:user@east.example.com;tag=81x2',
  'Via: SIP/2.0/UDP [::ffff:192.0.2.10]:19823;branch=z9hG4bKbh19',
  'Via: SIP/2.0/UDP [::ffff:192.0.2.2];branch=z9hG4bKas3-111',
  'Call-ID: SSG9559905523997077@hlau_4100',
  'Contact: "T. desk phone" <sip:ted@[::ffff:192.0.2.2]>',
  'CSeq: 612 INVITE',
  'Max-Forwards: 70',
  'Content-Length: 0',
  '',
  '',
);

const abnf = (address: string): string =>
  sip(
    `OPTIONS sip:user@[${address}] SIP/2.0`,
    `To: sip:user@[${address}]`,
    'From: sip:user@example.com;tag=810x2',
    'Via: SIP/2.0/UDP lab1.east.example.com;branch=z9hG4bKas3-111',
    'Call-ID: G9559905523997077@hlau_4100',
    'CSeq: 689 OPTIONS',
    'Max-Forwards: 70',
    'Content-Length: 0',
    '',
    '',
  );

/** §4.10 ipv6-correct-abnf-2-colons: `::` before an embedded IPv4 address. */
export const ipv6TwoColons = abnf('2001:db8::192.0.2.1');
/** §4.10 ipv6-bug-abnf-3-colons: three colons, accepted only by RFC 3261's ABNF bug. */
export const ipv6ThreeColons = abnf('2001:db8:::192.0.2.1');
