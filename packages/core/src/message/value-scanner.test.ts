import { describe, expect, it } from 'vitest';
import { SipParseError } from './sip-parse-error.js';
import { unquote } from './value-scanner.js';

describe('unquote', () => {
  it('unescapes quoted-pairs and leaves tokens alone', () => {
    expect(unquote('"a \\"b\\" \\\\ c"')).toBe('a "b" \\ c');
    expect(unquote('token')).toBe('token');
    expect(unquote('""')).toBe('');
  });

  it.each(['"open', '"a" b', '"a\\', '"a\r\nb"'])('rejects %j', (value) => {
    expect(() => unquote(value)).toThrow(SipParseError);
  });
});
