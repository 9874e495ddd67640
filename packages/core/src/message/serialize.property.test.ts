// Property tests for the serializer: round trips through parseMessage keep every value, and no
// value carrying CR, LF or an unescaped control character ever reaches the wire.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SipSerializeError } from './sip-serialize-error.js';
import { formatNameAddr } from './name-addr.js';
import { parseMessage } from './parse-message.js';
import { serializeRequest, serializeResponse, type HeaderEntry } from './serialize.js';
import type { SipUriInit } from './uri.js';
import { formatVia } from './via.js';

const RUNS = Number(process.env['SIPKIT_FUZZ_RUNS']) || 2_000;
const TIMEOUT = RUNS > 10_000 ? 24 * 3_600_000 : 60_000;

const token = fc.stringMatching(/^[A-Za-z0-9\-.!%*_+`'~]{1,12}$/);
const lowerToken = fc.stringMatching(/^[a-z0-9\-.!%*_+`'~]{1,10}$/);
const unicode = (maxLength: number): fc.Arbitrary<string> =>
  fc.string({ unit: 'grapheme', maxLength });
const withoutBreaks = (text: string): string => text.replace(/[\r\n\0]/g, '');
const label = fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,8}[a-z0-9])?$/);
const hostname = fc.array(label, { minLength: 1, maxLength: 4 }).map((labels) => labels.join('.'));
const host = fc.oneof(
  hostname.map((name) => ({ written: name, parsed: name })),
  fc.ipV4().map((ip) => ({ written: ip, parsed: ip })),
  fc.ipV6().map((ip) => ({ written: ip, parsed: `[${ip}]` })),
);
const port = fc.option(fc.integer({ min: 0, max: 65535 }), { nil: undefined });

const uriArb = fc.record({
  scheme: fc.constantFrom('sip' as const, 'sips' as const),
  user: fc.option(
    unicode(12).filter((user) => user.length > 0),
    { nil: undefined },
  ),
  host,
  port,
  params: fc.dictionary(lowerToken, unicode(8), { maxKeys: 3 }),
  headers: fc.dictionary(token, unicode(8), { maxKeys: 2 }),
});
type UriCase = typeof uriArb extends fc.Arbitrary<infer T> ? T : never;
const toInit = (uri: UriCase): SipUriInit => ({ ...uri, host: uri.host.written });

const nameAddrArb = fc.record({
  displayName: fc.option(unicode(16).map(withoutBreaks), { nil: undefined }),
  uri: uriArb,
  tag: token,
});

const extraHeaders = fc.uniqueArray(
  fc.record({
    name: token.map((name) => `X-${name}`),
    value: fc.stringMatching(/^[\x21-\x7e]([\x20-\x7e\u00e9\u4e00]{0,20}[\x21-\x7e])?$/),
  }),
  { maxLength: 4, selector: (header) => header.name.toLowerCase() },
);

