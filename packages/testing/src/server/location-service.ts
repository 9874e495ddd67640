import type { Contact } from '@sipkit/core';

/** One registered contact of an address of record (RFC 3261 §10.3). */
export interface Binding {
  readonly aor: string;
  /** The contact URI as registered, used as the Request-URI when routing to it. */
  readonly contactUri: string;
  readonly contact: Contact;
  /** The connection the REGISTER arrived on: the only way to reach a `.invalid` host (RFC 7118). */
  readonly connectionId: string;
  readonly callId: string;
  readonly cseq: number;
  /** Absolute expiry in ms since the epoch. */
  readonly expiresAt: number;
  /** RFC 5627 GRUUs handed out for this binding, when it registered with `+sip.instance`. */
  readonly pubGruu?: string;
  readonly tempGruu?: string;
}

/**
 * The registrar's bindings: AOR -> contacts, each tied to the connection it came from. When a
 * connection closes its bindings go too: over WebSocket nothing else can reach them, and keeping
 * them would make callers wait for a flow that no longer exists (RFC 5626 §5.3).
 */
export class LocationService {
  readonly #bindings = new Map<string, Binding[]>();
  readonly #now: () => number;

  constructor(now: () => number) {
    this.#now = now;
  }

  /** Live bindings of an AOR, highest q first (RFC 3261 §16.6, ordering by q-value). */
  lookup(aor: string): Binding[] {
    const now = this.#now();
    const live = (this.#bindings.get(aor) ?? []).filter((b) => b.expiresAt > now);
    if (live.length === 0) this.#bindings.delete(aor);
    else this.#bindings.set(aor, live);
    return [...live].sort((a, b) => (b.contact.q ?? 1) - (a.contact.q ?? 1));
  }

  /** The existing binding for the same contact URI (compared case-insensitively), if any. */
  find(aor: string, contactUri: string): Binding | undefined {
    const key = contactUri.toLowerCase();
    return this.lookup(aor).find((b) => b.contactUri.toLowerCase() === key);
  }

  /** Adds or replaces the binding for its contact URI. */
  put(binding: Binding): void {
    const others = this.lookup(binding.aor).filter(
      (b) => b.contactUri.toLowerCase() !== binding.contactUri.toLowerCase(),
    );
    this.#bindings.set(binding.aor, [...others, binding]);
  }

  remove(aor: string, contactUri?: string): void {
    if (contactUri === undefined) {
      this.#bindings.delete(aor);
      return;
    }
    const key = contactUri.toLowerCase();
    const rest = this.lookup(aor).filter((b) => b.contactUri.toLowerCase() !== key);
    if (rest.length === 0) this.#bindings.delete(aor);
    else this.#bindings.set(aor, rest);
  }

  removeConnection(connectionId: string): void {
    for (const [aor, bindings] of this.#bindings) {
      const rest = bindings.filter((b) => b.connectionId !== connectionId);
      if (rest.length === 0) this.#bindings.delete(aor);
      else this.#bindings.set(aor, rest);
    }
  }

  /** The binding a GRUU names (RFC 5627 §5.4), if it is still registered. */
  findByGruu(gruu: string): Binding | undefined {
    for (const aor of [...this.#bindings.keys()]) {
      const match = this.lookup(aor).find((b) => b.pubGruu === gruu || b.tempGruu === gruu);
      if (match !== undefined) return match;
    }
    return undefined;
  }

  /** Live bindings of every AOR together (the registrar bounds it). */
  count(): number {
    let live = 0;
    for (const aor of [...this.#bindings.keys()]) live += this.lookup(aor).length;
    return live;
  }

  /** Every AOR with at least one live binding. */
  registeredAors(): string[] {
    return [...this.#bindings.keys()].filter((aor) => this.lookup(aor).length > 0);
  }
}
