import { headerKey, type HeaderEntry } from '@sipkit/core';
import { BoundedMap } from './bounded-map.js';
import { randomToken } from './random-token.js';

/** Where a flow alias leads: an open connection, or one that closed (RFC 5626 §5.3: 430). */
export type FlowTarget = { readonly connectionId: string } | 'gone' | undefined;

/**
 * Kamailio's contact aliases, flow by flow (`add_contact_alias()` / `handle_ruri_alias()`): the
 * Contact of each request or response a client sends through the proxy gets `;alias=<token>`
 * naming the connection it came on, and a request whose Request-URI carries the alias goes to
 * that connection and no other. A client that reconnects is therefore reachable in a dialog only
 * once it sent a target refresh (re-INVITE, UPDATE) from its new connection, as with Kamailio;
 * until then the far end's requests get 430 Flow Failed. Tokens are random, so an alias cannot be
 * guessed from a connection id.
 *
 * @example
 * const aliases = new FlowAliases();
 * const headers = withFlowAlias(request.headers, aliases.tokenFor('ws1'));
 * aliases.targetOf(token); // { connectionId: 'ws1' }, or 'gone' once it closed
 */
export class FlowAliases {
  readonly #tokens = new Map<string, string>();
  readonly #connections = new Map<string, string>();
  /** Tokens of closed connections, to tell "gone" (430) from "never heard of" (bounded). */
  readonly #gone = new BoundedMap<string, true>(4096);

  /** The alias token of a connection (made on first use, kept until it closes). */
  tokenFor(connectionId: string): string {
    let token = this.#tokens.get(connectionId);
    if (token === undefined) {
      token = randomToken(12);
      this.#tokens.set(connectionId, token);
      this.#connections.set(token, connectionId);
    }
    return token;
  }

  targetOf(token: string): FlowTarget {
    const connectionId = this.#connections.get(token);
    if (connectionId !== undefined) return { connectionId };
    return this.#gone.get(token) === true ? 'gone' : undefined;
  }

  removeConnection(connectionId: string): void {
    const token = this.#tokens.get(connectionId);
    if (token === undefined) return;
    this.#tokens.delete(connectionId);
    this.#connections.delete(token);
    this.#gone.set(token, true);
  }
}

/**
 * `headers` with `;alias=<token>` added to the URI of each `<...>` Contact value (a URI without
 * angle brackets is left alone: WebSocket UAs write name-addrs). An alias already there is
 * replaced, as Kamailio's is when the request passes again.
 */
export function withFlowAlias(headers: readonly HeaderEntry[], token: string): HeaderEntry[] {
  return headers.map((entry): HeaderEntry => {
    const [name, value] = entry;
    if (headerKey(name) !== 'contact') return entry;
    return [name, value.replace(/<([^>]*)>/g, (_, uri: string) => `<${aliased(uri, token)}>`)];
  });
}

function aliased(uri: string, token: string): string {
  const [base = '', ...params] = uri.split(';');
  const kept = params.filter((param) => !param.toLowerCase().startsWith('alias='));
  return [base, ...kept, `alias=${token}`].join(';');
}
