import type { Clock } from '@sipkit/core';
import type { Direction, FaultPlan } from './fault-plan.js';
import type { TrafficLog } from './traffic-log.js';

/** Receives the messages that reach one end of a link. */
export type LinkReceiver = (message: string) => void;

/**
 * A two-way, ordered, message-oriented pipe (like one WebSocket) between a virtual socket and the
 * server. Delivery is asynchronous (a microtask, so fake timers do not stall it) and in order;
 * faults may drop, delay, duplicate or reorder single messages. A closed link delivers nothing,
 * so messages in flight when a connection is cut are lost, as on a real network.
 */
export class VirtualLink {
  #open = true;
  /** The client closed cleanly: it sends nothing more, what it sent before still arrives. */
  #closing = false;
  #muted = false;
  readonly #held = new Map<Direction, string[]>();

  constructor(
    readonly socketId: string,
    private readonly receivers: Record<Direction, LinkReceiver>,
    private readonly faults: FaultPlan,
    private readonly traffic: TrafficLog,
    private readonly clock: Clock,
  ) {}

  get isOpen(): boolean {
    return this.#open;
  }

  /** Drops everything sent from now on, both ways, without closing (a path that went silent). */
  mute(): void {
    this.#muted = true;
  }

  close(): void {
    this.#open = false;
    this.#held.clear();
  }

  /**
   * A clean close by the client (RFC 6455 §5.5.1: the Close frame follows the data already
   * sent, as a browser's `close()` after `send()` does): what it sent before still arrives, in
   * order, nothing it sends after; then the link closes and `closed` runs.
   */
  closeAfterSent(closed: () => void): void {
    this.#closing = true;
    // Deliveries are microtasks in order, so this one runs after every message already sent.
    queueMicrotask(() => {
      this.close();
      closed();
    });
  }

  transmit(direction: Direction, message: string): void {
    if (!this.#open || (this.#closing && direction === 'to-server')) return;
    const entry = this.traffic.record(this.socketId, direction, message);
    if (this.#muted) {
      entry.fate = 'dropped';
      return;
    }
    const action = this.faults.actionFor(message, direction, this.socketId);
    switch (action?.kind) {
      case undefined:
        this.#deliverSoon(direction, message);
        this.#releaseHeld(direction);
        return;
      case 'drop':
        entry.fate = 'dropped';
        return;
      case 'delay':
        entry.fate = 'delayed';
        this.clock.setTimeout(() => this.#deliver(direction, message), action.ms);
        return;
      case 'duplicate':
        entry.fate = 'duplicated';
        this.#deliverSoon(direction, message);
        this.#deliverSoon(direction, message);
        this.#releaseHeld(direction);
        return;
      case 'reorder':
        entry.fate = 'reordered';
        this.#held.set(direction, [...(this.#held.get(direction) ?? []), message]);
        return;
    }
  }

  #releaseHeld(direction: Direction): void {
    const held = this.#held.get(direction);
    if (held === undefined) return;
    this.#held.delete(direction);
    for (const message of held) this.#deliverSoon(direction, message);
  }

  #deliverSoon(direction: Direction, message: string): void {
    queueMicrotask(() => this.#deliver(direction, message));
  }

  #deliver(direction: Direction, message: string): void {
    if (this.#open) this.receivers[direction](message);
  }
}
