// RFC 4475 §3.1.2: invalid messages. Test vectors reproduced from the RFC with CRLF line ends.
import { rfc4475Sdp, sip } from './wire.js';

/** §3.1.2.1 badinv01: extraneous header field separators in Via. */
export const badinv01 = sip(
  'INVITE sip:user@example.com SIP/2.0',
  'To: sip:j.user@example.com',
  'From: sip:caller@example.net;tag=134161461246',
  'Max-Forwards: 7',
  'Call-ID: badinv01.0ha0isndaksdjasdf3234nas',
  'CSeq: 8 INVITE',
  'Via: SIP/2.0/UDP 192.0.2.15;;,;,,',
  'Contact: "Joe" <sip:joe@example.org>;;;;',
  'Content-Length: 152',
  'Content-Type: application/sdp',
  '',
  rfc4475Sdp('192.0.2.15'),
);

const clerrHead = (contentLength: string, callId: string): string[] => [
  'INVITE sip:user@example.com SIP/2.0',
  'Max-Forwards: 80',
  'To: sip:j.user@example.com',
  'From: sip:caller@example.net;tag=93942939o2',
  'Contact: <sip:caller@hungry.example.net>',
  `Call-ID: ${callId}`,
  'CSeq: 8 INVITE',
  'Via: SIP/2.0/UDP host5.example.com;branch=z9hG4bK-39234-23523',
  'Content-Type: application/sdp',
  `Content-Length: ${contentLength}`,
  '',
];

/** §3.1.2.2 clerr: Content-Length larger than the message. */
export const clerr = sip(
  ...clerrHead('9999', 'clerr.0ha0isndaksdjweiafasdk3'),
  rfc4475Sdp('192.0.2.155'),
);

/** §3.1.2.3 ncl: negative Content-Length. */
export const ncl = sip(
  ...clerrHead('-999', 'ncl.0ha0isndaksdj2193423r542w35'),
  rfc4475Sdp('192.0.2.53'),
);

/** §3.1.2.4 scalar02: request scalar fields with overlarge values. */
export const scalar02 = sip(
  'REGISTER sip:example.com SIP/2.0',
  'Via: SIP/2.0/TCP host129.example.com;branch=z9hG4bK342sdfoi3',
  'To: <sip:user@example.com>',
  'From: <sip:user@example.com>;tag=239232jh3',
  'CSeq: 36893488147419103232 REGISTER',
  'Call-ID: scalar02.23o0pd9vanlq3wnrlnewofjas9ui32',
  'Max-Forwards: 300',
  `Expires: 1${'0'.repeat(100)}`,
  'Contact: <sip:user@host129.example.com>',
  '  ;expires=280297596632815',
  'Content-Length: 0',
  '',
  '',
);

/** §3.1.2.5 scalarlg: response scalar fields with overlarge values. */
export const scalarlg = sip(
  'SIP/2.0 503 Service Unavailable',
  'Via: SIP/2.0/TCP host129.example.com;branch=z9hG4bKzzxdiwo34sw;received=192.0.2.129',
  'To: <sip:user@example.com>',
  'From: <sip:other@example.net>;tag=2easdjfejw',
  'CSeq: 9292394834772304023312 OPTIONS',
  'Call-ID: scalarlg.noase0of0234hn2qofoaf0232aewf2394r',
  'Retry-After: 949302838503028349304023988',
  'Warning: 1812 overture "In Progress"',
  'Content-Length: 0',
  '',
  '',
);

const invite = (requestLine: string, to: string, callId: string): string =>
  sip(
    requestLine,
    to,
    'From: sip:caller@example.net;tag=93334',
    'Max-Forwards: 10',
    `Call-ID: ${callId}`,
    'Contact: <sip:caller@host59.example.net>',
    'CSeq: 8 INVITE',
    'Via: SIP/2.0/UDP 192.0.2.59:5050;branch=z9hG4bKkdjuw39234',
    'Content-Type: application/sdp',
    'Content-Length: 152',
    '',
    rfc4475Sdp('192.0.2.15'),
  );

/** §3.1.2.6 quotbal: unterminated quoted string in a display name. */
export const quotbal = invite(
  'INVITE sip:user@example.com SIP/2.0',
  'To: "Mr. J. User <sip:j.user@example.com>',
  'quotbal.aksdj',
);
/** §3.1.2.7 ltgtruri: <> around the Request-URI. */
export const ltgtruri = invite(
  'INVITE <sip:user@example.com> SIP/2.0',
  'To: sip:user@example.com',
  'ltgtruri.1@192.0.2.5',
);
/** §3.1.2.8 lwsruri: LWS inside the Request-URI. */
export const lwsruri = invite(
  'INVITE sip:user@example.com; lr SIP/2.0',
  'To: sip:user@example.com;tag=3xfe-9921883-z9f',
  'lwsruri.asdfasdoeoi2323-asdfwrn23-asd834rk423',
);
/** §3.1.2.9 lwsstart: multiple SP separating request-line elements. */
export const lwsstart = invite(
  'INVITE  sip:user@example.com  SIP/2.0',
  'To: sip:user@example.com',
  'lwsstart.dfknq234oi243099adsdfnawe3@example.com',
);

