// Property tests: whatever the input, parseMessage and every accessor of the message it returns
// either succeed or throw SipParseError, never anything else. `pnpm fuzz` runs them with
// SIPKIT_FUZZ_RUNS=1000000; the default is sized for CI.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SipParseError } from './sip-parse-error.js';
import type { IncomingMessage } from './incoming-message.js';
import { createResponse } from './create-response.js';
import { formatNameAddr, type NameAddr } from './name-addr.js';
import { parseMessage } from './parse-message.js';
import { serializeMessage, type HeaderEntry, type OutgoingMessage } from './serialize.js';
import type { TypedHeaderName } from './typed-headers.js';
import * as valid from './torture/testing/rfc4475-valid.js';
import * as v6 from './torture/testing/rfc5118.js';

const RUNS = Number(process.env['SIPKIT_FUZZ_RUNS']) || 3_000;
// A million runs take minutes; the per-test timeout must not cut the fuzz run short.
const TIMEOUT = RUNS > 10_000 ? 24 * 3_600_000 : 60_000;

/** Reads everything a message offers, so lazy parsing is exercised too. */
function exercise(message: IncomingMessage): void {
  void (message.kind === 'request'
    ? [message.method, message.requestUri]
    : [message.status, message.reason]);
  void [
    message.callId,
    message.cseq,
    message.from.uri.host,
    message.to.tag,
    message.via[0]?.branch,
    message.body,
  ];
  void message.toString();
  if (message.kind === 'request') expectOnlyParseErrors(() => message.ruri);
  for (const header of message.rawHeaders) {
    void message.header(header.name);
    void message.headers(header.name);
    // Every name, typed or not: untyped JavaScript callers can pass anything.
    expectOnlyParseErrors(() => message.parsed(header.name as TypedHeaderName));
  }
}

function expectOnlyParseErrors(run: () => unknown): void {
  try {
    run();
  } catch (error) {
    if (!(error instanceof SipParseError)) throw error;
  }
}

/**
 * What the parser accepts, the serializer writes (issue 19: a NUL the parser let through made the
 * 400 reply throw): the message as it came, a 400 to it with its Via, From, To and Record-Route
 * copied, and its From and To formatted from their parsed parts.
 */
function reserializes(text: string): void {
  let message: IncomingMessage;
  try {
    message = parseMessage(text);
  } catch (error) {
    if (error instanceof SipParseError) return;
    throw error;
  }
  const headers: HeaderEntry[] = message.rawHeaders.map((h) => [h.name, h.value]);
  const same: OutgoingMessage =
    message.kind === 'request'
      ? { method: message.method, ruri: message.requestUri, headers, body: message.body }
      : { status: message.status, reason: message.reason, headers, body: message.body };
  serializeMessage(same);
  if (message.kind === 'request') {
    serializeMessage(createResponse(message, 400, undefined, { toTag: 't', recordRoute: true }));
  }
  const format = (nameAddr: NameAddr): string =>
    formatNameAddr({
      displayName: nameAddr.displayName,
      uri: nameAddr.uri,
      params: nameAddr.params,
    });
  format(message.from);
  format(message.to);
}

/** The property itself: parse, then read everything; only SipParseError may escape. */
function parsesOrRefuses(text: string): void {
  let message: IncomingMessage;
  try {
    message = parseMessage(text);
  } catch (error) {
    if (error instanceof SipParseError) return;
    throw error;
  }
  exercise(message);
}

