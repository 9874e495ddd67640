import { SingleTimer, type Clock } from '../transport/clock.js';
import type { TransactionTimers } from './timers.js';

/**
 * What a transaction needs from the layer that owns it. Built by `TransactionLayer`; exported
 * for the transaction classes, not meant for application code.
 */
export interface TransactionContext {
  readonly clock: Clock;
  readonly timers: TransactionTimers;
  /** Hands a serialized message to the transport; false when the transport refused it. */
  send(message: string): boolean;
  /** Called once, when the transaction enters Terminated, so the registry forgets it. */
  forget(transaction: object): void;
}

/** The TU callbacks every transaction may report. */
interface LifecycleUser {
  onTimeout?(): void;
  onTransportError?(): void;
  onTerminated?(): void;
}

/**
 * State, the single timer and termination shared by the four RFC 3261 §17 state machines.
 * `State` is the machine's state union, including `'terminated'`.
 */
export abstract class TransactionBase<State extends string> {
  protected readonly context: TransactionContext;
  readonly #lifecycle: LifecycleUser;
  /**
   * Every §17 machine runs at most one timer at a time on a reliable transport (B or M or D;
   * F or K; H or I or L; J), so starting a timer replaces the previous one.
   */
  readonly #timer: SingleTimer;
  #state: State | 'terminated';

  protected constructor(context: TransactionContext, initial: State, lifecycle: LifecycleUser) {
    this.context = context;
    this.#lifecycle = lifecycle;
    this.#timer = new SingleTimer(context.clock);
    this.#state = initial;
  }

  /** The current state; `'terminated'` once the transaction left the registry. */
  get state(): State | 'terminated' {
    return this.#state;
  }

  /**
   * Terminates at once without a timeout or transport report (the TU still gets
   * `onTerminated`). Used by `TransactionLayer.stop()`.
   */
  stop(): void {
    this.terminate();
  }

  /**
   * The connection this transaction's request went out on is gone (RFC 3261 §17.1.4; with
   * WebSocket the flow itself failed, RFC 5626 §4.4): no response can come back on it, so the TU
   * hears a transport error now instead of a timeout 64*T1 later. Client transactions still
   * waiting for a final response use this; the layer decides which.
   */
  connectionLost(): void {
    this.failTransport();
  }

  protected get terminated(): boolean {
    return this.#state === 'terminated';
  }

  protected enter(state: State): void {
    if (!this.terminated) this.#state = state;
  }

  /**
   * Runs `callback` after `ms`, replacing the pending timer. Zero means now (RFC 3261 Timers D,
   * I, J, K on a reliable transport), so a finished transaction leaves no timer behind.
   */
  protected after(ms: number, callback: () => void): void {
    if (this.terminated) return;
    if (ms <= 0) {
      this.#timer.cancel();
      callback();
    } else {
      this.#timer.schedule(ms, callback);
    }
  }

  /** Terminates when `ms` has passed (Timers D, I, J, K, L, M: the state simply ends). */
  protected terminateAfter(ms: number): void {
    this.after(ms, () => this.terminate());
  }

  /** Terminates with `onTimeout` when `ms` has passed (Timers B, F, H; the §9.1 CANCEL guard). */
  protected timeOutAfter(ms: number): void {
    this.after(ms, () => this.terminate(() => this.#lifecycle.onTimeout?.()));
  }

  protected cancelTimer(): void {
    this.#timer.cancel();
  }

  /** Sends, and on a transport refusal reports it and terminates (RFC 3261 §17.1.4, §17.2.4). */
  protected transmit(message: string): boolean {
    if (this.terminated) return false;
    if (this.context.send(message)) return true;
    this.failTransport();
    return false;
  }

  protected failTransport(): void {
    this.terminate(() => this.#lifecycle.onTransportError?.());
  }

  /**
   * Enters Terminated (idempotent): cancels the timer, leaves the registry, then tells the TU
   * why (`report`, e.g. a timeout) and finally `onTerminated`.
   */
  protected terminate(report?: () => void): void {
    if (this.terminated) return;
    this.#state = 'terminated';
    this.#timer.cancel();
    this.context.forget(this);
    try {
      report?.();
    } finally {
      this.#lifecycle.onTerminated?.();
    }
  }
}
