import { describe, expect, it } from 'vitest';
import { SipParseError } from './sip-parse-error.js';
import { IncomingRequest, IncomingResponse } from './incoming-message.js';
import { parseMessage } from './parse-message.js';

const crlf = (...lines: string[]): string => lines.join('\r\n');

const INVITE_HEAD = [
  'INVITE sip:bob@biloxi.example.com SIP/2.0',
  'Via: SIP/2.0/WSS pc33.atlanta.example.com;branch=z9hG4bK776asdhds',
  'Max-Forwards: 70',
  'To: Bob <sip:bob@biloxi.example.com>',
  'From: "Alice" <sip:alice@atlanta.example.com>;tag=1928301774',
  'Call-ID: a84b4c76e66710@pc33.atlanta.example.com',
  'CSeq: 314159 INVITE',
  'Contact: <sip:alice@pc33.atlanta.example.com;transport=ws>',
];

function invite(extra: string[] = [], body = ''): string {
  return crlf(
    ...INVITE_HEAD,
    ...extra,
    `Content-Length: ${new TextEncoder().encode(body).length}`,
    '',
    body,
  );
}

function parseError(text: string): SipParseError {
  try {
    parseMessage(text);
  } catch (error) {
    expect(error).toBeInstanceOf(SipParseError);
    return error as SipParseError;
  }
  throw new Error('expected a SipParseError');
}

describe('parseMessage: requests', () => {
  it('exposes the essentials eagerly', () => {
    const msg = parseMessage(invite());
    expect(msg).toBeInstanceOf(IncomingRequest);
    if (msg.kind !== 'request') throw new Error('narrowing');
    expect(msg.method).toBe('INVITE');
    expect(msg.ruri).toMatchObject({ scheme: 'sip', user: 'bob', host: 'biloxi.example.com' });
    expect(msg.requestUri).toBe('sip:bob@biloxi.example.com');
    expect(msg.callId).toBe('a84b4c76e66710@pc33.atlanta.example.com');
    expect(msg.cseq).toEqual({ seq: 314159, method: 'INVITE' });
    expect(msg.from).toMatchObject({ displayName: 'Alice', tag: '1928301774' });
    expect(msg.from.uri.host).toBe('atlanta.example.com');
    expect(msg.to.uri.user).toBe('bob');
    expect(msg.to.tag).toBeUndefined();
    expect(msg.via).toHaveLength(1);
    expect(msg.via[0]).toMatchObject({
      transport: 'WSS',
      host: 'pc33.atlanta.example.com',
      branch: 'z9hG4bK776asdhds',
    });
    expect(msg.contentLength).toBe(0);
    expect(msg.body).toBe('');
  });

  it('gives the raw text back', () => {
    const text = invite();
    const msg = parseMessage(text);
    expect(msg.raw).toBe(text);
    expect(String(msg)).toBe(text);
  });

  it('accepts unknown methods made of any token characters', () => {
    const text = crlf(
      "!interesting-Method0123456789_*+`.%indeed'~ sip:a@b SIP/2.0",
      'Via: SIP/2.0/UDP h;branch=z9hG4bK1',
      'To: <sip:a@b>',
      'From: <sip:c@d>;tag=1',
      'Call-ID: x',
      "CSeq: 1 !interesting-Method0123456789_*+`.%indeed'~",
      '',
      '',
    );
    const msg = parseMessage(text);
    expect(msg.kind === 'request' && msg.method).toBe(
      "!interesting-Method0123456789_*+`.%indeed'~",
    );
  });

  it('allows Max-Forwards to be absent', () => {
    const text = invite().replace('Max-Forwards: 70\r\n', '');
    expect(parseMessage(text).header('max-forwards')).toBeUndefined();
  });

  it('parses a Request-URI with an unknown scheme but refuses to interpret it', () => {
    const text = invite().replace('INVITE sip:bob@biloxi.example.com', 'INVITE urn:service:sos');
    const msg = parseMessage(text);
    if (msg.kind !== 'request') throw new Error('narrowing');
    expect(msg.requestUri).toBe('urn:service:sos');
    expect(() => msg.ruri).toThrow(SipParseError);
  });

  it('understands SIP/2.0 case-insensitively (RFC 3261 §7.1)', () => {
    expect(parseMessage(invite().replace(' SIP/2.0\r\n', ' sip/2.0\r\n')).kind).toBe('request');
  });
});

