/** The connection counts `ConnectionAdmission` enforces. */
export interface AdmissionLimits {
  readonly maxConnections: number;
  readonly maxConnectionsPerIp: number;
}

/**
 * Counts open connections, in all and per remote address, and says when one more would be too
 * many. Without it a thousand idle sockets from one client exhaust the process's file
 * descriptors and lock every real client out.
 *
 * @example
 * const admission = new ConnectionAdmission({ maxConnections: 256, maxConnectionsPerIp: 32 });
 * if (admission.refusal('127.0.0.1') === undefined) admission.opened('127.0.0.1');
 */
export class ConnectionAdmission {
  readonly #limits: AdmissionLimits;
  readonly #perAddress = new Map<string, number>();
  #total = 0;

  constructor(limits: AdmissionLimits) {
    this.#limits = limits;
  }

  get total(): number {
    return this.#total;
  }

  /** Why a new connection from `address` must be refused, or undefined when it may open. */
  refusal(address: string): string | undefined {
    if (this.#total >= this.#limits.maxConnections) {
      return `${this.#total} connections open, the limit (maxConnections) is ${this.#limits.maxConnections}`;
    }
    const fromAddress = this.#perAddress.get(address) ?? 0;
    if (fromAddress >= this.#limits.maxConnectionsPerIp) {
      return `${fromAddress} connections open from this address, the limit (maxConnectionsPerIp) is ${this.#limits.maxConnectionsPerIp}`;
    }
    return undefined;
  }

  opened(address: string): void {
    this.#total++;
    this.#perAddress.set(address, (this.#perAddress.get(address) ?? 0) + 1);
  }

  closed(address: string): void {
    this.#total = Math.max(0, this.#total - 1);
    const left = (this.#perAddress.get(address) ?? 1) - 1;
    if (left <= 0) this.#perAddress.delete(address);
    else this.#perAddress.set(address, left);
  }
}
