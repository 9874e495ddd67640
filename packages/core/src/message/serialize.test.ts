import { describe, expect, it } from 'vitest';
import { SipSerializeError } from './sip-serialize-error.js';
import { parseMessage } from './parse-message.js';
import {
  defaultReasonPhrase,
  serializeMessage,
  serializeRequest,
  serializeResponse,
} from './serialize.js';
import type { HeaderEntry } from './serialize.js';

const HEADERS: HeaderEntry[] = [
  ['Via', 'SIP/2.0/WSS x.invalid;branch=z9hG4bK1'],
  ['Max-Forwards', '70'],
  ['To', '<sip:bob@example.com>'],
  ['From', '"Alice" <sip:alice@example.com>;tag=1'],
  ['Call-ID', 'c1'],
  ['CSeq', '1 MESSAGE'],
];

describe('serializeRequest', () => {
  it('writes the start line, headers in order, Content-Length and the body', () => {
    expect(
      serializeRequest({
        method: 'MESSAGE',
        ruri: 'sip:bob@example.com',
        headers: HEADERS,
        body: 'hé',
      }),
    ).toBe(
      'MESSAGE sip:bob@example.com SIP/2.0\r\n' +
        'Via: SIP/2.0/WSS x.invalid;branch=z9hG4bK1\r\n' +
        'Max-Forwards: 70\r\n' +
        'To: <sip:bob@example.com>\r\n' +
        'From: "Alice" <sip:alice@example.com>;tag=1\r\n' +
        'Call-ID: c1\r\n' +
        'CSeq: 1 MESSAGE\r\n' +
        'Content-Length: 3\r\n' +
        '\r\n' +
        'hé',
    );
  });

  it('replaces a given Content-Length in place with the computed one', () => {
    const text = serializeRequest({
      method: 'MESSAGE',
      ruri: 'sip:bob@example.com',
      headers: [...HEADERS.slice(0, 2), ['l', '999'], ['content-length', '1'], ...HEADERS.slice(2)],
    });
    expect(text).toContain('Max-Forwards: 70\r\nl: 0\r\nTo:');
    expect(text.match(/content-length|\r\nl:/gi)).toHaveLength(1);
  });

  it('formats URI objects in the request line', () => {
    const text = serializeRequest({
      method: 'OPTIONS',
      ruri: { scheme: 'sip', host: 'example.com', params: { transport: 'ws' } },
      headers: [],
    });
    expect(text.startsWith('OPTIONS sip:example.com;transport=ws SIP/2.0\r\n')).toBe(true);
  });

  it('produces text parseMessage reads back', () => {
    const msg = parseMessage(
      serializeRequest({
        method: 'MESSAGE',
        ruri: 'sip:bob@example.com',
        headers: HEADERS,
        body: 'Zoë 好',
      }),
    );
    expect(msg.body).toBe('Zoë 好');
    expect(msg.from.displayName).toBe('Alice');
  });

  it.each([
    ['a method with a space', { method: 'MES SAGE', ruri: 'sip:a@b', headers: [] }],
    ['a method with CRLF', { method: 'MESSAGE\r\n', ruri: 'sip:a@b', headers: [] }],
    ['an empty method', { method: '', ruri: 'sip:a@b', headers: [] }],
    ['a URI with CRLF', { method: 'MESSAGE', ruri: 'sip:a@b\r\nX: 1', headers: [] }],
    ['a URI with a space', { method: 'MESSAGE', ruri: 'sip:a@b SIP/2.0', headers: [] }],
    ['an empty URI', { method: 'MESSAGE', ruri: '', headers: [] }],
    ['a URI with headers', { method: 'MESSAGE', ruri: 'sip:a@b?subject=x', headers: [] }],
    [
      'a URI object with headers',
      { method: 'MESSAGE', ruri: { scheme: 'sip', host: 'b', headers: { a: 'b' } }, headers: [] },
    ],
    ['a header name with CRLF', { method: 'M', ruri: 'sip:a@b', headers: [['X\r\nY', 'v']] }],
    ['a header name with a colon', { method: 'M', ruri: 'sip:a@b', headers: [['X:Y', 'v']] }],
    ['an empty header name', { method: 'M', ruri: 'sip:a@b', headers: [['', 'v']] }],
    ['a header value with CR', { method: 'M', ruri: 'sip:a@b', headers: [['X', 'a\rb']] }],
    ['a header value with LF', { method: 'M', ruri: 'sip:a@b', headers: [['X', 'a\nVia: evil']] }],
    ['a header value with NUL', { method: 'M', ruri: 'sip:a@b', headers: [['X', 'a\0b']] }],
  ] as const)('refuses %s', (_what, request) => {
    expect(() => serializeRequest(request)).toThrow(SipSerializeError);
  });
});