describe('parseMessage: responses', () => {
  const response = (statusLine: string): string =>
    crlf(
      statusLine,
      'Via: SIP/2.0/WSS pc33.atlanta.example.com;branch=z9hG4bK776asdhds;received=192.0.2.1',
      'To: Bob <sip:bob@biloxi.example.com>;tag=a6c85cf',
      'From: Alice <sip:alice@atlanta.example.com>;tag=1928301774',
      'Call-ID: a84b4c76e66710',
      'CSeq: 314159 INVITE',
      'Content-Length: 0',
      '',
      '',
    );

  it('reads status and reason', () => {
    const msg = parseMessage(response('SIP/2.0 180 Ringing'));
    expect(msg).toBeInstanceOf(IncomingResponse);
    if (msg.kind !== 'response') throw new Error('narrowing');
    expect(msg.status).toBe(180);
    expect(msg.reason).toBe('Ringing');
    expect(msg.to.tag).toBe('a6c85cf');
  });

  it('accepts empty and UTF-8 reason phrases', () => {
    const empty = parseMessage(response('SIP/2.0 100 '));
    expect(empty.kind === 'response' && empty.reason).toBe('');
    const bare = parseMessage(response('SIP/2.0 100'));
    expect(bare.kind === 'response' && bare.reason).toBe('');
    const utf8 = parseMessage(response('SIP/2.0 200 Très bien — 好'));
    expect(utf8.kind === 'response' && utf8.reason).toBe('Très bien — 好');
  });

  it.each([
    'SIP/2.0 4294967301 Big',
    'SIP/2.0 99 Low',
    'SIP/2.0 700 High',
    'SIP/2.0 20 OK',
    'SIP/2.0 2000 OK',
    'SIP/2.0  200 OK',
    'SIP/2.1 200 OK',
    'SIP/3.0 200 OK',
  ])('rejects the status line %j', (statusLine) => {
    expect(parseError(response(statusLine)).line).toBe(1);
  });
});

describe('parseMessage: header access', () => {
  const text = crlf(
    'OPTIONS sip:b@example.com SIP/2.0',
    'v: SIP/2.0/UDP a.example;branch=z9hG4bK1, SIP/2.0/TCP b.example;branch=z9hG4bK2',
    'VIA: SIP/2.0/UDP c.example;branch=z9hG4bK3',
    't: <sip:b@example.com>',
    'f: "Smith, J" <sip:j@example.com>;tag=9',
    'i: opt1',
    'CSEQ: 7 OPTIONS',
    'm: "A, B" <sip:a@a.example>, <sip:b@b.example;transport=ws>',
    'k: timer, 100rel',
    'Supported: replaces',
    'WWW-Authenticate: Digest realm="a, b", nonce="1"',
    'WWW-Authenticate: Digest realm="c", nonce="2"',
    'Date: Sat, 13 Nov 2010 23:29:00 GMT',
    'X-Custom: one, two',
    'Subject:',
    'NewFangledHeader:   newfangled value',
    ' continued newfangled value',
    'l: 0',
    '',
    '',
  );
  const msg = parseMessage(text);

  it('orders Vias top first across lines and comma lists', () => {
    expect(msg.via.map((via) => via.branch)).toEqual(['z9hG4bK1', 'z9hG4bK2', 'z9hG4bK3']);
  });

  it('finds headers case-insensitively and by compact form', () => {
    expect(msg.header('CALL-ID')).toBe('opt1');
    expect(msg.header('i')).toBe('opt1');
    expect(msg.header('l')).toBe('0');
    expect(msg.header('content-length')).toBe('0');
    expect(msg.header('x-custom')).toBe('one, two');
    expect(msg.header('missing')).toBeUndefined();
    expect(msg.hasHeader('Subject')).toBe(true);
    expect(msg.header('s')).toBe('');
  });

  it('splits comma lists but not quoted commas', () => {
    expect(msg.headers('Contact')).toEqual([
      '"A, B" <sip:a@a.example>',
      '<sip:b@b.example;transport=ws>',
    ]);
    expect(msg.headers('supported')).toEqual(['timer', '100rel', 'replaces']);
    expect(msg.headers('via')).toHaveLength(3);
  });

  it('does not split headers that are not comma lists', () => {
    expect(msg.headers('www-authenticate')).toEqual([
      'Digest realm="a, b", nonce="1"',
      'Digest realm="c", nonce="2"',
    ]);
    expect(msg.headers('Date')).toEqual(['Sat, 13 Nov 2010 23:29:00 GMT']);
    expect(msg.headers('X-Custom')).toEqual(['one, two']);
    expect(msg.headers('missing')).toEqual([]);
  });

  it('unfolds continuation lines into one SP', () => {
    expect(msg.header('NewFangledHeader')).toBe('newfangled value continued newfangled value');
  });

  it('keeps every header line with its name as written and its line number', () => {
    const via = msg.rawHeaders[0];
    expect(via).toMatchObject({
      name: 'v',
      key: 'via',
      value: 'SIP/2.0/UDP a.example;branch=z9hG4bK1, SIP/2.0/TCP b.example;branch=z9hG4bK2',
      line: 2,
    });
    expect(text.slice(via?.valueStart, via?.valueEnd)).toBe(via?.value);
    const folded = msg.rawHeaders.find((header) => header.key === 'newfangledheader');
    expect(folded?.valueStart).toBe(-1);
    expect(msg.rawHeaders.map((h) => h.key)).toContain('newfangledheader');
  });

  it('parses typed headers lazily and caches them', () => {
    const challenges = msg.parsed('www-authenticate');
    expect(challenges?.map((c) => c.params['realm'])).toEqual(['a, b', 'c']);
    expect(msg.parsed('www-authenticate')).toBe(challenges);
    expect(msg.parsed('supported')).toEqual(['timer', '100rel', 'replaces']);
    expect(msg.parsed('contact')?.contacts.map((c) => c.displayName)).toEqual(['A, B', undefined]);
    expect(msg.parsed('from')).toBe(msg.from);
    expect(msg.parsed('via')).toBe(msg.via);
    expect(msg.parsed('cseq')).toBe(msg.cseq);
    expect(msg.parsed('call-id')).toBe('opt1');
    expect(msg.parsed('content-length')).toBe(0);
    expect(msg.parsed('require')).toBeUndefined();
    expect(msg.parsed('x-custom' as 'require')).toBeUndefined();
    expect(msg.parsed('Subject' as 'require')).toBeUndefined();
  });

  it('reports a malformed lazy header as SipParseError with its line', () => {
    const bad = parseMessage(invite(['Session-Expires: soon', 'Expires: 10', 'Expires: 20']));
    try {
      bad.parsed('session-expires');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(SipParseError);
      expect((error as SipParseError).line).toBe(9);
      expect((error as SipParseError).header).toBe('session-expires');
    }
    expect(() => bad.parsed('expires')).toThrow(SipParseError);
  });
});

