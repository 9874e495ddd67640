import type { HeaderEntry, IncomingRequest, OutgoingResponse } from '../message/index.js';
import type { InviteServerTransaction, ServerTransaction } from '../transaction/index.js';
import { SingleTimer } from '../transport/clock.js';
import type { CallCore } from './call-core.js';
import { listsReliable, parseRAck, RELIABLE_PROVISIONALS } from './reliable-provisional.js';

/** What the caller's INVITE said about 100rel (RFC 3262 §3). */
export type ReliabilityMode = 'required' | 'supported' | 'none';

/** One reliable provisional response of ours, sent or waiting its turn. */
interface Provisional {
  readonly build: (headers: readonly HeaderEntry[]) => OutgoingResponse;
  readonly withSdp: boolean;
}

/** Sent, not yet acknowledged. */
interface Outstanding {
  readonly rseq: number;
  readonly withSdp: boolean;
}

/** What the call does with a PRACK that matched: the SDP for its 200 (an answer to its offer). */
export type PrackHandler = (prack: IncomingRequest) => Promise<string | undefined>;

/**
 * The UAS's reliable provisional responses for one INVITE (RFC 3262 §3): RSeq numbering from a
 * random start, one outstanding at a time (a second waits until the first is PRACKed, and none
 * with SDP may overtake an unacknowledged one, §5), retransmission at T1, 2*T1, 4*T1... until the
 * PRACK, and `onTimeout` after 64*T1 without one (the INVITE then gets a 5xx).
 *
 * Which 18x go reliably (`reliable()`), our policy: every one when the INVITE has `Require:
 * 100rel`; with `Supported: 100rel` only those with SDP (early media: the answer must arrive and
 * be final before media flows), not a bare 180, which costs a PRACK round trip for nothing.
 *
 * @example
 * if (provisionals.reliable(true)) provisionals.send((headers) => build183(headers), true);
 */
export class ReliableProvisionals {
  readonly mode: ReliabilityMode;
  readonly #core: CallCore;
  readonly #transaction: InviteServerTransaction;
  readonly #inviteSeq: number;
  readonly #resend: SingleTimer;
  readonly #giveUp: SingleTimer;
  readonly #onTimeout: () => void;
  readonly #waiting: Provisional[] = [];
  /** Resolved when nothing with SDP is unacknowledged any more (or the INVITE is over). */
  #settled: Array<(acknowledged: boolean) => void> = [];
  #outstanding: Outstanding | undefined;
  #nextRSeq: number;
  #stopped = false;

  constructor(
    core: CallCore,
    invite: IncomingRequest,
    transaction: InviteServerTransaction,
    onTimeout: () => void,
  ) {
    this.#core = core;
    this.#transaction = transaction;
    this.#inviteSeq = invite.cseq.seq;
    this.#onTimeout = onTimeout;
    this.mode = listsReliable(invite, 'require')
      ? 'required'
      : listsReliable(invite, 'supported')
        ? 'supported'
        : 'none';
    // §3: the first RSeq is chosen at random between 1 and 2**31 - 1.
    this.#nextRSeq = 1 + Math.floor(core.context.random() * (2 ** 31 - 2));
    this.#resend = new SingleTimer(core.context.clock);
    this.#giveUp = new SingleTimer(core.context.clock);
  }

  /** Whether an 18x (with or without SDP) goes reliably (see the policy above). */
  reliable(withSdp: boolean): boolean {
    return this.mode === 'required' || (this.mode === 'supported' && withSdp);
  }

  /** True while a provisional of ours with SDP waits for its PRACK (or its turn). */
  get sdpUnacknowledged(): boolean {
    return this.#outstanding?.withSdp === true || this.#waiting.some((p) => p.withSdp);
  }

  /**
   * Sends a reliable 18x (`build` gets `Require: 100rel` and its RSeq), now or, while another is
   * unacknowledged, once that one is PRACKed.
   */
  send(build: Provisional['build'], withSdp: boolean): void {
    if (this.#stopped) return;
    this.#waiting.push({ build, withSdp });
    if (this.#outstanding === undefined) this.#sendNext();
  }

  /**
   * Resolves true once every provisional with SDP was PRACKed (at once when none is out): a 2xx
   * must wait for them (§3); false when the INVITE ended first.
   */
  acknowledged(): Promise<boolean> {
    if (!this.sdpUnacknowledged) return Promise.resolve(!this.#stopped);
    return new Promise((resolve) => this.#settled.push(resolve));
  }

  /**
   * A PRACK in the early dialog: 200 when its RAck names the provisional outstanding (§3), with
   * the SDP `handle` gives (the answer to an offer in it); 481 for any other RAck, as §3 says for
   * a PRACK that matches no unacknowledged reliable provisional.
   */
  receivePrack(prack: IncomingRequest, transaction: ServerTransaction, handle: PrackHandler): void {
    const core = this.#core;
    const rack = parseRAck(prack.header('rack'));
    const outstanding = this.#outstanding;
    if (
      rack === undefined ||
      outstanding === undefined ||
      rack.rseq !== outstanding.rseq ||
      rack.cseq !== this.#inviteSeq ||
      rack.method !== 'INVITE'
    ) {
      return void transaction.respond(core.response(prack, 481));
    }
    this.#resend.cancel();
    this.#giveUp.cancel();
    // Acknowledged once its SDP is handled: a 2xx waiting for it must see the answer applied.
    const done = (): void => {
      if (this.#outstanding !== outstanding) return;
      this.#outstanding = undefined;
      if (this.#waiting.length > 0) this.#sendNext();
      else this.#settle(true);
    };
    handle(prack).then(
      (sdp) => {
        transaction.respond(core.response(prack, 200, { sdp }));
        done();
      },
      () => {
        transaction.respond(core.response(prack, 488));
        done();
      },
    );
  }

  /** The INVITE got its final response or the call ended: nothing more is resent or sent. */
  stop(): void {
    this.#stopped = true;
    this.#resend.cancel();
    this.#giveUp.cancel();
    this.#waiting.length = 0;
    this.#outstanding = undefined;
    this.#settle(false);
  }

  #sendNext(): void {
    const next = this.#waiting.shift();
    if (next === undefined) return;
    const rseq = this.#nextRSeq++;
    const response = next.build([
      ['Require', RELIABLE_PROVISIONALS],
      ['RSeq', String(rseq)],
    ]);
    this.#outstanding = { rseq, withSdp: next.withSdp };
    this.#transaction.respond(response);
    // §3: passed to the transaction layer again after T1, doubling each time, on every
    // transport (a proxy may forward it over UDP); 64*T1 without a PRACK ends the INVITE.
    const { t1 } = this.#core.context.transactions().timers;
    const again = (interval: number): void => {
      this.#resend.schedule(interval, () => {
        this.#transaction.respond(response);
        again(interval * 2);
      });
    };
    again(t1);
    this.#giveUp.schedule(64 * t1, () => {
      this.stop();
      this.#onTimeout();
    });
  }

  #settle(acknowledged: boolean): void {
    if (acknowledged && this.sdpUnacknowledged) return;
    const waiters = this.#settled;
    this.#settled = [];
    for (const resolve of waiters) resolve(acknowledged);
  }
}
