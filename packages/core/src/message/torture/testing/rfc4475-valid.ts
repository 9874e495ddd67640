// RFC 4475 §3.1.1: valid messages. Test vectors reproduced from the RFC with CRLF line ends;
// where the RFC elides binary data or long repetitions, the note says what stands in for it.
import { byteLength, rfc4475Sdp, sip } from './wire.js';

/** §3.1.1.1 wsinv: a short tortuous INVITE (folding, LWS everywhere, compact forms). */
export const wsinv = sip(
  'INVITE sip:vivekg@chair-dnrc.example.com;unknownparam SIP/2.0',
  'TO :',
  ' sip:vivekg@chair-dnrc.example.com ;   tag    = 1918181833n',
  'from   : "J Rosenberg \\\\\\""       <sip:jdrosen@example.com>',
  '  ;',
  '  tag = 98asjd8',
  'MaX-fOrWaRdS: 0068',
  'Call-ID: wsinv.ndaksdj@192.0.2.1',
  'Content-Length   : 150',
  'cseq: 0009',
  '  INVITE',
  'Via  : SIP  /   2.0',
  ' /UDP',
  '    192.0.2.2;branch=390skdjuw',
  's :',
  'NewFangledHeader:   newfangled value',
  ' continued newfangled value',
  'UnknownHeaderWithUnusualValue: ;;,,;;,;',
  'Content-Type: application/sdp',
  'Route:',
  ' <sip:services.example.com;lr;unknownwith=value;unknown-no-value>',
  'v:  SIP  / 2.0  / TCP     spindle.example.com   ;',
  '  branch  =   z9hG4bK9ikj8  ,',
  ' SIP  /    2.0   / UDP  192.168.255.111   ; branch=',
  ' z9hG4bK30239',
  'm:"Quoted string \\"\\"" <sip:jdrosen@example.com> ; newparam =',
  '      newvalue ;',
  '  secondparam ; q = 0.33',
  '',
  rfc4475Sdp('192.0.2.3', '192.0.2.4'),
);

/** §3.1.1.2 intmeth: every token character, quoted-pairs of BEL/NUL/DEL, UTF-8 values. */
export const intmeth = sip(
  "!interesting-Method0123456789_*+`.%indeed'~ sip:1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*:&it+has=1,weird!*pas$wo~d_too.(doesn't-it)@example.com SIP/2.0",
  "Via: SIP/2.0/TCP host1.example.com;branch=z9hG4bK-.!%66*_+`'~",
  'To: "BEL:\\\x07 NUL:\\\x00 DEL:\\\x7f" <sip:1_unusual.URI~(to-be!sure)&isn\'t+it$/crazy?,/;;*@example.com>',
  "From: token1~` token2'+_ token3*%!.- <sip:mundane@example.com> ;fromParam''~+*_!.-%=\"работающий\";tag=_token~1'+`*%!-.",
  'Call-ID: intmeth.word%ZK-!.*_+\'@word`~)(><:\\/"][?}{',
  "CSeq: 139122385 !interesting-Method0123456789_*+`.%indeed'~",
  'Max-Forwards: 255',
  "extensionHeader-!.%*+_`'~:\ufeff大停電",
  'Content-Length: 0',
  '',
  '',
);

/** §3.1.1.3 esc01: valid %-escapes in user parts and URI parameters. */
export const esc01 = sip(
  'INVITE sip:sips%3Auser%40example.com@example.net SIP/2.0',
  'To: sip:%75se%72@example.com',
  'From: <sip:I%20have%20spaces@example.net>;tag=938',
  'Max-Forwards: 87',
  'i: esc01.239409asdfakjkn23onasd0-3234',
  'CSeq: 234234 INVITE',
  'Via: SIP/2.0/UDP host5.example.net;branch=z9hG4bKkdjuw',
  'C: application/sdp',
  'Contact:',
  '  <sip:cal%6Cer@host5.example.net;%6C%72;n%61me=v%61lue%25%34%31>',
  'Content-Length: 150',
  '',
  rfc4475Sdp('192.0.2.1'),
);

/** §3.1.1.4 escnull: escaped NULs in URIs. */
export const escnull = sip(
  'REGISTER sip:example.com SIP/2.0',
  'To: sip:null-%00-null@example.com',
  'From: sip:null-%00-null@example.com;tag=839923423',
  'Max-Forwards: 70',
  'Call-ID: escnull.39203ndfvkjdasfkq3w4otrq0adsfdfnavd',
  'CSeq: 14398234 REGISTER',
  'Via: SIP/2.0/UDP host5.example.com;branch=z9hG4bKkdjuw',
  'Contact: <sip:%00@host5.example.com>',
  'Contact: <sip:%00%00@host5.example.com>',
  'L:0',
  '',
  '',
);