describe('parseMessage: framing and body', () => {
  const sdp = 'v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\n';

  it('reads a body delimited by Content-Length', () => {
    const msg = parseMessage(invite(['Content-Type: application/sdp'], sdp));
    expect(msg.body).toBe(sdp);
    expect(msg.parsed('content-type')?.mediaType).toBe('application/sdp');
  });

  it('counts Content-Length in UTF-8 bytes', () => {
    const body = 'x=héllo 好\r\n';
    const msg = parseMessage(invite([], body));
    expect(msg.contentLength).toBe(14);
    expect(msg.body).toBe(body);
  });

  it('truncates a body longer than Content-Length (RFC 3261 §18.3)', () => {
    const text = invite([], sdp).replace(`Content-Length: ${sdp.length}`, 'Content-Length: 5');
    const msg = parseMessage(text);
    expect(msg.body).toBe('v=0\r\n');
    expect(msg.raw).toBe(text.slice(0, text.length - sdp.length + 5));
  });

  it('truncates at a UTF-8 byte count, and refuses to cut a character', () => {
    const text = invite([], 'éa').replace('Content-Length: 3', 'Content-Length: 2');
    expect(parseMessage(text).body).toBe('é');
    expect(() => parseMessage(text.replace('Content-Length: 2', 'Content-Length: 1'))).toThrow(
      SipParseError,
    );
  });

  it('runs the body to the end without Content-Length (RFC 7118)', () => {
    const text = invite([], sdp).replace(`Content-Length: ${sdp.length}\r\n`, '');
    expect(parseMessage(text).body).toBe(sdp);
    expect(parseMessage(text).contentLength).toBeUndefined();
  });

  it.each([
    ['larger than the body', 'Content-Length: 999'],
    ['negative', 'Content-Length: -1'],
    ['non-numeric', 'Content-Length: abc'],
    ['empty', 'Content-Length: '],
    ['fractional', 'Content-Length: 1.0'],
    ['conflicting', 'Content-Length: 0\r\nl: 3'],
  ])('rejects a Content-Length that is %s', (_what, header) => {
    const text = invite().replace('Content-Length: 0', header);
    expect(() => parseMessage(text)).toThrow(SipParseError);
  });

  it('accepts a repeated identical Content-Length', () => {
    expect(
      parseMessage(invite().replace('Content-Length: 0', 'Content-Length: 0\r\nl: 0'))
        .contentLength,
    ).toBe(0);
  });

  it('accepts bare LF line endings and leading CRLFs', () => {
    const text = `\r\n\r\n${invite([], sdp).replaceAll('\r\n', '\n')}`.replace(
      `Content-Length: ${sdp.length}`,
      `Content-Length: ${sdp.length - 3}`,
    );
    const msg = parseMessage(text);
    expect(msg.kind).toBe('request');
    expect(msg.cseq.seq).toBe(314159);
    expect(msg.body).toBe(sdp.replaceAll('\r\n', '\n'));
  });
});

