import { describe, expect, it } from 'vitest';
import { SipParseError } from './sip-parse-error.js';
import { SipSerializeError } from './sip-serialize-error.js';
import { formatNameAddr, parseNameAddr } from './name-addr.js';

describe('parseNameAddr', () => {
  it('reads a quoted display name with escapes', () => {
    const value = parseNameAddr('"J Rosenberg \\\\\\"" <sip:jdrosen@example.com>;tag=98asjd8');
    expect(value.displayName).toBe('J Rosenberg \\"');
    expect(value.uri.user).toBe('jdrosen');
    expect(value.tag).toBe('98asjd8');
  });

  it('reads token display names, with or without space before <', () => {
    expect(parseNameAddr('Bob Smith <sip:bob@b.example>').displayName).toBe('Bob Smith');
    expect(parseNameAddr('caller<sip:caller@example.com>;tag=323').displayName).toBe('caller');
  });

  it('reads UTF-8 display names', () => {
    expect(parseNameAddr('"Zoë Dupré" <sip:zoe@example.com>').displayName).toBe('Zoë Dupré');
  });

  it('reads an addr-spec whose parameters belong to the header', () => {
    const value = parseNameAddr('sip:alice@example.com;tag=1928301774;x');
    expect(value.displayName).toBeUndefined();
    expect({ ...value.uri.params }).toEqual({});
    expect({ ...value.params }).toEqual({ tag: '1928301774', x: '' });
  });

  it('separates URI parameters inside <> from header parameters outside', () => {
    const value = parseNameAddr('<sip:a@b;transport=ws> ; tag = 7 ; Q=0.5');
    expect(value.uri.params['transport']).toBe('ws');
    expect(value.tag).toBe('7');
    expect(value.params['q']).toBe('0.5');
  });

  it('keeps quoted parameter values as written', () => {
    expect(parseNameAddr('<sip:a@b>;+sip.instance="<urn:uuid:1>"').params['+sip.instance']).toBe(
      '"<urn:uuid:1>"',
    );
  });

  it.each([
    ['an unterminated display name', '"Mr. J. User <sip:j.user@example.com>'],
    ['a comma in an unquoted display name', 'Bell, Alexander <sip:a.g.bell@example.com>'],
    ['spaces inside <>', '< sip:t.watson@example.org >'],
    ['an unterminated <', '<sip:a@b'],
    ['a display name without <>', '"Bob" sip:bob@b'],
    ['headers in a bare addr-spec', 'sip:user@example.com?Route=%3Csip:sip.example.com%3E'],
    ['text after the value', '<sip:a@b> junk'],
    ['an empty parameter', '<sip:a@b>;;tag=1'],
    ['an unknown scheme', '<http://www.example.com>'],
  ])('rejects %s', (_what, text) => {
    expect(() => parseNameAddr(text)).toThrow(SipParseError);
  });
});

describe('formatNameAddr', () => {
  it('quotes and escapes the display name', () => {
    expect(formatNameAddr({ displayName: 'A "B" \\C', uri: 'sip:a@b', tag: 'x' })).toBe(
      '"A \\"B\\" \\\\C" <sip:a@b>;tag=x',
    );
  });

  it('formats URI objects and parameters', () => {
    expect(
      formatNameAddr({
        uri: { scheme: 'sip', user: 'bob', host: 'b.example' },
        params: { expires: '60', ob: '' },
      }),
    ).toBe('<sip:bob@b.example>;expires=60;ob');
  });

  it('round-trips through parseNameAddr', () => {
    const text = formatNameAddr({
      displayName: 'Zoë "Z" \\',
      uri: 'sip:z@example.com',
      tag: 'abc',
    });
    const parsed = parseNameAddr(text);
    expect(parsed.displayName).toBe('Zoë "Z" \\');
    expect(parsed.tag).toBe('abc');
  });

  it('escapes control characters of a display name, so what was parsed can be written again', () => {
    const text = formatNameAddr({ displayName: 'a\0b\x07\x7f\tc', uri: 'sip:a@b' });
    expect(text).toBe('"a\\\0b\\\x07\\\x7f\tc" <sip:a@b>');
    expect(parseNameAddr(text).displayName).toBe('a\0b\x07\x7f\tc');
  });

  it.each([
    ['CR in the display name', { displayName: 'a\rb', uri: 'sip:a@b' }],
    ['LF in the display name', { displayName: 'a\nb', uri: 'sip:a@b' }],
    ['CRLF in the URI string', { uri: 'sip:a@b>\r\nX: 1' }],
    ['a non-token parameter name', { uri: 'sip:a@b', params: { 'a b': '1' } }],
    ['a parameter value with CRLF', { uri: 'sip:a@b', params: { a: '1\r\nX: 2' } }],
    ['a parameter value with a stray quote', { uri: 'sip:a@b', params: { a: '"x' } }],
    ['a tag with a space', { uri: 'sip:a@b', tag: 'a b' }],
  ] as const)('refuses %s', (_what, value) => {
    expect(() => formatNameAddr(value)).toThrow(SipSerializeError);
  });
});
