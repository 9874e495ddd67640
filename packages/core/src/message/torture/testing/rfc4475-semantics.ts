// RFC 4475 §3.2-3.4: transaction-layer, application-layer and backward-compatibility cases.
// Test vectors reproduced from the RFC with CRLF line ends.
import { byteLength, rfc4475Sdp, sip } from './wire.js';

/** §3.2.1 badbranch: branch is only the magic cookie. */
export const badbranch = sip(
  'OPTIONS sip:user@example.com SIP/2.0',
  'To: sip:user@example.com',
  'From: sip:caller@example.org;tag=33242',
  'Max-Forwards: 3',
  'Via: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK',
  'Accept: application/sdp',
  'Call-ID: badbranch.sadonfo23i420jv0as0derf3j3n',
  'CSeq: 8 OPTIONS',
  'l: 0',
  '',
  '',
);

/** §3.3.1 insuf: missing Call-ID, From, To and Max-Forwards. */
export const insuf = sip(
  'INVITE sip:user@example.com SIP/2.0',
  'CSeq: 193942 INVITE',
  'Via: SIP/2.0/UDP 192.0.2.95;branch=z9hG4bKkdj.insuf',
  'Content-Type: application/sdp',
  'l: 152',
  '',
  rfc4475Sdp('192.0.2.95'),
);

const options = (requestUri: string, callId: string, ...extra: string[]): string =>
  sip(
    `OPTIONS ${requestUri} SIP/2.0`,
    'To: sip:user@example.com',
    'From: sip:caller@example.net;tag=384',
    'Max-Forwards: 3',
    `Call-ID: ${callId}`,
    'CSeq: 3923423 OPTIONS',
    'Via: SIP/2.0/TCP host9.example.com;branch=z9hG4bKkdjuw39234',
    ...extra,
    'Content-Length: 0',
    '',
    '',
  );

/** §3.3.2 unkscm: Request-URI with an unknown scheme. */
export const unkscm = options(
  'nobodyKnowsThisScheme:totallyopaquecontent',
  'unkscm.nasdfasser0q239nwsdfasdkl34',
);
/** §3.3.3 novelsc: Request-URI with a known but atypical scheme. */
export const novelsc = options(
  'soap.beep://192.0.2.103:3002',
  'novelsc.asdfasser0q239nwsdfasdkl34',
);

/** §3.3.4 unksm2: unknown URI schemes in To, From and Contact. */
export const unksm2 = sip(
  'REGISTER sip:example.com SIP/2.0',
  'To: isbn:2983792873',
  'From: <http://www.example.com>;tag=3234233',
  'Call-ID: unksm2.daksdj@hyphenated-host.example.com',
  'CSeq: 234902 REGISTER',
  'Max-Forwards: 70',
  'Via: SIP/2.0/UDP 192.0.2.21:5060;branch=z9hG4bKkdjuw',
  'Contact: <name:John_Smith>',
  'l: 0',
  '',
  '',
);

/** §3.3.5 bext01: Require and Proxy-Require with unknown extensions. */
export const bext01 = sip(
  'OPTIONS sip:user@example.com SIP/2.0',
  'To: sip:j_user@example.com',
  'From: sip:caller@example.net;tag=242etr',
  'Max-Forwards: 6',
  'Call-ID: bext01.0ha0isndaksdj',
  'Require: nothingSupportedHere',
  'Proxy-Require: noProxiesSupportThis, nothingSupportedHere',
  'Proxy-Require: noProxiesSupportThis, nothingSupportedHere',
  'CSeq: 8 OPTIONS',
  'Via: SIP/2.0/TLS fold-and-staple.example.com;branch=z9hG4bKkdjuw',
  'Content-Length: 0',
  '',
  '',
);

const invutBody = '<audio>\r\n <pcmu port="443"/>\r\n</audio>\r\n';
/** §3.3.6 invut: unknown Content-Type. */
export const invut = sip(
  'INVITE sip:user@example.com SIP/2.0',
  'Contact: <sip:caller@host5.example.net>',
  'To: sip:j.user@example.com',
  'From: sip:caller@example.net;tag=8392034',
  'Max-Forwards: 70',
  'Call-ID: invut.0ha0isndaksdjadsfij34n23d',
  'CSeq: 235448 INVITE',
  'Via: SIP/2.0/UDP somehost.example.com;branch=z9hG4bKkdjuw',
  'Content-Type: application/unknownformat',
  `Content-Length: ${byteLength(invutBody)}`,
  '',
  invutBody,
);

/** §3.3.7 regaut01: unknown authorization scheme. */
export const regaut01 = sip(
  'REGISTER sip:example.com SIP/2.0',
  'To: sip:j.user@example.com',
  'From: sip:j.user@example.com;tag=87321hj23128',
  'Max-Forwards: 8',
  'Call-ID: regaut01.0ha0isndaksdj',
  'CSeq: 9338 REGISTER',
  'Via: SIP/2.0/TCP 192.0.2.253;branch=z9hG4bKkdjuw',
  'Authorization: NoOneKnowsThisScheme opaque-data=here',
  'Content-Length:0',
  '',
  '',
);