describe('parseMessage: malformed messages', () => {
  it.each([
    ['an empty string', ''],
    ['only CRLFs', '\r\n\r\n'],
    ['a head without an empty line', crlf(...INVITE_HEAD)],
    ['a start line only', 'INVITE sip:a@b SIP/2.0\r\n\r\n'],
    ['a folded start line', invite().replace('SIP/2.0\r\n', 'SIP/2.0\r\n x\r\n')],
    ['a header without colon', invite(['NoColonHere'])],
    ['a header name with a space', invite(['Bad Name: x'])],
    ['a bare CR', invite(['X-A: 1\rX-B: 2'])],
    ['a missing Via', invite().replace(/Via: .*\r\n/, '')],
    ['a missing From', invite().replace(/From: .*\r\n/, '')],
    ['a missing To', invite().replace(/To: .*\r\n/, '')],
    ['a missing Call-ID', invite().replace(/Call-ID: .*\r\n/, '')],
    ['a missing CSeq', invite().replace(/CSeq: .*\r\n/, '')],
    ['two Call-IDs', invite(['i: other'])],
    ['two From headers', invite(['f: <sip:x@y>;tag=2'])],
    ['a CSeq method mismatch', invite().replace('CSeq: 314159 INVITE', 'CSeq: 314159 ACK')],
    ['a CSeq too large', invite().replace('CSeq: 314159', 'CSeq: 2147483648')],
    ['a malformed Via', invite().replace('SIP/2.0/WSS pc33', 'SIP/2.0/ pc33')],
    ['two spaces in the request line', invite().replace('INVITE sip', 'INVITE  sip')],
    ['a trailing space in the request line', invite().replace(' SIP/2.0\r\n', ' SIP/2.0 \r\n')],
    [
      'a bracketed Request-URI',
      invite().replace('sip:bob@biloxi.example.com SIP', '<sip:bob@biloxi.example.com> SIP'),
    ],
    ['an unknown version', invite().replace(' SIP/2.0\r\n', ' SIP/7.0\r\n')],
    [
      'headers in the Request-URI',
      invite().replace('sip:bob@biloxi.example.com SIP', 'sip:bob@biloxi.example.com?Route=x SIP'),
    ],
    ['a bad method', invite().replace('INVITE sip', 'INV(ITE sip')],
  ])('rejects %s', (_what, text) => {
    expect(() => parseMessage(text)).toThrow(SipParseError);
  });

  // Issue 19: the serializer refuses these, so the parser must too (one rule, chars.ts).
  it.each([
    ['a NUL in a quoted display name', 'from', ['From: "a\0b" <sip:a@b>;tag=1']],
    ['a BEL in a To display name', 'to', ['To: "Bob\x07" <sip:bob@biloxi.example.com>']],
    ['a DEL in an extension header', 'x-evil', ['X-Evil: a\x7fb']],
    ['a NUL on a continuation line', 'subject', ['Subject: hi', ' there\0']],
  ] as const)('refuses %s, naming the header', (_what, header, lines) => {
    const head = INVITE_HEAD.filter((l) => !lines.some((n) => n.split(':')[0] === l.split(':')[0]));
    const error = parseError(crlf(...head, ...lines, '', ''));
    expect(error.header).toBe(header);
    expect(error.reason).toMatch(/control character/);
  });

  it('refuses a control character in a reason phrase', () => {
    expect(parseError(crlf('SIP/2.0 200 O\x01K', ...INVITE_HEAD.slice(1), '', '')).reason).toMatch(
      /control character/,
    );
  });

  it('accepts control characters escaped in a quoted string (RFC 4475 §3.1.1.2)', () => {
    const message = parseMessage(invite(['Subject: "x\\\0y"']));
    expect(message.header('subject')).toBe('"x\\\0y"');
  });

  it('says where the problem is', () => {
    const error = parseError(invite(['NoColonHere']));
    expect(error.line).toBe(9);
    expect(error.message).toContain('line 9');
    expect(error.name).toBe('SipParseError');
    const viaError = parseError(invite().replace('SIP/2.0/WSS pc33', 'SIP/2.0/ pc33'));
    expect(viaError.line).toBe(2);
    expect(viaError.header).toBe('via');
  });

  it('refuses non-strings with SipParseError', () => {
    expect(() => parseMessage(undefined as unknown as string)).toThrow(SipParseError);
    expect(() => parseMessage(42 as unknown as string)).toThrow(SipParseError);
  });
});

describe('parseMessage: size limit', () => {
  it('refuses messages over maxSize up front', () => {
    const text = invite(['X-Pad: ' + 'a'.repeat(300)]);
    expect(() => parseMessage(text, { maxSize: 200 })).toThrow(/larger than 200/);
    expect(parseMessage(text, { maxSize: text.length }).kind).toBe('request');
  });
});
