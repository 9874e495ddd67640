import { describe, expect, it } from 'vitest';
import { WebSocketInterface } from '../transport/index.js';
import { ConfigurationError } from './configuration-error.js';
import { InvalidOptionError } from './invalid-option-error.js';
import { normalizeConfiguration } from './normalize-configuration.js';
import {
  checkContentType,
  checkExtraHeaders,
  checkReasonPhrase,
  headerLineProblem,
} from './option-checks.js';

function optionError(run: () => unknown): InvalidOptionError {
  try {
    run();
  } catch (error) {
    if (error instanceof InvalidOptionError) return error;
    throw error;
  }
  throw new Error('expected an InvalidOptionError');
}

describe('extraHeaders checks', () => {
  it('accepts ordinary lines, Route and Contact included', () => {
    const lines = ['X-Foo: 1', 'Route: <sip:p.example;lr>', 'Contact: <sip:a@b>', 'Subject:'];
    expect(checkExtraHeaders(lines)).toEqual(lines);
    expect(checkExtraHeaders(undefined)).toEqual([]);
  });

  it.each([
    ['a CRLF injection', ['X-A: 1', 'X-B: 2\r\nVia: evil'], 'extraHeaders[1]', /CR, LF/],
    ['a bare LF', ['X-A: 1\nX-B: 2'], 'extraHeaders[0]', /CR, LF/],
    ['a NUL', ['X-A: a\0b'], 'extraHeaders[0]', /control character/],
    ['no colon', ['X-A 1'], 'extraHeaders[0]', /Name: value/],
    ['a second Via', ['Via: SIP/2.0/WSS evil.invalid'], 'extraHeaders[0]', /written by the stack/],
    ['a compact Call-ID', ['i: other-call'], 'extraHeaders[0]', /written by the stack/],
    ['a CSeq', ['cseq: 9 BYE'], 'extraHeaders[0]', /written by the stack/],
    ['not a string', [42], 'extraHeaders[0]', /Name: value/],
    ['a name the serializer refuses', ['X^A: 1'], 'extraHeaders[0]', /token/],
  ])('refuses %s, naming the entry', (_what, lines, parameter, message) => {
    const error = optionError(() => checkExtraHeaders(lines));
    expect(error.parameter).toBe(parameter);
    expect(error.message).toMatch(message);
  });

  it('refuses what is not an array', () => {
    expect(optionError(() => checkExtraHeaders('X-A: 1')).parameter).toBe('extraHeaders');
  });

  it('applies the same rule to the configured extra_headers, as ConfigurationError', () => {
    const base = {
      uri: 'sip:alice@example.com',
      sockets: new WebSocketInterface('wss://x.example'),
    };
    expect(headerLineProblem('Max-Forwards: 1')).toMatch(/written by the stack/);
    for (const line of ['Call-ID: x', 'X-A: a\x07b']) {
      try {
        normalizeConfiguration({ ...base, extra_headers: ['X-Ok: 1', line] });
        throw new Error('expected a ConfigurationError');
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigurationError);
        expect((error as ConfigurationError).parameter).toBe('extra_headers[1]');
      }
    }
  });
});

describe('contentType and reason_phrase checks', () => {
  it('accepts media types with parameters', () => {
    expect(checkContentType('application/dtmf-relay', 'contentType')).toBe(
      'application/dtmf-relay',
    );
    expect(checkContentType('text/plain; charset="utf-8"', 'contentType')).toBeTruthy();
  });

  it.each(['', 'json', 'text/plain\r\nVia: x', 'a/b;c', 'a/b c'])('refuses %j', (value) => {
    expect(optionError(() => checkContentType(value, 'contentType')).parameter).toBe('contentType');
  });

  it('refuses a reason phrase that would break the status line', () => {
    expect(() => checkReasonPhrase('Busy \\o/')).not.toThrow();
    expect(optionError(() => checkReasonPhrase('Busy\r\nX: 1')).parameter).toBe('reason_phrase');
    expect(optionError(() => checkReasonPhrase('a\0')).parameter).toBe('reason_phrase');
  });
});
