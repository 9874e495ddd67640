import { emptyParams, type Params } from './params.js';
import { ValueScanner } from './value-scanner.js';

/** Content-Type (RFC 3261 §20.15): type and subtype lowercased, parameter values unquoted. */
export interface ContentType {
  readonly type: string;
  readonly subtype: string;
  /** `type/subtype`, e.g. `application/sdp`. */
  readonly mediaType: string;
  readonly params: Params;
}

/**
 * Parses `Content-Type: multipart/mixed;boundary="unique-boundary-1"`.
 *
 * @example parseContentType('Application/SDP').mediaType // 'application/sdp'
 */
export function parseContentType(value: string): ContentType {
  const scanner = new ValueScanner(value);
  scanner.skipWhitespace();
  const type = scanner.token('media type').toLowerCase();
  scanner.expect(0x2f, '/');
  const subtype = scanner.token('media subtype').toLowerCase();
  const params = emptyParams();
  // RFC 3261 §20.15: m-parameter values are token / quoted-string; MIME consumers want them unquoted.
  while (scanner.accept(0x3b)) {
    const name = scanner.token('parameter name').toLowerCase();
    scanner.expect(0x3d, '=');
    const paramValue =
      scanner.peek() === 0x22 ? scanner.quotedString() : scanner.token('parameter value');
    if (!(name in params)) params[name] = paramValue;
  }
  scanner.expectEnd();
  return { type, subtype, mediaType: `${type}/${subtype}`, params };
}
