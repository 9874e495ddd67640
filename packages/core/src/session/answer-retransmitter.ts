import type { OutgoingResponse } from '../message/index.js';
import type { InviteServerTransaction, TransactionTimers } from '../transaction/index.js';
import { SingleTimer, type Clock } from '../transport/clock.js';

/**
 * Re-sends our 2xx to an INVITE until its ACK arrives (RFC 3261 §13.3.1.4): after T1, then
 * doubling up to T2; 64*T1 without an ACK is `onNoAck` (the UAS then sends BYE). This is the
 * UAS core's job on every transport, since a proxy may forward over UDP.
 */
export class AnswerRetransmitter {
  readonly #resend: SingleTimer;
  readonly #giveUp: SingleTimer;
  readonly #timers: Pick<TransactionTimers, 't1' | 't2'>;

  constructor(clock: Clock, timers: Pick<TransactionTimers, 't1' | 't2'>) {
    this.#resend = new SingleTimer(clock);
    this.#giveUp = new SingleTimer(clock);
    this.#timers = timers;
  }

  start(
    transaction: InviteServerTransaction,
    response: OutgoingResponse,
    onNoAck: () => void,
  ): void {
    const { t1, t2 } = this.#timers;
    const again = (interval: number): void => {
      this.#resend.schedule(interval, () => {
        transaction.respond(response);
        again(Math.min(interval * 2, t2));
      });
    };
    again(t1);
    this.#giveUp.schedule(64 * t1, () => {
      this.stop();
      onNoAck();
    });
  }

  stop(): void {
    this.#resend.cancel();
    this.#giveUp.cancel();
  }
}
