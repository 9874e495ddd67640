import type { Contact } from '@sipkit/core';
import { BoundedMap } from './bounded-map.js';

/** Who holds a contact host, and how it was learned. */
interface Claim {
  readonly connectionId: string;
  /** The AOR whose successful REGISTER claimed the host; undefined for a claim by another request. */
  readonly aor: string | undefined;
}

/** Why `ContactAliases` refused a claim, for the log line. */
export type AliasRefusal = 'held by another connection' | 'a domain served here' | 'limit';

/**
 * Which connection reaches each Contact host (RFC 7118 §5: WebSocket UAs put made-up `.invalid`
 * hosts in Contact), the way Kamailio's contact aliases work, but never last writer wins: a
 * successful REGISTER claims its contact hosts, and only the same connection or a later REGISTER
 * of the same AOR (a reconnected UA) takes one over. Any other request may only claim a host
 * nobody holds. Without this a stranger's request with the
 * right Contact host would take over a user's in-dialog requests. No host of the proxy itself or
 * of a domain it serves is ever an alias: that would capture every request for that domain.
 *
 * @example
 * aliases.register('df7jal23ls0d.invalid', 'ws3', 'bob@sip.test');
 * aliases.connectionFor('df7jal23ls0d.invalid'); // 'ws3'
 */
export class ContactAliases {
  readonly #claims = new Map<string, Claim>();
  readonly #perConnection = new Map<string, number>();
  /** Domains of AORs that registered (bounded: a client may register at many made-up domains). */
  readonly #aorDomains = new BoundedMap<string, true>(1024);
  readonly #limitPerConnection: number;
  readonly #isOwnHost: (host: string) => boolean;

  /** `isOwnHost`: the proxy's own host and its configured domains. */
  constructor(limitPerConnection: number, isOwnHost: (host: string) => boolean) {
    this.#limitPerConnection = limitPerConnection;
    this.#isOwnHost = isOwnHost;
  }

  /** Records the domain of an AOR that registered: from now on no Contact host may alias it. */
  addDomain(domain: string): void {
    this.#aorDomains.set(domain.toLowerCase(), true);
  }

  /** Claims `host` for a connection whose REGISTER of `aor` just succeeded. */
  register(host: string, connectionId: string, aor: string): AliasRefusal | undefined {
    const key = host.toLowerCase();
    if (this.#reserved(key)) return 'a domain served here';
    const held = this.#claims.get(key);
    // Another connection's host is taken over only by its own AOR re-registering (a UA that
    // reconnected before its old flow closed); never by another user, not even an authenticated one.
    const mayTake = held === undefined || held.connectionId === connectionId || held.aor === aor;
    if (!mayTake) return 'held by another connection';
    return this.#set(key, { connectionId, aor });
  }

  /** Claims `host` for a connection from a request other than REGISTER: only if nobody holds it. */
  claim(host: string, connectionId: string): AliasRefusal | undefined {
    const key = host.toLowerCase();
    if (this.#reserved(key)) return 'a domain served here';
    const held = this.#claims.get(key);
    if (held?.connectionId === connectionId) return undefined;
    if (held !== undefined) return 'held by another connection';
    return this.#set(key, { connectionId, aor: undefined });
  }

  /**
   * Learns from a successful (with users configured: authenticated) REGISTER of `aor` on a
   * connection: the hosts of the bindings it now holds. Returns one log line per refusal.
   */
  learnFromRegistration(
    bindings: ReadonlyArray<{ readonly contact: Contact; readonly connectionId: string }>,
    connectionId: string,
    aor: string,
  ): string[] {
    const mine = bindings.filter((b) => b.connectionId === connectionId);
    return mine.flatMap(({ contact }) =>
      this.#explain(contact.uri.host, this.register(contact.uri.host, connectionId, aor)),
    );
  }

  /**
   * Learns from a trusted request other than REGISTER (a UA that calls without registering is
   * reached back at its Contact too): only hosts nobody holds. Returns one log line per refusal.
   */
  learnFromRequest(contacts: readonly Contact[], connectionId: string): string[] {
    return contacts.flatMap(({ uri }) =>
      this.#explain(uri.host, this.claim(uri.host, connectionId)),
    );
  }

  connectionFor(host: string): string | undefined {
    const key = host.toLowerCase();
    return this.#reserved(key) ? undefined : this.#claims.get(key)?.connectionId;
  }

  removeConnection(connectionId: string): void {
    for (const [host, claim] of this.#claims) {
      if (claim.connectionId === connectionId) this.#claims.delete(host);
    }
    this.#perConnection.delete(connectionId);
  }

  #set(key: string, claim: Claim): AliasRefusal | undefined {
    const previous = this.#claims.get(key);
    if (previous?.connectionId !== claim.connectionId) {
      const count = this.#perConnection.get(claim.connectionId) ?? 0;
      if (count >= this.#limitPerConnection) return 'limit';
      this.#perConnection.set(claim.connectionId, count + 1);
      if (previous !== undefined) this.#release(previous.connectionId);
    }
    this.#claims.set(key, claim);
    return undefined;
  }

  #explain(host: string, refusal: AliasRefusal | undefined): string[] {
    if (refusal === undefined || refusal === 'a domain served here') return [];
    const why =
      refusal === 'limit'
        ? `limit (maxAliasesPerConnection) of ${this.#limitPerConnection} reached`
        : refusal;
    return [`contact host ${host} not learned: ${why}`];
  }

  #reserved(key: string): boolean {
    return this.#isOwnHost(key) || this.#aorDomains.get(key) === true;
  }

  #release(connectionId: string): void {
    const left = (this.#perConnection.get(connectionId) ?? 1) - 1;
    if (left <= 0) this.#perConnection.delete(connectionId);
    else this.#perConnection.set(connectionId, left);
  }
}
