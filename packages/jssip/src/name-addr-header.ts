import { parseNameAddr, quoteString, type NameAddr } from '@sipkit/core';
import { Parameters, type ParameterValues } from './parameters.js';
import { URI } from './uri.js';

/**
 * JsSIP's `NameAddrHeader`: a display name, a `URI` and header parameters, as in From, To and
 * Contact (RFC 3261 §20.10). `session.remote_identity` and `local_identity` are these.
 *
 * @example
 * const from = NameAddrHeader.parse('"Bob" <sip:bob@example.com>;tag=1');
 * from.display_name; // 'Bob'
 * from.uri.user; // 'bob'
 */
export class NameAddrHeader extends Parameters {
  uri: URI;
  #displayName: string | undefined;

  constructor(uri: URI, display_name?: string, parameters: ParameterValues = {}) {
    if (!(uri instanceof URI)) throw new TypeError('NameAddrHeader needs a URI instance');
    super(parameters);
    this.uri = uri;
    this.#displayName = display_name === '' ? undefined : display_name;
  }

  /** Parses a name-addr or addr-spec; undefined when malformed (as JsSIP does). */
  static parse(text: string): NameAddrHeader | undefined {
    let parsed: NameAddr;
    try {
      parsed = parseNameAddr(text.trim());
    } catch {
      return undefined;
    }
    return NameAddrHeader.fromSipKit(parsed);
  }

  /** @internal From SipKit's parsed form. */
  static fromSipKit(nameAddr: NameAddr): NameAddrHeader {
    const parameters: Record<string, string | null> = {};
    for (const [name, value] of Object.entries(nameAddr.params))
      parameters[name] = value === '' ? null : value;
    return new NameAddrHeader(URI.fromSipKit(nameAddr.uri), nameAddr.displayName, parameters);
  }

  /** @internal From SipKit's `{ displayName, uri }` identity. */
  static fromIdentity(identity: {
    readonly displayName: string | undefined;
    readonly uri: string;
  }): NameAddrHeader {
    const uri = URI.parse(identity.uri) ?? new URI('sip', undefined, identity.uri);
    return new NameAddrHeader(uri, identity.displayName);
  }

  get display_name(): string | undefined {
    return this.#displayName;
  }
  set display_name(value: string | undefined) {
    this.#displayName = value === '' || value === null ? undefined : value;
  }

  clone(): NameAddrHeader {
    return new NameAddrHeader(this.uri.clone(), this.#displayName, this.parameterValues());
  }

  override toString(): string {
    const name =
      this.#displayName === undefined ? '' : `${quoteString(this.#displayName, 'display name')} `;
    let text = `${name}<${this.uri.toString()}>`;
    for (const [param, value] of Object.entries(this.parameterValues())) {
      text += value === null ? `;${param}` : `;${param}=${value}`;
    }
    return text;
  }
}
