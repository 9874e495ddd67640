import { parseNameAddr, quoteString, type NameAddr } from '@sipkit/core';
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
export class NameAddrHeader {
  uri: URI;
  #displayName: string | undefined;
  readonly #parameters: Record<string, string | null> = {};

  constructor(uri: URI, display_name?: string, parameters: Record<string, string | null> = {}) {
    if (!(uri instanceof URI)) throw new TypeError('NameAddrHeader needs a URI instance');
    this.uri = uri;
    this.#displayName = display_name === '' ? undefined : display_name;
    for (const [name, value] of Object.entries(parameters)) this.setParam(name, value);
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

  setParam(name: string, value?: string | null): void {
    this.#parameters[name.toLowerCase()] =
      value === undefined || value === null ? null : String(value);
  }
  getParam(name: string): string | null | undefined {
    return this.#parameters[name.toLowerCase()];
  }
  hasParam(name: string): boolean {
    return Object.hasOwn(this.#parameters, name.toLowerCase());
  }
  deleteParam(name: string): string | null | undefined {
    const key = name.toLowerCase();
    const value = this.#parameters[key];
    Reflect.deleteProperty(this.#parameters, key);
    return value;
  }
  clearParams(): void {
    for (const key of Object.keys(this.#parameters)) Reflect.deleteProperty(this.#parameters, key);
  }

  clone(): NameAddrHeader {
    return new NameAddrHeader(this.uri.clone(), this.#displayName, { ...this.#parameters });
  }

  toString(): string {
    const name =
      this.#displayName === undefined ? '' : `${quoteString(this.#displayName, 'display name')} `;
    let text = `${name}<${this.uri.toString()}>`;
    for (const [param, value] of Object.entries(this.#parameters)) {
      text += value === null ? `;${param}` : `;${param}=${value}`;
    }
    return text;
  }
}