/** §3.3.8 multi01: multiple values in single-value header fields. */
export const multi01 = sip(
  'INVITE sip:user@company.com SIP/2.0',
  'Contact: <sip:caller@host25.example.net>',
  'Via: SIP/2.0/UDP 192.0.2.25;branch=z9hG4bKkdjuw',
  'Max-Forwards: 70',
  'CSeq: 5 INVITE',
  'Call-ID: multi01.98asdh@192.0.2.1',
  'CSeq: 59 INVITE',
  'Call-ID: multi01.98asdh@192.0.2.2',
  'From: sip:caller@example.com;tag=3413415',
  'To: sip:user@example.com',
  'To: sip:other@example.net',
  'From: sip:caller@example.net;tag=2923420123',
  'Content-Type: application/sdp',
  'l: 154',
  'Contact: <sip:caller@host36.example.net>',
  'Max-Forwards: 5',
  '',
  rfc4475Sdp('192.0.2.25'),
);

/** §3.3.9 mcl01: multiple conflicting Content-Length values. */
export const mcl01 = sip(
  'OPTIONS sip:user@example.com SIP/2.0',
  'Via: SIP/2.0/UDP host5.example.net;branch=z9hG4bK293423',
  'To: sip:user@example.com',
  'From: sip:other@example.net;tag=3923942',
  'Call-ID: mcl01.fhn2323orihawfdoa3o4r52o3irsdf',
  'CSeq: 15932 OPTIONS',
  'Content-Length: 13',
  'Max-Forwards: 60',
  'Content-Length: 5',
  'Content-Type: text/plain',
  '',
  "There's no way to know how many octets are supposed to be here.",
);

/** §3.3.10 bcast: 200 OK with a broadcast Via. */
export const bcast = sip(
  'SIP/2.0 200 OK',
  'Via: SIP/2.0/UDP 192.0.2.198;branch=z9hG4bK1324923',
  'Via: SIP/2.0/UDP 255.255.255.255;branch=z9hG4bK1saber23',
  'Call-ID: bcast.0384840201234ksdfak3j2erwedfsASdf',
  'CSeq: 35 INVITE',
  'From: sip:user@example.com;tag=11141343',
  'To: sip:user@example.edu;tag=2229',
  'Content-Length: 0',
  'Contact: <sip:user@host28.example.com>',
  '',
  '',
);

/** §3.3.11 zeromf: Max-Forwards of zero. */
export const zeromf = sip(
  'OPTIONS sip:user@example.com SIP/2.0',
  'To: sip:user@example.com',
  'From: sip:caller@example.net;tag=3ghsd41',
  'Call-ID: zeromf.jfasdlfnm2o2l43r5u0asdfas',
  'CSeq: 39234321 OPTIONS',
  'Via: SIP/2.0/UDP host1.example.com;branch=z9hG4bKkdjuw2349i',
  'Max-Forwards: 0',
  'Content-Length: 0',
  '',
  '',
);

const register = (callId: string, contact: string): string =>
  sip(
    'REGISTER sip:example.com SIP/2.0',
    'Via: SIP/2.0/UDP saturn.example.com:5060;branch=z9hG4bKkdjuw',
    'Max-Forwards: 70',
    'From: sip:watson@example.com;tag=DkfVgjkrtMwaerKKpe',
    'To: sip:watson@example.com',
    `Call-ID: ${callId}`,
    'CSeq: 2 REGISTER',
    contact,
    'l: 0',
    '',
    '',
  );

/** §3.3.12 cparam01: a Contact header parameter (addr-spec form). */
export const cparam01 = register(
  'cparam01.70710@saturn.example.com',
  'Contact: sip:+19725552222@gw1.example.net;unknownparam',
);
/** §3.3.13 cparam02: a Contact URI parameter (name-addr form). */
export const cparam02 = register(
  'cparam02.70710@saturn.example.com',
  'Contact: <sip:+19725552222@gw1.example.net;unknownparam>',
);
/** §3.3.14 regescrt: a Contact URI with an escaped header, properly enclosed. */
export const regescrt = register(
  'regescrt.k345asrl3fdbv@192.0.2.1',
  'M: <sip:user@example.com?Route=%3Csip:sip.example.com%3E>',
);

/** §3.3.15 sdp01: unacceptable Accept offering. */
export const sdp01 = sip(
  'INVITE sip:user@example.com SIP/2.0',
  'To: sip:j_user@example.com',
  'Contact: <sip:caller@host15.example.net>',
  'From: sip:caller@example.net;tag=234',
  'Max-Forwards: 5',
  'Call-ID: sdp01.ndaksdj9342dasdd',
  'Accept: text/nobodyKnowsThis',
  'CSeq: 8 INVITE',
  'Via: SIP/2.0/UDP 60.0.0.1;branch=z9hG4bKkdjuw',
  'Content-Length: 150',
  'Content-Type: application/sdp',
  '',
  rfc4475Sdp('192.0.2.5'),
);

/** §3.4.1 inv2543: RFC 2543 syntax (no branch, no tags, no Max-Forwards, no Content-Length). */
export const inv2543 = sip(
  'INVITE sip:UserB@example.com SIP/2.0',
  'Via: SIP/2.0/UDP iftgw.example.com',
  'From: <sip:+13035551111@ift.client.example.net;user=phone>',
  'Record-Route: <sip:UserB@example.com;maddr=ss1.example.com>',
  'To: sip:+16505552222@ss1.example.net;user=phone',
  'Call-ID: inv2543.1717@ift.client.example.com',
  'CSeq: 56 INVITE',
  'Content-Type: application/sdp',
  '',
  rfc4475Sdp('192.0.2.5'),
);
