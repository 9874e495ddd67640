import type { Direction } from './fault-plan.js';

/** What became of one message handed to a virtual link. */
export type MessageFate = 'delivered' | 'dropped' | 'delayed' | 'duplicated' | 'reordered' | 'lost';

/** One message seen on the in-memory network, in the order it was sent. */
export interface TrafficEntry {
  readonly seq: number;
  readonly socketId: string;
  readonly direction: Direction;
  readonly message: string;
  fate: MessageFate;
}

/**
 * Every message that crossed the network, for assertions ("exactly one REGISTER was sent") and
 * for pictures such as a ladder diagram. Bounded so a soak test cannot grow it without limit.
 */
export class TrafficLog {
  readonly #entries: TrafficEntry[] = [];
  #seq = 0;

  constructor(readonly limit = 10_000) {}

  record(socketId: string, direction: Direction, message: string): TrafficEntry {
    const entry: TrafficEntry = {
      seq: ++this.#seq,
      socketId,
      direction,
      message,
      fate: 'delivered',
    };
    this.#entries.push(entry);
    if (this.#entries.length > this.limit) this.#entries.shift();
    return entry;
  }

  /** Entries, oldest first, optionally filtered. */
  entries(filter?: (entry: TrafficEntry) => boolean): readonly TrafficEntry[] {
    return filter === undefined ? [...this.#entries] : this.#entries.filter(filter);
  }

  /** Requests of this method sent towards the server (e.g. `requestsSent('REGISTER')`). */
  requestsSent(method: string): readonly TrafficEntry[] {
    return this.entries((e) => e.direction === 'to-server' && e.message.startsWith(`${method} `));
  }

  clear(): void {
    this.#entries.length = 0;
  }
}
