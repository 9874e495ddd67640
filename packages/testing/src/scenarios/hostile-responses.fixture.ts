import type { IncomingRequest } from '@sipkit/core';
import { ANSWER_SDP, respond, type Answer } from './hostile-server.fixture.js';

/** One hostile way to answer a request: what a broken or malicious peer or proxy sends back. */
export interface HostileResponse {
  readonly name: string;
  readonly answer: Answer;
  /**
   * Only a provisional response comes: an initial INVITE then rings until the app hangs up
   * (no RFC 3261 timer ends it; a re-INVITE is cancelled by the UA after Timer B's length).
   */
  readonly provisionalOnly?: true;
}

const NUL = '\u0000';
const OUR_CONTACT = (request: IncomingRequest) => request.header('contact') ?? '<sip:x@x.invalid>';
const ok = (request: IncomingRequest, headers: readonly string[], body?: string) =>
  respond(request, {
    status: 200,
    reason: 'OK',
    headers,
    ...(body === undefined ? {} : { body }),
  });
const sdpOk = (request: IncomingRequest, headers: readonly string[] = []) =>
  ok(
    request,
    ['Contact: <sip:bob@peer.invalid>', 'Content-Type: application/sdp', ...headers],
    ANSWER_SDP,
  );
const one =
  (build: (request: IncomingRequest) => string): Answer =>
  (request) => [build(request)];

/**
 * Responses that break, one at a time, what a UA reads in an answer: the status line, the
 * headers matched at the door (Via, CSeq, To tag), those read later (Contact, Expires,
 * Min-Expires, challenges, Record-Route, Session-Expires, Content-Type), the body, the size, NUL
 * bytes, and sequences (a provisional then a broken final, two final answers).
 */