/** §3.1.1.5 esc02: % that is not an escape (method, quoted strings, header name). */
export const esc02 = sip(
  'RE%47IST%45R sip:registrar.example.com SIP/2.0',
  'To: "%Z%45" <sip:resource@example.com>',
  'From: "%Z%45" <sip:resource@example.com>;tag=f232jadfj23',
  'Call-ID: esc02.asdfnqwo34rq23i34jrjasdcnl23nrlknsdf',
  'Via: SIP/2.0/TCP host.example.com;branch=z9hG4bK209%fzsnel234',
  'CSeq: 29344 RE%47IST%45R',
  'Max-Forwards: 70',
  'Contact: <sip:alias1@host1.example.com>',
  'C%6Fntact: <sip:alias2@host2.example.com>',
  'Contact: <sip:alias3@host3.example.com>',
  'l: 0',
  '',
  '',
);

/** §3.1.1.6 lwsdisp: no LWS between display name and <. */
export const lwsdisp = sip(
  'OPTIONS sip:user@example.com SIP/2.0',
  'To: sip:user@example.com',
  'From: caller<sip:caller@example.com>;tag=323',
  'Max-Forwards: 70',
  'Call-ID: lwsdisp.1234abcd@funky.example.com',
  'CSeq: 60 OPTIONS',
  'Via: SIP/2.0/UDP funky.example.com;branch=z9hG4bKkdjuw',
  'l: 0',
  '',
  '',
);

const longTag = 'longreq.one' + 'really'.repeat(100) + 'long';
/** §3.1.1.7 longreq: very long values (the RFC's repetitions are expanded here). */
export const longreq = sip(
  'INVITE sip:user@example.com SIP/2.0',
  `To: "I have a user name of ${'extreme'.repeat(10)} proportion" <sip:user@example.com:6000;unknownparam1=very${'long'.repeat(20)}value;longparam${'name'.repeat(25)}=shortvalue;very${'long'.repeat(25)}ParameterNameWithNoValue>`,
  `F: sip:${'amazinglylongcallername'.repeat(5)}@example.net;tag=12${'982'.repeat(50)}424;unknownheaderparam${'name'.repeat(20)}=unknowheaderparam${'value'.repeat(15)};unknownValueless${'paramname'.repeat(10)}`,
  `Call-ID: ${longTag}`,
  'CSeq: 3882340 INVITE',
  `Unknown-${'Long'.repeat(20)}-Name: unknown-${'long'.repeat(20)}-value; unknown-${'long'.repeat(20)}-parameter-name = unknown-${'long'.repeat(20)}-parameter-value`,
  ...Array.from(
    { length: 34 },
    (_v, i) =>
      `Via: SIP/2.0/TCP sip${i + 1}.example.com:5060;branch=z9hG4bK${'longbranch'.repeat(5)}${i}`,
  ),
  `Contact: <sip:amazinglylongcallername${'x'.repeat(200)}@host5.example.net>`,
  'Content-Type: application/sdp',
  `l: ${byteLength(rfc4475Sdp('192.0.2.1'))}`,
  '',
  rfc4475Sdp('192.0.2.1'),
);
export const longreqCallId = longTag;

/** §3.1.1.8 dblreq: extra octets after Content-Length (a second request) are ignored. */
export const dblreqFirst = sip(
  'REGISTER sip:example.com SIP/2.0',
  'To: sip:j.user@example.com',
  'From: sip:j.user@example.com;tag=43251j3j324',
  'Max-Forwards: 8',
  'I: dblreq.0ha0isndaksdj99sdfafnl3lk233412',
  'Contact: sip:j.user@host.example.com',
  'CSeq: 8 REGISTER',
  'Via: SIP/2.0/UDP 192.0.2.125;branch=z9hG4bKkdjuw23492',
  'Content-Length: 0',
  '',
  '',
);
export const dblreq =
  dblreqFirst +
  sip(
    'INVITE sip:joe@example.com SIP/2.0',
    't: sip:joe@example.com',
    'From: sip:caller@example.net;tag=141334',
    'Max-Forwards: 8',
    'Call-ID: dblreq.0ha0isnda977644900765@192.0.2.15',
    'CSeq: 8 INVITE',
    'Via: SIP/2.0/UDP 192.0.2.15;branch=z9hG4bKkdjuw380234',
    'Content-Type: application/sdp',
    'Content-Length: 150',
    '',
    rfc4475Sdp('192.0.2.15'),
  );

/** §3.1.1.9 semiuri: semicolons in the user part of the Request-URI; a folded Accept list. */
export const semiuri = sip(
  'OPTIONS sip:user;par=u%40example.net@example.com SIP/2.0',
  'To: sip:j_user@example.com',
  'From: sip:caller@example.org;tag=33242',
  'Max-Forwards: 3',
  'Call-ID: semiuri.0ha0isndaksdj',
  'CSeq: 8 OPTIONS',
  'Accept: application/sdp, application/pkcs7-mime,',
  '        multipart/mixed, multipart/signed,',
  '        message/sip, message/sipfrag',
  'Via: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bKkdjuw',
  'l: 0',
  '',
  '',
);