const requestArb = fc.record({
  method: token,
  ruri: uriArb.map((uri) => ({ ...uri, headers: {} })),
  from: nameAddrArb,
  to: nameAddrArb,
  callId: fc.stringMatching(/^[A-Za-z0-9\-.!%*_+`'~()<>:\\"/[\]?{}]{1,20}$/),
  seq: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
  via: fc.record({
    transport: fc.constantFrom('UDP', 'TCP', 'WS', 'WSS'),
    host,
    port,
    branch: token,
  }),
  extra: extraHeaders,
  body: unicode(60),
});

function expectUri(
  parsed: {
    scheme: string;
    user: string | undefined;
    host: string;
    port: number | undefined;
    params: object;
    headers: object;
  },
  expected: UriCase,
): void {
  expect(parsed.scheme).toBe(expected.scheme);
  expect(parsed.user).toBe(expected.user);
  expect(parsed.host).toBe(expected.host.parsed);
  expect(parsed.port).toBe(expected.port);
  expect({ ...parsed.params }).toEqual(expected.params);
  expect({ ...parsed.headers }).toEqual(expected.headers);
}

describe('serializer round trips', () => {
  it(
    'property: serialize(request) then parse gives back the same values',
    () => {
      fc.assert(
        fc.property(requestArb, (request) => {
          const headers: HeaderEntry[] = [
            [
              'Via',
              formatVia({
                transport: request.via.transport,
                host: request.via.host.written,
                port: request.via.port,
                branch: request.via.branch,
              }),
            ],
            ['From', formatNameAddr({ ...request.from, uri: toInit(request.from.uri) })],
            ['To', formatNameAddr({ ...request.to, uri: toInit(request.to.uri) })],
            ['Call-ID', request.callId],
            ['CSeq', `${request.seq} ${request.method}`],
            ...request.extra.map((header): HeaderEntry => [header.name, header.value]),
          ];
          const text = serializeRequest({
            method: request.method,
            ruri: toInit(request.ruri),
            headers,
            body: request.body,
          });
          const msg = parseMessage(text);
          if (msg.kind !== 'request') throw new Error('expected a request');
          expect(msg.method).toBe(request.method);
          expectUri(msg.ruri, request.ruri);
          for (const [parsed, expected] of [
            [msg.from, request.from],
            [msg.to, request.to],
          ] as const) {
            expect(parsed.displayName).toBe(
              expected.displayName === '' ? undefined : expected.displayName,
            );
            expect(parsed.tag).toBe(expected.tag);
            expectUri(parsed.uri, expected.uri);
          }
          expect(msg.callId).toBe(request.callId);
          expect(msg.cseq).toEqual({ seq: request.seq, method: request.method });
          expect(msg.via[0]).toMatchObject({
            transport: request.via.transport,
            host: request.via.host.parsed,
            port: request.via.port,
            branch: request.via.branch,
          });
          for (const header of request.extra) expect(msg.header(header.name)).toBe(header.value);
          expect(msg.body).toBe(request.body);
        }),
        { numRuns: RUNS },
      );
    },
    TIMEOUT,
  );

  it(
    'property: serialize(response) then parse gives back status, reason and body',
    () => {
      fc.assert(
        fc.property(
          fc.integer({ min: 100, max: 699 }),
          unicode(30).map(withoutBreaks),
          unicode(40),
          (status, reason, body) => {
            const text = serializeResponse({
              status,
              reason,
              headers: [
                ['Via', 'SIP/2.0/WSS x.invalid;branch=z9hG4bK1'],
                ['From', '<sip:a@b>;tag=1'],
                ['To', '<sip:c@d>;tag=2'],
                ['Call-ID', 'c'],
                ['CSeq', '1 INVITE'],
              ],
              body,
            });
            const msg = parseMessage(text);
            if (msg.kind !== 'response') throw new Error('expected a response');
            expect([msg.status, msg.reason, msg.body]).toEqual([status, reason, body]);
          },
        ),
        { numRuns: RUNS },
      );
    },
    TIMEOUT,
  );
});

describe('serializer injection safety', () => {
  const lineBreak = fc.constantFrom('\r', '\n', '\r\n');
  const control = fc.constantFrom('\0', '\x01', '\x07', '\x1f', '\x7f');
  // No backslash before the control character: an escaped one is a legal quoted-pair (§25.1).
  const noEscape = fc.string({ maxLength: 10 }).map((text) => text.replace(/\\/g, ''));
  const withBreak = fc
    .tuple(fc.string({ maxLength: 10 }), lineBreak, fc.string({ maxLength: 10 }))
    .map((parts) => parts.join(''));
  const withControl = fc
    .tuple(noEscape, control, fc.string({ maxLength: 10 }))
    .map((parts) => parts.join(''));
  const base = { method: 'MESSAGE', ruri: 'sip:a@b', headers: [['X-A', 'ok']] as HeaderEntry[] };
  const attempts = (evil: string): (() => string)[] => [
    () => serializeRequest({ ...base, headers: [['X-A', evil]] }),
    () => serializeRequest({ ...base, headers: [[evil, 'v']] }),
    () => serializeRequest({ ...base, method: evil }),
    () => serializeRequest({ ...base, ruri: evil }),
    () => serializeResponse({ status: 200, reason: evil, headers: [] }),
  ];

  it(
    'property: any header name, header value, method, URI, reason or display name with CR/LF is refused',
    () => {
      fc.assert(
        fc.property(withBreak, fc.nat(5), (evil, where) => {
          const all = [
            ...attempts(evil),
            () => formatNameAddr({ displayName: evil, uri: 'sip:a@b' }),
          ];
          expect(all[where % all.length]).toThrow(SipSerializeError);
        }),
        { numRuns: RUNS },
      );
    },
    TIMEOUT,
  );

  it(
    'property: an unescaped control character (NUL, BEL, DEL...) is refused where parseMessage refuses it',
    () => {
      fc.assert(
        fc.property(withControl, fc.nat(4), (evil, where) => {
          const all = attempts(evil);
          expect(all[where % all.length]).toThrow(SipSerializeError);
        }),
        { numRuns: RUNS },
      );
    },
    TIMEOUT,
  );

  it(
    'property: URI parts are escaped, so no input to formatUri-based values breaks a line',
    () => {
      fc.assert(
        fc.property(fc.string({ maxLength: 20 }), fc.string({ maxLength: 20 }), (user, value) => {
          let text: string;
          try {
            text = formatNameAddr({
              uri: { scheme: 'sip', user, host: 'h', params: { p: value }, headers: { h: value } },
            });
          } catch (error) {
            // Only lone surrogates cannot be escaped.
            expect(error).toBeInstanceOf(SipSerializeError);
            return;
          }
          expect(text).not.toMatch(/[\r\n\0]/);
        }),
        { numRuns: RUNS },
      );
    },
    TIMEOUT,
  );
});