export const HOSTILE_RESPONSES: readonly HostileResponse[] = [
  // --- the status line ---
  {
    name: 'status line garbage',
    answer: one((r) => respond(r, { status: 200, statusLine: 'SIP/2.0 2OO OK' })),
  },
  { name: 'status 700', answer: one((r) => respond(r, { status: 700 })) },
  { name: 'status 99', answer: one((r) => respond(r, { status: 99 })) },
  {
    name: 'SIP/3.0',
    answer: one((r) => respond(r, { status: 200, statusLine: 'SIP/3.0 200 OK' })),
  },
  {
    name: 'NUL in the reason phrase',
    answer: one((r) => respond(r, { status: 486, reason: `Bu${NUL}sy` })),
  },
  { name: 'empty reason phrase, 603', answer: one((r) => respond(r, { status: 603, reason: '' })) },
  // --- what transaction matching reads ---
  {
    name: 'CSeq of another method',
    answer: one((r) => respond(r, { status: 200, replace: { cseq: `CSeq: ${r.cseq.seq} BYE` } })),
  },
  {
    name: 'CSeq number off by one',
    answer: one((r) =>
      respond(r, { status: 200, replace: { cseq: `CSeq: ${r.cseq.seq + 1} ${r.cseq.method}` } }),
    ),
  },
  {
    name: 'CSeq not a number',
    answer: one((r) => respond(r, { status: 200, replace: { cseq: `CSeq: x ${r.cseq.method}` } })),
  },
  {
    name: 'another Via branch',
    answer: one((r) =>
      respond(r, {
        status: 200,
        replace: { via: 'Via: SIP/2.0/WS x.invalid;branch=z9hG4bKother' },
      }),
    ),
  },
  { name: 'no Via', answer: one((r) => respond(r, { status: 200, replace: { via: null } })) },
  { name: 'no To tag on a 2xx', answer: one((r) => sdpOk(r).replace(/;tag=srv/, '')) },
  {
    name: 'NUL in the To display name',
    answer: one((r) =>
      respond(r, {
        status: 200,
        replace: { to: `To: "B${NUL}ob" ${r.header('to') ?? ''};tag=srv` },
      }),
    ),
  },
  {
    name: 'no Call-ID',
    answer: one((r) => respond(r, { status: 200, replace: { 'call-id': null } })),
  },
  // --- headers read later ---
  {
    name: 'malformed Contact',
    answer: one((r) => ok(r, ['Contact: <<<', 'Content-Type: application/sdp'], ANSWER_SDP)),
  },
  {
    name: 'Contact expires=abc',
    answer: one((r) => ok(r, [`Contact: ${OUR_CONTACT(r)};expires=abc`])),
  },
  { name: 'malformed Expires', answer: one((r) => ok(r, ['Expires: soon'])) },
  {
    name: 'Expires 0 for our Contact',
    answer: one((r) => ok(r, [`Contact: ${OUR_CONTACT(r)};expires=0`])),
  },
  {
    name: '423 with malformed Min-Expires',
    answer: one((r) => respond(r, { status: 423, headers: ['Min-Expires: -1'] })),
  },
  { name: '423 without Min-Expires', answer: one((r) => respond(r, { status: 423 })) },
  {
    name: '423 with a huge Min-Expires',
    answer: one((r) => respond(r, { status: 423, headers: ['Min-Expires: 99999999999999999999'] })),
  },
  {
    name: '401 with a malformed challenge',
    answer: one((r) => respond(r, { status: 401, headers: ['WWW-Authenticate: Digest realm'] })),
  },
  { name: '401 without a challenge', answer: one((r) => respond(r, { status: 401 })) },
  {
    name: '401 with an unknown scheme',
    answer: one((r) => respond(r, { status: 401, headers: ['WWW-Authenticate: Foo bar="baz"'] })),
  },
  {
    name: '401 with an unknown algorithm',
    answer: one((r) =>
      respond(r, {
        status: 401,
        headers: ['WWW-Authenticate: Digest realm="r", nonce="n", algorithm=ROT13'],
      }),
    ),
  },
  {
    name: '401 with qop auth-int only',
    answer: one((r) =>
      respond(r, {
        status: 401,
        headers: ['WWW-Authenticate: Digest realm="r", nonce="n", qop="auth-int"'],
      }),
    ),
  },
  {
    name: '401 with a NUL in the nonce',
    answer: one((r) =>
      respond(r, { status: 401, headers: [`WWW-Authenticate: Digest realm="r", nonce="n${NUL}"`] }),
    ),
  },
  {
    name: '401 with a valid challenge, forever',
    answer: one((r) =>
      respond(r, {
        status: 401,
        headers: ['WWW-Authenticate: Digest realm="r", nonce="abc", qop="auth"'],
      }),
    ),
  },
  {
    name: '407 with a malformed challenge',
    answer: one((r) => respond(r, { status: 407, headers: ['Proxy-Authenticate: Digest nonce'] })),
  },
  {
    name: '407 with a 10 KB realm',
    answer: one((r) =>
      respond(r, {
        status: 407,
        headers: [`Proxy-Authenticate: Digest realm="${'r'.repeat(10_000)}", nonce="n"`],
      }),
    ),
  },
  {
    name: 'malformed Record-Route',
    answer: one((r) => sdpOk(r, ['Record-Route: <sip:proxy.invalid;lr'])),
  },
  {
    name: 'malformed Session-Expires',
    answer: one((r) => sdpOk(r, ['Session-Expires: soon', 'Require: timer'])),
  },
  {
    name: 'Require of an unknown extension',
    answer: one((r) => sdpOk(r, ['Require: frobnicate'])),
  },
  {
    name: '422 with malformed Min-SE',
    answer: one((r) => respond(r, { status: 422, headers: ['Min-SE: x'] })),
  },
  {
    name: '422 with a huge Min-SE',
    answer: one((r) => respond(r, { status: 422, headers: ['Min-SE: 99999999999'] })),
  },
  {
    name: '503 with malformed Retry-After',
    answer: one((r) => respond(r, { status: 503, headers: ['Retry-After: later'] })),
  },
  {
    name: '302 with malformed Contact',
    answer: one((r) => respond(r, { status: 302, headers: ['Contact: <<sip:'] })),
  },
  // --- bodies ---
  {
    name: 'Content-Type garbage',
    answer: one((r) => ok(r, ['Contact: <sip:bob@peer.invalid>', 'Content-Type: ///'], ANSWER_SDP)),
  },
  {
    name: 'SDP garbage',
    answer: one((r) =>
      ok(
        r,
        ['Contact: <sip:bob@peer.invalid>', 'Content-Type: application/sdp'],
        'this is not SDP',
      ),
    ),
  },
  {
    name: 'no body on a 2xx to INVITE',
    answer: one((r) => ok(r, ['Contact: <sip:bob@peer.invalid>'])),
  },
  {
    name: 'Content-Length beyond the body',
    answer: one((r) => respond(r, { status: 200, body: 'x', contentLength: '500' })),
  },
  {
    name: 'Content-Length not a number',
    answer: one((r) => respond(r, { status: 200, contentLength: 'many' })),
  },
  // --- size ---
  { name: '200 KB header', answer: one((r) => sdpOk(r, [`X-Big: ${'a'.repeat(200_000)}`])) },
  {
    name: '300 KB message (over the parser cap)',
    answer: one((r) => sdpOk(r, [`X-Big: ${'a'.repeat(300_000)}`])),
  },
  {
    name: '200 KB display name in To',
    answer: one((r) => sdpOk(r).replace(/^To: /m, `To: "${'N'.repeat(200_000)}" `)),
  },
  {
    name: '5,000 Record-Route entries',
    answer: one((r) =>
      sdpOk(r, [
        `Record-Route: ${Array.from({ length: 5000 }, (_, i) => `<sip:p${i}.invalid;lr>`).join(',')}`,
      ]),
    ),
  },
  // --- sequences ---
  { name: 'silence', answer: () => [] },
  {
    name: '180 with a malformed Contact, then 486',
    answer: (r) => [
      respond(r, { status: 180, headers: ['Contact: <<<'] }),
      respond(r, { status: 486 }),
    ],
  },
  {
    name: '183 with garbage SDP, then 200',
    answer: (r) => [
      respond(r, { status: 183, headers: ['Content-Type: application/sdp'], body: 'v=garbage' }),
      sdpOk(r),
    ],
  },
  {
    name: 'two 2xx with different To tags',
    answer: (r) => [sdpOk(r), sdpOk(r).replace(/;tag=srv/, ';tag=other')],
  },
  { name: '200 then 486', answer: (r) => [sdpOk(r), respond(r, { status: 486 })] },
  { name: '491 to everything', answer: one((r) => respond(r, { status: 491 })) },
  { name: '100 only', answer: one((r) => respond(r, { status: 100 })), provisionalOnly: true },
];
