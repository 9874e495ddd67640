/**
 * Thrown by the serializer and formatters when a value cannot be put on the wire safely:
 * CR, LF or NUL anywhere (header injection), a method or header name that is not a token,
 * a status code out of range.
 *
 * @example
 * serializeRequest({ method: 'OPTIONS', ruri: 'sip:a@b', headers: [['X', 'a\r\nEvil: 1']] }); // throws
 */
export class SipSerializeError extends Error {
  override readonly name = 'SipSerializeError';
  /** What was being serialized, e.g. `header value of Subject`. */
  readonly field: string;

  constructor(field: string, problem: string) {
    super(`${field}: ${problem}`);
    this.field = field;
  }
}