/** §3.1.1.10 transports: varied and unknown Via transports. */
export const transports = sip(
  'OPTIONS sip:user@example.com SIP/2.0',
  'To: sip:user@example.com',
  'From: <sip:caller@example.com>;tag=323',
  'Max-Forwards: 70',
  'Call-ID:  transports.kijh4akdnaqjkwendsasfdj',
  'Accept: application/sdp',
  'CSeq: 60 OPTIONS',
  'Via: SIP/2.0/UDP t1.example.com;branch=z9hG4bKkdjuw',
  'Via: SIP/2.0/SCTP t2.example.com;branch=z9hG4bKklasjdhf',
  'Via: SIP/2.0/TLS t3.example.com;branch=z9hG4bK2980unddj',
  'Via: SIP/2.0/UNKNOWN t4.example.com;branch=z9hG4bKasd0f3en',
  'Via: SIP/2.0/TCP t5.example.com;branch=z9hG4bK0a9idfnee',
  'l: 0',
  '',
  '',
);

// The RFC's 325 octets of binary data are not UTF-8; a WebSocket text frame could not carry
// them, so 325 octets of 7-bit data stand in for them here.
const mpartBinary = Array.from({ length: 325 }, (_v, i) =>
  String.fromCharCode(33 + ((i * 7) % 90)),
).join('');
export const mpart01Body = sip(
  '--7a9cbec02ceef655',
  'Content-Type: text/plain',
  'Content-Transfer-Encoding: binary',
  '',
  'Hello',
  '--7a9cbec02ceef655',
  'Content-Type: application/octet-stream',
  'Content-Transfer-Encoding: binary',
  '',
  mpartBinary,
  '--7a9cbec02ceef655--',
  '',
);
/** §3.1.1.11 mpart01: a multipart body, and an Identity header folded over four lines. */
export const mpart01 = sip(
  'MESSAGE sip:kumiko@example.org SIP/2.0',
  'Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK-d87543-4dade06d0bdb11ee-1--d87543-;rport',
  'Max-Forwards: 70',
  'Route: <sip:127.0.0.1:5080>',
  'Identity: r5mwreLuyDRYBi/0TiPwEsY3rEVsk/G2WxhgTV1PF7hHuL',
  ' IK0YWVKZhKv9Mj8UeXqkMVbnVq37CD+813gvYjcBUaZngQmXc9WNZSDN',
  ' GCzA+fWl9MEUHWIZo1CeJebdY/XlgKeTa0Olvq0rt70Q5jiSfbqMJmQF',
  ' teeivUhkMWYUA=',
  'Contact: <sip:fluffy@127.0.0.1:5070>',
  'To: <sip:kumiko@example.org>',
  'From: <sip:fluffy@example.com>;tag=2fb0dcc9',
  'Call-ID: 3d9485ad0c49859b@Zmx1ZmZ5LW1hYy0xNi5sb2NhbA..',
  'CSeq: 1 MESSAGE',
  'Content-Transfer-Encoding: binary',
  'Content-Type: multipart/mixed;boundary=7a9cbec02ceef655',
  'Date: Sat, 15 Oct 2005 04:44:56 GMT',
  'User-Agent: SIPimp.org/0.2.5 (curses)',
  `Content-Length: ${byteLength(mpart01Body)}`,
  '',
  mpart01Body,
);

const unreasonBody = rfc4475Sdp('192.0.2.198');
/** §3.1.1.12 unreason: a UTF-8 reason phrase full of odd characters. */
export const unreason = sip(
  'SIP/2.0 200 = 2**3 * 5**2 но сто девяносто девять - простое',
  'Via: SIP/2.0/UDP 192.0.2.198;branch=z9hG4bK1324923',
  'Call-ID: unreason.1234ksdfak3j2erwedfsASdf',
  'CSeq: 35 INVITE',
  'From: sip:user@example.com;tag=11141343',
  'To: sip:user@example.edu;tag=2229',
  `Content-Length: ${byteLength(unreasonBody)}`,
  'Content-Type: application/sdp',
  'Contact: <sip:user@host198.example.com>',
  '',
  unreasonBody,
);

/** §3.1.1.13 noreason: an empty reason phrase (the SP after the code is there). */
export const noreason = sip(
  'SIP/2.0 100 ',
  'Via: SIP/2.0/UDP 192.0.2.105;branch=z9hG4bK2398ndaoe',
  'Call-ID: noreason.asndj203insdf99223ndf',
  'CSeq: 35 INVITE',
  'From: <sip:user@example.com>;tag=39ansfi3',
  'To: <sip:user@example.edu>;tag=902jndnke3',
  'Content-Length: 0',
  '',
  '',
);
