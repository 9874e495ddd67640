import { formatUri, parseUri, type SipUri, type UriScheme } from '@sipkit/core';
import { Parameters, type ParameterValues as Values } from './parameters.js';

/**
 * JsSIP's mutable `URI`: scheme, user, host, port, parameters and headers with JsSIP's
 * accessors. Parsing and printing are SipKit's (`parseUri` / `formatUri`, RFC 3261 §19.1), so
 * escaping follows the RFC.
 *
 * @example
 * const uri = URI.parse('sip:bob@example.com;transport=ws');
 * uri.user; // 'bob'
 * uri.getParam('transport'); // 'ws'
 */
export class URI extends Parameters {
  scheme: string;
  user: string | undefined;
  host: string;
  port: number | undefined;
  readonly #headers: Record<string, string[]> = {};

  constructor(
    scheme: string | undefined,
    user: string | undefined,
    host: string,
    port?: number,
    parameters: Values = {},
    headers: Record<string, string | string[]> = {},
  ) {
    super(parameters);
    this.scheme = (scheme ?? 'sip').toLowerCase();
    this.user = user;
    this.host = host;
    this.port = port;
    for (const [name, value] of Object.entries(headers)) this.setHeader(name, value);
  }

  /** Parses `text`; undefined when it is not a SIP, SIPS or tel URI (JsSIP returns undefined too). */
  static parse(text: string): URI | undefined {
    let parsed: SipUri;
    try {
      parsed = parseUri(text.trim());
    } catch {
      return undefined;
    }
    return URI.fromSipKit(parsed);
  }

  /** @internal A JsSIP URI from SipKit's parsed form. */
  static fromSipKit(uri: SipUri): URI {
    const parameters: Values = {};
    for (const [name, value] of Object.entries(uri.params))
      parameters[name] = value === '' ? null : value;
    return new URI(uri.scheme, uri.user, uri.host, uri.port, parameters, { ...uri.headers });
  }

  setHeader(name: string, value: string | string[]): void {
    this.#headers[headerize(name)] = Array.isArray(value) ? [...value] : [value];
  }
  getHeader(name: string): string[] | undefined {
    return this.#headers[headerize(name)];
  }
  hasHeader(name: string): boolean {
    return Object.hasOwn(this.#headers, headerize(name));
  }
  deleteHeader(name: string): string[] | undefined {
    const key = headerize(name);
    const value = this.#headers[key];
    Reflect.deleteProperty(this.#headers, key);
    return value;
  }
  clearHeaders(): void {
    for (const key of Object.keys(this.#headers)) Reflect.deleteProperty(this.#headers, key);
  }

  clone(): URI {
    return new URI(this.scheme, this.user, this.host, this.port, this.parameterValues(), {
      ...this.#headers,
    });
  }

  override toString(): string {
    const params: Record<string, string> = {};
    for (const [name, value] of Object.entries(this.parameterValues())) params[name] = value ?? '';
    const headers: Record<string, string> = {};
    for (const [name, values] of Object.entries(this.#headers)) {
      const first = values[0];
      if (first !== undefined) headers[name] = first;
    }
    return formatUri({
      scheme: this.scheme as UriScheme,
      user: this.user,
      host: this.host,
      port: this.port,
      params,
      headers,
    });
  }

  /** The address of record: scheme, user and host only (RFC 3261 §10.2: no port, no parameters). */
  toAor(showPort = false): string {
    return formatUri({
      scheme: this.scheme as UriScheme,
      user: this.user,
      host: this.host,
      port: showPort ? this.port : undefined,
    });
  }
}

/** `x-my-header` -> `X-My-Header`, as JsSIP prints header names. */
export function headerize(name: string): string {
  const exceptions: Record<string, string> = {
    'call-id': 'Call-ID',
    cseq: 'CSeq',
    'www-authenticate': 'WWW-Authenticate',
  };
  const lower = name.toLowerCase();
  return (
    exceptions[lower] ??
    lower
      .split('-')
      .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
      .join('-')
  );
}