const SEEDS: readonly string[] = [
  valid.wsinv,
  valid.intmeth,
  valid.esc01,
  valid.esc02,
  valid.escnull,
  valid.mpart01,
  valid.unreason,
  valid.semiuri,
  v6.viaReceivedNoDelim,
  v6.ipv4MappedIpv6,
  [
    'REGISTER sip:example.com SIP/2.0',
    'Via: SIP/2.0/WSS df7jal23ls0d.invalid;branch=z9hG4bKnashds7;rport',
    'Max-Forwards: 70',
    'To: <sip:alice@example.com>',
    'From: "Zoë" <sip:alice@example.com>;tag=x',
    'Call-ID: reg1',
    'CSeq: 2 REGISTER',
    'Contact: <sip:a@b.invalid;transport=ws>;+sip.instance="<urn:uuid:1>";reg-id=1;expires=600',
    'Authorization: Digest username="alice", realm="r", nonce="n", uri="sip:example.com", response="0", qop=auth, nc=00000001, cnonce="c"',
    'Supported: path, gruu, outbound',
    'Session-Expires: 90;refresher=uac',
    'Min-SE: 90',
    'Event: dialog;id=1',
    'Subscription-State: active;expires=60',
    'Reason: SIP;cause=200;text="x"',
    'Refer-To: <sip:b@c?Replaces=a%40b%3Bto-tag%3D1%3Bfrom-tag%3D2>',
    'Replaces: a@b;to-tag=1;from-tag=2',
    'Content-Type: text/plain;charset=utf-8',
    'Content-Length: 5',
    '',
    'héllo',
  ]
    .join('\r\n')
    .replace('Content-Length: 5', 'Content-Length: 6'),
];

// Characters that break parsers: line ends, NUL, quotes, brackets, separators, escapes, non-ASCII.
const NASTY = [
  '\r',
  '\n',
  '\r\n',
  '\0',
  '\\\0',
  '\x07',
  '\x7f',
  '"',
  '\\',
  '<',
  '>',
  '[',
  ']',
  ',',
  ';',
  ':',
  '=',
  ' ',
  '\t',
  '%',
  '@',
  '?',
  'é',
  '\ud800',
  '好',
];

type Mutation =
  | { readonly kind: 'delete-chars'; readonly at: number; readonly length: number }
  | { readonly kind: 'insert'; readonly at: number; readonly text: string }
  | { readonly kind: 'duplicate-chars'; readonly at: number; readonly length: number }
  | { readonly kind: 'swap-chars'; readonly at: number; readonly other: number }
  | { readonly kind: 'delete-line' | 'duplicate-line'; readonly line: number }
  | { readonly kind: 'swap-lines'; readonly line: number; readonly other: number };

const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({
    kind: fc.constant('delete-chars' as const),
    at: fc.nat(),
    length: fc.integer({ min: 1, max: 12 }),
  }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    text: fc.oneof(fc.constantFrom(...NASTY), fc.string({ maxLength: 4 })),
  }),
  fc.record({
    kind: fc.constant('duplicate-chars' as const),
    at: fc.nat(),
    length: fc.integer({ min: 1, max: 40 }),
  }),
  fc.record({ kind: fc.constant('swap-chars' as const), at: fc.nat(), other: fc.nat() }),
  fc.record({
    kind: fc.constantFrom('delete-line' as const, 'duplicate-line' as const),
    line: fc.nat(),
  }),
  fc.record({ kind: fc.constant('swap-lines' as const), line: fc.nat(), other: fc.nat() }),
);

function mutate(text: string, mutation: Mutation): string {
  const length = Math.max(text.length, 1);
  switch (mutation.kind) {
    case 'delete-chars': {
      const at = mutation.at % length;
      return text.slice(0, at) + text.slice(at + mutation.length);
    }
    case 'insert': {
      const at = mutation.at % (text.length + 1);
      return text.slice(0, at) + mutation.text + text.slice(at);
    }
    case 'duplicate-chars': {
      const at = mutation.at % length;
      return text.slice(0, at) + text.slice(at, at + mutation.length) + text.slice(at);
    }
    case 'swap-chars': {
      const chars = [...text];
      const a = mutation.at % Math.max(chars.length, 1);
      const b = mutation.other % Math.max(chars.length, 1);
      [chars[a], chars[b]] = [chars[b] ?? '', chars[a] ?? ''];
      return chars.join('');
    }
    default:
      return mutateLines(text, mutation);
  }
}

