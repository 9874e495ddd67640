import type { BearerCredentials } from '../auth/index.js';
import {
  createResponse,
  headerKey,
  type HeaderEntry,
  type IncomingRequest,
  type OutgoingRequest,
  type OutgoingResponse,
} from '../message/index.js';
import { newTag } from '../transaction/index.js';
import type { NormalizedConfiguration } from './configuration.js';
import type { LocalIdentity } from './local-identity.js';

/** What an out-of-dialog request needs beyond its method and target. */
export interface OutOfDialogRequestInit {
  readonly method: string;
  readonly ruri: string;
  /** To header value (name-addr); default `<ruri>`. */
  readonly to?: string;
  readonly callId: string;
  readonly cseq: number;
  readonly fromTag: string;
  /** Contact header value, for requests that carry one (REGISTER, INVITE, SUBSCRIBE, REFER). */
  readonly contact?: string;
  /** More headers, placed before the configured extra headers. */
  readonly headers?: readonly HeaderEntry[];
  /** Per-request `Name: value` lines, like JsSIP's `extraHeaders` option. */
  readonly extraHeaders?: readonly string[];
  readonly body?: string;
  readonly contentType?: string;
}

/** Where the current connection goes, for Via and the preloaded Route. */
export interface ConnectionInfo {
  readonly viaTransport: string;
  readonly serverSipUri: string;
}

/** Splits a validated `Name: value` line. */
export function headerLine(line: string): HeaderEntry {
  const colon = line.indexOf(':');
  return [line.slice(0, colon).trim(), line.slice(colon + 1).trim()];
}

/**
 * Builds the requests a UA sends outside dialogs (RFC 3261 §8.1.1) with everything the
 * configuration asks for: User-Agent, extra headers, the bearer token, a preloaded Route.
 * Via carries no branch: the transaction layer adds it.
 */
export class RequestFactory {
  readonly #identity: LocalIdentity;
  readonly #configuration: NormalizedConfiguration;
  readonly #bearer: BearerCredentials | undefined;
  readonly #connection: () => ConnectionInfo;

  constructor(
    identity: LocalIdentity,
    configuration: NormalizedConfiguration,
    bearer: BearerCredentials | undefined,
    connection: () => ConnectionInfo,
  ) {
    this.#identity = identity;
    this.#configuration = configuration;
    this.#bearer = bearer;
    this.#connection = connection;
  }

  outOfDialog(init: OutOfDialogRequestInit): OutgoingRequest {
    const connection = this.#connection();
    const headers: HeaderEntry[] = [
      ['Via', `SIP/2.0/${connection.viaTransport} ${this.#identity.viaHost}`],
      ['Max-Forwards', '70'],
    ];
    // Every out-of-dialog request is an initial request: `use_preloaded_route` routes it via the
    // socket's server (RFC 3261 §8.1.2 pre-existing route set).
    if (this.#configuration.use_preloaded_route) {
      headers.push(['Route', `<${connection.serverSipUri};lr>`]);
    }
    headers.push(
      ['To', init.to ?? `<${init.ruri}>`],
      ['From', this.#identity.fromHeader(init.fromTag)],
      ['Call-ID', init.callId],
      ['CSeq', `${init.cseq} ${init.method}`],
    );
    if (init.contact !== undefined) headers.push(['Contact', init.contact]);
    headers.push(...this.commonHeaders(init.headers, init.extraHeaders));
    if (init.body !== undefined && init.contentType !== undefined) {
      headers.push(['Content-Type', init.contentType]);
    }
    return {
      method: init.method,
      ruri: init.ruri,
      headers,
      ...(init.body === undefined ? {} : { body: init.body }),
    };
  }

  /**
   * A response the UA core gives itself (405, 481, 415, OPTIONS, MESSAGE...): our To-tag when the
   * request had none (RFC 3261 §8.2.6.2) and the headers every response of this UA carries.
   */
  response(
    request: IncomingRequest,
    status: number,
    options: {
      readonly reason?: string | undefined;
      readonly headers?: readonly HeaderEntry[];
    } = {},
  ): OutgoingResponse {
    return createResponse(request, status, options.reason, {
      toTag: request.to.tag === undefined && status > 100 ? newTag() : undefined,
      headers: this.responseHeaders(options.headers),
    });
  }

  /**
   * Headers every response of this UA carries: User-Agent and the configured extra headers, never
   * credentials. The bearer token and any `Authorization`/`Proxy-Authorization` line (configured
   * or per call) belong to requests towards our own server (RFC 8898 §2.1, RFC 3261 §22.2,
   * §22.3); a response goes to whoever sent the request, so a caller or anyone who sends OPTIONS
   * would otherwise receive the user's token.
   */
  responseHeaders(
    headers: readonly HeaderEntry[] = [],
    extraHeaders: readonly string[] = [],
  ): HeaderEntry[] {
    return this.#headers(headers, extraHeaders, false);
  }

  /** Headers every request of this UA carries (also used in dialogs), the bearer token included. */
  commonHeaders(
    headers: readonly HeaderEntry[] = [],
    extraHeaders: readonly string[] = [],
  ): HeaderEntry[] {
    return this.#headers(headers, extraHeaders, true);
  }

  #headers(
    headers: readonly HeaderEntry[],
    extraHeaders: readonly string[],
    request: boolean,
  ): HeaderEntry[] {
    const out: HeaderEntry[] = [];
    const add = (entry: HeaderEntry): void => {
      if (request || !isCredentialHeader(entry[0])) out.push(entry);
    };
    headers.forEach(add);
    if (request && this.#bearer !== undefined) {
      out.push([this.#bearer.headerName, this.#bearer.header()]);
    }
    out.push(['User-Agent', this.#configuration.user_agent]);
    for (const line of [...this.#configuration.extra_headers, ...extraHeaders])
      add(headerLine(line));
    return out;
  }
}

/** Headers that carry credentials (RFC 3261 §20.7, §20.28): requests only, never responses. */
function isCredentialHeader(name: string): boolean {
  const key = headerKey(name);
  return key === 'authorization' || key === 'proxy-authorization';
}
