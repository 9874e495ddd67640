/** The connection counts `ConnectionAdmission` enforces. */
export interface AdmissionLimits {
  readonly maxConnections: number;
  readonly maxConnectionsPerIp: number;
}

/** What to do with a new connection. */
export type Admission =
  | { readonly ok: true; readonly evicted?: { readonly id: string; readonly limit: string } }
  | { readonly ok: false; readonly reason: string };

interface OpenConnection {
  readonly address: string;
  /** True once it sent a well-formed SIP message. */
  spoke: boolean;
  readonly drop: () => void;
}

/**
 * Counts open connections, in all and per remote address. Without it a thousand idle sockets
 * exhaust the process's file descriptors and lock every real client out. At a limit the oldest
 * connection that never spoke SIP makes room (every local tab shares 127.0.0.1, so refusing would
 * let idle sockets lock real clients out until they time out); only when every connection in
 * scope has spoken is the new one refused.
 *
 * @example
 * const admission = new ConnectionAdmission({ maxConnections: 256, maxConnectionsPerIp: 32 });
 * if (admission.admit('127.0.0.1').ok) admission.opened('ws1', '127.0.0.1', () => socket.terminate());
 */
export class ConnectionAdmission {
  readonly #limits: AdmissionLimits;
  /** In the order they opened: the first silent one found is the oldest. */
  readonly #open = new Map<string, OpenConnection>();

  constructor(limits: AdmissionLimits) {
    this.#limits = limits;
  }

  get total(): number {
    return this.#open.size;
  }

  /** Whether a connection from `address` may open now, making room when it can. */
  admit(address: string): Admission {
    const fromAddress = [...this.#open.values()].filter((c) => c.address === address).length;
    if (fromAddress >= this.#limits.maxConnectionsPerIp) {
      const limit = `maxConnectionsPerIp is ${this.#limits.maxConnectionsPerIp}`;
      return this.#makeRoom((c) => c.address === address, limit);
    }
    if (this.#open.size >= this.#limits.maxConnections) {
      return this.#makeRoom(() => true, `maxConnections is ${this.#limits.maxConnections}`);
    }
    return { ok: true };
  }

  opened(id: string, address: string, drop: () => void): void {
    this.#open.set(id, { address, spoke: false, drop });
  }

  /** The connection sent a well-formed SIP message: it is a client, not a held socket. */
  spoke(id: string): void {
    const connection = this.#open.get(id);
    if (connection !== undefined) connection.spoke = true;
  }

  /** Idempotent: an evicted connection was already forgotten when its close arrives. */
  closed(id: string): void {
    this.#open.delete(id);
  }

  #makeRoom(inScope: (c: OpenConnection) => boolean, limit: string): Admission {
    for (const [id, connection] of this.#open) {
      if (connection.spoke || !inScope(connection)) continue;
      this.#open.delete(id);
      connection.drop();
      return { ok: true, evicted: { id, limit } };
    }
    return { ok: false, reason: `every connection in scope speaks SIP and the limit (${limit})` };
  }
}