describe('serializeResponse', () => {
  it('uses the standard reason phrase by default', () => {
    expect(serializeResponse({ status: 486, headers: [] })).toBe(
      'SIP/2.0 486 Busy Here\r\nContent-Length: 0\r\n\r\n',
    );
    expect(serializeResponse({ status: 299, headers: [] }).startsWith('SIP/2.0 299 \r\n')).toBe(
      true,
    );
    expect(defaultReasonPhrase(200)).toBe('OK');
  });

  it('keeps a given reason, including UTF-8', () => {
    expect(
      serializeResponse({ status: 200, reason: 'Très bien', headers: [] }).startsWith(
        'SIP/2.0 200 Très bien\r\n',
      ),
    ).toBe(true);
  });

  it.each([
    ['a status below 100', { status: 99, headers: [] }],
    ['a status above 699', { status: 700, headers: [] }],
    ['a fractional status', { status: 200.5, headers: [] }],
    ['a reason with CRLF', { status: 200, reason: 'OK\r\nX: 1', headers: [] }],
  ] as const)('refuses %s', (_what, response) => {
    expect(() => serializeResponse(response)).toThrow(SipSerializeError);
  });

  it('dispatches on the kind of description', () => {
    expect(serializeMessage({ status: 200, headers: [] }).startsWith('SIP/2.0 200 OK')).toBe(true);
    expect(
      serializeMessage({ method: 'BYE', ruri: 'sip:a@b', headers: [] }).startsWith(
        'BYE sip:a@b SIP/2.0',
      ),
    ).toBe(true);
  });
});

describe('defaultReasonPhrase (RFC 3261 §21)', () => {
  it('gives the RFC phrase of every code the table holds, and nothing for others', () => {
    const expected: [number, string][] = [
      [100, 'Trying'],
      [180, 'Ringing'],
      [181, 'Call Is Being Forwarded'],
      [182, 'Queued'],
      [183, 'Session Progress'],
      [200, 'OK'],
      [202, 'Accepted'],
      [204, 'No Notification'],
      [300, 'Multiple Choices'],
      [301, 'Moved Permanently'],
      [302, 'Moved Temporarily'],
      [305, 'Use Proxy'],
      [380, 'Alternative Service'],
      [400, 'Bad Request'],
      [401, 'Unauthorized'],
      [402, 'Payment Required'],
      [403, 'Forbidden'],
      [404, 'Not Found'],
      [405, 'Method Not Allowed'],
      [406, 'Not Acceptable'],
      [407, 'Proxy Authentication Required'],
      [408, 'Request Timeout'],
      [410, 'Gone'],
      [413, 'Request Entity Too Large'],
      [414, 'Request-URI Too Long'],
      [415, 'Unsupported Media Type'],
      [416, 'Unsupported URI Scheme'],
      [420, 'Bad Extension'],
      [421, 'Extension Required'],
      [422, 'Session Interval Too Small'],
      [423, 'Interval Too Brief'],
      [480, 'Temporarily Unavailable'],
      [481, 'Call/Transaction Does Not Exist'],
      [482, 'Loop Detected'],
      [483, 'Too Many Hops'],
      [484, 'Address Incomplete'],
      [485, 'Ambiguous'],
      [486, 'Busy Here'],
      [487, 'Request Terminated'],
      [488, 'Not Acceptable Here'],
      [489, 'Bad Event'],
      [491, 'Request Pending'],
      [493, 'Undecipherable'],
      [500, 'Server Internal Error'],
      [501, 'Not Implemented'],
      [502, 'Bad Gateway'],
      [503, 'Service Unavailable'],
      [504, 'Server Time-out'],
      [505, 'Version Not Supported'],
      [513, 'Message Too Large'],
      [600, 'Busy Everywhere'],
      [603, 'Decline'],
      [604, 'Does Not Exist Anywhere'],
      [606, 'Not Acceptable'],
    ];
    for (const [status, phrase] of expected) expect(defaultReasonPhrase(status)).toBe(phrase);
    for (let status = 100; status < 700; status++) {
      if (!expected.some(([code]) => code === status)) expect(defaultReasonPhrase(status)).toBe('');
    }
  });
});
