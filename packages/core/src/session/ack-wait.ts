import type { IncomingRequest, OutgoingResponse } from '../message/index.js';
import type { InviteServerTransaction } from '../transaction/index.js';
import { Causes } from '../ua/causes.js';
import { AnswerRetransmitter } from './answer-retransmitter.js';
import type { CallCore } from './call-core.js';

/** An ACK we wait for: of our initial 2xx or of a 2xx to a re-INVITE. */
interface AwaitedAck {
  readonly cseq: number;
  readonly retransmitter: AnswerRetransmitter;
  readonly onAck: (ack: IncomingRequest) => void;
}

/**
 * Our 2xx to an INVITE (initial or re-INVITE) waiting for its ACK (RFC 3261 §13.3.1.4): resent
 * until the ACK comes, BYE when it never does. A call hung up meanwhile keeps its dialog until
 * then, because the BYE must wait for the ACK (§15).
 */
export class AckWait {
  readonly #core: CallCore;
  #awaited: AwaitedAck | undefined;
  #byeWhenAcked = false;

  constructor(core: CallCore) {
    this.#core = core;
  }

  /** True while a 2xx of ours is unacknowledged. */
  get pending(): boolean {
    return this.#awaited !== undefined;
  }

  /** The call ended before the ACK: its BYE, and forgetting the dialog, wait for the ACK. */
  get byeWhenAcked(): boolean {
    return this.#byeWhenAcked;
  }

  deferBye(): void {
    this.#byeWhenAcked = true;
  }

  /** Resends `response` until the ACK with `cseq` arrives (then `onAck`) or 64*T1 passes. */
  start(
    cseq: number,
    transaction: InviteServerTransaction,
    response: OutgoingResponse,
    onAck: (ack: IncomingRequest) => void,
  ): void {
    const core = this.#core;
    const retransmitter = new AnswerRetransmitter(
      core.context.clock,
      core.context.transactions().timers,
    );
    this.#awaited = { cseq, retransmitter, onAck };
    retransmitter.start(transaction, response, () => {
      this.#awaited = undefined;
      if (this.#byeWhenAcked) return this.byeAfterAck();
      core.hangUp(Causes.NO_ACK, undefined);
    });
  }

  /** The ACK of one of our 2xx (RFC 3261 §13.3.1.4). */
  receive(ack: IncomingRequest): void {
    const awaited = this.#awaited;
    if (awaited === undefined || ack.cseq.seq !== awaited.cseq) return;
    this.#awaited = undefined;
    awaited.retransmitter.stop();
    awaited.onAck(ack);
  }

  /** The deferred end of a call hung up before the ACK: BYE, and the UA forgets the call. */
  byeAfterAck(): void {
    const core = this.#core;
    this.#byeWhenAcked = false;
    core.bye([]);
    if (core.dialog !== undefined) core.context.detach(core.dialog);
    core.context.ended(core.session);
  }

  stop(): void {
    this.#awaited?.retransmitter.stop();
    this.#awaited = undefined;
  }
}