function mutateLines(text: string, mutation: Mutation): string {
  const lines = text.split('\r\n');
  if (mutation.kind === 'delete-line') lines.splice(mutation.line % lines.length, 1);
  else if (mutation.kind === 'duplicate-line') {
    const at = mutation.line % lines.length;
    lines.splice(at, 0, lines[at] ?? '');
  } else if (mutation.kind === 'swap-lines') {
    const a = mutation.line % lines.length;
    const b = mutation.other % lines.length;
    [lines[a], lines[b]] = [lines[b] ?? '', lines[a] ?? ''];
  }
  return lines.join('\r\n');
}

describe('parseMessage robustness', () => {
  it('the seed messages are valid (so mutations start from real messages)', () => {
    for (const seed of SEEDS) expect(() => exercise(parseMessage(seed))).not.toThrow();
  });

  it(
    'property: random strings either parse or throw SipParseError',
    () => {
      fc.assert(
        fc.property(
          fc.oneof(fc.string({ unit: 'binary', maxLength: 400 }), fc.string({ maxLength: 400 })),
          parsesOrRefuses,
        ),
        { numRuns: RUNS },
      );
    },
    TIMEOUT,
  );

  it(
    'property: random bytes decoded as UTF-8 or latin1 either parse or throw SipParseError',
    () => {
      const decoders = [new TextDecoder('utf-8'), new TextDecoder('latin1')];
      fc.assert(
        fc.property(fc.uint8Array({ maxLength: 600 }), fc.nat(1), (bytes, which) => {
          parsesOrRefuses(decoders[which]?.decode(bytes) ?? '');
        }),
        { numRuns: RUNS },
      );
    },
    TIMEOUT,
  );

  it(
    'property: random SIP-shaped heads either parse or throw SipParseError',
    () => {
      const line = fc
        .oneof(
          fc.constantFrom(
            'Via',
            'v',
            'From',
            'f',
            'To',
            't',
            'Call-ID',
            'i',
            'CSeq',
            'Contact',
            'm',
            'l',
            'Route',
            'WWW-Authenticate',
            'Content-Type',
            'X',
          ),
          fc.string({ maxLength: 6 }),
        )
        .chain((name) =>
          fc.stringMatching(/^[\x20-\x7e\u00e9]{0,40}$/).map((value) => `${name}: ${value}`),
        );
      fc.assert(
        fc.property(
          fc.constantFrom(
            'INVITE sip:a@b SIP/2.0',
            'SIP/2.0 200 OK',
            'X y z',
            'BYE sip:[::1] SIP/2.0',
          ),
          fc.array(line, { maxLength: 12 }),
          fc.string({ maxLength: 30 }),
          (start, lines, body) => parsesOrRefuses([start, ...lines, '', body].join('\r\n')),
        ),
        { numRuns: RUNS },
      );
    },
    TIMEOUT,
  );

  it(
    'property: mutated valid messages either parse or throw SipParseError',
    () => {
      fc.assert(
        fc.property(
          fc.constantFrom(...SEEDS),
          fc.array(mutationArb, { minLength: 1, maxLength: 6 }),
          (seed, mutations) => {
            parsesOrRefuses(mutations.reduce(mutate, seed));
          },
        ),
        { numRuns: RUNS * 2 },
      );
    },
    TIMEOUT,
  );

  it(
    'property: whatever parses serializes again (as received, as a 400, its From and To)',
    () => {
      fc.assert(
        fc.property(
          fc.constantFrom(...SEEDS),
          fc.array(mutationArb, { minLength: 1, maxLength: 6 }),
          (seed, mutations) => reserializes(mutations.reduce(mutate, seed)),
        ),
        { numRuns: RUNS * 2 },
      );
      fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 400 }), reserializes), {
        numRuns: RUNS,
      });
    },
    TIMEOUT,
  );

  it('every seed (RFC 4475 valid torture messages included) serializes again', () => {
    for (const seed of SEEDS) expect(() => reserializes(seed)).not.toThrow();
  });
});