/** §3.1.2.10 trws: SP characters at the end of the request line. */
export const trws = sip(
  'OPTIONS sip:remote-target@example.com SIP/2.0  ',
  'Via: SIP/2.0/TCP host1.example.com;branch=z9hG4bK299342093',
  'To: <sip:remote-target@example.com>',
  'From: <sip:local-resource@example.com>;tag=329429089',
  'Call-ID: trws.oicu34958239neffasdhr2345r',
  'Accept: application/sdp',
  'CSeq: 238923 OPTIONS',
  'Max-Forwards: 70',
  'Content-Length: 0',
  '',
  '',
);

/** §3.1.2.11 escruri: escaped headers in the Request-URI. */
export const escruri = sip(
  'INVITE sip:user@example.com?Route=%3Csip:example.com%3E SIP/2.0',
  'To: sip:user@example.com',
  'From: sip:caller@example.net;tag=341518',
  'Max-Forwards: 7',
  'Contact: <sip:caller@host39923.example.net>',
  'Call-ID: escruri.23940-asdfhj-aje3br-234q098w-fawerh2q-h4n5',
  'CSeq: 149209342 INVITE',
  'Via: SIP/2.0/UDP host-of-the-hour.example.com;branch=z9hG4bKkdjuw',
  'Content-Type: application/sdp',
  'Content-Length: 150',
  '',
  rfc4475Sdp('192.0.2.1'),
);

const options = (...lines: string[]): string =>
  sip(
    'OPTIONS sip:user@example.com SIP/2.0',
    'Via: SIP/2.0/UDP host4.example.com:5060;branch=z9hG4bKkdju43234',
    'Max-Forwards: 70',
    ...lines,
    'l: 0',
    '',
    '',
  );

/** §3.1.2.12 baddate: invalid time zone in Date. */
export const baddate = options(
  'To: sip:user@example.com',
  'From: sip:caller@example.net;tag=2234923',
  'Call-ID: baddate.239423mnsadf3j23lj42--sedfnm234',
  'CSeq: 1392934 OPTIONS',
  'Date: Fri, 01 Jan 2010 16:00:00 EST',
);

/** §3.1.2.13 regbadct: a Contact URI with headers, not enclosed in <>. */
export const regbadct = sip(
  'REGISTER sip:example.com SIP/2.0',
  'To: sip:user@example.com',
  'From: sip:user@example.com;tag=998332',
  'Max-Forwards: 70',
  'Call-ID: regbadct.k345asrl3fdbv@10.0.0.1',
  'CSeq: 1 REGISTER',
  'Via: SIP/2.0/UDP 135.180.130.133:5060;branch=z9hG4bKkdjuw',
  'Contact: sip:user@example.com?Route=%3Csip:sip.example.com%3E',
  'l: 0',
  '',
  '',
);

/** §3.1.2.14 badaspec: spaces within an addr-spec. */
export const badaspec = options(
  'From: "Bell, Alexander" <sip:a.g.bell@example.com>;tag=433423',
  'To: "Watson, Thomas" < sip:t.watson@example.org >',
  'Call-ID: badaspec.sdf0234n2nds0a099u23h3hnnw009cdkne3',
  'Accept: application/sdp',
  'CSeq: 3923239 OPTIONS',
);

/** §3.1.2.15 baddn: non-token characters in an unquoted display name. */
export const baddn = options(
  'From:    Bell, Alexander <sip:a.g.bell@example.com>;tag=43',
  'To:      Watson, Thomas <sip:t.watson@example.org>',
  'Call-ID: baddn.31415@c.example.com',
  'Accept: application/sdp',
  'CSeq:    3923239 OPTIONS',
);

/** §3.1.2.16 badvers: unknown protocol version. */
export const badvers = options(
  'To: sip:t.watson@example.org',
  'From: sip:t.watson@example.org;tag=12345',
  'Call-ID: badvers.31417@c.example.com',
  'CSeq: 3923239 OPTIONS',
).replace('OPTIONS sip:user@example.com SIP/2.0', 'OPTIONS sip:t.watson@example.org SIP/7.0');

/** §3.1.2.17 mismatch01: start line and CSeq method differ. */
export const mismatch01 = options(
  'To: sip:j.user@example.com',
  'From: sip:caller@example.net;tag=34525',
  'Call-ID: mismatch01.dj0234sxdfl3',
  'CSeq: 8 INVITE',
);

/** §3.1.2.18 mismatch02: unknown method with a CSeq method mismatch. */
export const mismatch02 = sip(
  'NEWMETHOD sip:user@example.com SIP/2.0',
  'To: sip:j.user@example.com',
  'From: sip:caller@example.net;tag=34525',
  'Max-Forwards: 6',
  'Call-ID: mismatch02.dj0234sxdfl3',
  'CSeq: 8 INVITE',
  'Contact: <sip:caller@host.example.net>',
  'Via: SIP/2.0/UDP host.example.net;branch=z9hG4bKkdjuw',
  'Content-Type: application/sdp',
  'l: 138',
  '',
  rfc4475Sdp('192.0.2.1').slice(0, 138),
);

/** §3.1.2.19 bigcode: overlarge response code. */
export const bigcode = sip(
  'SIP/2.0 4294967301 better not break the receiver',
  'Via: SIP/2.0/UDP 192.0.2.105;branch=z9hG4bK2398ndaoe',
  'Call-ID: bigcode.asdof3uj203asdnf3429uasdhfas3ehjasdfas9i',
  'CSeq: 353494 INVITE',
  'From: <sip:user@example.com>;tag=39ansfi3',
  'To: <sip:user@example.edu>;tag=902jndnke3',
  'Content-Length: 0',
  'Contact: <sip:user@host105.example.com>',
  '',
  '',
);
